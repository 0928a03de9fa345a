//===- SplitParallelLinalg.cpp - large linalg ops as parallel loops -------===//
//
// Besides the vector kernels, the entry function keeps some linalg
// operations on buffers: the input's transpose, padding fills and copies,
// the squeeze-and-excite reductions and scalings, pooling. With the kernels
// split over threads, these serial pieces limit the speed-up. This pass
// tiles each large one along a parallel dimension into an `scf.for` of
// tiles marked `mnc.parallel`, which outline-parallel-loops then turns into
// a task like the kernels' loops.
//
// A tile writes only its own part of the outputs when the tiled dimension is
// parallel and indexes every output directly, and no tile reads what another
// writes when each input either is read at the same place it is written
// (the same indexing map as the output it may share memory with) or shares
// no memory with the outputs. The latter is decided on the buffers' roots:
// distinct arguments of the entry (NAME_run checks that they are disjoint),
// constant globals, or views of the workspace at disjoint constant byte
// ranges. Anything else stays as it is.
//
//===----------------------------------------------------------------------===//

#include "passes/Passes.h"
#include "dialects/MncAbi.h"

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Interfaces/ViewLikeInterface.h"

#include <optional>

namespace mnc {
#define GEN_PASS_DEF_SPLITPARALLELLINALG
#include "passes/Passes.h.inc"
} // namespace mnc

using namespace mlir;

namespace {

using mnc::abi::kParallelAttr;

/// Where the bytes of a buffer come from.
struct BufferRoot {
  /// An argument of the entry, a memref.get_global, or a workspace argument
  /// a memref.view reads; null when unknown.
  Value base;
  /// For a view of the workspace: its byte range [begin, end).
  std::optional<std::pair<int64_t, int64_t>> bytes;
  /// Whether the buffer is a constant global (never written).
  bool constant = false;
};

BufferRoot findRoot(Value buffer) {
  while (true) {
    Operation *op = buffer.getDefiningOp();
    if (!op)
      return {buffer, std::nullopt, false};
    if (auto global = dyn_cast<memref::GetGlobalOp>(op)) {
      auto symbol = SymbolTable::lookupNearestSymbolFrom<memref::GlobalOp>(
          op, global.getNameAttr());
      return {buffer, std::nullopt, symbol && symbol.getConstant()};
    }
    if (auto view = dyn_cast<memref::ViewOp>(op)) {
      auto type = cast<MemRefType>(view.getType());
      std::optional<int64_t> offset =
          getConstantIntValue(view.getByteShift());
      if (!offset || !type.hasStaticShape() || !view.getSizes().empty())
        return {};
      int64_t bytes = type.getNumElements() *
                      type.getElementType().getIntOrFloatBitWidth() / 8;
      return {view.getSource(), std::make_pair(*offset, *offset + bytes),
              false};
    }
    // Subviews, reshapes and casts stay inside the buffer they view.
    if (auto viewLike = dyn_cast<ViewLikeOpInterface>(op)) {
      buffer = viewLike.getViewSource();
      continue;
    }
    return {};
  }
}

/// Whether `a` and `b` provably share no byte.
bool areDisjoint(Value a, Value b) {
  BufferRoot rootA = findRoot(a), rootB = findRoot(b);
  if (!rootA.base || !rootB.base)
    return false;
  // A constant is never written.
  if (rootA.constant || rootB.constant)
    return true;
  // The entry's arguments are disjoint buffers (NAME_run checks).
  auto isEntryArgument = [](Value value) {
    auto argument = dyn_cast<BlockArgument>(value);
    return argument &&
           isa<func::FuncOp>(argument.getOwner()->getParentOp());
  };
  if (rootA.base != rootB.base)
    return isEntryArgument(rootA.base) && isEntryArgument(rootB.base);
  if (!rootA.bytes || !rootB.bytes)
    return false;
  return rootA.bytes->second <= rootB.bytes->first ||
         rootB.bytes->second <= rootA.bytes->first;
}

/// The dimension to split `op` along, or nothing: the longest (the first of
/// equals) parallel dimension longer than one that every output indexes
/// directly, when the tiles cannot see each other's writes.
std::optional<unsigned> chooseDimension(linalg::LinalgOp op) {
  if (!op.hasPureBufferSemantics() || op.getNumDpsInits() == 0)
    return std::nullopt;
  SmallVector<int64_t> ranges = op.getStaticLoopRanges();
  if (llvm::any_of(ranges, ShapedType::isDynamic))
    return std::nullopt;
  SmallVector<utils::IteratorType> iterators = op.getIteratorTypesArray();
  std::optional<unsigned> dimension;
  for (unsigned dim = 0; dim < ranges.size(); ++dim) {
    if (iterators[dim] != utils::IteratorType::parallel || ranges[dim] < 2 ||
        (dimension && ranges[dim] <= ranges[*dimension]))
      continue;
    AffineExpr expr = getAffineDimExpr(dim, op.getContext());
    if (llvm::all_of(op.getDpsInitsMutable(), [&](OpOperand &init) {
          return llvm::is_contained(
              op.getMatchingIndexingMap(&init).getResults(), expr);
        }))
      dimension = dim;
  }
  if (!dimension)
    return std::nullopt;
  for (OpOperand *input : op.getDpsInputOperands()) {
    if (!isa<MemRefType>(input->get().getType()))
      continue;
    for (OpOperand &init : op.getDpsInitsMutable()) {
      bool sameAccess = input->get() == init.get() &&
                        op.getMatchingIndexingMap(input) ==
                            op.getMatchingIndexingMap(&init);
      if (!sameAccess && !areDisjoint(input->get(), init.get()))
        return std::nullopt;
    }
  }
  return dimension;
}

struct SplitParallelLinalgPass
    : public mnc::impl::SplitParallelLinalgBase<SplitParallelLinalgPass> {
  using SplitParallelLinalgBase::SplitParallelLinalgBase;

  void runOnOperation() override {
    if (tileCount < 2 || minIterations < 1) {
      getOperation().emitError("split-parallel-linalg: tile-count must be at "
                               "least 2 and min-iterations at least 1");
      return signalPassFailure();
    }
    IRRewriter rewriter(&getContext());
    for (auto func : getOperation().getOps<func::FuncOp>()) {
      if (func.isExternal() || !func.isPublic())
        continue;
      // Only operations of the function's body: nested ones run inside
      // loops that may already be split.
      for (Operation &op :
           llvm::make_early_inc_range(func.getBody().front())) {
        auto linalgOp = dyn_cast<linalg::LinalgOp>(&op);
        if (!linalgOp)
          continue;
        std::optional<unsigned> dim = chooseDimension(linalgOp);
        if (!dim)
          continue;
        SmallVector<int64_t> ranges = linalgOp.getStaticLoopRanges();
        int64_t iterations = 1;
        for (int64_t range : ranges)
          iterations *= range;
        if (iterations < minIterations)
          continue;
        SmallVector<int64_t> tileSizes(ranges.size(), 0);
        tileSizes[*dim] = llvm::divideCeil(
            ranges[*dim], std::min<int64_t>(tileCount, ranges[*dim]));
        linalg::LinalgTilingOptions options;
        options.setTileSizes(tileSizes);
        rewriter.setInsertionPoint(&op);
        FailureOr<linalg::TiledLinalgOp> tiled =
            linalg::tileLinalgOp(rewriter, linalgOp, options);
        if (failed(tiled))
          continue;
        for (Operation *loop : tiled->loops)
          loop->setAttr(kParallelAttr, rewriter.getUnitAttr());
        rewriter.eraseOp(&op);
      }
    }
  }
};

} // namespace
