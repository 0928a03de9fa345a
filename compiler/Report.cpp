//===- Report.cpp - per-layer summary of a compiled model -----------------===//

#include "compiler/Report.h"

#include "llvm/ADT/StringMap.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/FormatVariadic.h"

using namespace mlir;

std::vector<mnc::LayerInfo> mnc::describeLayers(ModuleOp module) {
  std::vector<LayerInfo> layers;
  module.walk([&](Operation *op) {
    if (isLayer(op))
      layers.push_back(describeLayer(op));
  });
  return layers;
}

void mnc::printReport(ArrayRef<LayerInfo> layers, ArrayAttr plan,
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

  os << llvm::formatv(
      "{0,-4} {1,-16} {2,-24} {3,-42} {4,-28} {5,12} {6,10} {7,10}  {8}\n",
      "#", "op", "kind", "shapes", "activation", "MACs", "weights", "moved",
      "workspace offset+bytes  node");
  int64_t totalMacs = 0, totalWeights = 0, totalMoved = 0;
  for (auto [index, layer] : llvm::enumerate(layers)) {
    totalMacs += layer.macs;
    totalWeights += layer.weightBytes;
    totalMoved += layer.bytes;
    auto buffer = buffers.find(layer.node);
    os << llvm::format("%-4zu %-16s %-24s %-42s %-28s %12lld %10lld %10lld  %s",
                       index, layer.op.c_str(), layer.kind.c_str(),
                       (layer.inputShapes + " -> " + layer.shape).c_str(),
                       layer.activation.c_str(), (long long)layer.macs,
                       (long long)layer.weightBytes, (long long)layer.bytes,
                       buffer == buffers.end() ? "-"
                                               : buffer->second.c_str())
       << "  " << layer.node << "\n";
  }
  os << llvm::format("total: %zu layers, %.1f M MACs, %.2f MB weights, "
                     "%.2f MB of activations moved",
                     layers.size(), totalMacs / 1e6, totalWeights / 1e6,
                     totalMoved / 1e6);
  if (workspaceBytes >= 0)
    os << llvm::format(", workspace %lld bytes (%.2f MiB)",
                       (long long)workspaceBytes,
                       workspaceBytes / (1024.0 * 1024.0));
  os << "\n";
}
