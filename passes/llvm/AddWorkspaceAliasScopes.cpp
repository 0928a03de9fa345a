//===- AddWorkspaceAliasScopes.cpp - the workspace's buffers are disjoint -===//
//
// Every intermediate buffer is a view into the one workspace argument, so
// LLVM sees the input and the output of an operation as the same object and
// cannot tell that a loop's stores never reach its loads ("unknown data
// dependence": the loop vectorizer gives up, and LICM keeps reloading
// loop-invariant inputs). The lowered IR still says where each buffer is:
// a view is a constant-offset `llvm.getelementptr` of the workspace, stored
// as the aligned pointer of a memref descriptor (built by `llvm.insertvalue`
// and read back by `llvm.extractvalue`) whose offset, sizes and strides are
// constants. Each view gets an alias scope, and every `llvm.load` and
// `llvm.store` through it is marked as not aliasing the views whose byte
// ranges are disjoint from its own. Ranges are fixed for the whole call, so
// this holds whatever the buffers' lifetimes; anything not recognized keeps
// no scopes.
//
//===----------------------------------------------------------------------===//

#include "dialects/MncAbi.h"
#include "passes/PassUtils.h"
#include "passes/Passes.h"

#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/IR/Matchers.h"
#include "mlir/Interfaces/DataLayoutInterfaces.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/MapVector.h"

#include <optional>

namespace mnc {
#define GEN_PASS_DEF_ADDWORKSPACEALIASSCOPES
#include "passes/Passes.h.inc"
} // namespace mnc

using namespace mlir;

namespace {


/// Tracing gives up after this many steps (GEPs and field reads).
constexpr unsigned kMaxTraceDepth = 256;

/// The value inserted at `position` into the aggregate built by a chain of
/// llvm.insertvalue operations ending in `aggregate`, or null.
Value insertedField(Value aggregate, ArrayRef<int64_t> position) {
  while (auto insert = aggregate.getDefiningOp<LLVM::InsertValueOp>()) {
    if (insert.getPosition() == position)
      return insert.getValue();
    aggregate = insert.getContainer();
  }
  return nullptr;
}

/// `value`, or the value an llvm.extractvalue of it reads from an
/// llvm.insertvalue chain (a memref descriptor's field), repeatedly; null
/// when unknown.
Value resolveField(Value value) {
  while (value)
    if (auto extract = value.getDefiningOp<LLVM::ExtractValueOp>())
      value = insertedField(extract.getContainer(), extract.getPosition());
    else
      break;
  return value;
}

/// Whether `type` is a ranked memref descriptor
/// !llvm.struct<(ptr, ptr, i64, array<N x i64>, array<N x i64>)>.
bool isMemRefDescriptor(Type type) {
  auto record = dyn_cast<LLVM::LLVMStructType>(type);
  if (!record || record.isOpaque() || record.getBody().size() != 5)
    return false;
  ArrayRef<Type> fields = record.getBody();
  if (!isa<LLVM::LLVMPointerType>(fields[0]) ||
      !isa<LLVM::LLVMPointerType>(fields[1]) || !fields[2].isInteger(64))
    return false;
  auto sizes = dyn_cast<LLVM::LLVMArrayType>(fields[3]);
  auto strides = dyn_cast<LLVM::LLVMArrayType>(fields[4]);
  return sizes && strides && sizes == strides &&
         sizes.getElementType().isInteger(64);
}

/// The number of dimensions of a memref descriptor type.
unsigned descriptorRank(Type type) {
  return cast<LLVM::LLVMArrayType>(
             cast<LLVM::LLVMStructType>(type).getBody()[3])
      .getNumElements();
}

/// The constant integer `value` holds, if any.
std::optional<int64_t> constantInt(Value value) {
  APInt constant;
  if (value && matchPattern(value, m_ConstantInt(&constant)))
    return constant.getSExtValue();
  return std::nullopt;
}

/// Bytes an access of `type` reads or writes (LLVM's store size: a vector
/// of N elements of B bits is ceil(N * B / 8) bytes, unpadded).
uint64_t storeSize(Type type, const DataLayout &layout) {
  if (auto vector = dyn_cast<VectorType>(type))
    if (!vector.isScalable() && vector.getRank() == 1)
      return (vector.getNumElements() *
                  layout.getTypeSizeInBits(vector.getElementType()) +
              7) /
             8;
  return (layout.getTypeSizeInBits(type) + 7) / 8;
}

/// The byte offset `gep` adds to its base pointer, when all its indices are
/// constants (LLVM's GEPOperator::accumulateConstantOffset).
std::optional<int64_t> constantOffset(LLVM::GEPOp gep,
                                      const DataLayout &layout) {
  int64_t offset = 0;
  Type type = gep.getElemType();
  for (auto [position, index] : llvm::enumerate(gep.getIndices())) {
    std::optional<int64_t> value;
    if (auto attr = dyn_cast<IntegerAttr>(index))
      value = attr.getValue().getSExtValue();
    else
      value = constantInt(cast<Value>(index));
    if (!value)
      return std::nullopt;
    // The first index steps over whole elements; later ones go inside.
    if (position == 0) {
      offset += *value * static_cast<int64_t>(layout.getTypeSize(type));
      continue;
    }
    if (auto record = dyn_cast<LLVM::LLVMStructType>(type)) {
      ArrayRef<Type> fields = record.getBody();
      if (*value < 0 || *value >= static_cast<int64_t>(fields.size()))
        return std::nullopt;
      // Field offsets: each field at its ABI alignment, unless packed.
      int64_t fieldOffset = 0;
      for (int64_t field = 0; field <= *value; ++field) {
        if (!record.isPacked())
          fieldOffset = llvm::alignTo(
              fieldOffset, layout.getTypeABIAlignment(fields[field]));
        if (field < *value)
          fieldOffset += layout.getTypeSize(fields[field]);
      }
      offset += fieldOffset;
      type = fields[*value];
    } else if (auto array = dyn_cast<LLVM::LLVMArrayType>(type)) {
      type = array.getElementType();
      offset += *value * static_cast<int64_t>(layout.getTypeSize(type));
    } else if (auto vector = dyn_cast<VectorType>(type)) {
      type = vector.getElementType();
      offset += *value * static_cast<int64_t>(layout.getTypeSize(type));
    } else {
      return std::nullopt;
    }
  }
  return offset;
}

/// Where a pointer comes from: `base` (an argument of the function) plus a
/// byte offset, which is known when every step is a constant GEP.
struct PointerOrigin {
  Value base;
  std::optional<int64_t> offset;
};

PointerOrigin tracePointer(Value pointer, Block &entryBlock,
                           const DataLayout &layout) {
  int64_t offset = 0;
  bool constant = true;
  for (unsigned depth = 0; pointer && depth < kMaxTraceDepth; ++depth) {
    if (auto argument = dyn_cast<BlockArgument>(pointer)) {
      if (argument.getOwner() != &entryBlock)
        break;
      return {pointer,
              constant ? std::optional<int64_t>(offset) : std::nullopt};
    }
    if (auto gep = pointer.getDefiningOp<LLVM::GEPOp>()) {
      std::optional<int64_t> gepOffset =
          constant ? constantOffset(gep, layout) : std::nullopt;
      if (gepOffset)
        offset += *gepOffset;
      else
        constant = false;
      pointer = gep.getBase();
      continue;
    }
    if (pointer.getDefiningOp<LLVM::ExtractValueOp>()) {
      pointer = resolveField(pointer);
      continue;
    }
    break;
  }
  return {};
}

/// A view of the workspace: an aligned pointer at a constant byte offset,
/// with the last element any descriptor of it reaches and the widest access
/// through it.
struct View {
  int64_t begin = 0;
  int64_t lastElement = 0;
  uint64_t accessBytes = 0;
  LLVM::AliasScopeAttr scope;

  /// One past the last byte, assuming elements of the widest access.
  int64_t end() const {
    return begin + (lastElement + 1) * static_cast<int64_t>(accessBytes);
  }
};

void addWorkspaceAliasScopes(LLVM::LLVMFuncOp function, unsigned numBuffers,
                             const DataLayout &layout) {
  Block &entryBlock = function.getBody().front();
  Value workspace =
      entryBlock.getArgument(mnc::abi::workspaceArgument(numBuffers));

  // In the order of the IR (the order translation emits it in), so the
  // metadata is the same on every run.
  auto operations = [&] {
    SmallVector<Operation *> ops;
    for (Block &block : function.getBody())
      for (Operation &op : block)
        ops.push_back(&op);
    return ops;
  }();

  llvm::MapVector<Value, View> views;
  llvm::DenseSet<Value> unknown;
  for (Operation *op : operations) {
    if (op->getNumResults() != 1 ||
        !isMemRefDescriptor(op->getResult(0).getType()))
      continue;
    Value descriptor = op->getResult(0);
    // Only complete descriptors: not a step of an insertvalue chain.
    if (!descriptor.use_empty() &&
        llvm::all_of(descriptor.getUsers(), [](Operation *user) {
          return isa<LLVM::InsertValueOp>(user);
        }))
      continue;
    Value aligned = resolveField(insertedField(descriptor, {1}));
    if (!aligned || aligned == workspace)
      continue;
    PointerOrigin origin = tracePointer(aligned, entryBlock, layout);
    if (origin.base != workspace)
      continue;
    auto constantField = [&](ArrayRef<int64_t> position) {
      return constantInt(insertedField(descriptor, position));
    };
    std::optional<int64_t> last = constantField({2});
    unsigned rank = descriptorRank(descriptor.getType());
    for (unsigned dim = 0; dim < rank && last; ++dim) {
      std::optional<int64_t> size = constantField({3, dim});
      std::optional<int64_t> stride = constantField({4, dim});
      if (!size || !stride || *size < 0 || *stride < 0)
        last.reset();
      else if (*size > 0)
        *last += (*size - 1) * *stride;
    }
    if (!origin.offset || !last || *last < 0) {
      unknown.insert(aligned);
      continue;
    }
    auto [it, inserted] = views.try_emplace(aligned);
    if (inserted)
      it->second.begin = *origin.offset;
    it->second.lastElement = std::max(it->second.lastElement, *last);
  }
  views.remove_if([&](const std::pair<Value, View> &entry) {
    return unknown.contains(entry.first);
  });

  // Each load and store belongs to the nearest view its address is derived
  // from (by GEPs, which stay inside the view: memref accesses are in
  // bounds). The element size is the widest access, an upper bound.
  SmallVector<std::pair<LLVM::AliasAnalysisOpInterface, Value>> accesses;
  for (Operation *op : operations) {
    Value pointer;
    Type accessType;
    if (auto load = dyn_cast<LLVM::LoadOp>(op)) {
      pointer = load.getAddr();
      accessType = load.getType();
    } else if (auto store = dyn_cast<LLVM::StoreOp>(op)) {
      pointer = store.getAddr();
      accessType = store.getValue().getType();
    } else {
      continue;
    }
    for (unsigned depth = 0; pointer && depth < kMaxTraceDepth; ++depth) {
      if (unknown.contains(pointer))
        break;
      auto view = views.find(pointer);
      if (view != views.end()) {
        view->second.accessBytes = std::max<uint64_t>(
            view->second.accessBytes, storeSize(accessType, layout));
        accesses.push_back({cast<LLVM::AliasAnalysisOpInterface>(op), pointer});
        break;
      }
      if (auto gep = pointer.getDefiningOp<LLVM::GEPOp>())
        pointer = gep.getBase();
      else if (pointer.getDefiningOp<LLVM::ExtractValueOp>())
        pointer = resolveField(pointer);
      else
        break;
    }
  }
  if (accesses.empty())
    return;

  // Byte ranges, scopes, and for each view the scopes of the disjoint ones.
  MLIRContext *context = function.getContext();
  auto domain = LLVM::AliasScopeDomainAttr::get(
      context, StringAttr::get(context, mnc::abi::kWorkspaceAliasDomain));
  SmallVector<Value> keys;
  for (auto &[pointer, view] : views)
    if (view.accessBytes > 0)
      keys.push_back(pointer);
  for (Value key : keys)
    views[key].scope = LLVM::AliasScopeAttr::get(domain);
  llvm::DenseMap<Value, std::pair<ArrayAttr, ArrayAttr>> scopes;
  for (Value key : keys) {
    const View &view = views[key];
    SmallVector<Attribute> disjoint;
    for (Value other : keys) {
      const View &otherView = views[other];
      if (otherView.end() <= view.begin || view.end() <= otherView.begin)
        disjoint.push_back(otherView.scope);
    }
    scopes[key] = {ArrayAttr::get(context, {view.scope}),
                   ArrayAttr::get(context, disjoint)};
  }
  for (auto [access, key] : accesses) {
    auto [own, noalias] = scopes.lookup(key);
    if (!own)
      continue;
    access.setAliasScopes(own);
    access.setNoAliasScopes(noalias);
  }
}

struct AddWorkspaceAliasScopesPass
    : public mnc::impl::AddWorkspaceAliasScopesBase<
          AddWorkspaceAliasScopesPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    FailureOr<mnc::LoweredBufferFunctions> found =
        mnc::findLoweredBufferFunctions(module, getArgument());
    if (failed(found))
      return signalPassFailure();
    DataLayout layout = DataLayout::closest(module);
    for (LLVM::LLVMFuncOp function : found->functions)
      addWorkspaceAliasScopes(function, found->numBuffers, layout);
  }
};

} // namespace
