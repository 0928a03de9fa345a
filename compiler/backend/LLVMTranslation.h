//===- LLVMTranslation.h - LLVM dialect to optimized LLVM IR --------------===//

#ifndef MNC_COMPILER_BACKEND_LLVMTRANSLATION_H
#define MNC_COMPILER_BACKEND_LLVMTRANSLATION_H

#include "compiler/backend/LibraryInterface.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/Support/LogicalResult.h"

#include <memory>

namespace llvm {
class LLVMContext;
class Module;
class TargetMachine;
} // namespace llvm

namespace mnc {

/// Translates `module` (LLVM dialect only, its entry points already made by
/// create-entry-points) to LLVM IR for `machine`, with mnc's attributes
/// dropped and every definition marked nounwind with an asynchronous unwind
/// table, and runs LLVM's O3 pipeline, with loop unrolling only if
/// `unrollLoops` (plain linalg loops need it to vectorize; the vector
/// kernels come unrolled already, and LLVM's unrolling of them cost a second
/// of compile time for nothing).
mlir::FailureOr<std::unique_ptr<llvm::Module>>
translateToLLVMIR(mlir::ModuleOp module, llvm::LLVMContext &llvmContext,
                  llvm::TargetMachine &machine,
                  const LibraryInterface &interface, bool unrollLoops);

} // namespace mnc

#endif // MNC_COMPILER_BACKEND_LLVMTRANSLATION_H
