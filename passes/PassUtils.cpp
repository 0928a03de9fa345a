//===- PassUtils.cpp - helpers several mnc passes share -------------------===//

#include "passes/PassUtils.h"

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
