//===- OnnxImporter.h - ONNX model to mnc dialect -------------------------===//
//
// The public interface of the ONNX front end (compiler/frontend/onnx), the
// only part of mnc that reads ONNX protobufs. This header includes none:
// callers build without ONNX's headers and without exceptions.
//
//===----------------------------------------------------------------------===//

#ifndef MNC_COMPILER_FRONTEND_ONNX_ONNXIMPORTER_H
#define MNC_COMPILER_FRONTEND_ONNX_ONNXIMPORTER_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"

namespace mnc {

struct ImportOptions {
  /// Replaces the shape of the graph input, fixing its dynamic dimensions;
  /// empty keeps the model's shape.
  llvm::SmallVector<int64_t> inputShape;
};

/// Reads the ONNX model at `path` into a module holding one function, `main`,
/// of mnc operations on static f32 tensors; weights become arith.constant
/// values and compile-time shape computations are folded away.
///
/// Every problem found is reported as an error diagnostic at a location that
/// names the file and, where one is to blame, the node (its index, name and
/// op type); the import goes on past a bad node to report all of them, then
/// returns null.
mlir::OwningOpRef<mlir::ModuleOp> importOnnxModel(llvm::StringRef path,
                                                  const ImportOptions &options,
                                                  mlir::MLIRContext &context);

} // namespace mnc

#endif // MNC_COMPILER_FRONTEND_ONNX_ONNXIMPORTER_H
