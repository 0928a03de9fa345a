//===- Registration.h - dialects and passes mnc tools use -----------------===//

#ifndef MNC_PASSES_REGISTRATION_H
#define MNC_PASSES_REGISTRATION_H

namespace mlir {
class DialectRegistry;
} // namespace mlir

namespace mnc {

/// Adds the mnc dialect and every upstream dialect the pipeline uses.
void registerDialects(mlir::DialectRegistry &registry);

/// Registers mnc's passes and the upstream passes the pipeline uses, for
/// command-line pipelines (mnc-opt, --mlir-print-ir-after-all).
void registerPasses();

} // namespace mnc

#endif // MNC_PASSES_REGISTRATION_H
