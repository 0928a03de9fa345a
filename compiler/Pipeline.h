//===- Pipeline.h - the pass pipelines of mnc-compile ---------------------===//
//
// mnc-compile lowers in two pass pipelines, so that it can stop after either
// (--emit=linalg, --emit=llvm-dialect):
//
//   mnc dialect --buildMncToLinalgPipeline--> linalg/tensor/arith on tensors
//               --buildLinalgToLLVMPipeline--> LLVM dialect only
//
//===----------------------------------------------------------------------===//

#ifndef MNC_COMPILER_PIPELINE_H
#define MNC_COMPILER_PIPELINE_H

namespace mlir {
class OpPassManager;
} // namespace mlir

namespace mnc {

/// mnc dialect to linalg, tensor, arith and math on tensors, with a single
/// `func.func @main` on the model's tensors. Graph-level rewrites (fusion)
/// belong before the conversion.
void buildMncToLinalgPipeline(mlir::OpPassManager &pm);

/// Linalg on tensors to the LLVM dialect: bufferization (inputs never written,
/// results as out-parameters), every intermediate buffer placed in one
/// caller-provided workspace (no heap), loops, and conversion to LLVM with
/// bare-pointer calling convention, so the entry becomes
/// `void main(float *input, float *output, i8 *workspace)`. Ends with a check
/// that nothing but LLVM dialect operations is left. The module attribute
/// `mnc.workspace_size` holds the workspace bytes afterwards.
void buildLinalgToLLVMPipeline(mlir::OpPassManager &pm);

/// Registers both pipelines for command-line use (mnc-opt):
/// `--mnc-to-linalg` and `--mnc-linalg-to-llvm`.
void registerPipelines();

} // namespace mnc

#endif // MNC_COMPILER_PIPELINE_H
