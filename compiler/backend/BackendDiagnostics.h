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
#include "llvm/IR/DiagnosticInfo.h"
#include "llvm/IR/DiagnosticPrinter.h"
#include "llvm/IR/LLVMContext.h"

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

/// Reports what LLVM says through an LLVMContext (a failed link, inline
/// assembly it cannot emit) as mnc's own errors and warnings, instead of
/// LLVM's default: a raw message and exit(1). Remarks are dropped.
class LLVMDiagnosticForwarder {
public:
  LLVMDiagnosticForwarder(llvm::LLVMContext &llvmContext,
                          mlir::MLIRContext &context)
      : context(context) {
    llvmContext.setDiagnosticHandlerCallBack(&forward, this);
  }

  /// Whether LLVM reported an error.
  bool hadError() const { return errors; }

private:
  static void forward(const llvm::DiagnosticInfo *diagnostic, void *self) {
    const llvm::DiagnosticInfo &info = *diagnostic;
    auto &forwarder = *static_cast<LLVMDiagnosticForwarder *>(self);
    std::string message;
    llvm::raw_string_ostream os(message);
    llvm::DiagnosticPrinterRawOStream printer(os);
    info.print(printer);
    mlir::Location loc = mlir::UnknownLoc::get(&forwarder.context);
    if (info.getSeverity() == llvm::DS_Error) {
      forwarder.errors = true;
      mlir::emitError(loc) << "LLVM: " << message;
    } else if (info.getSeverity() == llvm::DS_Warning) {
      mlir::emitWarning(loc) << "LLVM: " << message;
    }
  }

  mlir::MLIRContext &context;
  bool errors = false;
};

} // namespace mnc

#endif // MNC_COMPILER_BACKEND_BACKENDDIAGNOSTICS_H
