//===- InputLowering.cpp - mnc.normalize_input ----------------------------===//
//
// The graph's input taken as the caller gives it (an NHWC frame, 8-bit
// pixels, normalized per channel) becomes the NHWC f32 tensor the lowered
// graph stores, in one pass over the image: one linalg.generic that reads
// each pixel, converts it, subtracts the mean and scales it. That pass
// replaces the NCHW -> NHWC transpose a float NCHW input gets anyway.
//
// When a convolution's kernel reads the raw input in place instead (the
// only user is a full convolution with vector kernels: the stem), the op
// computes nothing: the kernel converts and offsets each pixel as it reads
// it (readsNormalizedInputInPlace, ConvLowering.cpp).
//
//===----------------------------------------------------------------------===//

#include "passes/lowering/LoweringPatterns.h"
#include "passes/lowering/LoweringUtils.h"
#include "passes/ConstantBuilders.h"

#include "dialects/MncOps.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"

using namespace mlir;
using namespace mnc;

namespace {

struct NormalizeInputLowering : LoweringPattern {
  NormalizeInputLowering(MLIRContext *context, LoweringState &state)
      : LoweringPattern(NormalizeInputOp::getOperationName(), context, state) {
  }

  LogicalResult
  matchAndRewrite(Operation *operation, ArrayRef<Value> operands,
                  ConversionPatternRewriter &rewriter) const override {
    auto op = cast<NormalizeInputOp>(operation);
    // Its only reader reads the argument itself: nothing to compute (the
    // convolution's lowering replaces that reader in the same conversion).
    if (op->hasOneUse())
      if (auto conv = dyn_cast<Conv2dOp>(*op->user_begin()))
        if (conv.getInput() == op.getResult() &&
            readsNormalizedInputInPlace(conv, state.target)) {
          rewriter.eraseOp(op);
          return success();
        }
    rewriter.replaceOp(op, lower(rewriter, op));
    return success();
  }

  /// The NHWC f32 tensor: out[n, h, w, c] = (float(x) - mean[c]) * (1 /
  /// std[c]), x read from the NHWC or NCHW input; no pass at all for an
  /// NHWC float input that keeps its values.
  static Value lower(OpBuilder &b, NormalizeInputOp op) {
    Location loc = op.getLoc();
    Value input = op.getInput();
    auto inputType = cast<RankedTensorType>(input.getType());
    bool isFloat = inputType.getElementType().isF32();
    bool channelsLast = op.getChannelsLast();
    bool subtract = !op.hasZeroMean(), scale = !op.hasUnitStd();
    if (isFloat && channelsLast && !subtract && !scale)
      return input;

    MLIRContext *context = b.getContext();
    SmallVector<int64_t> shape = toStorageShape(
        cast<RankedTensorType>(op.getType()).getShape());
    int64_t channels = shape[3];
    AffineExpr n = getAffineDimExpr(0, context), h = getAffineDimExpr(1, context),
               w = getAffineDimExpr(2, context), c = getAffineDimExpr(3, context);
    SmallVector<Value> operands = {input};
    SmallVector<AffineMap> maps = {AffineMap::get(
        4, 0,
        channelsLast ? ArrayRef<AffineExpr>{n, h, w, c}
                     : ArrayRef<AffineExpr>{n, c, h, w},
        context)};
    AffineMap perChannel = AffineMap::get(4, 0, c, context);
    if (subtract) {
      operands.push_back(denseF32Constant(b, loc, {channels}, op.getMean()));
      maps.push_back(perChannel);
    }
    if (scale) {
      SmallVector<float> reciprocal;
      for (float s : op.getStd())
        reciprocal.push_back(static_cast<float>(1.0 / double(s)));
      operands.push_back(denseF32Constant(b, loc, {channels}, reciprocal));
      maps.push_back(perChannel);
    }
    maps.push_back(AffineMap::getMultiDimIdentityMap(4, context));
    return b
        .create<linalg::GenericOp>(
            loc, tensorType(shape, b.getF32Type()), operands,
            emptyTensor(b, loc, shape), maps, parallelIterators(4),
            [&](OpBuilder &nested, Location nestedLoc, ValueRange args) {
              Value x = args[0];
              if (!isFloat)
                x = nested.create<arith::UIToFPOp>(nestedLoc,
                                                   nested.getF32Type(), x);
              unsigned next = 1;
              if (subtract)
                x = nested.create<arith::SubFOp>(nestedLoc, x, args[next++]);
              if (scale)
                x = nested.create<arith::MulFOp>(nestedLoc, x, args[next++]);
              nested.create<linalg::YieldOp>(nestedLoc, x);
            })
        .getResult(0);
  }
};

} // namespace

void mnc::populateInputLoweringPatterns(RewritePatternSet &patterns,
                                        LoweringState &state) {
  patterns.add<NormalizeInputLowering>(patterns.getContext(), state);
}
