//===- PlanWorkspace.cpp - one workspace for every buffer -----------------===//
//
// After bufferization the entry function allocates its intermediate buffers
// with memref.alloc. The generated library must not call malloc, so this pass
// gives every such buffer a fixed byte offset in one caller-provided
// workspace, appended as the function's last argument (memref<Nxi8>), and
// replaces each allocation by a memref.view into it.
//
// Offsets come from liveness: a buffer is live from the first to the last
// top-level operation of the function that uses it (or any view, cast or
// other alias of it, also from nested regions). Buffers whose live ranges do
// not overlap may share bytes. Placement is greedy first-fit, largest buffers
// first, which is simple, deterministic and close to optimal for the chains
// of a convolutional network.
//
//===----------------------------------------------------------------------===//

#include "passes/Passes.h"
#include "dialects/MncAbi.h"
#include "passes/PassUtils.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Interfaces/DataLayoutInterfaces.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SetVector.h"
#include "llvm/Support/MathExtras.h"

#include <algorithm>

namespace mnc {
#define GEN_PASS_DEF_PLANWORKSPACE
#include "passes/Passes.h.inc"
} // namespace mnc

using namespace mlir;

namespace {

/// One allocation to place in the workspace.
struct Buffer {
  /// The memref.alloc or memref.alloca this buffer replaces.
  Operation *alloc;
  MemRefType type;
  /// Bytes and byte alignment of the buffer.
  int64_t size = 0;
  int64_t alignment = 1;
  /// Live range: positions of the first and last top-level operations that
  /// use the buffer, inclusive.
  int64_t first = 0;
  int64_t last = 0;
  /// Whether anything but a dealloc uses the buffer.
  bool used = false;
  /// Operations that free the buffer; they are erased.
  SmallVector<Operation *> deallocs;
  /// Byte offset in the workspace, once placed.
  int64_t offset = -1;

  bool overlapsInTime(const Buffer &other) const {
    return first <= other.last && other.first <= last;
  }
};

/// Checks that `alloc` can live in the workspace and fills in its size and
/// alignment. Reports why not otherwise.
FailureOr<Buffer> describeBuffer(Operation *alloc, Block &entryBlock,
                                 const DataLayout &layout,
                                 int64_t minAlignment) {
  auto type = cast<MemRefType>(alloc->getResult(0).getType());
  auto fail = [&](const Twine &why) -> FailureOr<Buffer> {
    alloc->emitError("plan-workspace: cannot place buffer ")
        << type << " in the workspace: " << why;
    return failure();
  };
  if (alloc->getBlock() != &entryBlock)
    return fail("it is allocated inside a region (loop or branch); only "
                "allocations at the top level of the function can be placed");
  if (!type.hasStaticShape())
    return fail("its shape is dynamic");
  if (!type.getLayout().isIdentity())
    return fail("its layout is not the identity");
  if (type.getMemorySpace())
    return fail("it is not in the default memory space");

  Buffer buffer;
  buffer.alloc = alloc;
  buffer.type = type;
  int64_t elementBytes =
      static_cast<int64_t>(layout.getTypeSize(type.getElementType()));
  if (elementBytes <= 0)
    return fail("its element type has no byte size");
  buffer.size = type.getNumElements() * elementBytes;

  int64_t alignment = minAlignment;
  if (auto attr = alloc->getAttrOfType<IntegerAttr>("alignment"))
    alignment = std::max(alignment, attr.getInt());
  buffer.alignment = alignment;
  return buffer;
}

/// Computes the live range of `buffer`: every value that may alias it (views,
/// casts, results of operations that take it, region arguments it flows into)
/// is followed, and each use counts at its ancestor in the entry block.
LogicalResult computeLiveRange(Buffer &buffer, Block &entryBlock,
                               const DenseMap<Operation *, int64_t> &position) {
  SmallVector<Value> worklist{buffer.alloc->getResult(0)};
  DenseSet<Value> seen{buffer.alloc->getResult(0)};
  auto addAlias = [&](Value value) {
    if (isa<BaseMemRefType>(value.getType()) && seen.insert(value).second)
      worklist.push_back(value);
  };

  int64_t first = std::numeric_limits<int64_t>::max();
  int64_t last = std::numeric_limits<int64_t>::min();
  while (!worklist.empty()) {
    Value value = worklist.pop_back_val();
    for (OpOperand &use : value.getUses()) {
      Operation *user = use.getOwner();
      if (isa<memref::DeallocOp>(user)) {
        buffer.deallocs.push_back(user);
        continue;
      }
      if (user->getBlock() == &entryBlock &&
          user->hasTrait<OpTrait::IsTerminator>())
        return buffer.alloc->emitError("plan-workspace: cannot place buffer ")
               << buffer.type
               << " in the workspace: it is returned from the function";

      buffer.used = true;
      Operation *ancestor = entryBlock.findAncestorOpInBlock(*user);
      assert(ancestor && "a use outside the function of its definition");
      int64_t at = position.lookup(ancestor);
      first = std::min(first, at);
      last = std::max(last, at);

      for (Value result : user->getResults())
        addAlias(result);
      for (Region &region : user->getRegions())
        for (Block &block : region)
          for (BlockArgument argument : block.getArguments())
            addAlias(argument);
      // A value yielded out of a region aliases the results of the region's
      // owner.
      if (user->hasTrait<OpTrait::IsTerminator>())
        if (Operation *parent = user->getParentOp())
          for (Value result : parent->getResults())
            addAlias(result);
    }
  }
  if (first > last) // Never used: the buffer is live at its allocation only.
    first = last = position.lookup(buffer.alloc);
  buffer.first = first;
  buffer.last = last;
  return success();
}

/// Greedy first-fit: largest buffers first; each goes to the lowest aligned
/// offset that does not collide with a placed buffer of overlapping lifetime.
/// Returns the bytes used.
int64_t placeBuffers(MutableArrayRef<Buffer> buffers) {
  SmallVector<Buffer *> order;
  for (Buffer &buffer : buffers)
    order.push_back(&buffer);
  // Stable: equal sizes keep program order, so the plan is deterministic.
  std::stable_sort(order.begin(), order.end(),
                   [](const Buffer *a, const Buffer *b) {
                     return a->size > b->size;
                   });

  SmallVector<Buffer *> placed;
  int64_t total = 0;
  for (Buffer *buffer : order) {
    SmallVector<Buffer *> conflicts;
    for (Buffer *other : placed)
      if (buffer->overlapsInTime(*other))
        conflicts.push_back(other);
    llvm::sort(conflicts, [](const Buffer *a, const Buffer *b) {
      return a->offset < b->offset;
    });
    int64_t offset = 0;
    for (Buffer *other : conflicts) {
      if (offset + buffer->size <= other->offset)
        break;
      offset = std::max<int64_t>(offset, llvm::alignTo(other->offset + other->size,
                                              buffer->alignment));
    }
    buffer->offset = offset;
    total = std::max(total, offset + buffer->size);
    placed.push_back(buffer);
  }
  return total;
}

struct PlanWorkspacePass
    : public mnc::impl::PlanWorkspaceBase<PlanWorkspacePass> {
  using PlanWorkspaceBase::PlanWorkspaceBase;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    if (alignment < 1 || !llvm::isPowerOf2_64(alignment)) {
      module.emitError("plan-workspace: alignment must be a power of two, "
                       "got ")
          << alignment.getValue();
      return signalPassFailure();
    }
    FailureOr<func::FuncOp> entry =
        mnc::findEntryFunction(module, entryFunction, "plan-workspace");
    if (failed(entry))
      return signalPassFailure();
    func::FuncOp func = *entry;
    if (!func.getBody().hasOneBlock()) {
      func.emitError("plan-workspace: the entry function must have a single "
                     "block");
      return signalPassFailure();
    }
    Block &entryBlock = func.getBody().front();

    DenseMap<Operation *, int64_t> position;
    for (auto [index, op] : llvm::enumerate(entryBlock))
      position[&op] = index;

    // Collect every allocation; report all that cannot be placed.
    DataLayout layout = DataLayout::closest(func);
    SmallVector<Buffer> buffers;
    bool ok = true;
    func.walk([&](Operation *op) {
      if (isa<memref::AllocOp, memref::AllocaOp>(op)) {
        FailureOr<Buffer> buffer =
            describeBuffer(op, entryBlock, layout, alignment);
        if (failed(buffer) ||
            failed(computeLiveRange(*buffer, entryBlock, position)))
          ok = false;
        else
          buffers.push_back(std::move(*buffer));
        return;
      }
      auto effects = dyn_cast<MemoryEffectOpInterface>(op);
      if (effects && effects.hasEffect<MemoryEffects::Allocate>()) {
        op->emitError("plan-workspace: cannot place the memory that '")
            << op->getName() << "' allocates in the workspace";
        ok = false;
      }
    });
    if (!ok)
      return signalPassFailure();

    // Deallocations go (once each: a dealloc of a value that may alias two
    // buffers, like a select of both, is listed by both).
    llvm::SetVector<Operation *> deallocs;
    for (Buffer &buffer : buffers)
      deallocs.insert(buffer.deallocs.begin(), buffer.deallocs.end());
    for (Operation *dealloc : deallocs)
      dealloc->erase();

    // A buffer nothing reads or writes needs no memory.
    SmallVector<Buffer> used;
    for (Buffer &buffer : buffers) {
      if (buffer.used)
        used.push_back(std::move(buffer));
      else
        buffer.alloc->erase();
    }

    int64_t total = llvm::alignTo(placeBuffers(used), alignment);

    // The workspace argument, then a view into it for every buffer.
    MLIRContext *context = &getContext();
    auto workspaceType =
        MemRefType::get({total}, IntegerType::get(context, 8));
    unsigned workspaceIndex = func.getNumArguments();
    func.insertArgument(workspaceIndex, workspaceType, /*argAttrs=*/{},
                        func.getLoc());
    Value workspace = func.getArgument(workspaceIndex);

    // Where each buffer went, by the name its location carries (the ONNX
    // node it was made for), for reports.
    SmallVector<Attribute> plan;
    for (Buffer &buffer : used) {
      NameLoc name;
      buffer.alloc->getLoc()->walk([&](Location loc) {
        if (!name)
          name = dyn_cast<NameLoc>(loc);
        return WalkResult::advance();
      });
      Builder b(context);
      plan.push_back(b.getDictionaryAttr({
          b.getNamedAttr("name", name ? name.getName() : b.getStringAttr("")),
          b.getNamedAttr("offset", b.getI64IntegerAttr(buffer.offset)),
          b.getNamedAttr("size", b.getI64IntegerAttr(buffer.size)),
      }));
    }
    module->setAttr(mnc::abi::kWorkspacePlanAttr, ArrayAttr::get(context, plan));

    OpBuilder builder(context);
    for (Buffer &buffer : used) {
      builder.setInsertionPoint(buffer.alloc);
      Location loc = buffer.alloc->getLoc();
      Value offset =
          builder.create<arith::ConstantIndexOp>(loc, buffer.offset);
      Value view = builder.create<memref::ViewOp>(loc, buffer.type, workspace,
                                                  offset, ValueRange{});
      buffer.alloc->getResult(0).replaceAllUsesWith(view);
      buffer.alloc->erase();
    }

    module->setAttr(mnc::abi::kWorkspaceSizeAttr,
                    IntegerAttr::get(IntegerType::get(context, 64), total));
  }
};

} // namespace
