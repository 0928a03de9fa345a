//===- ModelReader.h - reading an ONNX model file -------------------------===//
//
// The model-level steps of the import, before any node is looked at: parse
// the file, find the default-domain opset, run libonnx's checker where it
// can, decode the initializers and type the graph input.
//
//===----------------------------------------------------------------------===//

#ifndef MNC_COMPILER_FRONTEND_ONNX_MODELREADER_H
#define MNC_COMPILER_FRONTEND_ONNX_MODELREADER_H

#include "compiler/frontend/onnx/TensorDecoding.h"

#include "mlir/IR/BuiltinTypes.h"
#include "llvm/ADT/StringMap.h"

namespace mnc::onnx_frontend {

/// Parses the bytes of an ONNX model file into `model`; fails on bytes that
/// are no ModelProto or a graph without nodes.
mlir::LogicalResult parseModel(llvm::StringRef bytes, onnx::ModelProto &model,
                               FileErrorFn fileError);

/// The model's default-domain ("" or "ai.onnx") opset, which must lie in
/// [kOldestOpset, kNewestOpset].
mlir::FailureOr<int64_t> readDefaultOpset(const onnx::ModelProto &model,
                                          FileErrorFn fileError);

/// Runs libonnx's checker where it knows the model's opset and IR version;
/// newer models (opset 18 and up with libonnx 1.12) are checked by the
/// importer's own rules only. A rejection is reported, not returned: the
/// import goes on to report the rest.
void runOnnxChecker(const onnx::ModelProto &model, llvm::StringRef path,
                    int64_t opset, FileErrorFn fileError);

/// Decodes every initializer into `constants`, by name. Reports each bad
/// one and fails if any was.
mlir::LogicalResult readInitializers(const onnx::ModelProto &model,
                                     llvm::StringRef path,
                                     llvm::StringMap<ConstTensor> &constants,
                                     FileErrorFn fileError);

/// The static f32 type of the graph input `info`; `givenShape`
/// (--input-shape), when not empty, fixes its dynamic dimensions.
mlir::FailureOr<mlir::RankedTensorType>
readGraphInput(const onnx::ValueInfoProto &info,
               llvm::ArrayRef<int64_t> givenShape, mlir::MLIRContext &context,
               FileErrorFn fileError);

} // namespace mnc::onnx_frontend

#endif // MNC_COMPILER_FRONTEND_ONNX_MODELREADER_H
