//===- Archive.h - the static library around an object file ---------------===//

#ifndef MNC_COMPILER_BACKEND_ARCHIVE_H
#define MNC_COMPILER_BACKEND_ARCHIVE_H

#include "mlir/IR/MLIRContext.h"
#include "mlir/Support/LogicalResult.h"
#include "llvm/ADT/StringRef.h"

#include <string>

namespace llvm {
class TargetMachine;
} // namespace llvm

namespace mnc {

/// A static library (archive with a symbol table, deterministic) holding one
/// object file member, in the format the target's linkers expect.
mlir::FailureOr<std::string> createArchive(llvm::StringRef object,
                                           llvm::StringRef memberName,
                                           const llvm::TargetMachine &machine,
                                           mlir::MLIRContext &context);

} // namespace mnc

#endif // MNC_COMPILER_BACKEND_ARCHIVE_H
