//===- Gemm.cpp - ONNX Gemm and MatMul ------------------------------------===//
//
// Matrix products by a constant matrix become fully connected layers, whose
// weight is stored [N, K]: the transposition and Gemm's alpha and beta are
// applied to the constants here, at compile time.
//
//===----------------------------------------------------------------------===//

#include "compiler/frontend/onnx/NodeContext.h"
#include "compiler/frontend/onnx/OpTable.h"

#include "dialects/MncOps.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/bit.h"

using namespace mlir;
using namespace mnc;
using namespace mnc::onnx_frontend;
using llvm::ArrayRef;

/// Gemm with a constant B (and C) becomes a fully connected layer whose
/// weight is [N, K] = alpha * (transB ? B : B^T) and bias beta * C.
static LogicalResult importGemm(NodeContext &node) {
  FailureOr<RankedTensorType> inputType = node.getValueType(0);
  FailureOr<const ConstTensor *> b = node.requireConst(1, "B");
  if (failed(inputType) || failed(b))
    return failure();
  float alpha = node.getFloat("alpha", 1.0f),
        beta = node.getFloat("beta", 1.0f);
  bool transA = node.getInt("transA", 0) != 0,
       transB = node.getInt("transB", 0) != 0;
  if (inputType->getRank() != 2 || (*b)->shape.size() != 2)
    return node.error() << "A and B must be rank 2, got "
                        << formatShape(inputType->getShape()) << " and "
                        << formatShape((*b)->shape);
  Value input = *node.getValue(0);
  if (transA) {
    ArrayRef<int64_t> shape = inputType->getShape();
    input = node.create<TransposeOp>(node.tensorType({shape[1], shape[0]}),
                                     input, ArrayRef<int64_t>{1, 0});
  }
  int64_t rows = (*b)->shape[0], cols = (*b)->shape[1];
  int64_t n = transB ? rows : cols, k = transB ? cols : rows;
  ConstTensor weight{{n, k}, false, std::vector<double>(n * k)};
  for (int64_t i = 0; i < n; ++i)
    for (int64_t j = 0; j < k; ++j)
      weight.data[i * k + j] =
          static_cast<float>(alpha) *
          static_cast<float>((*b)->data[transB ? i * cols + j : j * cols + i]);
  FailureOr<Shape> shape = inferFullyConnectedShape(
      cast<RankedTensorType>(input.getType()).getShape(), weight.shape,
      node.errorFn());
  if (failed(shape))
    return failure();

  Value bias;
  if (node.hasInput(2)) {
    FailureOr<const ConstTensor *> c = node.requireConst(2, "C");
    if (failed(c))
      return failure();
    // C broadcasts to [M, N]; only a bias that is the same for every row
    // fits a fully connected layer.
    ArrayRef<int64_t> cShape = (*c)->shape;
    int64_t rank = cShape.size();
    bool perColumn =
        rank <= 2 && (rank == 0 || cShape.back() == 1 || cShape.back() == n) &&
        (rank < 2 || cShape[0] == 1);
    if (!perColumn)
      return node.error() << "C of shape " << formatShape(cShape)
                          << " is not supported: the bias must be the same "
                             "for every row (shape [N], [1, N] or a scalar)";
    ConstTensor biasTensor{{n}, false, std::vector<double>(n)};
    for (int64_t i = 0; i < n; ++i)
      biasTensor.data[i] =
          static_cast<float>(beta) *
          static_cast<float>((*c)->data[(*c)->data.size() == 1 ? 0 : i]);
    // The name keys the cache of materialized constants: it must tell
    // apart Gemms that share C but differ in beta or N.
    std::string biasName =
        node.getInputName(2).str() + ".gemm_bias[" + std::to_string(n) + "]";
    if (beta != 1.0f)
      biasName += ".beta_" + llvm::utohexstr(llvm::bit_cast<uint32_t>(beta));
    bias = node.materialize(biasName, biasTensor);
  }
  // As for the bias: Gemms may share B with another alpha or transB.
  std::string weightName = node.getInputName(1).str() +
                           (transB ? ".gemm_weight" : ".gemm_weight.T");
  if (alpha != 1.0f)
    weightName += ".alpha_" + llvm::utohexstr(llvm::bit_cast<uint32_t>(alpha));
  Value weightValue = node.materialize(weightName, weight);
  node.setOutput(0, node.create<FullyConnectedOp>(node.tensorType(*shape),
                                                  input, weightValue, bias,
                                                  /*activation=*/nullptr));
  return success();
}

/// MatMul by a constant [K, N] matrix is a fully connected layer without a
/// bias; a batched left operand is flattened to rows and back.
static LogicalResult importMatMul(NodeContext &node) {
  FailureOr<RankedTensorType> inputType = node.getValueType(0);
  FailureOr<const ConstTensor *> b = node.requireConst(1, "B");
  if (failed(inputType) || failed(b))
    return failure();
  if (inputType->getRank() < 2 || (*b)->shape.size() != 2)
    return node.error() << "only [..., M, K] x [K, N] with a constant B is "
                           "supported, got "
                        << formatShape(inputType->getShape()) << " x "
                        << formatShape((*b)->shape);
  ArrayRef<int64_t> inShape = inputType->getShape();
  int64_t k = (*b)->shape[0], n = (*b)->shape[1];
  if (inShape.back() != k)
    return node.error() << "inner dimensions differ: " << formatShape(inShape)
                        << " x " << formatShape((*b)->shape);
  ConstTensor weight{{n, k}, false, std::vector<double>(n * k)};
  for (int64_t i = 0; i < n; ++i)
    for (int64_t j = 0; j < k; ++j)
      weight.data[i * k + j] = (*b)->data[j * n + i];
  Value input = *node.getValue(0);
  int64_t rows = getNumElements(inShape.drop_back());
  if (inShape.size() != 2)
    input = node.create<ReshapeOp>(node.tensorType({rows, k}), input);
  Value result = node.create<FullyConnectedOp>(
      node.tensorType({rows, n}), input,
      node.materialize(node.getInputName(1).str() + ".matmul_weight", weight),
      Value(), /*activation=*/nullptr);
  if (inShape.size() != 2) {
    Shape outShape(inShape.begin(), inShape.end());
    outShape.back() = n;
    result = node.create<ReshapeOp>(node.tensorType(outShape), result);
  }
  node.setOutput(0, result);
  return success();
}

void mnc::onnx_frontend::registerGemmOps(OpTable &table) {
  table.addImporter("Gemm", importGemm);
  table.addImporter("MatMul", importMatMul);
}
