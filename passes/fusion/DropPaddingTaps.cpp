//===- DropPaddingTaps.cpp - filter taps that only ever read padding ------===//
//
// A dilated convolution on a small map can have kernel rows or columns whose
// input position lies in the zero padding for every output pixel: DeepLabV3's
// ASPP convs (3x3, dilation 12/24/36) on a 32x32 or 7x9 map. Those taps
// multiply zeros. Slicing them off the constant filter (and the padding they
// reached into) leaves the same function with fewer MACs, and a conv whose
// window shrinks to 1x1 is then a pointwise conv that takes the fast kernel
// instead of the padded path of a 3x3 window that never fits the map.
//
//===----------------------------------------------------------------------===//

#include "passes/Passes.h"

#include "dialects/MncOps.h"
#include "passes/ConstantBuilders.h"

#include "mlir/IR/Matchers.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mnc {
#define GEN_PASS_DEF_DROPPADDINGTAPS
#include "passes/Passes.h.inc"
} // namespace mnc

using namespace mlir;
using namespace mnc;

namespace {

/// The kernel taps [first, last] of one spatial dimension that read the input
/// for at least one output position, and the padding left before and after.
struct TapRange {
  int64_t first, last, padBefore, padAfter;
};

/// Tap k of a window reads input position o * stride - padBefore + k *
/// dilation for output o in [0, outputSize). Every tap whose k * dilation
/// lies outside [padBefore - (outputSize - 1) * stride, padBefore +
/// inputSize - 1] only reads padding; the taps inside form one range (all of
/// them read the input when stride <= inputSize, the hull of those that do
/// otherwise, so a few useless ones may stay). Nothing when no tap is inside
/// or the range's padding would be negative.
std::optional<TapRange> usefulTaps(int64_t inputSize, int64_t outputSize,
                                   int64_t kernel, int64_t stride,
                                   int64_t dilation, int64_t padBefore,
                                   int64_t padAfter) {
  int64_t low = padBefore - (outputSize - 1) * stride;
  int64_t high = padBefore + inputSize - 1;
  int64_t first = std::max<int64_t>(0, llvm::divideCeilSigned(low, dilation));
  int64_t last =
      std::min<int64_t>(kernel - 1, llvm::divideFloorSigned(high, dilation));
  if (first > last)
    return std::nullopt;
  TapRange range{first, last, padBefore - first * dilation,
                 padAfter - (kernel - 1 - last) * dilation};
  if (range.padBefore < 0 || range.padAfter < 0)
    return std::nullopt;
  return range;
}

/// conv2d(x, W) with taps that only read padding -> conv2d(x, W[.., rows,
/// cols]) with the padding those taps reached into removed.
struct DropConvPaddingTaps : OpRewritePattern<Conv2dOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(Conv2dOp conv,
                                PatternRewriter &rewriter) const override {
    DenseElementsAttr filter;
    if (!matchPattern(conv.getFilter(), m_Constant(&filter)) ||
        !filter.getElementType().isF32())
      return rewriter.notifyMatchFailure(conv, "filter is not an f32 constant");
    ArrayRef<int64_t> input = cast<ShapedType>(conv.getInput().getType())
                                  .getShape();
    ArrayRef<int64_t> output =
        cast<ShapedType>(conv.getResult().getType()).getShape();
    ArrayRef<int64_t> shape = filter.getType().getShape();
    ArrayRef<int64_t> strides = conv.getStrides(), pads = conv.getPads(),
                      dilations = conv.getDilations();

    std::optional<TapRange> rows =
        usefulTaps(input[2], output[2], shape[2], strides[0], dilations[0],
                   pads[0], pads[2]);
    std::optional<TapRange> cols =
        usefulTaps(input[3], output[3], shape[3], strides[1], dilations[1],
                   pads[1], pads[3]);
    if (!rows || !cols)
      return rewriter.notifyMatchFailure(
          conv, "no useful tap, or dropping taps needs negative padding");
    int64_t height = rows->last - rows->first + 1;
    int64_t width = cols->last - cols->first + 1;
    if (height == shape[2] && width == shape[3])
      return rewriter.notifyMatchFailure(conv, "every tap reads the input");

    SmallVector<float> values(filter.getValues<float>());
    SmallVector<float> sliced;
    sliced.reserve(shape[0] * shape[1] * height * width);
    for (int64_t plane = 0; plane < shape[0] * shape[1]; ++plane)
      for (int64_t r = rows->first; r <= rows->last; ++r)
        for (int64_t c = cols->first; c <= cols->last; ++c)
          sliced.push_back(
              values[(plane * shape[2] + r) * shape[3] + c]);
    Value newFilter =
        denseF32Constant(rewriter, conv.getFilter().getLoc(),
                         {shape[0], shape[1], height, width}, sliced);

    // A window of one tap has no dilation: the conv is then pointwise in
    // that dimension, which is what the kernels specialize on.
    SmallVector<int64_t> newDilations = {height == 1 ? 1 : dilations[0],
                                         width == 1 ? 1 : dilations[1]};
    rewriter.modifyOpInPlace(conv, [&] {
      conv.getFilterMutable().assign(newFilter);
      conv.setPads({rows->padBefore, cols->padBefore, rows->padAfter,
                    cols->padAfter});
      conv.setDilations(newDilations);
    });
    return success();
  }
};

/// Applies DropConvPaddingTaps to every conv2d of the module.
struct DropPaddingTapsPass
    : mnc::impl::DropPaddingTapsBase<DropPaddingTapsPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    patterns.add<DropConvPaddingTaps>(&getContext());
    if (failed(applyPatternsAndFoldGreedily(getOperation(),
                                            std::move(patterns))))
      signalPassFailure();
  }
};

} // namespace
