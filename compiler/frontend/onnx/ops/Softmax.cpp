//===- Softmax.cpp - ONNX Softmax -----------------------------------------===//
//
// Softmax over one axis; the opset < 13 form, over all dimensions from the
// axis on, only where that is one axis.
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
  // Before opset 13, Softmax normalizes over all dimensions from `axis` on;
  // that is one axis only when the later ones are all 1.
  if (opset < 13 && getNumElements(type->getShape().drop_front(axis + 1)) != 1)
    return node.error() << "softmax over the flattened dimensions "
                        << formatShape(type->getShape().drop_front(axis))
                        << " (opset < 13 semantics) is not supported";
  node.setOutput(0, node.create<SoftmaxOp>(*type, *node.getValue(0), axis));
  return success();
}

void mnc::onnx_frontend::registerSoftmaxOps(OpTable &table) {
  table.addImporter("Softmax", importSoftmax);
}
