//===- ShapeRules.h - ONNX attribute-driven shape rules -------------------===//
//
// Result shapes that depend on a node's attributes or constant inputs, shared
// by the run-time importers and the constant folders of the same op (a
// folded Reshape and an imported one must agree). The rules that need no
// ONNX attribute live in dialects/ShapeInference.h, shared with the
// verifiers.
//
//===----------------------------------------------------------------------===//

#ifndef MNC_COMPILER_FRONTEND_ONNX_OPS_SHAPERULES_H
#define MNC_COMPILER_FRONTEND_ONNX_OPS_SHAPERULES_H

#include "compiler/frontend/onnx/NodeContext.h"

#include <array>

namespace mnc::onnx_frontend {

/// Flatten: [prod(input[:axis]), prod(input[axis:])].
mlir::FailureOr<Shape> flattenShape(NodeContext &node,
                                    llvm::ArrayRef<int64_t> input);
/// Reshape to the constant input 1, with 0 (copy) and -1 (inferred) entries.
mlir::FailureOr<Shape> reshapeShape(NodeContext &node,
                                    llvm::ArrayRef<int64_t> input);
/// Squeeze the given axes, or every 1 without axes.
mlir::FailureOr<Shape> squeezeShape(NodeContext &node,
                                    llvm::ArrayRef<int64_t> input);
/// Unsqueeze: insert 1s at the given axes of the result.
mlir::FailureOr<Shape> unsqueezeShape(NodeContext &node,
                                      llvm::ArrayRef<int64_t> input);

/// The Transpose permutation: `perm`, or the reversed dimensions.
mlir::FailureOr<llvm::SmallVector<int64_t>> transposePerm(NodeContext &node,
                                                          int64_t rank);

/// [top, left, bottom, right] pads of a 2-D window op (Conv, AveragePool,
/// MaxPool) from `pads` or `auto_pad`.
mlir::FailureOr<std::array<int64_t, 4>>
windowPads(NodeContext &node, llvm::ArrayRef<int64_t> input,
           llvm::ArrayRef<int64_t> window, llvm::ArrayRef<int64_t> strides);

/// Concat's axis (a required attribute from opset 4, 1 by default before).
int64_t concatAxis(NodeContext &node);

/// The shape of Add's (Sub's, Mul's, Div's) second input under NumPy
/// broadcasting. Before opset 7 these ops broadcast only with `broadcast` =
/// 1, the second input aligned with the first at `axis` (default: at the
/// end, as NumPy does): `second` gets trailing 1s up to the first's rank.
/// From opset 7, `second` as it is.
mlir::FailureOr<Shape> legacyBroadcastShape(NodeContext &node,
                                            llvm::ArrayRef<int64_t> first,
                                            llvm::ArrayRef<int64_t> second);

} // namespace mnc::onnx_frontend

#endif // MNC_COMPILER_FRONTEND_ONNX_OPS_SHAPERULES_H
