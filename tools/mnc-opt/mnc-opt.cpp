//===- mnc-opt.cpp - runs mnc and upstream passes on .mlir files ----------===//
//
// The MLIR "opt" driver with the dialects and passes mnc uses, so that every
// pass can be tested on its own.
//
//===----------------------------------------------------------------------===//

#include "compiler/Version.h"
#include "passes/Registration.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/Tools/mlir-opt/MlirOptMain.h"
#include "llvm/Support/CommandLine.h"

int main(int argc, char **argv) {
  mlir::DialectRegistry registry;
  mnc::registerDialects(registry);
  mnc::registerPasses();
  llvm::cl::SetVersionPrinter(
      [](llvm::raw_ostream &os) { mnc::printVersion(os); });
  return mlir::asMainReturnCode(
      mlir::MlirOptMain(argc, argv, "mnc optimizer driver\n", registry));
}
