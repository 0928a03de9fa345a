//===- IRDump.h - the IR after every pass, one numbered file each ---------===//

#ifndef MNC_COMPILER_IRDUMP_H
#define MNC_COMPILER_IRDUMP_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/PassManager.h"

#include <string>

namespace mnc {

/// Writes the module into DIR/NN-STAGE.mlir: first the import (`00-import`),
/// then after every pass of every pipeline it is attached to, numbered across
/// them, so that stages diff against each other. Large constants are elided
/// unless `keepConstants`.
class IRDumper {
public:
  IRDumper(std::string directory, bool keepConstants,
           mlir::MLIRContext &context)
      : directory(std::move(directory)), keepConstants(keepConstants),
        context(context) {}

  /// Creates the directory if needed and removes the numbered files
  /// (NN-STAGE.mlir) an earlier run left there, so that every file in it is
  /// this run's. Only a directory a dumper wrote to before is cleaned: the
  /// first one leaves a marker file (.mnc-dump-ir-dir). Reports a directory
  /// that cannot be made or written.
  mlir::LogicalResult prepare();

  /// Writes `module` as the next file, named after `stage`. The first file
  /// that cannot be written is reported as an error; later ones are skipped.
  void write(llvm::StringRef stage, mlir::Operation *module);

  /// Whether a file could not be written.
  bool hasFailed() const { return failed; }

  /// Makes `pm` write after each of its passes.
  void attach(mlir::PassManager &pm);

  mlir::OpPrintingFlags printingFlags() const;

private:
  std::string directory;
  bool keepConstants;
  mlir::MLIRContext &context;
  unsigned next = 0;
  bool failed = false;
};

} // namespace mnc

#endif // MNC_COMPILER_IRDUMP_H
