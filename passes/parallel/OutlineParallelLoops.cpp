//===- OutlineParallelLoops.cpp - kernels' parallel loops as tasks --------===//
//
// The vector kernels mark the one loop of each convolution or matrix kernel
// whose iterations are independent and evenly sized with `mnc.parallel`.
// This pass moves the body of each such loop of the entry function into a
// task function that runs a range [begin, end) of the loop's iterations, and
// replaces the loop by a call that hands the task to the library's caller:
//
//   scf.for %i = %lb to %ub step %s { body } {mnc.parallel}
// becomes, in the entry,
//   func.call @mnc_parallel_for(%ctx, K, ceildiv(%ub - %lb, %s))
// and
//   func.func private @main_task_K(%input, %output, %workspace,
//                                  %begin: index, %end: index) {
//     scf.for %i = %lb + %begin * %s to min(%ub, %lb + %end * %s) step %s {
//       body
//     }
//   }
//
// `%ctx` is a new last argument of the entry (`!llvm.ptr`, opaque here).
// create-entry-points defines `mnc_parallel_for` on the LLVM dialect: it
// passes task K with the entry's buffers to the caller's parallel-for hook,
// which runs the task over a partition of [0, count). Calling the task once over the
// whole range is the original loop.
//
// A task receives only the entry's arguments, so everything its body uses
// from outside the loop is computed again inside the task: the chains of
// operations without memory effects and without regions (constants,
// memref.view of the workspace, memref.get_global, subviews, index
// arithmetic) that lead back to the entry's arguments. A marked loop that
// uses anything else (a value loaded from memory, an enclosing loop's
// induction variable), or that carries values from one iteration to the
// next, stays a serial loop in the entry.
//
//===----------------------------------------------------------------------===//

#include "passes/Passes.h"
#include "dialects/MncAbi.h"
#include "passes/PassUtils.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/IR/SymbolTable.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "mlir/Transforms/RegionUtils.h"
#include "llvm/ADT/SetVector.h"

namespace mnc {
#define GEN_PASS_DEF_OUTLINEPARALLELLOOPS
#include "passes/Passes.h.inc"
} // namespace mnc

using namespace mlir;

namespace {

using mnc::abi::kParallelAttr;

/// Adds to `ops`, dependencies first, the operations that recompute `value`
/// from the first `numArgs` arguments of `entry`. Fails when `value` depends
/// on anything else: a block argument of another block, or an operation with
/// regions or memory effects.
LogicalResult collectRecomputation(Value value, func::FuncOp entry,
                                   unsigned numArgs,
                                   llvm::SetVector<Operation *> &ops) {
  if (auto argument = dyn_cast<BlockArgument>(value))
    return success(argument.getOwner() == &entry.getBody().front() &&
                   argument.getArgNumber() < numArgs);
  Operation *op = value.getDefiningOp();
  if (ops.contains(op))
    return success();
  if (op->getNumRegions() != 0 || !isMemoryEffectFree(op))
    return failure();
  for (Value operand : op->getOperands())
    if (failed(collectRecomputation(operand, entry, numArgs, ops)))
      return failure();
  ops.insert(op);
  return success();
}

struct OutlineParallelLoopsPass
    : public mnc::impl::OutlineParallelLoopsBase<OutlineParallelLoopsPass> {
  using OutlineParallelLoopsBase::OutlineParallelLoopsBase;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    FailureOr<func::FuncOp> found = mnc::findEntryFunction(
        module, entryFunction, "outline-parallel-loops");
    if (failed(found))
      return signalPassFailure();
    func::FuncOp entry = *found;
    if (module->hasAttr(mnc::abi::kParallelTasksAttr)) {
      module.emitError("outline-parallel-loops: the module already has "
                       "parallel tasks (")
          << mnc::abi::kParallelTasksAttr << ")";
      return signalPassFailure();
    }

    // The loops to outline: marked, carrying no values, and using nothing
    // a task cannot recompute. A marked loop inside another one is part of
    // the outer loop's task.
    unsigned numArgs = entry.getNumArguments();
    struct Candidate {
      scf::ForOp loop;
      llvm::SetVector<Operation *> recomputed;
    };
    SmallVector<Candidate> candidates;
    entry.walk<WalkOrder::PreOrder>([&](scf::ForOp loop) {
      if (!loop->hasAttr(kParallelAttr))
        return WalkResult::advance();
      if (loop.getNumResults() != 0)
        return WalkResult::advance();
      llvm::SetVector<Value> captured;
      getUsedValuesDefinedAbove(loop.getRegion(), captured);
      captured.insert(loop.getLowerBound());
      captured.insert(loop.getUpperBound());
      captured.insert(loop.getStep());
      Candidate candidate{loop, {}};
      for (Value value : captured)
        if (failed(collectRecomputation(value, entry, numArgs,
                                        candidate.recomputed)))
          return WalkResult::advance();
      candidates.push_back(std::move(candidate));
      return WalkResult::skip();
    });

    // The caller's context, a new last argument of the entry.
    MLIRContext *context = &getContext();
    Type pointerType = LLVM::LLVMPointerType::get(context);
    entry.insertArgument(numArgs, pointerType, /*argAttrs=*/{}, entry.getLoc());
    Value parallelContext = entry.getArgument(numArgs);
    if (candidates.empty())
      return;

    // void mnc_parallel_for(!llvm.ptr context, i32 task, index count).
    SymbolTable symbols(module);
    OpBuilder moduleBuilder = OpBuilder::atBlockEnd(module.getBody());
    Type indexType = moduleBuilder.getIndexType();
    auto dispatchType = moduleBuilder.getFunctionType(
        {pointerType, moduleBuilder.getI32Type(), indexType}, {});
    auto dispatch = symbols.lookup<func::FuncOp>(mnc::abi::kParallelForFunction);
    if (dispatch && dispatch.getFunctionType() != dispatchType) {
      dispatch.emitError("outline-parallel-loops: '")
          << mnc::abi::kParallelForFunction << "' is reserved for the task dispatcher, of type "
          << dispatchType;
      return signalPassFailure();
    }
    if (!dispatch) {
      dispatch = moduleBuilder.create<func::FuncOp>(
          module.getLoc(), mnc::abi::kParallelForFunction, dispatchType);
      dispatch.setPrivate();
      symbols.insert(dispatch);
    }

    SmallVector<Type> taskInputs(
        entry.getArgumentTypes().take_front(numArgs));
    taskInputs.append({indexType, indexType});
    auto taskType = moduleBuilder.getFunctionType(taskInputs, {});
    SmallVector<Attribute> taskNames;
    Operation *insertAfter = entry;
    for (auto [index, candidate] : llvm::enumerate(candidates)) {
      scf::ForOp loop = candidate.loop;
      Location loc = loop.getLoc();

      // The task, after the entry and the tasks before it.
      OpBuilder b(context);
      b.setInsertionPointAfter(insertAfter);
      auto task = b.create<func::FuncOp>(
          loc, (entry.getSymName() + mnc::abi::kTaskInfix + Twine(index)).str(), taskType);
      task.setPrivate();
      symbols.insert(task);
      insertAfter = task;
      taskNames.push_back(FlatSymbolRefAttr::get(task.getSymNameAttr()));

      Block *body = task.addEntryBlock();
      b.setInsertionPointToStart(body);
      IRMapping mapping;
      for (unsigned i = 0; i < numArgs; ++i)
        mapping.map(entry.getArgument(i), body->getArgument(i));
      for (Operation *op : candidate.recomputed)
        b.clone(*op, mapping);
      Value begin = body->getArgument(numArgs);
      Value end = body->getArgument(numArgs + 1);
      Value lower = mapping.lookup(loop.getLowerBound());
      Value upper = mapping.lookup(loop.getUpperBound());
      Value step = mapping.lookup(loop.getStep());
      Value from = b.create<arith::AddIOp>(
          loc, lower, b.create<arith::MulIOp>(loc, begin, step));
      Value to = b.create<arith::MinSIOp>(
          loc, upper,
          b.create<arith::AddIOp>(loc, lower,
                                  b.create<arith::MulIOp>(loc, end, step)));
      auto chunk = b.create<scf::ForOp>(loc, from, to, step);
      mapping.map(loop.getInductionVar(), chunk.getInductionVar());
      b.setInsertionPoint(chunk.getBody()->getTerminator());
      for (Operation &op : loop.getBody()->without_terminator())
        b.clone(op, mapping);
      b.setInsertionPointToEnd(body);
      b.create<func::ReturnOp>(loc);

      // The loop becomes the call that runs the task over all iterations.
      b.setInsertionPoint(loop);
      Value count = b.create<arith::CeilDivSIOp>(
          loc,
          b.create<arith::SubIOp>(loc, loop.getUpperBound(),
                                  loop.getLowerBound()),
          loop.getStep());
      Value taskIndex = b.create<arith::ConstantIntOp>(loc, index, 32);
      b.create<func::CallOp>(loc, dispatch,
                             ValueRange{parallelContext, taskIndex, count});
      loop.erase();
    }
    module->setAttr(mnc::abi::kParallelTasksAttr, ArrayAttr::get(context, taskNames));
  }
};

} // namespace
