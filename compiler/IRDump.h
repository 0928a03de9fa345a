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
  IRDumper(std::string directory, bool keepConstants)
      : directory(std::move(directory)), keepConstants(keepConstants) {}

  /// Creates the directory; reports a failure on `module`'s context.
  mlir::LogicalResult prepare(mlir::ModuleOp module);

  /// Writes `module` as the next file, named after `stage`.
  void write(llvm::StringRef stage, mlir::Operation *module);

  /// Makes `pm` write after each of its passes.
  void attach(mlir::PassManager &pm);

  mlir::OpPrintingFlags printingFlags() const;

private:
  std::string directory;
  bool keepConstants;
  unsigned next = 0;
};

} // namespace mnc

#endif // MNC_COMPILER_IRDUMP_H
