//===- Archive.cpp - the static library around an object file -------------===//

#include "compiler/backend/Archive.h"
#include "compiler/backend/BackendDiagnostics.h"

#include "llvm/Object/ArchiveWriter.h"
#include "llvm/Target/TargetMachine.h"
#include "llvm/TargetParser/Triple.h"

using namespace mlir;

FailureOr<std::string> mnc::createArchive(StringRef object,
                                          StringRef memberName,
                                          const llvm::TargetMachine &machine,
                                          MLIRContext &context) {
  const llvm::Triple &triple = machine.getTargetTriple();
  llvm::object::Archive::Kind kind =
      triple.isOSDarwin()            ? llvm::object::Archive::K_DARWIN
      : triple.isOSBinFormatCOFF()   ? llvm::object::Archive::K_COFF
                                     : llvm::object::Archive::K_GNU;
  llvm::NewArchiveMember member(llvm::MemoryBufferRef(object, memberName));
  llvm::Expected<std::unique_ptr<llvm::MemoryBuffer>> archive =
      llvm::writeArchiveToBuffer(llvm::ArrayRef(member),
                                 llvm::SymtabWritingMode::NormalSymtab,
                                 kind, /*Deterministic=*/true, /*Thin=*/false);
  if (!archive) {
    mnc::backendError(context)
        << "cannot create the archive: " << llvm::toString(archive.takeError());
    return failure();
  }
  return (*archive)->getBuffer().str();
}
