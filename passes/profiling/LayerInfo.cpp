//===- LayerInfo.cpp - what one layer of the fused graph computes ---------===//

#include "passes/profiling/LayerInfo.h"

#include "dialects/MncOps.h"
#include "dialects/ShapeInference.h"
#include "passes/PassUtils.h"

#include "mlir/IR/Matchers.h"
#include "llvm/Support/FormatVariadic.h"

using namespace mlir;
using mnc::shapeOf;

namespace {

/// Bytes of `value` when it is a constant (a weight), else 0.
int64_t constantBytes(Value value) {
  if (!value || !matchPattern(value, m_Constant()))
    return 0;
  return mnc::getNumElements(shapeOf(value)) * 4;
}

std::string formatActivation(mnc::ActivationAttr activation) {
  if (!activation)
    return "-";
  std::string text = mnc::stringifyActivationKind(activation.getKind()).str();
  if (mnc::ActivationAttr::hasParameters(activation.getKind()))
    text += llvm::formatv("({0:g},{1:g})", activation.getAlphaValue(),
                          activation.getBetaValue())
                .str();
  return text;
}

/// " s2" or " s2x1" (" s1" only when `withUnitStride`), then " d12" for
/// dilations other than 1: what, beside the kernel, decides a window op's
/// speed.
std::string formatStridesAndDilations(ArrayRef<int64_t> strides,
                                      ArrayRef<int64_t> dilations,
                                      bool withUnitStride) {
  auto isOne = [](int64_t v) { return v == 1; };
  auto format = [](StringRef prefix, ArrayRef<int64_t> values) -> std::string {
    if (values[0] == values[1])
      return llvm::formatv(" {0}{1}", prefix, values[0]).str();
    return llvm::formatv(" {0}{1}x{2}", prefix, values[0], values[1]).str();
  };
  std::string text;
  if (withUnitStride || !llvm::all_of(strides, isOne))
    text += format("s", strides);
  if (!llvm::all_of(dilations, isOne))
    text += format("d", dilations);
  return text;
}

/// "3x3 s2", "3x3 s1 d12": a window's size, strides and dilations.
std::string formatWindow(int64_t height, int64_t width,
                         ArrayRef<int64_t> strides,
                         ArrayRef<int64_t> dilations) {
  return llvm::formatv("{0}x{1}", height, width).str() +
         formatStridesAndDilations(strides, dilations,
                                   /*withUnitStride=*/true);
}

/// Convolutions by their kind, kernel, stride and dilation, pooling by its
/// window, resizes by their interpolation, other layers by their operation.
std::string layerKind(Operation *op) {
  if (auto conv = dyn_cast<mnc::Conv2dOp>(op)) {
    ArrayRef<int64_t> filter = shapeOf(conv.getFilter());
    std::string window = formatWindow(filter[2], filter[3], conv.getStrides(),
                                      conv.getDilations());
    if (conv.isDepthwise())
      return "depthwise " + window;
    if (conv.isGrouped())
      return "grouped conv " + window;
    if (filter[2] == 1 && filter[3] == 1)
      return "pointwise" +
             formatStridesAndDilations(conv.getStrides(), conv.getDilations(),
                                       /*withUnitStride=*/false);
    return "conv " + window;
  }
  if (auto deconv = dyn_cast<mnc::ConvTransposeOp>(op)) {
    ArrayRef<int64_t> filter = shapeOf(deconv.getFilter());
    return "transposed " + formatWindow(filter[2], filter[3],
                                        deconv.getStrides(),
                                        deconv.getDilations());
  }
  if (auto pool = dyn_cast<mnc::MaxPoolOp>(op))
    return "max pool " + formatWindow(pool.getKernel()[0], pool.getKernel()[1],
                                      pool.getStrides(), pool.getDilations());
  if (auto pool = dyn_cast<mnc::AvgPoolOp>(op))
    return "avg pool " + formatWindow(pool.getKernel()[0], pool.getKernel()[1],
                                      pool.getStrides(), pool.getDilations());
  if (isa<mnc::GlobalAvgPoolOp, mnc::GlobalMaxPoolOp, mnc::ReduceMeanOp>(op))
    return "global pool";
  if (auto resize = dyn_cast<mnc::ResizeOp>(op))
    return "resize " + mnc::stringifyResizeMode(resize.getMode()).str() +
           (resize.getAddend() ? " +add" : "");
  if (isa<mnc::FullyConnectedOp>(op))
    return "fully connected";
  if (isa<mnc::SqueezeExciteOp>(op))
    return "squeeze-excite";
  return op->getName().stripDialect().str();
}

/// Bytes of the float tensors `op` reads (its non-constant operands) and
/// writes: the memory traffic of a layer that does little arithmetic.
int64_t activationBytes(Operation *op) {
  int64_t elements = 0;
  for (Value operand : op->getOperands())
    if (!matchPattern(operand, m_Constant()))
      elements += mnc::getNumElements(shapeOf(operand));
  for (Value result : op->getResults())
    elements += mnc::getNumElements(shapeOf(result));
  return elements * 4;
}

} // namespace

std::string mnc::formatShape(Type type) {
  auto shaped = dyn_cast<ShapedType>(type);
  if (!shaped || !shaped.hasRank())
    return "?";
  std::string text;
  llvm::raw_string_ostream os(text);
  llvm::interleave(shaped.getShape(), os, "x");
  return text;
}

bool mnc::isLayer(Operation *op) {
  return isa_and_nonnull<MncDialect>(op->getDialect()) &&
         op->getNumResults() == 1;
}

mnc::LayerInfo mnc::describeLayer(Operation *op) {
  LayerInfo layer;
  layer.node = locationNodeName(op->getLoc());
  layer.op = op->getName().stripDialect().str();
  layer.kind = layerKind(op);
  for (Value operand : op->getOperands())
    if (!matchPattern(operand, m_Constant()))
      layer.inputShapes += (layer.inputShapes.empty() ? "" : ",") +
                           formatShape(operand.getType());
  layer.shape = formatShape(op->getResult(0).getType());
  layer.bytes = activationBytes(op);
  layer.activation = "-";
  ArrayRef<int64_t> out = shapeOf(op->getResult(0));
  if (auto conv = dyn_cast<Conv2dOp>(op)) {
    ArrayRef<int64_t> filter = shapeOf(conv.getFilter());
    layer.macs = getNumElements(out) * filter[1] * filter[2] * filter[3];
    layer.weightBytes =
        constantBytes(conv.getFilter()) + constantBytes(conv.getBias());
    layer.activation = formatActivation(conv.getActivationAttr());
    if (conv.getResidual())
      layer.activation += " +residual";
  } else if (auto conv = dyn_cast<ConvTransposeOp>(op)) {
    // Every input element meets F / groups x KH x KW taps (the products
    // that pads crop away included).
    ArrayRef<int64_t> filter = shapeOf(conv.getFilter());
    layer.macs = getNumElements(shapeOf(conv.getInput())) * filter[1] *
                 filter[2] * filter[3];
    layer.weightBytes =
        constantBytes(conv.getFilter()) + constantBytes(conv.getBias());
    layer.activation = formatActivation(conv.getActivationAttr());
  } else if (auto fc = dyn_cast<FullyConnectedOp>(op)) {
    layer.macs = getNumElements(out) * shapeOf(fc.getWeight())[1];
    layer.weightBytes =
        constantBytes(fc.getWeight()) + constantBytes(fc.getBias());
    layer.activation = formatActivation(fc.getActivationAttr());
  } else if (auto se = dyn_cast<SqueezeExciteOp>(op)) {
    layer.macs = 2 * out[0] * getNumElements(shapeOf(se.getReduceWeight()));
    for (Value v : {se.getReduceWeight(), se.getReduceBias(),
                    se.getExpandWeight(), se.getExpandBias()})
      layer.weightBytes += constantBytes(v);
    layer.activation = formatActivation(se.getReduceActivation()) + "," +
                       formatActivation(se.getExpandActivation());
  } else if (auto pool = dyn_cast<AvgPoolOp>(op)) {
    layer.activation = formatActivation(pool.getActivationAttr());
  } else if (auto pool = dyn_cast<MaxPoolOp>(op)) {
    layer.activation = formatActivation(pool.getActivationAttr());
  } else if (auto activation = dyn_cast<ActivationOpInterface>(op)) {
    layer.activation = formatActivation(activation.getActivation());
  }
  return layer;
}
