//===- ConstTensor.h - tensors the ONNX importer knows at compile time ----===//
//
// The importer's representation of initializers, Constant nodes and folded
// shape computations, plus the index walks the constant folders share. Free
// of ONNX headers: handlers and folders see only this.
//
//===----------------------------------------------------------------------===//

#ifndef MNC_COMPILER_FRONTEND_ONNX_CONSTTENSOR_H
#define MNC_COMPILER_FRONTEND_ONNX_CONSTTENSOR_H

#include "dialects/ShapeInference.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/raw_ostream.h"

#include <string>
#include <vector>

namespace mnc::onnx_frontend {

/// A tensor known at compile time: an initializer, a Constant node, or a
/// folded shape computation. Elements are doubles, which hold every float32
/// and every shape-sized integer exactly.
struct ConstTensor {
  Shape shape;
  /// Integer element type: shape arithmetic and indices (Div truncates).
  bool isInteger = false;
  std::vector<double> data;
};

/// "[1, 3, 224, 224]": how every importer diagnostic spells a shape (the
/// same spelling as the shape rules' own messages in ShapeInference.cpp).
inline std::string formatShape(llvm::ArrayRef<int64_t> shape) {
  std::string text = "[";
  llvm::raw_string_ostream os(text);
  llvm::interleaveComma(shape, os);
  os << "]";
  return text;
}

/// Row-major strides of `shape`, with broadcast dimensions of size 1 given
/// stride 0 so that one index walks a broadcast operand.
inline llvm::SmallVector<int64_t>
broadcastStrides(llvm::ArrayRef<int64_t> shape,
                 llvm::ArrayRef<int64_t> resultShape) {
  llvm::SmallVector<int64_t> strides(resultShape.size(), 0);
  int64_t stride = 1;
  for (int64_t i = shape.size() - 1, j = resultShape.size() - 1; i >= 0;
       --i, --j) {
    strides[j] = shape[i] == 1 ? 0 : stride;
    stride *= shape[i];
  }
  return strides;
}

/// Calls `body(flatIndex, operandOffsets)` for every element of `shape`,
/// with each operand's offset under its `strides`.
template <typename Fn>
void forEachIndex(llvm::ArrayRef<int64_t> shape,
                  llvm::ArrayRef<llvm::SmallVector<int64_t>> strides,
                  Fn body) {
  int64_t count = getNumElements(shape);
  llvm::SmallVector<int64_t> index(shape.size(), 0);
  llvm::SmallVector<int64_t> offsets(strides.size(), 0);
  for (int64_t flat = 0; flat < count; ++flat) {
    body(flat, offsets);
    for (int64_t d = shape.size() - 1; d >= 0; --d) {
      for (size_t k = 0; k < strides.size(); ++k)
        offsets[k] += strides[k][d];
      if (++index[d] < shape[d])
        break;
      for (size_t k = 0; k < strides.size(); ++k)
        offsets[k] -= strides[k][d] * shape[d];
      index[d] = 0;
    }
  }
}

} // namespace mnc::onnx_frontend

#endif // MNC_COMPILER_FRONTEND_ONNX_CONSTTENSOR_H
