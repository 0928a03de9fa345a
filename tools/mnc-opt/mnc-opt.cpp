//===- mnc-opt.cpp - runs mnc and upstream passes on .mlir files ----------===//
//
// The MLIR "opt" driver with the dialects and passes mnc uses, so that every
// pass can be tested on its own.
//
//===----------------------------------------------------------------------===//

#include "passes/Registration.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/Tools/mlir-opt/MlirOptMain.h"

int main(int argc, char **argv) {
  mlir::DialectRegistry registry;
  mnc::registerDialects(registry);
  mnc::registerPasses();
  return mlir::asMainReturnCode(
      mlir::MlirOptMain(argc, argv, "mnc optimizer driver\n", registry));
}
