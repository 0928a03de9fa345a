//===- CopyAliasedResults.cpp - one computed buffer per graph output ------===//
//
// buffer-results-to-out-params turns each result buffer of the entry into the
// caller's output buffer: an allocation is replaced by it, anything else is
// copied into it. A result that is the caller's input (or a view of it), a
// constant, or the same buffer as an earlier result does not fit that: the
// input's buffer is dropped as a result "equivalent" to an argument, a
// buffer returned twice is replaced twice. This pass makes such results
// copies, on tensors, before bufferization sees them.
//
//===----------------------------------------------------------------------===//

#include "passes/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "llvm/ADT/DenseSet.h"

namespace mnc {
#define GEN_PASS_DEF_COPYALIASEDRESULTS
#include "passes/Passes.h.inc"
} // namespace mnc

using namespace mlir;

namespace {

/// The value `value` is a view or reinterpretation of, through ops that
/// bufferize to views of their operand's buffer.
Value viewedValue(Value value) {
  while (Operation *op = value.getDefiningOp()) {
    if (auto collapse = dyn_cast<tensor::CollapseShapeOp>(op))
      value = collapse.getSrc();
    else if (auto expand = dyn_cast<tensor::ExpandShapeOp>(op))
      value = expand.getSrc();
    else if (auto cast = dyn_cast<tensor::CastOp>(op))
      value = cast.getSource();
    else if (auto reshape = dyn_cast<tensor::ReshapeOp>(op))
      value = reshape.getSource();
    else if (auto slice = dyn_cast<tensor::ExtractSliceOp>(op))
      value = slice.getSource();
    else
      break;
  }
  return value;
}

/// Whether the buffer of `value` is not one the function allocates.
bool isArgumentOrConstant(Value value) {
  Value viewed = viewedValue(value);
  if (isa<BlockArgument>(viewed))
    return true;
  Operation *producer = viewed.getDefiningOp();
  return producer && producer->hasTrait<OpTrait::ConstantLike>();
}

struct CopyAliasedResultsPass
    : public mnc::impl::CopyAliasedResultsBase<CopyAliasedResultsPass> {
  void runOnOperation() override {
    for (auto func : getOperation().getOps<func::FuncOp>()) {
      if (func.isExternal())
        continue;
      func.walk([](func::ReturnOp ret) { copyAliasedOperands(ret); });
    }
  }

  static void copyAliasedOperands(func::ReturnOp ret) {
    OpBuilder builder(ret);
    // The buffers returned so far, by the value they are views of.
    llvm::DenseSet<Value> returned;
    for (OpOperand &operand : ret->getOpOperands()) {
      Value value = operand.get();
      auto type = dyn_cast<RankedTensorType>(value.getType());
      if (!type || !type.hasStaticShape())
        continue;
      bool firstUse = returned.insert(viewedValue(value)).second;
      if (firstUse && !isArgumentOrConstant(value))
        continue;
      Location loc = ret.getLoc();
      Value init = builder.create<tensor::EmptyOp>(loc, type.getShape(),
                                                   type.getElementType());
      operand.set(builder.create<linalg::CopyOp>(loc, value, init)
                      .getResult(0));
    }
  }
};

} // namespace
