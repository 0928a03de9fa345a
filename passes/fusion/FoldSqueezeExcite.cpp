//===- FoldSqueezeExcite.cpp - squeeze-and-excite blocks into one op ------===//
//
// MobileNetV3's squeeze-and-excite block imports as
//
//   s = global_avg_pool(x)            (or reduce_mean over axes [2, 3])
//   t = relu(conv2d_1x1(s, w1, b1))   (or reshape + fully_connected)
//   g = hardsigmoid(conv2d_1x1(t, w2, b2))
//   y = mul(g, x)
//
// with the activations standalone or already fused into the convolutions.
// This pass replaces the whole chain by one `mnc.squeeze_excite`, whose
// lowering keeps the [N, C] intermediate values tiny and the final scaling
// one pass over x.
//
//===----------------------------------------------------------------------===//

#include "passes/Passes.h"

#include "dialects/MncOps.h"
#include "dialects/ShapeInference.h"

#include "mlir/IR/Matchers.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace mnc {
#define GEN_PASS_DEF_FOLDSQUEEZEEXCITE
#include "passes/Passes.h.inc"
} // namespace mnc

using namespace mlir;
using namespace mnc;

namespace {

/// The op that computes `value` when `value` has exactly one use (the block
/// is then the only reader of what the op computes); null otherwise.
Operation *soleUseProducer(Value value) {
  return value.hasOneUse() ? value.getDefiningOp() : nullptr;
}

/// One fully connected stage of the block: a 1x1 conv2d on [N, C, 1, 1] or a
/// fully_connected on [N, C], then its activation (fused or standalone),
/// possibly with reshapes around the activation.
struct Stage {
  /// The value the stage's conv2d / fully_connected reads.
  Value input;
  /// [out, in, 1, 1] (conv2d) or [out, in] (fully_connected).
  Value weight;
  /// [out], or null when the layer has no bias.
  Value bias;
  /// Null when the stage has none.
  ActivationAttr activation;
  /// Every op of the stage, users before producers.
  SmallVector<Operation *> ops;
};

/// Walks back from `output` (the value a stage hands on) through reshapes and
/// at most one standalone activation to the conv2d or fully_connected that
/// computes it. Every value on the way must have exactly one use.
FailureOr<Stage> matchStage(Value output) {
  Stage stage;
  ActivationAttr standalone;
  Value value = output;
  while (true) {
    Operation *op = soleUseProducer(value);
    if (!op)
      return failure();
    if (auto reshape = dyn_cast<ReshapeOp>(op)) {
      stage.ops.push_back(op);
      value = reshape.getInput();
      continue;
    }
    if (auto activation = dyn_cast<ActivationOpInterface>(op)) {
      if (standalone)
        return failure();
      standalone = activation.getActivation();
      stage.ops.push_back(op);
      value = activation.getInput();
      continue;
    }
    break;
  }
  Operation *producer = value.getDefiningOp();
  ActivationAttr fused;
  if (auto conv = dyn_cast<Conv2dOp>(producer)) {
    // A 1x1 kernel on a 1x1 map: dilations do not matter.
    ArrayRef<int64_t> in = shapeOf(conv.getInput());
    ArrayRef<int64_t> filter = shapeOf(conv.getFilter());
    if (conv.getGroups() != 1 || conv.getResidual() || in[2] != 1 ||
        in[3] != 1 || filter[2] != 1 || filter[3] != 1 ||
        llvm::any_of(conv.getStrides(), [](int64_t s) { return s != 1; }) ||
        llvm::any_of(conv.getPads(), [](int64_t p) { return p != 0; }))
      return failure();
    stage.input = conv.getInput();
    stage.weight = conv.getFilter();
    stage.bias = conv.getBias();
    fused = conv.getActivationAttr();
  } else if (auto fc = dyn_cast<FullyConnectedOp>(producer)) {
    stage.input = fc.getInput();
    stage.weight = fc.getWeight();
    stage.bias = fc.getBias();
    fused = fc.getActivationAttr();
  } else {
    return failure();
  }
  // act2(act1(y)) has no single-activation form.
  if (standalone && !ActivationAttr::isIdentity(fused))
    return failure();
  stage.activation = standalone ? standalone : fused;
  if (ActivationAttr::isIdentity(stage.activation))
    stage.activation = nullptr;
  stage.ops.push_back(producer);
  return stage;
}

/// The input of the mean over H and W that computes `pooled` (through
/// reshapes of one use each), with the ops on the way appended to `ops`.
FailureOr<Value> matchPool(Value pooled, SmallVectorImpl<Operation *> &ops) {
  Value value = pooled;
  while (true) {
    Operation *op = soleUseProducer(value);
    if (!op)
      return failure();
    ops.push_back(op);
    if (auto reshape = dyn_cast<ReshapeOp>(op)) {
      value = reshape.getInput();
      continue;
    }
    if (auto pool = dyn_cast<GlobalAvgPoolOp>(op))
      return pool.getInput();
    if (auto mean = dyn_cast<ReduceMeanOp>(op)) {
      if (shapeOf(mean.getInput()).size() == 4 &&
          mean.getAxes() == ArrayRef<int64_t>{2, 3})
        return mean.getInput();
    }
    return failure();
  }
}

/// A [out, in, 1, 1] filter as an [out, in] matrix: a reshaped constant, or
/// an mnc.reshape of a computed filter.
Value asMatrix(PatternRewriter &rewriter, Location loc, Value weight) {
  ArrayRef<int64_t> shape = shapeOf(weight);
  if (shape.size() == 2)
    return weight;
  auto type =
      RankedTensorType::get({shape[0], shape[1]}, rewriter.getF32Type());
  DenseElementsAttr data;
  if (matchPattern(weight, m_Constant(&data)))
    return rewriter.create<arith::ConstantOp>(loc, data.reshape(type));
  return rewriter.create<ReshapeOp>(loc, type, weight);
}

/// `bias`, or [size] zeros for a layer without one.
Value biasOrZeros(PatternRewriter &rewriter, Location loc, Value bias,
                  int64_t size) {
  if (bias)
    return bias;
  auto type = RankedTensorType::get({size}, rewriter.getF32Type());
  return rewriter.create<arith::ConstantOp>(loc,
                                            DenseElementsAttr::get(type, 0.0f));
}

/// mul(g, x) (either order) where g is the gate computed from a mean of x
/// over H and W by two fully connected stages -> mnc.squeeze_excite(x).
///
/// Requirements: x is [N, C, H, W] and the mul's result has its type; the
/// gate is [N, C, 1, 1]; the reduce stage maps C to R channels, the expand
/// stage R back to C; each intermediate value (pool, reshapes, layers,
/// activations, the gate) has exactly one use. The expand activation must be
/// a gate (hardsigmoid or sigmoid); the reduce activation may be any, or
/// none.
struct FoldSqueezeExcitePattern : OpRewritePattern<MulOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(MulOp mul,
                                PatternRewriter &rewriter) const override {
    for (auto [gate, x] : {std::pair(mul.getLhs(), mul.getRhs()),
                           std::pair(mul.getRhs(), mul.getLhs())})
      if (succeeded(fold(mul, gate, x, rewriter)))
        return success();
    return rewriter.notifyMatchFailure(mul, "not a squeeze-and-excite block");
  }

private:
  static LogicalResult fold(MulOp mul, Value gate, Value x,
                            PatternRewriter &rewriter) {
    ArrayRef<int64_t> xShape = shapeOf(x);
    if (xShape.size() != 4 || mul.getType() != x.getType())
      return failure();
    int64_t n = xShape[0], channels = xShape[1];
    if (shapeOf(gate) != ArrayRef<int64_t>{n, channels, 1, 1})
      return failure();

    FailureOr<Stage> expand = matchStage(gate);
    if (failed(expand) || !expand->activation ||
        (expand->activation.getKind() != ActivationKind::HardSigmoid &&
         expand->activation.getKind() != ActivationKind::Sigmoid))
      return failure();
    FailureOr<Stage> reduce = matchStage(expand->input);
    if (failed(reduce))
      return failure();
    SmallVector<Operation *> poolOps;
    FailureOr<Value> pooled = matchPool(reduce->input, poolOps);
    if (failed(pooled) || *pooled != x)
      return failure();

    // Shapes: each stage reads N rows ([N, K, 1, 1] or [N, K]) of the
    // channels its weight expects, so reshapes in between keep the order.
    ArrayRef<int64_t> reduceWeight = shapeOf(reduce->weight);
    ArrayRef<int64_t> expandWeight = shapeOf(expand->weight);
    int64_t reduced = reduceWeight[0];
    if (reduceWeight[1] != channels || expandWeight[0] != channels ||
        expandWeight[1] != reduced || shapeOf(reduce->input)[0] != n ||
        shapeOf(expand->input)[0] != n)
      return failure();

    SmallVector<Location> locs;
    SmallVector<Operation *> chain;
    chain.append(expand->ops);
    chain.append(reduce->ops);
    chain.append(poolOps);
    for (Operation *op : llvm::reverse(chain))
      locs.push_back(op->getLoc());
    locs.push_back(mul.getLoc());
    Location loc = rewriter.getFusedLoc(locs);

    Value reduceMatrix = asMatrix(rewriter, loc, reduce->weight);
    Value reduceBias = biasOrZeros(rewriter, loc, reduce->bias, reduced);
    Value expandMatrix = asMatrix(rewriter, loc, expand->weight);
    Value expandBias = biasOrZeros(rewriter, loc, expand->bias, channels);
    ActivationAttr reduceActivation =
        reduce->activation
            ? reduce->activation
            : ActivationAttr::get(rewriter.getContext(), ActivationKind::None);
    auto block = rewriter.create<SqueezeExciteOp>(
        loc, mul.getType(), x, reduceMatrix, reduceBias, expandMatrix,
        expandBias, reduceActivation, expand->activation);
    rewriter.replaceOp(mul, block.getResult());
    // Users before producers: each op is dead once the previous one is gone.
    for (Operation *op : chain)
      rewriter.eraseOp(op);
    return success();
  }
};

struct FoldSqueezeExcitePass
    : public mnc::impl::FoldSqueezeExciteBase<FoldSqueezeExcitePass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    patterns.add<FoldSqueezeExcitePattern>(&getContext());
    if (failed(applyPatternsAndFoldGreedily(getOperation(),
                                            std::move(patterns)))) {
      getOperation().emitError(
          "fold-squeeze-excite: rewriting did not converge");
      signalPassFailure();
    }
  }
};

} // namespace
