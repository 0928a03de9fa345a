//===- MachineCode.cpp - object code or assembly from LLVM IR -------------===//

#include "compiler/backend/MachineCode.h"
#include "compiler/backend/BackendDiagnostics.h"

#include "llvm/ADT/StringSet.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/LegacyPassManager.h"
#include "llvm/IR/Module.h"
#include "llvm/Object/ObjectFile.h"
#include "llvm/Support/SwapByteOrder.h"
#include "llvm/Target/TargetMachine.h"

using namespace mlir;

/// The libm functions generated code may call (C99 <math.h>, float and double
/// versions), and libc's memory functions.
static bool isAllowedExternalSymbol(StringRef name) {
  static const llvm::StringSet<> allowed = [] {
    llvm::StringSet<> set = {"memcpy", "memmove", "memset"};
    for (StringRef function :
         {"acos",  "acosh", "asin",      "asinh", "atan",   "atan2",
          "atanh", "cbrt",  "ceil",      "copysign", "cos", "cosh",
          "erf",   "erfc",  "exp",       "exp2",  "expm1",  "fabs",
          "fdim",  "floor", "fma",       "fmax",  "fmin",   "fmod",
          "frexp", "hypot", "ilogb",     "ldexp", "lgamma", "llrint",
          "llround", "log", "log10",     "log1p", "log2",   "logb",
          "lrint", "lround", "modf",     "nearbyint", "nextafter", "pow",
          "remainder", "remquo", "rint", "round", "scalbln", "scalbn",
          "sin",   "sinh",  "sqrt",      "tan",   "tanh",   "tgamma",
          "trunc"}) {
      set.insert(function);
      set.insert((function + "f").str());
    }
    return set;
  }();
  return allowed.contains(name);
}

/// Appends the bytes of `constant`, a floating-point or integer array
/// (nested or not), to `bytes` in memory order; false for any other
/// constant.
static bool appendConstantBytes(const llvm::Constant *constant,
                                const llvm::DataLayout &layout,
                                std::string &bytes) {
  if (auto *data = dyn_cast<llvm::ConstantDataSequential>(constant)) {
    bytes += data->getRawDataValues();
    return true;
  }
  if (isa<llvm::ConstantAggregateZero>(constant)) {
    bytes.append(layout.getTypeAllocSize(constant->getType()), '\0');
    return true;
  }
  if (auto *array = dyn_cast<llvm::ConstantArray>(constant)) {
    for (const llvm::Use &element : array->operands())
      if (!appendConstantBytes(cast<llvm::Constant>(element), layout, bytes))
        return false;
    return true;
  }
  return false;
}

/// Gives every constant array global (the weights) an i8 array initializer
/// with the same bytes. The code addresses them through opaque pointers, so
/// nothing else changes, but the assembly printer writes a byte array as
/// one block where it formats a float array element by element (0.4 s for
/// the 5.5 million weights of MobileNetV3-Large).
static void storeConstantArraysAsBytes(llvm::Module &module) {
  const llvm::DataLayout &layout = module.getDataLayout();
  // getRawDataValues is in the host's order; both are little-endian here.
  if (!layout.isLittleEndian() || !llvm::sys::IsLittleEndianHost)
    return;
  llvm::Type *byte = llvm::Type::getInt8Ty(module.getContext());
  for (llvm::GlobalVariable &global :
       llvm::make_early_inc_range(module.globals())) {
    if (!global.isConstant() || !global.hasInitializer() ||
        !global.getValueType()->isArrayTy())
      continue;
    std::string bytes;
    if (!appendConstantBytes(global.getInitializer(), layout, bytes) ||
        bytes.size() != layout.getTypeAllocSize(global.getValueType()))
      continue;
    auto *replacement = new llvm::GlobalVariable(
        module, llvm::ArrayType::get(byte, bytes.size()), /*isConstant=*/true,
        global.getLinkage(),
        llvm::ConstantDataArray::getRaw(bytes, bytes.size(), byte), "",
        &global, global.getThreadLocalMode(), global.getAddressSpace());
    replacement->setAlignment(global.getAlign().value_or(
        layout.getABITypeAlign(global.getValueType())));
    replacement->setUnnamedAddr(global.getUnnamedAddr());
    replacement->setVisibility(global.getVisibility());
    replacement->setSection(global.getSection());
    replacement->takeName(&global);
    global.replaceAllUsesWith(replacement);
    global.eraseFromParent();
  }
}

FailureOr<llvm::SmallString<0>>
mnc::emitMachineCode(llvm::Module &llvmModule, llvm::TargetMachine &machine,
                     llvm::CodeGenFileType fileType, MLIRContext &context) {
  storeConstantArraysAsBytes(llvmModule);
  llvm::SmallString<0> buffer;
  llvm::raw_svector_ostream os(buffer);
  llvm::legacy::PassManager passes;
  if (machine.addPassesToEmitFile(passes, os, /*DwoOut=*/nullptr, fileType)) {
    mnc::backendError(context)
        << "the target '" << machine.getTargetTriple().str()
        << "' cannot emit this file type";
    return failure();
  }
  passes.run(llvmModule);
  return buffer;
}

LogicalResult mnc::checkExternalSymbols(StringRef object,
                                        MLIRContext &context,
                                        StringRef profileHook) {
  llvm::Expected<std::unique_ptr<llvm::object::ObjectFile>> file =
      llvm::object::ObjectFile::createObjectFile(
          llvm::MemoryBufferRef(object, "object"));
  if (!file) {
    mnc::backendError(context) << "cannot read the generated object file: "
                               << llvm::toString(file.takeError());
    return failure();
  }
  // Mach-O prefixes C symbols with '_'.
  bool underscore = (*file)->isMachO();
  SmallVector<std::string> foreign;
  for (const llvm::object::SymbolRef &symbol : (*file)->symbols()) {
    llvm::Expected<uint32_t> flags = symbol.getFlags();
    llvm::Expected<StringRef> name = symbol.getName();
    if (!flags || !name) {
      llvm::consumeError(flags.takeError());
      llvm::consumeError(name.takeError());
      mnc::backendError(context)
          << "cannot read the generated object's symbols";
      return failure();
    }
    if (!(*flags & llvm::object::SymbolRef::SF_Undefined) || name->empty())
      continue;
    StringRef cName = *name;
    if (underscore)
      cName.consume_front("_");
    bool isProfileHook = !profileHook.empty() && cName == profileHook;
    if (!isAllowedExternalSymbol(cName) && !isProfileHook &&
        cName != "_GLOBAL_OFFSET_TABLE_")
      foreign.push_back(name->str());
  }
  if (foreign.empty())
    return success();
  auto diag = mnc::backendError(context);
  diag << "the generated code refers to symbols outside libc's memory "
          "functions and libm: ";
  SmallVector<StringRef> names(foreign.begin(), foreign.end());
  mnc::appendNameList(diag, names);
  return failure();
}
