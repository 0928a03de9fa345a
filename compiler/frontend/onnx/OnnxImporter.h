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
#include "llvm/Support/MemoryBufferRef.h"
#include "llvm/Support/raw_ostream.h"

#include <string>
#include <vector>

namespace mnc {

/// A shape given for a graph input (--input-shape [NAME=]SHAPE).
struct InputShape {
  /// The input's ONNX name; empty means the model's only input.
  std::string name;
  llvm::SmallVector<int64_t> shape;
};

struct ImportOptions {
  /// Replace the shapes of graph inputs, fixing their dynamic dimensions;
  /// an input not named keeps the model's shape.
  std::vector<InputShape> inputShapes;
  /// The tensors to compute (--outputs), in order; empty means the graph's
  /// outputs. Only the nodes they depend on are imported.
  std::vector<std::string> outputs;
};

/// The name a model read from standard input goes by in messages. Such a
/// model has no directory, so external data is refused.
constexpr llvm::StringLiteral kStandardInputName = "<stdin>";

/// Reads the ONNX model `model` (its bytes; its buffer identifier is the
/// file's path, which messages name and external data is found beside, or
/// kStandardInputName) into a module holding one function, `main`, of mnc
/// operations on static f32 tensors; weights become arith.constant values
/// and compile-time shape computations are folded away.
///
/// Every problem found is reported as an error diagnostic at a location that
/// names the file and, where one is to blame, the node (its index, name and
/// op type); the import goes on past a bad node to report all of them, then
/// returns null.
mlir::OwningOpRef<mlir::ModuleOp> importOnnxModel(llvm::MemoryBufferRef model,
                                                  const ImportOptions &options,
                                                  mlir::MLIRContext &context);

/// Prints one line per ONNX op of the default domain the importer supports,
/// sorted by name: the op, the opsets it is supported in ("7-21"), and
/// whether it runs at run time or is only evaluated at compile time (on
/// constant inputs).
void printSupportedOnnxOps(llvm::raw_ostream &os);

/// The location of the operations imported from ONNX node `index`: its name
/// (or "OpType_index" when it has none) as a NameLoc in the file, which
/// later stages use to name the layer, fused with the node's description
/// "node INDEX 'NAME' (OpType)" as metadata, which diagnostics print.
mlir::Location onnxNodeLocation(mlir::Location fileLoc, int index,
                                llvm::StringRef name, llvm::StringRef opType);

/// The description onnxNodeLocation put in `loc` (the first, when locations
/// of several nodes were fused), or an empty string.
std::string describeOnnxNode(mlir::Location loc);

} // namespace mnc

#endif // MNC_COMPILER_FRONTEND_ONNX_ONNXIMPORTER_H
