//===- Pipelines.h - the pass pipelines of mnc-compile --------------------===//
//
// mnc-compile runs three pass pipelines, so that it can stop after each
// (--emit=fused, --emit=linalg, --emit=llvm-dialect):
//
//   mnc dialect --buildFusionPipeline--> fused mnc dialect
//               (--profile: --buildProfilingPipeline--> calls between layers)
//               --buildMncToLinalgPipeline--> linalg/tensor/arith on tensors
//               --buildLinalgToLLVMPipeline--> LLVM dialect only
//
//===----------------------------------------------------------------------===//

#ifndef MNC_PASSES_PIPELINES_H
#define MNC_PASSES_PIPELINES_H

#include "passes/Passes.h"

namespace mlir {
class OpPassManager;
} // namespace mlir

namespace mnc {

/// The graph rewrites on the mnc dialect, in this order:
///   canonicalize (ReduceMean over H, W becomes a global average pool; a
///     zero Pad of H and W before a convolution becomes its padding),
///   fold-batchnorm (into the preceding convolution or fully connected layer,
///     or a per-channel scale and shift),
///   recognize-activations (exporters' h-sigmoid and h-swish idioms),
///   canonicalize,
///   fold-squeeze-excite (whole SE blocks, before their activations fuse away),
///   fold-input-normalization (an input's 1 / std into the convolution that
///     reads it),
///   fuse-conv-activation,
///   fuse-residual-add (after the activation: act(conv) + residual),
///   canonicalize and cse (dead constants and duplicates).
void buildFusionPipeline(mlir::OpPassManager &pm);

/// For `mnc-compile --profile`: instrument-layers, which calls `hook(i)`
/// before layer i of the entry function and `hook(count)` before it returns,
/// and lists the layers in the module attribute `mnc.layers`. It needs the
/// layers as mnc operations: after fusion (so the layers are the fused ones
/// the library runs), before buildMncToLinalgPipeline.
void buildProfilingPipeline(mlir::OpPassManager &pm, llvm::StringRef hook);

/// mnc dialect to linalg, tensor, arith and math on tensors, with a single
/// `func.func @main` on the model's tensors; with `options.vectorLanes` set,
/// convolutions and matrix products become vector kernels in scf loops.
/// Graph-level rewrites (fusion) belong before the conversion.
void buildMncToLinalgPipeline(mlir::OpPassManager &pm,
                              const ConvertMncToLinalgOptions &options = {});

/// Linalg on tensors to the LLVM dialect: bufferization (inputs never written,
/// results as out-parameters), every intermediate buffer placed in one
/// caller-provided workspace (no heap), loops, and conversion to LLVM with
/// bare-pointer calling convention, so the entry becomes
/// `void main(float *input, float *output, i8 *workspace, void *context)`;
/// after workspace planning, large linalg operations are split into
/// `mnc.parallel` loops and every such loop becomes a task function run
/// through `mnc_parallel_for(context, task, count)` (split-parallel-linalg,
/// outline-parallel-loops). Checks that nothing but LLVM dialect operations
/// is left, then marks the entry's and tasks' buffer arguments noalias and
/// the workspace aligned (add-buffer-argument-attrs) and gives the loads and
/// stores of the workspace's views alias scopes (add-workspace-alias-scopes).
/// The module attribute `mnc.workspace_size` holds the workspace bytes
/// afterwards.
void buildLinalgToLLVMPipeline(mlir::OpPassManager &pm);

/// The lowered model to the module a library is translated from: the
/// exported NAME_run and NAME_run_parallel, the task dispatcher and its
/// trampolines around the entry (create-entry-points). It needs the
/// library's name and buffer sizes, which only mnc-compile knows: it runs
/// after --emit=llvm-dialect, before translation to LLVM IR.
void buildLibraryPipeline(mlir::OpPassManager &pm,
                          const CreateEntryPointsOptions &entryPoints);

/// Registers the pipelines for command-line use (mnc-opt): `--mnc-fusion`,
/// `--mnc-to-linalg` and `--mnc-linalg-to-llvm`.
void registerPipelines();

} // namespace mnc

#endif // MNC_PASSES_PIPELINES_H
