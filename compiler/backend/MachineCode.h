//===- MachineCode.h - object code or assembly from LLVM IR ---------------===//
//
// The last steps on LLVM IR: the target's code generator writes an object
// file or assembly, and the object is checked to depend on nothing a C
// program would not already link (libc's memory functions and libm).
//
//===----------------------------------------------------------------------===//

#ifndef MNC_COMPILER_BACKEND_MACHINECODE_H
#define MNC_COMPILER_BACKEND_MACHINECODE_H

#include "mlir/IR/MLIRContext.h"
#include "mlir/Support/LogicalResult.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/CodeGen.h"

namespace llvm {
class Module;
class TargetMachine;
} // namespace llvm

namespace mnc {

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

} // namespace mnc

#endif // MNC_COMPILER_BACKEND_MACHINECODE_H
