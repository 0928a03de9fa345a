//===- CpuDispatch.cpp - one library, a code path per CPU -----------------===//

#include "compiler/backend/CpuDispatch.h"
#include "compiler/backend/BackendDiagnostics.h"

#include "runtime/mnc_runtime.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/bit.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/InlineAsm.h"
#include "llvm/IR/Module.h"
#include "llvm/IR/Verifier.h"
#include "llvm/Linker/Linker.h"
#include "llvm/Passes/PassBuilder.h"
#include "llvm/Transforms/IPO/ConstantMerge.h"
#include "llvm/MC/MCSubtargetInfo.h"
#include "llvm/Target/TargetMachine.h"
#include "llvm/TargetParser/Triple.h"

#include <array>
#include <numeric>

using namespace mlir;

namespace {

/// The 32-bit words of CPU identification the check reads: registers of
/// cpuid leaves, and XCR0 (the register state the operating system saves).
enum CpuWord : unsigned {
  kLeaf1Ecx,       ///< cpuid(1).ecx
  kLeaf1Edx,       ///< cpuid(1).edx
  kLeaf7Ebx,       ///< cpuid(7, 0).ebx
  kLeaf7Ecx,       ///< cpuid(7, 0).ecx
  kLeaf7Edx,       ///< cpuid(7, 0).edx
  kLeaf7Sub1Eax,   ///< cpuid(7, 1).eax
  kLeaf7Sub1Edx,   ///< cpuid(7, 1).edx
  kExtLeaf1Ecx,    ///< cpuid(0x80000001).ecx
  kXcr0,           ///< xgetbv(0).eax
  kNumCpuWords
};

/// An x86 feature as LLVM names it, and the cpuid bit that reports it.
struct CpuidFeature {
  llvm::StringLiteral name;
  CpuWord word;
  unsigned bit;
};

/// The instruction-set extensions LLVM 19's code generator emits on its own
/// (Intel SDM vol. 2A, CPUID; AMD APM vol. 3, appendix E): every feature of
/// this table that a code path's CPU has is checked. Extensions reachable
/// only through intrinsics (AES, SHA, RDRAND, CLWB, PREFETCHI, AMX, ...) are
/// not: generated code never contains them, and virtual machines often hide
/// them from cpuid although the CPU model LLVM knows has them.
constexpr CpuidFeature kCpuidFeatures[] = {
    {"sse3", kLeaf1Ecx, 0},          {"ssse3", kLeaf1Ecx, 9},
    {"fma", kLeaf1Ecx, 12},          {"cx16", kLeaf1Ecx, 13},
    {"sse4.1", kLeaf1Ecx, 19},       {"sse4.2", kLeaf1Ecx, 20},
    {"movbe", kLeaf1Ecx, 22},        {"popcnt", kLeaf1Ecx, 23},
    {"avx", kLeaf1Ecx, 28},          {"f16c", kLeaf1Ecx, 29},
    {"cx8", kLeaf1Edx, 8},           {"cmov", kLeaf1Edx, 15},
    {"mmx", kLeaf1Edx, 23},          {"fxsr", kLeaf1Edx, 24},
    {"sse", kLeaf1Edx, 25},          {"sse2", kLeaf1Edx, 26},
    {"bmi", kLeaf7Ebx, 3},           {"avx2", kLeaf7Ebx, 5},
    {"bmi2", kLeaf7Ebx, 8},          {"avx512f", kLeaf7Ebx, 16},
    {"avx512dq", kLeaf7Ebx, 17},     {"avx512ifma", kLeaf7Ebx, 21},
    {"avx512cd", kLeaf7Ebx, 28},     {"avx512bw", kLeaf7Ebx, 30},
    {"avx512vl", kLeaf7Ebx, 31},     {"avx512vbmi", kLeaf7Ecx, 1},
    {"avx512vbmi2", kLeaf7Ecx, 6},   {"gfni", kLeaf7Ecx, 8},
    {"avx512vnni", kLeaf7Ecx, 11},   {"avx512bitalg", kLeaf7Ecx, 12},
    {"avx512vpopcntdq", kLeaf7Ecx, 14},
    {"avx512fp16", kLeaf7Edx, 23},   {"avxvnni", kLeaf7Sub1Eax, 4},
    {"avx512bf16", kLeaf7Sub1Eax, 5}, {"avxifma", kLeaf7Sub1Eax, 23},
    {"avxvnniint8", kLeaf7Sub1Edx, 4}, {"avxneconvert", kLeaf7Sub1Edx, 5},
    {"avxvnniint16", kLeaf7Sub1Edx, 10},
    {"sahf", kExtLeaf1Ecx, 0},       {"lzcnt", kExtLeaf1Ecx, 5},
    {"xop", kExtLeaf1Ecx, 11},       {"fma4", kExtLeaf1Ecx, 16},
    {"tbm", kExtLeaf1Ecx, 21},
};

/// XCR0 bits: SSE and AVX state (bits 1, 2), and the AVX-512 opmask and
/// upper ZMM state (bits 5 to 7). Without them the operating system does
/// not save those registers and the instructions fault.
constexpr uint32_t kXcr0AvxState = 0x6;
constexpr uint32_t kXcr0Avx512State = 0xe6;
/// cpuid(1).ecx bit 27: the operating system enabled XGETBV.
constexpr unsigned kOsxsaveBit = 27;

/// What the CPU must report for a code path: a mask per word.
using CpuRequirement = std::array<uint32_t, kNumCpuWords>;

CpuRequirement requirementOf(const llvm::TargetMachine &machine) {
  // macOS enables the AVX-512 register state lazily, on a thread's first
  // AVX-512 instruction: XCR0 does not show it before (as compiler-rt's
  // cpu_model.c knows).
  bool lazyAvx512State = machine.getTargetTriple().isOSDarwin();
  const llvm::MCSubtargetInfo &subtarget = *machine.getMCSubtargetInfo();
  CpuRequirement required{};
  bool avx = false, avx512 = false;
  for (const CpuidFeature &feature : kCpuidFeatures) {
    if (!subtarget.checkFeatures(("+" + feature.name).str()))
      continue;
    required[feature.word] |= 1u << feature.bit;
    StringRef name = feature.name;
    avx |= name.starts_with("avx") || name == "fma" || name == "f16c" ||
           name == "xop" || name == "fma4";
    avx512 |= name.starts_with("avx512");
  }
  if (avx)
    required[kXcr0] |= kXcr0AvxState;
  if (avx512 && !lazyAvx512State)
    required[kXcr0] |= kXcr0Avx512State;
  return required;
}

/// Marks `function` as code for the baseline x86-64 CPU, whatever the
/// target machine's CPU: the check must run on any x86-64.
void compileForBaseline(llvm::Function &function) {
  function.addFnAttr("target-cpu", "x86-64");
  function.addFnAttr("tune-cpu", "generic");
  function.addFnAttr("target-features", "+cx8,+fxsr,+mmx,+sse,+sse2,+x87");
  function.addFnAttr(llvm::Attribute::NoUnwind);
  function.setUWTableKind(llvm::UWTableKind::Async);
}

/// Builds the check and the exported entry points in `module`.
class DispatchBuilder {
public:
  DispatchBuilder(llvm::Module &module, StringRef name)
      : module(module), name(name.str()), context(module.getContext()),
        i32(llvm::Type::getInt32Ty(context)),
        ptr(llvm::PointerType::getUnqual(context)) {}

  /// `requirements[k]` is what path k needs; `entries[k]` its NAME_run and
  /// NAME_run_parallel, `cpus[k]` its CPU's name.
  void build(llvm::ArrayRef<CpuRequirement> requirements,
             llvm::ArrayRef<std::array<llvm::Function *, 2>> entries,
             llvm::ArrayRef<std::string> cpus);

private:
  /// `internal i32 NAME_select_cpu_path()`: the index of the path to run
  /// (the one the CPU supports that checks the most feature bits), or -1.
  llvm::Function *buildSelect(llvm::ArrayRef<CpuRequirement> requirements);
  /// `internal i32 NAME_cpu_path_index()`: NAME_select_cpu_path's answer,
  /// computed once and kept in an atomic variable (cpuid is slow in a
  /// virtual machine, which traps it).
  llvm::Function *buildCachedIndex(llvm::Function *select);
  /// An exported entry point with `paths`' signature that calls path k's
  /// function, or returns MNC_ERROR_UNSUPPORTED_CPU.
  void buildEntry(StringRef entryName, llvm::ArrayRef<llvm::Function *> paths,
                  llvm::Function *index);
  /// `const char *NAME_cpu_path(void)`.
  void buildCpuPathName(llvm::ArrayRef<std::string> cpus,
                        llvm::Function *index);

  llvm::Function *createFunction(StringRef functionName, llvm::Type *result,
                                 llvm::ArrayRef<llvm::Type *> params,
                                 bool exported) {
    auto *function = llvm::Function::Create(
        llvm::FunctionType::get(result, params, /*isVarArg=*/false),
        exported ? llvm::GlobalValue::ExternalLinkage
                 : llvm::GlobalValue::InternalLinkage,
        functionName, module);
    compileForBaseline(*function);
    return function;
  }

  llvm::Module &module;
  std::string name;
  llvm::LLVMContext &context;
  llvm::Type *i32;
  llvm::Type *ptr;
};

llvm::Function *
DispatchBuilder::buildSelect(llvm::ArrayRef<CpuRequirement> requirements) {
  llvm::Function *select =
      createFunction(name + "_select_cpu_path", i32, {}, /*exported=*/false);
  auto *entry = llvm::BasicBlock::Create(context, "entry", select);
  auto *readXcr0 = llvm::BasicBlock::Create(context, "xgetbv", select);
  auto *choose = llvm::BasicBlock::Create(context, "choose", select);
  llvm::IRBuilder<> b(entry);

  auto *registers = llvm::StructType::get(context, {i32, i32, i32, i32});
  auto *cpuidAsm = llvm::InlineAsm::get(
      llvm::FunctionType::get(registers, {i32, i32}, false), "cpuid",
      "={ax},={bx},={cx},={dx},{ax},{cx},~{dirflag},~{fpsr},~{flags}",
      /*hasSideEffects=*/true);
  auto cpuid = [&](uint32_t leaf, uint32_t subleaf) {
    return b.CreateCall(cpuidAsm, {b.getInt32(leaf), b.getInt32(subleaf)});
  };
  auto reg = [&](llvm::Value *leaf, unsigned index) {
    return b.CreateExtractValue(leaf, index);
  };
  // A leaf above the maximum the CPU reports returns other data on some
  // CPUs: read such leaves as zeros.
  llvm::Value *maxLeaf = reg(cpuid(0, 0), 0);
  llvm::Value *leaf1 = cpuid(1, 0);
  llvm::Value *leaf7 = cpuid(7, 0);
  llvm::Value *leaf7Sub1 = cpuid(7, 1);
  llvm::Value *maxExtLeaf = reg(cpuid(0x80000000u, 0), 0);
  llvm::Value *extLeaf1 = cpuid(0x80000001u, 0);
  llvm::Value *zero = b.getInt32(0);
  llvm::Value *has7 = b.CreateICmpUGE(maxLeaf, b.getInt32(7));
  llvm::Value *has7Sub1 = b.CreateAnd(
      has7, b.CreateICmpUGE(reg(leaf7, 0), b.getInt32(1)));
  llvm::Value *hasExt1 = b.CreateICmpUGE(maxExtLeaf, b.getInt32(0x80000001u));
  std::array<llvm::Value *, kNumCpuWords> words;
  words[kLeaf1Ecx] = reg(leaf1, 2);
  words[kLeaf1Edx] = reg(leaf1, 3);
  words[kLeaf7Ebx] = b.CreateSelect(has7, reg(leaf7, 1), zero);
  words[kLeaf7Ecx] = b.CreateSelect(has7, reg(leaf7, 2), zero);
  words[kLeaf7Edx] = b.CreateSelect(has7, reg(leaf7, 3), zero);
  words[kLeaf7Sub1Eax] = b.CreateSelect(has7Sub1, reg(leaf7Sub1, 0), zero);
  words[kLeaf7Sub1Edx] = b.CreateSelect(has7Sub1, reg(leaf7Sub1, 3), zero);
  words[kExtLeaf1Ecx] = b.CreateSelect(hasExt1, reg(extLeaf1, 2), zero);
  // XGETBV faults unless the operating system enabled it (OSXSAVE).
  llvm::Value *osxsave = b.CreateICmpNE(
      b.CreateAnd(words[kLeaf1Ecx], b.getInt32(1u << kOsxsaveBit)), zero);
  b.CreateCondBr(osxsave, readXcr0, choose);

  b.SetInsertPoint(readXcr0);
  auto *xgetbvAsm = llvm::InlineAsm::get(
      llvm::FunctionType::get(llvm::StructType::get(context, {i32, i32}),
                              {i32}, false),
      "xgetbv", "={ax},={dx},{cx},~{dirflag},~{fpsr},~{flags}",
      /*hasSideEffects=*/true);
  llvm::Value *xcr0Low =
      b.CreateExtractValue(b.CreateCall(xgetbvAsm, {zero}), 0);
  b.CreateBr(choose);

  b.SetInsertPoint(choose);
  llvm::PHINode *xcr0 = b.CreatePHI(i32, 2);
  xcr0->addIncoming(zero, entry);
  xcr0->addIncoming(xcr0Low, readXcr0);
  words[kXcr0] = xcr0;

  // Of the paths the CPU supports, the one with the widest vectors
  // (AVX-512, then AVX2, then AVX), then the one that checks the most bits,
  // then the earliest in --mcpu: x86-64-v4 over x86-64-v3, and over znver3,
  // which checks more bits but has no AVX-512.
  SmallVector<unsigned> order(requirements.size());
  std::iota(order.begin(), order.end(), 0);
  auto rank = [&](unsigned path) {
    const CpuRequirement &required = requirements[path];
    auto has = [&](StringRef name) {
      for (const CpuidFeature &feature : kCpuidFeatures)
        if (feature.name == name)
          return (required[feature.word] >> feature.bit & 1) != 0;
      return false;
    };
    unsigned width = has("avx512f") ? 3 : has("avx2") ? 2 : has("avx") ? 1 : 0;
    unsigned bits = 0;
    for (uint32_t mask : required)
      bits += llvm::popcount(mask);
    return std::make_pair(width, bits);
  };
  llvm::stable_sort(order, [&](unsigned a, unsigned b) {
    return rank(a) > rank(b);
  });
  llvm::Value *chosen = b.getInt32(-1);
  for (unsigned path : llvm::reverse(order)) {
    llvm::Value *supported = b.getTrue();
    for (unsigned word = 0; word < kNumCpuWords; ++word) {
      uint32_t mask = requirements[path][word];
      if (!mask)
        continue;
      llvm::Value *present = b.CreateICmpEQ(
          b.CreateAnd(words[word], b.getInt32(mask)), b.getInt32(mask));
      supported = b.CreateAnd(supported, present);
    }
    chosen = b.CreateSelect(supported, b.getInt32(path), chosen);
  }
  b.CreateRet(chosen);
  return select;
}

llvm::Function *DispatchBuilder::buildCachedIndex(llvm::Function *select) {
  // 0: not yet known; otherwise the index + 2 (1: no path fits). Threads
  // that race compute the same value: relaxed atomics suffice.
  auto *cache = new llvm::GlobalVariable(
      module, i32, /*isConstant=*/false, llvm::GlobalValue::InternalLinkage,
      llvm::ConstantInt::get(i32, 0), name + "_cpu_path_cache");
  cache->setAlignment(llvm::Align(4));
  llvm::Function *index =
      createFunction(name + "_cpu_path_index", i32, {}, /*exported=*/false);
  auto *entry = llvm::BasicBlock::Create(context, "entry", index);
  auto *compute = llvm::BasicBlock::Create(context, "compute", index);
  auto *done = llvm::BasicBlock::Create(context, "done", index);
  llvm::IRBuilder<> b(entry);
  llvm::LoadInst *cached = b.CreateAlignedLoad(i32, cache, llvm::Align(4));
  cached->setAtomic(llvm::AtomicOrdering::Monotonic);
  b.CreateCondBr(b.CreateICmpNE(cached, b.getInt32(0)), done, compute);
  b.SetInsertPoint(compute);
  llvm::Value *encoded = b.CreateAdd(b.CreateCall(select), b.getInt32(2));
  b.CreateAlignedStore(encoded, cache, llvm::Align(4))
      ->setAtomic(llvm::AtomicOrdering::Monotonic);
  b.CreateBr(done);
  b.SetInsertPoint(done);
  llvm::PHINode *value = b.CreatePHI(i32, 2);
  value->addIncoming(cached, entry);
  value->addIncoming(encoded, compute);
  b.CreateRet(b.CreateSub(value, b.getInt32(2)));
  return index;
}

void DispatchBuilder::buildEntry(StringRef entryName,
                                 llvm::ArrayRef<llvm::Function *> paths,
                                 llvm::Function *index) {
  llvm::FunctionType *type = paths.front()->getFunctionType();
  llvm::Function *entry = createFunction(entryName, type->getReturnType(),
                                         type->params(), /*exported=*/true);
  auto *start = llvm::BasicBlock::Create(context, "entry", entry);
  auto *unsupported = llvm::BasicBlock::Create(context, "unsupported", entry);
  llvm::IRBuilder<> b(start);
  llvm::SwitchInst *dispatch =
      b.CreateSwitch(b.CreateCall(index), unsupported, paths.size());
  SmallVector<llvm::Value *> arguments;
  for (llvm::Argument &argument : entry->args())
    arguments.push_back(&argument);
  for (auto [k, path] : llvm::enumerate(paths)) {
    auto *block = llvm::BasicBlock::Create(
        context, "path" + std::to_string(k), entry);
    dispatch->addCase(b.getInt32(k), block);
    b.SetInsertPoint(block);
    b.CreateRet(b.CreateCall(path, arguments));
  }
  b.SetInsertPoint(unsupported);
  b.CreateRet(b.getInt32(MNC_ERROR_UNSUPPORTED_CPU));
}

void DispatchBuilder::buildCpuPathName(llvm::ArrayRef<std::string> cpus,
                                       llvm::Function *index) {
  llvm::Function *function = createFunction(name + "_cpu_path", ptr, {},
                                            /*exported=*/true);
  auto *start = llvm::BasicBlock::Create(context, "entry", function);
  auto *none = llvm::BasicBlock::Create(context, "none", function);
  llvm::IRBuilder<> b(start);
  llvm::SwitchInst *dispatch =
      b.CreateSwitch(b.CreateCall(index), none, cpus.size());
  for (auto [k, cpu] : llvm::enumerate(cpus)) {
    auto *block = llvm::BasicBlock::Create(
        context, "path" + std::to_string(k), function);
    dispatch->addCase(b.getInt32(k), block);
    b.SetInsertPoint(block);
    b.CreateRet(b.CreateGlobalStringPtr(cpu, name + "_cpu_name"));
  }
  b.SetInsertPoint(none);
  b.CreateRet(llvm::ConstantPointerNull::get(
      llvm::PointerType::getUnqual(context)));
}

void DispatchBuilder::build(
    llvm::ArrayRef<CpuRequirement> requirements,
    llvm::ArrayRef<std::array<llvm::Function *, 2>> entries,
    llvm::ArrayRef<std::string> cpus) {
  llvm::Function *index = buildCachedIndex(buildSelect(requirements));
  for (unsigned which = 0; which < 2; ++which) {
    SmallVector<llvm::Function *> paths;
    for (const auto &pair : entries)
      paths.push_back(pair[which]);
    buildEntry(name + (which ? "_run_parallel" : "_run"), paths, index);
  }
  buildCpuPathName(cpus, index);
}

} // namespace

bool mnc::checksCpuAtRunTime(const llvm::Triple &triple) {
  return triple.getArch() == llvm::Triple::x86_64;
}

std::string mnc::describeCheckedFeatures(const llvm::TargetMachine &machine) {
  const llvm::MCSubtargetInfo &subtarget = *machine.getMCSubtargetInfo();
  SmallVector<StringRef> names;
  for (const CpuidFeature &feature : kCpuidFeatures)
    if (subtarget.checkFeatures(("+" + feature.name).str()))
      names.push_back(feature.name);
  llvm::sort(names);
  return llvm::join(names, ",");
}

FailureOr<std::unique_ptr<llvm::Module>>
mnc::linkCodePaths(llvm::MutableArrayRef<CodePath> paths, StringRef name,
                   MLIRContext &context) {
  SmallVector<CpuRequirement> requirements;
  SmallVector<std::string> cpus;
  SmallVector<std::string> entryNames[2];
  for (auto [k, path] : llvm::enumerate(paths)) {
    const llvm::TargetMachine &machine = *path.machine;
    requirements.push_back(requirementOf(machine));
    cpus.push_back(machine.getTargetCPU().str());
    // Each path's code is compiled for its own CPU, whichever target
    // machine emits the linked module.
    for (llvm::Function &function : *path.module) {
      if (function.isDeclaration())
        continue;
      function.addFnAttr("target-cpu", machine.getTargetCPU());
      function.addFnAttr("target-features",
                         machine.getTargetFeatureString());
    }
    // Its entry points become internal, under names of their own.
    for (unsigned which = 0; which < 2; ++which) {
      std::string exported = name.str() + (which ? "_run_parallel" : "_run");
      llvm::Function *function = path.module->getFunction(exported);
      if (!function) {
        mnc::backendError(context)
            << "the code path for " << machine.getTargetCPU()
            << " does not define " << exported;
        return failure();
      }
      std::string internal = exported + "_path" + std::to_string(k);
      function->setName(internal);
      function->setLinkage(llvm::GlobalValue::InternalLinkage);
      entryNames[which].push_back(internal);
    }
  }

  std::unique_ptr<llvm::Module> linked = std::move(paths.front().module);
  // The linker renames the internal symbols of later paths that clash; the
  // entry points are found again through their functions' new names.
  SmallVector<std::array<llvm::Function *, 2>> entries(paths.size());
  for (unsigned which = 0; which < 2; ++which)
    entries[0][which] = linked->getFunction(entryNames[which][0]);
  for (size_t k = 1; k < paths.size(); ++k) {
    // Keep the entry points referenced across the link.
    std::array<std::string, 2> names = {entryNames[0][k], entryNames[1][k]};
    for (unsigned which = 0; which < 2; ++which)
      paths[k].module->getFunction(names[which])
          ->setLinkage(llvm::GlobalValue::ExternalLinkage);
    if (llvm::Linker::linkModules(*linked, std::move(paths[k].module))) {
      mnc::backendError(context) << "cannot link the code paths of the CPUs";
      return failure();
    }
    for (unsigned which = 0; which < 2; ++which) {
      entries[k][which] = linked->getFunction(names[which]);
      entries[k][which]->setLinkage(llvm::GlobalValue::InternalLinkage);
    }
  }
  DispatchBuilder(*linked, name).build(requirements, entries, cpus);
  // Weights packed alike for several paths (any whose layout does not
  // depend on the vector width) are kept once.
  llvm::ModuleAnalysisManager analyses;
  llvm::PassBuilder().registerModuleAnalyses(analyses);
  llvm::ConstantMergePass().run(*linked, analyses);
  if (llvm::verifyModule(*linked, &llvm::errs())) {
    mnc::backendError(context) << "the CPU dispatch does not verify";
    return failure();
  }
  return linked;
}
