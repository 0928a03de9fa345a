//===- LinalgConvolution.h - convolutions as linalg on tensors --*- C++ -*-===//

#ifndef MNC_PASSES_LOWERING_LINALGCONVOLUTION_H
#define MNC_PASSES_LOWERING_LINALGCONVOLUTION_H

#include "mlir/IR/Builders.h"
#include "llvm/ADT/SmallVector.h"

namespace mnc {

/// [F, C, KH, KW] -> [KH, KW, C, F].
llvm::SmallVector<float> packHWCF(llvm::ArrayRef<float> filter,
                                  llvm::ArrayRef<int64_t> shape);
/// [C, 1, KH, KW] -> [KH, KW, C].
llvm::SmallVector<float> packHWC(llvm::ArrayRef<float> filter,
                                 llvm::ArrayRef<int64_t> shape);

/// The convolution of the padded NHWC `input` with the constant `filter`
/// ([F, C / groups, KH, KW], ONNX's layout) plus `bias` ([F] or null), of
/// NHWC result `storageShape`: linalg.conv_2d_nhwc_hwcf, or
/// linalg.depthwise_conv_2d_nhwc_hwc when every group is one channel in
/// and out; a grouped one splits the channels into [groups, per group]
/// (reshapes, no copies) and contracts in one linalg.generic over (n, oh,
/// ow, g, f, kh, kw, c) with the filter packed [KH, KW, G, C/G, F/G].
mlir::Value
buildLinalgConvolution(mlir::OpBuilder &b, mlir::Location loc,
                       mlir::Value input, llvm::ArrayRef<float> filter,
                       llvm::ArrayRef<int64_t> filterShape, int64_t groups,
                       llvm::ArrayRef<int64_t> strides,
                       llvm::ArrayRef<int64_t> dilations, mlir::Value bias,
                       llvm::ArrayRef<int64_t> storageShape);

} // namespace mnc

#endif // MNC_PASSES_LOWERING_LINALGCONVOLUTION_H
