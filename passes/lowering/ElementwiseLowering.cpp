//===- ElementwiseLowering.cpp - activations, binary ops, batch norm ------===//
//
// Elementwise linalg.generic ops over the storage layout; operands of other
// shapes broadcast NumPy-style (on their logical dimensions).
//
//===----------------------------------------------------------------------===//

#include "passes/lowering/LoweringPatterns.h"
#include "passes/lowering/LoweringUtils.h"
#include "passes/ConstantBuilders.h"

#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

using namespace mlir;
using namespace mnc;

namespace {

/// A standalone activation: the epilogue a convolution would fuse.
template <typename OpT>
struct ActivationLowering : OpLoweringPattern<OpT> {
  using OpLoweringPattern<OpT>::OpLoweringPattern;
  using OpAdaptor = typename OpLoweringPattern<OpT>::OpAdaptor;

  FailureOr<Value> lower(OpT op, OpAdaptor adaptor,
                         ConversionPatternRewriter &rewriter) const override {
    ActivationAttr activation =
        cast<ActivationOpInterface>(op.getOperation()).getActivation();
    return epilogue(
        rewriter, op.getLoc(),
        this->storage(rewriter, op.getInput(), adaptor.getInput()), activation,
        Value());
  }
};

/// lhs `ArithOpT` rhs, broadcasting.
template <typename OpT, typename ArithOpT>
struct BinaryLowering : OpLoweringPattern<OpT> {
  using OpLoweringPattern<OpT>::OpLoweringPattern;
  using OpAdaptor = typename OpLoweringPattern<OpT>::OpAdaptor;

  FailureOr<Value> lower(OpT op, OpAdaptor adaptor,
                         ConversionPatternRewriter &rewriter) const override {
    return elementwise(
        rewriter, op.getLoc(), shapeOf(op.getOutput()),
        ValueRange{this->storage(rewriter, op.getLhs(), adaptor.getLhs()),
                   this->storage(rewriter, op.getRhs(), adaptor.getRhs())},
        {shapeOf(op.getLhs()), shapeOf(op.getRhs())},
        [](OpBuilder &b, Location loc, ValueRange args) -> Value {
          return b.create<ArithOpT>(loc, args[0], args[1]);
        });
  }
};

/// (x - mean) / sqrt(variance + epsilon) * scale + bias along logical axis 1.
struct BatchNormLowering : OpLoweringPattern<BatchNormOp> {
  using OpLoweringPattern::OpLoweringPattern;

  FailureOr<Value> lower(BatchNormOp op, OpAdaptor adaptor,
                         ConversionPatternRewriter &rewriter) const override {
    ArrayRef<int64_t> shape = shapeOf(op.getInput());
    // A [C] parameter broadcast along axis 1 has logical shape [C, 1, ...].
    SmallVector<int64_t> paramShape(shape.size() - 1, 1);
    paramShape[0] = shape[1];
    float epsilon = op.getEpsilon().convertToFloat();
    Location loc = op.getLoc();
    SmallVector<Value> params;
    for (Value param :
         {storage(rewriter, op.getScale(), adaptor.getScale()),
          storage(rewriter, op.getBias(), adaptor.getBias()),
          storage(rewriter, op.getMean(), adaptor.getMean()),
          storage(rewriter, op.getVariance(), adaptor.getVariance())}) {
      SmallVector<ReassociationIndices> group(1);
      group[0] = llvm::to_vector(llvm::seq<int64_t>(0, paramShape.size()));
      params.push_back(
          paramShape.size() == 1
              ? param
              : rewriter.create<tensor::ExpandShapeOp>(
                    loc, tensorType(paramShape, rewriter.getF32Type()), param,
                    group));
    }
    SmallVector<ArrayRef<int64_t>> shapes = {shape, paramShape, paramShape,
                                             paramShape, paramShape};
    return elementwise(
        rewriter, loc, shape,
        ValueRange{storage(rewriter, op.getInput(), adaptor.getInput()),
                   params[0], params[1], params[2], params[3]},
        shapes, [&](OpBuilder &b, Location l, ValueRange args) -> Value {
          Value centered = b.create<arith::SubFOp>(l, args[0], args[3]);
          Value deviation = b.create<math::SqrtOp>(
              l, b.create<arith::AddFOp>(l, args[4],
                                         constantF32(b, l, epsilon)));
          Value normalized = b.create<arith::DivFOp>(l, centered, deviation);
          return b.create<arith::AddFOp>(
              l, b.create<arith::MulFOp>(l, normalized, args[1]), args[2]);
        });
  }
};

} // namespace

void mnc::populateElementwiseLoweringPatterns(RewritePatternSet &patterns,
                                              LoweringState &state) {
  MLIRContext *context = patterns.getContext();
  patterns.add<ActivationLowering<ReluOp>, ActivationLowering<ClipOp>,
               ActivationLowering<HardSigmoidOp>,
               ActivationLowering<HardSwishOp>, ActivationLowering<SigmoidOp>,
               ActivationLowering<LeakyReluOp>>(
      context, state);
  patterns.add<BinaryLowering<AddOp, arith::AddFOp>,
               BinaryLowering<SubOp, arith::SubFOp>,
               BinaryLowering<MulOp, arith::MulFOp>,
               BinaryLowering<DivOp, arith::DivFOp>, BatchNormLowering>(
      context, state);
}
