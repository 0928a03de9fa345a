//===- ShapeInference.cpp - result shapes of mnc operations ---------------===//

#include "dialects/ShapeInference.h"

#include "mlir/IR/BuiltinTypes.h"

#include "llvm/ADT/STLExtras.h"

using namespace mlir;
using llvm::ArrayRef;

namespace mnc {

int64_t getNumElements(ArrayRef<int64_t> shape) {
  int64_t count = 1;
  for (int64_t dim : shape)
    count *= dim;
  return count;
}

ArrayRef<int64_t> shapeOf(Value value) {
  return cast<RankedTensorType>(value.getType()).getShape();
}

namespace {
/// Checks that `values` has `size` entries, each at least `minValue`.
LogicalResult checkArray(ArrayRef<int64_t> values, size_t size,
                         int64_t minValue, const char *name,
                         EmitErrorFn emitError) {
  if (values.size() != size)
    return emitError() << name << " must have " << size << " values, got "
                       << values.size();
  for (int64_t value : values)
    if (value < minValue)
      return emitError() << name << " must be >= " << minValue << ", got ["
                         << values << "]";
  return success();
}

/// Output length of one sliding-window axis, or -1 when the window does not
/// fit. `ceilMode` follows ONNX Runtime: a last window that would start past
/// the input and its begin padding is dropped.
int64_t windowOutputSize(int64_t input, int64_t window, int64_t stride,
                         int64_t padBegin, int64_t padEnd, bool ceilMode) {
  int64_t span = input + padBegin + padEnd - window;
  if (span < 0)
    return -1;
  int64_t size = (ceilMode ? (span + stride - 1) / stride : span / stride) + 1;
  if (ceilMode && (size - 1) * stride >= input + padBegin)
    --size;
  return size;
}
} // namespace

FailureOr<Shape> inferConv2dShape(ArrayRef<int64_t> input,
                                  ArrayRef<int64_t> filter,
                                  ArrayRef<int64_t> strides,
                                  ArrayRef<int64_t> pads,
                                  ArrayRef<int64_t> dilations, int64_t groups,
                                  EmitErrorFn emitError) {
  if (input.size() != 4)
    return emitError() << "input must be rank 4 (NCHW), got rank "
                       << input.size();
  if (filter.size() != 4)
    return emitError() << "filter must be rank 4 (OIHW), got rank "
                       << filter.size();
  if (failed(checkArray(strides, 2, 1, "strides", emitError)) ||
      failed(checkArray(pads, 4, 0, "pads", emitError)) ||
      failed(checkArray(dilations, 2, 1, "dilations", emitError)))
    return failure();
  if (groups < 1)
    return emitError() << "groups must be >= 1, got " << groups;
  if (input[1] % groups != 0)
    return emitError() << "groups (" << groups
                       << ") must divide the input channels (" << input[1]
                       << ")";
  if (filter[0] % groups != 0)
    return emitError() << "groups (" << groups
                       << ") must divide the output channels (" << filter[0]
                       << ")";
  if (filter[1] * groups != input[1])
    return emitError() << "filter expects " << filter[1] * groups
                       << " input channels (" << filter[1] << " x " << groups
                       << " groups), input has " << input[1];
  Shape result = {input[0], filter[0], 0, 0};
  for (int axis = 0; axis < 2; ++axis) {
    int64_t window = dilations[axis] * (filter[2 + axis] - 1) + 1;
    result[2 + axis] =
        windowOutputSize(input[2 + axis], window, strides[axis], pads[axis],
                         pads[axis + 2], /*ceilMode=*/false);
    if (result[2 + axis] < 1)
      return emitError() << "the " << (axis ? "width" : "height")
                         << " of the dilated kernel (" << window
                         << ") exceeds the padded input ("
                         << input[2 + axis] + pads[axis] + pads[axis + 2]
                         << ")";
  }
  return result;
}

FailureOr<Shape> inferConvTranspose2dShape(
    ArrayRef<int64_t> input, ArrayRef<int64_t> filter, ArrayRef<int64_t> strides,
    ArrayRef<int64_t> pads, ArrayRef<int64_t> dilations,
    ArrayRef<int64_t> outputPadding, int64_t groups, EmitErrorFn emitError) {
  if (input.size() != 4)
    return emitError() << "input must be rank 4 (NCHW), got rank "
                       << input.size();
  if (filter.size() != 4)
    return emitError() << "filter must be rank 4 (C, F / groups, KH, KW), got "
                          "rank "
                       << filter.size();
  if (failed(checkArray(strides, 2, 1, "strides", emitError)) ||
      failed(checkArray(pads, 4, 0, "pads", emitError)) ||
      failed(checkArray(dilations, 2, 1, "dilations", emitError)) ||
      failed(checkArray(outputPadding, 2, 0, "output_padding", emitError)))
    return failure();
  if (groups < 1 || input[1] % groups != 0)
    return emitError() << "groups (" << groups
                       << ") must divide the input channels (" << input[1]
                       << ")";
  if (filter[0] != input[1])
    return emitError() << "filter has " << filter[0]
                       << " input channels, input has " << input[1];
  Shape result = {input[0], filter[1] * groups, 0, 0};
  for (int axis = 0; axis < 2; ++axis) {
    result[2 + axis] = strides[axis] * (input[2 + axis] - 1) +
                       outputPadding[axis] +
                       dilations[axis] * (filter[2 + axis] - 1) + 1 -
                       pads[axis] - pads[axis + 2];
    if (result[2 + axis] < 1)
      return emitError() << "the pads (" << pads[axis] << ", "
                         << pads[axis + 2] << ") leave no output "
                         << (axis ? "column" : "row");
  }
  return result;
}

FailureOr<Shape> inferPool2dShape(ArrayRef<int64_t> input,
                                  ArrayRef<int64_t> kernel,
                                  ArrayRef<int64_t> strides,
                                  ArrayRef<int64_t> pads,
                                  ArrayRef<int64_t> dilations, bool ceilMode,
                                  EmitErrorFn emitError) {
  if (input.size() != 4)
    return emitError() << "input must be rank 4 (NCHW), got rank "
                       << input.size();
  if (failed(checkArray(kernel, 2, 1, "kernel", emitError)) ||
      failed(checkArray(strides, 2, 1, "strides", emitError)) ||
      failed(checkArray(pads, 4, 0, "pads", emitError)) ||
      failed(checkArray(dilations, 2, 1, "dilations", emitError)))
    return failure();
  Shape result = {input[0], input[1], 0, 0};
  for (int axis = 0; axis < 2; ++axis) {
    if (pads[axis] >= kernel[axis] || pads[axis + 2] >= kernel[axis])
      return emitError() << "pads [" << pads
                         << "] must be smaller than the kernel [" << kernel
                         << "]";
    int64_t window = dilations[axis] * (kernel[axis] - 1) + 1;
    result[2 + axis] =
        windowOutputSize(input[2 + axis], window, strides[axis], pads[axis],
                         pads[axis + 2], ceilMode);
    if (result[2 + axis] < 1)
      return emitError() << "the " << (axis ? "width" : "height")
                         << " of the dilated kernel (" << window
                         << ") exceeds the padded input ("
                         << input[2 + axis] + pads[axis] + pads[axis + 2]
                         << ")";
  }
  return result;
}

FailureOr<Shape> inferBroadcastShape(ArrayRef<int64_t> lhs,
                                     ArrayRef<int64_t> rhs,
                                     EmitErrorFn emitError) {
  size_t rank = std::max(lhs.size(), rhs.size());
  Shape result(rank, 1);
  for (size_t i = 0; i < rank; ++i) {
    int64_t l = i < rank - lhs.size() ? 1 : lhs[i - (rank - lhs.size())];
    int64_t r = i < rank - rhs.size() ? 1 : rhs[i - (rank - rhs.size())];
    if (l != r && l != 1 && r != 1)
      return emitError() << "shapes [" << lhs << "] and [" << rhs
                         << "] do not broadcast";
    result[i] = l == 1 ? r : l;
  }
  return result;
}

FailureOr<Shape> inferBatchMatmulShape(ArrayRef<int64_t> lhs,
                                       ArrayRef<int64_t> rhs,
                                       EmitErrorFn emitError) {
  if (lhs.size() < 3 || lhs.size() != rhs.size())
    return emitError() << "operands must have the same rank, at least 3, got "
                       << lhs.size() << " and " << rhs.size();
  size_t rank = lhs.size();
  if (lhs.drop_back(2) != rhs.drop_back(2))
    return emitError() << "batch dimensions differ";
  if (lhs[rank - 1] != rhs[rank - 2])
    return emitError() << "lhs has K = " << lhs[rank - 1]
                       << " but rhs has K = " << rhs[rank - 2];
  Shape result(lhs.begin(), lhs.end());
  result.back() = rhs.back();
  return result;
}

FailureOr<Shape> inferFullyConnectedShape(ArrayRef<int64_t> input,
                                          ArrayRef<int64_t> weight,
                                          EmitErrorFn emitError) {
  if (input.size() != 2)
    return emitError() << "input must be rank 2 ([M, K]), got rank "
                       << input.size();
  if (weight.size() != 2)
    return emitError() << "weight must be rank 2 ([N, K]), got rank "
                       << weight.size();
  if (input[1] != weight[1])
    return emitError() << "input has K = " << input[1]
                       << " but the weight has K = " << weight[1];
  return Shape{input[0], weight[0]};
}

FailureOr<Shape> inferReduceShape(ArrayRef<int64_t> input,
                                  ArrayRef<int64_t> axes, bool keepdims,
                                  EmitErrorFn emitError) {
  for (auto [i, axis] : llvm::enumerate(axes)) {
    if (axis < 0 || axis >= static_cast<int64_t>(input.size()))
      return emitError() << "axis " << axis << " is out of range for rank "
                         << input.size();
    if (i > 0 && axes[i - 1] >= axis)
      return emitError() << "axes [" << axes
                         << "] must be sorted and unique";
  }
  Shape result;
  for (auto [i, dim] : llvm::enumerate(input)) {
    if (!llvm::is_contained(axes, static_cast<int64_t>(i)))
      result.push_back(dim);
    else if (keepdims)
      result.push_back(1);
  }
  return result;
}

FailureOr<Shape> inferTransposeShape(ArrayRef<int64_t> input,
                                     ArrayRef<int64_t> perm,
                                     EmitErrorFn emitError) {
  if (perm.size() != input.size())
    return emitError() << "perm [" << perm << "] must have " << input.size()
                       << " entries";
  llvm::SmallVector<bool> seen(input.size(), false);
  Shape result;
  for (int64_t axis : perm) {
    if (axis < 0 || axis >= static_cast<int64_t>(input.size()) || seen[axis])
      return emitError() << "perm [" << perm << "] is not a permutation";
    seen[axis] = true;
    result.push_back(input[axis]);
  }
  return result;
}

FailureOr<Shape> inferConcatShape(ArrayRef<ArrayRef<int64_t>> inputs,
                                  int64_t axis, EmitErrorFn emitError) {
  if (inputs.empty())
    return emitError() << "needs at least one input";
  ArrayRef<int64_t> first = inputs.front();
  if (axis < 0 || axis >= static_cast<int64_t>(first.size()))
    return emitError() << "axis " << axis << " is out of range for rank "
                       << first.size();
  Shape result(first.begin(), first.end());
  result[axis] = 0;
  for (ArrayRef<int64_t> shape : inputs) {
    if (shape.size() != first.size())
      return emitError() << "inputs must have the same rank";
    for (size_t i = 0; i < shape.size(); ++i)
      if (static_cast<int64_t>(i) != axis && shape[i] != first[i])
        return emitError() << "input shapes [" << first << "] and [" << shape
                           << "] differ outside axis " << axis;
    result[axis] += shape[axis];
  }
  return result;
}

FailureOr<Shape> inferPadShape(ArrayRef<int64_t> input, ArrayRef<int64_t> pads,
                               EmitErrorFn emitError) {
  if (failed(checkArray(pads, 2 * input.size(), 0, "pads", emitError)))
    return failure();
  Shape result(input.begin(), input.end());
  for (size_t i = 0; i < input.size(); ++i)
    result[i] += pads[i] + pads[i + input.size()];
  return result;
}

} // namespace mnc
