//===- FoldInputNormalization.cpp - 1 / std into the first convolution ----===//
//
// The graph's input under `mnc.normalize_input` is (x - mean) / std per
// channel. When a convolution is the op's only user, the division moves into
// that convolution's filter: every weight that multiplies input channel c is
// divided by std[c], and the op keeps only the mean (std = 1):
//
//   conv2d(normalize_input(x){mean, std}, W)
//     -> conv2d(normalize_input(x){mean, std = 1}, W')
//   W'[f, j, kh, kw] = W[f, j, kh, kw] / std[c],  c = (f / (F / groups)) *
//                                                      (C / groups) + j
//
// The mean stays in the op, subtracted from each pixel as the convolution's
// kernel reads it (convert-mnc-to-linalg: the kernel reads the raw input in
// place), rather than folded into the bias: the normalized image's zero
// padding is the raw image's mean, so a bias correction would hold only
// where the window lies inside the image. With the mean subtracted, the
// padding stays zero, and the kernel's border tiles (which read zero
// outside the image and skip filter taps that see only padding) stay exact.
// Exact for any groups; computed in double, rounded to f32 once.
//
//===----------------------------------------------------------------------===//

#include "passes/Passes.h"

#include "dialects/MncOps.h"

#include "mlir/IR/Matchers.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mnc {
#define GEN_PASS_DEF_FOLDINPUTNORMALIZATION
#include "passes/Passes.h.inc"
} // namespace mnc

using namespace mlir;
using namespace mnc;

namespace {

/// normalize_input{std} -> conv2d => normalize_input{std = 1} -> conv2d
/// with the filter divided by std per input channel (see the file comment).
/// The op's result must have one use, the input of a conv2d with a constant
/// f32 filter.
struct FoldStdIntoConv2d : OpRewritePattern<NormalizeInputOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(NormalizeInputOp op,
                                PatternRewriter &rewriter) const override {
    if (op.hasUnitStd())
      return rewriter.notifyMatchFailure(op, "std is 1 already");
    if (!op->hasOneUse())
      return rewriter.notifyMatchFailure(op, "not exactly one user");
    OpOperand &use = *op->getUses().begin();
    auto conv = dyn_cast<Conv2dOp>(use.getOwner());
    if (!conv || use.get() != conv.getInput() ||
        use.getOperandNumber() != conv.getInputMutable().getOperandNumber())
      return rewriter.notifyMatchFailure(op, "the user is no conv2d's input");
    DenseElementsAttr filter;
    if (!matchPattern(conv.getFilter(), m_Constant(&filter)) ||
        !filter.getElementType().isF32())
      return rewriter.notifyMatchFailure(op, "the filter is computed");

    auto filterType = cast<RankedTensorType>(filter.getType());
    ArrayRef<int64_t> shape = filterType.getShape();
    int64_t groups = conv.getGroups();
    int64_t outPerGroup = shape[0] / groups, inPerGroup = shape[1];
    int64_t window = shape[2] * shape[3];
    ArrayRef<float> deviations = op.getStd();
    SmallVector<float> scaled;
    scaled.reserve(filter.getNumElements());
    for (auto [i, weight] : llvm::enumerate(filter.getValues<float>())) {
      int64_t f = i / (inPerGroup * window);
      int64_t j = (i / window) % inPerGroup;
      int64_t c = (f / outPerGroup) * inPerGroup + j;
      scaled.push_back(static_cast<float>(double(weight) / double(deviations[c])));
    }
    Location loc = rewriter.getFusedLoc({op.getLoc(), conv.getLoc()});
    Value newFilter = rewriter.create<arith::ConstantOp>(
        loc, DenseElementsAttr::get(filterType, ArrayRef<float>(scaled)));
    rewriter.modifyOpInPlace(op, [&] {
      op.setStd(SmallVector<float>(deviations.size(), 1.0f));
    });
    rewriter.modifyOpInPlace(
        conv, [&] { conv.getFilterMutable().assign(newFilter); });
    return success();
  }
};

struct FoldInputNormalizationPass
    : public mnc::impl::FoldInputNormalizationBase<
          FoldInputNormalizationPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    patterns.add<FoldStdIntoConv2d>(&getContext());
    if (failed(applyPatternsAndFoldGreedily(getOperation(),
                                            std::move(patterns))))
      return signalPassFailure();
  }
};

} // namespace
