//===- ReductionLowering.cpp - means and softmax --------------------------===//
//
// Reductions over logical axes, as linalg.generic ops over the storage
// layout with the reduced axes as reduction iterators.
//
//===----------------------------------------------------------------------===//

#include "passes/lowering/LoweringPatterns.h"
#include "passes/lowering/LoweringUtils.h"
#include "passes/ConstantBuilders.h"

#include "mlir/Dialect/Math/IR/Math.h"

#include <cmath>

using namespace mlir;
using namespace mnc;

namespace {

using utils::IteratorType;

/// The mean over H and W, keeping them as 1s.
struct GlobalAvgPoolLowering : OpLoweringPattern<GlobalAvgPoolOp> {
  using OpLoweringPattern::OpLoweringPattern;

  FailureOr<Value> lower(GlobalAvgPoolOp op, OpAdaptor adaptor,
                         ConversionPatternRewriter &rewriter) const override {
    return meanOver(rewriter, op.getLoc(),
                    storage(rewriter, op.getInput(), adaptor.getInput()),
                    shapeOf(op.getInput()), {2, 3},
                    /*keepdims=*/true, shapeOf(op.getOutput()));
  }
};

struct ReduceMeanLowering : OpLoweringPattern<ReduceMeanOp> {
  using OpLoweringPattern::OpLoweringPattern;

  FailureOr<Value> lower(ReduceMeanOp op, OpAdaptor adaptor,
                         ConversionPatternRewriter &rewriter) const override {
    return meanOver(rewriter, op.getLoc(),
                    storage(rewriter, op.getInput(), adaptor.getInput()),
                    shapeOf(op.getInput()), op.getAxes(),
                    op.getKeepdims(), shapeOf(op.getOutput()));
  }
};

/// exp(x - max) / sum(exp(x - max)) along one axis.
struct SoftmaxLowering : OpLoweringPattern<SoftmaxOp> {
  using OpLoweringPattern::OpLoweringPattern;

  FailureOr<Value> lower(SoftmaxOp op, OpAdaptor adaptor,
                         ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    MLIRContext *context = rewriter.getContext();
    ArrayRef<int64_t> shape = shapeOf(op.getInput());
    int64_t rank = shape.size();
    int64_t axis = storageIndex(rank, op.getAxis());
    SmallVector<int64_t> storageShape = toStorageShape(shape);
    SmallVector<int64_t> reduced = storageShape;
    reduced[axis] = 1;
    AffineMap identity = AffineMap::getMultiDimIdentityMap(rank, context);
    SmallVector<AffineExpr> exprs;
    for (int64_t i = 0; i < rank; ++i)
      exprs.push_back(i == axis ? getAffineConstantExpr(0, context)
                                : getAffineDimExpr(i, context));
    AffineMap reducedMap = AffineMap::get(rank, 0, exprs, context);
    SmallVector<IteratorType> reduction = parallelIterators(rank);
    reduction[axis] = IteratorType::reduction;
    auto reduce = [&](Value input, Value init, auto combine) {
      return rewriter
          .create<linalg::GenericOp>(
              loc, init.getType(), input, init,
              ArrayRef<AffineMap>{identity, reducedMap}, reduction,
              [&](OpBuilder &b, Location l, ValueRange args) {
                b.create<linalg::YieldOp>(l, combine(b, l, args[0], args[1]));
              })
          .getResult(0);
    };
    auto map2 = [&](Value a, Value b2, auto fn) {
      auto type = tensorType(storageShape, rewriter.getF32Type());
      return rewriter
          .create<linalg::GenericOp>(
              loc, type, ValueRange{a, b2}, emptyTensor(rewriter, loc, storageShape),
              ArrayRef<AffineMap>{identity, reducedMap, identity},
              parallelIterators(rank),
              [&](OpBuilder &b, Location l, ValueRange args) {
                b.create<linalg::YieldOp>(l, fn(b, l, args[0], args[1]));
              })
          .getResult(0);
    };
    Value input = storage(rewriter, op.getInput(), adaptor.getInput());
    Value maximum = reduce(
        input, filledTensor(rewriter, loc, reduced, -INFINITY),
        [](OpBuilder &b, Location l, Value x, Value acc) -> Value {
          return b.create<arith::MaximumFOp>(l, x, acc);
        });
    Value exps = map2(input, maximum,
                      [](OpBuilder &b, Location l, Value x, Value m) -> Value {
                        return b.create<math::ExpOp>(
                            l, b.create<arith::SubFOp>(l, x, m));
                      });
    Value sum = reduce(exps, filledTensor(rewriter, loc, reduced, 0.0f),
                       [](OpBuilder &b, Location l, Value x, Value acc) -> Value {
                         return b.create<arith::AddFOp>(l, x, acc);
                       });
    return map2(exps, sum,
                 [](OpBuilder &b, Location l, Value e, Value s) -> Value {
                   return b.create<arith::DivFOp>(l, e, s);
                 });
  }
};

} // namespace

void mnc::populateReductionLoweringPatterns(RewritePatternSet &patterns,
                                            LoweringState &state) {
  patterns.add<GlobalAvgPoolLowering, ReduceMeanLowering, SoftmaxLowering>(
      patterns.getContext(), state);
}
