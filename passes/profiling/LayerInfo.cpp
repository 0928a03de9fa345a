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

/// Convolutions by their kernel and stride, other layers by their operation.
std::string layerKind(Operation *op) {
  if (auto conv = dyn_cast<mnc::Conv2dOp>(op)) {
    ArrayRef<int64_t> filter = shapeOf(conv.getFilter());
    ArrayRef<int64_t> strides = conv.getStrides();
    std::string stride =
        strides[0] == strides[1]
            ? llvm::formatv("s{0}", strides[0]).str()
            : llvm::formatv("s{0}x{1}", strides[0], strides[1]).str();
    if (conv.isDepthwise())
      return llvm::formatv("depthwise {0}x{1} {2}", filter[2], filter[3],
                           stride);
    if (conv.getGroups() == 1 && filter[2] == 1 && filter[3] == 1)
      return strides[0] == 1 && strides[1] == 1 ? "pointwise"
                                                : "pointwise " + stride;
    return llvm::formatv("conv {0}x{1} {2}", filter[2], filter[3], stride);
  }
  if (isa<mnc::FullyConnectedOp>(op))
    return "fully connected";
  if (isa<mnc::SqueezeExciteOp>(op))
    return "squeeze-excite";
  return op->getName().stripDialect().str();
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
  } else if (auto activation = dyn_cast<ActivationOpInterface>(op)) {
    layer.activation = formatActivation(activation.getActivation());
  }
  return layer;
}
