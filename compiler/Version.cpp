//===- Version.cpp - which mnc this is --------------------------------------===//

#include "compiler/Version.h"

#include "llvm/Config/llvm-config.h"
#include "llvm/TargetParser/Host.h"

namespace {
/// The commit, written at build time by GenerateVersionInfo.cmake.
#include "compiler/VersionInfo.inc"
} // namespace

llvm::StringRef mnc::getVersion() { return MNC_VERSION; }

llvm::StringRef mnc::getGitRevision() { return kGitRevision; }

std::string mnc::getFullVersion() {
  return "mnc " + getVersion().str() + " (git " + getGitRevision().str() +
         ", LLVM " LLVM_VERSION_STRING ")";
}

void mnc::printVersion(llvm::raw_ostream &os) {
  os << "mnc " << getVersion() << " (git " << getGitRevision() << ")\n"
     << "LLVM " LLVM_VERSION_STRING "\n";
}

void mnc::printDefaultTarget(llvm::raw_ostream &os) {
  os << "default target: " << llvm::sys::getDefaultTargetTriple() << ", cpu "
     << llvm::sys::getHostCPUName()
     << " (the host's CPU and features; the library then runs only on CPUs "
        "with those features: --target, --mcpu and --mattr choose another)\n";
}
