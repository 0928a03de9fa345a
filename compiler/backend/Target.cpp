//===- Target.cpp - the machine mnc-compile generates code for ------------===//

#include "compiler/backend/Target.h"
#include "compiler/backend/BackendDiagnostics.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/MC/MCSubtargetInfo.h"
#include "llvm/MC/TargetRegistry.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/Target/TargetMachine.h"
#include "llvm/TargetParser/Host.h"
#include "llvm/TargetParser/Triple.h"

#include <mutex>

using namespace mlir;

namespace {

/// Architectures whose generated code is tested (x86-64 natively, AArch64
/// under qemu).
constexpr llvm::Triple::ArchType kSupportedArchs[] = {
    llvm::Triple::x86_64, llvm::Triple::aarch64};

constexpr StringLiteral kSupportedTriples =
    "x86_64 and aarch64 (e.g. x86_64-pc-linux-gnu, aarch64-linux-gnu)";
constexpr StringLiteral kSupportedSystems =
    "operating systems: linux (environments gnu, musl, android), none (bare "
    "metal, e.g. aarch64-none-elf), or any other LLVM knows";

/// Registers every target LLVM was built with, once per process.
void initializeTargets() {
  static std::once_flag once;
  std::call_once(once, [] {
    llvm::InitializeAllTargetInfos();
    llvm::InitializeAllTargets();
    llvm::InitializeAllTargetMCs();
    llvm::InitializeAllAsmPrinters();
    // The CPU check is inline assembly (cpuid, xgetbv).
    llvm::InitializeAllAsmParsers();
  });
}

/// "+f1,-f2" for the features the host has and lacks.
std::string hostFeatures() {
  SmallVector<std::string> features;
  for (const auto &feature : llvm::sys::getHostCPUFeatures())
    features.push_back((feature.getValue() ? "+" : "-") +
                       feature.getKey().str());
  llvm::sort(features);
  return llvm::join(features, ",");
}

} // namespace

/// Whether `triple` names the machine the compiler runs on (the vendor
/// field does not matter: x86_64-linux-gnu is the host x86_64-pc-linux-gnu).
bool mnc::isHostTriple(const llvm::Triple &triple) {
  llvm::Triple host(llvm::sys::getDefaultTargetTriple());
  return triple.getArch() == host.getArch() && triple.getOS() == host.getOS() &&
         triple.getEnvironment() == host.getEnvironment();
}

FailureOr<std::unique_ptr<llvm::TargetMachine>>
mnc::createTargetMachine(const TargetSpec &spec, MLIRContext &context) {
  initializeTargets();

  std::string tripleName = spec.triple.empty()
                               ? llvm::sys::getDefaultTargetTriple()
                               : llvm::Triple::normalize(spec.triple);
  llvm::Triple triple(tripleName);
  if (!llvm::is_contained(kSupportedArchs, triple.getArch())) {
    mnc::backendError(context)
        << (triple.getArch() == llvm::Triple::UnknownArch ? "unknown"
                                                          : "unsupported")
        << " target triple '" << spec.triple
        << "'; supported architectures: " << kSupportedTriples
        << "; bare metal: aarch64-none-elf";
    return failure();
  }
  // LLVM reads a misspelled operating system or environment as "unknown"
  // and would silently build for a generic ELF target.
  auto unknownComponent = [&](StringRef what, StringRef name) {
    mnc::backendError(context)
        << "unknown " << what << " '" << name << "' in target triple '"
        << spec.triple << "'; supported " << kSupportedSystems;
    return failure();
  };
  auto isPlaceholder = [](StringRef name) {
    return name.empty() || name == "unknown" || name == "none";
  };
  if (triple.getOS() == llvm::Triple::UnknownOS &&
      !isPlaceholder(triple.getOSName()))
    return unknownComponent("operating system", triple.getOSName());
  // "elf" (aarch64-none-elf) names the object format, not an environment.
  if (triple.getEnvironment() == llvm::Triple::UnknownEnvironment &&
      !isPlaceholder(triple.getEnvironmentName()) &&
      !llvm::is_contained({StringRef("elf"), StringRef("macho"),
                           StringRef("coff")},
                          triple.getEnvironmentName()))
    return unknownComponent("environment", triple.getEnvironmentName());

  std::string lookupError;
  const llvm::Target *target =
      llvm::TargetRegistry::lookupTarget(triple.str(), lookupError);
  if (!target) {
    mnc::backendError(context)
        << "target triple '" << triple.str()
        << "' is not available in this LLVM: " << lookupError;
    return failure();
  }

  bool host = isHostTriple(triple);
  std::string cpu = spec.cpu;
  if (cpu.empty())
    cpu = host ? llvm::sys::getHostCPUName().str() : "generic";
  if (cpu == "native") {
    if (!host) {
      mnc::backendError(context) << "--mcpu=native needs the host's target ("
                                 << llvm::sys::getDefaultTargetTriple()
                                 << "), not '" << triple.str() << "'";
      return failure();
    }
    cpu = llvm::sys::getHostCPUName().str();
  }
  std::string features = spec.features;
  if (features.empty() && spec.cpu.empty() && host)
    features = hostFeatures();

  // Validate the CPU and features against the target's tables, so that a
  // typo is an error instead of LLVM's warning and a generic build.
  std::unique_ptr<llvm::MCSubtargetInfo> subtarget(
      target->createMCSubtargetInfo(triple.str(), "generic", ""));
  if (!subtarget->isCPUStringValid(cpu)) {
    auto diag = mnc::backendError(context);
    diag << "unknown CPU '" << cpu << "' for " << triple.getArchName()
         << "; supported CPUs: ";
    SmallVector<StringRef> names;
    for (const llvm::SubtargetSubTypeKV &kv :
         subtarget->getAllProcessorDescriptions())
      names.push_back(kv.Key);
    mnc::appendNameList(diag, names);
    return failure();
  }
  // Host features come from LLVM itself; only the user's are checked.
  if (!spec.features.empty()) {
    llvm::StringSet<> known;
    for (const llvm::SubtargetFeatureKV &kv :
         subtarget->getAllProcessorFeatures())
      known.insert(kv.Key);
    SmallVector<StringRef> requested;
    StringRef(features).split(requested, ',', -1, /*KeepEmpty=*/false);
    for (StringRef feature : requested) {
      if ((feature.starts_with("+") || feature.starts_with("-")) &&
          known.contains(feature.drop_front()))
        continue;
      auto diag = mnc::backendError(context);
      diag << "unknown feature '" << feature << "' for "
           << triple.getArchName()
           << " (features are written +name or -name); supported features: ";
      SmallVector<StringRef> names;
      for (const llvm::SubtargetFeatureKV &kv :
           subtarget->getAllProcessorFeatures())
        names.push_back(kv.Key);
      mnc::appendNameList(diag, names);
      return failure();
    }
  }

  llvm::TargetOptions options;
  // Multiply-adds become fused multiply-adds (NEON fmla, x86 vfmadd): one
  // rounding instead of two changes results by about 1e-6 relative.
  options.AllowFPOpFusion = llvm::FPOpFusion::Fast;
  std::unique_ptr<llvm::TargetMachine> machine(target->createTargetMachine(
      triple.str(), cpu, features, options, llvm::Reloc::PIC_,
      /*CM=*/std::nullopt, llvm::CodeGenOptLevel::Aggressive));
  if (!machine) {
    mnc::backendError(context)
        << "cannot create a target machine for '" << triple.str() << "'";
    return failure();
  }
  return machine;
}

std::string mnc::describeTargetMachine(const llvm::TargetMachine &machine) {
  std::string text = machine.getTargetTriple().str() + ", cpu " +
                     machine.getTargetCPU().str();
  return text;
}

std::string mnc::describeTargetFeatures(const llvm::TargetMachine &machine) {
  const llvm::MCSubtargetInfo &subtarget = *machine.getMCSubtargetInfo();
  SmallVector<StringRef> enabled;
  for (const llvm::SubtargetFeatureKV &feature :
       subtarget.getAllProcessorFeatures())
    if (subtarget.getFeatureBits().test(feature.Value))
      enabled.push_back(feature.Key);
  llvm::sort(enabled);
  return llvm::join(enabled, ",");
}

mnc::ConvertMncToLinalgOptions
mnc::vectorKernelOptions(const llvm::TargetMachine &machine) {
  const llvm::MCSubtargetInfo &subtarget = *machine.getMCSubtargetInfo();
  ConvertMncToLinalgOptions options;
  if (machine.getTargetTriple().isAArch64()) {
    options.vectorLanes = 4;
    options.tileVectors = 4;
    options.tileRows = 6;
    options.depthwiseColumns = 8;
  } else if (subtarget.checkFeatures("+avx512f")) {
    options.vectorLanes = 16;
    options.tileVectors = 2;
    options.tileRows = 7;
    options.depthwiseColumns = 8;
  } else if (subtarget.checkFeatures("+avx")) {
    options.vectorLanes = 8;
    options.tileVectors = 2;
    options.tileRows = 6;
    options.depthwiseColumns = 6;
  } else {
    options.vectorLanes = 4;
    options.tileVectors = 2;
    options.tileRows = 6;
    options.depthwiseColumns = 6;
  }
  return options;
}

