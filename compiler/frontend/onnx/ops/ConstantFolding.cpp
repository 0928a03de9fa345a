//===- ConstantFolding.cpp - ONNX ops evaluated at compile time -----------===//
//
// Folders of the ops that exporters use for shape computations (Shape ->
// Gather -> Unsqueeze -> Concat -> Reshape and the like) and that mnc
// supports only on compile-time constants, plus the compile-time forms of
// Add, Sub, Mul and Div. The folders of ops that also have a run-time
// importer live beside that importer (Shape.cpp, PassThrough.cpp).
//
// Integer tensors compute exactly in doubles; float tensors are float32, so
// each folded float element is rounded to float as the runtime would.
//
//===----------------------------------------------------------------------===//

#include "compiler/frontend/onnx/NodeContext.h"
#include "compiler/frontend/onnx/ops/ShapeRules.h"
#include "compiler/frontend/onnx/OpTable.h"

#include <algorithm>
#include <cmath>

using namespace mlir;
using namespace mnc;
using namespace mnc::onnx_frontend;
using llvm::ArrayRef;
using llvm::SmallVector;

/// Rounds a folded element to its tensor's element type.
static double roundElement(double value, bool isInteger) {
  return isInteger ? value : static_cast<float>(value);
}

//===----------------------------------------------------------------------===//
// Constant and ConstantOfShape
//===----------------------------------------------------------------------===//

static LogicalResult foldConstant(NodeContext &node) {
  for (const onnx::AttributeProto &attr : node.getNode().attribute()) {
    if (attr.name() == "value") {
      FailureOr<ConstTensor> tensor = node.decodeAttrTensor(
          attr.t(),
          "node " + std::to_string(node.getIndex()) + " Constant value");
      if (failed(tensor))
        return failure();
      node.setConstOutput(0, std::move(*tensor));
      return success();
    }
    if (attr.name() == "value_float") {
      node.setConstOutput(0, ConstTensor{{}, false, {attr.f()}});
      return success();
    }
    if (attr.name() == "value_int") {
      node.setConstOutput(0, ConstTensor{{}, true, {double(attr.i())}});
      return success();
    }
    if (attr.name() == "value_floats" || attr.name() == "value_ints") {
      ConstTensor tensor{{}, attr.name() == "value_ints", {}};
      if (tensor.isInteger)
        tensor.data.assign(attr.ints().begin(), attr.ints().end());
      else
        tensor.data.assign(attr.floats().begin(), attr.floats().end());
      tensor.shape = {static_cast<int64_t>(tensor.data.size())};
      node.setConstOutput(0, std::move(tensor));
      return success();
    }
  }
  return node.error() << "only value, value_float(s) and value_int(s) "
                         "constants are supported";
}

static LogicalResult foldConstantOfShape(NodeContext &node) {
  Shape shape;
  for (double d : node.getConst(0)->data) {
    if (d < 0)
      return node.error() << "negative dimension " << d;
    shape.push_back(static_cast<int64_t>(d));
  }
  ConstTensor result{shape, false,
                     std::vector<double>(getNumElements(shape), 0.0)};
  if (const onnx::AttributeProto *value = node.findAttr("value")) {
    FailureOr<ConstTensor> fill =
        node.decodeAttrTensor(value->t(), "ConstantOfShape value");
    if (failed(fill))
      return failure();
    if (fill->data.size() != 1)
      return node.error() << "value must hold one element";
    result.isInteger = fill->isInteger;
    std::fill(result.data.begin(), result.data.end(), fill->data[0]);
  }
  node.setConstOutput(0, std::move(result));
  return success();
}

//===----------------------------------------------------------------------===//
// Element-wise arithmetic
//===----------------------------------------------------------------------===//

/// A unary op on every element; the result keeps the input's type.
template <double (*apply)(double)>
static LogicalResult foldUnary(NodeContext &node) {
  ConstTensor result = *node.getConst(0);
  for (double &v : result.data)
    v = roundElement(apply(v), result.isInteger);
  node.setConstOutput(0, std::move(result));
  return success();
}

static double negate(double v) { return -v; }
static double squareRoot(double v) { return std::sqrt(v); }
static double roundDown(double v) { return std::floor(v); }
static double roundUp(double v) { return std::ceil(v); }

/// An element-wise op of `arity` inputs under NumPy broadcasting:
/// `apply(operands)` computes one element from the operands' elements.
template <typename Fn>
static LogicalResult foldBroadcasting(NodeContext &node, int arity,
                                      bool isInteger, Fn apply) {
  auto input = [&](int i) -> const ConstTensor & { return *node.getConst(i); };
  // The operands' shapes under NumPy broadcasting (see legacyBroadcastShape
  // for binary ops before opset 7).
  SmallVector<Shape> shapes;
  for (int i = 0; i < arity; ++i)
    shapes.emplace_back(input(i).shape.begin(), input(i).shape.end());
  if (arity == 2) {
    FailureOr<Shape> aligned =
        legacyBroadcastShape(node, shapes[0], shapes[1]);
    if (failed(aligned))
      return failure();
    shapes[1] = *aligned;
  }
  Shape shape = shapes[0];
  for (int i = 1; i < arity; ++i) {
    FailureOr<Shape> broadcast =
        inferBroadcastShape(shape, shapes[i], node.errorFn());
    if (failed(broadcast))
      return failure();
    shape = *broadcast;
  }
  SmallVector<SmallVector<int64_t>> strides;
  for (int i = 0; i < arity; ++i)
    strides.push_back(broadcastStrides(shapes[i], shape));
  ConstTensor result{shape, isInteger,
                     std::vector<double>(getNumElements(shape))};
  forEachIndex(shape, strides, [&](int64_t flat, ArrayRef<int64_t> at) {
    double operands[3] = {};
    for (int i = 0; i < arity; ++i)
      operands[i] = input(i).data[at[i]];
    result.data[flat] = roundElement(apply(operands), result.isInteger);
  });
  node.setConstOutput(0, std::move(result));
  return success();
}

/// Add, Sub, Mul: the result has the first input's type.
template <double (*apply)(double, double)>
static LogicalResult foldArithmetic(NodeContext &node) {
  return foldBroadcasting(node, 2, node.getConst(0)->isInteger,
                          [](const double *x) { return apply(x[0], x[1]); });
}

static double add(double x, double y) { return x + y; }
static double subtract(double x, double y) { return x - y; }
static double multiply(double x, double y) { return x * y; }

/// Integer division truncates (and gives 0 for a zero divisor instead of
/// trapping), as ONNX Runtime does for shape arithmetic.
static LogicalResult foldDiv(NodeContext &node) {
  bool isInteger = node.getConst(0)->isInteger;
  return foldBroadcasting(node, 2, isInteger, [&](const double *x) {
    return isInteger ? (x[1] == 0 ? 0 : std::trunc(x[0] / x[1]))
                     : x[0] / x[1];
  });
}

/// Equal gives a bool tensor.
static LogicalResult foldEqual(NodeContext &node) {
  return foldBroadcasting(node, 2, /*isInteger=*/true, [](const double *x) {
    return static_cast<double>(x[0] == x[1]);
  });
}

/// Where(condition, x, y) has the type of x.
static LogicalResult foldWhere(NodeContext &node) {
  return foldBroadcasting(
      node, 3, node.getConst(1)->isInteger,
      [](const double *x) { return x[0] != 0 ? x[1] : x[2]; });
}

//===----------------------------------------------------------------------===//
// Gather, Slice, Range
//===----------------------------------------------------------------------===//

static LogicalResult foldGather(NodeContext &node) {
  const ConstTensor &data = *node.getConst(0), &indices = *node.getConst(1);
  int64_t rank = data.shape.size();
  FailureOr<SmallVector<int64_t>> axis =
      node.normalizeAxes({node.getInt("axis", 0)}, rank, /*sorted=*/false);
  if (failed(axis))
    return failure();
  int64_t a = axis->front(), dim = data.shape[a];
  int64_t outer = getNumElements(ArrayRef<int64_t>(data.shape).take_front(a));
  int64_t inner =
      getNumElements(ArrayRef<int64_t>(data.shape).drop_front(a + 1));
  Shape shape(data.shape.begin(), data.shape.begin() + a);
  shape.append(indices.shape.begin(), indices.shape.end());
  shape.append(data.shape.begin() + a + 1, data.shape.end());
  ConstTensor result{shape, data.isInteger, {}};
  for (int64_t o = 0; o < outer; ++o)
    for (double rawIndex : indices.data) {
      int64_t index = static_cast<int64_t>(rawIndex);
      if (index < -dim || index >= dim)
        return node.error() << "index " << index << " is out of range for "
                            << "a dimension of size " << dim;
      if (index < 0)
        index += dim;
      auto begin = data.data.begin() + (o * dim + index) * inner;
      result.data.insert(result.data.end(), begin, begin + inner);
    }
  node.setConstOutput(0, std::move(result));
  return success();
}

/// Slice's starts, ends, axes and steps are attributes before opset 10 and
/// inputs from it.
static LogicalResult foldSlice(NodeContext &node) {
  auto input = [&](int i) -> const ConstTensor & { return *node.getConst(i); };
  const ConstTensor &data = input(0);
  int64_t rank = data.shape.size();
  SmallVector<int64_t> starts, ends, axes, steps;
  auto ints = [](const ConstTensor &t) {
    SmallVector<int64_t> v;
    for (double d : t.data)
      v.push_back(static_cast<int64_t>(
          std::clamp(d, -9.0e18, 9.0e18))); // INT64_MAX ends stay huge
    return v;
  };
  if (node.getOpset() < 10) {
    starts = node.getInts("starts");
    ends = node.getInts("ends");
    axes = node.getInts("axes");
  } else {
    if (!node.hasInput(1) || !node.hasInput(2))
      return node.error() << "needs starts and ends";
    starts = ints(input(1));
    ends = ints(input(2));
    if (node.hasInput(3))
      axes = ints(input(3));
    if (node.hasInput(4))
      steps = ints(input(4));
  }
  if (axes.empty())
    axes = llvm::to_vector(llvm::seq<int64_t>(0, starts.size()));
  if (steps.empty())
    steps.assign(starts.size(), 1);
  if (ends.size() != starts.size() || axes.size() != starts.size() ||
      steps.size() != starts.size())
    return node.error() << "starts, ends, axes and steps differ in length";
  FailureOr<SmallVector<int64_t>> normalized =
      node.normalizeAxes(axes, rank, /*sorted=*/false);
  if (failed(normalized))
    return failure();
  // Clamp each sliced axis as ONNX does and count the elements taken.
  SmallVector<int64_t> begin(rank, 0), step(rank, 1);
  Shape shape(data.shape.begin(), data.shape.end());
  for (auto [i, axis] : llvm::enumerate(*normalized)) {
    int64_t dim = data.shape[axis], s = steps[i];
    if (s == 0)
      return node.error() << "slice step 0";
    int64_t b = starts[i] < 0 ? starts[i] + dim : starts[i];
    int64_t e = ends[i] < 0 ? ends[i] + dim : ends[i];
    if (s > 0) {
      b = std::clamp<int64_t>(b, 0, dim);
      e = std::clamp<int64_t>(e, 0, dim);
      shape[axis] = std::max<int64_t>(0, (e - b + s - 1) / s);
    } else {
      b = std::clamp<int64_t>(b, 0, dim - 1);
      e = std::clamp<int64_t>(e, -1, dim - 1);
      shape[axis] = std::max<int64_t>(0, (b - e + (-s) - 1) / (-s));
    }
    begin[axis] = b;
    step[axis] = s;
  }
  SmallVector<SmallVector<int64_t>> strides(1);
  int64_t base = 0;
  for (int64_t d = 0; d < rank; ++d) {
    int64_t stride =
        getNumElements(ArrayRef<int64_t>(data.shape).drop_front(d + 1));
    strides[0].push_back(stride * step[d]);
    base += begin[d] * stride;
  }
  ConstTensor result{shape, data.isInteger,
                     std::vector<double>(getNumElements(shape))};
  forEachIndex(shape, strides, [&](int64_t flat, ArrayRef<int64_t> at) {
    result.data[flat] = data.data[base + at[0]];
  });
  node.setConstOutput(0, std::move(result));
  return success();
}

static LogicalResult foldRange(NodeContext &node) {
  auto input = [&](int i) -> const ConstTensor & { return *node.getConst(i); };
  double start = input(0).data.at(0), limit = input(1).data.at(0),
         delta = input(2).data.at(0);
  if (delta == 0)
    return node.error() << "delta is 0";
  int64_t count = std::max<int64_t>(0, std::ceil((limit - start) / delta));
  ConstTensor result{{count}, input(0).isInteger, {}};
  for (int64_t i = 0; i < count; ++i)
    result.data.push_back(start + i * delta);
  node.setConstOutput(0, std::move(result));
  return success();
}

void mnc::onnx_frontend::registerConstantFoldingOps(OpTable &table) {
  table.addFolder("Constant", foldConstant);
  table.addFolder("ConstantOfShape", foldConstantOfShape);
  table.addFolder("Neg", foldUnary<negate>);
  table.addFolder("Sqrt", foldUnary<squareRoot>);
  table.addFolder("Floor", foldUnary<roundDown>);
  table.addFolder("Ceil", foldUnary<roundUp>);
  table.addFolder("Add", foldArithmetic<add>);
  table.addFolder("Sub", foldArithmetic<subtract>);
  table.addFolder("Mul", foldArithmetic<multiply>);
  table.addFolder("Div", foldDiv);
  table.addFolder("Equal", foldEqual);
  table.addFolder("Where", foldWhere);
  table.addFolder("Gather", foldGather);
  table.addFolder("Slice", foldSlice);
  table.addFolder("Range", foldRange);
}
