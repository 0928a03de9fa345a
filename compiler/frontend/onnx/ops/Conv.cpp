//===- Conv.cpp - ONNX Conv and BatchNormalization ------------------------===//
//
// 2-D convolutions with constant weights and inference-mode batch
// normalization; the fusion passes later fold the latter into the former.
//
//===----------------------------------------------------------------------===//

#include "compiler/frontend/onnx/NodeContext.h"
#include "compiler/frontend/onnx/OpTable.h"
#include "compiler/frontend/onnx/ops/ShapeRules.h"

#include "dialects/MncOps.h"

using namespace mlir;
using namespace mnc;
using namespace mnc::onnx_frontend;
using llvm::ArrayRef;
using llvm::SmallVector;
using llvm::StringRef;

/// The input type and the constant weight of a 2-D convolution or
/// transposed convolution (`what`), checked: rank-4 input and weight,
/// kernel_shape (if given) the weight's, a constant bias if there is one.
static FailureOr<std::pair<RankedTensorType, const ConstTensor *>>
readConvolutionOperands(NodeContext &node, StringRef what) {
  FailureOr<RankedTensorType> inputType = node.getValueType(0);
  FailureOr<const ConstTensor *> filter = node.requireConst(1, "weight");
  if (failed(inputType) || failed(filter))
    return failure();
  if (node.hasInput(2) && failed(node.requireConst(2, "bias")))
    return failure();
  ArrayRef<int64_t> filterShape = (*filter)->shape;
  if (filterShape.size() != 4 || inputType->getRank() != 4) {
    node.error() << "only 2-D " << what
                 << " are supported (rank-4 input and weight), got input "
                 << formatShape(inputType->getShape()) << " and weight "
                 << formatShape(filterShape);
    return failure();
  }
  SmallVector<int64_t> kernel =
      node.getInts("kernel_shape", filterShape.drop_front(2));
  if (kernel != filterShape.drop_front(2)) {
    node.error() << "kernel_shape " << formatShape(kernel)
                 << " does not match the weight " << formatShape(filterShape);
    return failure();
  }
  return std::make_pair(*inputType, *filter);
}

/// Conv with a constant [C_out, C_in / group, KH, KW] weight and optional
/// constant bias.
static LogicalResult importConv(NodeContext &node) {
  auto operands = readConvolutionOperands(node, "convolutions");
  if (failed(operands))
    return failure();
  RankedTensorType inputType = operands->first;
  ArrayRef<int64_t> filterShape = operands->second->shape;
  ArrayRef<int64_t> kernel = filterShape.drop_front(2);
  SmallVector<int64_t> strides = node.getInts("strides", {1, 1});
  SmallVector<int64_t> dilations = node.getInts("dilations", {1, 1});
  int64_t groups = node.getInt("group", 1);
  // auto_pad sizes the padding for the dilated window.
  SmallVector<int64_t> window = {dilations.size() == 2
                                     ? dilations[0] * (kernel[0] - 1) + 1
                                     : kernel[0],
                                 dilations.size() == 2
                                     ? dilations[1] * (kernel[1] - 1) + 1
                                     : kernel[1]};
  FailureOr<std::array<int64_t, 4>> pads =
      windowPads(node, inputType.getShape(), window, strides);
  if (failed(pads))
    return failure();
  FailureOr<Shape> shape =
      inferConv2dShape(inputType.getShape(), filterShape, strides, *pads,
                       dilations, groups, node.errorFn());
  if (failed(shape))
    return failure();
  if (node.hasInput(2) && node.getConst(2)->shape != Shape{filterShape[0]})
    return node.error() << "bias shape " << formatShape(node.getConst(2)->shape)
                        << " must be [" << filterShape[0] << "]";
  Value bias = node.hasInput(2) ? *node.getValue(2) : Value();
  node.setOutput(0, node.create<Conv2dOp>(
                        node.tensorType(*shape), *node.getValue(0),
                        *node.getValue(1), bias, /*residual=*/Value(), strides,
                        *pads, dilations, groups, /*activation=*/nullptr));
  return success();
}

/// BatchNormalization at inference: constant per-channel scale, bias, mean
/// and variance.
static LogicalResult importBatchNorm(NodeContext &node) {
  if (node.getInt("training_mode", 0) != 0)
    return node.error() << "training_mode = 1 is not supported (inference "
                           "only)";
  FailureOr<RankedTensorType> inputType = node.getValueType(0);
  if (failed(inputType))
    return failure();
  if (inputType->getRank() < 2)
    return node.error() << "input must have rank >= 2, got "
                        << formatShape(inputType->getShape());
  int64_t channels = inputType->getDimSize(1);
  SmallVector<Value> params;
  for (auto [index, name] : llvm::enumerate(
           ArrayRef<StringRef>{"scale", "bias", "mean", "variance"})) {
    FailureOr<const ConstTensor *> param = node.requireConst(index + 1, name);
    if (failed(param))
      return failure();
    if ((*param)->shape != Shape{channels})
      return node.error() << name << " has shape "
                          << formatShape((*param)->shape) << ", expected ["
                          << channels << "]";
    params.push_back(*node.getValue(index + 1));
  }
  float epsilon = node.getFloat("epsilon", 1e-5f);
  node.setOutput(0, node.create<BatchNormOp>(
                        *inputType, *node.getValue(0), params[0], params[1],
                        params[2], params[3],
                        node.getBuilder().getF32FloatAttr(epsilon)));
  return success();
}

/// ConvTranspose with a constant [C, F / group, KH, KW] weight and optional
/// constant bias. The padding comes from `pads`, or from `output_shape` or
/// `auto_pad` as ONNX specifies it: the total padding split in half, the odd
/// element at the end for SAME_UPPER, at the start otherwise; an
/// output_shape beyond the full result extends it like output_padding.
static LogicalResult importConvTranspose(NodeContext &node) {
  auto operands = readConvolutionOperands(node, "transposed convolutions");
  if (failed(operands))
    return failure();
  ArrayRef<int64_t> in = operands->first.getShape();
  ArrayRef<int64_t> filterShape = operands->second->shape;
  ArrayRef<int64_t> kernel = filterShape.drop_front(2);
  SmallVector<int64_t> strides = node.getInts("strides", {1, 1});
  SmallVector<int64_t> dilations = node.getInts("dilations", {1, 1});
  SmallVector<int64_t> outputPadding = node.getInts("output_padding", {0, 0});
  int64_t groups = node.getInt("group", 1);
  if (strides.size() != 2 || dilations.size() != 2 ||
      outputPadding.size() != 2)
    return node.error() << "strides, dilations and output_padding need 2 "
                           "values each";
  std::string autoPad = node.getString("auto_pad", "NOTSET");
  SmallVector<int64_t> outputShape = node.getInts("output_shape");
  if (autoPad != "NOTSET" && autoPad != "VALID" && autoPad != "SAME_UPPER" &&
      autoPad != "SAME_LOWER")
    return node.error() << "auto_pad '" << autoPad << "' is not supported";
  SmallVector<int64_t> pads = node.getInts("pads", {0, 0, 0, 0});
  if (pads.size() != 4)
    return node.error() << "pads needs 4 values, got " << pads.size();
  bool same = autoPad == "SAME_UPPER" || autoPad == "SAME_LOWER";
  if (autoPad == "VALID")
    pads.assign(4, 0);
  if (!outputShape.empty() || same) {
    if (!outputShape.empty() && outputShape.size() != 2 &&
        outputShape.size() != 4)
      return node.error() << "output_shape " << formatShape(outputShape)
                          << " must give [H, W] or [N, C, H, W]";
    for (int axis = 0; axis < 2; ++axis) {
      int64_t full = strides[axis] * (in[2 + axis] - 1) + outputPadding[axis] +
                     dilations[axis] * (kernel[axis] - 1) + 1;
      int64_t wanted = outputShape.empty()
                           ? in[2 + axis] * strides[axis]
                           : outputShape[outputShape.size() - 2 + axis];
      int64_t total = full - wanted;
      if (total < 0) {
        outputPadding[axis] -= total;
        total = 0;
      }
      int64_t head = autoPad == "SAME_UPPER" ? total / 2 : total - total / 2;
      pads[axis] = head;
      pads[axis + 2] = total - head;
    }
  }
  FailureOr<Shape> shape = inferConvTranspose2dShape(
      in, filterShape, strides, pads, dilations, outputPadding, groups,
      node.errorFn());
  if (failed(shape))
    return failure();
  if (node.hasInput(2) && node.getConst(2)->shape != Shape{(*shape)[1]})
    return node.error() << "bias shape " << formatShape(node.getConst(2)->shape)
                        << " must be [" << (*shape)[1] << "]";
  Value bias = node.hasInput(2) ? *node.getValue(2) : Value();
  node.setOutput(0, node.create<ConvTransposeOp>(
                        node.tensorType(*shape), *node.getValue(0),
                        *node.getValue(1), bias, strides, pads, dilations,
                        outputPadding, groups, /*activation=*/nullptr));
  return success();
}

void mnc::onnx_frontend::registerConvOps(OpTable &table) {
  table.addImporter("Conv", importConv);
  table.addImporter("ConvTranspose", importConvTranspose);
  table.addImporter("BatchNormalization", importBatchNorm);
}
