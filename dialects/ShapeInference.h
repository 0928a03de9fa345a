//===- ShapeInference.h - result shapes of mnc operations -----------------===//
//
// One function per shape rule, shared by the op verifiers and by front ends
// that must know a result type before they build an op. Each reports why a
// shape is invalid through `emitError` and returns failure.
//
//===----------------------------------------------------------------------===//

#ifndef MNC_DIALECTS_SHAPEINFERENCE_H
#define MNC_DIALECTS_SHAPEINFERENCE_H

#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/Value.h"
#include "mlir/Support/LogicalResult.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/SmallVector.h"

namespace mnc {

using Shape = llvm::SmallVector<int64_t, 4>;
using EmitErrorFn = llvm::function_ref<mlir::InFlightDiagnostic()>;

/// [N, C_out, OH, OW] for an NCHW input and a [C_out, C_in / groups, KH, KW]
/// filter. `pads` is [top, left, bottom, right].
mlir::FailureOr<Shape> inferConv2dShape(llvm::ArrayRef<int64_t> input,
                                        llvm::ArrayRef<int64_t> filter,
                                        llvm::ArrayRef<int64_t> strides,
                                        llvm::ArrayRef<int64_t> pads,
                                        llvm::ArrayRef<int64_t> dilations,
                                        int64_t groups, EmitErrorFn emitError);

/// [N, F, OH, OW] of a 2-D transposed convolution: input [N, C, H, W],
/// filter [C, F / groups, KH, KW]; OH = stride * (H - 1) + output_padding +
/// dilation * (KH - 1) + 1 - pad_top - pad_bottom (and likewise OW).
mlir::FailureOr<Shape> inferConvTranspose2dShape(
    llvm::ArrayRef<int64_t> input, llvm::ArrayRef<int64_t> filter,
    llvm::ArrayRef<int64_t> strides, llvm::ArrayRef<int64_t> pads,
    llvm::ArrayRef<int64_t> dilations, llvm::ArrayRef<int64_t> outputPadding,
    int64_t groups, EmitErrorFn emitError);

/// [N, C, OH, OW] of a 2-D pooling window over an NCHW input. `pads` is
/// [top, left, bottom, right]; each must be smaller than the kernel (ONNX
/// Runtime's rule). With `ceilMode`, a last window that would start in the
/// end padding is dropped.
mlir::FailureOr<Shape> inferPool2dShape(llvm::ArrayRef<int64_t> input,
                                        llvm::ArrayRef<int64_t> kernel,
                                        llvm::ArrayRef<int64_t> strides,
                                        llvm::ArrayRef<int64_t> pads,
                                        llvm::ArrayRef<int64_t> dilations,
                                        bool ceilMode, EmitErrorFn emitError);

/// NumPy (multidirectional) broadcasting of two shapes.
mlir::FailureOr<Shape> inferBroadcastShape(llvm::ArrayRef<int64_t> lhs,
                                           llvm::ArrayRef<int64_t> rhs,
                                           EmitErrorFn emitError);

/// [M, N] for an [M, K] input and an [N, K] weight.
/// [B..., M, N] of a batched matrix product of [B..., M, K] and
/// [B..., K, N] (the same batch dimensions on both sides, at least one).
mlir::FailureOr<Shape> inferBatchMatmulShape(llvm::ArrayRef<int64_t> lhs,
                                             llvm::ArrayRef<int64_t> rhs,
                                             EmitErrorFn emitError);

mlir::FailureOr<Shape> inferFullyConnectedShape(llvm::ArrayRef<int64_t> input,
                                                llvm::ArrayRef<int64_t> weight,
                                                EmitErrorFn emitError);

/// Reduction over sorted, unique, non-negative `axes`.
mlir::FailureOr<Shape> inferReduceShape(llvm::ArrayRef<int64_t> input,
                                        llvm::ArrayRef<int64_t> axes,
                                        bool keepdims, EmitErrorFn emitError);

/// Output dimension i is input dimension perm[i].
mlir::FailureOr<Shape> inferTransposeShape(llvm::ArrayRef<int64_t> input,
                                           llvm::ArrayRef<int64_t> perm,
                                           EmitErrorFn emitError);

/// Concatenation of `inputs` along a non-negative `axis`.
mlir::FailureOr<Shape>
inferConcatShape(llvm::ArrayRef<llvm::ArrayRef<int64_t>> inputs, int64_t axis,
                 EmitErrorFn emitError);

/// Constant padding with ONNX's [begins..., ends...] `pads`.
mlir::FailureOr<Shape> inferPadShape(llvm::ArrayRef<int64_t> input,
                                     llvm::ArrayRef<int64_t> pads,
                                     EmitErrorFn emitError);

/// The number of elements of a static shape.
int64_t getNumElements(llvm::ArrayRef<int64_t> shape);

/// The shape of `value`, a ranked tensor (every mnc operand and result is).
llvm::ArrayRef<int64_t> shapeOf(mlir::Value value);

} // namespace mnc

#endif // MNC_DIALECTS_SHAPEINFERENCE_H
