//===- InstrumentLayers.cpp - a timing hook between the layers ------------===//
//
// `mnc-compile --profile` needs the time of every layer of the compiled model.
// The layers only exist as such on the mnc dialect: after the lowering they
// are loops that LLVM may reshape. So, before the lowering, this pass puts an
// opaque call `hook(i)` in front of each layer and `hook(count)` in front of
// the return. The calls have side effects unknown to the compiler, so every
// later pass keeps them in place and in order, and the caller's hook can
// timestamp them: layer i ran between mark i and mark i + 1.
//
//===----------------------------------------------------------------------===//

#include "passes/Passes.h"
#include "dialects/MncAbi.h"
#include "passes/profiling/LayerInfo.h"
#include "passes/PassUtils.h"

#include "dialects/MncDialect.h"
#include "dialects/MncOps.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "llvm/Support/FormatVariadic.h"

namespace mnc {
#define GEN_PASS_DEF_INSTRUMENTLAYERS
#include "passes/Passes.h.inc"
} // namespace mnc

using namespace mlir;

namespace {

using mnc::abi::kLayersAttr;

struct InstrumentLayersPass
    : public mnc::impl::InstrumentLayersBase<InstrumentLayersPass> {
  using Base::Base;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    if (hook.empty()) {
      module.emitError("instrument-layers: the hook symbol is empty");
      return signalPassFailure();
    }
    if (module->hasAttr(kLayersAttr)) {
      module.emitError("instrument-layers: the module is already "
                       "instrumented (it has '")
          << kLayersAttr << "')";
      return signalPassFailure();
    }
    FailureOr<func::FuncOp> entry =
        mnc::findEntryFunction(module, entryFunction, "instrument-layers");
    if (failed(entry))
      return signalPassFailure();
    // The marks go before the layers of one straight-line body.
    if (!entry->getBody().hasOneBlock() ||
        !isa<func::ReturnOp>(entry->getBody().front().getTerminator())) {
      entry->emitError("instrument-layers: expected a single block ending in "
                       "func.return");
      return signalPassFailure();
    }
    Block &body = entry->getBody().front();
    SmallVector<Operation *> layers;
    for (Operation &op : body)
      if (mnc::isLayer(&op))
        layers.push_back(&op);
    if (layers.empty()) {
      entry->emitError("instrument-layers: the entry function has no mnc "
                       "operation to instrument (run the pass before "
                       "convert-mnc-to-linalg)");
      return signalPassFailure();
    }
    FailureOr<func::FuncOp> hookFunction = declareHook(module);
    if (failed(hookFunction))
      return signalPassFailure();

    // One call before each layer, then the end marker before the return.
    OpBuilder builder(&getContext());
    auto mark = [&](Operation *before, int64_t index) {
      builder.setInsertionPoint(before);
      Location loc = before->getLoc();
      Value layer = builder.create<arith::ConstantIntOp>(loc, index, 32);
      builder.create<func::CallOp>(loc, *hookFunction, ValueRange{layer});
    };
    SmallVector<Attribute> records;
    for (auto [index, op] : llvm::enumerate(layers)) {
      mark(op, index);
      mnc::LayerInfo layer = mnc::describeLayer(op);
      records.push_back(builder.getDictionaryAttr({
          builder.getNamedAttr("op", builder.getStringAttr(layer.op)),
          builder.getNamedAttr("kind", builder.getStringAttr(layer.kind)),
          builder.getNamedAttr("node", builder.getStringAttr(layer.node)),
          builder.getNamedAttr("shape", builder.getStringAttr(layer.shape)),
          builder.getNamedAttr("macs", builder.getI64IntegerAttr(layer.macs)),
          builder.getNamedAttr("bytes",
                               builder.getI64IntegerAttr(layer.bytes)),
      }));
    }
    mark(body.getTerminator(), layers.size());
    module->setAttr(kLayersAttr, builder.getArrayAttr(records));
  }

  /// `func.func private @hook(i32)`, created unless the module declares it
  /// already with that type.
  FailureOr<func::FuncOp> declareHook(ModuleOp module) {
    auto type = FunctionType::get(
        &getContext(), {IntegerType::get(&getContext(), 32)}, {});
    if (Operation *existing = module.lookupSymbol(hook)) {
      auto func = dyn_cast<func::FuncOp>(existing);
      if (!func || !func.isExternal() || func.getFunctionType() != type)
        return existing->emitError("instrument-layers: the hook '")
               << hook << "' must be a declaration of type " << type;
      return func;
    }
    auto builder = OpBuilder::atBlockEnd(module.getBody());
    auto func = builder.create<func::FuncOp>(module.getLoc(), hook, type);
    func.setPrivate();
    return func;
  }
};

} // namespace
