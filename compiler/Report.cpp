//===- Report.cpp - per-layer summary of a compiled model -----------------===//

#include "compiler/Report.h"

#include "dialects/MncOps.h"
#include "dialects/ShapeInference.h"
#include "passes/PassUtils.h"

#include "mlir/IR/Matchers.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/FormatVariadic.h"

using namespace mlir;

namespace {
std::string formatType(Type type) {
  auto tensor = dyn_cast<RankedTensorType>(type);
  if (!tensor)
    return "?";
  std::string text;
  llvm::raw_string_ostream os(text);
  llvm::interleave(tensor.getShape(), os, "x");
  return text;
}

int64_t constantBytes(Value value) {
  if (!value || !matchPattern(value, m_Constant()))
    return 0;
  auto type = cast<RankedTensorType>(value.getType());
  return mnc::getNumElements(type.getShape()) * 4;
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

} // namespace

std::vector<mnc::LayerReport> mnc::describeLayers(ModuleOp module) {
  std::vector<LayerReport> layers;
  module.walk([&](Operation *op) {
    if (!isa<MncDialect>(op->getDialect()) || op->getNumResults() != 1)
      return;
    LayerReport layer;
    layer.name = mnc::locationNodeName(op->getLoc());
    layer.op = op->getName().stripDialect().str();
    std::string inputs;
    for (Value operand : op->getOperands())
      if (!matchPattern(operand, m_Constant()))
        inputs += (inputs.empty() ? "" : ",") + formatType(operand.getType());
    layer.shapes = inputs + " -> " + formatType(op->getResult(0).getType());
    layer.activation = "-";
    ArrayRef<int64_t> out =
        cast<RankedTensorType>(op->getResult(0).getType()).getShape();
    if (auto conv = dyn_cast<Conv2dOp>(op)) {
      ArrayRef<int64_t> filter =
          cast<RankedTensorType>(conv.getFilter().getType()).getShape();
      layer.macs = getNumElements(out) * filter[1] * filter[2] * filter[3];
      layer.weightBytes =
          constantBytes(conv.getFilter()) + constantBytes(conv.getBias());
      layer.activation = formatActivation(conv.getActivationAttr());
      if (conv.getResidual())
        layer.activation += " +residual";
    } else if (auto fc = dyn_cast<FullyConnectedOp>(op)) {
      ArrayRef<int64_t> weight =
          cast<RankedTensorType>(fc.getWeight().getType()).getShape();
      layer.macs = getNumElements(out) * weight[1];
      layer.weightBytes =
          constantBytes(fc.getWeight()) + constantBytes(fc.getBias());
      layer.activation = formatActivation(fc.getActivationAttr());
    } else if (auto se = dyn_cast<SqueezeExciteOp>(op)) {
      int64_t weights = getNumElements(
          cast<RankedTensorType>(se.getReduceWeight().getType()).getShape());
      layer.macs = 2 * out[0] * weights;
      for (Value v : {se.getReduceWeight(), se.getReduceBias(),
                      se.getExpandWeight(), se.getExpandBias()})
        layer.weightBytes += constantBytes(v);
      layer.activation = formatActivation(se.getReduceActivation()) + "," +
                         formatActivation(se.getExpandActivation());
    } else if (auto activation = dyn_cast<ActivationOpInterface>(op)) {
      layer.activation = formatActivation(activation.getActivation());
    }
    layers.push_back(std::move(layer));
  });
  return layers;
}

void mnc::printReport(ArrayRef<LayerReport> layers, ArrayAttr plan,
                      int64_t workspaceBytes, raw_ostream &os) {
  // Buffers by the node they were made for.
  llvm::StringMap<std::string> buffers;
  if (plan)
    for (auto entry : plan.getAsRange<DictionaryAttr>()) {
      auto name = entry.getAs<StringAttr>("name");
      auto offset = entry.getAs<IntegerAttr>("offset");
      auto size = entry.getAs<IntegerAttr>("size");
      if (!name || !offset || !size)
        continue;
      std::string &text = buffers[name.getValue()];
      text += llvm::formatv("{0}{1}+{2}", text.empty() ? "" : " ",
                            offset.getInt(), size.getInt())
                  .str();
    }

  os << llvm::formatv("{0,-4} {1,-16} {2,-42} {3,-28} {4,12} {5,10}  {6}\n",
                      "#", "op", "shapes", "activation", "MACs", "weights",
                      "workspace offset+bytes  node");
  int64_t totalMacs = 0, totalWeights = 0;
  for (auto [index, layer] : llvm::enumerate(layers)) {
    totalMacs += layer.macs;
    totalWeights += layer.weightBytes;
    auto buffer = buffers.find(layer.name);
    os << llvm::format("%-4zu %-16s %-42s %-28s %12lld %10lld  %s", index,
                       layer.op.c_str(), layer.shapes.c_str(),
                       layer.activation.c_str(), (long long)layer.macs,
                       (long long)layer.weightBytes,
                       buffer == buffers.end() ? "-"
                                               : buffer->second.c_str())
       << "  " << layer.name << "\n";
  }
  os << llvm::format("total: %zu layers, %.1f M MACs, %.2f MB weights",
                     layers.size(), totalMacs / 1e6, totalWeights / 1e6);
  if (workspaceBytes >= 0)
    os << llvm::format(", workspace %lld bytes (%.2f MiB)",
                       (long long)workspaceBytes,
                       workspaceBytes / (1024.0 * 1024.0));
  os << "\n";
}
