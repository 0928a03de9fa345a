/*
 * mnc_detect.c - SSD post-processing and default boxes; see mnc_detect.h.
 *
 * C99, libc and libm only, no allocation. The arithmetic follows torchvision
 * 0.14.1 operation by operation in float (one operation per statement, so
 * that no compiler contracts a multiply and an add into one rounding), which
 * is what makes the results torchvision's rather than merely close to them.
 */
#include "mnc_detect.h"

#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

/* torchvision's batched_nms runs one non-maximum suppression over boxes
 * shifted per class when it has at most this many (4000 coordinates); more
 * go through a suppression per class on the plain boxes. */
#define TORCHVISION_COORDINATE_TRICK_MAX 1000

const char *mnc_detect_status_string(int status) {
  switch (status) {
  case MNC_DETECT_OK:
    return "success";
  case MNC_DETECT_ERROR_NULL_ARGUMENT:
    return "a required pointer argument is NULL";
  case MNC_DETECT_ERROR_INVALID_PARAMS:
    return "a parameter is out of range";
  case MNC_DETECT_ERROR_SCRATCH_TOO_SMALL:
    return "the scratch buffer is smaller than mnc_detect_scratch_size()";
  case MNC_DETECT_ERROR_CAPACITY:
    return "the output array is too small";
  default:
    return "unknown status";
  }
}

/* ------------------------------------------------------------------------ */
/* Parameters and scratch                                                    */
/* ------------------------------------------------------------------------ */

void mnc_detect_params_ssdlite320(mnc_detect_params *params) {
  if (!params)
    return;
  memset(params, 0, sizeof *params);
  params->num_anchors = MNC_DETECT_SSDLITE320_ANCHORS;
  params->num_classes = MNC_DETECT_SSDLITE320_CLASSES;
  params->image_width = MNC_DETECT_SSDLITE320_SIZE;
  params->image_height = MNC_DETECT_SSDLITE320_SIZE;
  params->box_weights[0] = 10.0f;
  params->box_weights[1] = 10.0f;
  params->box_weights[2] = 5.0f;
  params->box_weights[3] = 5.0f;
  params->box_xform_clip = (float)log(1000.0 / 16.0);
  params->score_thresh = 0.001f;
  params->nms_thresh = 0.55;
  params->topk_candidates = 300;
  params->detections_per_img = 300;
  params->torchvision_nms_rounding = 1;
}

static int params_valid(const mnc_detect_params *p) {
  int i;
  if (p->num_anchors < 1 || p->num_classes < 2 || p->image_width < 1 ||
      p->image_height < 1 || p->topk_candidates < 1 ||
      p->detections_per_img < 1)
    return 0;
  for (i = 0; i < 4; ++i)
    if (!(p->box_weights[i] > 0.0f) || !isfinite(p->box_weights[i]))
      return 0;
  if (isnan(p->box_xform_clip) || isnan(p->score_thresh))
    return 0;
  if (!(p->nms_thresh >= 0.0 && p->nms_thresh <= 1.0))
    return 0;
  if (p->torchvision_nms_rounding != 0 && p->torchvision_nms_rounding != 1)
    return 0;
  return 1;
}

/* a * b + c in size_t, or 0 on overflow (none of the sizes below is 0). */
static size_t mul_add(size_t a, size_t b, size_t c) {
  if (b != 0 && a > (SIZE_MAX - c) / b)
    return 0;
  return a * b + c;
}

size_t mnc_detect_scratch_size(const mnc_detect_params *params) {
  size_t anchors, classes, topk, size;
  if (!params || !params_valid(params))
    return 0;
  anchors = (size_t)params->num_anchors;
  classes = (size_t)params->num_classes;
  topk = (size_t)params->topk_candidates;
  if (topk > anchors)
    topk = anchors;
  /* The same sum as MNC_DETECT_SCRATCH_SIZE, checked for overflow. */
  size = mul_add(anchors, 28u, 16u);
  if (size)
    size = mul_add(topk, 24u, size);
  if (size)
    size = mul_add(classes, 4u, size);
  if (size) {
    size_t per_class = mul_add(topk, 12u, 0u);
    size = per_class ? mul_add(classes - 1u, per_class, size) : 0;
  }
  return size;
}

/* ------------------------------------------------------------------------ */
/* Candidates and their order                                                */
/* ------------------------------------------------------------------------ */

/* A (class, anchor) pair that passed the score threshold. label < 0 marks a
 * suppressed one. */
typedef struct candidate {
  float score;
  int anchor;
  int label;
} candidate;

/* MNC_DETECT_SCRATCH_SIZE counts 12 bytes per candidate. */
typedef char candidate_size_check[sizeof(candidate) == 12 ? 1 : -1];

/* The one order of the whole file: score descending, then label ascending,
 * then anchor ascending. A total order (no two candidates share label and
 * anchor), so every selection below is deterministic. */
static int better(const candidate *a, const candidate *b) {
  if (a->score != b->score)
    return a->score > b->score;
  if (a->label != b->label)
    return a->label < b->label;
  return a->anchor < b->anchor;
}

/* Binary heaps over candidate arrays: `top_best` nonzero keeps the best
 * candidate at the root, zero the worst. */
static int above(const candidate *a, const candidate *b, int top_best) {
  return top_best ? better(a, b) : better(b, a);
}

static void sift_down(candidate *heap, size_t count, size_t i, int top_best) {
  candidate moving = heap[i];
  for (;;) {
    size_t child = 2 * i + 1;
    if (child >= count)
      break;
    if (child + 1 < count && above(&heap[child + 1], &heap[child], top_best))
      ++child;
    if (!above(&heap[child], &moving, top_best))
      break;
    heap[i] = heap[child];
    i = child;
  }
  heap[i] = moving;
}

static void sift_up(candidate *heap, size_t i, int top_best) {
  candidate moving = heap[i];
  while (i > 0) {
    size_t parent = (i - 1) / 2;
    if (!above(&moving, &heap[parent], top_best))
      break;
    heap[i] = heap[parent];
    i = parent;
  }
  heap[i] = moving;
}

static void heapify(candidate *heap, size_t count, int top_best) {
  size_t i = count / 2;
  while (i-- > 0)
    sift_down(heap, count, i, top_best);
}

/* ------------------------------------------------------------------------ */
/* Post-processing                                                           */
/* ------------------------------------------------------------------------ */

/* torchvision's BoxCoder.decode_single for one box, then
 * clip_boxes_to_image. Comparisons written so that NaN stays NaN, as in
 * torch.clamp. */
static void decode_box(const mnc_detect_params *p, const float *code,
                       const float *anchor, float *box) {
  float width = anchor[2] - anchor[0];
  float height = anchor[3] - anchor[1];
  float half_width = 0.5f * width;
  float half_height = 0.5f * height;
  float ctr_x = anchor[0] + half_width;
  float ctr_y = anchor[1] + half_height;
  float dx = code[0] / p->box_weights[0];
  float dy = code[1] / p->box_weights[1];
  float dw = code[2] / p->box_weights[2];
  float dh = code[3] / p->box_weights[3];
  float pred_ctr_x, pred_ctr_y, pred_w, pred_h, c_to_c_w, c_to_c_h;
  float max_x = (float)p->image_width;
  float max_y = (float)p->image_height;
  int i;
  if (dw > p->box_xform_clip)
    dw = p->box_xform_clip;
  if (dh > p->box_xform_clip)
    dh = p->box_xform_clip;
  pred_ctr_x = dx * width;
  pred_ctr_x = pred_ctr_x + ctr_x;
  pred_ctr_y = dy * height;
  pred_ctr_y = pred_ctr_y + ctr_y;
  pred_w = expf(dw);
  pred_w = pred_w * width;
  pred_h = expf(dh);
  pred_h = pred_h * height;
  c_to_c_w = 0.5f * pred_w;
  c_to_c_h = 0.5f * pred_h;
  box[0] = pred_ctr_x - c_to_c_w;
  box[1] = pred_ctr_y - c_to_c_h;
  box[2] = pred_ctr_x + c_to_c_w;
  box[3] = pred_ctr_y + c_to_c_h;
  for (i = 0; i < 4; ++i) {
    float limit = (i % 2 == 0) ? max_x : max_y;
    if (box[i] < 0.0f)
      box[i] = 0.0f;
    else if (box[i] > limit)
      box[i] = limit;
  }
}

/* The largest float f with (double)f <= t: for a float x, (double)x > t
 * exactly when x > f (NaN: neither), so the suppression test (torchvision
 * compares its float IoU with the double threshold) runs in float. */
static float float_below(double t) {
  float f = (float)t;
  if ((double)f > t)
    f = nextafterf(f, -INFINITY);
  return f;
}

/* Greedy non-maximum suppression of n boxes sorted best first, as
 * torchvision's CPU nms kernel: areas (x2 - x1) (y2 - y1), intersection from
 * std::max / std::min, IoU inter / (area_i + area_j - inter) in float, > the
 * threshold suppresses. The boxes are in x1, y1, x2, y2, area; suppressed[j]
 * becomes nonzero for each suppressed box. Boxes already suppressed are
 * suppressed again rather than skipped, which changes nothing and keeps the
 * inner loop free of branches (mispredicted ones cost 3x here).
 *
 * The clamps of the overlap's width and height to 0 are (w + |w|) / 2: w for
 * w > 0 (exactly), 0 for w <= 0, as std::max(0, w), which compilers keep as a
 * branch. For a NaN w std::max gives 0 and this NaN; the outcome is the same,
 * because a NaN w comes from a NaN coordinate, which makes that box's area
 * and so the IoU NaN either way (decoded boxes are clipped: no infinities). */
static void suppress(size_t n, const float *x1, const float *y1,
                     const float *x2, const float *y2, const float *area,
                     float threshold, int *suppressed) {
  size_t i, j;
  for (i = 0; i < n; ++i) {
    float ix1 = x1[i], iy1 = y1[i], ix2 = x2[i], iy2 = y2[i];
    float iarea = area[i];
    if (suppressed[i])
      continue;
    for (j = i + 1; j < n; ++j) {
      float xx1 = ix1 < x1[j] ? x1[j] : ix1;
      float yy1 = iy1 < y1[j] ? y1[j] : iy1;
      float xx2 = x2[j] < ix2 ? x2[j] : ix2;
      float yy2 = y2[j] < iy2 ? y2[j] : iy2;
      float w = xx2 - xx1;
      float h = yy2 - yy1;
      float inter, uni, iou;
      w = (w + fabsf(w)) * 0.5f;
      h = (h + fabsf(h)) * 0.5f;
      inter = w * h;
      uni = iarea + area[j];
      uni = uni - inter;
      iou = inter / uni; /* NaN for two empty boxes: suppresses nothing */
      suppressed[j] |= iou > threshold;
    }
  }
}

int mnc_detect_postprocess(const mnc_detect_params *params,
                           const float *bbox_regression,
                           const float *cls_logits, const float *anchors,
                           int original_width, int original_height,
                           void *scratch, size_t scratch_size,
                           mnc_detection *detections, int capacity,
                           int *count) {
  size_t needed, num_anchors, num_classes, per_class, total, kept, a, i, j;
  int c, k, trick = 0, scale = 0, written;
  float *maxima, *inverse_sums, *cutoffs, *boxes;
  float *nms_x1, *nms_y1, *nms_x2, *nms_y2, *nms_area;
  float iou_threshold;
  int *class_counts, *nms_suppressed;
  candidate *candidates;
  float offset_unit = 0.0f, ratio_w = 1.0f, ratio_h = 1.0f;
  char *base;

  if (count)
    *count = 0;
  if (!params || !bbox_regression || !cls_logits || !anchors || !scratch ||
      !detections || !count)
    return MNC_DETECT_ERROR_NULL_ARGUMENT;
  needed = mnc_detect_scratch_size(params);
  if (needed == 0 || original_width < 0 || original_height < 0 ||
      (original_width == 0) != (original_height == 0))
    return MNC_DETECT_ERROR_INVALID_PARAMS;
  if (scratch_size < needed)
    return MNC_DETECT_ERROR_SCRATCH_TOO_SMALL;
  if (capacity < params->detections_per_img)
    return MNC_DETECT_ERROR_CAPACITY;

  num_anchors = (size_t)params->num_anchors;
  num_classes = (size_t)params->num_classes;
  per_class = (size_t)params->topk_candidates;
  if (per_class > num_anchors)
    per_class = num_anchors;

  /* Scratch: per anchor the softmax's maximum, 1 / sum and a bound on x - max
   * below which no score can pass; the decoded boxes; per class its candidate
   * count; per class but the background room for per_class candidates;
   * the boxes, areas and flags of one class's suppression. */
  base = (char *)scratch + ((16u - ((uintptr_t)scratch & 15u)) & 15u);
  maxima = (float *)(void *)base;
  inverse_sums = maxima + num_anchors;
  cutoffs = inverse_sums + num_anchors;
  boxes = cutoffs + num_anchors;
  class_counts = (int *)(void *)(boxes + 4 * num_anchors);
  candidates = (candidate *)(void *)(class_counts + num_classes);
  nms_x1 = (float *)(void *)(candidates + (num_classes - 1) * per_class);
  nms_y1 = nms_x1 + per_class;
  nms_x2 = nms_y1 + per_class;
  nms_y2 = nms_x2 + per_class;
  nms_area = nms_y2 + per_class;
  nms_suppressed = (int *)(void *)(nms_area + per_class);
  iou_threshold = float_below(params->nms_thresh);

  /* 1. Softmax statistics, as torch's softmax over the last dimension:
   * exp(x - max) * (1 / sum). A NaN logit makes the anchor's maximum, and
   * so all its scores, NaN. */
  for (a = 0; a < num_anchors; ++a) {
    const float *logits = cls_logits + a * num_classes;
    float maximum = logits[0];
    double sum = 0.0;
    int has_nan = isnan(logits[0]);
    for (j = 1; j < num_classes; ++j) {
      if (isnan(logits[j]))
        has_nan = 1;
      else if (logits[j] > maximum)
        maximum = logits[j];
    }
    if (has_nan)
      maximum = NAN;
    for (j = 0; j < num_classes; ++j)
      sum += (double)expf(logits[j] - maximum);
    maxima[a] = maximum;
    inverse_sums[a] = 1.0f / (float)sum;
    /* score = exp(d) / sum > t, d = x - max (the float difference the score
     * is computed from), needs d > log(t * sum); a margin of 0.01 (1% of the
     * score) leaves every borderline case to the exact float comparison. */
    cutoffs[a] = -INFINITY;
    if (params->score_thresh > 0.0f && sum > 0.0 && isfinite(sum))
      cutoffs[a] = (float)(log((double)params->score_thresh * sum) - 0.01);
    decode_box(params, bbox_regression + 4 * a, anchors + 4 * a,
               boxes + 4 * a);
  }

  /* 2. Per class but the background: scores > score_thresh, the best
   * per_class of them (a heap with the worst at its root), sorted best
   * first. */
  total = 0;
  class_counts[0] = 0;
  for (c = 1; c < params->num_classes; ++c) {
    candidate *heap = candidates + (size_t)(c - 1) * per_class;
    size_t n = 0;
    for (a = 0; a < num_anchors; ++a) {
      float d = cls_logits[a * num_classes + (size_t)c] - maxima[a];
      float score;
      candidate entry;
      if (d < cutoffs[a])
        continue;
      score = expf(d);
      score = score * inverse_sums[a];
      if (!(score > params->score_thresh))
        continue;
      entry.score = score;
      entry.anchor = (int)a;
      entry.label = c;
      if (n < per_class) {
        heap[n] = entry;
        sift_up(heap, n, 0);
        ++n;
      } else if (better(&entry, &heap[0])) {
        heap[0] = entry;
        sift_down(heap, n, 0, 0);
      }
    }
    /* Heap sort: the worst goes last. */
    for (i = n; i > 1; --i) {
      candidate worst = heap[0];
      heap[0] = heap[i - 1];
      heap[i - 1] = worst;
      sift_down(heap, i - 1, 0, 0);
    }
    class_counts[c] = (int)n;
    total += n;
  }

  /* 3. torchvision's coordinate trick, for few candidates: IoUs of boxes
   * shifted by label * (largest coordinate + 1), in float. */
  if (params->torchvision_nms_rounding && total > 0 &&
      total <= TORCHVISION_COORDINATE_TRICK_MAX) {
    float largest = -INFINITY;
    int has_nan = 0;
    trick = 1;
    for (c = 1; c < params->num_classes; ++c) {
      const candidate *list = candidates + (size_t)(c - 1) * per_class;
      for (i = 0; i < (size_t)class_counts[c]; ++i) {
        const float *box = boxes + 4 * (size_t)list[i].anchor;
        for (k = 0; k < 4; ++k) {
          if (isnan(box[k]))
            has_nan = 1;
          else if (box[k] > largest)
            largest = box[k];
        }
      }
    }
    offset_unit = has_nan ? NAN : largest + 1.0f;
  }

  /* 4. Greedy non-maximum suppression within each class, best first, on
   * the class's boxes copied out (shifted in the coordinate trick). */
  for (c = 1; c < params->num_classes; ++c) {
    candidate *list = candidates + (size_t)(c - 1) * per_class;
    size_t n = (size_t)class_counts[c];
    float offset = trick ? (float)c * offset_unit : 0.0f;
    for (i = 0; i < n; ++i) {
      const float *box = boxes + 4 * (size_t)list[i].anchor;
      float w, h;
      nms_x1[i] = box[0] + offset;
      nms_y1[i] = box[1] + offset;
      nms_x2[i] = box[2] + offset;
      nms_y2[i] = box[3] + offset;
      w = nms_x2[i] - nms_x1[i];
      h = nms_y2[i] - nms_y1[i];
      nms_area[i] = w * h;
      nms_suppressed[i] = 0;
    }
    suppress(n, nms_x1, nms_y1, nms_x2, nms_y2, nms_area, iou_threshold,
             nms_suppressed);
    for (i = 0; i < n; ++i)
      if (nms_suppressed[i])
        list[i].label = -1;
  }

  /* 5. The survivors of all classes, packed, and the best
   * detections_per_img of them in order. */
  kept = 0;
  for (c = 1; c < params->num_classes; ++c) {
    const candidate *list = candidates + (size_t)(c - 1) * per_class;
    for (i = 0; i < (size_t)class_counts[c]; ++i)
      if (list[i].label >= 0)
        candidates[kept++] = list[i];
  }
  heapify(candidates, kept, 1);

  /* 6. Boxes in input pixels, or scaled to the original image as
   * torchvision's resize_boxes does (a float ratio per axis). */
  if (original_width > 0) {
    scale = 1;
    ratio_w = (float)original_width / (float)params->image_width;
    ratio_h = (float)original_height / (float)params->image_height;
  }
  written = 0;
  while (kept > 0 && written < params->detections_per_img) {
    const candidate best = candidates[0];
    const float *box = boxes + 4 * (size_t)best.anchor;
    mnc_detection *out = detections + written;
    candidates[0] = candidates[kept - 1];
    --kept;
    if (kept > 0)
      sift_down(candidates, kept, 0, 1);
    out->x1 = box[0];
    out->y1 = box[1];
    out->x2 = box[2];
    out->y2 = box[3];
    if (scale) {
      out->x1 = out->x1 * ratio_w;
      out->y1 = out->y1 * ratio_h;
      out->x2 = out->x2 * ratio_w;
      out->y2 = out->y2 * ratio_h;
    }
    out->score = best.score;
    out->label = best.label;
    out->anchor = best.anchor;
    ++written;
  }
  *count = written;
  return MNC_DETECT_OK;
}

/* ------------------------------------------------------------------------ */
/* Default boxes                                                             */
/* ------------------------------------------------------------------------ */

void mnc_detect_anchor_params_ssdlite320(mnc_detect_anchor_params *params) {
  static const int sizes[6] = {20, 10, 5, 3, 2, 1};
  int k;
  if (!params)
    return;
  memset(params, 0, sizeof *params);
  params->image_width = MNC_DETECT_SSDLITE320_SIZE;
  params->image_height = MNC_DETECT_SSDLITE320_SIZE;
  params->num_feature_maps = 6;
  for (k = 0; k < 6; ++k) {
    params->feature_map_height[k] = sizes[k];
    params->feature_map_width[k] = sizes[k];
    params->num_aspect_ratios[k] = 2;
    params->aspect_ratios[k][0] = 2.0;
    params->aspect_ratios[k][1] = 3.0;
  }
  params->min_ratio = 0.2;
  params->max_ratio = 0.95;
  params->clip = 1;
}

/* The checks of mnc_detect_anchor_count, and the count (0: invalid). */
static int anchor_count(const mnc_detect_anchor_params *p) {
  long long total = 0;
  int k, r;
  if (p->image_width < 1 || p->image_height < 1 || p->num_feature_maps < 1 ||
      p->num_feature_maps > MNC_DETECT_MAX_FEATURE_MAPS)
    return 0;
  if (p->num_scales != 0 && p->num_scales != p->num_feature_maps + 1)
    return 0;
  if (p->num_scales == 0 &&
      (!isfinite(p->min_ratio) || !isfinite(p->max_ratio)))
    return 0;
  for (k = 0; p->num_scales != 0 && k < p->num_scales; ++k)
    if (!(p->scales[k] > 0.0) || !isfinite(p->scales[k]))
      return 0;
  for (k = 0; k < p->num_feature_maps; ++k) {
    long long cells;
    if (p->feature_map_height[k] < 1 || p->feature_map_width[k] < 1 ||
        p->num_aspect_ratios[k] < 0 ||
        p->num_aspect_ratios[k] > MNC_DETECT_MAX_ASPECT_RATIOS)
      return 0;
    if (p->has_steps && p->steps[k] < 1)
      return 0;
    for (r = 0; r < p->num_aspect_ratios[k]; ++r)
      if (!(p->aspect_ratios[k][r] > 0.0) || !isfinite(p->aspect_ratios[k][r]))
        return 0;
    cells = (long long)p->feature_map_height[k] * p->feature_map_width[k];
    total += cells * (2 + 2 * p->num_aspect_ratios[k]);
    if (total > INT_MAX / 4)
      return 0;
  }
  return (int)total;
}

int mnc_detect_anchor_count(const mnc_detect_anchor_params *params) {
  return params ? anchor_count(params) : 0;
}

int mnc_detect_generate_anchors(const mnc_detect_anchor_params *params,
                                float *anchors, int capacity) {
  double scales[MNC_DETECT_MAX_FEATURE_MAPS + 1];
  int k, total, K;
  float *out = anchors;
  if (!params || !anchors)
    return MNC_DETECT_ERROR_NULL_ARGUMENT;
  total = anchor_count(params);
  if (total == 0)
    return MNC_DETECT_ERROR_INVALID_PARAMS;
  if (capacity < total)
    return MNC_DETECT_ERROR_CAPACITY;
  K = params->num_feature_maps;

  /* Scales, in double as torchvision's Python floats. */
  if (params->num_scales != 0) {
    for (k = 0; k <= K; ++k)
      scales[k] = params->scales[k];
  } else if (K > 1) {
    double range = params->max_ratio - params->min_ratio;
    for (k = 0; k < K; ++k)
      scales[k] = params->min_ratio + range * k / (K - 1.0);
    scales[K] = 1.0;
  } else {
    scales[0] = params->min_ratio;
    scales[1] = params->max_ratio;
  }

  for (k = 0; k < K; ++k) {
    /* The (w, h) pairs, computed in double and stored as float32 tensors. */
    float wh[2 + 2 * MNC_DETECT_MAX_ASPECT_RATIOS][2];
    int pairs = 2 + 2 * params->num_aspect_ratios[k];
    int rows = params->feature_map_height[k];
    int cols = params->feature_map_width[k];
    float x_f, y_f, img_w = (float)params->image_width,
                    img_h = (float)params->image_height;
    int x, y, q;
    double s_prime = sqrt(scales[k] * scales[k + 1]);
    wh[0][0] = wh[0][1] = (float)scales[k];
    wh[1][0] = wh[1][1] = (float)s_prime;
    for (q = 0; q < params->num_aspect_ratios[k]; ++q) {
      double sq_ar = sqrt(params->aspect_ratios[k][q]);
      double w = scales[k] * sq_ar;
      double h = scales[k] / sq_ar;
      wh[2 + 2 * q][0] = (float)w;
      wh[2 + 2 * q][1] = (float)h;
      wh[3 + 2 * q][0] = (float)h;
      wh[3 + 2 * q][1] = (float)w;
    }
    if (params->clip)
      for (q = 0; q < pairs; ++q) {
        int d;
        for (d = 0; d < 2; ++d) {
          if (wh[q][d] < 0.0f)
            wh[q][d] = 0.0f;
          else if (wh[q][d] > 1.0f)
            wh[q][d] = 1.0f;
        }
      }
    /* Centres (i + 0.5) / f in float; f is the feature map's size, or
     * image_size / step (a Python float). */
    if (params->has_steps) {
      x_f = (float)((double)params->image_width / params->steps[k]);
      y_f = (float)((double)params->image_height / params->steps[k]);
    } else {
      x_f = (float)cols;
      y_f = (float)rows;
    }
    for (y = 0; y < rows; ++y) {
      float cy = ((float)y + 0.5f) / y_f;
      for (x = 0; x < cols; ++x) {
        float cx = ((float)x + 0.5f) / x_f;
        for (q = 0; q < pairs; ++q) {
          float half_w = 0.5f * wh[q][0];
          float half_h = 0.5f * wh[q][1];
          float x1 = cx - half_w, y1 = cy - half_h;
          float x2 = cx + half_w, y2 = cy + half_h;
          out[0] = x1 * img_w;
          out[1] = y1 * img_h;
          out[2] = x2 * img_w;
          out[3] = y2 * img_h;
          out += 4;
        }
      }
    }
  }
  return MNC_DETECT_OK;
}
