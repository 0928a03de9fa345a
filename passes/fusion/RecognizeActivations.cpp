//===- RecognizeActivations.cpp - exporters' idioms to hard activations ---===//
//
// Exporters spell hard-sigmoid and hard-swish in elementary operations:
//   relu6(x + 3) / 6                  hard-sigmoid (torch's h_sigmoid)
//   relu6(x + 3) * 0.1666667          the same, divided by a multiplication
//   clip(0.2 * x + 0.5, 0, 1)         PaddlePaddle's hard_sigmoid
//   x * hardsigmoid(x)                hard-swish below ONNX opset 14
//   x * relu6(x + 3) / 6              hard-swish (older torch exports)
// where relu6 is mnc.clip with min 0 and max 6. In general
//   clip(a * x + b, 0, m) * k  with k = 1 / m
// is hardsigmoid(x) with alpha = a * k and beta = b * k, and x times it is
// hardswish(x) with the same parameters. This pass rewrites these forms into
// mnc.hardsigmoid and mnc.hardswish with the parameters the constants give
// (never an assumed 1/6), so that later passes can fuse them into producers.
//
// The affine part must be there (x + b, b + x, x - b, x * a or x * a + b):
// a bare clip(x, 0, m) / m is left alone. A pattern matches only when the
// rewrite computes the same function: the clip's minimum is exactly 0, every
// constant is a scalar or a tensor whose elements are all equal, no constant
// broadcast enlarges the shape of the value it applies to, and k equals 1 / m
// within a relative tolerance (the `tolerance` option, 1e-6 by default, which
// accepts the 0.1666667 exporters print for 1/6).
//
//===----------------------------------------------------------------------===//

#include "passes/Passes.h"

#include "dialects/MncOps.h"

#include "mlir/IR/Matchers.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

#include <cmath>

namespace mnc {
#define GEN_PASS_DEF_RECOGNIZEACTIVATIONS
#include "passes/Passes.h.inc"
} // namespace mnc

using namespace mlir;
using namespace mnc;

namespace {

//===----------------------------------------------------------------------===//
// Matching helpers
//===----------------------------------------------------------------------===//

/// Whether `a` and `b` agree within the relative `tolerance`.
bool approxEqual(double a, double b, double tolerance) {
  return std::abs(a - b) <= tolerance * std::max(std::abs(a), std::abs(b));
}

/// The value of every element of an f32 constant that is a scalar, a splat
/// or a tensor whose elements are all equal; nothing otherwise.
std::optional<double> uniformConstant(Value value) {
  DenseElementsAttr attr;
  if (!matchPattern(value, m_Constant(&attr)) ||
      !attr.getElementType().isF32() || attr.getNumElements() == 0)
    return std::nullopt;
  if (attr.isSplat())
    return attr.getSplatValue<float>();
  auto values = attr.getValues<float>();
  float first = *values.begin();
  for (float element : values)
    if (element != first)
      return std::nullopt;
  return first;
}

/// A binary operation between a computed value and a uniform constant.
struct ConstantOperand {
  Value value;
  double constant;
};

/// Splits `op` (an mnc binary op) into its computed operand and its uniform
/// constant operand. The constant must be the right operand unless
/// `commutative`, and it must broadcast without changing the other operand's
/// shape (the result has the computed operand's type).
std::optional<ConstantOperand> splitConstant(Operation *op, bool commutative) {
  Value result = op->getResult(0);
  auto attempt = [&](Value value,
                     Value constant) -> std::optional<ConstantOperand> {
    std::optional<double> c = uniformConstant(constant);
    if (!c || value.getType() != result.getType())
      return std::nullopt;
    return ConstantOperand{value, *c};
  };
  if (auto split = attempt(op->getOperand(0), op->getOperand(1)))
    return split;
  if (commutative)
    return attempt(op->getOperand(1), op->getOperand(0));
  return std::nullopt;
}

/// A reading of a value v as v = scale * root + offset.
struct AffineReading {
  Value root;
  double scale;
  double offset;
};

/// The readings of `value` as an affine function of another value, shallowest
/// first: if `value` adds or subtracts a uniform constant, the value it
/// applies to; then, if that value (or `value` when there was no addition)
/// is a multiplication by a uniform constant, its other operand. This covers
/// x + b, b + x, x - b, x * a and x * a + b. Empty when `value` is none of
/// these: a clip of x itself is left alone, as it is not an exporter's idiom.
SmallVector<AffineReading> affineReadings(Value value) {
  SmallVector<AffineReading> readings;
  AffineReading current{value, 1.0, 0.0};
  if (auto add = current.root.getDefiningOp<AddOp>()) {
    if (auto split = splitConstant(add, /*commutative=*/true)) {
      current = {split->value, 1.0, split->constant};
      readings.push_back(current);
    }
  } else if (auto sub = current.root.getDefiningOp<SubOp>()) {
    if (auto split = splitConstant(sub, /*commutative=*/false)) {
      current = {split->value, 1.0, -split->constant};
      readings.push_back(current);
    }
  }
  if (auto mul = current.root.getDefiningOp<MulOp>()) {
    if (auto split = splitConstant(mul, /*commutative=*/true))
      readings.push_back(
          {split->value, current.scale * split->constant, current.offset});
  }
  return readings;
}

/// The reading of `readings` whose root is `root`, if any.
std::optional<AffineReading> readingOf(ArrayRef<AffineReading> readings,
                                       Value root) {
  for (const AffineReading &reading : readings)
    if (reading.root == root)
      return reading;
  return std::nullopt;
}

/// The clip bound m of `clip` when it is clip(y, 0, m) with m > 0, the
/// bounded ramp that a scaling by 1 / m turns into a hard-sigmoid.
std::optional<double> rampBound(ClipOp clip) {
  if (!clip.getMin().isZero())
    return std::nullopt;
  double bound = clip.getMax().convertToFloat();
  if (!(bound > 0.0) || !std::isfinite(bound))
    return std::nullopt;
  return bound;
}

/// A value multiplied by a uniform constant factor: div(v, d) (factor 1 / d),
/// mul(v, c) or mul(c, v) (factor c), where the constant does not change v's
/// shape.
struct ScaledValue {
  Value value;
  double factor;
};

std::optional<ScaledValue> matchScaled(Operation *op) {
  if (isa<DivOp>(op)) {
    std::optional<ConstantOperand> split =
        splitConstant(op, /*commutative=*/false);
    if (!split || split->constant == 0.0)
      return std::nullopt;
    return ScaledValue{split->value, 1.0 / split->constant};
  }
  if (isa<MulOp>(op)) {
    std::optional<ConstantOperand> split =
        splitConstant(op, /*commutative=*/true);
    if (!split)
      return std::nullopt;
    return ScaledValue{split->value, split->constant};
  }
  return std::nullopt;
}

/// The result of an InnerOp, scaled by a uniform constant factor.
template <typename InnerOp> struct ScaledResult {
  InnerOp inner;
  double factor;
};

/// `op` as a scaling (matchScaled) of an InnerOp's result; nothing when it
/// scales anything else.
template <typename InnerOp>
std::optional<ScaledResult<InnerOp>> matchScaledResult(Operation *op) {
  std::optional<ScaledValue> scaled = matchScaled(op);
  if (!scaled)
    return std::nullopt;
  auto inner = scaled->value.getDefiningOp<InnerOp>();
  if (!inner)
    return std::nullopt;
  return ScaledResult<InnerOp>{inner, scaled->factor};
}

/// Whether `clip` is clip(y, 0, m) and `factor` is 1 / m within the relative
/// `tolerance`: the scaled clip is a hard-sigmoid of y.
bool scalesRampToUnit(ClipOp clip, double factor, double tolerance) {
  std::optional<double> bound = rampBound(clip);
  return bound && approxEqual(factor, 1.0 / *bound, tolerance);
}

/// The parameters of a hard activation: max(0, min(1, alpha * x + beta)).
struct HardParameters {
  Value input;
  float alpha;
  float beta;
};

/// The hard-sigmoid parameters of clip(reading, 0, m) * factor, with factor
/// = 1 / m: alpha = scale * factor, beta = offset * factor (computed in
/// double, rounded to f32 once).
HardParameters hardParameters(const AffineReading &reading, double factor) {
  return {reading.root, static_cast<float>(reading.scale * factor),
          static_cast<float>(reading.offset * factor)};
}

/// Creates mnc.hardsigmoid(x) with `parameters` in place of `op`.
void replaceWithHardSigmoid(PatternRewriter &rewriter, Operation *op,
                            const HardParameters &parameters) {
  rewriter.replaceOpWithNewOp<HardSigmoidOp>(
      op, op->getResult(0).getType(), parameters.input,
      rewriter.getF32FloatAttr(parameters.alpha),
      rewriter.getF32FloatAttr(parameters.beta));
}

/// Creates mnc.hardswish(x) with `parameters` in place of `op`, and erases
/// `hardSigmoid` (the gate the product used) when nothing else uses it.
void replaceWithHardSwish(PatternRewriter &rewriter, Operation *op,
                          const HardParameters &parameters,
                          Operation *hardSigmoid = nullptr) {
  rewriter.replaceOpWithNewOp<HardSwishOp>(
      op, op->getResult(0).getType(), parameters.input,
      rewriter.getF32FloatAttr(parameters.alpha),
      rewriter.getF32FloatAttr(parameters.beta));
  if (hardSigmoid && hardSigmoid->use_empty())
    rewriter.eraseOp(hardSigmoid);
}

//===----------------------------------------------------------------------===//
// Hard-sigmoid
//===----------------------------------------------------------------------===//

/// Picks the reading that becomes the hard-sigmoid's input. A product
/// x * gate among `gate`'s users, with x one of the roots, is a hard-swish
/// to be: that root keeps the product recognizable. Otherwise the deepest
/// reading absorbs the most operations.
const AffineReading &chooseReading(ArrayRef<AffineReading> readings,
                                   Value gate) {
  for (Operation *user : gate.getUsers()) {
    if (!isa<MulOp>(user))
      continue;
    Value other =
        user->getOperand(0) == gate ? user->getOperand(1) : user->getOperand(0);
    for (const AffineReading &reading : readings)
      if (reading.root == other)
        return reading;
  }
  return readings.back();
}

/// clip(a * x + b, 0, m) / m  and  clip(a * x + b, 0, m) * (1 / m)
///   -> hardsigmoid(x) {alpha = a / m, beta = b / m}
/// with the divisor (or factor) taken as given, e.g. relu6(x + 3) * 0.1666667
/// gives alpha 0.1666667 and beta 0.5000001.
template <typename OpTy>
struct ScaledRampToHardSigmoid : OpRewritePattern<OpTy> {
  ScaledRampToHardSigmoid(MLIRContext *context, double tolerance)
      : OpRewritePattern<OpTy>(context), tolerance(tolerance) {}

  LogicalResult matchAndRewrite(OpTy op,
                                PatternRewriter &rewriter) const override {
    std::optional<ScaledResult<ClipOp>> scaled = matchScaledResult<ClipOp>(op);
    if (!scaled)
      return rewriter.notifyMatchFailure(op, "not a clip scaled by a constant");
    if (!scalesRampToUnit(scaled->inner, scaled->factor, tolerance))
      return rewriter.notifyMatchFailure(op,
                                         "not a clip(y, 0, m) scaled by 1 / m");
    SmallVector<AffineReading> readings =
        affineReadings(scaled->inner.getInput());
    if (readings.empty())
      return rewriter.notifyMatchFailure(op, "the clip's input is not affine");
    replaceWithHardSigmoid(
        rewriter, op,
        hardParameters(chooseReading(readings, op.getResult()),
                       scaled->factor));
    return success();
  }

  double tolerance;
};

/// clip(a * x + b, 0, 1) -> hardsigmoid(x) {alpha = a, beta = b}
/// (a clip of x itself stays a clip).
struct UnitRampToHardSigmoid : OpRewritePattern<ClipOp> {
  UnitRampToHardSigmoid(MLIRContext *context, double tolerance)
      : OpRewritePattern(context), tolerance(tolerance) {}

  LogicalResult matchAndRewrite(ClipOp op,
                                PatternRewriter &rewriter) const override {
    std::optional<double> bound = rampBound(op);
    if (!bound || !approxEqual(*bound, 1.0, tolerance))
      return rewriter.notifyMatchFailure(op, "not a clip(y, 0, 1)");
    SmallVector<AffineReading> readings = affineReadings(op.getInput());
    if (readings.empty())
      return rewriter.notifyMatchFailure(op, "input is not affine");
    replaceWithHardSigmoid(
        rewriter, op,
        hardParameters(chooseReading(readings, op.getResult()), 1.0));
    return success();
  }

  double tolerance;
};

//===----------------------------------------------------------------------===//
// Hard-swish
//===----------------------------------------------------------------------===//

/// x * hardsigmoid(x)  or  hardsigmoid(x) * x
///   -> hardswish(x) with the hard-sigmoid's alpha and beta.
/// The hard-sigmoid stays when it has other users.
struct ProductWithHardSigmoid : OpRewritePattern<MulOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(MulOp op,
                                PatternRewriter &rewriter) const override {
    for (auto [x, gate] : {std::pair(op.getLhs(), op.getRhs()),
                           std::pair(op.getRhs(), op.getLhs())}) {
      auto hardSigmoid = gate.getDefiningOp<HardSigmoidOp>();
      if (!hardSigmoid || hardSigmoid.getInput() != x ||
          x.getType() != op.getType())
        continue;
      replaceWithHardSwish(rewriter, op,
                           {x, hardSigmoid.getAlpha().convertToFloat(),
                            hardSigmoid.getBeta().convertToFloat()},
                           hardSigmoid);
      return success();
    }
    return rewriter.notifyMatchFailure(op, "not x * hardsigmoid(x)");
  }
};

/// (x * clip(a * x + b, 0, m)) / m  and  (x * clip(a * x + b, 0, m)) * (1 / m)
///   -> hardswish(x) {alpha = a / m, beta = b / m}
/// (operands of the inner product in either order). The form
/// x * (clip(...) / m) becomes x * hardsigmoid(x) first.
template <typename OpTy>
struct ScaledRampProductToHardSwish : OpRewritePattern<OpTy> {
  ScaledRampProductToHardSwish(MLIRContext *context, double tolerance)
      : OpRewritePattern<OpTy>(context), tolerance(tolerance) {}

  LogicalResult matchAndRewrite(OpTy op,
                                PatternRewriter &rewriter) const override {
    std::optional<ScaledResult<MulOp>> scaled = matchScaledResult<MulOp>(op);
    if (!scaled)
      return rewriter.notifyMatchFailure(op,
                                         "not a product scaled by a constant");
    MulOp product = scaled->inner;
    for (auto [x, gate] : {std::pair(product.getLhs(), product.getRhs()),
                           std::pair(product.getRhs(), product.getLhs())}) {
      auto clip = gate.template getDefiningOp<ClipOp>();
      if (!clip || x.getType() != product.getType() ||
          gate.getType() != product.getType())
        continue;
      if (!scalesRampToUnit(clip, scaled->factor, tolerance))
        continue;
      std::optional<AffineReading> reading =
          readingOf(affineReadings(clip.getInput()), x);
      if (!reading)
        continue;
      replaceWithHardSwish(rewriter, op,
                           hardParameters(*reading, scaled->factor));
      return success();
    }
    return rewriter.notifyMatchFailure(
        op, "not x * clip(a * x + b, 0, m) scaled by 1 / m");
  }

  double tolerance;
};

struct RecognizeActivationsPass
    : public mnc::impl::RecognizeActivationsBase<RecognizeActivationsPass> {
  using RecognizeActivationsBase::RecognizeActivationsBase;

  void runOnOperation() override {
    if (!(tolerance >= 0.0)) {
      getOperation().emitError()
          << "recognize-activations: tolerance must be >= 0, got " << tolerance;
      return signalPassFailure();
    }
    MLIRContext *context = &getContext();
    RewritePatternSet patterns(context);
    patterns.add<ScaledRampToHardSigmoid<DivOp>, ScaledRampToHardSigmoid<MulOp>,
                 UnitRampToHardSigmoid, ScaledRampProductToHardSwish<DivOp>,
                 ScaledRampProductToHardSwish<MulOp>>(context, tolerance);
    patterns.add<ProductWithHardSigmoid>(context);
    if (failed(applyPatternsAndFoldGreedily(getOperation(),
                                            std::move(patterns)))) {
      getOperation().emitError(
          "recognize-activations: rewriting did not converge");
      signalPassFailure();
    }
  }
};

} // namespace
