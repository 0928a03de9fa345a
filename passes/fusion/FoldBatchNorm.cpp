//===- FoldBatchNorm.cpp - batch normalization into its producer ----------===//
//
// Inference-mode batch normalization is a per-channel affine map,
//   y = x * s + t,  s = scale / sqrt(variance + epsilon),  t = bias - mean * s,
// so after a convolution, transposed convolution or fully connected layer it
// folds into that layer's weights and bias: every output channel f of the
// filter is multiplied by s[f], and the new bias is (b - mean) * s + bias_bn.
// A constant per-channel addition after such a layer (an exporter's separate
// bias add) folds into its bias the same way. A batch_norm that
// cannot fold (its producer has other users, a fused activation or residual,
// or computed weights) becomes that affine map as mnc.mul and mnc.add with
// constant per-channel operands.
//
// Everything is computed in double from the f32 constants and rounded to f32
// once. Epsilon is the f32 attribute, added to the variance inside the square
// root, exactly as ONNX BatchNormalization defines it.
//
//===----------------------------------------------------------------------===//

#include "passes/Passes.h"

#include "dialects/MncOps.h"

#include "mlir/IR/Matchers.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

#include <cmath>

namespace mnc {
#define GEN_PASS_DEF_FOLDBATCHNORM
#include "passes/Passes.h.inc"
} // namespace mnc

using namespace mlir;
using namespace mnc;

namespace {

/// The elements of an f32 constant tensor, widened to double, or nothing
/// when `value` is not an arith.constant with dense elements.
std::optional<SmallVector<double>> constantValues(Value value) {
  DenseElementsAttr attr;
  if (!value || !matchPattern(value, m_Constant(&attr)) ||
      !attr.getElementType().isF32())
    return std::nullopt;
  SmallVector<double> values;
  values.reserve(attr.getNumElements());
  for (float element : attr.getValues<float>())
    values.push_back(element);
  return values;
}

/// An arith.constant of `shape` holding `values` rounded to f32.
Value createConstant(PatternRewriter &rewriter, Location loc,
                     ArrayRef<int64_t> shape, ArrayRef<double> values) {
  SmallVector<float> rounded(values.begin(), values.end());
  auto type = RankedTensorType::get(shape, rewriter.getF32Type());
  return rewriter.create<arith::ConstantOp>(
      loc, DenseElementsAttr::get(type, ArrayRef<float>(rounded)));
}

/// A batch_norm with constant parameters, as the per-channel affine map
/// y = x * multiplier + shift.
struct ChannelAffine {
  SmallVector<double> scale; // the batch_norm's own scale (gamma)
  SmallVector<double> bias;  // the batch_norm's bias (beta)
  SmallVector<double> mean;
  /// scale / sqrt(variance + epsilon)
  SmallVector<double> multiplier;
  /// bias - mean * multiplier
  SmallVector<double> shift;
};

/// The affine form of `op`, or nothing when one of its parameters is not a
/// constant. The pass has checked beforehand that variance + epsilon > 0.
std::optional<ChannelAffine> getChannelAffine(BatchNormOp op) {
  std::optional<SmallVector<double>> scale = constantValues(op.getScale());
  std::optional<SmallVector<double>> bias = constantValues(op.getBias());
  std::optional<SmallVector<double>> mean = constantValues(op.getMean());
  std::optional<SmallVector<double>> variance =
      constantValues(op.getVariance());
  if (!scale || !bias || !mean || !variance)
    return std::nullopt;
  double epsilon = op.getEpsilon().convertToFloat();
  ChannelAffine affine{*scale, *bias, *mean, {}, {}};
  for (size_t c = 0, e = scale->size(); c < e; ++c) {
    double multiplier = (*scale)[c] / std::sqrt((*variance)[c] + epsilon);
    affine.multiplier.push_back(multiplier);
    affine.shift.push_back((*bias)[c] - (*mean)[c] * multiplier);
  }
  return affine;
}

/// Scales row f of `weights` (all elements whose leading index is f) by
/// multiplier[f].
SmallVector<double> scaleRows(ArrayRef<double> weights,
                              ArrayRef<double> multiplier) {
  SmallVector<double> scaled(weights.begin(), weights.end());
  size_t rowSize = weights.size() / multiplier.size();
  for (size_t i = 0, e = scaled.size(); i < e; ++i)
    scaled[i] *= multiplier[i / rowSize];
  return scaled;
}

/// The bias of the folded layer: (b - mean) * multiplier + bias_bn, where b
/// is the layer's own bias (`std::nullopt`: no bias, so zero).
SmallVector<double> foldBias(std::optional<SmallVector<double>> layerBias,
                             const ChannelAffine &affine) {
  SmallVector<double> folded;
  for (size_t c = 0, e = affine.multiplier.size(); c < e; ++c) {
    double b = layerBias ? (*layerBias)[c] : 0.0;
    folded.push_back((b - affine.mean[c]) * affine.multiplier[c] +
                     affine.bias[c]);
  }
  return folded;
}

/// Constant weights of a layer a batch_norm may fold into; `bias` is set only
/// when the layer has one.
struct LayerConstants {
  SmallVector<double> weights;
  std::optional<SmallVector<double>> bias;
};

/// The constant weights and bias of a layer, or failure when either is
/// computed.
FailureOr<LayerConstants> getLayerConstants(Value weights, Value bias) {
  std::optional<SmallVector<double>> weightValues = constantValues(weights);
  if (!weightValues)
    return failure();
  LayerConstants constants{std::move(*weightValues), std::nullopt};
  if (bias) {
    constants.bias = constantValues(bias);
    if (!constants.bias)
      return failure();
  }
  return constants;
}

/// batch_norm(conv2d(x, W, b)) -> conv2d(x, W', b') with
/// W'[f, ...] = W[f, ...] * s[f] and b' = (b - mean) * s + beta.
///
/// The convolution's result must have the batch_norm as its only use, its
/// filter and bias (if any) and the batch_norm's parameters must be
/// constants, and the convolution must carry neither a fused activation nor a
/// residual (the batch_norm would apply after them).
struct FoldIntoConv2d : OpRewritePattern<BatchNormOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(BatchNormOp op,
                                PatternRewriter &rewriter) const override {
    auto conv = op.getInput().getDefiningOp<Conv2dOp>();
    if (!conv)
      return rewriter.notifyMatchFailure(op, "input is not a conv2d");
    if (!conv->hasOneUse())
      return rewriter.notifyMatchFailure(op, "the conv2d has other users");
    if (!ActivationAttr::isIdentity(conv.getActivationAttr()) ||
        conv.getResidual())
      return rewriter.notifyMatchFailure(
          op, "the conv2d has a fused activation or residual");
    FailureOr<LayerConstants> layer =
        getLayerConstants(conv.getFilter(), conv.getBias());
    if (failed(layer))
      return rewriter.notifyMatchFailure(op, "conv2d weights are computed");
    std::optional<ChannelAffine> affine = getChannelAffine(op);
    if (!affine)
      return rewriter.notifyMatchFailure(op, "parameters are computed");

    Location loc = rewriter.getFusedLoc({conv.getLoc(), op.getLoc()});
    int64_t channels = affine->multiplier.size();
    Value filter = createConstant(
        rewriter, loc,
        cast<RankedTensorType>(conv.getFilter().getType()).getShape(),
        scaleRows(layer->weights, affine->multiplier));
    Value bias = createConstant(rewriter, loc, {channels},
                                foldBias(layer->bias, *affine));
    auto folded = rewriter.create<Conv2dOp>(
        loc, op.getType(), conv.getInput(), filter, bias, /*residual=*/Value(),
        conv.getStridesAttr(), conv.getPadsAttr(), conv.getDilationsAttr(),
        conv.getGroupsAttr(), conv.getActivationAttr());
    rewriter.replaceOp(op, folded.getResult());
    rewriter.eraseOp(conv);
    return success();
  }
};

/// batch_norm(fully_connected(x, W, b)) -> fully_connected(x, W', b') with
/// W'[n, :] = W[n, :] * s[n] and b' = (b - mean) * s + beta, under the same
/// conditions as for a convolution (only use, constants, no activation).
struct FoldIntoFullyConnected : OpRewritePattern<BatchNormOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(BatchNormOp op,
                                PatternRewriter &rewriter) const override {
    auto fc = op.getInput().getDefiningOp<FullyConnectedOp>();
    if (!fc)
      return rewriter.notifyMatchFailure(op, "input is not a fully_connected");
    if (!fc->hasOneUse())
      return rewriter.notifyMatchFailure(op,
                                         "the fully_connected has other users");
    if (!ActivationAttr::isIdentity(fc.getActivationAttr()))
      return rewriter.notifyMatchFailure(
          op, "the fully_connected has a fused activation");
    FailureOr<LayerConstants> layer =
        getLayerConstants(fc.getWeight(), fc.getBias());
    if (failed(layer))
      return rewriter.notifyMatchFailure(
          op, "fully_connected weights are computed");
    std::optional<ChannelAffine> affine = getChannelAffine(op);
    if (!affine)
      return rewriter.notifyMatchFailure(op, "parameters are computed");

    Location loc = rewriter.getFusedLoc({fc.getLoc(), op.getLoc()});
    int64_t channels = affine->multiplier.size();
    Value weight = createConstant(
        rewriter, loc,
        cast<RankedTensorType>(fc.getWeight().getType()).getShape(),
        scaleRows(layer->weights, affine->multiplier));
    Value bias = createConstant(rewriter, loc, {channels},
                                foldBias(layer->bias, *affine));
    auto folded = rewriter.create<FullyConnectedOp>(
        loc, op.getType(), fc.getInput(), weight, bias, fc.getActivationAttr());
    rewriter.replaceOp(op, folded.getResult());
    rewriter.eraseOp(fc);
    return success();
  }
};

/// batch_norm(conv_transpose(x, W, b)) -> conv_transpose(x, W', b'). The
/// filter is [C, F / groups, KH, KW]: output channel f = g * (F / groups) + j
/// takes W[c, j, ...] for the input channels c of group g, so those elements
/// are multiplied by s[f]. Same conditions as for a conv2d (only use,
/// constants, no fused activation).
struct FoldIntoConvTranspose : OpRewritePattern<BatchNormOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(BatchNormOp op,
                                PatternRewriter &rewriter) const override {
    auto conv = op.getInput().getDefiningOp<ConvTransposeOp>();
    if (!conv)
      return rewriter.notifyMatchFailure(op, "input is not a conv_transpose");
    if (!conv->hasOneUse())
      return rewriter.notifyMatchFailure(op,
                                         "the conv_transpose has other users");
    if (!ActivationAttr::isIdentity(conv.getActivationAttr()))
      return rewriter.notifyMatchFailure(
          op, "the conv_transpose has a fused activation");
    FailureOr<LayerConstants> layer =
        getLayerConstants(conv.getFilter(), conv.getBias());
    if (failed(layer))
      return rewriter.notifyMatchFailure(op,
                                         "conv_transpose weights are computed");
    std::optional<ChannelAffine> affine = getChannelAffine(op);
    if (!affine)
      return rewriter.notifyMatchFailure(op, "parameters are computed");

    ArrayRef<int64_t> shape =
        cast<RankedTensorType>(conv.getFilter().getType()).getShape();
    int64_t groups = conv.getGroups();
    int64_t perGroupOut = shape[1], perGroupIn = shape[0] / groups;
    int64_t window = shape[2] * shape[3];
    SmallVector<double> filter(layer->weights);
    for (size_t i = 0, e = filter.size(); i < e; ++i) {
      int64_t c = i / (perGroupOut * window);
      int64_t j = (i / window) % perGroupOut;
      filter[i] *= affine->multiplier[(c / perGroupIn) * perGroupOut + j];
    }
    Location loc = rewriter.getFusedLoc({conv.getLoc(), op.getLoc()});
    int64_t channels = affine->multiplier.size();
    Value newFilter = createConstant(rewriter, loc, shape, filter);
    Value bias = createConstant(rewriter, loc, {channels},
                                foldBias(layer->bias, *affine));
    auto folded = rewriter.create<ConvTransposeOp>(
        loc, op.getType(), conv.getInput(), newFilter, bias,
        conv.getStridesAttr(), conv.getPadsAttr(), conv.getDilationsAttr(),
        conv.getOutputPaddingAttr(), conv.getGroupsAttr(),
        conv.getActivationAttr());
    rewriter.replaceOp(op, folded.getResult());
    rewriter.eraseOp(conv);
    return success();
  }
};

/// The per-channel values of a constant `addend` that, added to a tensor of
/// type `result` (channels on axis 1), has the channel axis and varies along
/// it only: shape [1, C, 1, 1], [C, 1, 1], [C] for a rank-2 result. Nothing
/// when it is computed, not f32, varies along (or enlarges) another axis, or
/// does not reach the channel axis: a scalar (the `x + 3` of the hard-sigmoid
/// idioms, which recognize-activations needs to see) stays an add.
std::optional<SmallVector<double>> channelValues(Value addend,
                                                 RankedTensorType result) {
  auto type = dyn_cast<RankedTensorType>(addend.getType());
  if (!type || result.getRank() < 2 || type.getRank() > result.getRank())
    return std::nullopt;
  int64_t channels = result.getDimSize(1);
  // The addend's axis that lines up with axis 1 of the result.
  int64_t channelAxis = 1 - (result.getRank() - type.getRank());
  if (channelAxis < 0 || type.getDimSize(channelAxis) != channels)
    return std::nullopt;
  for (int64_t i = 0, e = type.getRank(); i < e; ++i)
    if (i != channelAxis && type.getDimSize(i) != 1)
      return std::nullopt;
  return constantValues(addend);
}

/// add(layer, k) (either order), with k a constant over the channel axis
/// (channelValues) -> the layer with bias b + k (b = 0 without a bias):
/// the separate bias addition exporters write after a bias-free layer
/// (paddle2onnx 0.x: Add(Conv, Reshape(b, [1, -1, 1, 1]))). The layer is a
/// conv2d, conv_transpose or fully_connected whose result has the add as its
/// only use, with a constant bias (or none), no fused activation and no
/// residual.
struct FoldBiasAdd : OpRewritePattern<AddOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(AddOp add,
                                PatternRewriter &rewriter) const override {
    for (unsigned i = 0; i < 2; ++i)
      if (succeeded(fold(add, add->getOperand(i), add->getOperand(1 - i),
                         rewriter)))
        return success();
    return rewriter.notifyMatchFailure(
        add, "no operand is a layer that takes a per-channel constant");
  }

  static LogicalResult fold(AddOp add, Value layer, Value addend,
                            PatternRewriter &rewriter) {
    Operation *op = layer.getDefiningOp();
    if (!op || !op->hasOneUse() || layer.getType() != add.getType())
      return failure();
    std::optional<SmallVector<double>> values =
        channelValues(addend, cast<RankedTensorType>(add.getType()));
    if (!values)
      return failure();
    Location loc = rewriter.getFusedLoc({op->getLoc(), add.getLoc()});
    // The layer's new bias: its own (constant) bias plus the addend.
    auto newBias = [&](Value bias) -> Value {
      SmallVector<double> sum(*values);
      if (bias) {
        std::optional<SmallVector<double>> old = constantValues(bias);
        if (!old)
          return Value();
        for (auto [s, b] : llvm::zip(sum, *old))
          s += b;
      }
      return createConstant(rewriter, loc, {static_cast<int64_t>(sum.size())},
                            sum);
    };
    Value folded;
    if (auto conv = dyn_cast<Conv2dOp>(op)) {
      if (!ActivationAttr::isIdentity(conv.getActivationAttr()) ||
          conv.getResidual())
        return failure();
      Value bias = newBias(conv.getBias());
      if (!bias)
        return failure();
      folded = rewriter.create<Conv2dOp>(
          loc, add.getType(), conv.getInput(), conv.getFilter(), bias,
          /*residual=*/Value(), conv.getStridesAttr(), conv.getPadsAttr(),
          conv.getDilationsAttr(), conv.getGroupsAttr(),
          conv.getActivationAttr());
    } else if (auto conv = dyn_cast<ConvTransposeOp>(op)) {
      if (!ActivationAttr::isIdentity(conv.getActivationAttr()))
        return failure();
      Value bias = newBias(conv.getBias());
      if (!bias)
        return failure();
      folded = rewriter.create<ConvTransposeOp>(
          loc, add.getType(), conv.getInput(), conv.getFilter(), bias,
          conv.getStridesAttr(), conv.getPadsAttr(), conv.getDilationsAttr(),
          conv.getOutputPaddingAttr(), conv.getGroupsAttr(),
          conv.getActivationAttr());
    } else if (auto fc = dyn_cast<FullyConnectedOp>(op)) {
      if (!ActivationAttr::isIdentity(fc.getActivationAttr()))
        return failure();
      Value bias = newBias(fc.getBias());
      if (!bias)
        return failure();
      folded = rewriter.create<FullyConnectedOp>(
          loc, add.getType(), fc.getInput(), fc.getWeight(), bias,
          fc.getActivationAttr());
    } else {
      return failure();
    }
    rewriter.replaceOp(add, folded);
    rewriter.eraseOp(op);
    return success();
  }
};

/// batch_norm(x) -> add(mul(x, s), t) with constant s and t of shape
/// [C, 1, ..., 1] (rank - 1 dimensions, so that they broadcast along axis 1):
/// [C, 1, 1] for an NCHW input, [C] for a rank-2 one. This is the fallback
/// when the batch_norm cannot fold into its producer.
struct BatchNormToScaleShift : OpRewritePattern<BatchNormOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(BatchNormOp op,
                                PatternRewriter &rewriter) const override {
    std::optional<ChannelAffine> affine = getChannelAffine(op);
    if (!affine)
      return rewriter.notifyMatchFailure(op, "parameters are computed");
    auto type = cast<RankedTensorType>(op.getType());
    SmallVector<int64_t> paramShape(type.getRank() - 1, 1);
    paramShape[0] = type.getDimSize(1);
    Location loc = op.getLoc();
    Value multiplier =
        createConstant(rewriter, loc, paramShape, affine->multiplier);
    Value shift = createConstant(rewriter, loc, paramShape, affine->shift);
    Value scaled = rewriter.create<MulOp>(loc, type, op.getInput(), multiplier);
    rewriter.replaceOpWithNewOp<AddOp>(op, type, scaled, shift);
    return success();
  }
};

struct FoldBatchNormPass
    : public mnc::impl::FoldBatchNormBase<FoldBatchNormPass> {
  using FoldBatchNormBase::FoldBatchNormBase;

  /// Reports every batch_norm with constant variance whose variance +
  /// epsilon is not positive: its normalization divides by zero or by the
  /// square root of a negative number, and folding it would bake infinities
  /// or NaNs into the weights.
  LogicalResult checkVariances() {
    bool valid = true;
    getOperation().walk([&](BatchNormOp op) {
      std::optional<SmallVector<double>> variance =
          constantValues(op.getVariance());
      if (!variance)
        return;
      double epsilon = op.getEpsilon().convertToFloat();
      for (auto [channel, value] : llvm::enumerate(*variance)) {
        if (value + epsilon > 0.0)
          continue;
        op.emitError() << "fold-batchnorm: variance + epsilon must be "
                          "positive, got "
                       << value << " + " << epsilon << " for channel "
                       << channel;
        valid = false;
        return;
      }
    });
    return success(valid);
  }

  /// Applies `patterns` greedily; reports when they do not converge.
  LogicalResult apply(RewritePatternSet &&patterns) {
    if (succeeded(
            applyPatternsAndFoldGreedily(getOperation(), std::move(patterns))))
      return success();
    return getOperation().emitError(
        "fold-batchnorm: rewriting did not converge");
  }

  void runOnOperation() override {
    if (failed(checkVariances()))
      return signalPassFailure();
    // Folding first, to a fixed point: a batch_norm whose input is another
    // batch_norm can fold once that one has folded, so the scale-and-shift
    // fallback must not see it before.
    RewritePatternSet folds(&getContext());
    folds.add<FoldIntoConv2d, FoldIntoConvTranspose, FoldIntoFullyConnected,
              FoldBiasAdd>(&getContext());
    if (failed(apply(std::move(folds))))
      return signalPassFailure();
    if (!scaleShift)
      return;
    RewritePatternSet fallback(&getContext());
    fallback.add<BatchNormToScaleShift>(&getContext());
    if (failed(apply(std::move(fallback))))
      return signalPassFailure();
  }
};

} // namespace
