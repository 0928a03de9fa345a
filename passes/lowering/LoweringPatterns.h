//===- LoweringPatterns.h - one pattern per mnc op -------------*- C++ -*-===//
//
// The patterns of convert-mnc-to-linalg: one per mnc op, grouped by kind in
// ConvLowering.cpp, ConvTransposeLowering.cpp, MatmulLowering.cpp,
// ElementwiseLowering.cpp, PoolingLowering.cpp, ReductionLowering.cpp,
// ResizeLowering.cpp and ShapeLowering.cpp (which also rewrites the
// function's return). An mnc op is lowerable exactly when one of these
// patterns matches its name.
//
// The patterns run under the dialect conversion driver without a type
// converter: the adaptor's operands are the lowered (NHWC "storage") values
// of the mnc results they read; function arguments and constants, which
// nothing lowers, reach them as they are, and `LoweringState::storage`
// materializes their storage form where it is first needed (a type
// converter's materializations would go to the start of the block or after
// the constant instead, and the constants of a convolution's filter are
// never needed in storage form at all).
//
//===----------------------------------------------------------------------===//

#ifndef MNC_PASSES_LOWERING_LOWERINGPATTERNS_H
#define MNC_PASSES_LOWERING_LOWERINGPATTERNS_H

#include "passes/kernels/VectorKernels.h"

#include "mlir/Transforms/DialectConversion.h"

#include <optional>
#include <string>

namespace mnc {

/// What the patterns of one run of the pass share: the target's vector
/// blocking, the storage forms of the values entering from outside the mnc
/// ops and the row sums of depthwise kernels. (The decisions that involve
/// several ops are attributes on the ops: plan-kernel-outputs.)
class LoweringState {
public:
  explicit LoweringState(const VectorTarget &target) : target(target) {}

  /// The vector kernels' blocking; `lanes` 0 lowers to linalg named ops.
  const VectorTarget target;

  /// The storage form of `original`, an operand of an mnc op, whose
  /// conversion is `converted` (the adaptor's operand). A lowered result is
  /// already stored; a rank-4 function argument is transposed NCHW -> NHWC
  /// and a rank-4 constant re-laid out at compile time, once each, where
  /// first needed; anything else is used as it is.
  mlir::Value storage(mlir::OpBuilder &b, mlir::Value original,
                      mlir::Value converted);

  /// The row sums ([N, OH, C]) the kernel of a depthwise convolution
  /// marked `mnc.row_sums` returned besides `lowered`, its result; null if
  /// it returned none. The squeeze-and-excite that reads the result takes
  /// its mean from them: a second value from one pattern to another, which
  /// the op's single result cannot carry.
  mlir::Value rowSums(mlir::Value lowered) const {
    return rowSumsOf.lookup(lowered);
  }
  void setRowSums(mlir::Value lowered, mlir::Value sums) {
    rowSumsOf[lowered] = sums;
  }

private:
  llvm::DenseMap<mlir::Value, mlir::Value> materialized;
  llvm::DenseMap<mlir::Value, mlir::Value> rowSumsOf;
};

/// Base of every pattern of the lowering: a conversion pattern that can say
/// in advance why it cannot lower an op, so that the pass reports every
/// unsupported op before it changes anything.
class LoweringPattern : public mlir::ConversionPattern {
public:
  LoweringPattern(llvm::StringRef rootName, mlir::MLIRContext *context,
                  LoweringState &state)
      : mlir::ConversionPattern(rootName, /*benefit=*/1, context),
        state(state) {}

  /// Why `op` (of this pattern's root name) cannot be lowered, or nothing
  /// when it can.
  virtual std::optional<std::string>
  unsupportedReason(mlir::Operation *op) const {
    return std::nullopt;
  }

protected:
  LoweringState &state;
};

/// A pattern that replaces one `OpT` by the storage-layout value `lower`
/// builds before it.
template <typename OpT>
class OpLoweringPattern : public LoweringPattern {
public:
  using OpAdaptor = typename OpT::Adaptor;

  OpLoweringPattern(mlir::MLIRContext *context, LoweringState &state)
      : LoweringPattern(OpT::getOperationName(), context, state) {}

  std::optional<std::string>
  unsupportedReason(mlir::Operation *op) const final {
    return unsupported(mlir::cast<OpT>(op));
  }

  mlir::LogicalResult
  matchAndRewrite(mlir::Operation *op, llvm::ArrayRef<mlir::Value> operands,
                  mlir::ConversionPatternRewriter &rewriter) const final {
    auto typed = mlir::cast<OpT>(op);
    mlir::FailureOr<mlir::Value> result =
        lower(typed, OpAdaptor(operands, typed), rewriter);
    if (mlir::failed(result))
      return mlir::failure();
    rewriter.replaceOp(op, *result);
    return mlir::success();
  }

protected:
  /// Why `op` cannot be lowered (see LoweringPattern::unsupportedReason).
  virtual std::optional<std::string> unsupported(OpT op) const {
    return std::nullopt;
  }

  /// The lowered value of `op`'s result, in storage layout.
  virtual mlir::FailureOr<mlir::Value>
  lower(OpT op, OpAdaptor adaptor,
        mlir::ConversionPatternRewriter &rewriter) const = 0;

  /// The storage form of operand `original` (see LoweringState::storage).
  mlir::Value storage(mlir::OpBuilder &b, mlir::Value original,
                      mlir::Value converted) const {
    return state.storage(b, original, converted);
  }
  const VectorTarget &target() const { return state.target; }
};

/// mnc.conv2d: linalg convolutions or the vector kernels.
void populateConvLoweringPatterns(mlir::RewritePatternSet &patterns,
                                  LoweringState &state);
/// mnc.conv_transpose: a linalg convolution over the spread input.
void populateConvTransposeLoweringPatterns(mlir::RewritePatternSet &patterns,
                                           LoweringState &state);
/// mnc.fully_connected and mnc.squeeze_excite.
void populateMatmulLoweringPatterns(mlir::RewritePatternSet &patterns,
                                    LoweringState &state);
/// Standalone activations, broadcasting binary ops and batch normalization.
void populateElementwiseLoweringPatterns(mlir::RewritePatternSet &patterns,
                                         LoweringState &state);
/// Average and max pooling over windows, global max pooling.
void populatePoolingLoweringPatterns(mlir::RewritePatternSet &patterns,
                                     LoweringState &state);
/// Global average pooling, reduce-mean and softmax.
void populateReductionLoweringPatterns(mlir::RewritePatternSet &patterns,
                                       LoweringState &state);
/// Nearest and bilinear resizing of H and W.
void populateResizeLoweringPatterns(mlir::RewritePatternSet &patterns,
                                    LoweringState &state);
/// mnc.normalize_input: one pass over the input, or none when a convolution
/// reads the argument in place.
void populateInputLoweringPatterns(mlir::RewritePatternSet &patterns,
                                   LoweringState &state);
/// Whether the kernel of `conv` reads its input, a function argument (the
/// model's NCHW float input), in place: with vector kernels, a full
/// convolution (not pointwise, depthwise or grouped) does.
bool readsInputInPlace(Conv2dOp conv, const VectorTarget &target);
/// Whether the kernel of `conv` reads, in place, the function argument under
/// the mnc.normalize_input that is its input and has no other user
/// (converting and normalizing each pixel as it reads it): with vector
/// kernels, a full convolution (not pointwise, depthwise or grouped) does.
bool readsNormalizedInputInPlace(Conv2dOp conv, const VectorTarget &target);
/// Reshape, transpose, concat, pad, and the function's return (rank-4
/// results transposed back to NCHW).
void populateShapeLoweringPatterns(mlir::RewritePatternSet &patterns,
                                   LoweringState &state);

/// Whether the return `op` still reads values that are not in the
/// function's NCHW result layout (the return pattern rewrites it).
bool returnNeedsLowering(mlir::Operation *op);

} // namespace mnc

#endif // MNC_PASSES_LOWERING_LOWERINGPATTERNS_H
