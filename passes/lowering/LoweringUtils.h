//===- LoweringUtils.h - layout and builders of the mnc lowering -*- C++ -*-===//
//
// What the patterns of convert-mnc-to-linalg share: the storage layout (every
// rank-4 tensor NHWC, every other rank as is) and the linalg building blocks
// several ops lower to (broadcasting elementwise generics, the bias
// accumulator, the activation and residual epilogue, reshapes, means and the
// matmul with a transposed weight).
//
// mnc ops keep ONNX's NCHW meaning ("logical" shapes and dimensions); their
// lowered forms work on the NHWC "storage" order.
//
//===----------------------------------------------------------------------===//

#ifndef MNC_PASSES_LOWERING_LOWERINGUTILS_H
#define MNC_PASSES_LOWERING_LOWERINGUTILS_H

#include "dialects/ShapeInference.h"
#include "passes/kernels/VectorKernels.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Utils/StructuredOpsUtils.h"

#include <optional>
#include <string>

namespace mnc {

//===----------------------------------------------------------------------===//
// Layout
//===----------------------------------------------------------------------===//

/// For each storage dimension, the logical (ONNX) dimension it holds: rank-4
/// tensors are stored NHWC, every other rank as is.
llvm::SmallVector<int64_t> storageToLogical(int64_t rank);

/// The storage position of logical dimension `logical`.
int64_t storageIndex(int64_t rank, int64_t logical);

/// The storage shape of a tensor of logical shape `logicalShape`.
llvm::SmallVector<int64_t> toStorageShape(llvm::ArrayRef<int64_t> logicalShape);

/// Whether a tensor's storage and logical orders list its elements in the
/// same sequence, which holds when at most one of C and H*W exceeds 1.
bool storageIsRowMajor(llvm::ArrayRef<int64_t> logicalShape);

mlir::Value transpose(mlir::OpBuilder &b, mlir::Location loc,
                      mlir::Value input, llvm::ArrayRef<int64_t> resultShape,
                      llvm::ArrayRef<int64_t> perm);

/// The elements of a constant tensor, or nothing when `value` is computed.
std::optional<llvm::SmallVector<float>> constantElements(mlir::Value value);

/// Why a convolution whose filter is `filter` cannot be lowered (the kernels
/// pack constant filters at compile time), or nothing when it is constant.
std::optional<std::string> unsupportedFilter(mlir::Value filter);

/// A rank-4 constant re-laid out NCHW -> NHWC at compile time; other
/// constants and computed values are returned as they are.
mlir::Value storageConstant(mlir::OpBuilder &b, mlir::Value original);

//===----------------------------------------------------------------------===//
// Building blocks
//===----------------------------------------------------------------------===//

mlir::RankedTensorType tensorType(llvm::ArrayRef<int64_t> shape,
                                  mlir::Type elementType);
mlir::Value emptyTensor(mlir::OpBuilder &b, mlir::Location loc,
                        llvm::ArrayRef<int64_t> shape);
mlir::Value filledTensor(mlir::OpBuilder &b, mlir::Location loc,
                         llvm::ArrayRef<int64_t> shape, float value);
llvm::SmallVector<mlir::utils::IteratorType> parallelIterators(int64_t rank);

/// An elementwise linalg.generic over `resultShape` (logical) whose operands
/// broadcast to it (NumPy rules, on logical `shapes`); `body` gets the
/// operands' scalars.
mlir::Value elementwise(
    mlir::OpBuilder &b, mlir::Location loc, llvm::ArrayRef<int64_t> resultShape,
    mlir::ValueRange operands, llvm::ArrayRef<llvm::ArrayRef<int64_t>> shapes,
    llvm::function_ref<mlir::Value(mlir::OpBuilder &, mlir::Location,
                                   mlir::ValueRange)>
        body);

/// `bias` ([C], along the last storage dimension) broadcast into a tensor of
/// `storage` shape, or zeros: the accumulator a convolution or matmul starts
/// from.
mlir::Value accumulatorInit(mlir::OpBuilder &b, mlir::Location loc,
                            llvm::ArrayRef<int64_t> storage, mlir::Value bias);

/// activation(x) + residual over storage-ordered values of one shape; `x`
/// itself when there is neither.
mlir::Value epilogue(mlir::OpBuilder &b, mlir::Location loc, mlir::Value x,
                     ActivationAttr activation, mlir::Value residual);

/// Reinterprets `value` (stored for logical shape `from`) as logical shape
/// `to`, in row-major logical order.
mlir::Value reshapeLogical(mlir::OpBuilder &b, mlir::Location loc,
                           mlir::Value value, llvm::ArrayRef<int64_t> from,
                           llvm::ArrayRef<int64_t> to);

/// Sum over the logical `axes` of the input, then a multiplication by the
/// reciprocal of the count.
mlir::Value meanOver(mlir::OpBuilder &b, mlir::Location loc, mlir::Value input,
                     llvm::ArrayRef<int64_t> inShape,
                     llvm::ArrayRef<int64_t> axes, bool keepdims,
                     llvm::ArrayRef<int64_t> outShape);

/// activation([M, K] x [N, K]^T + bias ([N])): `weight` is the op's [N, K]
/// operand, packed to [K, N] at compile time when it is constant (then a
/// vector kernel when the target has one), otherwise read transposed through
/// `storageWeight`, its lowered value.
mlir::Value matmulTransposedWeight(mlir::OpBuilder &b, mlir::Location loc,
                                   mlir::Value input, mlir::Value weight,
                                   mlir::Value storageWeight, mlir::Value bias,
                                   ActivationAttr activation,
                                   llvm::ArrayRef<int64_t> out,
                                   const VectorTarget &target);

} // namespace mnc

#endif // MNC_PASSES_LOWERING_LOWERINGUTILS_H
