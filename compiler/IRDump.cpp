//===- IRDump.cpp - the IR after every pass, one numbered file each -------===//

#include "compiler/IRDump.h"

#include "mlir/IR/Diagnostics.h"
#include "mlir/Pass/Pass.h"
#include "llvm/ADT/StringExtras.h"
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

/// The file an IRDumper leaves in its directory: only where it is found are
/// numbered files removed, so that a directory of the user's own (say "."
/// beside a "01-model.mlir") loses nothing.
static constexpr llvm::StringLiteral kDumpMarker = ".mnc-dump-ir-dir";

/// Whether `name` is one of the files an IRDumper writes: two or more
/// digits, '-', a stage, ".mlir".
static bool isNumberedDump(StringRef name) {
  StringRef digits = name.take_while(llvm::isDigit);
  return digits.size() >= 2 && name.drop_front(digits.size()).starts_with("-") &&
         name.ends_with(".mlir");
}

LogicalResult mnc::IRDumper::prepare() {
  auto fail = [&]() {
    return emitError(UnknownLoc::get(&context))
           << "--dump-ir-dir '" << directory << "': ";
  };
  if (llvm::sys::fs::exists(directory) &&
      !llvm::sys::fs::is_directory(directory))
    return fail() << "it exists and is not a directory";
  if (std::error_code error = llvm::sys::fs::create_directories(directory))
    return fail() << "cannot create the directory: " << error.message();
  if (std::error_code error =
          llvm::sys::fs::access(directory, llvm::sys::fs::AccessMode::Write))
    return fail() << "the directory is not writable: " << error.message();
  SmallString<256> marker(directory);
  llvm::sys::path::append(marker, kDumpMarker);
  bool ours = llvm::sys::fs::exists(marker);
  if (!ours) {
    std::error_code error;
    llvm::raw_fd_ostream os(marker, error);
    if (error)
      return fail() << "the directory is not writable: " << error.message();
    os << "mnc-compile --dump-ir-dir writes here; its numbered files are "
          "removed by the next run\n";
    return success();
  }
  std::error_code error;
  for (llvm::sys::fs::directory_iterator entry(directory, error), end;
       !error && entry != end; entry.increment(error)) {
    if (!isNumberedDump(llvm::sys::path::filename(entry->path())))
      continue;
    if (std::error_code removal = llvm::sys::fs::remove(entry->path()))
      return fail() << "cannot remove the earlier dump '" << entry->path()
                    << "': " << removal.message();
  }
  if (error)
    return fail() << "cannot list the directory: " << error.message();
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
  if (failed)
    return;
  std::error_code error;
  llvm::raw_fd_ostream os(path, error);
  if (!error) {
    // The pass manager may hand a nested op; dump the whole module.
    while (Operation *parent = module->getParentOp())
      module = parent;
    module->print(os, printingFlags());
    os.close();
    if (os.has_error()) {
      error = os.error();
      os.clear_error();
    }
  }
  if (error) {
    failed = true;
    emitError(UnknownLoc::get(&context))
        << "--dump-ir-dir: cannot write '" << path << "': " << error.message();
  }
}

void mnc::IRDumper::attach(PassManager &pm) {
  pm.enableIRPrinting(std::make_unique<DumpAfterEachPass>(*this));
}
