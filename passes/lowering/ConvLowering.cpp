//===- ConvLowering.cpp - mnc.conv2d to linalg or vector kernels ----------===//
//
// A convolution becomes zero padding, the filter packed at compile time (HWCF,
// or HWC for a depthwise one), an accumulator holding the bias, the linalg
// convolution and the activation and residual epilogue; with vector lanes,
// a register-blocked kernel (passes/VectorKernels.h) that does all of it.
//
//===----------------------------------------------------------------------===//

#include "passes/lowering/LoweringPatterns.h"
#include "passes/lowering/LinalgConvolution.h"
#include "passes/lowering/LoweringUtils.h"
#include "passes/ConstantBuilders.h"

#include "dialects/MncAbi.h"

#include "mlir/Dialect/Tensor/IR/Tensor.h"

using namespace mlir;
using namespace mnc;

namespace {

struct Conv2dLowering : OpLoweringPattern<Conv2dOp> {
  using OpLoweringPattern::OpLoweringPattern;

  std::optional<std::string> unsupported(Conv2dOp conv) const override {
    return unsupportedFilter(conv.getFilter());
  }

  FailureOr<Value> lower(Conv2dOp op, OpAdaptor adaptor,
                         ConversionPatternRewriter &rewriter) const override {
    // The pass reported the ops `unsupported` names before converting.
    std::optional<SmallVector<float>> filter =
        constantElements(op.getFilter());
    if (!filter || unsupported(op))
      return failure();
    bool depthwise = op.isDepthwise(), grouped = op.isGrouped();
    Location loc = op.getLoc();
    ArrayRef<int64_t> fs = shapeOf(op.getFilter());
    int64_t kh = fs[2], kw = fs[3];
    ArrayRef<int64_t> pads = op.getPads();
    bool anyPadding = llvm::any_of(pads, [](int64_t p) { return p != 0; });
    // The kernel of a full (not pointwise) convolution reads the model's
    // input in place: no transpose (or normalization) pass over the image.
    // That is the NCHW float argument itself, or the argument under an
    // mnc.normalize_input only this convolution reads, which the kernel
    // converts and normalizes as it reads it.
    auto normalized = op.getInput().getDefiningOp<NormalizeInputOp>();
    if (normalized && !readsNormalizedInputInPlace(op, target()))
      normalized = nullptr;
    bool inPlace = readsInputInPlace(op, target()) || normalized;
    bool inputNCHW = inPlace && !(normalized && normalized.getChannelsLast());
    SmallVector<float> inputOffset, inputScale;
    if (normalized) {
      if (!normalized.hasZeroMean())
        inputOffset.assign(normalized.getMean().begin(),
                           normalized.getMean().end());
      if (!normalized.hasUnitStd())
        for (float s : normalized.getStd())
          inputScale.push_back(static_cast<float>(1.0 / double(s)));
    }
    Value input;
    if (normalized)
      input = normalized.getInput();
    else if (inPlace)
      input = op.getInput();
    else
      input = paddedInput(op.getInput(), adaptor.getInput());
    if (!input) {
      input = storage(rewriter, op.getInput(), adaptor.getInput());
      if (anyPadding)
        input = padInput(rewriter, op, input);
    }

    SmallVector<int64_t> storageShape = toStorageShape(shapeOf(op.getOutput()));
    Value bias = op.getBias()
                     ? storage(rewriter, op.getBias(), adaptor.getBias())
                     : Value();
    Value residual =
        op.getResidual()
            ? storage(rewriter, op.getResidual(), adaptor.getResidual())
            : Value();
    // Grouped convolutions have no vector kernel.
    if (!target().lanes || grouped)
      return epilogue(rewriter, loc,
                      buildLinalgConvolution(rewriter, loc, input, *filter, fs,
                                             op.getGroups(), op.getStrides(),
                                             op.getDilations(), bias,
                                             storageShape),
                      op.getActivationAttr(), residual);
    SmallVector<float> packed =
        depthwise ? packHWC(*filter, fs) : packHWCF(*filter, fs);
    ConvKernelOperands kernel;
    kernel.input = input;
    kernel.inputNCHW = inputNCHW;
    if (inPlace && anyPadding)
      kernel.inputPadding = pads;
    kernel.inputOffset = inputOffset;
    kernel.inputScale = inputScale;
    kernel.filter = packed;
    kernel.kernelH = kh;
    kernel.kernelW = kw;
    kernel.strideH = op.getStrides()[0];
    kernel.strideW = op.getStrides()[1];
    kernel.dilationH = op.getDilations()[0];
    kernel.dilationW = op.getDilations()[1];
    kernel.bias = bias;
    kernel.activation = op.getActivationAttr();
    kernel.residual = residual;
    kernel.outputShape = storageShape;
    kernel.outputPadding = outputPadding(op);
    if (!depthwise)
      return interior(rewriter, op,
                      emitConvKernel(rewriter, loc, kernel, target()),
                      storageShape);
    if (!op->hasAttr(abi::kRowSumsAttr))
      return interior(rewriter, op,
                      emitDepthwiseKernel(rewriter, loc, kernel, target()),
                      storageShape);
    Value rowSums;
    Value result =
        emitDepthwiseKernel(rewriter, loc, kernel, target(), &rowSums);
    state.setRowSums(result, rowSums);
    return interior(rewriter, op, result, storageShape);
  }

private:
  /// The zero borders plan-kernel-outputs asked `conv`'s kernel to write
  /// around its result (top, left, bottom, right); empty for none, and
  /// always without vector kernels, which alone honour the plan.
  ArrayRef<int64_t> outputPadding(Conv2dOp conv) const {
    auto pads =
        conv ? conv->getAttrOfType<DenseI64ArrayAttr>(abi::kOutputPaddingAttr)
             : DenseI64ArrayAttr();
    if (!target().lanes || !pads)
      return {};
    return pads.asArrayRef();
  }

  /// `input` as its producer's kernel wrote it, with the zero borders the
  /// plan asked for: the tensor that `converted`, the unpadded view, slices.
  /// Null when the producer did not write it padded.
  Value paddedInput(Value input, Value converted) const {
    if (outputPadding(input.getDefiningOp<Conv2dOp>()).empty())
      return Value();
    return converted.getDefiningOp<tensor::ExtractSliceOp>().getSource();
  }

  /// `input` (NHWC) zero-padded by the op's pads in H and W.
  static Value padInput(OpBuilder &b, Conv2dOp op, Value input) {
    Location loc = op.getLoc();
    ArrayRef<int64_t> in = shapeOf(op.getInput());
    ArrayRef<int64_t> pads = op.getPads();
    SmallVector<int64_t> padded = {in[0], in[2] + pads[0] + pads[2],
                                   in[3] + pads[1] + pads[3], in[1]};
    SmallVector<OpFoldResult> low = {b.getIndexAttr(0),
                                     b.getIndexAttr(pads[0]),
                                     b.getIndexAttr(pads[1]),
                                     b.getIndexAttr(0)};
    SmallVector<OpFoldResult> high = {b.getIndexAttr(0),
                                      b.getIndexAttr(pads[2]),
                                      b.getIndexAttr(pads[3]),
                                      b.getIndexAttr(0)};
    return b.create<tensor::PadOp>(loc, tensorType(padded, b.getF32Type()),
                                   input, low, high,
                                   constantF32(b, loc, 0.0f));
  }

  /// A kernel's result as the op's value: a result written padded is what
  /// its consumers read (they find it as the source of this view); the
  /// unpadded view of it, an extract_slice (no copy), serves anything else.
  Value interior(OpBuilder &b, Conv2dOp op, Value result,
                 ArrayRef<int64_t> storageShape) const {
    ArrayRef<int64_t> padding = outputPadding(op);
    if (padding.empty())
      return result;
    SmallVector<int64_t> offsets = {0, padding[0], padding[1], 0};
    SmallVector<int64_t> strides(4, 1);
    return b.create<tensor::ExtractSliceOp>(
        op.getLoc(), tensorType(storageShape, b.getF32Type()), result,
        ValueRange(), ValueRange(), ValueRange(), offsets, storageShape,
        strides);
  }
};

} // namespace

/// Whether a full (not pointwise, depthwise or grouped) convolution with
/// vector kernels is `conv`.
static bool hasFullKernel(Conv2dOp conv, const VectorTarget &target) {
  ArrayRef<int64_t> fs = shapeOf(conv.getFilter());
  return target.lanes && !conv.isDepthwise() && !conv.isGrouped() &&
         (fs[2] != 1 || fs[3] != 1);
}

bool mnc::readsInputInPlace(Conv2dOp conv, const VectorTarget &target) {
  return hasFullKernel(conv, target) && isa<BlockArgument>(conv.getInput());
}

bool mnc::readsNormalizedInputInPlace(Conv2dOp conv,
                                      const VectorTarget &target) {
  auto normalized = conv.getInput().getDefiningOp<NormalizeInputOp>();
  return normalized && normalized->hasOneUse() &&
         isa<BlockArgument>(normalized.getInput()) &&
         hasFullKernel(conv, target);
}

void mnc::populateConvLoweringPatterns(RewritePatternSet &patterns,
                                       LoweringState &state) {
  patterns.add<Conv2dLowering>(patterns.getContext(), state);
}
