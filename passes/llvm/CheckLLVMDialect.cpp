//===- CheckLLVMDialect.cpp - the module is fully lowered to LLVM ---------===//
//
// Conversions to the LLVM dialect can succeed and leave operations of other
// dialects behind. This pass reports every such operation (grouped: the first
// of each kind, with how many there are), so that translation to LLVM IR only
// ever sees a completely lowered module.
//
//===----------------------------------------------------------------------===//

#include "passes/Passes.h"

#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "llvm/ADT/MapVector.h"

namespace mnc {
#define GEN_PASS_DEF_CHECKLLVMDIALECT
#include "passes/Passes.h.inc"
} // namespace mnc

using namespace mlir;

namespace {
struct CheckLLVMDialectPass
    : public mnc::impl::CheckLLVMDialectBase<CheckLLVMDialectPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    // First occurrence and count of each operation name left over.
    llvm::MapVector<OperationName, std::pair<Operation *, int64_t>> leftovers;
    module.walk([&](Operation *op) {
      if (op == module.getOperation() || isa_and_nonnull<LLVM::LLVMDialect>(op->getDialect()))
        return;
      auto [it, inserted] =
          leftovers.insert({op->getName(), std::make_pair(op, int64_t(0))});
      ++it->second.second;
    });
    for (auto &[name, first] : leftovers)
      first.first->emitError("lowering to the LLVM dialect left '")
          << name << "' behind (" << first.second
          << (first.second == 1 ? " operation" : " operations") << ")";
    if (!leftovers.empty())
      signalPassFailure();
  }
};
} // namespace
