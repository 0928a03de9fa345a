//===- Pipelines.cpp - the pass pipelines of mnc-compile ------------------===//

#include "passes/Pipelines.h"

#include "passes/Passes.h"

#include "mlir/Conversion/AffineToStandard/AffineToStandard.h"
#include "mlir/Conversion/ArithToLLVM/ArithToLLVM.h"
#include "mlir/Conversion/ControlFlowToLLVM/ControlFlowToLLVM.h"
#include "mlir/Conversion/FuncToLLVM/ConvertFuncToLLVMPass.h"
#include "mlir/Conversion/MathToLLVM/MathToLLVM.h"
#include "mlir/Conversion/MathToLibm/MathToLibm.h"
#include "mlir/Conversion/MemRefToLLVM/MemRefToLLVM.h"
#include "mlir/Conversion/ReconcileUnrealizedCasts/ReconcileUnrealizedCasts.h"
#include "mlir/Conversion/SCFToControlFlow/SCFToControlFlow.h"
#include "mlir/Conversion/VectorToLLVM/ConvertVectorToLLVMPass.h"
#include "mlir/Conversion/VectorToSCF/VectorToSCF.h"
#include "mlir/Dialect/Bufferization/Transforms/OneShotAnalysis.h"
#include "mlir/Dialect/Bufferization/Transforms/Passes.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/Passes.h"
#include "mlir/Dialect/MemRef/Transforms/Passes.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassRegistry.h"
#include "mlir/Transforms/Passes.h"

using namespace mlir;

namespace {
/// Copies between buffers as linalg.copy, which becomes plain loops. The
/// default, memref.copy, lowers to a call into MLIR's C runner library when
/// a side is strided (the destination of a tensor.pad, for example).
LogicalResult createLinalgCopy(OpBuilder &builder, Location loc, Value from,
                               Value to) {
  builder.create<linalg::CopyOp>(loc, from, to);
  return success();
}
} // namespace

void mnc::buildFusionPipeline(OpPassManager &pm) {
  pm.addPass(createCanonicalizerPass());
  pm.addPass(mnc::createFoldBatchNorm());
  pm.addPass(mnc::createRecognizeActivations());
  pm.addPass(createCanonicalizerPass());
  pm.addPass(mnc::createFoldSqueezeExcite());
  pm.addPass(mnc::createFoldInputNormalization());
  pm.addPass(mnc::createDropPaddingTaps());
  pm.addPass(mnc::createFuseConvActivation());
  pm.addPass(mnc::createFuseResidualAdd());
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createCSEPass());
}

void mnc::buildProfilingPipeline(OpPassManager &pm, StringRef hook) {
  InstrumentLayersOptions options;
  options.hook = hook.str();
  pm.addPass(mnc::createInstrumentLayers(options));
}

void mnc::buildMncToLinalgPipeline(OpPassManager &pm,
                                   const ConvertMncToLinalgOptions &options) {
  // The cross-op decisions of the vector kernels, as attributes the
  // lowering patterns read (without vector lanes they have none to make).
  if (options.vectorLanes)
    pm.addPass(mnc::createPlanKernelOutputs());
  pm.addPass(mnc::createConvertMncToLinalg(options));
}

void mnc::buildLinalgToLLVMPipeline(OpPassManager &pm) {
  // Tensors to buffers. The caller's input is never written; the entry's
  // result becomes an out-parameter the last operation writes directly,
  // also when it is the input, a constant or another output.
  pm.addPass(mnc::createCopyAliasedResults());
  pm.addPass(mnc::createMarkInputsReadOnly());
  bufferization::OneShotBufferizationOptions bufferization;
  bufferization.bufferizeFunctionBoundaries = true;
  bufferization.setFunctionBoundaryTypeConversion(
      bufferization::LayoutMapOption::IdentityLayoutMap);
  bufferization.memCpyFn = createLinalgCopy;
  pm.addPass(bufferization::createOneShotBufferizePass(bufferization));
  // Canonicalize first, or results of scf.for are not hoisted into the
  // out-parameter.
  pm.addPass(createCanonicalizerPass());
  bufferization::BufferResultsToOutParamsOpts outParams;
  outParams.hoistStaticAllocs = true;
  outParams.memCpyFn = createLinalgCopy;
  pm.addPass(bufferization::createBufferResultsToOutParamsPass(outParams));
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createCSEPass());

  // No heap: every intermediate buffer becomes a view into the workspace.
  pm.addPass(mnc::createPlanWorkspace());
  // The kernels' parallel loops, and large linalg operations split into
  // such loops, become tasks for the caller's parallel-for
  // (NAME_run_parallel); the entry gains its context argument.
  pm.addPass(mnc::createSplitParallelLinalg());
  pm.addPass(mnc::createOutlineParallelLoops());

  // Buffers to loops. (Tiling and vectorization will go before this point;
  // the vector lowerings below are already in place for them.)
  pm.addPass(createConvertVectorToSCFPass());
  pm.addPass(createConvertLinalgToLoopsPass());
  pm.addPass(createLowerAffinePass());
  pm.addPass(createConvertSCFToCFPass());
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createCSEPass());

  // Everything to the LLVM dialect.
  pm.addPass(memref::createExpandStridedMetadataPass());
  pm.addPass(createLowerAffinePass());
  pm.addPass(createConvertVectorToLLVMPass());
  pm.addPass(createFinalizeMemRefToLLVMConversionPass());
  pm.addPass(createArithToLLVMConversionPass());
  pm.addPass(createConvertMathToLLVMPass());
  pm.addPass(createConvertMathToLibmPass());
  pm.addPass(createConvertControlFlowToLLVMPass());
  ConvertFuncToLLVMPassOptions funcToLLVM;
  funcToLLVM.useBarePtrCallConv = true;
  pm.addPass(createConvertFuncToLLVMPass(funcToLLVM));
  pm.addPass(createReconcileUnrealizedCastsPass());
  pm.addPass(mnc::createCheckLLVMDialect());

  // What NAME_run and NAME_run_parallel check before calling the entry
  // (disjoint buffers, an aligned workspace) and what the workspace plan
  // knows (disjoint views), told to LLVM.
  pm.addPass(mnc::createAddBufferArgumentAttrs());
  pm.addPass(mnc::createAddWorkspaceAliasScopes());
}

void mnc::buildLibraryPipeline(OpPassManager &pm,
                               const CreateEntryPointsOptions &entryPoints) {
  pm.addPass(mnc::createCreateEntryPoints(entryPoints));
}

void mnc::registerPipelines() {
  PassPipelineRegistration<>(
      "mnc-fusion", "The graph rewrites of the mnc dialect, in order",
      [](OpPassManager &pm) { buildFusionPipeline(pm); });
  PassPipelineRegistration<>(
      "mnc-to-linalg", "Lowers the mnc dialect to linalg on tensors",
      [](OpPassManager &pm) { buildMncToLinalgPipeline(pm); });
  PassPipelineRegistration<>(
      "mnc-linalg-to-llvm",
      "Lowers linalg on tensors to the LLVM dialect, buffers in a workspace",
      [](OpPassManager &pm) { buildLinalgToLLVMPipeline(pm); });
}
