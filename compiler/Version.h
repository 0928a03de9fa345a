//===- Version.h - which mnc this is ----------------------------------------===//
//
// The version mnc-compile --version prints and every generated header
// records: the project's version (CMakeLists.txt), the git commit it was
// built from, and the LLVM it links.
//
//===----------------------------------------------------------------------===//

#ifndef MNC_COMPILER_VERSION_H
#define MNC_COMPILER_VERSION_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/raw_ostream.h"

#include <string>

namespace mnc {

/// The project's version, e.g. "0.7.0".
llvm::StringRef getVersion();

/// The git commit of the sources ("1a2b3c4d5e6f", with "-modified" when the
/// tree had uncommitted changes), or "unknown".
llvm::StringRef getGitRevision();

/// "mnc 0.7.0 (git 1a2b3c4d5e6f, LLVM 19.1.7)": one line for headers.
std::string getFullVersion();

/// What the tools' --version prints: mnc's version and commit, and the LLVM
/// version.
void printVersion(llvm::raw_ostream &os);

/// mnc-compile's --version adds the target a compile without --target,
/// --mcpu or --mattr builds for.
void printDefaultTarget(llvm::raw_ostream &os);

} // namespace mnc

#endif // MNC_COMPILER_VERSION_H
