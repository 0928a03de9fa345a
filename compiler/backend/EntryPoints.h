//===- EntryPoints.h - the exported C functions of a library --------------===//
//
// The lowered model is `void main(ptr input, ptr output, ptr workspace,
// ptr context)` plus the parallel tasks outline-parallel-loops made and its
// declaration of the task dispatcher `mnc_parallel_for`. This file builds,
// on the translated LLVM IR, what turns that into a library: the
// dispatcher, a trampoline per task, and the exported NAME_run and
// NAME_run_parallel of the generated header, which check their arguments
// against mnc_runtime.h's status codes and call the entry.
//
//===----------------------------------------------------------------------===//

#ifndef MNC_COMPILER_BACKEND_ENTRYPOINTS_H
#define MNC_COMPILER_BACKEND_ENTRYPOINTS_H

#include "compiler/backend/LibraryInterface.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/Support/LogicalResult.h"

namespace llvm {
class Function;
} // namespace llvm

namespace mnc {

/// Defines, in the module of `entry` (the lowered main, already renamed
/// NAME_main), the task dispatcher `mnc_parallel_for` when the module
/// declares it (renamed NAME_parallel_for, with one trampoline per task of
/// `tasks`, task K at index K, renamed NAME_main_task_K), the hook
/// NAME_serial_for, and the exported `int NAME_run(const float *, float *,
/// void *)` and `int NAME_run_parallel(const float *, float *, void *,
/// mnc_parallel_for_fn, void *)`; then gives every other definition internal
/// linkage, so that two mnc libraries link into one program. Errors (a
/// dispatcher or task of the wrong type) are reported on `module`.
mlir::LogicalResult defineEntryPoints(llvm::Function &entry,
                                      llvm::ArrayRef<llvm::Function *> tasks,
                                      const LibraryInterface &interface,
                                      mlir::ModuleOp module);

} // namespace mnc

#endif // MNC_COMPILER_BACKEND_ENTRYPOINTS_H
