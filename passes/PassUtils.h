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

/// The lowered functions that receive the entry's buffers (input, output,
/// workspace) as their first three arguments: the entry `llvm.func @main`
/// (`void (ptr input, ptr output, ptr workspace, ptr context)`), then the
/// parallel tasks the module attribute `mnc.parallel_tasks` lists, task K at
/// index K (`void (ptr input, ptr output, ptr workspace, i64 begin,
/// i64 end)`). Fails, with an error naming `passName`, when one of them is
/// missing or has another signature.
mlir::FailureOr<llvm::SmallVector<mlir::LLVM::LLVMFuncOp>>
findLoweredBufferFunctions(mlir::ModuleOp module, llvm::StringRef passName);

/// The ONNX node an operation came from: the first name its location carries
/// (a fused operation's location holds the names of all the nodes it
/// absorbed); empty if none.
std::string locationNodeName(mlir::Location loc);

} // namespace mnc

#endif // MNC_PASSES_PASSUTILS_H
