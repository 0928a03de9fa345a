//===- Report.h - per-layer summary of a compiled model -------------------===//

#ifndef MNC_COMPILER_REPORT_H
#define MNC_COMPILER_REPORT_H

#include "mlir/IR/BuiltinOps.h"
#include "llvm/Support/raw_ostream.h"

#include <string>
#include <vector>

namespace mnc {

/// One operation of the fused mnc graph.
struct LayerReport {
  std::string name;       ///< the ONNX node it came from
  std::string op;         ///< e.g. conv2d, squeeze_excite
  std::string shapes;     ///< input -> output
  std::string activation; ///< fused activation, or "-"
  int64_t macs = 0;       ///< multiply-accumulates (convolutions, matmuls)
  int64_t weightBytes = 0;
};

/// Describes every mnc operation of `module`, in order.
std::vector<LayerReport> describeLayers(mlir::ModuleOp module);

/// Prints one line per layer and the totals. `plan` is the
/// `mnc.workspace_plan` of the lowered module (buffer name, offset, size),
/// or null when compilation stopped before planning; `workspaceBytes` the
/// workspace size, or -1.
void printReport(llvm::ArrayRef<LayerReport> layers, mlir::ArrayAttr plan,
                 int64_t workspaceBytes, llvm::raw_ostream &os);

} // namespace mnc

#endif // MNC_COMPILER_REPORT_H
