//===- LinalgConvolution.cpp - convolutions as linalg on tensors ----------===//
//
// The target-independent form of a convolution on an NHWC input that is
// already padded: linalg's named convolutions for ordinary and depthwise
// ones, a linalg.generic for grouped ones; shared by mnc.conv2d (without
// vector lanes, or grouped) and mnc.conv_transpose.
//
//===----------------------------------------------------------------------===//

#include "passes/lowering/LinalgConvolution.h"
#include "passes/ConstantBuilders.h"
#include "passes/lowering/LoweringUtils.h"

#include "mlir/Dialect/Tensor/IR/Tensor.h"

using namespace mlir;
using namespace mnc;

/// [F, C, KH, KW] -> [KH, KW, C, F].
SmallVector<float> mnc::packHWCF(ArrayRef<float> filter,
                                 ArrayRef<int64_t> shape) {
  int64_t outChannels = shape[0], groupChannels = shape[1], kh = shape[2],
          kw = shape[3];
  SmallVector<float> packed(filter.size());
  for (int64_t f = 0; f < outChannels; ++f)
    for (int64_t c = 0; c < groupChannels; ++c)
      for (int64_t y = 0; y < kh; ++y)
        for (int64_t x = 0; x < kw; ++x)
          packed[((y * kw + x) * groupChannels + c) * outChannels + f] =
              filter[((f * groupChannels + c) * kh + y) * kw + x];
  return packed;
}

/// [C, 1, KH, KW] -> [KH, KW, C].
SmallVector<float> mnc::packHWC(ArrayRef<float> filter,
                                ArrayRef<int64_t> shape) {
  int64_t channels = shape[0], kh = shape[2], kw = shape[3];
  SmallVector<float> packed(filter.size());
  for (int64_t c = 0; c < channels; ++c)
    for (int64_t y = 0; y < kh; ++y)
      for (int64_t x = 0; x < kw; ++x)
        packed[(y * kw + x) * channels + c] = filter[(c * kh + y) * kw + x];
  return packed;
}

namespace {

/// A grouped convolution (or one with a channel multiplier) on the padded
/// NHWC `input`, plus `bias`: the channels split into [groups, per group]
/// (reshapes, no copies) and one linalg.generic over (n, oh, ow, g, f, kh,
/// kw, c) with the filter packed [KH, KW, G, C/G, F/G] at compile time, the
/// output channel innermost. No vector kernel: such convolutions are rare
/// in the networks mnc targets, and LLVM vectorizes the loop over f.
Value groupedConv(OpBuilder &b, Location loc, Value input,
                  ArrayRef<float> filter, ArrayRef<int64_t> fs, int64_t groups,
                  ArrayRef<int64_t> strides, ArrayRef<int64_t> dilations,
                  Value bias, ArrayRef<int64_t> storageShape) {
  int64_t outPerGroup = fs[0] / groups, inPerGroup = fs[1], kh = fs[2],
          kw = fs[3];
  SmallVector<float> packed(filter.size());
  for (int64_t g = 0; g < groups; ++g)
    for (int64_t f = 0; f < outPerGroup; ++f)
      for (int64_t c = 0; c < inPerGroup; ++c)
        for (int64_t y = 0; y < kh; ++y)
          for (int64_t x = 0; x < kw; ++x)
            packed[(((y * kw + x) * groups + g) * inPerGroup + c) *
                       outPerGroup +
                   f] =
                filter[(((g * outPerGroup + f) * inPerGroup + c) * kh + y) *
                           kw +
                       x];
  Value weights = denseF32Constant(
      b, loc, {kh, kw, groups, inPerGroup, outPerGroup}, packed);
  // Channels last dimension -> [groups, per group].
  auto splitChannels = [&](Value value, int64_t perGroup) {
    auto type = cast<RankedTensorType>(value.getType());
    SmallVector<int64_t> shape(type.getShape().drop_back());
    shape.append({groups, perGroup});
    return b.create<tensor::ExpandShapeOp>(
        loc, tensorType(shape, b.getF32Type()), value,
        ArrayRef<ReassociationIndices>{{0}, {1}, {2}, {3, 4}});
  };
  Value splitInput = splitChannels(input, inPerGroup);
  Value init =
      splitChannels(accumulatorInit(b, loc, storageShape, bias), outPerGroup);

  MLIRContext *context = b.getContext();
  AffineExpr n, oh, ow, g, f, y, x, c;
  bindDims(context, n, oh, ow, g, f, y, x, c);
  auto map = [&](ArrayRef<AffineExpr> results) {
    return AffineMap::get(8, 0, results, context);
  };
  SmallVector<AffineMap> maps = {
      map({n, oh * strides[0] + y * dilations[0],
           ow * strides[1] + x * dilations[1], g, c}),
      map({y, x, g, c, f}), map({n, oh, ow, g, f})};
  SmallVector<utils::IteratorType> iterators(5, utils::IteratorType::parallel);
  iterators.append(3, utils::IteratorType::reduction);
  Value result =
      b.create<linalg::GenericOp>(
           loc, init.getType(), ValueRange{splitInput, weights}, init, maps,
           iterators,
           [](OpBuilder &nested, Location nestedLoc, ValueRange args) {
             Value product =
                 nested.create<arith::MulFOp>(nestedLoc, args[0], args[1]);
             nested.create<linalg::YieldOp>(
                 nestedLoc, ValueRange{nested.create<arith::AddFOp>(
                                nestedLoc, args[2], product)});
           })
          .getResult(0);
  return b.create<tensor::CollapseShapeOp>(
      loc, tensorType(storageShape, b.getF32Type()), result,
      ArrayRef<ReassociationIndices>{{0}, {1}, {2}, {3, 4}});
}

} // namespace

Value mnc::buildLinalgConvolution(OpBuilder &b, Location loc, Value input,
                                  ArrayRef<float> filter,
                                  ArrayRef<int64_t> filterShape, int64_t groups,
                                  ArrayRef<int64_t> strides,
                                  ArrayRef<int64_t> dilations, Value bias,
                                  ArrayRef<int64_t> storageShape) {
  ArrayRef<int64_t> fs = filterShape;
  int64_t kh = fs[2], kw = fs[3];
  bool depthwise = groups > 1 && fs[1] == 1 && fs[0] == groups;
  if (groups > 1 && !depthwise)
    return groupedConv(b, loc, input, filter, fs, groups, strides, dilations,
                       bias, storageShape);
  auto stridesAttr = b.getI64VectorAttr(strides);
  auto dilationsAttr = b.getI64VectorAttr(dilations);
  Type resultType = tensorType(storageShape, b.getF32Type());
  if (!depthwise) {
    Value weights =
        denseF32Constant(b, loc, {kh, kw, fs[1], fs[0]}, packHWCF(filter, fs));
    return b
        .create<linalg::Conv2DNhwcHwcfOp>(
            loc, resultType, ValueRange{input, weights},
            accumulatorInit(b, loc, storageShape, bias), stridesAttr,
            dilationsAttr)
        .getResult(0);
  }
  Value weights =
      denseF32Constant(b, loc, {kh, kw, fs[0]}, packHWC(filter, fs));
  return b
      .create<linalg::DepthwiseConv2DNhwcHwcOp>(
          loc, resultType, ValueRange{input, weights},
          accumulatorInit(b, loc, storageShape, bias), stridesAttr,
          dilationsAttr)
      .getResult(0);
}
