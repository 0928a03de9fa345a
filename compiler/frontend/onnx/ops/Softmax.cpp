//===- Softmax.cpp - ONNX Softmax -----------------------------------------===//
//
// Softmax over one axis; the opset < 13 form, over all dimensions from the
// axis on, as a softmax over the last axis of the input flattened to 2-D.
//
//===----------------------------------------------------------------------===//

#include "compiler/frontend/onnx/NodeContext.h"
#include "compiler/frontend/onnx/OpTable.h"

#include "dialects/MncOps.h"

using namespace mlir;
using namespace mnc;
using namespace mnc::onnx_frontend;
using llvm::SmallVector;

static LogicalResult importSoftmax(NodeContext &node) {
  FailureOr<RankedTensorType> type = node.getValueType(0);
  if (failed(type))
    return failure();
  int64_t rank = type->getRank();
  int64_t opset = node.getOpset();
  int64_t axis = node.getInt("axis", opset < 13 ? 1 : -1);
  FailureOr<SmallVector<int64_t>> normalized =
      node.normalizeAxes({axis}, rank, /*sorted=*/false);
  if (failed(normalized))
    return failure();
  axis = normalized->front();
  // Before opset 13, Softmax normalizes over all dimensions from `axis` on:
  // over the last axis of the input flattened to [before axis, from axis],
  // unless the later dimensions are all 1 (then it is one axis anyway).
  Value input = *node.getValue(0);
  ArrayRef<int64_t> shape = type->getShape();
  if (opset < 13 && getNumElements(shape.drop_front(axis + 1)) != 1) {
    auto flat = node.tensorType({getNumElements(shape.take_front(axis)),
                                 getNumElements(shape.drop_front(axis))});
    Value normalized = node.create<SoftmaxOp>(
        flat, node.create<ReshapeOp>(flat, input), int64_t(1));
    node.setOutput(0, node.create<ReshapeOp>(*type, normalized));
    return success();
  }
  node.setOutput(0, node.create<SoftmaxOp>(*type, input, axis));
  return success();
}

void mnc::onnx_frontend::registerSoftmaxOps(OpTable &table) {
  table.addImporter("Softmax", importSoftmax);
}
