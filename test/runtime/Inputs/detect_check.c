/*
 * detect_check.c - runs runtime/mnc_detect.c for test/runtime/detect.test.
 *
 *   detect_check anchors ssdlite320|ssd300 OUT.bin
 *       writes the default boxes mnc_detect_generate_anchors makes (float32,
 *       [count, 4]); ssd300 is torchvision's ssd300_vgg16 generator (steps,
 *       given scales, ratios differing per map).
 *   detect_check postprocess REG.bin LOGITS.bin ANCHORS.bin|ssdlite320 A C
 *                SCORE_THRESH NMS_THRESH TOPK DETECTIONS ORIG_W ORIG_H
 *                ROUNDING OUT.bin
 *       runs mnc_detect_postprocess on float32 files ([A, 4], [A, C], [A, 4];
 *       "ssdlite320" generates the anchors in C instead) with a scratch of
 *       exactly mnc_detect_scratch_size() bytes at an odd address, and writes
 *       the count (int32) and the detections (x1 y1 x2 y2 score as float32,
 *       label anchor as int32).
 *   detect_check edge
 *       error codes and edge cases; prints one line per check and "edge ok".
 */
#include "mnc_detect.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int failures = 0;

#define CHECK(cond)                                                            \
  do {                                                                         \
    if (cond) {                                                                \
      printf("pass: %s\n", #cond);                                             \
    } else {                                                                   \
      printf("FAIL: %s (line %d)\n", #cond, __LINE__);                         \
      ++failures;                                                              \
    }                                                                          \
  } while (0)

static float *read_floats(const char *path, size_t count) {
  float *data = malloc(count * sizeof *data);
  FILE *f = fopen(path, "rb");
  if (!data || !f || fread(data, sizeof *data, count, f) != count) {
    fprintf(stderr, "detect_check: cannot read %zu floats from %s\n", count,
            path);
    exit(1);
  }
  fclose(f);
  return data;
}

static void ssd300_anchor_params(mnc_detect_anchor_params *p) {
  static const int sizes[6] = {38, 19, 10, 5, 3, 1};
  static const int steps[6] = {8, 16, 32, 64, 100, 300};
  static const double scales[7] = {0.07, 0.15, 0.33, 0.51, 0.69, 0.87, 1.05};
  static const int ratios[6] = {1, 2, 2, 2, 1, 1};
  int k;
  memset(p, 0, sizeof *p);
  p->image_width = p->image_height = 300;
  p->num_feature_maps = 6;
  p->num_scales = 7;
  p->has_steps = 1;
  p->clip = 1;
  for (k = 0; k < 7; ++k)
    p->scales[k] = scales[k];
  for (k = 0; k < 6; ++k) {
    p->feature_map_height[k] = p->feature_map_width[k] = sizes[k];
    p->steps[k] = steps[k];
    p->num_aspect_ratios[k] = ratios[k];
    p->aspect_ratios[k][0] = 2.0;
    p->aspect_ratios[k][1] = 3.0;
  }
}

static int anchors_mode(const char *which, const char *out_path) {
  mnc_detect_anchor_params p;
  int count, status;
  float *anchors;
  FILE *f;
  if (strcmp(which, "ssdlite320") == 0)
    mnc_detect_anchor_params_ssdlite320(&p);
  else
    ssd300_anchor_params(&p);
  count = mnc_detect_anchor_count(&p);
  anchors = malloc((size_t)count * 4 * sizeof *anchors);
  status = mnc_detect_generate_anchors(&p, anchors, count);
  if (status != MNC_DETECT_OK) {
    fprintf(stderr, "detect_check: %s\n", mnc_detect_status_string(status));
    return 1;
  }
  f = fopen(out_path, "wb");
  fwrite(anchors, sizeof *anchors, (size_t)count * 4, f);
  fclose(f);
  printf("%s anchors: %d\n", which, count);
  free(anchors);
  return 0;
}

static int postprocess_mode(char **argv) {
  mnc_detect_params p;
  int A = atoi(argv[5]), C = atoi(argv[6]), count = -1, status, i;
  float *reg, *logits, *anchors;
  size_t scratch_size;
  unsigned char *block;
  mnc_detection *dets;
  FILE *f;

  mnc_detect_params_ssdlite320(&p);
  p.num_anchors = A;
  p.num_classes = C;
  p.score_thresh = strtof(argv[7], NULL);
  p.nms_thresh = strtod(argv[8], NULL);
  p.topk_candidates = atoi(argv[9]);
  p.detections_per_img = atoi(argv[10]);
  p.torchvision_nms_rounding = atoi(argv[13]);
  reg = read_floats(argv[2], (size_t)A * 4);
  logits = read_floats(argv[3], (size_t)A * (size_t)C);
  if (strcmp(argv[4], "ssdlite320") == 0) {
    mnc_detect_anchor_params ap;
    mnc_detect_anchor_params_ssdlite320(&ap);
    anchors = malloc((size_t)A * 4 * sizeof *anchors);
    if (mnc_detect_generate_anchors(&ap, anchors, A) != MNC_DETECT_OK)
      return 1;
  } else {
    anchors = read_floats(argv[4], (size_t)A * 4);
  }
  scratch_size = mnc_detect_scratch_size(&p);
  /* Exactly the size asked for, at an address that is not even 2-aligned. */
  block = malloc(scratch_size + 1);
  dets = malloc((size_t)p.detections_per_img * sizeof *dets);
  status = mnc_detect_postprocess(&p, reg, logits, anchors, atoi(argv[11]),
                                  atoi(argv[12]), block + 1, scratch_size,
                                  dets, p.detections_per_img, &count);
  if (status != MNC_DETECT_OK) {
    fprintf(stderr, "detect_check: %s\n", mnc_detect_status_string(status));
    return 1;
  }
  f = fopen(argv[14], "wb");
  fwrite(&count, sizeof count, 1, f);
  for (i = 0; i < count; ++i) {
    float box[5];
    int ints[2];
    box[0] = dets[i].x1;
    box[1] = dets[i].y1;
    box[2] = dets[i].x2;
    box[3] = dets[i].y2;
    box[4] = dets[i].score;
    ints[0] = dets[i].label;
    ints[1] = dets[i].anchor;
    fwrite(box, sizeof box[0], 5, f);
    fwrite(ints, sizeof ints[0], 2, f);
  }
  fclose(f);
  printf("scratch %zu bytes, %d detections\n", scratch_size, count);
  free(block);
  free(dets);
  free(reg);
  free(logits);
  free(anchors);
  return 0;
}

static int edge_mode(void) {
  enum { A = 6, C = 3 };
  mnc_detect_params p;
  mnc_detect_anchor_params ap;
  float reg[A * 4], logits[A * C], anchors[A * 4];
  static unsigned char scratch[MNC_DETECT_SCRATCH_SIZE(A, C, 4)];
  static unsigned char big_scratch[MNC_DETECT_SCRATCH_SIZE(
      MNC_DETECT_SSDLITE320_ANCHORS, MNC_DETECT_SSDLITE320_CLASSES, 300)];
  mnc_detection dets[4];
  int count, i;
  size_t size;

  mnc_detect_params_ssdlite320(&p);
  CHECK(mnc_detect_scratch_size(&p) == sizeof big_scratch);
  CHECK(mnc_detect_scratch_size(&p) == 422132);
  mnc_detect_anchor_params_ssdlite320(&ap);
  CHECK(mnc_detect_anchor_count(&ap) == MNC_DETECT_SSDLITE320_ANCHORS);

  p.num_anchors = A;
  p.num_classes = C;
  p.topk_candidates = 4;
  p.detections_per_img = 4;
  size = mnc_detect_scratch_size(&p);
  CHECK(size == sizeof scratch);
  for (i = 0; i < A; ++i) {
    anchors[4 * i + 0] = 10.0f * (float)i;
    anchors[4 * i + 1] = 10.0f;
    anchors[4 * i + 2] = 10.0f * (float)i + 30.0f;
    anchors[4 * i + 3] = 50.0f;
    reg[4 * i + 0] = reg[4 * i + 1] = reg[4 * i + 2] = reg[4 * i + 3] = 0.0f;
    /* The background wins by far: every score of classes 1, 2 is below
     * 1e-6. */
    logits[C * i + 0] = 20.0f;
    logits[C * i + 1] = 0.0f;
    logits[C * i + 2] = -1.0f;
  }

  /* NULL arguments. */
  count = 7;
  CHECK(mnc_detect_postprocess(NULL, reg, logits, anchors, 0, 0, scratch, size,
                               dets, 4, &count) ==
        MNC_DETECT_ERROR_NULL_ARGUMENT);
  CHECK(count == 0);
  CHECK(mnc_detect_postprocess(&p, NULL, logits, anchors, 0, 0, scratch, size,
                               dets, 4, &count) ==
        MNC_DETECT_ERROR_NULL_ARGUMENT);
  CHECK(mnc_detect_postprocess(&p, reg, NULL, anchors, 0, 0, scratch, size,
                               dets, 4, &count) ==
        MNC_DETECT_ERROR_NULL_ARGUMENT);
  CHECK(mnc_detect_postprocess(&p, reg, logits, NULL, 0, 0, scratch, size,
                               dets, 4, &count) ==
        MNC_DETECT_ERROR_NULL_ARGUMENT);
  CHECK(mnc_detect_postprocess(&p, reg, logits, anchors, 0, 0, NULL, size,
                               dets, 4, &count) ==
        MNC_DETECT_ERROR_NULL_ARGUMENT);
  CHECK(mnc_detect_postprocess(&p, reg, logits, anchors, 0, 0, scratch, size,
                               NULL, 4, &count) ==
        MNC_DETECT_ERROR_NULL_ARGUMENT);
  CHECK(mnc_detect_postprocess(&p, reg, logits, anchors, 0, 0, scratch, size,
                               dets, 4, NULL) ==
        MNC_DETECT_ERROR_NULL_ARGUMENT);
  CHECK(mnc_detect_scratch_size(NULL) == 0);
  CHECK(mnc_detect_anchor_count(NULL) == 0);
  CHECK(mnc_detect_generate_anchors(NULL, anchors, A) ==
        MNC_DETECT_ERROR_NULL_ARGUMENT);
  CHECK(mnc_detect_generate_anchors(&ap, NULL, 5000) ==
        MNC_DETECT_ERROR_NULL_ARGUMENT);
  mnc_detect_params_ssdlite320(NULL);        /* ignored */
  mnc_detect_anchor_params_ssdlite320(NULL); /* ignored */

  /* Too small: scratch, output array, anchor array. */
  count = 7;
  CHECK(mnc_detect_postprocess(&p, reg, logits, anchors, 0, 0, scratch,
                               size - 1, dets, 4, &count) ==
        MNC_DETECT_ERROR_SCRATCH_TOO_SMALL);
  CHECK(count == 0);
  CHECK(mnc_detect_postprocess(&p, reg, logits, anchors, 0, 0, scratch, size,
                               dets, 3, &count) == MNC_DETECT_ERROR_CAPACITY);
  CHECK(mnc_detect_generate_anchors(&ap, anchors, A) ==
        MNC_DETECT_ERROR_CAPACITY);

  /* Invalid parameters. */
  {
    mnc_detect_params bad = p;
    bad.num_classes = 1;
    CHECK(mnc_detect_scratch_size(&bad) == 0);
    CHECK(mnc_detect_postprocess(&bad, reg, logits, anchors, 0, 0, scratch,
                                 size, dets, 4, &count) ==
          MNC_DETECT_ERROR_INVALID_PARAMS);
    bad = p;
    bad.nms_thresh = 1.5;
    CHECK(mnc_detect_postprocess(&bad, reg, logits, anchors, 0, 0, scratch,
                                 size, dets, 4, &count) ==
          MNC_DETECT_ERROR_INVALID_PARAMS);
    bad = p;
    bad.score_thresh = NAN;
    CHECK(mnc_detect_scratch_size(&bad) == 0);
    bad = p;
    bad.box_weights[2] = 0.0f;
    CHECK(mnc_detect_scratch_size(&bad) == 0);
    bad = p;
    bad.topk_candidates = 0;
    CHECK(mnc_detect_scratch_size(&bad) == 0);
    CHECK(mnc_detect_postprocess(&p, reg, logits, anchors, 640, 0, scratch,
                                 size, dets, 4, &count) ==
          MNC_DETECT_ERROR_INVALID_PARAMS);
    ap.num_feature_maps = MNC_DETECT_MAX_FEATURE_MAPS + 1;
    CHECK(mnc_detect_anchor_count(&ap) == 0);
    CHECK(mnc_detect_generate_anchors(&ap, anchors, A) ==
          MNC_DETECT_ERROR_INVALID_PARAMS);
    mnc_detect_anchor_params_ssdlite320(&ap);
  }

  /* Zero detections: every score below the threshold. */
  count = 7;
  CHECK(mnc_detect_postprocess(&p, reg, logits, anchors, 0, 0, scratch, size,
                               dets, 4, &count) == MNC_DETECT_OK);
  CHECK(count == 0);

  /* A NaN logit: that anchor's scores are NaN and never pass. */
  p.score_thresh = 0.0f;
  logits[0] = NAN;
  CHECK(mnc_detect_postprocess(&p, reg, logits, anchors, 0, 0, scratch, size,
                               dets, 4, &count) == MNC_DETECT_OK);
  CHECK(count >= 1);
  for (i = 0; i < count; ++i)
    CHECK(dets[i].anchor != 0);
  logits[0] = 20.0f;

  /* Equal scores everywhere: the order is label, then anchor. Each class's
   * top 4 of 6 are anchors 0-3; neighbours overlap with IoU 0.5, anchors two
   * apart 0.2, so with nms_thresh 0.4 anchor 0 suppresses 1 and 2 suppresses
   * 3, and the 4 detections are (label, anchor) (1, 0) (1, 2) (2, 0) (2, 2).
   */
  for (i = 0; i < A; ++i) {
    logits[C * i + 0] = 0.0f;
    logits[C * i + 1] = 1.0f;
    logits[C * i + 2] = 1.0f;
  }
  p.nms_thresh = 0.4;
  CHECK(mnc_detect_postprocess(&p, reg, logits, anchors, 0, 0, scratch, size,
                               dets, 4, &count) == MNC_DETECT_OK);
  CHECK(count == 4);
  CHECK(dets[0].label == 1 && dets[0].anchor == 0);
  CHECK(dets[1].label == 1 && dets[1].anchor == 2);
  CHECK(dets[2].label == 2 && dets[2].anchor == 0);
  CHECK(dets[3].label == 2 && dets[3].anchor == 2);
  CHECK(dets[0].score == dets[3].score);
  CHECK(dets[0].x1 == 0.0f && dets[0].y1 == 10.0f && dets[0].x2 == 30.0f &&
        dets[0].y2 == 50.0f);

  /* Scaling to the original size: 320 -> 640 wide, 160 high. */
  CHECK(mnc_detect_postprocess(&p, reg, logits, anchors, 640, 160, scratch,
                               size, dets, 4, &count) == MNC_DETECT_OK);
  CHECK(dets[1].x1 == 40.0f && dets[1].y1 == 5.0f && dets[1].x2 == 100.0f &&
        dets[1].y2 == 25.0f);

  CHECK(strcmp(mnc_detect_status_string(MNC_DETECT_ERROR_SCRATCH_TOO_SMALL),
               "unknown status") != 0);
  CHECK(strcmp(mnc_detect_status_string(99), "unknown status") == 0);

  if (failures) {
    printf("edge: %d failures\n", failures);
    return 1;
  }
  printf("edge ok\n");
  return 0;
}

int main(int argc, char **argv) {
  if (argc == 4 && strcmp(argv[1], "anchors") == 0)
    return anchors_mode(argv[2], argv[3]);
  if (argc == 15 && strcmp(argv[1], "postprocess") == 0)
    return postprocess_mode(argv);
  if (argc == 2 && strcmp(argv[1], "edge") == 0)
    return edge_mode();
  fprintf(stderr, "usage: see the comment at the top of detect_check.c\n");
  return 2;
}
