//===- PassUtils.cpp - helpers several mnc passes share -------------------===//

#include "passes/PassUtils.h"
#include "dialects/MncAbi.h"

using namespace mlir;

FailureOr<func::FuncOp> mnc::findEntryFunction(ModuleOp module, StringRef name,
                                               StringRef passName) {
  if (!name.empty()) {
    auto func = module.lookupSymbol<func::FuncOp>(name);
    if (!func || func.isExternal())
      return module.emitError() << passName << ": no function '" << name
                                << "' with a body in the module";
    return func;
  }
  SmallVector<func::FuncOp> candidates;
  for (auto func : module.getOps<func::FuncOp>())
    if (!func.isExternal() && func.isPublic())
      candidates.push_back(func);
  if (candidates.size() != 1)
    return module.emitError()
           << passName << ": expected one public function with a body, found "
           << candidates.size() << "; name the entry with entry-function=NAME";
  return candidates.front();
}

FailureOr<mnc::LoweredBufferFunctions>
mnc::findLoweredBufferFunctions(ModuleOp module, StringRef passName) {
  LoweredBufferFunctions found;
  auto entry = module.lookupSymbol<LLVM::LLVMFuncOp>(abi::kEntryFunction);
  auto isPointer = [](Type type) { return isa<LLVM::LLVMPointerType>(type); };
  if (!entry || entry.isExternal() ||
      entry.getNumArguments() < 3 + abi::kEntryTrailingArguments ||
      !isa<LLVM::LLVMVoidType>(entry.getFunctionType().getReturnType()) ||
      !llvm::all_of(entry.getArgumentTypes(), isPointer))
    return module.emitError()
           << passName << ": expected the lowered entry function 'void "
           << abi::kEntryFunction
           << "(ptr input, ..., ptr output, ..., ptr workspace, ptr context)'";
  found.numBuffers = entry.getNumArguments() - abi::kEntryTrailingArguments;
  found.functions.push_back(entry);
  auto tasks = module->getAttrOfType<ArrayAttr>(abi::kParallelTasksAttr);
  if (!tasks)
    return found;
  unsigned taskArguments = found.numBuffers + abi::kTaskTrailingArguments;
  for (Attribute attr : tasks) {
    auto name = dyn_cast<FlatSymbolRefAttr>(attr);
    auto task = name ? module.lookupSymbol<LLVM::LLVMFuncOp>(name.getAttr())
                     : LLVM::LLVMFuncOp();
    if (!task || task.isExternal() || task.getNumArguments() != taskArguments)
      return module.emitError()
             << passName << ": expected the parallel task " << attr
             << " with a body and " << taskArguments << " arguments";
    found.functions.push_back(task);
  }
  return found;
}

std::string mnc::locationNodeName(Location loc) {
  std::string name;
  loc->walk([&](Location inner) {
    if (auto named = dyn_cast<NameLoc>(inner)) {
      name = named.getName().str();
      return WalkResult::interrupt();
    }
    return WalkResult::advance();
  });
  return name;
}
