//===- LibraryInterface.h - what a generated library looks like from C ----===//
//
// The facts about a library that its entry points and its header both
// depend on (name, buffers, workspace, profiled layers), collected by the
// driver from the options and the lowered module.
//
//===----------------------------------------------------------------------===//

#ifndef MNC_COMPILER_BACKEND_LIBRARYINTERFACE_H
#define MNC_COMPILER_BACKEND_LIBRARYINTERFACE_H

#include "mlir/IR/MLIRContext.h"
#include "mlir/Support/LogicalResult.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace mnc {

/// One layer of a library compiled with --profile, as its header names it.
struct ProfiledLayer {
  std::string node;  ///< the ONNX node it came from
  std::string kind;  ///< e.g. "pointwise", "depthwise 3x3 s2"
  std::string shape; ///< of its output, e.g. "1x16x112x112"
  int64_t macs = 0;  ///< multiply-accumulates
  int64_t bytes = 0; ///< bytes of the activations it reads and writes
};

/// The code for one CPU in a library (several with --mcpu a,b on x86-64).
struct CodePathInterface {
  std::string cpu;      ///< as --mcpu named it, e.g. "x86-64-v3"
  std::string features; ///< comma-separated LLVM feature names
};

/// How the library takes an input other than as the model's NCHW float
/// tensor (--input-layout, --input-type, --mean, --std).
struct InputFormatDescription {
  /// The buffer is NHWC (its shape too), not NCHW.
  bool channelsLast = false;
  /// The per-channel mean and std the library normalizes with; empty when
  /// not given (0 and 1).
  llvm::SmallVector<float> mean, std;
};

/// One input or output buffer of a library.
struct TensorInterface {
  std::string name; ///< the ONNX tensor's name (may be empty)
  /// As in the ONNX model; for an input with a format, as the buffer holds
  /// it (NHWC).
  llvm::SmallVector<int64_t> shape;
  /// The C type of an element: "float", or "uint8_t" (an input of 8-bit
  /// pixels), and its bytes.
  std::string elementType = "float";
  int64_t elementBytes = 4;
  /// For an input with a format: what it holds.
  std::optional<InputFormatDescription> format;
};

/// What a generated library looks like from C.
struct LibraryInterface {
  /// The C identifier prefix: NAME_run, NAME_INPUT_SIZE, NAME.h.
  std::string name;
  /// Where the library came from, for the header's comment: the model file
  /// (its name and SHA-256; the name only for an .mlir input), the archive,
  /// the target ("TRIPLE, cpu CPU"), the compiler's version and the command
  /// that ran it.
  std::string sourceFile;
  std::string sourceSha256;
  std::string archiveFile;
  std::string targetDescription;
  std::string compilerVersion;
  std::string commandLine;
  /// The code paths, one per CPU, with the features each may use. When
  /// `checksCpu` (x86-64), NAME_run runs the best path the CPU has all the
  /// features of, or returns MNC_ERROR_UNSUPPORTED_CPU, and NAME_cpu_path
  /// names it; `features` are those it checks.
  std::vector<CodePathInterface> codePaths;
  bool checksCpu = false;
  /// The inputs and outputs, in graph order (NAME_run's arguments).
  std::vector<TensorInterface> inputs;
  std::vector<TensorInterface> outputs;

  /// Whether the header keeps the one-input, one-output form (NAME_run(input,
  /// output, workspace), NAME_INPUT_SIZE, ...) rather than the numbered one.
  bool hasSingleInputAndOutput() const {
    return inputs.size() == 1 && outputs.size() == 1;
  }
  /// Bytes of scratch memory NAME_run needs.
  int64_t workspaceSize = 0;
  /// For a library compiled with --profile: the function NAME_run calls
  /// before each layer and after the last (NAME_profile_mark, defined by
  /// the caller), and the layers; empty when not profiled.
  std::string profileHook;
  std::vector<ProfiledLayer> layers;
};

/// The number of elements of a tensor of static `shape`.
inline int64_t numElements(llvm::ArrayRef<int64_t> shape) {
  int64_t count = 1;
  for (int64_t dim : shape)
    count *= dim;
  return count;
}

/// The file every generated header includes.
constexpr llvm::StringLiteral kRuntimeHeaderName = "mnc_runtime.h";

/// The C identifier a library is named by: `nameOption` if given (which must
/// be a C identifier), otherwise derived from `outputPath` (the file stem
/// without a leading "lib"; every character outside [A-Za-z0-9_] becomes
/// '_', and a leading digit gets the prefix "mnc_"), otherwise from the
/// model's `inputPath` in the same way ("-", standard input, gives no name).
mlir::FailureOr<std::string> deriveLibraryName(llvm::StringRef nameOption,
                                               llvm::StringRef outputPath,
                                               llvm::StringRef inputPath,
                                               mlir::MLIRContext &context);

} // namespace mnc

#endif // MNC_COMPILER_BACKEND_LIBRARYINTERFACE_H
