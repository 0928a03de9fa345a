//===- PassUtils.h - helpers several mnc passes share -----------*- C++ -*-===//

#ifndef MNC_PASSES_PASSUTILS_H
#define MNC_PASSES_PASSUTILS_H

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/IR/BuiltinOps.h"

#include <string>

namespace mnc {

/// The function a pass works on: `name` if given, otherwise the module's
/// only public function with a body. Errors name `passName` and, when there
/// is no single candidate, the pass's entry-function option.
mlir::FailureOr<mlir::func::FuncOp>
findEntryFunction(mlir::ModuleOp module, llvm::StringRef name,
                  llvm::StringRef passName);

/// The lowered functions that receive the entry's buffers (the inputs, the
/// outputs and the workspace: `numBuffers` pointers) as their first
/// arguments: the entry `llvm.func @main` (`void (ptr..., ptr context)`),
/// then the parallel tasks the module attribute `mnc.parallel_tasks` lists,
/// task K at index K (`void (ptr..., i64 begin, i64 end)`).
struct LoweredBufferFunctions {
  llvm::SmallVector<mlir::LLVM::LLVMFuncOp> functions;
  unsigned numBuffers = 0;
};
/// Finds them; fails, with an error naming `passName`, when one of them is
/// missing or has another signature (the entry needs at least an input, an
/// output and the workspace).
mlir::FailureOr<LoweredBufferFunctions>
findLoweredBufferFunctions(mlir::ModuleOp module, llvm::StringRef passName);

/// The ONNX node an operation came from: the first name its location carries
/// (a fused operation's location holds the names of all the nodes it
/// absorbed); empty if none.
std::string locationNodeName(mlir::Location loc);

} // namespace mnc

#endif // MNC_PASSES_PASSUTILS_H
