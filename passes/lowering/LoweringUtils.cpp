//===- LoweringUtils.cpp - layout and builders of the mnc lowering --------===//

#include "passes/lowering/LoweringUtils.h"
#include "passes/ConstantBuilders.h"

#include "dialects/ShapeInference.h"

#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Matchers.h"

using namespace mlir;
using namespace mnc;

using utils::IteratorType;

//===----------------------------------------------------------------------===//
// Layout
//===----------------------------------------------------------------------===//

SmallVector<int64_t> mnc::storageToLogical(int64_t rank) {
  if (rank == 4)
    return {0, 2, 3, 1};
  return llvm::to_vector(llvm::seq<int64_t>(0, rank));
}

/// The storage position of logical dimension `logical`.
int64_t mnc::storageIndex(int64_t rank, int64_t logical) {
  SmallVector<int64_t> perm = storageToLogical(rank);
  return llvm::find(perm, logical) - perm.begin();
}

SmallVector<int64_t> mnc::toStorageShape(ArrayRef<int64_t> logicalShape) {
  SmallVector<int64_t> shape;
  for (int64_t dim : storageToLogical(logicalShape.size()))
    shape.push_back(logicalShape[dim]);
  return shape;
}

/// Whether a tensor's storage and logical orders list its elements in the
/// same sequence, which holds when at most one of C and H*W exceeds 1.
bool mnc::storageIsRowMajor(ArrayRef<int64_t> logicalShape) {
  return logicalShape.size() != 4 || logicalShape[1] == 1 ||
         logicalShape[2] * logicalShape[3] == 1;
}

Value mnc::transpose(OpBuilder &b, Location loc, Value input,
                ArrayRef<int64_t> resultShape, ArrayRef<int64_t> perm) {
  Value init = b.create<tensor::EmptyOp>(loc, resultShape, b.getF32Type());
  return b.create<linalg::TransposeOp>(loc, input, init, perm)->getResult(0);
}

std::optional<SmallVector<float>> mnc::constantElements(Value value) {
  DenseElementsAttr attr;
  if (!matchPattern(value, m_Constant(&attr)))
    return std::nullopt;
  return llvm::to_vector(attr.getValues<float>());
}

std::optional<std::string> mnc::unsupportedFilter(Value filter) {
  if (constantElements(filter))
    return std::nullopt;
  return "its filter is computed at run time; only constant filters are "
         "supported";
}

Value mnc::storageConstant(OpBuilder &b, Value original) {
  auto type = cast<RankedTensorType>(original.getType());
  std::optional<SmallVector<float>> data = constantElements(original);
  if (!data || type.getRank() != 4)
    return original;
  ArrayRef<int64_t> s = type.getShape();
  SmallVector<float> packed(data->size());
  for (int64_t n = 0; n < s[0]; ++n)
    for (int64_t c = 0; c < s[1]; ++c)
      for (int64_t h = 0; h < s[2]; ++h)
        for (int64_t w = 0; w < s[3]; ++w)
          packed[((n * s[2] + h) * s[3] + w) * s[1] + c] =
              (*data)[((n * s[1] + c) * s[2] + h) * s[3] + w];
  return denseF32Constant(b, original.getLoc(), toStorageShape(s), packed);
}

//===----------------------------------------------------------------------===//
// Building blocks
//===----------------------------------------------------------------------===//

RankedTensorType mnc::tensorType(ArrayRef<int64_t> shape, Type elementType) {
  return RankedTensorType::get(shape, elementType);
}

Value mnc::emptyTensor(OpBuilder &b, Location loc, ArrayRef<int64_t> shape) {
  return b.create<tensor::EmptyOp>(loc, shape, b.getF32Type());
}

Value mnc::filledTensor(OpBuilder &b, Location loc, ArrayRef<int64_t> shape,
                   float value) {
  return b
      .create<linalg::FillOp>(loc, constantF32(b, loc, value),
                              emptyTensor(b, loc, shape))
      .getResult(0);
}

SmallVector<IteratorType> mnc::parallelIterators(int64_t rank) {
  return SmallVector<IteratorType>(rank, IteratorType::parallel);
}

namespace {
/// Maps the storage loop space of a result with logical shape `resultShape`
/// to an operand with logical shape `operandShape` under NumPy broadcasting
/// (the operand's dimensions align with the result's last ones).
AffineMap broadcastMap(MLIRContext *context, ArrayRef<int64_t> operandShape,
                       ArrayRef<int64_t> resultShape) {
  int64_t rank = resultShape.size(), operandRank = operandShape.size();
  SmallVector<AffineExpr> exprs;
  for (int64_t logical : storageToLogical(operandRank)) {
    int64_t resultLogical = logical + rank - operandRank;
    if (operandShape[logical] == 1 && resultShape[resultLogical] != 1)
      exprs.push_back(getAffineConstantExpr(0, context));
    else
      exprs.push_back(
          getAffineDimExpr(storageIndex(rank, resultLogical), context));
  }
  return AffineMap::get(rank, 0, exprs, context);
}
} // namespace

/// An elementwise linalg.generic over `resultShape` (logical) whose operands
/// broadcast to it; `body` gets the operands' scalars.
Value mnc::elementwise(OpBuilder &b, Location loc, ArrayRef<int64_t> resultShape,
                  ValueRange operands, ArrayRef<ArrayRef<int64_t>> shapes,
                  function_ref<Value(OpBuilder &, Location, ValueRange)> body) {
  MLIRContext *context = b.getContext();
  int64_t rank = resultShape.size();
  SmallVector<AffineMap> maps;
  for (ArrayRef<int64_t> shape : shapes)
    maps.push_back(broadcastMap(context, shape, resultShape));
  maps.push_back(AffineMap::getMultiDimIdentityMap(rank, context));
  SmallVector<int64_t> storage = toStorageShape(resultShape);
  return b
      .create<linalg::GenericOp>(
          loc, tensorType(storage, b.getF32Type()), operands,
          emptyTensor(b, loc, storage), maps, parallelIterators(rank),
          [&](OpBuilder &nested, Location nestedLoc, ValueRange args) {
            nested.create<linalg::YieldOp>(
                nestedLoc, body(nested, nestedLoc, args.drop_back()));
          })
      .getResult(0);
}

/// `init` with `bias` ([C], along the last storage dimension) broadcast into
/// it, or zeros: the accumulator a convolution or matmul starts from.
Value mnc::accumulatorInit(OpBuilder &b, Location loc, ArrayRef<int64_t> storage,
                      Value bias) {
  if (!bias)
    return filledTensor(b, loc, storage, 0.0f);
  int64_t rank = storage.size();
  MLIRContext *context = b.getContext();
  AffineMap biasMap =
      AffineMap::get(rank, 0, getAffineDimExpr(rank - 1, context), context);
  return b
      .create<linalg::GenericOp>(
          loc, tensorType(storage, b.getF32Type()), bias,
          emptyTensor(b, loc, storage),
          ArrayRef<AffineMap>{biasMap,
                              AffineMap::getMultiDimIdentityMap(rank, context)},
          parallelIterators(rank),
          [](OpBuilder &nested, Location nestedLoc, ValueRange args) {
            nested.create<linalg::YieldOp>(nestedLoc, args[0]);
          })
      .getResult(0);
}

/// activation(x) + residual over storage-ordered values of one shape.
Value mnc::epilogue(OpBuilder &b, Location loc, Value x, ActivationAttr activation,
               Value residual) {
  if (ActivationAttr::isIdentity(activation) && !residual)
    return x;
  auto type = cast<RankedTensorType>(x.getType());
  int64_t rank = type.getRank();
  SmallVector<Value> inputs = {x};
  if (residual)
    inputs.push_back(residual);
  SmallVector<AffineMap> maps(
      inputs.size() + 1, AffineMap::getMultiDimIdentityMap(rank, b.getContext()));
  return b
      .create<linalg::GenericOp>(
          loc, type, inputs, emptyTensor(b, loc, type.getShape()), maps,
          parallelIterators(rank),
          [&](OpBuilder &nested, Location nestedLoc, ValueRange args) {
            Value result = emitActivation(nested, nestedLoc, args[0],
                                          activation);
            if (residual)
              result = nested.create<arith::AddFOp>(nestedLoc, result, args[1]);
            nested.create<linalg::YieldOp>(nestedLoc, result);
          })
      .getResult(0);
}

/// Reinterprets `value` (stored for logical shape `from`) as logical shape
/// `to`, in row-major logical order.
Value mnc::reshapeLogical(OpBuilder &b, Location loc, Value value,
                     ArrayRef<int64_t> from, ArrayRef<int64_t> to) {
  Type f32 = b.getF32Type();
  if (!storageIsRowMajor(from)) {
    value = transpose(b, loc, value, from, {0, 3, 1, 2});
  }
  // Through one dimension: collapse everything, expand to the target.
  int64_t count = getNumElements(from);
  if (from.size() != 1) {
    SmallVector<ReassociationIndices> all(1);
    all[0] = llvm::to_vector(llvm::seq<int64_t>(0, from.size()));
    value = b.create<tensor::CollapseShapeOp>(loc, tensorType({count}, f32),
                                              value, all);
  }
  SmallVector<int64_t> target =
      storageIsRowMajor(to) ? toStorageShape(to) : SmallVector<int64_t>(to);
  if (to.size() != 1) {
    SmallVector<ReassociationIndices> all(1);
    all[0] = llvm::to_vector(llvm::seq<int64_t>(0, to.size()));
    value = b.create<tensor::ExpandShapeOp>(loc, tensorType(target, f32),
                                            value, all);
  }
  if (!storageIsRowMajor(to))
    value = transpose(b, loc, value, toStorageShape(to), {0, 2, 3, 1});
  return value;
}

/// Sum over the logical `axes` of the input, then a multiplication by the
/// reciprocal of the count.
Value mnc::meanOver(OpBuilder &b, Location loc, Value input,
               ArrayRef<int64_t> inShape, ArrayRef<int64_t> axes,
               bool keepdims, ArrayRef<int64_t> outShape) {
  MLIRContext *context = b.getContext();
  int64_t rank = inShape.size();
  SmallVector<IteratorType> iterators(rank, IteratorType::parallel);
  int64_t count = 1;
  for (int64_t axis : axes) {
    iterators[storageIndex(rank, axis)] = IteratorType::reduction;
    count *= inShape[axis];
  }
  // Output storage dimension -> logical output dimension -> logical input
  // dimension -> loop dimension (or 0 where a kept dimension was reduced).
  SmallVector<int64_t> outLogicalToIn;
  for (int64_t i = 0; i < rank; ++i)
    if (keepdims || !llvm::is_contained(axes, i))
      outLogicalToIn.push_back(i);
  SmallVector<AffineExpr> outExprs;
  for (int64_t logical : storageToLogical(outShape.size())) {
    int64_t inLogical = outLogicalToIn[logical];
    if (llvm::is_contained(axes, inLogical))
      outExprs.push_back(getAffineConstantExpr(0, context));
    else
      outExprs.push_back(
          getAffineDimExpr(storageIndex(rank, inLogical), context));
  }
  SmallVector<int64_t> storage = toStorageShape(outShape);
  Value sum = b.create<linalg::GenericOp>(
                   loc, tensorType(storage, b.getF32Type()), input,
                   filledTensor(b, loc, storage, 0.0f),
                   ArrayRef<AffineMap>{
                       AffineMap::getMultiDimIdentityMap(rank, context),
                       AffineMap::get(rank, 0, outExprs, context)},
                   iterators,
                   [](OpBuilder &nested, Location nestedLoc, ValueRange args) {
                     nested.create<linalg::YieldOp>(
                         nestedLoc, nested
                                        .create<arith::AddFOp>(
                                            nestedLoc, args[0], args[1])
                                        .getResult());
                   })
                  .getResult(0);
  float scale = 1.0f / static_cast<float>(count);
  return elementwise(b, loc, outShape, sum, {outShape},
                     [&](OpBuilder &nb, Location l, ValueRange args) -> Value {
                       return nb.create<arith::MulFOp>(
                           l, args[0], constantF32(nb, l, scale));
                     });
}

/// activation([M, K] x [N, K]^T + bias ([N])): `weight` is the op's [N, K]
/// operand, packed to [K, N] at compile time when it is constant (then a
/// vector kernel when the target has one), otherwise read transposed through
/// `storageWeight`, its lowered value.
Value mnc::matmulTransposedWeight(OpBuilder &b, Location loc, Value input,
                             Value weight, Value storageWeight, Value bias,
                             ActivationAttr activation, ArrayRef<int64_t> out,
                             const VectorTarget &target) {
  auto type = tensorType(out, b.getF32Type());
  if (std::optional<SmallVector<float>> data = constantElements(weight)) {
    ArrayRef<int64_t> ws = shapeOf(weight);
    int64_t n = ws[0], k = ws[1];
    SmallVector<float> packed(data->size());
    for (int64_t i = 0; i < n; ++i)
      for (int64_t j = 0; j < k; ++j)
        packed[j * n + i] = (*data)[i * k + j];
    if (target.lanes)
      return emitMatmulKernel(b, loc, input, packed, n, bias, activation,
                              target);
    Value init = accumulatorInit(b, loc, out, bias);
    Value weights = denseF32Constant(b, loc, {k, n}, packed);
    Value product = b.create<linalg::MatmulOp>(
                         loc, type, ValueRange{input, weights}, init)
                        .getResult(0);
    return epilogue(b, loc, product, activation, Value());
  }
  Value product = b.create<linalg::MatmulTransposeBOp>(
                       loc, type, ValueRange{input, storageWeight},
                       accumulatorInit(b, loc, out, bias))
                      .getResult(0);
  return epilogue(b, loc, product, activation, Value());
}
