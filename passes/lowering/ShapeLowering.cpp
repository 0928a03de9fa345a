//===- ShapeLowering.cpp - reshape, transpose, concat, pad, return --------===//
//
// Ops that move data without arithmetic, in the storage layout, and the
// function's return, where rank-4 results go back to ONNX's NCHW.
//
//===----------------------------------------------------------------------===//

#include "passes/lowering/LoweringPatterns.h"
#include "passes/lowering/LoweringUtils.h"
#include "passes/ConstantBuilders.h"

#include "dialects/MncDialect.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

using namespace mlir;
using namespace mnc;

namespace {

struct ReshapeLowering : OpLoweringPattern<ReshapeOp> {
  using OpLoweringPattern::OpLoweringPattern;

  FailureOr<Value> lower(ReshapeOp op, OpAdaptor adaptor,
                         ConversionPatternRewriter &rewriter) const override {
    return reshapeLogical(rewriter, op.getLoc(),
                          storage(rewriter, op.getInput(), adaptor.getInput()),
                          shapeOf(op.getInput()),
                          shapeOf(op.getOutput()));
  }
};

/// The logical permutation, expressed on the storage orders of input and
/// result.
struct TransposeLowering : OpLoweringPattern<TransposeOp> {
  using OpLoweringPattern::OpLoweringPattern;

  FailureOr<Value> lower(TransposeOp op, OpAdaptor adaptor,
                         ConversionPatternRewriter &rewriter) const override {
    int64_t rank = op.getPerm().size();
    SmallVector<int64_t> inPerm = storageToLogical(rank);
    SmallVector<int64_t> storagePerm;
    for (int64_t logical : storageToLogical(rank))
      storagePerm.push_back(
          llvm::find(inPerm, op.getPerm()[logical]) - inPerm.begin());
    Value input = storage(rewriter, op.getInput(), adaptor.getInput());
    // Nothing moves. (An identity linalg.transpose on buffers would also be
    // erased by its canonicalization, leaving the result unwritten.)
    if (llvm::equal(storagePerm, llvm::seq<int64_t>(0, rank)))
      return input;
    SmallVector<int64_t> shape = toStorageShape(shapeOf(op.getOutput()));
    Value init = emptyTensor(rewriter, op.getLoc(), shape);
    return rewriter
        .create<linalg::TransposeOp>(op.getLoc(), input, init, storagePerm)
        ->getResult(0);
  }
};

/// Each input inserted at its offset along the storage axis.
struct ConcatLowering : OpLoweringPattern<ConcatOp> {
  using OpLoweringPattern::OpLoweringPattern;

  FailureOr<Value> lower(ConcatOp op, OpAdaptor adaptor,
                         ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    ArrayRef<int64_t> out = shapeOf(op.getOutput());
    int64_t rank = out.size();
    int64_t axis = storageIndex(rank, op.getAxis());
    Value result = emptyTensor(rewriter, loc, toStorageShape(out));
    int64_t offset = 0;
    for (auto [original, converted] :
         llvm::zip_equal(op.getInputs(), adaptor.getInputs())) {
      Value input = storage(rewriter, original, converted);
      ArrayRef<int64_t> shape =
          cast<RankedTensorType>(input.getType()).getShape();
      SmallVector<OpFoldResult> offsets(rank, rewriter.getIndexAttr(0));
      offsets[axis] = rewriter.getIndexAttr(offset);
      SmallVector<OpFoldResult> sizes, strides(rank, rewriter.getIndexAttr(1));
      for (int64_t dim : shape)
        sizes.push_back(rewriter.getIndexAttr(dim));
      result = rewriter.create<tensor::InsertSliceOp>(loc, input, result,
                                                      offsets, sizes, strides);
      offset += shape[axis];
    }
    return result;
  }
};

struct PadLowering : OpLoweringPattern<PadOp> {
  using OpLoweringPattern::OpLoweringPattern;

  FailureOr<Value> lower(PadOp op, OpAdaptor adaptor,
                         ConversionPatternRewriter &rewriter) const override {
    int64_t rank = shapeOf(op.getInput()).size();
    SmallVector<OpFoldResult> low, high;
    for (int64_t logical : storageToLogical(rank)) {
      low.push_back(rewriter.getIndexAttr(op.getPads()[logical]));
      high.push_back(rewriter.getIndexAttr(op.getPads()[logical + rank]));
    }
    auto type = tensorType(toStorageShape(shapeOf(op.getOutput())),
                           rewriter.getF32Type());
    Value input = storage(rewriter, op.getInput(), adaptor.getInput());
    Value padding =
        constantF32(rewriter, op.getLoc(), op.getValue().convertToFloat());
    return rewriter
        .create<tensor::PadOp>(op.getLoc(), type, input, low, high, padding)
        .getResult();
  }
};

/// The function keeps ONNX's signature: its rank-4 results are transposed
/// back to NCHW before the return (also a rank-4 argument returned as it is,
/// which goes to NHWC and back like any other value).
struct ReturnLowering : LoweringPattern {
  ReturnLowering(MLIRContext *context, LoweringState &state)
      : LoweringPattern(func::ReturnOp::getOperationName(), context, state) {}

  LogicalResult
  matchAndRewrite(Operation *op, ArrayRef<Value> operands,
                  ConversionPatternRewriter &rewriter) const override {
    SmallVector<Value> results;
    for (auto [original, converted] : llvm::zip_equal(op->getOperands(), operands)) {
      Value result = state.storage(rewriter, original, converted);
      auto type = cast<RankedTensorType>(original.getType());
      if (type.getRank() == 4)
        result = transpose(rewriter, op->getLoc(), result, type.getShape(),
                           {0, 3, 1, 2});
      results.push_back(result);
    }
    rewriter.modifyOpInPlace(op, [&] { op->setOperands(results); });
    return success();
  }
};

} // namespace

// Before the lowering a return reads mnc results, arguments and constants;
// after it, every rank-4 operand is the transpose back to NCHW (the input IR
// has no linalg ops), and the others are as they were.
bool mnc::returnNeedsLowering(Operation *op) {
  return llvm::any_of(op->getOperands(), [](Value value) {
    Operation *producer = value.getDefiningOp();
    if (producer && isa<MncDialect>(producer->getDialect()))
      return true;
    return cast<RankedTensorType>(value.getType()).getRank() == 4 &&
           !isa_and_nonnull<linalg::TransposeOp>(producer);
  });
}

void mnc::populateShapeLoweringPatterns(RewritePatternSet &patterns,
                                        LoweringState &state) {
  patterns.add<ReshapeLowering, TransposeLowering, ConcatLowering, PadLowering,
               ReturnLowering>(patterns.getContext(), state);
}
