//===- ConvertMncToLinalg.cpp - mnc to linalg on NHWC tensors -------------===//
//
// The pass that drives the lowering patterns of passes/lowering/ (one per mnc
// op) with the dialect conversion framework. Every rank-4 tensor is stored
// NHWC inside the function: mnc ops keep ONNX's NCHW meaning ("logical"
// dimensions), their lowered forms work on the NHWC "storage" order.
// Transposes materialize where a value crosses between the two (the
// function's NCHW input and a rank-4 output). Weights are constants and are
// re-laid out at compile time.
//
//===----------------------------------------------------------------------===//

#include "passes/Passes.h"
#include "passes/lowering/LoweringPatterns.h"
#include "passes/lowering/LoweringUtils.h"

#include "dialects/MncDialect.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Rewrite/FrozenRewritePatternSet.h"

namespace mnc {
#define GEN_PASS_DEF_CONVERTMNCTOLINALG
#include "passes/Passes.h.inc"
} // namespace mnc

using namespace mlir;
using namespace mnc;

Value LoweringState::storage(OpBuilder &b, Value original, Value converted) {
  // A lowered result: the conversion maps the mnc value to it.
  if (converted != original)
    return converted;
  if (Value stored = materialized.lookup(original))
    return stored;
  // A rank-4 argument is transposed to NHWC where it is first needed (not
  // at all when convolution kernels read it as it is).
  auto type = cast<RankedTensorType>(original.getType());
  Value stored =
      isa<BlockArgument>(original) && type.getRank() == 4
          ? transpose(b, original.getLoc(), original,
                      toStorageShape(type.getShape()), {0, 2, 3, 1})
          : storageConstant(b, original);
  materialized[original] = stored;
  return stored;
}

namespace {

struct ConvertMncToLinalgPass
    : public mnc::impl::ConvertMncToLinalgBase<ConvertMncToLinalgPass> {
  using Base::Base;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    MLIRContext *context = &getContext();
    LoweringState state(target());
    RewritePatternSet patternList(context);
    populateConvLoweringPatterns(patternList, state);
    populateConvTransposeLoweringPatterns(patternList, state);
    populateMatmulLoweringPatterns(patternList, state);
    populateElementwiseLoweringPatterns(patternList, state);
    populateInputLoweringPatterns(patternList, state);
    populatePoolingLoweringPatterns(patternList, state);
    populateReductionLoweringPatterns(patternList, state);
    populateResizeLoweringPatterns(patternList, state);
    populateShapeLoweringPatterns(patternList, state);
    FrozenRewritePatternSet patterns(std::move(patternList));

    if (failed(checkLowerable(module, patterns)))
      return signalPassFailure();
    for (auto func : module.getOps<func::FuncOp>())
      if (!func.isExternal() && !func.getBody().hasOneBlock()) {
        func.emitError("expected a function with a single block");
        return signalPassFailure();
      }

    ConversionTarget conversionTarget(*context);
    conversionTarget.addIllegalDialect<MncDialect>();
    conversionTarget.addDynamicallyLegalOp<func::ReturnOp>(
        [](func::ReturnOp op) { return !returnNeedsLowering(op); });
    // Everything the patterns create is legal as it is: the driver must not
    // fold it (the kernels' index arithmetic is folded where it is built).
    conversionTarget.markUnknownOpDynamicallyLegal(
        [](Operation *) { return true; });
    if (failed(applyPartialConversion(module, conversionTarget, patterns)))
      return signalPassFailure();
  }

  /// Reports every mnc op that cannot be lowered, not just the first: the
  /// ops no pattern matches, and those their pattern gives a reason for.
  static LogicalResult checkLowerable(ModuleOp module,
                                      const FrozenRewritePatternSet &patterns) {
    const auto &byName = patterns.getOpSpecificNativePatterns();
    bool supported = true;
    module.walk([&](Operation *op) {
      if (!isa_and_nonnull<MncDialect>(op->getDialect()))
        return;
      std::optional<std::string> reason =
          "this operation has no lowering to linalg yet";
      auto it = byName.find(op->getName());
      if (it != byName.end() && !it->second.empty())
        // Every pattern of the set is a LoweringPattern.
        reason = static_cast<const LoweringPattern *>(it->second.front())
                     ->unsupportedReason(op);
      if (reason) {
        op->emitError() << "cannot lower '" << op->getName()
                        << "': " << *reason;
        supported = false;
      }
    });
    return success(supported);
  }

  /// The vector kernels' blocking from the pass options.
  VectorTarget target() const {
    VectorTarget target;
    target.lanes = vectorLanes;
    target.vectorsPerTile = tileVectors;
    target.rows = tileRows;
    target.depthwiseColumns = depthwiseColumns;
    return target;
  }
};

} // namespace
