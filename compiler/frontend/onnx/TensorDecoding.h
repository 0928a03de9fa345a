//===- TensorDecoding.h - ONNX TensorProto to ConstTensor -----------------===//
//
// Decodes the tensors an ONNX model stores (initializers, Constant values,
// ConstantOfShape fills): every element type MobileNetV3 exporters use, raw
// or typed fields, and external data files beside the model.
//
//===----------------------------------------------------------------------===//

#ifndef MNC_COMPILER_FRONTEND_ONNX_TENSORDECODING_H
#define MNC_COMPILER_FRONTEND_ONNX_TENSORDECODING_H

#include "compiler/frontend/onnx/ConstTensor.h"

#include "mlir/IR/Diagnostics.h"
#include "mlir/Support/LogicalResult.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/StringRef.h"

#include <onnx/onnx_pb.h>

namespace mnc::onnx_frontend {

/// Emits an error at the model file's location (and counts it).
using FileErrorFn = llvm::function_ref<mlir::InFlightDiagnostic()>;

/// The ONNX name of a TensorProto element type ("FLOAT", "INT64", ...), or
/// "UNKNOWN" for a value outside the enum.
const char *elementTypeName(int32_t type);

/// Decodes `tensor`, reading external data relative to `modelPath`. `what`
/// names the tensor in diagnostics ("initializer 'w'"); every problem is
/// reported through `fileError`.
mlir::FailureOr<ConstTensor> decodeTensor(const onnx::TensorProto &tensor,
                                          llvm::StringRef what,
                                          llvm::StringRef modelPath,
                                          FileErrorFn fileError);

} // namespace mnc::onnx_frontend

#endif // MNC_COMPILER_FRONTEND_ONNX_TENSORDECODING_H
