//===- Pooling.cpp - ONNX GlobalAveragePool, AveragePool, ReduceMean ------===//
//
// Averages over 2-D windows, whole feature maps or any axes.
//
//===----------------------------------------------------------------------===//

#include "compiler/frontend/onnx/NodeContext.h"
#include "compiler/frontend/onnx/OpTable.h"
#include "compiler/frontend/onnx/ops/ShapeRules.h"

#include "dialects/MncOps.h"

#include "llvm/ADT/Sequence.h"

using namespace mlir;
using namespace mnc;
using namespace mnc::onnx_frontend;
using llvm::ArrayRef;
using llvm::SmallVector;

static LogicalResult importGlobalAveragePool(NodeContext &node) {
  FailureOr<RankedTensorType> type = node.getNchwType(0);
  if (failed(type))
    return failure();
  ArrayRef<int64_t> shape = type->getShape();
  node.setOutput(0, node.create<GlobalAvgPoolOp>(
                        node.tensorType({shape[0], shape[1], 1, 1}),
                        *node.getValue(0)));
  return success();
}

static LogicalResult importReduceMean(NodeContext &node) {
  FailureOr<RankedTensorType> type = node.getValueType(0);
  if (failed(type))
    return failure();
  // All three getters run before the check, so each bad attribute is
  // reported.
  unsigned errorsBefore = node.getErrorCount();
  std::optional<SmallVector<int64_t>> axes = node.getAxes(1);
  bool keepdims = node.getInt("keepdims", 1) != 0;
  bool noopWithEmptyAxes = node.getInt("noop_with_empty_axes", 0) != 0;
  if (node.getErrorCount() != errorsBefore)
    return failure();
  if (!axes || axes->empty()) {
    if (noopWithEmptyAxes) {
      node.setOutput(0, *node.getValue(0));
      return success();
    }
    axes = llvm::to_vector(llvm::seq<int64_t>(0, type->getRank()));
  }
  FailureOr<SmallVector<int64_t>> normalized =
      node.normalizeAxes(*axes, type->getRank(), /*sorted=*/true);
  if (failed(normalized))
    return failure();
  FailureOr<Shape> shape = inferReduceShape(type->getShape(), *normalized,
                                            keepdims, node.errorFn());
  if (failed(shape))
    return failure();
  node.setOutput(0, node.create<ReduceMeanOp>(node.tensorType(*shape),
                                              *node.getValue(0), *normalized,
                                              keepdims));
  return success();
}

static LogicalResult importAveragePool(NodeContext &node) {
  FailureOr<RankedTensorType> type = node.getValueType(0);
  if (failed(type))
    return failure();
  SmallVector<int64_t> kernel = node.getInts("kernel_shape");
  if (kernel.size() != 2 || type->getRank() != 4)
    return node.error() << "only 2-D pooling is supported (rank-4 input and "
                           "2 kernel sizes), got input "
                        << formatShape(type->getShape()) << " and kernel "
                        << formatShape(kernel);
  SmallVector<int64_t> dilations = node.getInts("dilations", {1, 1});
  if (llvm::any_of(dilations, [](int64_t d) { return d != 1; }))
    return node.error() << "dilations other than 1 are not supported";
  SmallVector<int64_t> strides = node.getInts("strides", {1, 1});
  FailureOr<std::array<int64_t, 4>> pads =
      windowPads(node, type->getShape(), kernel, strides);
  if (failed(pads))
    return failure();
  bool ceilMode = node.getInt("ceil_mode", 0) != 0;
  bool countIncludePad = node.getInt("count_include_pad", 0) != 0;
  FailureOr<Shape> shape = inferPool2dShape(type->getShape(), kernel, strides,
                                            *pads, ceilMode, node.errorFn());
  if (failed(shape))
    return failure();
  node.setOutput(0, node.create<AvgPoolOp>(node.tensorType(*shape),
                                           *node.getValue(0), kernel, strides,
                                           *pads, ceilMode, countIncludePad));
  return success();
}

void mnc::onnx_frontend::registerPoolingOps(OpTable &table) {
  table.addImporter("GlobalAveragePool", importGlobalAveragePool);
  table.addImporter("AveragePool", importAveragePool);
  table.addImporter("ReduceMean", importReduceMean);
}
