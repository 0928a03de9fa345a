//===- ConvertMncToLinalg.cpp - mnc to linalg on NHWC tensors -------------===//

#include "passes/Passes.h"

namespace mnc {
#define GEN_PASS_DEF_CONVERTMNCTOLINALG
#include "passes/Passes.h.inc"
} // namespace mnc

namespace {
struct ConvertMncToLinalgPass
    : public mnc::impl::ConvertMncToLinalgBase<ConvertMncToLinalgPass> {
  void runOnOperation() override {
    getOperation().emitError("convert-mnc-to-linalg is not implemented yet");
    signalPassFailure();
  }
};
} // namespace
