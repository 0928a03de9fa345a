//===- LibraryInterface.cpp - the name of a generated library -------------===//

#include "compiler/backend/LibraryInterface.h"
#include "compiler/backend/BackendDiagnostics.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Path.h"

using namespace mlir;

/// Whether `name` is a C identifier.
static bool isIdentifier(StringRef name) {
  return !name.empty() && !llvm::isDigit(name.front()) &&
         llvm::all_of(name, [](char c) { return llvm::isAlnum(c) || c == '_'; });
}

FailureOr<std::string> mnc::deriveLibraryName(StringRef nameOption,
                                              StringRef outputPath,
                                              StringRef inputPath,
                                              MLIRContext &context) {
  std::string name;
  if (!nameOption.empty()) {
    if (!isIdentifier(nameOption)) {
      mnc::backendError(context)
          << "--name '" << nameOption
          << "' is not a C identifier ([A-Za-z_][A-Za-z0-9_]*)";
      return failure();
    }
    name = nameOption.str();
  } else {
    bool fromOutput = !outputPath.empty() && outputPath != "-";
    if (!fromOutput && inputPath == "-") {
      mnc::backendError(context)
          << "a model read from standard input has no file name to name the "
             "library after; give one with --name or an output file";
      return failure();
    }
    StringRef stem = llvm::sys::path::stem(fromOutput ? outputPath : inputPath);
    if (fromOutput)
      stem.consume_front("lib");
    for (char c : stem)
      name.push_back(llvm::isAlnum(c) || c == '_' ? c : '_');
    if (name.empty()) {
      mnc::backendError(context)
          << "cannot derive a library name from '"
          << (fromOutput ? outputPath : inputPath) << "'; give one with --name";
      return failure();
    }
    if (llvm::isDigit(name.front()))
      name = "mnc_" + name;
  }
  if (name + ".h" == kRuntimeHeaderName) {
    mnc::backendError(context)
        << "the library name '" << name
        << "' is reserved: its header would replace " << kRuntimeHeaderName
        << "; choose another with --name";
    return failure();
  }
  return name;
}

