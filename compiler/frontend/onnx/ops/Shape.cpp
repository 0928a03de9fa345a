//===- Shape.cpp - ONNX reshapes, Transpose, Concat, Shape and Pad --------===//
//
// Ops that move or reshape data without arithmetic. Each has a run-time
// importer and, except Pad, a folder for compile-time inputs (shape
// computations are made of them); both use the same shape rule, so a folded
// node and an imported one agree.
//
//===----------------------------------------------------------------------===//

#include "compiler/frontend/onnx/NodeContext.h"
#include "compiler/frontend/onnx/OpTable.h"
#include "compiler/frontend/onnx/ops/ShapeRules.h"

#include "dialects/MncOps.h"

using namespace mlir;
using namespace mnc;
using namespace mnc::onnx_frontend;
using llvm::ArrayRef;
using llvm::SmallVector;

//===----------------------------------------------------------------------===//
// Flatten, Reshape, Squeeze, Unsqueeze: a new shape for the same data
//===----------------------------------------------------------------------===//

using ReshapeRule = FailureOr<Shape> (*)(NodeContext &, ArrayRef<int64_t>);

template <ReshapeRule rule>
static LogicalResult importReshapeLike(NodeContext &node) {
  FailureOr<RankedTensorType> type = node.getValueType(0);
  if (failed(type))
    return failure();
  FailureOr<Shape> shape = rule(node, type->getShape());
  if (failed(shape))
    return failure();
  node.setOutput(0, node.create<ReshapeOp>(node.tensorType(*shape),
                                           *node.getValue(0)));
  return success();
}

template <ReshapeRule rule>
static LogicalResult foldReshapeLike(NodeContext &node) {
  const ConstTensor &input = *node.getConst(0);
  FailureOr<Shape> shape = rule(node, input.shape);
  if (failed(shape))
    return failure();
  ConstTensor result = input;
  result.shape = *shape;
  node.setConstOutput(0, std::move(result));
  return success();
}

//===----------------------------------------------------------------------===//
// Transpose
//===----------------------------------------------------------------------===//

static LogicalResult importTranspose(NodeContext &node) {
  FailureOr<RankedTensorType> type = node.getValueType(0);
  if (failed(type))
    return failure();
  FailureOr<SmallVector<int64_t>> perm = transposePerm(node, type->getRank());
  if (failed(perm))
    return failure();
  // transposePerm validated `perm`: the rule cannot fail here.
  FailureOr<Shape> shape =
      inferTransposeShape(type->getShape(), *perm, node.errorFn());
  node.setOutput(0, node.create<TransposeOp>(node.tensorType(*shape),
                                             *node.getValue(0), *perm));
  return success();
}

static LogicalResult foldTranspose(NodeContext &node) {
  const ConstTensor &in = *node.getConst(0);
  FailureOr<SmallVector<int64_t>> perm = transposePerm(node, in.shape.size());
  if (failed(perm))
    return failure();
  FailureOr<Shape> shape =
      inferTransposeShape(in.shape, *perm, node.errorFn());
  // Walk the result in order; the input offset advances by the stride of the
  // input dimension each result dimension comes from.
  SmallVector<int64_t> inStrides = broadcastStrides(in.shape, in.shape);
  SmallVector<SmallVector<int64_t>> strides(1);
  for (int64_t axis : *perm)
    strides[0].push_back(in.shape[axis] == 1 ? 0 : inStrides[axis]);
  ConstTensor result{*shape, in.isInteger,
                     std::vector<double>(in.data.size())};
  forEachIndex(*shape, strides, [&](int64_t flat, ArrayRef<int64_t> at) {
    result.data[flat] = in.data[at[0]];
  });
  node.setConstOutput(0, std::move(result));
  return success();
}

//===----------------------------------------------------------------------===//
// Concat
//===----------------------------------------------------------------------===//

static LogicalResult importConcat(NodeContext &node) {
  SmallVector<Value> inputs;
  SmallVector<ArrayRef<int64_t>> shapes;
  for (int i = 0; i < node.getNumInputs(); ++i) {
    FailureOr<Value> input = node.getValue(i);
    if (failed(input))
      return failure();
    inputs.push_back(*input);
    shapes.push_back(cast<RankedTensorType>(input->getType()).getShape());
  }
  if (inputs.empty())
    return node.error() << "needs at least one input";
  int64_t rank = shapes.front().size();
  FailureOr<SmallVector<int64_t>> normalized =
      node.normalizeAxes({concatAxis(node)}, rank, /*sorted=*/false);
  if (failed(normalized))
    return failure();
  FailureOr<Shape> shape =
      inferConcatShape(shapes, normalized->front(), node.errorFn());
  if (failed(shape))
    return failure();
  node.setOutput(0, node.create<ConcatOp>(node.tensorType(*shape), inputs,
                                          normalized->front()));
  return success();
}

static LogicalResult foldConcat(NodeContext &node) {
  auto input = [&](int i) -> const ConstTensor & { return *node.getConst(i); };
  SmallVector<ArrayRef<int64_t>> shapes;
  for (int i = 0; i < node.getNumInputs(); ++i)
    shapes.push_back(input(i).shape);
  if (shapes.empty())
    return node.error() << "needs at least one input";
  FailureOr<SmallVector<int64_t>> axis = node.normalizeAxes(
      {concatAxis(node)}, shapes.front().size(), /*sorted=*/false);
  if (failed(axis))
    return failure();
  FailureOr<Shape> shape =
      inferConcatShape(shapes, axis->front(), node.errorFn());
  if (failed(shape))
    return failure();
  // Row-major: for each index before the axis, each input contributes one
  // contiguous chunk.
  int64_t outer =
      getNumElements(ArrayRef<int64_t>(*shape).take_front(axis->front()));
  ConstTensor result{*shape, input(0).isInteger, {}};
  for (int64_t o = 0; o < outer; ++o)
    for (int i = 0; i < node.getNumInputs(); ++i) {
      const ConstTensor &in = input(i);
      int64_t chunk = in.data.size() / std::max<int64_t>(outer, 1);
      result.data.insert(result.data.end(), in.data.begin() + o * chunk,
                         in.data.begin() + (o + 1) * chunk);
    }
  node.setConstOutput(0, std::move(result));
  return success();
}

//===----------------------------------------------------------------------===//
// Shape
//===----------------------------------------------------------------------===//

/// The shape of a tensor, run-time or compile-time, is known at compile
/// time: the importer and the folder are this one function.
static LogicalResult importShape(NodeContext &node) {
  // A compile-time input is not materialized: only its shape is used.
  Shape inShape;
  if (const ConstTensor *tensor = node.getConst(0)) {
    inShape = tensor->shape;
  } else {
    FailureOr<RankedTensorType> type = node.getValueType(0);
    if (failed(type))
      return failure();
    inShape.assign(type->getShape().begin(), type->getShape().end());
  }
  int64_t rank = inShape.size();
  int64_t start = node.getInt("start", 0), end = node.getInt("end", rank);
  start = std::clamp<int64_t>(start < 0 ? start + rank : start, 0, rank);
  end = std::clamp<int64_t>(end < 0 ? end + rank : end, 0, rank);
  ConstTensor shape{{std::max<int64_t>(0, end - start)}, true, {}};
  for (int64_t i = start; i < end; ++i)
    shape.data.push_back(inShape[i]);
  node.setConstOutput(0, std::move(shape));
  return success();
}

//===----------------------------------------------------------------------===//
// Pad
//===----------------------------------------------------------------------===//

/// Constant padding; pads are an attribute before opset 11 and a constant
/// input from it (opset 18 adds the axes they apply to).
static LogicalResult importPad(NodeContext &node) {
  FailureOr<RankedTensorType> type = node.getValueType(0);
  if (failed(type))
    return failure();
  std::string mode = node.getString("mode", "constant");
  if (mode != "constant")
    return node.error() << "mode '" << mode
                        << "' is not supported (only 'constant')";
  int64_t rank = type->getRank();
  SmallVector<int64_t> pads;
  float value = 0.0f;
  if (node.getOpset() < 11) {
    pads = node.getInts("pads");
    value = node.getFloat("value", 0.0f);
  } else {
    FailureOr<const ConstTensor *> padsTensor = node.requireConst(1, "pads");
    FailureOr<float> constant = node.getScalar(2, "constant_value", 0.0f);
    if (failed(padsTensor) || failed(constant))
      return failure();
    pads.assign((*padsTensor)->data.begin(), (*padsTensor)->data.end());
    value = *constant;
    if (node.hasInput(3)) {
      // Opset 18: pads cover only the listed axes.
      FailureOr<const ConstTensor *> axesTensor = node.requireConst(3, "axes");
      if (failed(axesTensor))
        return failure();
      FailureOr<SmallVector<int64_t>> axes = node.normalizeAxes(
          SmallVector<int64_t>((*axesTensor)->data.begin(),
                               (*axesTensor)->data.end()),
          rank, /*sorted=*/false);
      if (failed(axes))
        return failure();
      if (pads.size() != 2 * axes->size())
        return node.error() << "pads must have " << 2 * axes->size()
                            << " values for " << axes->size() << " axes";
      SmallVector<int64_t> full(2 * rank, 0);
      for (auto [i, axis] : llvm::enumerate(*axes)) {
        full[axis] = pads[i];
        full[axis + rank] = pads[i + axes->size()];
      }
      pads = full;
    }
  }
  FailureOr<Shape> shape =
      inferPadShape(type->getShape(), pads, node.errorFn());
  if (failed(shape))
    return failure();
  node.setOutput(0, node.create<PadOp>(node.tensorType(*shape),
                                       *node.getValue(0), pads,
                                       llvm::APFloat(value)));
  return success();
}

void mnc::onnx_frontend::registerShapeOps(OpTable &table) {
  table.addImporter("Flatten", importReshapeLike<flattenShape>);
  table.addFolder("Flatten", foldReshapeLike<flattenShape>);
  table.addImporter("Reshape", importReshapeLike<reshapeShape>);
  table.addFolder("Reshape", foldReshapeLike<reshapeShape>);
  table.addImporter("Squeeze", importReshapeLike<squeezeShape>);
  table.addFolder("Squeeze", foldReshapeLike<squeezeShape>);
  table.addImporter("Unsqueeze", importReshapeLike<unsqueezeShape>);
  table.addFolder("Unsqueeze", foldReshapeLike<unsqueezeShape>);
  table.addImporter("Transpose", importTranspose);
  table.addFolder("Transpose", foldTranspose);
  table.addImporter("Concat", importConcat);
  table.addFolder("Concat", foldConcat);
  table.addImporter("Shape", importShape);
  table.addFolder("Shape", importShape);
  table.addImporter("Pad", importPad);
  // Before: Reshape's shape was an attribute, Pad's pads were `paddings`.
  table.setOpsetRange("Reshape", 5, kNewestOpset);
  table.setOpsetRange("Pad", 2, kNewestOpset);
}
