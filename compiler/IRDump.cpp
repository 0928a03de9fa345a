//===- IRDump.cpp - the IR after every pass, one numbered file each -------===//

#include "compiler/IRDump.h"

#include "mlir/Pass/Pass.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir;

namespace {
/// Hands the module after every pass to the dumper.
class DumpAfterEachPass : public PassManager::IRPrinterConfig {
public:
  explicit DumpAfterEachPass(mnc::IRDumper &dumper)
      : IRPrinterConfig(/*printModuleScope=*/true,
                        /*printAfterOnlyOnChange=*/false,
                        /*printAfterOnlyOnFailure=*/false,
                        dumper.printingFlags()),
        dumper(dumper) {}

  void printAfterIfEnabled(Pass *pass, Operation *op,
                           PrintCallbackFn) override {
    StringRef stage = pass->getArgument();
    dumper.write(stage.empty() ? pass->getName() : stage, op);
  }

private:
  mnc::IRDumper &dumper;
};
} // namespace

LogicalResult mnc::IRDumper::prepare(ModuleOp module) {
  if (std::error_code error = llvm::sys::fs::create_directories(directory))
    return module.emitError() << "cannot create --dump-ir-dir '" << directory
                              << "': " << error.message();
  return success();
}

OpPrintingFlags mnc::IRDumper::printingFlags() const {
  OpPrintingFlags flags;
  if (!keepConstants)
    flags.elideLargeElementsAttrs(16);
  return flags;
}

void mnc::IRDumper::write(StringRef stage, Operation *module) {
  std::string fileName;
  llvm::raw_string_ostream(fileName)
      << llvm::format("%02u-", next++) << stage << ".mlir";
  SmallString<256> path(directory);
  llvm::sys::path::append(path, fileName);
  std::error_code error;
  llvm::raw_fd_ostream os(path, error);
  if (error) {
    module->emitWarning() << "cannot write '" << path
                          << "': " << error.message();
    return;
  }
  // The pass manager may hand a nested op; dump the whole module.
  while (Operation *parent = module->getParentOp())
    module = parent;
  module->print(os, printingFlags());
}

void mnc::IRDumper::attach(PassManager &pm) {
  pm.enableIRPrinting(std::make_unique<DumpAfterEachPass>(*this));
}
