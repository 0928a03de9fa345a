//===- Compiler.h - the mnc-compile driver --------------------------------===//

#ifndef MNC_COMPILER_COMPILER_H
#define MNC_COMPILER_COMPILER_H

#include "compiler/InputFormat.h"
#include "compiler/backend/Target.h"
#include "compiler/frontend/onnx/OnnxImporter.h"

#include "mlir/IR/MLIRContext.h"
#include "mlir/Support/LogicalResult.h"

#include <string>

namespace mnc {

/// The stage after which compilation stops and writes its result, in
/// pipeline order.
enum class EmitStage {
  Mnc,         ///< the imported module, mnc dialect
  Fused,       ///< after the fusion pipeline, mnc dialect
  Linalg,      ///< linalg, tensor, arith and math on tensors
  LLVMDialect, ///< the MLIR LLVM dialect, buffers in the workspace
  LLVMIR,      ///< optimized LLVM IR with NAME_run
  Asm,         ///< assembly for the target
  Obj,         ///< an object file for the target
  Lib,         ///< the static library and its header
};

struct CompileOptions {
  /// The model: an ONNX file, "-" for an ONNX model on standard input, or a
  /// .mlir file.
  std::string inputPath;
  /// Where the result goes; empty or "-" is standard output. For
  /// EmitStage::Lib, the archive OUT/libNAME.a; the headers NAME.h and
  /// mnc_runtime.h go beside it.
  std::string outputPath;
  EmitStage emit = EmitStage::Lib;
  ImportOptions import;
  /// How the library takes its inputs, when not as the model's NCHW float
  /// tensors (--input-layout, --input-type, --mean, --std; see
  /// parseInputFormats), applied to the imported module.
  std::vector<InputFormat> inputFormats;
  /// Target of the machine code (defaults: the host).
  TargetSpec target;
  /// The C name prefix; empty: derived from the output (or input) file name.
  std::string name;
  /// Whether the fusion pipeline runs.
  bool fuse = true;
  /// Where to write the IR after every pass (one numbered file each); empty:
  /// nowhere.
  std::string dumpIRDirectory;
  /// Whether those dumps keep large constants.
  bool dumpKeepConstants = false;
  /// Whether to print a per-layer report of the fused graph.
  bool report = false;
  /// Whether to build the instrumented variant for per-layer timing: NAME_run
  /// calls NAME_profile_mark(i), which the caller defines, before layer i of
  /// the fused graph and NAME_profile_mark(NAME_LAYER_COUNT) after the last;
  /// the header declares the hook and names the layers.
  bool profile = false;
  /// Whether compile() frees the modules it built before returning. A tool
  /// that exits right after sets false, as clang does with -disable-free:
  /// freeing millions of weight constants takes about a second.
  bool freeMemory = true;
  /// Whether to print each phase and its time to standard error (-v).
  bool verbose = false;
  /// The command that asked for this compilation, as the header records it.
  std::string commandLine;
};

/// Compiles `options.inputPath` up to `options.emit` and writes the result.
/// Problems are reported through the context's diagnostics; on failure no
/// output file is created or changed (for a library: neither the archive nor
/// a header). Output paths, the dump directory and the target are checked
/// before the model is read.
mlir::LogicalResult compile(const CompileOptions &options,
                            mlir::MLIRContext &context);

/// Parses a shape such as "1x3x224x224".
mlir::FailureOr<llvm::SmallVector<int64_t>> parseShape(llvm::StringRef text);

} // namespace mnc

#endif // MNC_COMPILER_COMPILER_H
