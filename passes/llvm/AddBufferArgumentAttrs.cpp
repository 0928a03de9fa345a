//===- AddBufferArgumentAttrs.cpp - noalias and align on the buffers ------===//
//
// The entry function and its parallel tasks take the caller's input, output
// and workspace as their first three pointer arguments. The exported NAME_run
// and NAME_run_parallel check that the three buffers do not overlap and that
// the workspace is aligned before calling the entry, so the lowered functions
// may promise LLVM both: `llvm.noalias` on the three pointers and
// `llvm.align` on the workspace (when there is one).
//
// The entry gets no `llvm.noalias` once tasks exist: the tasks reach the same
// buffers through the parallel context during the entry's calls of the
// dispatcher, and noalias on the entry's arguments would let LLVM move the
// entry's own loads and stores across those calls (it did: wrong results
// once a serial tail wrote what a task then read). The chunks of one task
// run concurrently but write disjoint bytes and read none another writes, so
// the tasks keep theirs.
//
//===----------------------------------------------------------------------===//

#include "dialects/MncAbi.h"
#include "passes/PassUtils.h"
#include "passes/Passes.h"

#include "runtime/mnc_runtime.h"

#include "mlir/Dialect/LLVMIR/LLVMDialect.h"

namespace mnc {
#define GEN_PASS_DEF_ADDBUFFERARGUMENTATTRS
#include "passes/Passes.h.inc"
} // namespace mnc

using namespace mlir;

namespace {

struct AddBufferArgumentAttrsPass
    : public mnc::impl::AddBufferArgumentAttrsBase<AddBufferArgumentAttrsPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    FailureOr<mnc::LoweredBufferFunctions> found =
        mnc::findLoweredBufferFunctions(module, getArgument());
    if (failed(found))
      return signalPassFailure();
    ArrayRef<LLVM::LLVMFuncOp> functions = found->functions;
    unsigned workspace = mnc::abi::workspaceArgument(found->numBuffers);
    auto workspaceSize =
        module->getAttrOfType<IntegerAttr>(mnc::abi::kWorkspaceSizeAttr);
    bool hasWorkspace = workspaceSize && workspaceSize.getInt() > 0;

    Builder builder(&getContext());
    LLVM::LLVMFuncOp entry = functions.front();
    bool hasTasks = functions.size() > 1;
    for (LLVM::LLVMFuncOp function : functions) {
      if (function != entry || !hasTasks)
        for (unsigned i = 0; i < found->numBuffers; ++i)
          function.setArgAttr(i, LLVM::LLVMDialect::getNoAliasAttrName(),
                              builder.getUnitAttr());
      if (hasWorkspace)
        function.setArgAttr(workspace,
                            LLVM::LLVMDialect::getAlignAttrName(),
                            builder.getI64IntegerAttr(MNC_WORKSPACE_ALIGNMENT));
    }
  }
};

} // namespace
