//===- ConvTransposeLowering.cpp - mnc.conv_transpose to linalg -----------===//
//
// A transposed convolution is an ordinary one, of stride 1, over its input
// spread out: the input's pixels `stride` apart with zeros between them,
// padded by dilation * (K - 1) minus the op's pads on each side (plus the
// output padding at the bottom and right; a negative amount crops), with the
// filter flipped in H and W and its two channel dimensions swapped within
// each group. The spreading is a strided tensor.insert_slice into zeros,
// so the convolution itself is the shared linalg one.
//
// With vector kernels, a transposed convolution whose windows do not overlap
// (stride = kernel size, no padding, dilation 1, one group: the 2x2 stride-2
// upsampling of detection and segmentation heads) is instead one pointwise
// convolution to KH * KW * F channels, the vector kernel with bias and
// activation, whose result [N, H, W, KH, KW, F] is transposed to
// [N, H, KH, W, KW, F] = [N, H * KH, W * KW, F]: no zeros are multiplied.
//
//===----------------------------------------------------------------------===//

#include "passes/lowering/LinalgConvolution.h"
#include "passes/lowering/LoweringPatterns.h"
#include "passes/lowering/LoweringUtils.h"

#include "passes/ConstantBuilders.h"
#include "passes/kernels/VectorKernels.h"

#include "mlir/Dialect/Tensor/IR/Tensor.h"

using namespace mlir;
using namespace mnc;

namespace {

/// [C, F / groups, KH, KW] (ConvTranspose) -> the filter of the equivalent
/// convolution, [F, C / groups, KH, KW], flipped in H and W.
SmallVector<float> flipTransposedFilter(ArrayRef<float> filter,
                                        ArrayRef<int64_t> shape,
                                        int64_t groups) {
  int64_t inPerGroup = shape[0] / groups, outPerGroup = shape[1],
          kh = shape[2], kw = shape[3];
  SmallVector<float> flipped(filter.size());
  for (int64_t g = 0; g < groups; ++g)
    for (int64_t f = 0; f < outPerGroup; ++f)
      for (int64_t c = 0; c < inPerGroup; ++c)
        for (int64_t y = 0; y < kh; ++y)
          for (int64_t x = 0; x < kw; ++x)
            flipped[(((g * outPerGroup + f) * inPerGroup + c) * kh + y) * kw +
                    x] =
                filter[(((g * inPerGroup + c) * outPerGroup + f) * kh +
                        (kh - 1 - y)) *
                           kw +
                       (kw - 1 - x)];
  return flipped;
}

/// Whether `op`'s windows tile the output without overlap or gaps: stride
/// = kernel size, no pads or output padding, dilation 1, one group.
bool isNonOverlapping(ConvTransposeOp op) {
  ArrayRef<int64_t> fs = shapeOf(op.getFilter());
  return op.getGroups() == 1 && op.getStrides()[0] == fs[2] &&
         op.getStrides()[1] == fs[3] &&
         llvm::all_of(op.getDilations(), [](int64_t d) { return d == 1; }) &&
         llvm::all_of(op.getPads(), [](int64_t p) { return p == 0; }) &&
         llvm::all_of(op.getOutputPadding(), [](int64_t p) { return p == 0; });
}

struct ConvTransposeLowering : OpLoweringPattern<ConvTransposeOp> {
  using OpLoweringPattern::OpLoweringPattern;

  std::optional<std::string> unsupported(ConvTransposeOp op) const override {
    return unsupportedFilter(op.getFilter());
  }

  FailureOr<Value> lower(ConvTransposeOp op, OpAdaptor adaptor,
                         ConversionPatternRewriter &rewriter) const override {
    std::optional<SmallVector<float>> filter =
        constantElements(op.getFilter());
    if (!filter)
      return failure();
    Location loc = op.getLoc();
    ArrayRef<int64_t> in = shapeOf(op.getInput()), fs = shapeOf(op.getFilter());
    ArrayRef<int64_t> strides = op.getStrides(), pads = op.getPads(),
                      dilations = op.getDilations(),
                      outputPadding = op.getOutputPadding();
    int64_t groups = op.getGroups();
    Value input = storage(rewriter, op.getInput(), adaptor.getInput());
    if (target().lanes && isNonOverlapping(op))
      if (Value result = lowerNonOverlapping(rewriter, op, input, *filter))
        return result;

    // The spread input, [N, H', W', C], in zeros with the padding around.
    int64_t before[2], after[2], spread[2];
    for (int axis = 0; axis < 2; ++axis) {
      int64_t reach = dilations[axis] * (fs[2 + axis] - 1);
      before[axis] = reach - pads[axis];
      after[axis] = reach - pads[axis + 2] + outputPadding[axis];
      spread[axis] = (in[2 + axis] - 1) * strides[axis] + 1;
    }
    SmallVector<int64_t> zerosShape = {
        in[0], spread[0] + std::max<int64_t>(before[0], 0) +
                   std::max<int64_t>(after[0], 0),
        spread[1] + std::max<int64_t>(before[1], 0) +
            std::max<int64_t>(after[1], 0),
        in[1]};
    Value zeros = accumulatorInit(rewriter, loc, zerosShape, Value());
    SmallVector<int64_t> offsets = {0, std::max<int64_t>(before[0], 0),
                                    std::max<int64_t>(before[1], 0), 0};
    SmallVector<int64_t> sizes = {in[0], in[2], in[3], in[1]};
    SmallVector<int64_t> steps = {1, strides[0], strides[1], 1};
    Value padded = rewriter.create<tensor::InsertSliceOp>(
        loc, input, zeros, ValueRange(), ValueRange(), ValueRange(), offsets,
        sizes, steps);
    // Pads larger than the filter's reach crop instead.
    if (before[0] < 0 || before[1] < 0 || after[0] < 0 || after[1] < 0) {
      SmallVector<int64_t> cropOffsets = {0, std::max<int64_t>(-before[0], 0),
                                          std::max<int64_t>(-before[1], 0), 0};
      SmallVector<int64_t> cropSizes = zerosShape;
      for (int axis = 0; axis < 2; ++axis)
        cropSizes[1 + axis] -= std::max<int64_t>(-before[axis], 0) +
                               std::max<int64_t>(-after[axis], 0);
      padded = rewriter.create<tensor::ExtractSliceOp>(
          loc, tensorType(cropSizes, rewriter.getF32Type()), padded,
          ValueRange(), ValueRange(), ValueRange(), cropOffsets, cropSizes,
          SmallVector<int64_t>(4, 1));
    }

    SmallVector<int64_t> convFilterShape = {fs[1] * groups, fs[0] / groups,
                                            fs[2], fs[3]};
    Value bias = op.getBias()
                     ? storage(rewriter, op.getBias(), adaptor.getBias())
                     : Value();
    Value result = buildLinalgConvolution(
        rewriter, loc, padded, flipTransposedFilter(*filter, fs, groups),
        convFilterShape, groups, /*strides=*/{1, 1}, dilations, bias,
        toStorageShape(shapeOf(op.getOutput())));
    return epilogue(rewriter, loc, result, op.getActivationAttr(), Value());
  }

private:
  /// The pointwise-kernel form of a non-overlapping transposed convolution
  /// (isNonOverlapping), or null when its bias is computed.
  Value lowerNonOverlapping(ConversionPatternRewriter &rewriter,
                            ConvTransposeOp op, Value input,
                            ArrayRef<float> filter) const {
    Location loc = op.getLoc();
    ArrayRef<int64_t> in = shapeOf(op.getInput()), fs = shapeOf(op.getFilter());
    int64_t c = fs[0], f = fs[1], kh = fs[2], kw = fs[3];
    int64_t wide = kh * kw * f;
    // The bias of every (i, j, f) channel is bias[f].
    Value bias;
    if (op.getBias()) {
      std::optional<SmallVector<float>> values =
          constantElements(op.getBias());
      if (!values)
        return Value();
      SmallVector<float> repeated;
      for (int64_t k = 0; k < kh * kw; ++k)
        repeated.append(values->begin(), values->end());
      bias = denseF32Constant(rewriter, loc, {wide}, repeated);
    }
    // The pointwise filter [1, 1, C, KH * KW * F]: channel (i, j, f) of pixel
    // (y, x) is output pixel (y * KH + i, x * KW + j), channel f.
    SmallVector<float> packed(c * wide);
    for (int64_t ci = 0; ci < c; ++ci)
      for (int64_t fi = 0; fi < f; ++fi)
        for (int64_t i = 0; i < kh; ++i)
          for (int64_t j = 0; j < kw; ++j)
            packed[ci * wide + (i * kw + j) * f + fi] =
                filter[((ci * f + fi) * kh + i) * kw + j];
    SmallVector<int64_t> wideShape = {in[0], in[2], in[3], wide};
    ConvKernelOperands kernel;
    kernel.input = input;
    kernel.filter = packed;
    kernel.bias = bias;
    kernel.activation = op.getActivationAttr();
    kernel.outputShape = wideShape;
    Value result = emitConvKernel(rewriter, loc, kernel, target());
    // [N, H, W, KH * KW * F] -> [N, H, W, KH, KW, F] -> [N, H, KH, W, KW, F]
    // -> [N, H * KH, W * KW, F].
    SmallVector<int64_t> split = {in[0], in[2], in[3], kh, kw, f};
    Value expanded = rewriter.create<tensor::ExpandShapeOp>(
        loc, tensorType(split, rewriter.getF32Type()), result,
        ArrayRef<ReassociationIndices>{{0}, {1}, {2}, {3, 4, 5}});
    SmallVector<int64_t> moved = {in[0], in[2], kh, in[3], kw, f};
    Value transposed =
        transpose(rewriter, loc, expanded, moved, {0, 1, 3, 2, 4, 5});
    return rewriter.create<tensor::CollapseShapeOp>(
        loc, tensorType(toStorageShape(shapeOf(op.getOutput())),
                        rewriter.getF32Type()),
        transposed,
        ArrayRef<ReassociationIndices>{{0}, {1, 2}, {3, 4}, {5}});
  }
};

} // namespace

void mnc::populateConvTransposeLoweringPatterns(RewritePatternSet &patterns,
                                                LoweringState &state) {
  patterns.add<ConvTransposeLowering>(patterns.getContext(), state);
}
