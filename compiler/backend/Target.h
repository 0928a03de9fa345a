//===- Target.h - the machine mnc-compile generates code for --------------===//
//
// Target selection: the triple, CPU and features the user asked for,
// validated against LLVM's tables, as an llvm::TargetMachine; and what the
// rest of the compiler derives from it (the vector kernels' blocking, the
// target's one-line description).
//
//===----------------------------------------------------------------------===//

#ifndef MNC_COMPILER_BACKEND_TARGET_H
#define MNC_COMPILER_BACKEND_TARGET_H

#include "passes/Passes.h"

#include "mlir/IR/MLIRContext.h"
#include "mlir/Support/LogicalResult.h"

#include <memory>
#include <string>

namespace llvm {
class TargetMachine;
class Triple;
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

/// Validates `spec` (architecture, CPU, features) and creates the target
/// machine (position-independent code, full optimization). An unknown
/// triple, CPU or feature is an error that lists what is supported.
mlir::FailureOr<std::unique_ptr<llvm::TargetMachine>>
createTargetMachine(const TargetSpec &spec, mlir::MLIRContext &context);

/// A one-line description of `machine` ("x86_64-pc-linux-gnu, cpu znver4").
std::string describeTargetMachine(const llvm::TargetMachine &machine);

/// The features `machine`'s code may use, those of its CPU and those added
/// by --mattr, comma-separated and sorted ("avx,avx2,...,sse4.2").
std::string describeTargetFeatures(const llvm::TargetMachine &machine);

/// Whether `triple` names the machine the compiler runs on (the vendor
/// field does not matter: x86_64-linux-gnu is the host x86_64-pc-linux-gnu).
bool isHostTriple(const llvm::Triple &triple);

/// The vector kernels' blocking for `machine`'s registers: 16 lanes with
/// AVX-512 (32 registers: 7 x 2 accumulators), 8 with AVX (16 registers:
/// 6 x 2), 4 with SSE or NEON (NEON has 32 registers: 6 x 4).
ConvertMncToLinalgOptions vectorKernelOptions(
    const llvm::TargetMachine &machine);

} // namespace mnc

#endif // MNC_COMPILER_BACKEND_TARGET_H
