//===- Elementwise.cpp - ONNX activations and binary arithmetic -----------===//
//
// Relu, Clip, HardSigmoid, HardSwish, Sigmoid, LeakyRelu and the
// broadcasting Add, Sub, Mul and Div on run-time tensors. Their compile-time forms are folded in
// ConstantFolding.cpp.
//
//===----------------------------------------------------------------------===//

#include "compiler/frontend/onnx/NodeContext.h"
#include "compiler/frontend/onnx/ops/ShapeRules.h"
#include "compiler/frontend/onnx/OpTable.h"

#include "dialects/MncOps.h"

#include <cfloat>

using namespace mlir;
using namespace mnc;
using namespace mnc::onnx_frontend;

/// An element-wise op of one input, whose result has the input's type:
/// OpT(input, attrs...).
template <typename OpT, typename... Attrs>
static LogicalResult importUnary(NodeContext &node, Attrs... attrs) {
  FailureOr<Value> input = node.getValue(0);
  if (failed(input))
    return failure();
  node.setOutput(0, node.create<OpT>(input->getType(), *input, attrs...));
  return success();
}

static LogicalResult importRelu(NodeContext &node) {
  return importUnary<ReluOp>(node);
}

static LogicalResult importSigmoid(NodeContext &node) {
  return importUnary<SigmoidOp>(node);
}

/// Clip's bounds are attributes before opset 11 and constant inputs from it.
static LogicalResult importClip(NodeContext &node) {
  FailureOr<Value> input = node.getValue(0);
  if (failed(input))
    return failure();
  float lowest = -FLT_MAX, highest = FLT_MAX;
  float minValue = lowest, maxValue = highest;
  if (node.getOpset() < 11) {
    minValue = node.getFloat("min", lowest);
    maxValue = node.getFloat("max", highest);
  } else {
    FailureOr<float> min = node.getScalar(1, "min", lowest);
    FailureOr<float> max = node.getScalar(2, "max", highest);
    if (failed(min) || failed(max))
      return failure();
    minValue = *min;
    maxValue = *max;
  }
  if (minValue > maxValue)
    return node.error() << "min " << minValue << " exceeds max " << maxValue;
  OpBuilder &builder = node.getBuilder();
  node.setOutput(0, node.create<ClipOp>(input->getType(), *input,
                                        builder.getF32FloatAttr(minValue),
                                        builder.getF32FloatAttr(maxValue)));
  return success();
}

static LogicalResult importHardSigmoid(NodeContext &node) {
  OpBuilder &builder = node.getBuilder();
  FloatAttr alpha = builder.getF32FloatAttr(node.getFloat("alpha", 0.2f));
  FloatAttr beta = builder.getF32FloatAttr(node.getFloat("beta", 0.5f));
  return importUnary<HardSigmoidOp>(node, alpha, beta);
}

/// HardSwish is x * HardSigmoid(x) with ONNX's fixed alpha 1/6, beta 0.5.
static LogicalResult importHardSwish(NodeContext &node) {
  OpBuilder &builder = node.getBuilder();
  return importUnary<HardSwishOp>(node, builder.getF32FloatAttr(1.0f / 6.0f),
                                  builder.getF32FloatAttr(0.5f));
}

static LogicalResult importLeakyRelu(NodeContext &node) {
  OpBuilder &builder = node.getBuilder();
  return importUnary<LeakyReluOp>(
      node, builder.getF32FloatAttr(node.getFloat("alpha", 0.01f)));
}

/// A broadcasting binary op: OpT(lhs, rhs) with NumPy broadcasting (the
/// second input reshaped first for the axis-aligned broadcasting of opsets
/// before 7).
template <typename OpT>
static LogicalResult importBinary(NodeContext &node) {
  FailureOr<Value> lhs = node.getValue(0), rhs = node.getValue(1);
  if (failed(lhs) || failed(rhs))
    return failure();
  ArrayRef<int64_t> lhsShape = cast<RankedTensorType>(lhs->getType()).getShape();
  ArrayRef<int64_t> rhsShape = cast<RankedTensorType>(rhs->getType()).getShape();
  FailureOr<Shape> aligned = legacyBroadcastShape(node, lhsShape, rhsShape);
  if (failed(aligned))
    return failure();
  if (ArrayRef<int64_t>(*aligned) != rhsShape)
    rhs = node.create<ReshapeOp>(node.tensorType(*aligned), *rhs);
  FailureOr<Shape> shape =
      inferBroadcastShape(lhsShape, *aligned, node.errorFn());
  if (failed(shape))
    return failure();
  node.setOutput(0, node.create<OpT>(node.tensorType(*shape), *lhs, *rhs));
  return success();
}

void mnc::onnx_frontend::registerElementwiseOps(OpTable &table) {
  table.addImporter("Relu", importRelu);
  table.addImporter("Clip", importClip);
  table.addImporter("HardSigmoid", importHardSigmoid);
  table.addImporter("HardSwish", importHardSwish);
  table.addImporter("Sigmoid", importSigmoid);
  table.addImporter("LeakyRelu", importLeakyRelu);
  table.addImporter("Add", importBinary<AddOp>);
  table.addImporter("Sub", importBinary<SubOp>);
  table.addImporter("Mul", importBinary<MulOp>);
  table.addImporter("Div", importBinary<DivOp>);
}
