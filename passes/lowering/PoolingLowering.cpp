//===- PoolingLowering.cpp - average and max pooling over 2-D windows -----===//
//
// A pooling op becomes its NHWC input padded (zeros for a sum, the lowest
// float for a maximum: a padded tap never wins), a linalg.generic that
// folds each window (linalg's pooling_nhwc_sum/max with the channels as the
// innermost loop), for an average the division by each window's count of
// taps and a fused activation (in the same pass as the division). The
// counts are known at compile time: one scalar when every window has the
// same count, otherwise a constant [OH, OW] tensor of reciprocals.
//
// The padding is what the windows reach, not what the op's pads say: with
// ceil_mode the last window may reach past the end padding, and without it
// the end padding may be partly unused. The taps past the end padding count
// in no divisor (ONNX Runtime's rule).
//
//===----------------------------------------------------------------------===//

#include "passes/lowering/LoweringPatterns.h"
#include "passes/lowering/LoweringUtils.h"
#include "passes/ConstantBuilders.h"

#include "mlir/Dialect/Tensor/IR/Tensor.h"

#include <limits>

using namespace mlir;
using namespace mnc;

namespace {

/// The geometry of a 2-D pooling op, per spatial axis (0: H, 1: W).
struct Window {
  std::array<int64_t, 2> input, output, kernel, strides, dilations;
  /// The op's begin and end padding.
  std::array<int64_t, 2> padBegin, padEnd;

  /// The windows of `op`, an avg_pool or max_pool.
  template <typename PoolOp>
  static Window of(PoolOp op) {
    ArrayRef<int64_t> in = shapeOf(op.getInput());
    ArrayRef<int64_t> out = shapeOf(op.getOutput());
    Window w;
    for (int axis = 0; axis < 2; ++axis) {
      w.input[axis] = in[2 + axis];
      w.output[axis] = out[2 + axis];
      w.kernel[axis] = op.getKernel()[axis];
      w.strides[axis] = op.getStrides()[axis];
      w.dilations[axis] = op.getDilations()[axis];
      w.padBegin[axis] = op.getPads()[axis];
      w.padEnd[axis] = op.getPads()[axis + 2];
    }
    return w;
  }

  /// One window covering a whole feature map (global pooling).
  static Window global(ArrayRef<int64_t> in) {
    Window w;
    for (int axis = 0; axis < 2; ++axis) {
      w.input[axis] = w.kernel[axis] = in[2 + axis];
      w.output[axis] = w.strides[axis] = w.dilations[axis] = 1;
      w.padBegin[axis] = w.padEnd[axis] = 0;
    }
    return w;
  }

  /// The end padding the last window reaches (none when it stops inside the
  /// input).
  int64_t reachedPadEnd(int axis) const {
    int64_t reach = (output[axis] - 1) * strides[axis] +
                    dilations[axis] * (kernel[axis] - 1) + 1;
    return std::max<int64_t>(0, reach - padBegin[axis] - input[axis]);
  }

  /// The number of taps of window `index` along `axis` at positions in
  /// [begin, end) of the input's coordinates.
  int64_t tapsWithin(int axis, int64_t index, int64_t begin,
                     int64_t end) const {
    int64_t count = 0;
    for (int64_t k = 0; k < kernel[axis]; ++k) {
      int64_t position =
          index * strides[axis] - padBegin[axis] + k * dilations[axis];
      count += position >= begin && position < end;
    }
    return count;
  }

  /// The divisor of window `index` along `axis`: its taps inside the input,
  /// or with `countPad` inside the input and the op's padding.
  int64_t divisor(int axis, int64_t index, bool countPad) const {
    return countPad ? tapsWithin(axis, index, -padBegin[axis],
                                 input[axis] + padEnd[axis])
                    : tapsWithin(axis, index, 0, input[axis]);
  }
};

/// `input` (NHWC) padded with `value` as far as the windows reach.
Value padToWindows(OpBuilder &b, Location loc, Value input, const Window &w,
                   float value) {
  std::array<int64_t, 2> end = {w.reachedPadEnd(0), w.reachedPadEnd(1)};
  if (w.padBegin == std::array<int64_t, 2>{0, 0} &&
      end == std::array<int64_t, 2>{0, 0})
    return input;
  SmallVector<int64_t> shape(
      cast<RankedTensorType>(input.getType()).getShape());
  shape[1] += w.padBegin[0] + end[0];
  shape[2] += w.padBegin[1] + end[1];
  SmallVector<OpFoldResult> low = {
      b.getIndexAttr(0), b.getIndexAttr(w.padBegin[0]),
      b.getIndexAttr(w.padBegin[1]), b.getIndexAttr(0)};
  SmallVector<OpFoldResult> high = {b.getIndexAttr(0), b.getIndexAttr(end[0]),
                                    b.getIndexAttr(end[1]), b.getIndexAttr(0)};
  return b.create<tensor::PadOp>(loc, tensorType(shape, b.getF32Type()), input,
                                 low, high, constantF32(b, loc, value));
}

/// The windows `w` over `padded` folded by `Combine` (arith.addf or
/// arith.maximumf) into `init` ([N, OH, OW, C]). This is linalg's
/// pooling_nhwc_sum/max with the loops ordered (n, oh, ow, kh, kw, c): the
/// channels, contiguous in NHWC, innermost, so that the innermost loop is a
/// vector loop (the named ops' order puts the window innermost, reading one
/// float per channel stride: about 5x slower on a 3x3 stride-2 max pool of
/// 64x112x112).
/// `ceiling`, when given, clamps every tap first (a fused clip).
template <typename Combine>
Value pool(OpBuilder &b, Location loc, Value padded, Value init,
           const Window &w, std::optional<float> ceiling = std::nullopt) {
  MLIRContext *context = b.getContext();
  AffineExpr n, oh, ow, kh, kw, c;
  bindDims(context, n, oh, ow, kh, kw, c);
  AffineMap inputMap = AffineMap::get(
      6, 0,
      {n, oh * w.strides[0] + kh * w.dilations[0],
       ow * w.strides[1] + kw * w.dilations[1], c},
      context);
  AffineMap windowMap = AffineMap::get(6, 0, {kh, kw}, context);
  AffineMap outputMap = AffineMap::get(6, 0, {n, oh, ow, c}, context);
  using utils::IteratorType;
  SmallVector<IteratorType> iterators = {
      IteratorType::parallel,  IteratorType::parallel,
      IteratorType::parallel,  IteratorType::reduction,
      IteratorType::reduction, IteratorType::parallel};
  // The window operand only gives the kernel's extent, as in linalg's
  // pooling ops.
  Value kernel = emptyTensor(b, loc, {w.kernel[0], w.kernel[1]});
  return b
      .create<linalg::GenericOp>(
          loc, init.getType(), ValueRange{padded, kernel}, init,
          ArrayRef<AffineMap>{inputMap, windowMap, outputMap}, iterators,
          [&](OpBuilder &nested, Location l, ValueRange args) {
            Value tap = args[0];
            if (ceiling)
              tap = nested.create<arith::MinimumFOp>(
                  l, tap, constantF32(nested, l, *ceiling));
            nested.create<linalg::YieldOp>(
                l, nested.create<Combine>(l, args[2], tap).getResult());
          })
      .getResult(0);
}

/// The maximum of each window; padded taps hold the lowest float, which is
/// also what a window of padding alone yields (as in ONNX Runtime). A fused
/// relu or clip commutes with the maximum: the windows start at its floor
/// (0, or clip's min; padding too, since it then never changes a result)
/// and clip's max clamps each tap.
Value maxPool(OpBuilder &b, Location loc, Value input,
              ArrayRef<int64_t> logicalOutput, const Window &w,
              ActivationAttr activation = nullptr) {
  float floor = std::numeric_limits<float>::lowest();
  std::optional<float> ceiling;
  if (!ActivationAttr::isIdentity(activation)) {
    floor = activation.getKind() == ActivationKind::Clip
                ? activation.getAlphaValue()
                : 0.0f;
    if (activation.getKind() == ActivationKind::Clip)
      ceiling = activation.getBetaValue();
  }
  SmallVector<int64_t> storageShape = toStorageShape(logicalOutput);
  return pool<arith::MaximumFOp>(
      b, loc, padToWindows(b, loc, input, w, floor),
      filledTensor(b, loc, storageShape, floor), w, ceiling);
}

struct AvgPoolLowering : OpLoweringPattern<AvgPoolOp> {
  using OpLoweringPattern::OpLoweringPattern;

  FailureOr<Value> lower(AvgPoolOp op, OpAdaptor adaptor,
                         ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Window w = Window::of(op);
    ArrayRef<int64_t> out = shapeOf(op.getOutput());
    SmallVector<int64_t> storageShape = toStorageShape(out);
    Value input = storage(rewriter, op.getInput(), adaptor.getInput());
    Value sum = pool<arith::AddFOp>(
        rewriter, loc, padToWindows(rewriter, loc, input, w, 0.0f),
        filledTensor(rewriter, loc, storageShape, 0.0f), w);

    // The reciprocal of each window's count, row-major over [OH, OW].
    bool countPad = op.getCountIncludePad();
    SmallVector<float> reciprocals;
    for (int64_t oh = 0; oh < w.output[0]; ++oh)
      for (int64_t ow = 0; ow < w.output[1]; ++ow) {
        int64_t count = w.divisor(0, oh, countPad) * w.divisor(1, ow, countPad);
        // A window of padding alone (dilations allow it) yields 0, as in
        // ONNX Runtime.
        reciprocals.push_back(count ? 1.0f / static_cast<float>(count) : 0.0f);
      }
    // The fused activation applies to each mean in the same pass.
    ActivationAttr activation = op.getActivationAttr();
    auto scale = [&](OpBuilder &b, Location l, ValueRange args) -> Value {
      return emitActivation(b, l, b.create<arith::MulFOp>(l, args[0], args[1]),
                            activation);
    };
    if (llvm::all_equal(reciprocals))
      return elementwise(
          rewriter, loc, out, sum, {out},
          [&](OpBuilder &b, Location l, ValueRange args) -> Value {
            return scale(b, l,
                         {args[0], constantF32(b, l, reciprocals.front())});
          });
    // Logically [1, 1, OH, OW], stored NHWC: the same row-major data.
    SmallVector<int64_t> scaleShape = {1, 1, w.output[0], w.output[1]};
    Value scales = denseF32Constant(rewriter, loc, toStorageShape(scaleShape),
                                    reciprocals);
    return elementwise(rewriter, loc, out, ValueRange{sum, scales},
                       {out, scaleShape}, scale);
  }
};

struct MaxPoolLowering : OpLoweringPattern<MaxPoolOp> {
  using OpLoweringPattern::OpLoweringPattern;

  FailureOr<Value> lower(MaxPoolOp op, OpAdaptor adaptor,
                         ConversionPatternRewriter &rewriter) const override {
    return maxPool(rewriter, op.getLoc(),
                   storage(rewriter, op.getInput(), adaptor.getInput()),
                   shapeOf(op.getOutput()), Window::of(op),
                   op.getActivationAttr());
  }
};

/// One window as large as the feature map.
struct GlobalMaxPoolLowering : OpLoweringPattern<GlobalMaxPoolOp> {
  using OpLoweringPattern::OpLoweringPattern;

  FailureOr<Value> lower(GlobalMaxPoolOp op, OpAdaptor adaptor,
                         ConversionPatternRewriter &rewriter) const override {
    return maxPool(rewriter, op.getLoc(),
                   storage(rewriter, op.getInput(), adaptor.getInput()),
                   shapeOf(op.getOutput()),
                   Window::global(shapeOf(op.getInput())));
  }
};

} // namespace

void mnc::populatePoolingLoweringPatterns(RewritePatternSet &patterns,
                                          LoweringState &state) {
  patterns.add<AvgPoolLowering, MaxPoolLowering, GlobalMaxPoolLowering>(
      patterns.getContext(), state);
}
