//===- ShapeRules.cpp - ONNX attribute-driven shape rules -----------------===//

#include "compiler/frontend/onnx/ops/ShapeRules.h"

using namespace mlir;
using namespace mnc;
using namespace mnc::onnx_frontend;
using llvm::ArrayRef;
using llvm::SmallVector;

FailureOr<Shape> mnc::onnx_frontend::flattenShape(NodeContext &node,
                                                  ArrayRef<int64_t> input) {
  int64_t rank = input.size();
  int64_t axis = node.getInt("axis", 1);
  if (axis < 0)
    axis += rank;
  if (axis < 0 || axis > rank) {
    node.error() << "axis " << node.getInt("axis", 1)
                 << " is out of range for rank " << rank;
    return failure();
  }
  return Shape{getNumElements(input.take_front(axis)),
               getNumElements(input.drop_front(axis))};
}

FailureOr<Shape> mnc::onnx_frontend::reshapeShape(NodeContext &node,
                                                  ArrayRef<int64_t> input) {
  FailureOr<const ConstTensor *> target = node.requireConst(1, "shape");
  if (failed(target))
    return failure();
  // A scalar or [n, 1] shape tensor is invalid ONNX (ONNX Runtime refuses it
  // too), not a shape to flatten.
  if ((*target)->shape.size() != 1) {
    node.error() << "the shape input must be 1-D, but its shape is "
                 << formatShape((*target)->shape);
    return failure();
  }
  bool allowZero = node.getInt("allowzero", 0) != 0;
  Shape result;
  int inferred = -1;
  for (auto [i, value] : llvm::enumerate((*target)->data)) {
    int64_t dim = static_cast<int64_t>(value);
    if (dim == 0 && !allowZero) {
      if (i >= input.size()) {
        node.error() << "shape entry " << i
                     << " is 0 (copy) but the input has rank "
                     << input.size();
        return failure();
      }
      dim = input[i];
    } else if (dim == -1) {
      if (inferred >= 0) {
        node.error() << "shape has more than one -1";
        return failure();
      }
      inferred = i;
      dim = 1;
    } else if (dim < 0) {
      node.error() << "shape entry " << i << " is " << dim;
      return failure();
    }
    result.push_back(dim);
  }
  int64_t known = getNumElements(result);
  int64_t total = getNumElements(input);
  if (inferred >= 0 && known != 0 && total % known == 0)
    result[inferred] = total / known;
  if (getNumElements(result) != total) {
    node.error() << "cannot reshape " << formatShape(input) << " to shape "
                 << formatShape(SmallVector<int64_t>(
                        (*target)->data.begin(), (*target)->data.end()));
    return failure();
  }
  return result;
}

FailureOr<Shape> mnc::onnx_frontend::squeezeShape(NodeContext &node,
                                                  ArrayRef<int64_t> input) {
  unsigned errorsBefore = node.getErrorCount();
  std::optional<SmallVector<int64_t>> axes = node.getAxes(1);
  if (node.getErrorCount() != errorsBefore)
    return failure();
  Shape result;
  if (!axes) {
    for (int64_t dim : input)
      if (dim != 1)
        result.push_back(dim);
    return result;
  }
  FailureOr<SmallVector<int64_t>> normalized =
      node.normalizeAxes(*axes, input.size(), /*sorted=*/true);
  if (failed(normalized))
    return failure();
  for (auto [i, dim] : llvm::enumerate(input)) {
    if (!llvm::is_contained(*normalized, static_cast<int64_t>(i))) {
      result.push_back(dim);
    } else if (dim != 1) {
      node.error() << "cannot squeeze axis " << i << " of size " << dim;
      return failure();
    }
  }
  return result;
}

FailureOr<Shape> mnc::onnx_frontend::unsqueezeShape(NodeContext &node,
                                                    ArrayRef<int64_t> input) {
  unsigned errorsBefore = node.getErrorCount();
  std::optional<SmallVector<int64_t>> axes = node.getAxes(1);
  if (node.getErrorCount() != errorsBefore)
    return failure();
  if (!axes) {
    node.error() << "needs axes";
    return failure();
  }
  int64_t rank = input.size() + axes->size();
  FailureOr<SmallVector<int64_t>> normalized =
      node.normalizeAxes(*axes, rank, /*sorted=*/true);
  if (failed(normalized))
    return failure();
  Shape result;
  auto next = input.begin();
  for (int64_t i = 0; i < rank; ++i)
    result.push_back(llvm::is_contained(*normalized, i) ? 1 : *next++);
  return result;
}

FailureOr<SmallVector<int64_t>>
mnc::onnx_frontend::transposePerm(NodeContext &node, int64_t rank) {
  SmallVector<int64_t> reversed;
  for (int64_t i = rank - 1; i >= 0; --i)
    reversed.push_back(i);
  SmallVector<int64_t> perm = node.getInts("perm", reversed);
  // Validates `perm` with the verifier's rule on a dummy shape.
  if (failed(inferTransposeShape(SmallVector<int64_t>(rank, 1), perm,
                                 node.errorFn())))
    return failure();
  return perm;
}

FailureOr<std::array<int64_t, 4>>
mnc::onnx_frontend::windowPads(NodeContext &node, ArrayRef<int64_t> input,
                               ArrayRef<int64_t> window,
                               ArrayRef<int64_t> strides) {
  std::string autoPad = node.getString("auto_pad", "NOTSET");
  std::array<int64_t, 4> pads = {0, 0, 0, 0};
  if (autoPad == "NOTSET") {
    SmallVector<int64_t> given = node.getInts("pads", {0, 0, 0, 0});
    if (given.size() != 4) {
      node.error() << "pads must have 4 values for a 2-D window, got "
                   << given.size();
      return failure();
    }
    llvm::copy(given, pads.begin());
    return pads;
  }
  if (autoPad == "VALID")
    return pads;
  if (autoPad != "SAME_UPPER" && autoPad != "SAME_LOWER") {
    node.error() << "auto_pad '" << autoPad << "' is not supported";
    return failure();
  }
  if (input.size() != 4 || window.size() != 2 || strides.size() != 2) {
    node.error() << "auto_pad needs a rank-4 input, 2 kernel sizes and 2 "
                    "strides";
    return failure();
  }
  // SAME_*: the output size is ceil(input / stride); the total padding that
  // needs is split evenly, the odd pixel at the end (UPPER) or start (LOWER).
  for (int axis = 0; axis < 2; ++axis) {
    int64_t in = input[2 + axis], stride = strides[axis];
    int64_t out = (in + stride - 1) / stride;
    int64_t total =
        std::max<int64_t>(0, (out - 1) * stride + window[axis] - in);
    int64_t small = total / 2, large = total - small;
    pads[axis] = autoPad == "SAME_UPPER" ? small : large;
    pads[axis + 2] = autoPad == "SAME_UPPER" ? large : small;
  }
  return pads;
}

FailureOr<Shape> mnc::onnx_frontend::legacyBroadcastShape(
    NodeContext &node, ArrayRef<int64_t> first, ArrayRef<int64_t> second) {
  Shape shape(second.begin(), second.end());
  if (node.getOpset() >= 7)
    return shape;
  if (node.getInt("broadcast", 0) == 0) {
    if (first != second) {
      node.error() << "inputs of shapes " << formatShape(first) << " and "
                   << formatShape(second)
                   << " need broadcast = 1 before opset 7";
      return failure();
    }
    return shape;
  }
  if (!node.findAttr("axis"))
    return shape;
  int64_t rank = first.size(), axis = node.getInt("axis", 0);
  if (axis < 0)
    axis += rank;
  if (axis < 0 || axis + static_cast<int64_t>(second.size()) > rank) {
    node.error() << "axis " << node.getInt("axis", 0) << " does not align "
                 << formatShape(second) << " with " << formatShape(first);
    return failure();
  }
  shape.append(rank - axis - second.size(), 1);
  return shape;
}

int64_t mnc::onnx_frontend::concatAxis(NodeContext &node) {
  return node.getInt("axis", node.getOpset() < 4 ? 1 : 0);
}
