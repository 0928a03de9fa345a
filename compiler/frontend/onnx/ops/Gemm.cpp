//===- Gemm.cpp - ONNX Gemm and MatMul ------------------------------------===//
//
// Matrix products become fully connected layers, whose weight is stored
// [N, K]: for a constant B the transposition and Gemm's alpha and beta are
// applied to the constants here, at compile time.
//
//===----------------------------------------------------------------------===//

#include "compiler/frontend/onnx/NodeContext.h"
#include "compiler/frontend/onnx/ops/ShapeRules.h"
#include "compiler/frontend/onnx/OpTable.h"

#include "dialects/MncOps.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/bit.h"

using namespace mlir;
using namespace mnc;
using namespace mnc::onnx_frontend;
using llvm::ArrayRef;

/// `value` times the constant `factor`, unless it is 1.
static Value scaled(NodeContext &node, Value value, float factor,
                    StringRef what) {
  if (factor == 1.0f)
    return value;
  std::string name = (node.getInputName(0) + "." + what + "_" +
                      llvm::utohexstr(llvm::bit_cast<uint32_t>(factor)))
                         .str();
  Value scalar = node.materialize(name, ConstTensor{{}, false, {factor}});
  return node.create<MulOp>(value.getType(), value, scalar);
}

/// The shape of input `index`, without materializing a constant one (its
/// transposed form is what the layer uses).
static FailureOr<Shape> operandShape(NodeContext &node, int index) {
  if (const ConstTensor *constant = node.getConst(index))
    return Shape(constant->shape.begin(), constant->shape.end());
  FailureOr<RankedTensorType> type = node.getValueType(index);
  if (failed(type))
    return failure();
  return Shape(type->getShape().begin(), type->getShape().end());
}

/// [rows, cols] -> [cols, rows].
static Value transposed(NodeContext &node, Value matrix) {
  ArrayRef<int64_t> shape = cast<RankedTensorType>(matrix.getType()).getShape();
  return node.create<TransposeOp>(node.tensorType({shape[1], shape[0]}),
                                  matrix, ArrayRef<int64_t>{1, 0});
}

/// Gemm: Y = alpha * A' * B' + beta * C, A' and B' transposed as transA and
/// transB say. It becomes a fully connected layer of weight [N, K]: with a
/// constant B, alpha * B' transposed at compile time and a constant C that
/// is the same for every row as its bias (beta folded in); otherwise the
/// weight is computed (B, or its transpose), alpha scales the product, and
/// beta * C of any shape that broadcasts to [M, N] is added after it.
static LogicalResult importGemm(NodeContext &node) {
  FailureOr<RankedTensorType> inputType = node.getValueType(0);
  FailureOr<Shape> bShape = operandShape(node, 1);
  if (failed(inputType) || failed(bShape))
    return failure();
  float alpha = node.getFloat("alpha", 1.0f),
        beta = node.getFloat("beta", 1.0f);
  bool transA = node.getInt("transA", 0) != 0,
       transB = node.getInt("transB", 0) != 0;
  if (inputType->getRank() != 2 || bShape->size() != 2)
    return node.error() << "A and B must be rank 2, got "
                        << formatShape(inputType->getShape()) << " and "
                        << formatShape(*bShape);
  Value input = *node.getValue(0);
  if (transA)
    input = transposed(node, input);
  int64_t n = transB ? (*bShape)[0] : (*bShape)[1];

  // The weight, [N, K].
  Value weightValue;
  const ConstTensor *b = node.getConst(1);
  if (b) {
    int64_t rows = b->shape[0], cols = b->shape[1];
    int64_t k = transB ? cols : rows;
    ConstTensor weight{{n, k}, false, std::vector<double>(n * k)};
    for (int64_t i = 0; i < n; ++i)
      for (int64_t j = 0; j < k; ++j)
        weight.data[i * k + j] =
            static_cast<float>(alpha) *
            static_cast<float>(b->data[transB ? i * cols + j : j * cols + i]);
    // Gemms may share B with another alpha or transB: the name keys the
    // cache of materialized constants.
    std::string weightName = node.getInputName(1).str() +
                             (transB ? ".gemm_weight" : ".gemm_weight.T");
    if (alpha != 1.0f)
      weightName +=
          ".alpha_" + llvm::utohexstr(llvm::bit_cast<uint32_t>(alpha));
    weightValue = node.materialize(weightName, weight);
  } else {
    weightValue = *node.getValue(1);
    if (!transB)
      weightValue = transposed(node, weightValue);
  }
  FailureOr<Shape> shape = inferFullyConnectedShape(
      cast<RankedTensorType>(input.getType()).getShape(),
      cast<RankedTensorType>(weightValue.getType()).getShape(),
      node.errorFn());
  if (failed(shape))
    return failure();

  // C as the layer's bias when it can be, otherwise added after.
  Value bias, addend;
  if (node.hasInput(2)) {
    const ConstTensor *c = node.getConst(2);
    ArrayRef<int64_t> cShape = c ? ArrayRef<int64_t>(c->shape)
                                 : ArrayRef<int64_t>();
    int64_t rank = cShape.size();
    bool perColumn = c && b && rank <= 2 &&
                     (rank == 0 || cShape.back() == 1 || cShape.back() == n) &&
                     (rank < 2 || cShape[0] == 1);
    if (perColumn) {
      ConstTensor biasTensor{{n}, false, std::vector<double>(n)};
      for (int64_t i = 0; i < n; ++i)
        biasTensor.data[i] =
            static_cast<float>(beta) *
            static_cast<float>(c->data[c->data.size() == 1 ? 0 : i]);
      // As for the weight: Gemms may share C with another beta or N.
      std::string biasName =
          node.getInputName(2).str() + ".gemm_bias[" + std::to_string(n) + "]";
      if (beta != 1.0f)
        biasName +=
            ".beta_" + llvm::utohexstr(llvm::bit_cast<uint32_t>(beta));
      bias = node.materialize(biasName, biasTensor);
    } else {
      FailureOr<Value> cValue = node.getValue(2);
      if (failed(cValue))
        return failure();
      addend = scaled(node, *cValue, beta, "gemm_beta");
      FailureOr<Shape> sum = inferBroadcastShape(
          *shape, cast<RankedTensorType>(addend.getType()).getShape(),
          node.errorFn());
      if (failed(sum))
        return failure();
      if (ArrayRef<int64_t>(*sum) != ArrayRef<int64_t>(*shape))
        return node.error() << "C of shape "
                            << formatShape(shapeOf(addend))
                            << " does not broadcast to the result "
                            << formatShape(*shape);
    }
  }
  Value result = node.create<FullyConnectedOp>(
      node.tensorType(*shape), input, weightValue, bias,
      /*activation=*/nullptr);
  if (!b)
    result = scaled(node, result, alpha, "gemm_alpha");
  if (addend)
    result = node.create<AddOp>(result.getType(), result, addend);
  node.setOutput(0, result);
  return success();
}

/// MatMul of [B..., M, K] by a batched [B..., K, N]: mnc.batch_matmul. The
/// batch dimensions must be the same (a left operand without them, or of
/// rank 1, is refused).
static LogicalResult importBatchedMatMul(NodeContext &node,
                                         ArrayRef<int64_t> lhsShape,
                                         ArrayRef<int64_t> rhsShape) {
  if (lhsShape.size() != rhsShape.size() ||
      lhsShape.drop_back(2) != rhsShape.drop_back(2))
    return node.error() << "a batched B needs the same batch dimensions on "
                           "both sides, got "
                        << formatShape(lhsShape) << " x "
                        << formatShape(rhsShape);
  FailureOr<Value> lhs = node.getValue(0), rhs = node.getValue(1);
  if (failed(lhs) || failed(rhs))
    return failure();
  FailureOr<Shape> shape =
      inferBatchMatmulShape(lhsShape, rhsShape, node.errorFn());
  if (failed(shape))
    return failure();
  node.setOutput(0,
                 node.create<BatchMatmulOp>(node.tensorType(*shape), *lhs, *rhs));
  return success();
}

/// MatMul by a [K, N] matrix (NumPy semantics: 1-D operands are a row or a
/// column) is a fully connected layer without a bias, of weight [N, K]: a
/// constant B is transposed at compile time, a computed one at run time; a
/// batched left operand is flattened to rows and back. A batched B makes it
/// a batched product.
static LogicalResult importMatMul(NodeContext &node) {
  FailureOr<RankedTensorType> inputType = node.getValueType(0);
  FailureOr<Shape> bOperandShape = operandShape(node, 1);
  if (failed(inputType) || failed(bOperandShape))
    return failure();
  ArrayRef<int64_t> inShape = inputType->getShape(), bShape = *bOperandShape;
  if (bShape.size() > 2)
    return importBatchedMatMul(node, inShape, bShape);
  if (inShape.empty() || bShape.empty())
    return node.error() << "operands must have rank 1 or more, got "
                        << formatShape(inShape) << " x "
                        << formatShape(bShape);
  int64_t k = bShape[0], n = bShape.size() == 2 ? bShape[1] : 1;
  if (inShape.back() != k)
    return node.error() << "inner dimensions differ: " << formatShape(inShape)
                        << " x " << formatShape(bShape);
  Value weightValue;
  if (const ConstTensor *b = node.getConst(1)) {
    ConstTensor weight{{n, k}, false, std::vector<double>(n * k)};
    for (int64_t i = 0; i < n; ++i)
      for (int64_t j = 0; j < k; ++j)
        weight.data[i * k + j] = b->data[j * n + i];
    weightValue =
        node.materialize(node.getInputName(1).str() + ".matmul_weight", weight);
  } else {
    weightValue = *node.getValue(1);
    weightValue = bShape.size() == 1
                      ? node.create<ReshapeOp>(node.tensorType({1, k}),
                                               weightValue)
                      : transposed(node, weightValue);
  }
  Value input = *node.getValue(0);
  int64_t rows = getNumElements(inShape.drop_back());
  if (inShape.size() != 2)
    input = node.create<ReshapeOp>(node.tensorType({rows, k}), input);
  Value result = node.create<FullyConnectedOp>(node.tensorType({rows, n}),
                                               input, weightValue, Value(),
                                               /*activation=*/nullptr);
  // NumPy's shape: [..., M, N], without M for a 1-D A, without N for a
  // 1-D B.
  Shape outShape(inShape.begin(), inShape.end() - 1);
  if (bShape.size() == 2)
    outShape.push_back(n);
  if (ArrayRef<int64_t>(outShape) != ArrayRef<int64_t>{rows, n})
    result = node.create<ReshapeOp>(node.tensorType(outShape), result);
  node.setOutput(0, result);
  return success();
}

void mnc::onnx_frontend::registerGemmOps(OpTable &table) {
  table.addImporter("Gemm", importGemm);
  table.addImporter("MatMul", importMatMul);
}
