//===- PassThrough.cpp - ONNX Identity, Dropout and Cast ------------------===//
//
// Ops whose output is their input at inference: Identity, Dropout (plus its
// all-ones mask) and a Cast of float32 to float32. On compile-time inputs,
// Cast really converts (shape computations cast between integer and float).
//
//===----------------------------------------------------------------------===//

#include "compiler/frontend/onnx/NodeContext.h"
#include "compiler/frontend/onnx/OpTable.h"
#include "compiler/frontend/onnx/TensorDecoding.h"

#include <cmath>

using namespace mlir;
using namespace mnc;
using namespace mnc::onnx_frontend;
using llvm::ArrayRef;

/// Dropout's optional mask output, which at inference is all ones (bool
/// from opset 10 on, the input's type before).
static void setDropoutMask(NodeContext &node, ArrayRef<int64_t> shape) {
  if (!node.hasOutput(1))
    return;
  node.setConstOutput(
      1, ConstTensor{Shape(shape.begin(), shape.end()),
                     /*isInteger=*/node.getOpset() >= 10,
                     std::vector<double>(getNumElements(shape), 1.0)});
}

static LogicalResult importIdentity(NodeContext &node) {
  FailureOr<Value> input = node.getValue(0);
  if (failed(input))
    return failure();
  node.setOutput(0, *input);
  return success();
}

static LogicalResult importDropout(NodeContext &node) {
  if (node.hasInput(2)) {
    FailureOr<const ConstTensor *> training =
        node.requireConst(2, "training_mode");
    if (failed(training))
      return failure();
    if (!(*training)->data.empty() && (*training)->data[0] != 0.0)
      return node.error() << "training_mode = true is not supported";
  }
  FailureOr<Value> input = node.getValue(0);
  if (failed(input))
    return failure();
  node.setOutput(0, *input);
  setDropoutMask(node, cast<RankedTensorType>(input->getType()).getShape());
  return success();
}

/// A Cast that computes at run time must keep float32 as it is.
static LogicalResult importCast(NodeContext &node) {
  int64_t to = node.getInt("to", 0);
  if (to != onnx::TensorProto::FLOAT)
    return node.error() << "casting a run-time tensor to "
                        << elementTypeName(to)
                        << " is not supported (only FLOAT)";
  return importIdentity(node);
}

static LogicalResult foldIdentity(NodeContext &node) {
  node.setConstOutput(0, *node.getConst(0));
  return success();
}

static LogicalResult foldDropout(NodeContext &node) {
  setDropoutMask(node, node.getConst(0)->shape);
  node.setConstOutput(0, *node.getConst(0));
  return success();
}

/// Converts the elements as the target type would hold them: float32
/// rounding, integer truncation, bool as 0 or 1.
static LogicalResult foldCast(NodeContext &node) {
  int64_t to = node.getInt("to", 0);
  ConstTensor result = *node.getConst(0);
  switch (to) {
  case onnx::TensorProto::FLOAT:
  case onnx::TensorProto::FLOAT16:
  case onnx::TensorProto::DOUBLE:
    result.isInteger = false;
    if (to != onnx::TensorProto::DOUBLE)
      for (double &v : result.data)
        v = static_cast<float>(v);
    break;
  case onnx::TensorProto::INT64:
  case onnx::TensorProto::INT32:
  case onnx::TensorProto::INT8:
  case onnx::TensorProto::UINT8:
    result.isInteger = true;
    for (double &v : result.data)
      v = std::trunc(v);
    break;
  case onnx::TensorProto::BOOL:
    result.isInteger = true;
    for (double &v : result.data)
      v = v != 0.0;
    break;
  default:
    return node.error() << "cast to " << elementTypeName(to)
                        << " is not supported";
  }
  node.setConstOutput(0, std::move(result));
  return success();
}

void mnc::onnx_frontend::registerPassThroughOps(OpTable &table) {
  table.addImporter("Identity", importIdentity);
  table.addFolder("Identity", foldIdentity);
  table.addImporter("Dropout", importDropout);
  table.addFolder("Dropout", foldDropout);
  table.addImporter("Cast", importCast);
  table.addFolder("Cast", foldCast);
  // Cast's `to` was a string before opset 6.
  table.setOpsetRange("Cast", 6, kNewestOpset);
}
