//===- LLVMTranslation.cpp - LLVM dialect to optimized LLVM IR ------------===//

#include "compiler/backend/LLVMTranslation.h"
#include "compiler/backend/EntryPoints.h"
#include "dialects/MncAbi.h"

#include "runtime/mnc_runtime.h"

#include "mlir/Interfaces/FunctionInterfaces.h"
#include "mlir/Target/LLVMIR/Dialect/Builtin/BuiltinToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Dialect/LLVMIR/LLVMToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Export.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/MapVector.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/MDBuilder.h"
#include "llvm/IR/Module.h"
#include "llvm/IR/Verifier.h"
#include "llvm/Passes/PassBuilder.h"
#include "llvm/Target/TargetMachine.h"

#include <optional>

using namespace mlir;

namespace {

//===----------------------------------------------------------------------===//
// Alias scopes of the workspace's buffers
//===----------------------------------------------------------------------===//
//
// Every intermediate buffer is a view into the one workspace argument, so
// LLVM sees the input and the output of an operation as the same object and
// cannot tell that a loop's stores never reach its loads ("unknown data
// dependence": the loop vectorizer gives up, and LICM keeps reloading
// loop-invariant inputs). The lowered IR still says where each buffer is:
// a view is a constant-offset GEP of the workspace, stored as the aligned
// pointer of a memref descriptor whose offset, sizes and strides are
// constants. Each view gets an alias scope, and every load and store through
// it is marked as not aliasing the views whose byte ranges are disjoint from
// its own. Ranges are fixed for the whole call, so this holds whatever the
// buffers' lifetimes; anything not recognized keeps no metadata.

/// The value inserted at `indices` into the aggregate built by a chain of
/// insertvalue instructions ending in `aggregate`, or null.
llvm::Value *insertedField(llvm::Value *aggregate,
                           ArrayRef<unsigned> indices) {
  while (auto *insert = dyn_cast<llvm::InsertValueInst>(aggregate)) {
    if (insert->getIndices() == indices)
      return insert->getInsertedValueOperand();
    aggregate = insert->getAggregateOperand();
  }
  return nullptr;
}

/// `value`, or the value an extractvalue of it reads from an insertvalue
/// chain (a memref descriptor's field), repeatedly; null when unknown.
llvm::Value *resolveField(llvm::Value *value) {
  while (auto *extract = dyn_cast_or_null<llvm::ExtractValueInst>(value))
    value = insertedField(extract->getAggregateOperand(),
                          extract->getIndices());
  return value;
}

/// Whether `type` is a ranked memref descriptor
/// {ptr, ptr, i64, [N x i64], [N x i64]}.
bool isMemRefDescriptor(llvm::Type *type) {
  auto *record = dyn_cast<llvm::StructType>(type);
  if (!record || record->getNumElements() != 5 ||
      !record->getElementType(0)->isPointerTy() ||
      !record->getElementType(1)->isPointerTy() ||
      !record->getElementType(2)->isIntegerTy(64))
    return false;
  auto *sizes = dyn_cast<llvm::ArrayType>(record->getElementType(3));
  auto *strides = dyn_cast<llvm::ArrayType>(record->getElementType(4));
  return sizes && strides && sizes == strides &&
         sizes->getElementType()->isIntegerTy(64);
}

/// Where `pointer` comes from: `base` (an argument) plus a byte offset,
/// which is known when every step is a constant GEP.
struct PointerOrigin {
  llvm::Value *base = nullptr;
  std::optional<int64_t> offset;
};

PointerOrigin tracePointer(llvm::Value *pointer, const llvm::DataLayout &layout) {
  int64_t offset = 0;
  bool constant = true;
  for (unsigned depth = 0; pointer && depth < 256; ++depth) {
    if (isa<llvm::Argument>(pointer))
      return {pointer, constant ? std::optional<int64_t>(offset)
                                : std::nullopt};
    if (auto *gep = dyn_cast<llvm::GetElementPtrInst>(pointer)) {
      llvm::APInt gepOffset(layout.getIndexTypeSizeInBits(gep->getType()), 0);
      if (constant && gep->accumulateConstantOffset(layout, gepOffset))
        offset += gepOffset.getSExtValue();
      else
        constant = false;
      pointer = gep->getPointerOperand();
      continue;
    }
    if (isa<llvm::ExtractValueInst>(pointer)) {
      pointer = resolveField(pointer);
      continue;
    }
    break;
  }
  return {};
}

void addWorkspaceAliasScopes(llvm::Function &function,
                             llvm::Argument *workspace) {
  const llvm::DataLayout &layout = function.getParent()->getDataLayout();

  // The views: aligned pointers at a constant byte offset of the workspace,
  // with the last element any descriptor of them reaches.
  struct View {
    int64_t begin = 0;
    int64_t lastElement = 0;
    uint64_t accessBytes = 0;
    llvm::MDNode *scope = nullptr;
  };
  // In the order of the IR, so the metadata is the same on every run.
  llvm::MapVector<llvm::Value *, View> views;
  llvm::DenseSet<llvm::Value *> unknown;
  for (llvm::Instruction &inst : llvm::instructions(function)) {
    if (!isMemRefDescriptor(inst.getType()))
      continue;
    // Only complete descriptors: not a step of an insertvalue chain.
    if (!inst.use_empty() && llvm::all_of(inst.users(), [](llvm::User *user) {
          return isa<llvm::InsertValueInst>(user);
        }))
      continue;
    llvm::Value *aligned = resolveField(insertedField(&inst, {1}));
    if (!aligned || aligned == workspace)
      continue;
    PointerOrigin origin = tracePointer(aligned, layout);
    if (origin.base != workspace)
      continue;
    auto constantField = [&](ArrayRef<unsigned> indices)
        -> std::optional<int64_t> {
      if (auto *value = dyn_cast_or_null<llvm::ConstantInt>(
              insertedField(&inst, indices)))
        return value->getSExtValue();
      return std::nullopt;
    };
    std::optional<int64_t> last = constantField({2});
    unsigned rank = cast<llvm::StructType>(inst.getType())
                        ->getElementType(3)
                        ->getArrayNumElements();
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
  views.remove_if([&](const std::pair<llvm::Value *, View> &entry) {
    return unknown.contains(entry.first);
  });

  // Each load and store belongs to the nearest view its address is derived
  // from (by GEPs, which stay inside the view: memref accesses are in
  // bounds). The element size is the widest access, an upper bound.
  SmallVector<std::pair<llvm::Instruction *, llvm::Value *>> accesses;
  for (llvm::Instruction &inst : llvm::instructions(function)) {
    llvm::Value *pointer = nullptr;
    llvm::Type *accessType = nullptr;
    if (auto *load = dyn_cast<llvm::LoadInst>(&inst)) {
      pointer = load->getPointerOperand();
      accessType = load->getType();
    } else if (auto *store = dyn_cast<llvm::StoreInst>(&inst)) {
      pointer = store->getPointerOperand();
      accessType = store->getValueOperand()->getType();
    } else {
      continue;
    }
    for (unsigned depth = 0; pointer && depth < 256; ++depth) {
      if (unknown.contains(pointer))
        break;
      auto view = views.find(pointer);
      if (view != views.end()) {
        view->second.accessBytes =
            std::max<uint64_t>(view->second.accessBytes,
                               layout.getTypeStoreSize(accessType));
        accesses.push_back({&inst, pointer});
        break;
      }
      if (auto *gep = dyn_cast<llvm::GetElementPtrInst>(pointer))
        pointer = gep->getPointerOperand();
      else if (isa<llvm::ExtractValueInst>(pointer))
        pointer = resolveField(pointer);
      else
        break;
    }
  }
  if (accesses.empty())
    return;

  // Byte ranges, scopes, and for each view the scopes of the disjoint ones.
  llvm::MDBuilder builder(function.getContext());
  llvm::MDNode *domain =
      builder.createAnonymousAliasScopeDomain(mnc::abi::kWorkspaceAliasDomain);
  SmallVector<llvm::Value *> keys;
  for (auto &[pointer, view] : views)
    if (view.accessBytes > 0)
      keys.push_back(pointer);
  auto end = [](const View &view) {
    return view.begin +
           (view.lastElement + 1) * static_cast<int64_t>(view.accessBytes);
  };
  for (llvm::Value *key : keys)
    views[key].scope = builder.createAnonymousAliasScope(domain);
  llvm::DenseMap<llvm::Value *, std::pair<llvm::MDNode *, llvm::MDNode *>>
      metadata;
  for (llvm::Value *key : keys) {
    const View &view = views[key];
    SmallVector<llvm::Metadata *> disjoint;
    for (llvm::Value *other : keys) {
      const View &otherView = views[other];
      if (end(otherView) <= view.begin || end(view) <= otherView.begin)
        disjoint.push_back(otherView.scope);
    }
    metadata[key] = {llvm::MDNode::get(function.getContext(), {view.scope}),
                     llvm::MDNode::get(function.getContext(), disjoint)};
  }
  for (auto [inst, key] : accesses) {
    auto [scopes, noalias] = metadata.lookup(key);
    if (!scopes)
      continue;
    inst->setMetadata(llvm::LLVMContext::MD_alias_scope, scopes);
    inst->setMetadata(llvm::LLVMContext::MD_noalias, noalias);
  }
}

} // namespace

FailureOr<std::unique_ptr<llvm::Module>>
mnc::translateToLLVMIR(ModuleOp module, llvm::LLVMContext &llvmContext,
                       llvm::TargetMachine &machine,
                       const LibraryInterface &interface, bool unrollLoops) {
  MLIRContext &context = *module.getContext();
  DialectRegistry registry;
  registerBuiltinDialectTranslation(registry);
  registerLLVMDialectTranslation(registry);
  context.appendDialectRegistry(registry);

  // The parallel tasks outline-parallel-loops made, task K at index K.
  SmallVector<std::string> taskNames;
  if (auto tasks = module->getAttrOfType<ArrayAttr>(mnc::abi::kParallelTasksAttr))
    for (auto task : tasks.getAsRange<FlatSymbolRefAttr>())
      taskNames.push_back(task.getValue().str());

  // mnc's attributes (the module's source, opset and workspace size, the
  // ONNX names of arguments) have no meaning in LLVM IR.
  auto isMncAttr = [](NamedAttribute attr) {
    return attr.getName().strref().starts_with(mnc::abi::kAttrPrefix);
  };
  for (NamedAttribute attr : llvm::to_vector(module->getDiscardableAttrs()))
    if (isMncAttr(attr))
      module->removeAttr(attr.getName());
  module.walk([&](FunctionOpInterface function) {
    for (unsigned i = 0, e = function.getNumArguments(); i < e; ++i)
      for (NamedAttribute attr : function.getArgAttrs(i))
        if (isMncAttr(attr))
          function.removeArgAttr(i, attr.getName());
    for (unsigned i = 0, e = function.getNumResults(); i < e; ++i)
      for (NamedAttribute attr : function.getResultAttrs(i))
        if (isMncAttr(attr))
          function.removeResultAttr(i, attr.getName());
  });

  std::unique_ptr<llvm::Module> llvmModule =
      translateModuleToLLVMIR(module, llvmContext, interface.name);
  if (!llvmModule) {
    module.emitError("cannot translate the LLVM dialect to LLVM IR");
    return failure();
  }
  llvmModule->setSourceFileName(interface.sourceFile);
  llvmModule->setTargetTriple(machine.getTargetTriple().str());
  llvmModule->setDataLayout(machine.createDataLayout());

  // The lowered model: void main(ptr input, ptr output, ptr workspace,
  // ptr parallel_context).
  llvm::Function *entry = llvmModule->getFunction(mnc::abi::kEntryFunction);
  if (!entry || entry->isDeclaration() || entry->arg_size() != 4 ||
      !entry->getReturnType()->isVoidTy() ||
      llvm::any_of(entry->args(), [](llvm::Argument &arg) {
        return !arg.getType()->isPointerTy();
      })) {
    module.emitError("expected the lowered entry function 'void main(ptr "
                     "input, ptr output, ptr workspace, ptr context)'");
    return failure();
  }
  // Internal, so "main" cannot clash with the program's; renamed anyway, so
  // nothing treats it as a program entry.
  entry->setName(interface.name + "_main");
  // NAME_run checks that the buffers are disjoint before calling. But when
  // tasks exist they reach the same buffers through the parallel context
  // during main's calls of the dispatcher: noalias on main's arguments
  // would let LLVM move main's own loads and stores across those calls
  // (it did: wrong results once a serial tail wrote what a task then read).
  if (taskNames.empty())
    for (unsigned i = 0; i < 3; ++i)
      entry->addParamAttr(i, llvm::Attribute::NoAlias);
  if (interface.workspaceSize > 0)
    entry->addParamAttr(2, llvm::Attribute::getWithAlignment(
                               llvmContext, llvm::Align(MNC_WORKSPACE_ALIGNMENT)));
  // The buffers inside the workspace are disjoint too.
  addWorkspaceAliasScopes(*entry, entry->getArg(2));

  // The parallel tasks take the same buffers; the chunks of one task run
  // concurrently but write disjoint bytes, and read none another writes.
  SmallVector<llvm::Function *> tasks;
  for (const std::string &taskName : taskNames) {
    llvm::Function *task = llvmModule->getFunction(taskName);
    if (!task || task->isDeclaration() || task->arg_size() != 5) {
      module.emitError("expected the parallel task '")
          << taskName << "' with a body and 5 arguments";
      return failure();
    }
    for (unsigned i = 0; i < 3; ++i)
      task->addParamAttr(i, llvm::Attribute::NoAlias);
    if (interface.workspaceSize > 0)
      task->addParamAttr(2, llvm::Attribute::getWithAlignment(
                                llvmContext,
                                llvm::Align(MNC_WORKSPACE_ALIGNMENT)));
    addWorkspaceAliasScopes(*task, task->getArg(2));
    tasks.push_back(task);
  }
  if (failed(mnc::defineEntryPoints(*entry, tasks, interface, module)))
    return failure();
  for (llvm::Function &function : *llvmModule) {
    if (function.isDeclaration())
      continue;
    function.addFnAttr(llvm::Attribute::NoUnwind);
    function.setUWTableKind(llvm::UWTableKind::Async);
  }

  if (llvm::verifyModule(*llvmModule, &llvm::errs())) {
    module.emitError("the generated LLVM IR does not verify");
    return failure();
  }

  // LLVM's O3, tuned for the target machine.
  llvm::LoopAnalysisManager loopAnalyses;
  llvm::FunctionAnalysisManager functionAnalyses;
  llvm::CGSCCAnalysisManager cgsccAnalyses;
  llvm::ModuleAnalysisManager moduleAnalyses;
  llvm::PipelineTuningOptions tuning;
  tuning.LoopVectorization = true;
  tuning.SLPVectorization = true;
  // Unrolling lets the loop vectorizer reach the output-channel loop of
  // plain linalg loops (a reduction loop of a few iterations unrolls away).
  tuning.LoopUnrolling = unrollLoops;
  llvm::PassBuilder passBuilder(&machine, tuning);
  passBuilder.registerModuleAnalyses(moduleAnalyses);
  passBuilder.registerCGSCCAnalyses(cgsccAnalyses);
  passBuilder.registerFunctionAnalyses(functionAnalyses);
  passBuilder.registerLoopAnalyses(loopAnalyses);
  passBuilder.crossRegisterProxies(loopAnalyses, functionAnalyses,
                                   cgsccAnalyses, moduleAnalyses);
  llvm::ModulePassManager passes =
      passBuilder.buildPerModuleDefaultPipeline(llvm::OptimizationLevel::O3);
  passes.run(*llvmModule, moduleAnalyses);
  return llvmModule;
}
