//===- Compiler.h - the mnc-compile driver --------------------------------===//

#ifndef MNC_COMPILER_COMPILER_H
#define MNC_COMPILER_COMPILER_H

#include "compiler/OnnxImporter.h"

#include "mlir/IR/MLIRContext.h"
#include "mlir/Support/LogicalResult.h"

#include <string>

namespace mnc {

/// The stage after which compilation stops and writes its result.
enum class EmitStage {
  Mnc, ///< the imported module, mnc dialect
  Lib, ///< the static library and its header
};

struct CompileOptions {
  std::string inputPath;
  /// Where the result goes; empty or "-" is standard output.
  std::string outputPath;
  EmitStage emit = EmitStage::Lib;
  ImportOptions import;
};

/// Compiles `options.inputPath` up to `options.emit` and writes the result.
/// Problems are reported through the context's diagnostics; on failure no
/// output file is created or changed.
mlir::LogicalResult compile(const CompileOptions &options,
                            mlir::MLIRContext &context);

/// Parses a shape such as "1x3x224x224".
mlir::FailureOr<llvm::SmallVector<int64_t>> parseShape(llvm::StringRef text);

} // namespace mnc

#endif // MNC_COMPILER_COMPILER_H
