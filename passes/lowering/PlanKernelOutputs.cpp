//===- PlanKernelOutputs.cpp - cross-op decisions of the kernels ----------===//
//
// The decisions of the vector kernels that involve more than one op, made
// before the lowering and recorded as discardable attributes on the mnc ops
// (dialects/MncAbi.h), so that each lowering pattern reads them from the op
// it lowers and the plan is visible in the IR.
//
//===----------------------------------------------------------------------===//

#include "passes/Passes.h"

#include "dialects/MncAbi.h"
#include "dialects/MncOps.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"

namespace mnc {
#define GEN_PASS_DEF_PLANKERNELOUTPUTS
#include "passes/Passes.h.inc"
} // namespace mnc

using namespace mlir;
using namespace mnc;

namespace {

/// The padding every consumer of `conv`'s result reads it with, when all of
/// them are convolutions that pad their input alike (a convolution that adds
/// it as its residual reads the interior in place); nothing otherwise.
std::optional<ArrayRef<int64_t>> sharedConsumerPadding(Conv2dOp conv) {
  Value result = conv.getOutput();
  std::optional<ArrayRef<int64_t>> pads;
  for (OpOperand &use : result.getUses()) {
    auto consumer = dyn_cast<Conv2dOp>(use.getOwner());
    if (consumer && use.get() == consumer.getResidual() &&
        use.get() != consumer.getInput())
      continue;
    if (!consumer || use.getOperandNumber() != 0 ||
        llvm::all_of(consumer.getPads(), [](int64_t p) { return p == 0; }) ||
        (pads && *pads != consumer.getPads()))
      return std::nullopt;
    pads = consumer.getPads();
  }
  return pads;
}

struct PlanKernelOutputsPass
    : public mnc::impl::PlanKernelOutputsBase<PlanKernelOutputsPass> {
  void runOnOperation() override {
    getOperation().walk([](func::FuncOp func) {
      if (!func.isExternal())
        planKernelOutputs(func.getBody());
    });
  }
};

} // namespace

void mnc::planKernelOutputs(Region &body) {
  Builder b(body.getContext());
  // The convolutions whose result feeds only convolutions that pad their
  // input alike write it padded: the consumers then need no copy into a
  // padded buffer, and the unpadded tensor never exists.
  // (Grouped convolutions have no vector kernel to write it padded.)
  for (auto conv : body.getOps<Conv2dOp>())
    if (conv.isGrouped())
      continue;
    else if (std::optional<ArrayRef<int64_t>> pads = sharedConsumerPadding(conv))
      conv->setAttr(abi::kOutputPaddingAttr, b.getDenseI64ArrayAttr(*pads));
  // A depthwise convolution whose result only a squeeze-and-excite reads
  // adds up its rows as it writes them: the squeeze then sums H row sums
  // instead of reading the whole tensor, which also keeps each thread's rows
  // in its own cache until the excite scales them.
  for (auto excite : body.getOps<SqueezeExciteOp>()) {
    auto producer = excite.getInput().getDefiningOp<Conv2dOp>();
    if (producer && producer.getOutput().hasOneUse() && producer.isDepthwise())
      producer->setAttr(abi::kRowSumsAttr, b.getUnitAttr());
  }
}
