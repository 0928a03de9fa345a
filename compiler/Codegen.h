//===- Codegen.h - LLVM dialect to object code, archive and header --------===//
//
// The back end of mnc-compile, after the MLIR pipelines: translation of the
// LLVM-dialect module to LLVM IR with the exported entry point NAME_run,
// LLVM's O3 pipeline, machine code for a target, the static library and the
// C header that describes it.
//
//===----------------------------------------------------------------------===//

#ifndef MNC_COMPILER_CODEGEN_H
#define MNC_COMPILER_CODEGEN_H

#include "passes/Passes.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/Support/LogicalResult.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/CodeGen.h"

#include <memory>
#include <string>
#include <vector>

namespace llvm {
class LLVMContext;
class Module;
class TargetMachine;
} // namespace llvm

namespace mnc {

/// The machine code is generated for. Empty fields take defaults: the host's
/// triple; the host's CPU and features when the triple is the host's,
/// otherwise CPU "generic" and no extra features.
struct TargetSpec {
  std::string triple;
  /// A CPU name of the target, "generic", or "native" (host only).
  std::string cpu;
  /// Comma-separated features, each "+name" or "-name".
  std::string features;
};

/// One layer of a library compiled with --profile, as its header names it.
struct ProfiledLayer {
  std::string node;  ///< the ONNX node it came from
  std::string kind;  ///< e.g. "pointwise", "depthwise 3x3 s2"
  std::string shape; ///< of its output, e.g. "1x16x112x112"
  int64_t macs = 0;  ///< multiply-accumulates
};

/// What a generated library looks like from C.
struct LibraryInterface {
  /// The C identifier prefix: NAME_run, NAME_INPUT_SIZE, NAME.h.
  std::string name;
  /// The model file, the archive and the target, for the header's comment.
  std::string sourceFile;
  std::string archiveFile;
  std::string targetDescription;
  /// The ONNX names of the input and output tensors (may be empty).
  std::string inputName;
  std::string outputName;
  /// Shapes of the input and output, as in the ONNX model.
  llvm::SmallVector<int64_t> inputShape;
  llvm::SmallVector<int64_t> outputShape;
  /// Bytes of scratch memory NAME_run needs.
  int64_t workspaceSize = 0;
  /// For a library compiled with --profile: the function NAME_run calls
  /// before each layer and after the last (NAME_profile_mark, defined by
  /// the caller), and the layers; empty when not profiled.
  std::string profileHook;
  std::vector<ProfiledLayer> layers;
};

/// Validates `spec` (architecture, CPU, features) and creates the target
/// machine (position-independent code, full optimization). An unknown
/// triple, CPU or feature is an error that lists what is supported.
mlir::FailureOr<std::unique_ptr<llvm::TargetMachine>>
createTargetMachine(const TargetSpec &spec, mlir::MLIRContext &context);

/// A one-line description of `machine` ("x86_64-pc-linux-gnu, cpu znver4").
std::string describeTargetMachine(const llvm::TargetMachine &machine);

/// The vector kernels' blocking for `machine`'s registers: 16 lanes with
/// AVX-512 (32 registers: 7 x 2 accumulators), 8 with AVX (16 registers:
/// 6 x 2), 4 with SSE or NEON (NEON has 32 registers: 6 x 4).
ConvertMncToLinalgOptions vectorKernelOptions(
    const llvm::TargetMachine &machine);

/// The C identifier a library is named by: `nameOption` if given (which must
/// be a C identifier), otherwise derived from `outputPath` (the file stem
/// without a leading "lib"; every character outside [A-Za-z0-9_] becomes
/// '_', and a leading digit gets the prefix "mnc_"), otherwise from the
/// model's `inputPath` in the same way.
mlir::FailureOr<std::string> deriveLibraryName(llvm::StringRef nameOption,
                                               llvm::StringRef outputPath,
                                               llvm::StringRef inputPath,
                                               mlir::MLIRContext &context);

/// Translates `module` (LLVM dialect only, with the lowered entry
/// `void main(ptr input, ptr output, ptr workspace, ptr context)` and the
/// parallel tasks the module attribute `mnc.parallel_tasks` lists) to LLVM IR
/// for `machine`, defines the task dispatcher `mnc_parallel_for` the entry
/// calls, adds the exported `int NAME_run(const float *, float *, void *)`
/// and `int NAME_run_parallel(const float *, float *, void *,
/// mnc_parallel_for_fn, void *)` that check their arguments and call the
/// entry (NAME_run with a hook that runs each task in the calling thread),
/// gives every other definition internal linkage, and runs LLVM's O3
/// pipeline, with loop unrolling only if `unrollLoops` (plain linalg loops
/// need it to vectorize; the vector kernels come unrolled already, and
/// LLVM's unrolling of them cost a second of compile time for nothing).
mlir::FailureOr<std::unique_ptr<llvm::Module>>
translateToLLVMIR(mlir::ModuleOp module, llvm::LLVMContext &llvmContext,
                  llvm::TargetMachine &machine,
                  const LibraryInterface &interface, bool unrollLoops);

/// Generates an object file or assembly for `llvmModule`, after giving its
/// constant arrays (the weights) byte-array initializers with the same
/// bytes, which the assembly printer writes much faster.
mlir::FailureOr<llvm::SmallString<0>>
emitMachineCode(llvm::Module &llvmModule, llvm::TargetMachine &machine,
                llvm::CodeGenFileType fileType, mlir::MLIRContext &context);

/// Checks that an object file refers to no symbol but libc's memcpy, memmove
/// and memset and libm's functions (no allocator, no MLIR runtime), and
/// `profileHook` when it is not empty.
mlir::LogicalResult checkExternalSymbols(llvm::StringRef object,
                                         mlir::MLIRContext &context,
                                         llvm::StringRef profileHook = {});

/// A static library (archive with a symbol table, deterministic) holding one
/// object file member, in the format the target's linkers expect.
mlir::FailureOr<std::string> createArchive(llvm::StringRef object,
                                           llvm::StringRef memberName,
                                           const llvm::TargetMachine &machine,
                                           mlir::MLIRContext &context);

/// The C header NAME.h of a library.
std::string generateHeader(const LibraryInterface &interface);

/// The file every generated header includes, and its text.
constexpr llvm::StringLiteral kRuntimeHeaderName = "mnc_runtime.h";
llvm::StringRef getRuntimeHeader();

} // namespace mnc

#endif // MNC_COMPILER_CODEGEN_H
