//===- Diagnostics.h - how mnc-compile prints errors ----------------------===//

#ifndef MNC_COMPILER_DIAGNOSTICS_H
#define MNC_COMPILER_DIAGNOSTICS_H

#include "mlir/IR/Diagnostics.h"
#include "llvm/Support/raw_ostream.h"

namespace mnc {

/// Prints every diagnostic of a context as `FILE: error: MESSAGE`, naming the
/// ONNX node an operation came from when its location records one (the
/// importer's locations are `"node name"("file.onnx":0:0)`).
class DiagnosticPrinter : public mlir::ScopedDiagnosticHandler {
public:
  DiagnosticPrinter(mlir::MLIRContext *context, llvm::raw_ostream &os);
};

} // namespace mnc

#endif // MNC_COMPILER_DIAGNOSTICS_H
