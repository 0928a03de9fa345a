//===- Resize.cpp - ONNX Resize -------------------------------------------===//
//
// Nearest and bilinear resizing of H and W by constant scales or sizes, with
// the coordinate transformations and nearest roundings the mnc.resize op
// implements. Resize-10 (inputs X, scales) has no nearest_mode and is mapped
// onto the rounding it behaves like.
//
//===----------------------------------------------------------------------===//

#include "compiler/frontend/onnx/NodeContext.h"
#include "compiler/frontend/onnx/OpTable.h"

#include "dialects/MncOps.h"

#include <cmath>

using namespace mlir;
using namespace mnc;
using namespace mnc::onnx_frontend;
using llvm::ArrayRef;

static LogicalResult importResize(NodeContext &node) {
  FailureOr<RankedTensorType> type = node.getNchwType(0);
  if (failed(type))
    return failure();
  ArrayRef<int64_t> inShape = type->getShape();
  int64_t opset = node.getOpset();

  std::string modeName = node.getString("mode", "nearest");
  std::string transformName =
      node.getString("coordinate_transformation_mode",
                     opset < 11 ? "asymmetric" : "half_pixel");
  std::string roundingName =
      node.getString("nearest_mode", "round_prefer_floor");
  if (node.getInt("exclude_outside", 0) != 0 ||
      node.getInt("antialias", 0) != 0)
    return node.error() << "exclude_outside and antialias are not supported";
  if (node.findAttr("axes"))
    return node.error() << "the axes attribute is not supported";
  if (node.getString("keep_aspect_ratio_policy", "stretch") != "stretch")
    return node.error() << "keep_aspect_ratio_policy other than 'stretch' is "
                           "not supported";

  std::optional<ResizeMode> mode =
      modeName == "nearest"  ? std::optional(ResizeMode::Nearest)
      : modeName == "linear" ? std::optional(ResizeMode::Bilinear)
                             : std::nullopt;
  if (!mode)
    return node.error() << "mode '" << modeName
                        << "' is not supported (nearest, linear)";
  std::optional<CoordinateTransform> transform =
      symbolizeCoordinateTransform(transformName);
  if (!transform)
    return node.error() << "coordinate_transformation_mode '" << transformName
                        << "' is not supported (half_pixel, "
                           "pytorch_half_pixel, align_corners, asymmetric)";
  std::optional<NearestRounding> rounding =
      symbolizeNearestRounding(roundingName);
  if (!rounding)
    return node.error() << "nearest_mode '" << roundingName
                        << "' is not supported";

  // Opset 10: (X, scales). Opset 11+: (X, roi, scales, sizes).
  int scalesIndex = opset < 11 ? 1 : 2, sizesIndex = opset < 11 ? -1 : 3;
  const ConstTensor *scales = nullptr, *sizes = nullptr;
  if (node.hasInput(scalesIndex)) {
    FailureOr<const ConstTensor *> tensor =
        node.requireConst(scalesIndex, "scales");
    if (failed(tensor))
      return failure();
    if (!(*tensor)->data.empty())
      scales = *tensor;
  }
  if (sizesIndex > 0 && node.hasInput(sizesIndex)) {
    FailureOr<const ConstTensor *> tensor =
        node.requireConst(sizesIndex, "sizes");
    if (failed(tensor))
      return failure();
    if (!(*tensor)->data.empty())
      sizes = *tensor;
  }
  if ((scales == nullptr) == (sizes == nullptr))
    return node.error() << "exactly one of scales and sizes must be given";
  const ConstTensor *given = scales ? scales : sizes;
  if (given->data.size() != 4)
    return node.error() << (scales ? "scales" : "sizes")
                        << " must have 4 entries, got " << given->data.size();

  Shape outShape(inShape.begin(), inShape.end());
  float scaleH, scaleW;
  if (scales) {
    if (scales->data[0] != 1.0 || scales->data[1] != 1.0)
      return node.error() << "only H and W can be resized; scales are ["
                          << scales->data[0] << ", " << scales->data[1]
                          << ", " << scales->data[2] << ", "
                          << scales->data[3] << "]";
    scaleH = scales->data[2];
    scaleW = scales->data[3];
    if (!(scaleH > 0.0f) || !(scaleW > 0.0f))
      return node.error() << "scales must be positive";
    outShape[2] = static_cast<int64_t>(std::floor(inShape[2] * scaleH));
    outShape[3] = static_cast<int64_t>(std::floor(inShape[3] * scaleW));
  } else {
    for (int i = 0; i < 4; ++i)
      outShape[i] = static_cast<int64_t>(sizes->data[i]);
    if (outShape[0] != inShape[0] || outShape[1] != inShape[1])
      return node.error() << "only H and W can be resized; sizes are "
                          << formatShape(outShape) << " for input "
                          << formatShape(inShape);
    scaleH = static_cast<float>(outShape[2]) / inShape[2];
    scaleW = static_cast<float>(outShape[3]) / inShape[3];
  }
  if (outShape[2] < 1 || outShape[3] < 1)
    return node.error() << "the output size " << formatShape(outShape)
                        << " is empty";
  if (opset < 11 && *mode == ResizeMode::Nearest) {
    // Resize-10 has no nearest_mode: like Upsample it truncates the source
    // coordinate when enlarging (ONNX's Upsample tests) and rounds it up when
    // shrinking (ONNX Runtime), per axis.
    bool shrinks = scaleH < 1.0f || scaleW < 1.0f;
    if (shrinks && (scaleH > 1.0f || scaleW > 1.0f))
      return node.error() << "opset " << opset
                          << " nearest resize that enlarges one axis and "
                             "shrinks the other is not supported";
    rounding = shrinks ? NearestRounding::Ceil : NearestRounding::Floor;
  }
  node.setOutput(0, node.create<ResizeOp>(
                        node.tensorType(outShape), *node.getValue(0), *mode,
                        *transform, *rounding, llvm::APFloat(scaleH),
                        llvm::APFloat(scaleW)));
  return success();
}

void mnc::onnx_frontend::registerResizeOps(OpTable &table) {
  table.addImporter("Resize", importResize);
}
