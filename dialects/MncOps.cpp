//===- MncOps.cpp - mnc dialect operations --------------------------------===//

#include "dialects/MncOps.h"
#include "dialects/ShapeInference.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/OpImplementation.h"
#include "mlir/IR/PatternMatch.h"

#include <cmath>

using namespace mlir;
using namespace mnc;

#include "dialects/MncInterfaces.cpp.inc"

#define GET_OP_CLASSES
#include "dialects/MncOps.cpp.inc"

namespace {

/// Checks `op`'s single result against the shape its operands imply.
LogicalResult verifyResultShape(Operation *op, FailureOr<Shape> expected) {
  if (failed(expected))
    return failure();
  ArrayRef<int64_t> actual = shapeOf(op->getResult(0));
  if (actual != ArrayRef<int64_t>(*expected))
    return op->emitOpError() << "result shape [" << actual
                             << "] does not match the expected ["
                             << *expected << "]";
  return success();
}

/// Checks that a per-channel parameter is a 1-D tensor of `channels` values.
LogicalResult verifyVector(Operation *op, Value value, int64_t channels,
                           StringRef name) {
  ArrayRef<int64_t> shape = shapeOf(value);
  if (shape.size() != 1 || shape[0] != channels)
    return op->emitOpError() << name << " must have shape [" << channels
                             << "], got [" << shape << "]";
  return success();
}
} // namespace

//===----------------------------------------------------------------------===//
// Convolution, normalization, fully connected, squeeze-excite
//===----------------------------------------------------------------------===//

LogicalResult Conv2dOp::verify() {
  ArrayRef<int64_t> filter = shapeOf(getFilter());
  if (failed(verifyResultShape(
          *this, inferConv2dShape(shapeOf(getInput()), filter, getStrides(),
                                  getPads(), getDilations(), getGroups(),
                                  [&] { return emitOpError(); }))))
    return failure();
  if (getBias() &&
      failed(verifyVector(*this, getBias(), filter[0], "bias")))
    return failure();
  if (getResidual() && getResidual().getType() != getType())
    return emitOpError() << "residual type " << getResidual().getType()
                         << " must match the result type " << getType();
  return success();
}

LogicalResult ConvTransposeOp::verify() {
  ArrayRef<int64_t> filter = shapeOf(getFilter());
  if (failed(verifyResultShape(
          *this, inferConvTranspose2dShape(
                     shapeOf(getInput()), filter, getStrides(), getPads(),
                     getDilations(), getOutputPadding(), getGroups(),
                     [&] { return emitOpError(); }))))
    return failure();
  if (getBias() &&
      failed(verifyVector(*this, getBias(), filter[1] * getGroups(), "bias")))
    return failure();
  return success();
}

// The one definition of "depthwise" every pass uses. groups == 1 is never
// depthwise, also when the input has a single channel (a grayscale image):
// that is an ordinary convolution, whatever its output channels.
bool Conv2dOp::isDepthwise() {
  ArrayRef<int64_t> filter = shapeOf(getFilter());
  return getGroups() > 1 && filter[1] == 1 && filter[0] == getGroups();
}

bool Conv2dOp::isGrouped() { return getGroups() > 1 && !isDepthwise(); }

namespace {
/// conv2d(pad(x)) with a zero pad of H and W only -> conv2d(x) with the pad
/// added to its own pads. Exporters that translate TensorFlow's "SAME"
/// padding of strided convolutions (tf2onnx, keras' ZeroPadding2D) write the
/// padding as a separate Pad node; the convolution reads the same zeros
/// either way. The pad stays when it has other users.
struct FoldZeroPadIntoConv : OpRewritePattern<Conv2dOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(Conv2dOp op,
                                PatternRewriter &rewriter) const override {
    auto pad = op.getInput().getDefiningOp<PadOp>();
    if (!pad || !pad.getValue().isZero())
      return rewriter.notifyMatchFailure(op, "input is not a zero pad");
    // ONNX order: [N, C, H, W] begins, then [N, C, H, W] ends.
    ArrayRef<int64_t> pads = pad.getPads();
    if (pads.size() != 8 || pads[0] != 0 || pads[1] != 0 || pads[4] != 0 ||
        pads[5] != 0 || llvm::any_of(pads, [](int64_t p) { return p < 0; }))
      return rewriter.notifyMatchFailure(op, "pad is not of H and W only");
    ArrayRef<int64_t> own = op.getPads(); // [top, left, bottom, right]
    SmallVector<int64_t> merged = {own[0] + pads[2], own[1] + pads[3],
                                   own[2] + pads[6], own[3] + pads[7]};
    rewriter.modifyOpInPlace(op, [&] {
      op.getInputMutable().assign(pad.getInput());
      op.setPads(merged);
      op->setLoc(rewriter.getFusedLoc({op.getLoc(), pad.getLoc()}));
    });
    return success();
  }
};
} // namespace

void Conv2dOp::getCanonicalizationPatterns(RewritePatternSet &patterns,
                                           MLIRContext *context) {
  patterns.add<FoldZeroPadIntoConv>(context);
}

LogicalResult BatchNormOp::verify() {
  ArrayRef<int64_t> input = shapeOf(getInput());
  if (input.size() < 2)
    return emitOpError() << "input must have rank >= 2, got rank "
                         << input.size();
  if (getType() != getInput().getType())
    return emitOpError() << "result type must match the input type";
  if (!(getEpsilon().convertToFloat() >= 0.0f))
    return emitOpError() << "epsilon must be >= 0, got "
                         << getEpsilon().convertToFloat();
  for (auto [value, name] :
       llvm::zip(getOperands().drop_front(),
                 ArrayRef<StringRef>{"scale", "bias", "mean", "variance"}))
    if (failed(verifyVector(*this, value, input[1], name)))
      return failure();
  return success();
}

LogicalResult FullyConnectedOp::verify() {
  if (failed(verifyResultShape(
          *this, inferFullyConnectedShape(shapeOf(getInput()),
                                          shapeOf(getWeight()),
                                          [&] { return emitOpError(); }))))
    return failure();
  if (getBias() &&
      failed(verifyVector(*this, getBias(), shapeOf(getWeight())[0], "bias")))
    return failure();
  return success();
}

LogicalResult BatchMatmulOp::verify() {
  return verifyResultShape(
      *this, inferBatchMatmulShape(shapeOf(getLhs()), shapeOf(getRhs()),
                                   [&] { return emitOpError(); }));
}

LogicalResult SqueezeExciteOp::verify() {
  ArrayRef<int64_t> input = shapeOf(getInput());
  if (input.size() != 4)
    return emitOpError() << "input must be rank 4 (NCHW), got rank "
                         << input.size();
  if (getType() != getInput().getType())
    return emitOpError() << "result type must match the input type";
  int64_t channels = input[1];
  ArrayRef<int64_t> reduce = shapeOf(getReduceWeight());
  if (reduce.size() != 2 || reduce[1] != channels)
    return emitOpError() << "reduce_weight must be [R, " << channels
                         << "], got [" << reduce << "]";
  int64_t reduced = reduce[0];
  ArrayRef<int64_t> expand = shapeOf(getExpandWeight());
  if (expand.size() != 2 || expand[0] != channels || expand[1] != reduced)
    return emitOpError() << "expand_weight must be [" << channels << ", "
                         << reduced << "], got [" << expand << "]";
  if (failed(verifyVector(*this, getReduceBias(), reduced, "reduce_bias")) ||
      failed(verifyVector(*this, getExpandBias(), channels, "expand_bias")))
    return failure();
  return success();
}

//===----------------------------------------------------------------------===//
// Binary operations
//===----------------------------------------------------------------------===//

namespace {
LogicalResult verifyBinary(Operation *op) {
  return verifyResultShape(
      op, inferBroadcastShape(shapeOf(op->getOperand(0)),
                              shapeOf(op->getOperand(1)),
                              [op] { return op->emitOpError(); }));
}
} // namespace

LogicalResult AddOp::verify() { return verifyBinary(*this); }
LogicalResult SubOp::verify() { return verifyBinary(*this); }
LogicalResult MulOp::verify() { return verifyBinary(*this); }
LogicalResult DivOp::verify() { return verifyBinary(*this); }

//===----------------------------------------------------------------------===//
// Pooling and reductions
//===----------------------------------------------------------------------===//

LogicalResult GlobalAvgPoolOp::verify() {
  ArrayRef<int64_t> input = shapeOf(getInput());
  if (input.size() != 4)
    return emitOpError() << "input must be rank 4 (NCHW), got rank "
                         << input.size();
  return verifyResultShape(*this, Shape{input[0], input[1], 1, 1});
}

LogicalResult GlobalMaxPoolOp::verify() {
  ArrayRef<int64_t> input = shapeOf(getInput());
  if (input.size() != 4)
    return emitOpError() << "input must be rank 4 (NCHW), got rank "
                         << input.size();
  return verifyResultShape(*this, Shape{input[0], input[1], 1, 1});
}

LogicalResult AvgPoolOp::verify() {
  return verifyResultShape(
      *this, inferPool2dShape(shapeOf(getInput()), getKernel(), getStrides(),
                              getPads(), getDilations(), getCeilMode(),
                              [&] { return emitOpError(); }));
}

LogicalResult MaxPoolOp::verify() {
  if (ActivationAttr activation = getActivationAttr())
    if (activation.getKind() != ActivationKind::None &&
        activation.getKind() != ActivationKind::Relu &&
        activation.getKind() != ActivationKind::Clip)
      return emitOpError() << "fuses only relu or clip, which commute with "
                              "the maximum, got "
                           << activation;
  return verifyResultShape(
      *this, inferPool2dShape(shapeOf(getInput()), getKernel(), getStrides(),
                              getPads(), getDilations(), getCeilMode(),
                              [&] { return emitOpError(); }));
}

LogicalResult ReduceMeanOp::verify() {
  return verifyResultShape(
      *this, inferReduceShape(shapeOf(getInput()), getAxes(), getKeepdims(),
                              [&] { return emitOpError(); }));
}

namespace {
/// A mean over H and W of an NCHW tensor that keeps its dimensions is a
/// global average pool, the form later passes look for.
struct ReduceMeanToGlobalAvgPool : OpRewritePattern<ReduceMeanOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(ReduceMeanOp op,
                                PatternRewriter &rewriter) const override {
    if (shapeOf(op.getInput()).size() != 4 || !op.getKeepdims() ||
        op.getAxes() != ArrayRef<int64_t>{2, 3})
      return failure();
    rewriter.replaceOpWithNewOp<GlobalAvgPoolOp>(op, op.getType(),
                                                 op.getInput());
    return success();
  }
};
} // namespace

void ReduceMeanOp::getCanonicalizationPatterns(RewritePatternSet &patterns,
                                               MLIRContext *context) {
  patterns.add<ReduceMeanToGlobalAvgPool>(context);
}

LogicalResult SoftmaxOp::verify() {
  int64_t rank = shapeOf(getInput()).size();
  if (getAxis() < 0 || getAxis() >= rank)
    return emitOpError() << "axis " << getAxis()
                         << " is out of range for rank " << rank;
  return success();
}

//===----------------------------------------------------------------------===//
// Data movement
//===----------------------------------------------------------------------===//

LogicalResult ReshapeOp::verify() {
  int64_t in = getNumElements(shapeOf(getInput()));
  int64_t out = getNumElements(shapeOf(getOutput()));
  if (in != out)
    return emitOpError() << "input has " << in << " elements, result has "
                         << out;
  return success();
}

OpFoldResult ReshapeOp::fold(FoldAdaptor) {
  if (getInput().getType() == getType())
    return getInput();
  // reshape(reshape(x)) is one reshape of x.
  if (auto producer = getInput().getDefiningOp<ReshapeOp>()) {
    getInputMutable().assign(producer.getInput());
    return getResult();
  }
  return {};
}

LogicalResult TransposeOp::verify() {
  return verifyResultShape(*this,
                           inferTransposeShape(shapeOf(getInput()), getPerm(),
                                               [&] { return emitOpError(); }));
}

OpFoldResult TransposeOp::fold(FoldAdaptor) {
  // The identity permutation moves nothing.
  if (llvm::equal(getPerm(), llvm::seq<int64_t>(0, getPerm().size())))
    return getInput();
  return {};
}

LogicalResult NormalizeInputOp::verify() {
  ArrayRef<int64_t> input = shapeOf(getInput());
  if (input.size() != 4)
    return emitOpError("expects a 4-D input, got rank ") << input.size();
  Shape expected(input);
  if (getChannelsLast())
    expected = {input[0], input[3], input[1], input[2]};
  if (failed(verifyResultShape(*this, expected)))
    return failure();
  int64_t channels = expected[1];
  for (auto [name, values] :
       {std::pair<StringRef, ArrayRef<float>>{"mean", getMean()},
        {"std", getStd()}})
    if (static_cast<int64_t>(values.size()) != channels)
      return emitOpError("expects one ")
             << name << " per channel (" << channels << "), got "
             << values.size();
  for (float value : getMean())
    if (!std::isfinite(value))
      return emitOpError("expects finite means, got ") << value;
  for (float value : getStd())
    if (!(value > 0.0f) || !std::isfinite(value))
      return emitOpError("expects positive finite stds, got ") << value;
  return success();
}

bool NormalizeInputOp::hasZeroMean() {
  return llvm::all_of(getMean(), [](float m) { return m == 0.0f; });
}

bool NormalizeInputOp::hasUnitStd() {
  return llvm::all_of(getStd(), [](float s) { return s == 1.0f; });
}

OpFoldResult NormalizeInputOp::fold(FoldAdaptor) {
  // The model's own input, as it is.
  if (getInput().getType() == getType() && !getChannelsLast() &&
      hasZeroMean() && hasUnitStd())
    return getInput();
  return {};
}

LogicalResult ConcatOp::verify() {
  SmallVector<ArrayRef<int64_t>> shapes;
  for (Value input : getInputs())
    shapes.push_back(shapeOf(input));
  return verifyResultShape(
      *this,
      inferConcatShape(shapes, getAxis(), [&] { return emitOpError(); }));
}

LogicalResult PadOp::verify() {
  return verifyResultShape(*this,
                           inferPadShape(shapeOf(getInput()), getPads(),
                                         [&] { return emitOpError(); }));
}

LogicalResult ResizeOp::verify() {
  ArrayRef<int64_t> input = shapeOf(getInput());
  ArrayRef<int64_t> output = shapeOf(getOutput());
  if (input.size() != 4 || output.size() != 4)
    return emitOpError() << "input and result must be rank 4 (NCHW)";
  if (input[0] != output[0] || input[1] != output[1])
    return emitOpError() << "resizes only H and W: input [" << input
                         << "] and result [" << output
                         << "] differ in N or C";
  if (!(getScaleH().convertToFloat() > 0.0f) ||
      !(getScaleW().convertToFloat() > 0.0f))
    return emitOpError() << "scales must be positive";
  if (getAddend() && getAddend().getType() != getType())
    return emitOpError() << "addend type " << getAddend().getType()
                         << " must match the result type " << getType();
  return success();
}
