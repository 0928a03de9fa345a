//===- BackendDiagnostics.h - errors of the back end ----------------------===//
//
// The back end works on LLVM objects that carry no MLIR location: its errors
// are reported at an unknown location of the MLIR context, which mnc-compile
// prints as `mnc-compile: error: ...`.
//
//===----------------------------------------------------------------------===//

#ifndef MNC_COMPILER_BACKEND_BACKENDDIAGNOSTICS_H
#define MNC_COMPILER_BACKEND_BACKENDDIAGNOSTICS_H

#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/Location.h"

namespace mnc {

/// An error not tied to any operation.
inline mlir::InFlightDiagnostic backendError(mlir::MLIRContext &context) {
  return mlir::emitError(mlir::UnknownLoc::get(&context));
}

/// Appends `names` to `diag`, comma-separated.
inline void appendNameList(mlir::InFlightDiagnostic &diag,
                           llvm::ArrayRef<llvm::StringRef> names) {
  for (auto [index, name] : llvm::enumerate(names))
    diag << (index ? ", " : "") << name;
}

} // namespace mnc

#endif // MNC_COMPILER_BACKEND_BACKENDDIAGNOSTICS_H
