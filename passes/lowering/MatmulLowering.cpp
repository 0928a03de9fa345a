//===- MatmulLowering.cpp - matrix products and squeeze-and-excite --------===//
//
// Fully connected layers and squeeze-and-excite are matmuls with an [N, K]
// weight (ONNX's Gemm with transB): packed to [K, N] at compile time when
// constant, then a vector kernel or linalg.matmul. A batched product of two
// computed tensors is linalg.batch_matmul.
//
//===----------------------------------------------------------------------===//

#include "passes/lowering/LoweringPatterns.h"
#include "passes/lowering/LoweringUtils.h"

#include "mlir/Dialect/Tensor/IR/Tensor.h"

using namespace mlir;
using namespace mnc;

namespace {

/// [B..., M, K] x [B..., K, N]: linalg.batch_matmul over the batch
/// dimensions collapsed into one (row-major logical order, so a rank-4
/// operand stored NHWC is transposed back first).
struct BatchMatmulLowering : OpLoweringPattern<BatchMatmulOp> {
  using OpLoweringPattern::OpLoweringPattern;

  FailureOr<Value> lower(BatchMatmulOp op, OpAdaptor adaptor,
                         ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    ArrayRef<int64_t> lhsShape = shapeOf(op.getLhs()),
                      rhsShape = shapeOf(op.getRhs()),
                      outShape = shapeOf(op.getOutput());
    int64_t rank = lhsShape.size();
    int64_t batch = getNumElements(lhsShape.drop_back(2));
    int64_t m = lhsShape[rank - 2], k = lhsShape[rank - 1],
            n = rhsShape[rank - 1];
    auto asBatched = [&](Value value, ArrayRef<int64_t> shape,
                         ArrayRef<int64_t> batched) {
      return rank == 3 ? value
                       : reshapeLogical(rewriter, loc, value, shape, batched);
    };
    Value lhs = asBatched(storage(rewriter, op.getLhs(), adaptor.getLhs()),
                          lhsShape, {batch, m, k});
    Value rhs = asBatched(storage(rewriter, op.getRhs(), adaptor.getRhs()),
                          rhsShape, {batch, k, n});
    Value product =
        rewriter
            .create<linalg::BatchMatmulOp>(
                loc, tensorType({batch, m, n}, rewriter.getF32Type()),
                ValueRange{lhs, rhs},
                accumulatorInit(rewriter, loc, {batch, m, n}, Value()))
            .getResult(0);
    return rank == 3 ? product
                     : reshapeLogical(rewriter, loc, product, {batch, m, n},
                                      outShape);
  }
};

/// [M, K] x [N, K]^T + bias, then the fused activation.
struct FullyConnectedLowering : OpLoweringPattern<FullyConnectedOp> {
  using OpLoweringPattern::OpLoweringPattern;

  FailureOr<Value> lower(FullyConnectedOp op, OpAdaptor adaptor,
                         ConversionPatternRewriter &rewriter) const override {
    return matmulTransposedWeight(
        rewriter, op.getLoc(),
        storage(rewriter, op.getInput(), adaptor.getInput()), op.getWeight(),
        storage(rewriter, op.getWeight(), adaptor.getWeight()),
        op.getBias() ? storage(rewriter, op.getBias(), adaptor.getBias())
                     : Value(),
        op.getActivationAttr(), shapeOf(op.getOutput()), target());
  }
};

/// Squeeze-and-excite: the mean over H and W ([N, C]), two matmuls with
/// their biases and activations ([N, R], then the [N, C] gate), then x times
/// the gate broadcast over H and W, one elementwise pass over x.
struct SqueezeExciteLowering : OpLoweringPattern<SqueezeExciteOp> {
  using OpLoweringPattern::OpLoweringPattern;

  FailureOr<Value> lower(SqueezeExciteOp op, OpAdaptor adaptor,
                         ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    ArrayRef<int64_t> in = shapeOf(op.getInput());
    int64_t n = in[0], channels = in[1];
    int64_t reduced = shapeOf(op.getReduceWeight())[0];
    Value input = storage(rewriter, op.getInput(), adaptor.getInput());
    Value squeezed = squeeze(rewriter, op, input);
    Value hidden = matmulTransposedWeight(
        rewriter, loc, squeezed, op.getReduceWeight(),
        storage(rewriter, op.getReduceWeight(), adaptor.getReduceWeight()),
        storage(rewriter, op.getReduceBias(), adaptor.getReduceBias()),
        op.getReduceActivation(), {n, reduced}, target());
    Value gate = matmulTransposedWeight(
        rewriter, loc, hidden, op.getExpandWeight(),
        storage(rewriter, op.getExpandWeight(), adaptor.getExpandWeight()),
        storage(rewriter, op.getExpandBias(), adaptor.getExpandBias()),
        op.getExpandActivation(), {n, channels}, target());
    if (target().lanes)
      return emitChannelScale(rewriter, loc, input, gate, target());
    return excite(rewriter, loc, input, gate, in);
  }

private:
  /// The mean of `input` (the op's input in storage layout) over H and W,
  /// as [N, C]: from the row sums its depthwise producer returned, if any.
  Value squeeze(OpBuilder &b, SqueezeExciteOp op, Value input) const {
    Location loc = op.getLoc();
    ArrayRef<int64_t> in = shapeOf(op.getInput());
    int64_t n = in[0], channels = in[1];
    if (Value rowSums = state.rowSums(input)) {
      // The mean of the H row sums, viewed as [N, H, 1, C].
      int64_t height = in[2];
      Value sums = b.create<tensor::ExpandShapeOp>(
          loc, tensorType({n, height, 1, channels}, b.getF32Type()), rowSums,
          SmallVector<ReassociationIndices>{{0}, {1}, {2, 3}});
      return emitChannelMean(b, loc, sums, target(), height * in[3]);
    }
    return target().lanes ? emitChannelMean(b, loc, input, target())
                          : meanOver(b, loc, input, in, {2, 3},
                                     /*keepdims=*/false, {n, channels});
  }

  /// x[n, h, w, c] * gate[n, c] as a linalg.generic over the storage loops
  /// (n, h, w, c).
  static Value excite(OpBuilder &b, Location loc, Value input, Value gate,
                      ArrayRef<int64_t> in) {
    MLIRContext *context = b.getContext();
    SmallVector<int64_t> storage = toStorageShape(in);
    AffineMap identity = AffineMap::getMultiDimIdentityMap(4, context);
    AffineMap perChannel = AffineMap::get(
        4, 0, {getAffineDimExpr(0, context), getAffineDimExpr(3, context)},
        context);
    return b
        .create<linalg::GenericOp>(
            loc, tensorType(storage, b.getF32Type()), ValueRange{input, gate},
            emptyTensor(b, loc, storage),
            ArrayRef<AffineMap>{identity, perChannel, identity},
            parallelIterators(4),
            [](OpBuilder &nb, Location l, ValueRange args) {
              nb.create<linalg::YieldOp>(
                  l, nb.create<arith::MulFOp>(l, args[0], args[1]).getResult());
            })
        .getResult(0);
  }
};

} // namespace

void mnc::populateMatmulLoweringPatterns(RewritePatternSet &patterns,
                                         LoweringState &state) {
  patterns.add<BatchMatmulLowering, FullyConnectedLowering,
               SqueezeExciteLowering>(patterns.getContext(), state);
}
