//===- FuseConvActivation.cpp - activations into their producers ----------===//
//
// A standalone activation (relu, clip, hardsigmoid, hardswish, sigmoid) that
// reads the only result use of a convolution, transposed convolution, fully
// connected layer or average pooling becomes that producer's fused
// `activation` attribute, so that the lowering applies it in the producer's
// epilogue instead of a second pass over memory. Max pooling takes relu and
// clip, which commute with the maximum (its kernel starts each window at
// their floor and clamps each tap).
//
//===----------------------------------------------------------------------===//

#include "passes/Passes.h"

#include "dialects/MncOps.h"

#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mnc {
#define GEN_PASS_DEF_FUSECONVACTIVATION
#include "passes/Passes.h.inc"
} // namespace mnc

using namespace mlir;
using namespace mnc;

namespace {

/// Sets `activation` on `producer` (a conv2d, fully_connected or avg_pool),
/// gives it
/// the locations of both ops and replaces the activation op by its result.
void absorb(PatternRewriter &rewriter, Operation *producer,
            Operation *activationOp, ActivationAttr activation) {
  rewriter.modifyOpInPlace(producer, [&] {
    producer->setAttr("activation", activation);
    producer->setLoc(
        rewriter.getFusedLoc({producer->getLoc(), activationOp->getLoc()}));
  });
  rewriter.replaceOp(activationOp, producer->getResults());
}

/// activation(conv2d(...)) -> conv2d(...) {activation = ...}
/// activation(fully_connected(...)) -> fully_connected(...) {activation = ...}
/// activation(avg_pool(...)) -> avg_pool(...) {activation = ...}
/// activation(conv_transpose(...)) -> conv_transpose(...) {activation = ...}
/// relu or clip(max_pool(...)) -> max_pool(...) {activation = ...}
///
/// The producer's result must have the activation as its only use, and the
/// producer must not carry an activation already. A convolution with a
/// residual is left alone: its activation applies before the residual is
/// added, so act(conv + residual) cannot be expressed.
struct FuseActivationIntoProducer
    : OpInterfaceRewritePattern<ActivationOpInterface> {
  using OpInterfaceRewritePattern::OpInterfaceRewritePattern;

  LogicalResult matchAndRewrite(ActivationOpInterface activationOp,
                                PatternRewriter &rewriter) const override {
    Value input = activationOp.getInput();
    Operation *producer = input.getDefiningOp();
    if (!producer || !input.hasOneUse())
      return rewriter.notifyMatchFailure(
          activationOp, "input is not a value with this one use");
    ActivationAttr activation = activationOp.getActivation();
    if (auto conv = dyn_cast<Conv2dOp>(producer)) {
      if (!ActivationAttr::isIdentity(conv.getActivationAttr()))
        return rewriter.notifyMatchFailure(conv, "already has an activation");
      if (conv.getResidual())
        return rewriter.notifyMatchFailure(
            conv, "has a residual, which the activation would precede");
      absorb(rewriter, conv, activationOp, activation);
      return success();
    }
    if (auto fc = dyn_cast<FullyConnectedOp>(producer)) {
      if (!ActivationAttr::isIdentity(fc.getActivationAttr()))
        return rewriter.notifyMatchFailure(fc, "already has an activation");
      absorb(rewriter, fc, activationOp, activation);
      return success();
    }
    if (auto pool = dyn_cast<AvgPoolOp>(producer)) {
      if (!ActivationAttr::isIdentity(pool.getActivationAttr()))
        return rewriter.notifyMatchFailure(pool, "already has an activation");
      absorb(rewriter, pool, activationOp, activation);
      return success();
    }
    // Only activations that commute with the maximum (see mnc.max_pool).
    if (auto pool = dyn_cast<MaxPoolOp>(producer)) {
      if (!ActivationAttr::isIdentity(pool.getActivationAttr()))
        return rewriter.notifyMatchFailure(pool, "already has an activation");
      if (activation.getKind() != ActivationKind::Relu &&
          activation.getKind() != ActivationKind::Clip)
        return rewriter.notifyMatchFailure(
            pool, "only relu and clip commute with the maximum");
      absorb(rewriter, pool, activationOp, activation);
      return success();
    }
    if (auto transposed = dyn_cast<ConvTransposeOp>(producer)) {
      if (!ActivationAttr::isIdentity(transposed.getActivationAttr()))
        return rewriter.notifyMatchFailure(transposed,
                                           "already has an activation");
      absorb(rewriter, transposed, activationOp, activation);
      return success();
    }
    return rewriter.notifyMatchFailure(
        activationOp, "input is not a conv2d, conv_transpose, "
                      "fully_connected or avg_pool result");
  }
};

struct FuseConvActivationPass
    : public mnc::impl::FuseConvActivationBase<FuseConvActivationPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    patterns.add<FuseActivationIntoProducer>(&getContext());
    if (failed(applyPatternsAndFoldGreedily(getOperation(),
                                            std::move(patterns)))) {
      getOperation().emitError(
          "fuse-conv-activation: rewriting did not converge");
      signalPassFailure();
    }
  }
};

} // namespace
