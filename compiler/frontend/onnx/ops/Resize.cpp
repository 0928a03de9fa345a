//===- Resize.cpp - ONNX Resize and Upsample ------------------------------===//
//
// Nearest and bilinear resizing of H and W by constant scales or sizes, with
// the coordinate transformations and nearest roundings the mnc.resize op
// implements. Both ops are read into one ResizeRequest, from which one
// function derives the output shape and the op:
// - Resize-11 and later: (X, roi, scales, sizes), every attribute; from
//   opset 18 `axes` (which entries scales or sizes give) and
//   `keep_aspect_ratio_policy`.
// - Resize-10: (X, scales), asymmetric coordinates, no nearest_mode.
// - Upsample-7 (scales attribute) and Upsample-9 (scales input): Resize-10.
// Resize-10 and Upsample round a nearest source coordinate down when the
// axis is enlarged and up when it is shrunk (ONNX Runtime's behaviour).
//
//===----------------------------------------------------------------------===//

#include "compiler/frontend/onnx/NodeContext.h"
#include "compiler/frontend/onnx/OpTable.h"

#include "dialects/MncOps.h"

#include "llvm/Support/Format.h"

#include <cmath>

using namespace mlir;
using namespace mnc;
using namespace mnc::onnx_frontend;
using llvm::ArrayRef;
using llvm::SmallVector;

namespace {

/// What a resizing node asks for, once read from its attributes and inputs.
struct ResizeRequest {
  ResizeMode mode = ResizeMode::Nearest;
  CoordinateTransform transform = CoordinateTransform::Asymmetric;
  NearestRounding rounding = NearestRounding::RoundPreferFloor;
  /// Resize-10 and Upsample: the nearest rounding follows the direction.
  bool legacyRounding = false;
  /// Exactly one of the two is given, one entry per input dimension.
  std::optional<SmallVector<float>> scales;
  std::optional<SmallVector<int64_t>> sizes;
  /// With sizes: "stretch", "not_larger" or "not_smaller" (Resize-18).
  std::string keepAspectRatioPolicy = "stretch";
  /// The dimensions `sizes` constrain under keepAspectRatioPolicy.
  SmallVector<int64_t> policyAxes = {0, 1, 2, 3};
};

} // namespace

/// round_int of ONNX's keep_aspect_ratio_policy: halves go up.
static int64_t roundHalfUp(float value) {
  return static_cast<int64_t>(std::floor(value + 0.5f));
}

/// "[1, 1, 2.5, 2.5]": scales as a model's author wrote them.
static std::string formatScales(ArrayRef<float> scales) {
  std::string text;
  llvm::raw_string_ostream os(text);
  os << "[";
  llvm::interleaveComma(scales, os,
                        [&](float scale) { os << llvm::format("%g", scale); });
  os << "]";
  return text;
}

/// Builds the mnc.resize `request` describes for the node's rank-4 input.
static LogicalResult buildResize(NodeContext &node, ResizeRequest &request) {
  FailureOr<RankedTensorType> type = node.getNchwType(0);
  if (failed(type))
    return failure();
  ArrayRef<int64_t> inShape = type->getShape();

  Shape outShape(inShape.begin(), inShape.end());
  SmallVector<float> scales(4, 1.0f);
  if (request.scales) {
    scales = *request.scales;
    if (scales[0] != 1.0f || scales[1] != 1.0f)
      return node.error() << "only H and W can be resized; scales are "
                          << formatScales(scales);
    if (!(scales[2] > 0.0f) || !(scales[3] > 0.0f))
      return node.error() << "scales must be positive";
    for (int i = 2; i < 4; ++i)
      outShape[i] = static_cast<int64_t>(std::floor(inShape[i] * scales[i]));
  } else {
    outShape.assign(request.sizes->begin(), request.sizes->end());
    for (int i = 0; i < 4; ++i)
      scales[i] = static_cast<float>(outShape[i]) / inShape[i];
    if (request.keepAspectRatioPolicy != "stretch") {
      // One scale for every constrained axis: the largest that fits inside
      // the sizes, or the smallest that covers them.
      bool notLarger = request.keepAspectRatioPolicy == "not_larger";
      float scale = scales[request.policyAxes.front()];
      for (int64_t axis : request.policyAxes)
        scale = notLarger ? std::min(scale, scales[axis])
                          : std::max(scale, scales[axis]);
      for (int64_t axis : request.policyAxes) {
        scales[axis] = scale;
        outShape[axis] = roundHalfUp(scale * inShape[axis]);
      }
    }
    if (outShape[0] != inShape[0] || outShape[1] != inShape[1])
      return node.error() << "only H and W can be resized; sizes are "
                          << formatShape(outShape) << " for input "
                          << formatShape(inShape);
  }
  if (outShape[2] < 1 || outShape[3] < 1)
    return node.error() << "the output size " << formatShape(outShape)
                        << " is empty";
  if (request.legacyRounding && request.mode == ResizeMode::Nearest) {
    // One rounding for both axes: floor for enlarging (ONNX's Upsample
    // tests), ceil for shrinking (ONNX Runtime).
    bool shrinks = scales[2] < 1.0f || scales[3] < 1.0f;
    if (shrinks && (scales[2] > 1.0f || scales[3] > 1.0f))
      return node.error() << "opset " << node.getOpset()
                          << " nearest resize that enlarges one axis and "
                             "shrinks the other is not supported";
    request.rounding = shrinks ? NearestRounding::Ceil : NearestRounding::Floor;
  }
  node.setOutput(0, node.create<ResizeOp>(
                        node.tensorType(outShape), *node.getValue(0),
                        /*addend=*/Value(), request.mode, request.transform, request.rounding,
                        llvm::APFloat(scales[2]), llvm::APFloat(scales[3])));
  return success();
}

/// ONNX's interpolation mode name as an mnc.resize mode.
static FailureOr<ResizeMode> parseMode(NodeContext &node) {
  std::string name = node.getString("mode", "nearest");
  if (name == "nearest")
    return ResizeMode::Nearest;
  if (name == "linear")
    return ResizeMode::Bilinear;
  node.error() << "mode '" << name << "' is not supported (nearest, linear)";
  return failure();
}

/// `tensor`'s entries (those of `axes`), expanded to one per input
/// dimension: the others are `fill`, or the input's size without it.
static FailureOr<SmallVector<double>>
expandToRank(NodeContext &node, const ConstTensor &tensor, StringRef what,
             ArrayRef<int64_t> axes, std::optional<double> fill) {
  if (tensor.data.size() != axes.size()) {
    node.error() << what << " must have " << axes.size() << " entries, got "
                 << tensor.data.size();
    return failure();
  }
  FailureOr<RankedTensorType> type = node.getNchwType(0);
  if (failed(type))
    return failure();
  SmallVector<double> entries;
  for (int64_t size : type->getShape())
    entries.push_back(fill.value_or(static_cast<double>(size)));
  for (auto [axis, value] : llvm::zip_equal(axes, tensor.data))
    entries[axis] = value;
  return entries;
}

/// Reads optional input `index` when it is given and not empty (torch
/// exports empty roi and scales for Resize-11).
static FailureOr<const ConstTensor *>
optionalConstInput(NodeContext &node, int index, StringRef what) {
  if (index < 0 || !node.hasInput(index))
    return static_cast<const ConstTensor *>(nullptr);
  FailureOr<const ConstTensor *> tensor = node.requireConst(index, what);
  if (failed(tensor))
    return failure();
  if ((*tensor)->data.empty())
    return static_cast<const ConstTensor *>(nullptr);
  return tensor;
}

static LogicalResult importResize(NodeContext &node) {
  int64_t opset = node.getOpset();
  ResizeRequest request;
  FailureOr<ResizeMode> mode = parseMode(node);
  if (failed(mode))
    return failure();
  request.mode = *mode;

  std::string transformName =
      node.getString("coordinate_transformation_mode",
                     opset < 11 ? "asymmetric" : "half_pixel");
  std::optional<CoordinateTransform> transform =
      symbolizeCoordinateTransform(transformName);
  if (!transform)
    return node.error() << "coordinate_transformation_mode '" << transformName
                        << "' is not supported (half_pixel, "
                           "pytorch_half_pixel, align_corners, asymmetric, "
                           "tf_half_pixel_for_nn)";
  request.transform = *transform;
  std::string roundingName =
      node.getString("nearest_mode", "round_prefer_floor");
  std::optional<NearestRounding> rounding =
      symbolizeNearestRounding(roundingName);
  if (!rounding)
    return node.error() << "nearest_mode '" << roundingName
                        << "' is not supported";
  request.rounding = *rounding;
  request.legacyRounding = opset < 11;
  if (node.getInt("exclude_outside", 0) != 0 ||
      node.getInt("antialias", 0) != 0)
    return node.error() << "exclude_outside and antialias are not supported";

  // Opset 18: scales and sizes may give only the dimensions in `axes`.
  SmallVector<int64_t> axes = {0, 1, 2, 3};
  if (node.findAttr("axes")) {
    FailureOr<SmallVector<int64_t>> normalized =
        node.normalizeAxes(node.getInts("axes"), 4, /*sorted=*/false);
    if (failed(normalized))
      return failure();
    axes = *normalized;
  }
  request.keepAspectRatioPolicy =
      node.getString("keep_aspect_ratio_policy", "stretch");
  if (request.keepAspectRatioPolicy != "stretch" &&
      request.keepAspectRatioPolicy != "not_larger" &&
      request.keepAspectRatioPolicy != "not_smaller")
    return node.error() << "keep_aspect_ratio_policy '"
                        << request.keepAspectRatioPolicy
                        << "' is not supported (stretch, not_larger, "
                           "not_smaller)";
  request.policyAxes = axes;

  // Opset 10: (X, scales). Opset 11+: (X, roi, scales, sizes).
  FailureOr<const ConstTensor *> scales =
      optionalConstInput(node, opset < 11 ? 1 : 2, "scales");
  FailureOr<const ConstTensor *> sizes =
      optionalConstInput(node, opset < 11 ? -1 : 3, "sizes");
  if (failed(scales) || failed(sizes))
    return failure();
  if ((*scales == nullptr) == (*sizes == nullptr))
    return node.error() << "exactly one of scales and sizes must be given";
  FailureOr<SmallVector<double>> entries =
      *scales ? expandToRank(node, **scales, "scales", axes, 1.0)
              : expandToRank(node, **sizes, "sizes", axes, std::nullopt);
  if (failed(entries))
    return failure();
  if (*scales)
    request.scales = SmallVector<float>(entries->begin(), entries->end());
  else
    request.sizes = SmallVector<int64_t>(entries->begin(), entries->end());
  return buildResize(node, request);
}

/// Upsample-7 (scales attribute) and Upsample-9 (scales input): Resize-10.
static LogicalResult importUpsample(NodeContext &node) {
  ResizeRequest request;
  FailureOr<ResizeMode> mode = parseMode(node);
  if (failed(mode))
    return failure();
  request.mode = *mode;
  request.legacyRounding = true;
  if (node.getOpset() < 9) {
    request.scales = node.getFloats("scales");
    if (request.scales->size() != 4)
      return node.error() << "scales must have 4 entries, got "
                          << request.scales->size();
    return buildResize(node, request);
  }
  FailureOr<const ConstTensor *> scales = node.requireConst(1, "scales");
  if (failed(scales))
    return failure();
  FailureOr<SmallVector<double>> entries =
      expandToRank(node, **scales, "scales", {0, 1, 2, 3}, 1.0);
  if (failed(entries))
    return failure();
  request.scales = SmallVector<float>(entries->begin(), entries->end());
  return buildResize(node, request);
}

void mnc::onnx_frontend::registerResizeOps(OpTable &table) {
  table.addImporter("Resize", importResize);
  table.setOpsetRange("Resize", 10, kNewestOpset);
  table.addImporter("Upsample", importUpsample);
  table.setOpsetRange("Upsample", 7, 9);
}
