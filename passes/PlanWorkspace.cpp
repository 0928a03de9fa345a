//===- PlanWorkspace.cpp - one workspace for every buffer -----------------===//
//
// Not written yet (owned by the back-end work in progress).
//
//===----------------------------------------------------------------------===//

#include "passes/Passes.h"

namespace mnc {
#define GEN_PASS_DEF_PLANWORKSPACE
#include "passes/Passes.h.inc"
} // namespace mnc

namespace {
struct PlanWorkspacePass
    : public mnc::impl::PlanWorkspaceBase<PlanWorkspacePass> {
  using PlanWorkspaceBase::PlanWorkspaceBase;
  void runOnOperation() override {
    getOperation().emitError("plan-workspace is not implemented yet");
    signalPassFailure();
  }
};
} // namespace
