/* detect.c - object detection end to end in C (tools/scripts/demo-detect.sh).
 *
 * Links against ssdlite320_mobilenet_v3_large compiled by mnc-compile up to
 * its head (libssdlite.a, ssdlite.h: one input, outputs bbox_regression
 * [1, 3234, 4] and cls_logits [1, 3234, 91]) and runtime/mnc_detect.c:
 *
 *   cc -std=c99 -O2 -I OUT -I runtime tools/demo/detect.c runtime/mnc_detect.c \
 *      OUT/libssdlite.a -lm -o detect
 *   ./detect IMAGE.ppm [DETECTIONS.txt [ANNOTATED.ppm]]
 *
 * Reads a binary PPM (P6, 8 or 16 bits), prepares it as torchvision's SSD
 * transform does for ssdlite320 (pixels / maxval in [0, 1], normalized with
 * mean 0.5 and std 0.5, resized bilinearly to 320 x 320 without keeping the
 * aspect ratio, align_corners=False, no antialiasing), runs the network,
 * generates the default boxes and post-processes with mnc_detect (torchvision's
 * defaults; boxes scaled back to the image's size), and prints the best
 * detections. Optionally writes all detections as text ("label score x1 y1
 * x2 y2" per line) and the image with the five best boxes drawn in.
 * Everything is C: no Python at run time.
 */
#define _POSIX_C_SOURCE 199309L
#include "mnc_detect.h"
#include "ssdlite.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum { kSize = MNC_DETECT_SSDLITE320_SIZE, kShown = 10, kDrawn = 5 };

/* The library must be the network this program expects. */
typedef char check_outputs[SSDLITE_INPUT_COUNT == 1 &&
                                   SSDLITE_OUTPUT_COUNT == 2
                               ? 1
                               : -1];
typedef char check_input[SSDLITE_INPUT0_SIZE == 3 * kSize * kSize ? 1 : -1];
typedef char check_boxes[SSDLITE_OUTPUT0_SIZE ==
                                 4 * MNC_DETECT_SSDLITE320_ANCHORS
                             ? 1
                             : -1];
typedef char check_logits[SSDLITE_OUTPUT1_SIZE ==
                                  MNC_DETECT_SSDLITE320_ANCHORS *
                                      MNC_DETECT_SSDLITE320_CLASSES
                              ? 1
                              : -1];

/* torchvision's COCO category names (index = label). */
static const char *const kCategories[MNC_DETECT_SSDLITE320_CLASSES] = {
    "__background__", "person", "bicycle", "car", "motorcycle", "airplane",
    "bus", "train", "truck", "boat", "traffic light", "fire hydrant", "N/A",
    "stop sign", "parking meter", "bench", "bird", "cat", "dog", "horse",
    "sheep", "cow", "elephant", "bear", "zebra", "giraffe", "N/A", "backpack",
    "umbrella", "N/A", "N/A", "handbag", "tie", "suitcase", "frisbee", "skis",
    "snowboard", "sports ball", "kite", "baseball bat", "baseball glove",
    "skateboard", "surfboard", "tennis racket", "bottle", "N/A", "wine glass",
    "cup", "fork", "knife", "spoon", "bowl", "banana", "apple", "sandwich",
    "orange", "broccoli", "carrot", "hot dog", "pizza", "donut", "cake",
    "chair", "couch", "potted plant", "bed", "N/A", "dining table", "N/A",
    "N/A", "toilet", "N/A", "tv", "laptop", "mouse", "remote", "keyboard",
    "cell phone", "microwave", "oven", "toaster", "sink", "refrigerator",
    "N/A", "book", "clock", "vase", "scissors", "teddy bear", "hair drier",
    "toothbrush"};

static double now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* ------------------------------------------------------------------ PPM --- */

typedef struct image {
  int width, height, maxval;
  unsigned short *rgb; /* height x width x 3 samples */
} image;

/* The next header number of a PPM, skipping whitespace and # comments. */
static int ppm_number(FILE *f, int *value) {
  int c = fgetc(f), n = 0, digits = 0;
  for (;;) {
    while (c == ' ' || c == '\t' || c == '\n' || c == '\r')
      c = fgetc(f);
    if (c != '#')
      break;
    while (c != '\n' && c != EOF)
      c = fgetc(f);
  }
  while (c >= '0' && c <= '9' && n < 1000000) {
    n = n * 10 + (c - '0');
    ++digits;
    c = fgetc(f);
  }
  *value = n;
  return digits > 0 && (c == ' ' || c == '\t' || c == '\n' || c == '\r');
}

static int read_ppm(const char *path, image *img) {
  FILE *f = fopen(path, "rb");
  size_t count, i;
  int ok = 0;
  img->rgb = NULL;
  if (!f)
    return 0;
  if (fgetc(f) == 'P' && fgetc(f) == '6' && ppm_number(f, &img->width) &&
      ppm_number(f, &img->height) && ppm_number(f, &img->maxval) &&
      img->width > 0 && img->height > 0 && img->width <= 16384 &&
      img->height <= 16384 && img->maxval > 0 && img->maxval <= 65535) {
    count = (size_t)img->width * (size_t)img->height * 3;
    img->rgb = malloc(count * sizeof *img->rgb);
    ok = img->rgb != NULL;
    for (i = 0; ok && i < count; ++i) {
      int hi = fgetc(f), lo = 0;
      if (img->maxval > 255)
        lo = fgetc(f);
      if (hi == EOF || lo == EOF)
        ok = 0;
      else
        img->rgb[i] = (unsigned short)(img->maxval > 255 ? hi * 256 + lo : hi);
    }
  }
  fclose(f);
  if (!ok) {
    free(img->rgb);
    img->rgb = NULL;
  }
  return ok;
}

static int write_ppm(const char *path, const image *img) {
  FILE *f = fopen(path, "wb");
  size_t i, count = (size_t)img->width * (size_t)img->height * 3;
  if (!f)
    return 0;
  fprintf(f, "P6\n%d %d\n255\n", img->width, img->height);
  for (i = 0; i < count; ++i)
    fputc((int)(img->rgb[i] * 255L / img->maxval), f);
  return fclose(f) == 0;
}

/* -------------------------------------------------------- preprocessing --- */

/* Source index and weights of torch's bilinear interpolation
 * (align_corners=False): src = (in / out) (dst + 0.5) - 0.5, at least 0. */
static void linear_taps(int in, int out, int *i0, int *i1, float *w0,
                        float *w1) {
  float scale = (float)in / (float)out;
  int dst;
  for (dst = 0; dst < out; ++dst) {
    float src = scale * ((float)dst + 0.5f) - 0.5f;
    int i;
    if (src < 0.0f)
      src = 0.0f;
    i = (int)src;
    if (i > in - 1)
      i = in - 1;
    i0[dst] = i;
    i1[dst] = i < in - 1 ? i + 1 : i;
    w1[dst] = src - (float)i;
    w0[dst] = 1.0f - w1[dst];
  }
}

/* torchvision's GeneralizedRCNNTransform for ssdlite320: normalize
 * ((x - 0.5) / 0.5, x = sample / maxval), then resize to 320 x 320. Writes the
 * network's NCHW input. */
static int preprocess(const image *img, float *input) {
  int W = img->width, H = img->height, c, y, x;
  size_t plane = (size_t)W * (size_t)H;
  float *normalized = malloc(3 * plane * sizeof *normalized);
  int xi0[kSize], xi1[kSize], yi0[kSize], yi1[kSize];
  float xw0[kSize], xw1[kSize], yw0[kSize], yw1[kSize];
  size_t p;
  if (!normalized)
    return 0;
  for (p = 0; p < plane; ++p)
    for (c = 0; c < 3; ++c) {
      float v = (float)img->rgb[3 * p + (size_t)c] / (float)img->maxval;
      normalized[(size_t)c * plane + p] = (v - 0.5f) / 0.5f;
    }
  linear_taps(W, kSize, xi0, xi1, xw0, xw1);
  linear_taps(H, kSize, yi0, yi1, yw0, yw1);
  for (c = 0; c < 3; ++c) {
    const float *src = normalized + (size_t)c * plane;
    for (y = 0; y < kSize; ++y) {
      const float *row0 = src + (size_t)yi0[y] * (size_t)W;
      const float *row1 = src + (size_t)yi1[y] * (size_t)W;
      for (x = 0; x < kSize; ++x) {
        float top = xw0[x] * row0[xi0[x]] + xw1[x] * row0[xi1[x]];
        float bottom = xw0[x] * row1[xi0[x]] + xw1[x] * row1[xi1[x]];
        input[((size_t)c * kSize + (size_t)y) * kSize + (size_t)x] =
            yw0[y] * top + yw1[y] * bottom;
      }
    }
  }
  free(normalized);
  return 1;
}

/* A 2-pixel rectangle outline in one colour. */
static void draw_box(image *img, const mnc_detection *d, const int rgb[3]) {
  int x1 = (int)d->x1, y1 = (int)d->y1, x2 = (int)d->x2, y2 = (int)d->y2;
  int x, y, t, c;
  if (x2 > img->width - 1)
    x2 = img->width - 1;
  if (y2 > img->height - 1)
    y2 = img->height - 1;
  for (y = y1; y <= y2; ++y)
    for (x = x1; x <= x2; ++x)
      for (t = 0; t < 2; ++t)
        if (y == y1 + t || y == y2 - t || x == x1 + t || x == x2 - t) {
          unsigned short *px =
              img->rgb + 3 * ((size_t)y * (size_t)img->width + (size_t)x);
          for (c = 0; c < 3; ++c)
            px[c] = (unsigned short)(rgb[c] * img->maxval / 255);
        }
}

/* ----------------------------------------------------------------- main --- */

int main(int argc, char **argv) {
  static float input[SSDLITE_INPUT0_SIZE];
  static float boxes[SSDLITE_OUTPUT0_SIZE];
  static float logits[SSDLITE_OUTPUT1_SIZE];
  static float anchors[4 * MNC_DETECT_SSDLITE320_ANCHORS];
  static unsigned char scratch[MNC_DETECT_SCRATCH_SIZE(
      MNC_DETECT_SSDLITE320_ANCHORS, MNC_DETECT_SSDLITE320_CLASSES, 300)];
  static mnc_detection detections[300];
  static const int colors[kDrawn][3] = {
      {255, 0, 0}, {0, 255, 0}, {0, 96, 255}, {255, 255, 0}, {255, 0, 255}};
  mnc_detect_params params;
  mnc_detect_anchor_params anchor_params;
  image img;
  void *block, *workspace;
  double start, net_ms = 0.0, post_ms = 0.0;
  int status, count = 0, i, run;

  if (argc < 2 || argc > 4) {
    fprintf(stderr, "usage: %s IMAGE.ppm [DETECTIONS.txt [ANNOTATED.ppm]]\n",
            argv[0]);
    return 2;
  }
  if (!read_ppm(argv[1], &img)) {
    fprintf(stderr, "detect: cannot read %s as a binary PPM (P6)\n", argv[1]);
    return 1;
  }
  block = malloc(SSDLITE_WORKSPACE_SIZE + MNC_WORKSPACE_ALIGNMENT);
  workspace = block ? mnc_align_workspace(block) : NULL;
  if (!block || !preprocess(&img, input)) {
    fprintf(stderr, "detect: out of memory\n");
    return 1;
  }

  /* The default boxes, once: torchvision's DefaultBoxGenerator in C. */
  mnc_detect_anchor_params_ssdlite320(&anchor_params);
  status = mnc_detect_generate_anchors(&anchor_params, anchors,
                                       MNC_DETECT_SSDLITE320_ANCHORS);
  if (status != MNC_DETECT_OK) {
    fprintf(stderr, "detect: anchors: %s\n", mnc_detect_status_string(status));
    return 1;
  }
  mnc_detect_params_ssdlite320(&params); /* torchvision's defaults */

  /* Best of 5 runs of each stage, one thread. */
  for (run = 0; run < 5; ++run) {
    start = now_ms();
    status = ssdlite_run(input, boxes, logits, workspace);
    if (status != MNC_OK) {
      fprintf(stderr, "detect: ssdlite_run: %s\n", mnc_status_string(status));
      return 1;
    }
    if (run == 0 || now_ms() - start < net_ms)
      net_ms = now_ms() - start;
    start = now_ms();
    status = mnc_detect_postprocess(&params, boxes, logits, anchors, img.width,
                                    img.height, scratch, sizeof scratch,
                                    detections, 300, &count);
    if (status != MNC_DETECT_OK) {
      fprintf(stderr, "detect: mnc_detect_postprocess: %s\n",
              mnc_detect_status_string(status));
      return 1;
    }
    if (run == 0 || now_ms() - start < post_ms)
      post_ms = now_ms() - start;
  }

  printf("image: %s, %d x %d, resized to %d x %d\n", argv[1], img.width,
         img.height, kSize, kSize);
  printf("ssdlite_run: %.2f ms; mnc_detect_postprocess: %.2f ms (best of 5, "
         "one thread)\n",
         net_ms, post_ms);
  printf("%d detections (score > %g, IoU > %g suppressed); the best %d, boxes "
         "in image pixels:\n",
         count, params.score_thresh, params.nms_thresh,
         count < kShown ? count : kShown);
  for (i = 0; i < count && i < kShown; ++i)
    printf("  %2d. %-14s (label %2d) score %.4f  box (%7.2f, %7.2f) - "
           "(%7.2f, %7.2f)\n",
           i + 1, kCategories[detections[i].label], detections[i].label,
           detections[i].score, detections[i].x1, detections[i].y1,
           detections[i].x2, detections[i].y2);

  if (argc >= 3) {
    FILE *f = fopen(argv[2], "w");
    if (!f) {
      fprintf(stderr, "detect: cannot write %s\n", argv[2]);
      return 1;
    }
    for (i = 0; i < count; ++i)
      fprintf(f, "%d %.9g %.9g %.9g %.9g %.9g\n", detections[i].label,
              detections[i].score, detections[i].x1, detections[i].y1,
              detections[i].x2, detections[i].y2);
    fclose(f);
  }
  if (argc >= 4) {
    for (i = count < kDrawn ? count : kDrawn; i-- > 0;)
      draw_box(&img, &detections[i], colors[i]);
    if (!write_ppm(argv[3], &img)) {
      fprintf(stderr, "detect: cannot write %s\n", argv[3]);
      return 1;
    }
  }
  free(img.rgb);
  free(block);
  return 0;
}
