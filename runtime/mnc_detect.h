/*
 * mnc_detect.h - SSD post-processing for a detector's head outputs, in C99.
 *
 * Optional, and not part of any generated library: compile mnc_detect.c into
 * the program that wants it (C99, needs only libc and libm):
 *
 *   cc -std=c99 -O2 -I DIR app.c mnc_detect.c DIR/libNAME.a -lm
 *
 * A network compiled by mnc-compile up to its SSD head (torchvision's
 * ssdlite320_mobilenet_v3_large: backbone, extra blocks and SSDLite head)
 * returns, per image, box regressions [A, 4] and class logits [A, C] for A
 * default boxes ("anchors") and C classes, class 0 being the background.
 * mnc_detect_postprocess turns them into detections the way torchvision
 * 0.14.1's SSD.postprocess_detections (and, optionally, the box rescaling of
 * GeneralizedRCNNTransform.postprocess) does:
 *
 *   1. softmax over the C classes of each anchor;
 *   2. decode each anchor's regression with torchvision's BoxCoder (weights
 *      10, 10, 5, 5; width and height deltas clamped to log(1000 / 16)) and
 *      clip the box to the network's input image;
 *   3. for every class but the background: keep the anchors whose score is
 *      greater than score_thresh, then the topk_candidates best of them;
 *   4. non-maximum suppression within each class (a box is dropped when its
 *      IoU with a better box of the same class is greater than nms_thresh);
 *   5. the detections_per_img best of what is left, over all classes, sorted
 *      by score;
 *   6. optionally, the boxes scaled from the network's input size to the
 *      original image's size (torchvision's transform.postprocess).
 *
 * The anchors are the caller's: torchvision's DefaultBoxGenerator output for
 * the input size, [A, 4] as (x1, y1, x2, y2) in input pixels.
 * mnc_detect_generate_anchors computes them in C (the same float arithmetic
 * as torchvision, so the same values), so no Python is needed at run time.
 *
 * Nothing here allocates memory or keeps state: the caller passes a scratch
 * buffer of mnc_detect_scratch_size() bytes (or MNC_DETECT_SCRATCH_SIZE, a
 * constant expression for a static buffer) and the array the detections go
 * to. Calls with separate scratch buffers may run concurrently.
 *
 * Order and ties. All candidates are ordered by score (descending), then
 * label (ascending), then anchor index (ascending). This is the order every
 * selection (top-k per class, suppression, the final cut) uses, so the
 * result is deterministic also when scores are equal. torchvision leaves the
 * order of equal scores to torch.topk and torch.sort; where they keep the
 * input order (as its non-maximum suppression's stable sort does) this is
 * the same result.
 *
 * Rounding, as torchvision: scores, boxes and IoUs are computed in float;
 * a score is kept when score > score_thresh in float (so 0.001 means
 * 0.001f), a box suppressed when its float IoU > nms_thresh in double.
 * torchvision's batched_nms computes the IoUs of at most 1000 candidates
 * (over all classes) on boxes shifted by label * (largest coordinate + 1)
 * (its "coordinate trick"), which rounds them differently: an IoU within
 * about 1e-4 of the threshold can then go the other way. With
 * torchvision_nms_rounding = 1 (the default) mnc_detect does the same, so
 * its suppressions are torchvision's; with 0 it always uses the unshifted
 * boxes. Scores and boxes then agree with torchvision's to float rounding
 * (test/runtime/detect.test: within 4e-7 and 3.1e-5 pixels).
 *
 * The header is C99 and C++.
 */
#ifndef MNC_DETECT_H_
#define MNC_DETECT_H_

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Status codes. */
#define MNC_DETECT_OK 0
#define MNC_DETECT_ERROR_NULL_ARGUMENT 1   /* a required pointer is NULL */
#define MNC_DETECT_ERROR_INVALID_PARAMS 2  /* a count, size or threshold is
                                              out of range (see the fields) */
#define MNC_DETECT_ERROR_SCRATCH_TOO_SMALL 3 /* scratch_size is less than
                                                mnc_detect_scratch_size() */
#define MNC_DETECT_ERROR_CAPACITY 4        /* the output array is smaller than
                                              the results it must hold */

/* A short description of a status code, for messages. */
const char *mnc_detect_status_string(int status);

/* ------------------------------------------------------------------------ */
/* Post-processing                                                           */
/* ------------------------------------------------------------------------ */

/* One detection. */
typedef struct mnc_detection {
  float x1, y1, x2, y2; /* the box, in pixels of the image the boxes are
                           reported for (see mnc_detect_postprocess) */
  float score;          /* softmax probability of `label`, in (0, 1] */
  int label;            /* class index, 1 .. num_classes - 1 */
  int anchor;           /* index of the anchor the box was decoded from */
} mnc_detection;

/* Parameters of mnc_detect_postprocess. mnc_detect_params_ssdlite320 fills in
 * torchvision's ssdlite320_mobilenet_v3_large values. */
typedef struct mnc_detect_params {
  int num_anchors;  /* A, >= 1: rows of the regressions, logits and anchors */
  int num_classes;  /* C, >= 2, the background (class 0) included */
  int image_width;  /* the network's input size in pixels (> 0): boxes are */
  int image_height; /* clipped to [0, width] x [0, height] */
  float box_weights[4];  /* BoxCoder weights (wx, wy, ww, wh), all > 0 */
  float box_xform_clip;  /* upper clamp of the width and height deltas */
  float score_thresh;    /* candidates need score > score_thresh */
  double nms_thresh;     /* IoU above which a box is suppressed, in [0, 1] */
  int topk_candidates;   /* best candidates kept per class, >= 1 */
  int detections_per_img; /* detections kept in all, >= 1 */
  int torchvision_nms_rounding; /* 1: IoUs rounded as torchvision's
                                   batched_nms does (see above); 0: IoUs of
                                   the plain boxes */
} mnc_detect_params;

/* ssdlite320_mobilenet_v3_large (torchvision 0.14.1). */
#define MNC_DETECT_SSDLITE320_ANCHORS 3234
#define MNC_DETECT_SSDLITE320_CLASSES 91 /* COCO's 90 labels + background */
#define MNC_DETECT_SSDLITE320_SIZE 320   /* input width and height */

/*
 * Fills *params with torchvision's ssdlite320_mobilenet_v3_large settings:
 * 3234 anchors, 91 classes, 320 x 320 input, weights (10, 10, 5, 5), clamp
 * log(1000 / 16), score_thresh 0.001, nms_thresh 0.55, topk_candidates 300,
 * detections_per_img 300, torchvision_nms_rounding 1. NULL is ignored.
 */
void mnc_detect_params_ssdlite320(mnc_detect_params *params);

/*
 * Bytes of scratch mnc_detect_postprocess needs for `anchors` anchors,
 * `classes` classes and `topk` candidates per class: a constant expression
 * when the arguments are (for a static buffer; 422,132 bytes for
 * ssdlite320's defaults). It includes 16 bytes of slack, so the buffer needs
 * no particular alignment. Arguments must be valid (see mnc_detect_params);
 * mnc_detect_scratch_size() checks them.
 */
#define MNC_DETECT_SCRATCH_SIZE(anchors, classes, topk)                      \
  (16u + (size_t)(anchors) * 28u + (size_t)(classes) * 4u +                  \
   ((size_t)(classes) + 1u) *                                                \
       (size_t)((topk) < (anchors) ? (topk) : (anchors)) * 12u)

/*
 * Bytes of scratch mnc_detect_postprocess needs with these parameters
 * (MNC_DETECT_SCRATCH_SIZE of them); 0 when params is NULL or invalid, or the
 * size does not fit in a size_t.
 */
size_t mnc_detect_scratch_size(const mnc_detect_params *params);

/*
 * Decodes, scores, filters and suppresses one image's head outputs.
 *
 *   params           the settings (checked; see mnc_detect_params)
 *   bbox_regression  [num_anchors, 4] floats: the head's box regressions
 *   cls_logits       [num_anchors, num_classes] floats: its class logits
 *                    (before the softmax)
 *   anchors          [num_anchors, 4] floats: the default boxes as
 *                    (x1, y1, x2, y2) in input pixels, in the head's order
 *                    (mnc_detect_generate_anchors)
 *   original_width,  the size of the image before it was resized to the
 *   original_height  network's input: boxes are scaled by original_width /
 *                    image_width and original_height / image_height (float,
 *                    as torchvision's transform.postprocess). 0 and 0: the
 *                    boxes stay in input pixels (postprocess_detections).
 *   scratch          scratch_size bytes, at least mnc_detect_scratch_size(),
 *                    any alignment; its contents are not needed afterwards
 *   detections       room for `capacity` detections, capacity >=
 *                    params->detections_per_img; receives the detections,
 *                    best first (see "Order and ties" above)
 *   count            receives the number of detections written (0 when no
 *                    score passes the threshold)
 *
 * Returns MNC_DETECT_OK, or an error code with *count set to 0 (when count
 * is not NULL) and nothing else written. The inputs are only read; the
 * buffers must not overlap the scratch or the output. Non-finite logits or
 * regressions behave as in torchvision (NaN scores never pass the
 * threshold; NaN boxes suppress nothing).
 */
int mnc_detect_postprocess(const mnc_detect_params *params,
                           const float *bbox_regression,
                           const float *cls_logits, const float *anchors,
                           int original_width, int original_height,
                           void *scratch, size_t scratch_size,
                           mnc_detection *detections, int capacity,
                           int *count);

/* ------------------------------------------------------------------------ */
/* Default boxes (anchors)                                                   */
/* ------------------------------------------------------------------------ */

/* Limits of mnc_detect_anchor_params. */
#define MNC_DETECT_MAX_FEATURE_MAPS 8
#define MNC_DETECT_MAX_ASPECT_RATIOS 8

/*
 * torchvision's DefaultBoxGenerator (anchor_utils.py) for one input size.
 * mnc_detect_anchor_params_ssdlite320 fills in ssdlite320's.
 *
 * For feature map k of size H x W, at each cell (row-major) and in this
 * order, boxes centred on ((x + 0.5) / W', (y + 0.5) / H') (W' = W and
 * H' = H, or image_width / steps[k] and image_height / steps[k] when steps
 * are given) of relative sizes: (s_k, s_k), (s'_k, s'_k) with
 * s'_k = sqrt(s_k s_k+1), then for each aspect ratio r (s_k sqrt(r),
 * s_k / sqrt(r)) and (s_k / sqrt(r), s_k sqrt(r)); sizes clamped to [0, 1]
 * when clip is set. Scales s_k, unless given: min_ratio + (max_ratio -
 * min_ratio) k / (K - 1) for k < K feature maps and 1.0 after the last
 * (K = 1: min_ratio, max_ratio). Boxes are (x1, y1, x2, y2) in pixels.
 */
typedef struct mnc_detect_anchor_params {
  int image_width, image_height; /* the network's input size, > 0 */
  int num_feature_maps;          /* K, 1 .. MNC_DETECT_MAX_FEATURE_MAPS */
  int feature_map_height[MNC_DETECT_MAX_FEATURE_MAPS]; /* >= 1, the head's */
  int feature_map_width[MNC_DETECT_MAX_FEATURE_MAPS];  /* input order */
  int num_aspect_ratios[MNC_DETECT_MAX_FEATURE_MAPS];  /* 0 .. MAX_ASPECT_RATIOS */
  double aspect_ratios[MNC_DETECT_MAX_FEATURE_MAPS]
                      [MNC_DETECT_MAX_ASPECT_RATIOS]; /* > 0 */
  double min_ratio, max_ratio; /* used when num_scales is 0 */
  int num_scales;              /* 0 (derived) or K + 1 */
  double scales[MNC_DETECT_MAX_FEATURE_MAPS + 1]; /* > 0 */
  int has_steps;               /* 0: centres from the feature map size */
  int steps[MNC_DETECT_MAX_FEATURE_MAPS];         /* > 0, when has_steps */
  int clip;                    /* nonzero: relative sizes clamped to [0, 1] */
} mnc_detect_anchor_params;

/*
 * Fills *params with ssdlite320_mobilenet_v3_large's generator: 320 x 320
 * input, feature maps 20, 10, 5, 3, 2 and 1 square, aspect ratios {2, 3} on
 * each, min_ratio 0.2, max_ratio 0.95, no steps, clip: 3234 boxes. NULL is
 * ignored.
 */
void mnc_detect_anchor_params_ssdlite320(mnc_detect_anchor_params *params);

/* The number of boxes these parameters generate; 0 when params is NULL or
 * invalid (or the count exceeds INT_MAX / 4). */
int mnc_detect_anchor_count(const mnc_detect_anchor_params *params);

/*
 * Writes the mnc_detect_anchor_count(params) boxes to anchors
 * ([count, 4] floats, room for `capacity` boxes). Returns MNC_DETECT_OK,
 * MNC_DETECT_ERROR_NULL_ARGUMENT, MNC_DETECT_ERROR_INVALID_PARAMS or
 * MNC_DETECT_ERROR_CAPACITY (nothing written).
 */
int mnc_detect_generate_anchors(const mnc_detect_anchor_params *params,
                                float *anchors, int capacity);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* MNC_DETECT_H_ */
