//===- ConstantBuilders.h - f32 constants for the lowering ------*- C++ -*-===//
//
// The one family of f32 constant builders the lowering patterns and the
// vector kernels share (they had one each, spelled differently).
//
//===----------------------------------------------------------------------===//

#ifndef MNC_PASSES_CONSTANTBUILDERS_H
#define MNC_PASSES_CONSTANTBUILDERS_H

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinTypes.h"

namespace mnc {

/// `value` as an f32 scalar constant, or splat into a constant vector when
/// `type` is a vector type.
inline mlir::Value constantF32(mlir::OpBuilder &b, mlir::Location loc,
                               mlir::Type type, float value) {
  if (auto vector = mlir::dyn_cast<mlir::VectorType>(type))
    return b.create<mlir::arith::ConstantOp>(
        loc, mlir::DenseElementsAttr::get(vector, llvm::ArrayRef<float>{value}));
  return b.create<mlir::arith::ConstantOp>(loc, b.getF32FloatAttr(value));
}

/// `value` as an f32 scalar constant.
inline mlir::Value constantF32(mlir::OpBuilder &b, mlir::Location loc,
                               float value) {
  return constantF32(b, loc, b.getF32Type(), value);
}

/// An f32 tensor constant of `shape` holding `data` (row-major).
inline mlir::Value denseF32Constant(mlir::OpBuilder &b, mlir::Location loc,
                                   llvm::ArrayRef<int64_t> shape,
                                   llvm::ArrayRef<float> data) {
  auto type = mlir::RankedTensorType::get(shape, b.getF32Type());
  return b.create<mlir::arith::ConstantOp>(
      loc, mlir::DenseElementsAttr::get(type, data));
}

} // namespace mnc

#endif // MNC_PASSES_CONSTANTBUILDERS_H
