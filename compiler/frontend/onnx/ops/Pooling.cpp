//===- Pooling.cpp - ONNX average and max pooling, ReduceMean ------------===//
//
// Averages and maxima over 2-D windows or whole feature maps, and means over
// any axes.
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

static LogicalResult importGlobalMaxPool(NodeContext &node) {
  FailureOr<RankedTensorType> type = node.getNchwType(0);
  if (failed(type))
    return failure();
  ArrayRef<int64_t> shape = type->getShape();
  node.setOutput(0, node.create<GlobalMaxPoolOp>(
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

namespace {
/// The window attributes AveragePool and MaxPool share, and the result shape
/// they give.
struct PoolWindow {
  SmallVector<int64_t> kernel, strides, dilations;
  std::array<int64_t, 4> pads;
  bool ceilMode;
  Shape resultShape;
};
} // namespace

/// Reads kernel_shape, strides, dilations, pads or auto_pad and ceil_mode of
/// a 2-D pooling node whose input is input 0.
static FailureOr<PoolWindow> readPoolWindow(NodeContext &node) {
  FailureOr<RankedTensorType> type = node.getValueType(0);
  if (failed(type))
    return failure();
  PoolWindow window;
  window.kernel = node.getInts("kernel_shape");
  if (window.kernel.size() != 2 || type->getRank() != 4)
    return node.error() << "only 2-D pooling is supported (rank-4 input and "
                           "2 kernel sizes), got input "
                        << formatShape(type->getShape()) << " and kernel "
                        << formatShape(window.kernel);
  window.strides = node.getInts("strides", {1, 1});
  window.dilations = node.getInts("dilations", {1, 1});
  bool dilated =
      llvm::any_of(window.dilations, [](int64_t d) { return d != 1; });
  std::string autoPad = node.getString("auto_pad", "NOTSET");
  // The ONNX operator text pads SAME for the dilated kernel, ONNX Runtime for
  // the undilated one: their output shapes differ, so neither is guessed.
  if (dilated && (autoPad == "SAME_UPPER" || autoPad == "SAME_LOWER"))
    return node.error() << "auto_pad " << autoPad
                        << " with dilations other than 1 is not supported";
  FailureOr<std::array<int64_t, 4>> pads =
      windowPads(node, type->getShape(), window.kernel, window.strides);
  if (failed(pads))
    return failure();
  window.pads = *pads;
  window.ceilMode = node.getInt("ceil_mode", 0) != 0;
  FailureOr<Shape> shape = inferPool2dShape(
      type->getShape(), window.kernel, window.strides, window.pads,
      window.dilations, window.ceilMode, node.errorFn());
  if (failed(shape))
    return failure();
  window.resultShape = *shape;
  return window;
}

static LogicalResult importAveragePool(NodeContext &node) {
  FailureOr<PoolWindow> window = readPoolWindow(node);
  if (failed(window))
    return failure();
  bool countIncludePad = node.getInt("count_include_pad", 0) != 0;
  node.setOutput(0, node.create<AvgPoolOp>(
                        node.tensorType(window->resultShape),
                        *node.getValue(0), window->kernel, window->strides,
                        window->pads, window->dilations, window->ceilMode,
                        countIncludePad, /*activation=*/ActivationAttr()));
  return success();
}

static LogicalResult importMaxPool(NodeContext &node) {
  // storage_order only orders the flat positions in Indices.
  if (node.hasOutput(1))
    return node.error() << "the Indices output (output 1) is not supported";
  FailureOr<PoolWindow> window = readPoolWindow(node);
  if (failed(window))
    return failure();
  node.setOutput(0, node.create<MaxPoolOp>(
                        node.tensorType(window->resultShape),
                        *node.getValue(0), window->kernel, window->strides,
                        window->pads, window->dilations, window->ceilMode,
                        /*activation=*/nullptr));
  return success();
}

void mnc::onnx_frontend::registerPoolingOps(OpTable &table) {
  table.addImporter("GlobalAveragePool", importGlobalAveragePool);
  table.addImporter("GlobalMaxPool", importGlobalMaxPool);
  table.addImporter("AveragePool", importAveragePool);
  table.addImporter("MaxPool", importMaxPool);
  table.addImporter("ReduceMean", importReduceMean);
}
