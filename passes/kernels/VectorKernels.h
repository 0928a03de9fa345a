//===- VectorKernels.h - register-blocked convolution kernels ---*- C++ -*-===//
//
// Builders for the convolution and matrix kernels convert-mnc-to-linalg emits
// when it knows the target's vector registers: scf loops around vector FMAs
// on NHWC tensors, with bias, activation and residual add applied while the
// accumulators are still in registers. Every vector has a power-of-two width
// (LLVM turns other widths into long shuffle sequences); channel counts that
// are not a multiple of the block are covered by narrower power-of-two tails.
//
//===----------------------------------------------------------------------===//

#ifndef MNC_PASSES_VECTORKERNELS_H
#define MNC_PASSES_VECTORKERNELS_H

#include "dialects/MncOps.h"

#include "mlir/IR/Builders.h"

namespace mnc {

/// The register file the kernels are blocked for.
struct VectorTarget {
  /// f32 lanes of one vector register; 0 means no vector kernels.
  int64_t lanes = 0;
  /// Vectors across the output channels of one matrix-kernel tile.
  int64_t vectorsPerTile = 2;
  /// Output pixels of one matrix-kernel tile (the tile keeps
  /// rows x vectorsPerTile accumulators in registers).
  int64_t rows = 7;
  /// Output columns of one depthwise tile (one vector of channels each).
  int64_t depthwiseColumns = 8;
};

/// `activation` applied to `x`, a scalar or a vector of f32; constants are
/// created with x's type. A null or `none` activation returns `x`.
mlir::Value emitActivation(mlir::OpBuilder &b, mlir::Location loc,
                           mlir::Value x, ActivationAttr activation);

/// The operands of a convolution on NHWC tensors (groups = 1).
struct ConvKernelOperands {
  /// [N, H, W, C], already zero-padded.
  mlir::Value input;
  /// The input is [N, C, H, W] instead (the model's own input): the kernel
  /// reads it in place rather than after a transpose. Only for
  /// emitConvKernel.
  bool inputNCHW = false;
  /// Zero rows and columns around the input (top, left, bottom, right) that
  /// are not in `input`: tiles that reach them check each read, the others
  /// read directly, and nothing copies the input into a padded buffer. Only
  /// for an input read in place (the model's argument, NCHW or not); empty
  /// for none. Only for emitConvKernel.
  llvm::ArrayRef<int64_t> inputPadding;
  /// How the kernel turns each value it reads of an input read in place (a
  /// camera frame under mnc.normalize_input) into what the convolution
  /// sees: inputOffset[c] is subtracted and the difference multiplied by
  /// inputScale[c], for input channel c (each empty for none). An i8 input
  /// holds unsigned 8-bit values: the kernel looks each one up in a table
  /// of the 256 values so normalized. The padding stays zero: it is the
  /// normalized image's. Only for emitConvKernel.
  llvm::ArrayRef<float> inputOffset, inputScale;
  /// The filter packed [KH, KW, C, F], row-major.
  llvm::ArrayRef<float> filter;
  int64_t kernelH = 1, kernelW = 1;
  int64_t strideH = 1, strideW = 1, dilationH = 1, dilationW = 1;
  /// [F] tensor or null.
  mlir::Value bias;
  /// Fused activation or null.
  ActivationAttr activation;
  /// [N, OH, OW, F] tensor added after the activation, or null.
  mlir::Value residual;
  /// [N, OH, OW, F].
  llvm::ArrayRef<int64_t> outputShape;
  /// Zero rows and columns around the result (top, left, bottom, right), for
  /// a consumer that pads its input by as much; empty for none. The kernel
  /// then returns the padded tensor, [N, OH + top + bottom, OW + left +
  /// right, F], and nothing has to copy the result into a padded buffer.
  llvm::ArrayRef<int64_t> outputPadding;
};

/// out = activation(conv(input, filter) + bias) + residual: each tile of
/// `rows` output pixels by `vectorsPerTile` channel vectors accumulates over
/// KH x KW x C in registers, broadcasting one input scalar per row.
mlir::Value emitConvKernel(mlir::OpBuilder &b, mlir::Location loc,
                           const ConvKernelOperands &operands,
                           const VectorTarget &target);

/// The same for a depthwise convolution (the filter packed [KH, KW, C]):
/// each tile is `depthwiseColumns` output pixels of one row by one channel
/// vector, the KH x KW taps unrolled. With `rowSums`, also sets it to the
/// sums of the result's rows, [N, OH, C] (the unpadded result summed over
/// OW), added up while the tiles are in registers: a squeeze-and-excite
/// that follows then needs no pass over the whole tensor for its mean.
mlir::Value emitDepthwiseKernel(mlir::OpBuilder &b, mlir::Location loc,
                                const ConvKernelOperands &operands,
                                const VectorTarget &target,
                                mlir::Value *rowSums = nullptr);

/// [M, K] x [K, N] (the weight packed row-major [K, N]) + bias, then the
/// activation: the convolution kernel on M pixels of one row.
mlir::Value emitMatmulKernel(mlir::OpBuilder &b, mlir::Location loc,
                             mlir::Value input, llvm::ArrayRef<float> weight,
                             int64_t n, mlir::Value bias,
                             ActivationAttr activation,
                             const VectorTarget &target);

/// The mean over H and W of an [N, H, W, C] tensor, as [N, C]: groups of
/// channel vectors accumulate in registers over the pixels. The sum is
/// divided by `count`, or by H x W when it is 0 (the mean of an image from
/// its row sums: the sums as [N, OH, 1, C], `count` = OH x OW).
mlir::Value emitChannelMean(mlir::OpBuilder &b, mlir::Location loc,
                            mlir::Value input, const VectorTarget &target,
                            int64_t count = 0);

/// input[n, h, w, c] * scale[n, c] (the squeeze-and-excite gate), written
/// over the input in place.
mlir::Value emitChannelScale(mlir::OpBuilder &b, mlir::Location loc,
                             mlir::Value input, mlir::Value scale,
                             const VectorTarget &target);

} // namespace mnc

#endif // MNC_PASSES_VECTORKERNELS_H
