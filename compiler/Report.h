//===- Report.h - per-layer summary of a compiled model -------------------===//

#ifndef MNC_COMPILER_REPORT_H
#define MNC_COMPILER_REPORT_H

#include "passes/profiling/LayerInfo.h"

#include "mlir/IR/BuiltinOps.h"
#include "llvm/Support/raw_ostream.h"

#include <string>
#include <vector>

namespace mnc {

/// Describes every mnc operation of `module`, in order.
std::vector<LayerInfo> describeLayers(mlir::ModuleOp module);

/// Prints one line per layer and the totals. `plan` is the
/// `mnc.workspace_plan` of the lowered module (buffer name, offset, size),
/// or null when compilation stopped before planning; `workspaceBytes` the
/// workspace size, or -1.
void printReport(llvm::ArrayRef<LayerInfo> layers, mlir::ArrayAttr plan,
                 int64_t workspaceBytes, llvm::raw_ostream &os);

} // namespace mnc

#endif // MNC_COMPILER_REPORT_H
