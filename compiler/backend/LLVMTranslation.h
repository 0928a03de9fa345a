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

/// Translates `module` (LLVM dialect only, with the lowered entry
/// `void main(ptr input, ptr output, ptr workspace, ptr context)` and the
/// parallel tasks the module attribute `mnc.parallel_tasks` lists) to LLVM IR
/// for `machine`, defines the task dispatcher `mnc_parallel_for` the entry
/// calls, adds the exported `int NAME_run(const float *, float *, void *)`
/// and `int NAME_run_parallel(const float *, float *, void *,
/// mnc_parallel_for_fn, void *)` that check their arguments and call the
/// entry (NAME_run with a hook that runs each task in the calling thread),
/// gives every other definition internal linkage, and runs LLVM's O3
/// pipeline, with loop unrolling only if `unrollLoops` (plain linalg loops
/// need it to vectorize; the vector kernels come unrolled already, and
/// LLVM's unrolling of them cost a second of compile time for nothing).
mlir::FailureOr<std::unique_ptr<llvm::Module>>
translateToLLVMIR(mlir::ModuleOp module, llvm::LLVMContext &llvmContext,
                  llvm::TargetMachine &machine,
                  const LibraryInterface &interface, bool unrollLoops);

} // namespace mnc

#endif // MNC_COMPILER_BACKEND_LLVMTRANSLATION_H
