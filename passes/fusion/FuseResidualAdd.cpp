//===- FuseResidualAdd.cpp - residual adds into their producers -----------===//
//
// The projection convolution of a MobileNetV3 inverted residual block is
// followed by `add(conv, block_input)`. The convolution's `residual` operand
// expresses exactly that, so the lowering adds the residual in the
// convolution's epilogue instead of a separate pass over memory. Likewise
// the upsample-and-add of segmentation and detection heads: a resize whose
// only use is an add takes the other operand as its `addend`.
//
//===----------------------------------------------------------------------===//

#include "passes/Passes.h"

#include "dialects/MncOps.h"

#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mnc {
#define GEN_PASS_DEF_FUSERESIDUALADD
#include "passes/Passes.h.inc"
} // namespace mnc

using namespace mlir;
using namespace mnc;

namespace {

/// The operand of `add` that a `Producer` op computes and the other operand,
/// in either order, when the producer can take the other operand into its
/// epilogue: `canAbsorb(producer)`, the add is the only use of its result,
/// and producer, other operand and add have one type (no broadcasting).
template <typename Producer>
std::optional<std::pair<Producer, Value>>
matchAbsorbingProducer(AddOp add, function_ref<bool(Producer)> canAbsorb) {
  for (auto [produced, other] : {std::pair(add.getLhs(), add.getRhs()),
                                 std::pair(add.getRhs(), add.getLhs())}) {
    auto producer = produced.getDefiningOp<Producer>();
    if (producer && canAbsorb(producer) && produced.hasOneUse() &&
        other.getType() == add.getType() &&
        producer.getType() == add.getType())
      return std::pair(producer, other);
  }
  return std::nullopt;
}

/// add(conv2d(...), r) (either order) -> conv2d(...) residual(r)
///
/// The conv2d must have no residual yet. A fused activation stays: conv2d
/// computes activation(conv + bias) + residual, which is
/// add(activation(conv + bias), r). The new conv2d is built at the add, where
/// r is known to be defined.
struct FuseResidualAddPattern : OpRewritePattern<AddOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(AddOp add,
                                PatternRewriter &rewriter) const override {
    auto match = matchAbsorbingProducer<Conv2dOp>(
        add, [](Conv2dOp conv) { return !conv.getResidual(); });
    if (!match)
      return rewriter.notifyMatchFailure(
          add, "no operand is a conv2d result that can take the other as "
               "its residual");
    auto [conv, residual] = *match;
    auto fused = rewriter.create<Conv2dOp>(
        rewriter.getFusedLoc({conv.getLoc(), add.getLoc()}), conv.getType(),
        conv.getInput(), conv.getFilter(), conv.getBias(), residual,
        conv.getStridesAttr(), conv.getPadsAttr(), conv.getDilationsAttr(),
        conv.getGroupsAttr(), conv.getActivationAttr());
    fused->setDiscardableAttrs(conv->getDiscardableAttrDictionary());
    rewriter.replaceOp(add, fused.getResult());
    rewriter.eraseOp(conv);
    return success();
  }
};

/// add(resize(x), r) (either order) -> resize(x) addend(r)
///
/// The upsample-and-add of feature pyramids and segmentation heads: the
/// resize computes each output pixel and adds r's in the same pass. The
/// resize must have no addend yet.
struct FuseResizeAddPattern : OpRewritePattern<AddOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(AddOp add,
                                PatternRewriter &rewriter) const override {
    auto match = matchAbsorbingProducer<ResizeOp>(
        add, [](ResizeOp resize) { return !resize.getAddend(); });
    if (!match)
      return rewriter.notifyMatchFailure(
          add, "no operand is a resize result that can take the other as its "
               "addend");
    auto [resize, addend] = *match;
    auto fused = rewriter.create<ResizeOp>(
        rewriter.getFusedLoc({resize.getLoc(), add.getLoc()}),
        resize.getType(), resize.getInput(), addend, resize.getModeAttr(),
        resize.getCoordinateTransformAttr(), resize.getNearestRoundingAttr(),
        resize.getScaleHAttr(), resize.getScaleWAttr());
    rewriter.replaceOp(add, fused.getResult());
    rewriter.eraseOp(resize);
    return success();
  }
};

struct FuseResidualAddPass
    : public mnc::impl::FuseResidualAddBase<FuseResidualAddPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    patterns.add<FuseResidualAddPattern, FuseResizeAddPattern>(&getContext());
    if (failed(applyPatternsAndFoldGreedily(getOperation(),
                                            std::move(patterns)))) {
      getOperation().emitError("fuse-residual-add: rewriting did not converge");
      signalPassFailure();
    }
  }
};

} // namespace
