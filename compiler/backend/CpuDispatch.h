//===- CpuDispatch.h - one library, a code path per CPU -------------------===//
//
// A library built for a CPU dies with SIGILL on a CPU that lacks one of its
// instructions. On x86-64 the exported entry points therefore check the
// running CPU first (cpuid, and XGETBV for the register state the operating
// system saves) and return MNC_ERROR_UNSUPPORTED_CPU where no code path fits;
// with several CPUs (--mcpu x86-64-v3,x86-64-v4) they choose among the code
// paths, one per CPU, linked into one module.
//
//===----------------------------------------------------------------------===//

#ifndef MNC_COMPILER_BACKEND_CPUDISPATCH_H
#define MNC_COMPILER_BACKEND_CPUDISPATCH_H

#include "mlir/IR/MLIRContext.h"
#include "mlir/Support/LogicalResult.h"
#include "llvm/ADT/ArrayRef.h"

#include <memory>
#include <string>

namespace llvm {
class Module;
class TargetMachine;
class Triple;
} // namespace llvm

namespace mnc {

/// The library compiled for one CPU: an optimized module that defines NAME_run
/// and NAME_run_parallel, and the machine it was optimized for.
struct CodePath {
  std::unique_ptr<llvm::Module> module;
  const llvm::TargetMachine *machine = nullptr;
};

/// Whether libraries for `triple` check the CPU they run on (x86-64).
bool checksCpuAtRunTime(const llvm::Triple &triple);

/// Links `paths` (at least one; all for one x86-64 triple, in one
/// LLVMContext) into one module, in which each path's functions are compiled
/// for its own CPU (function attributes), and its NAME_run and
/// NAME_run_parallel become internal. The module's exported NAME_run and
/// NAME_run_parallel, compiled for the baseline x86-64, call the path the
/// running CPU can execute, preferring the one that uses the most features,
/// or return MNC_ERROR_UNSUPPORTED_CPU; `const char *NAME_cpu_path(void)`
/// names that path's CPU (NULL for none). The choice is made once per
/// process and cached in an atomic variable.
mlir::FailureOr<std::unique_ptr<llvm::Module>>
linkCodePaths(llvm::MutableArrayRef<CodePath> paths, llvm::StringRef name,
              mlir::MLIRContext &context);

/// The CPU features of `machine` that the run-time check tests, as LLVM
/// names them, sorted ("avx,avx2,bmi,..."); those the check cannot see
/// (tuning flags, features with no cpuid bit it knows) are left out.
std::string describeCheckedFeatures(const llvm::TargetMachine &machine);

} // namespace mnc

#endif // MNC_COMPILER_BACKEND_CPUDISPATCH_H
