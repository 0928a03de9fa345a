//===- Codegen.cpp - LLVM dialect to object code, archive and header ------===//

#include "compiler/Codegen.h"
#include "dialects/MncAbi.h"

#include "runtime/mnc_runtime.h"

#include "mlir/IR/Diagnostics.h"
#include "mlir/Interfaces/FunctionInterfaces.h"
#include "mlir/Target/LLVMIR/Dialect/Builtin/BuiltinToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Dialect/LLVMIR/LLVMToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Export.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/MapVector.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/MDBuilder.h"
#include "llvm/IR/LegacyPassManager.h"
#include "llvm/IR/Module.h"
#include "llvm/IR/Verifier.h"
#include "llvm/MC/MCSubtargetInfo.h"
#include "llvm/MC/TargetRegistry.h"
#include "llvm/Object/ArchiveWriter.h"
#include "llvm/Object/ObjectFile.h"
#include "llvm/Passes/PassBuilder.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/Target/TargetMachine.h"
#include "llvm/TargetParser/Host.h"
#include "llvm/TargetParser/Triple.h"

#include <mutex>
#include <optional>

using namespace mlir;

namespace {

/// The text of runtime/mnc_runtime.h, embedded at build time.
#include "compiler/RuntimeHeader.inc"

/// Architectures whose generated code is tested (x86-64 natively, AArch64
/// under qemu).
constexpr llvm::Triple::ArchType kSupportedArchs[] = {
    llvm::Triple::x86_64, llvm::Triple::aarch64};

constexpr StringLiteral kSupportedTriples =
    "x86_64 and aarch64 (e.g. x86_64-pc-linux-gnu, aarch64-linux-gnu)";
constexpr StringLiteral kSupportedSystems =
    "operating systems: linux (environments gnu, musl, android), none (bare "
    "metal, e.g. aarch64-none-elf), or any other LLVM knows";

InFlightDiagnostic error(MLIRContext &context) {
  return emitError(UnknownLoc::get(&context));
}

void initializeTargets() {
  static std::once_flag once;
  std::call_once(once, [] {
    llvm::InitializeAllTargetInfos();
    llvm::InitializeAllTargets();
    llvm::InitializeAllTargetMCs();
    llvm::InitializeAllAsmPrinters();
  });
}

/// Whether `triple` names the machine the compiler runs on (the vendor
/// field does not matter: x86_64-linux-gnu is the host x86_64-pc-linux-gnu).
bool isHostTriple(const llvm::Triple &triple) {
  llvm::Triple host(llvm::sys::getDefaultTargetTriple());
  return triple.getArch() == host.getArch() && triple.getOS() == host.getOS() &&
         triple.getEnvironment() == host.getEnvironment();
}

/// "+f1,-f2" for the features the host has and lacks.
std::string hostFeatures() {
  SmallVector<std::string> features;
  for (const auto &feature : llvm::sys::getHostCPUFeatures())
    features.push_back((feature.getValue() ? "+" : "-") +
                       feature.getKey().str());
  llvm::sort(features);
  return llvm::join(features, ",");
}

/// Appends `names` to `diag`, comma-separated.
void listNames(InFlightDiagnostic &diag, ArrayRef<StringRef> names) {
  for (auto [index, name] : llvm::enumerate(names))
    diag << (index ? ", " : "") << name;
}

/// The libm functions generated code may call (C99 <math.h>, float and double
/// versions), and libc's memory functions.
bool isAllowedExternalSymbol(StringRef name) {
  static const llvm::StringSet<> allowed = [] {
    llvm::StringSet<> set = {"memcpy", "memmove", "memset"};
    for (StringRef function :
         {"acos",  "acosh", "asin",      "asinh", "atan",   "atan2",
          "atanh", "cbrt",  "ceil",      "copysign", "cos", "cosh",
          "erf",   "erfc",  "exp",       "exp2",  "expm1",  "fabs",
          "fdim",  "floor", "fma",       "fmax",  "fmin",   "fmod",
          "frexp", "hypot", "ilogb",     "ldexp", "lgamma", "llrint",
          "llround", "log", "log10",     "log1p", "log2",   "logb",
          "lrint", "lround", "modf",     "nearbyint", "nextafter", "pow",
          "remainder", "remquo", "rint", "round", "scalbln", "scalbn",
          "sin",   "sinh",  "sqrt",      "tan",   "tanh",   "tgamma",
          "trunc"}) {
      set.insert(function);
      set.insert((function + "f").str());
    }
    return set;
  }();
  return allowed.contains(name);
}

/// Whether `name` is a C identifier.
bool isIdentifier(StringRef name) {
  return !name.empty() && !llvm::isDigit(name.front()) &&
         llvm::all_of(name, [](char c) { return llvm::isAlnum(c) || c == '_'; });
}

std::string shapeInitializer(ArrayRef<int64_t> shape) {
  std::string text = "{";
  for (auto [index, dim] : llvm::enumerate(shape))
    text += (index ? ", " : "") + std::to_string(dim);
  return text + "}";
}

int64_t numElements(ArrayRef<int64_t> shape) {
  int64_t count = 1;
  for (int64_t dim : shape)
    count *= dim;
  return count;
}

//===----------------------------------------------------------------------===//
// Parallel tasks
//===----------------------------------------------------------------------===//
//
// outline-parallel-loops turned each mnc.parallel loop into a task function
// `void main_task_K(ptr input, ptr output, ptr workspace, i64 begin,
// i64 end)`, and the loop into a call `mnc_parallel_for(ptr context, i32 K,
// i64 count)`, where `context` is the entry's last argument: a struct
// {hook, pool, input, output, workspace} on the stack of NAME_run or
// NAME_run_parallel, for that call only. mnc_parallel_for hands the hook a
// trampoline `void (ptr context, i64 begin, i64 end)` for task K, which
// reads the buffers back out of the context.

/// Fields of the context: the hook (mnc_parallel_for_fn), its pool, and the
/// entry's three buffers.
enum ParallelContextField : unsigned {
  kHookField,
  kPoolField,
  kInputField,
  kOutputField,
  kWorkspaceField,
  kNumContextFields
};

llvm::StructType *parallelContextType(llvm::LLVMContext &context) {
  llvm::Type *ptr = llvm::PointerType::getUnqual(context);
  SmallVector<llvm::Type *> fields(kNumContextFields, ptr);
  return llvm::StructType::get(context, fields);
}

/// Loads field `field` of the context at `context`.
llvm::Value *loadContextField(llvm::IRBuilder<> &builder, llvm::Value *context,
                              unsigned field, const Twine &name) {
  llvm::StructType *type = parallelContextType(builder.getContext());
  return builder.CreateLoad(builder.getPtrTy(),
                            builder.CreateStructGEP(type, context, field),
                            name);
}

/// Defines the internal `void NAME_serial_for(ptr pool, ptr task,
/// ptr task_context, i64 count)`, the hook of NAME_run: the whole range in
/// the calling thread.
llvm::Function *createSerialFor(llvm::Module &module, StringRef name) {
  llvm::LLVMContext &context = module.getContext();
  llvm::Type *ptr = llvm::PointerType::getUnqual(context);
  llvm::Type *i64 = llvm::Type::getInt64Ty(context);
  auto *type = llvm::FunctionType::get(llvm::Type::getVoidTy(context),
                                       {ptr, ptr, ptr, i64}, false);
  auto *serial = llvm::Function::Create(
      type, llvm::GlobalValue::InternalLinkage, name + "_serial_for", module);
  llvm::IRBuilder<> builder(llvm::BasicBlock::Create(context, "entry", serial));
  auto *taskType =
      llvm::FunctionType::get(builder.getVoidTy(), {ptr, i64, i64}, false);
  builder.CreateCall(taskType, serial->getArg(1),
                     {serial->getArg(2), builder.getInt64(0),
                      serial->getArg(3)});
  builder.CreateRetVoid();
  return serial;
}

/// Defines `dispatch` (`void mnc_parallel_for(ptr context, i32 task,
/// i64 count)`, declared by outline-parallel-loops) with a trampoline for
/// each of `tasks`, task K at index K, and renames the tasks and the
/// dispatcher after the library.
LogicalResult defineParallelFor(llvm::Function *dispatch,
                                ArrayRef<llvm::Function *> tasks,
                                StringRef name, ModuleOp module) {
  llvm::Module &llvmModule = *dispatch->getParent();
  llvm::LLVMContext &context = llvmModule.getContext();
  llvm::Type *ptr = llvm::PointerType::getUnqual(context);
  llvm::Type *i32 = llvm::Type::getInt32Ty(context);
  llvm::Type *i64 = llvm::Type::getInt64Ty(context);
  auto *dispatchType = llvm::FunctionType::get(llvm::Type::getVoidTy(context),
                                               {ptr, i32, i64}, false);
  if (dispatch->getFunctionType() != dispatchType)
    return module.emitError("expected the task dispatcher "
                            "'void mnc_parallel_for(ptr, i32, i64)'");
  auto *taskType = llvm::FunctionType::get(
      llvm::Type::getVoidTy(context), {ptr, ptr, ptr, i64, i64}, false);
  auto *trampolineType =
      llvm::FunctionType::get(llvm::Type::getVoidTy(context), {ptr, i64, i64},
                              false);

  // One trampoline per task, in a table indexed by the task number.
  SmallVector<llvm::Constant *> trampolines;
  for (auto [index, task] : llvm::enumerate(tasks)) {
    if (task->isDeclaration() || task->getFunctionType() != taskType)
      return module.emitError("expected the parallel task '")
             << task->getName()
             << "' to be 'void (ptr, ptr, ptr, i64, i64)' with a body";
    task->setName(name + "_" + mnc::abi::kEntryFunction + mnc::abi::kTaskInfix +
                  Twine(index));
    auto *trampoline = llvm::Function::Create(
        trampolineType, llvm::GlobalValue::InternalLinkage,
        name + mnc::abi::kTaskInfix + Twine(index), llvmModule);
    llvm::IRBuilder<> builder(
        llvm::BasicBlock::Create(context, "entry", trampoline));
    llvm::Value *taskContext = trampoline->getArg(0);
    builder.CreateCall(
        task, {loadContextField(builder, taskContext, kInputField, "input"),
               loadContextField(builder, taskContext, kOutputField, "output"),
               loadContextField(builder, taskContext, kWorkspaceField,
                                "workspace"),
               trampoline->getArg(1), trampoline->getArg(2)});
    builder.CreateRetVoid();
    trampolines.push_back(trampoline);
  }
  auto *tableType = llvm::ArrayType::get(ptr, trampolines.size());
  auto *table = new llvm::GlobalVariable(
      llvmModule, tableType, /*isConstant=*/true,
      llvm::GlobalValue::InternalLinkage,
      llvm::ConstantArray::get(tableType, trampolines), name + "_tasks");

  // if (count > 0) hook(pool, tasks[task], context, count).
  dispatch->setName(name + "_parallel_for");
  dispatch->setLinkage(llvm::GlobalValue::InternalLinkage);
  llvm::Value *parallelContext = dispatch->getArg(0);
  llvm::Value *taskIndex = dispatch->getArg(1);
  llvm::Value *count = dispatch->getArg(2);
  llvm::IRBuilder<> builder(
      llvm::BasicBlock::Create(context, "entry", dispatch));
  llvm::BasicBlock *run = llvm::BasicBlock::Create(context, "run", dispatch);
  llvm::BasicBlock *done = llvm::BasicBlock::Create(context, "done", dispatch);
  builder.CreateCondBr(builder.CreateICmpSGT(count, builder.getInt64(0)), run,
                       done);
  builder.SetInsertPoint(run);
  llvm::Value *trampoline = builder.CreateLoad(
      ptr,
      builder.CreateInBoundsGEP(tableType, table,
                                {builder.getInt64(0),
                                 builder.CreateZExt(taskIndex, i64)}),
      "task");
  auto *hookType = llvm::FunctionType::get(llvm::Type::getVoidTy(context),
                                           {ptr, ptr, ptr, i64}, false);
  builder.CreateCall(
      hookType, loadContextField(builder, parallelContext, kHookField, "hook"),
      {loadContextField(builder, parallelContext, kPoolField, "pool"),
       trampoline, parallelContext, count});
  builder.CreateBr(done);
  builder.SetInsertPoint(done);
  builder.CreateRetVoid();
  return success();
}

/// Defines `int NAME_run(const float *input, float *output, void *workspace)`
/// when `serialFor` is given, otherwise `int NAME_run_parallel(const float
/// *input, float *output, void *workspace, mnc_parallel_for_fn parallel_for,
/// void *pool)`: checks the pointers (status codes of mnc_runtime.h), then
/// calls `entry` with a context whose hook is `serialFor` or the caller's.
llvm::Function *createRunFunction(llvm::Module &module, llvm::Function *entry,
                                  const mnc::LibraryInterface &interface,
                                  llvm::Function *serialFor) {
  llvm::LLVMContext &context = module.getContext();
  const llvm::DataLayout &layout = module.getDataLayout();
  llvm::Type *i32 = llvm::Type::getInt32Ty(context);
  llvm::Type *ptr = llvm::PointerType::getUnqual(context);
  llvm::IntegerType *intPtr = layout.getIntPtrType(context);

  bool parallel = !serialFor;
  SmallVector<llvm::Type *> params = {ptr, ptr, ptr};
  if (parallel)
    params.append({ptr, ptr});
  auto *type = llvm::FunctionType::get(i32, params, false);
  auto *run = llvm::Function::Create(
      type, llvm::GlobalValue::ExternalLinkage,
      interface.name + (parallel ? "_run_parallel" : "_run"), module);
  llvm::Value *input = run->getArg(0);
  llvm::Value *output = run->getArg(1);
  llvm::Value *workspace = run->getArg(2);
  input->setName("input");
  output->setName("output");
  workspace->setName("workspace");
  run->addParamAttr(0, llvm::Attribute::NoCapture);
  run->addParamAttr(0, llvm::Attribute::ReadOnly);
  run->addParamAttr(1, llvm::Attribute::NoCapture);
  run->addParamAttr(2, llvm::Attribute::NoCapture);
  llvm::Value *hook = serialFor;
  llvm::Value *pool = llvm::ConstantPointerNull::get(
      llvm::PointerType::getUnqual(context));
  if (parallel) {
    hook = run->getArg(3);
    pool = run->getArg(4);
    hook->setName("parallel_for");
    pool->setName("pool");
  }

  bool hasWorkspace = interface.workspaceSize > 0;
  llvm::IRBuilder<> builder(llvm::BasicBlock::Create(context, "entry", run));
  // The context of the entry's parallel loops, for this call only.
  llvm::StructType *contextType = parallelContextType(context);
  llvm::Value *parallelContext =
      builder.CreateAlloca(contextType, nullptr, "parallel_context");
  auto returnIf = [&](llvm::Value *condition, int status, StringRef name) {
    llvm::BasicBlock *fail = llvm::BasicBlock::Create(context, name, run);
    llvm::BasicBlock *next = llvm::BasicBlock::Create(context, "", run);
    builder.CreateCondBr(condition, fail, next);
    builder.SetInsertPoint(fail);
    builder.CreateRet(llvm::ConstantInt::get(i32, status));
    builder.SetInsertPoint(next);
  };

  // NULL pointers.
  llvm::Value *isNull = builder.CreateOr(builder.CreateIsNull(input),
                                         builder.CreateIsNull(output));
  if (parallel)
    isNull = builder.CreateOr(isNull, builder.CreateIsNull(hook));
  if (hasWorkspace)
    isNull = builder.CreateOr(isNull, builder.CreateIsNull(workspace));
  returnIf(isNull, MNC_ERROR_NULL_ARGUMENT, "null_argument");

  // Workspace alignment.
  llvm::Value *workspaceAddress = builder.CreatePtrToInt(workspace, intPtr);
  if (hasWorkspace) {
    llvm::Value *misalignment = builder.CreateAnd(
        workspaceAddress,
        llvm::ConstantInt::get(intPtr, MNC_WORKSPACE_ALIGNMENT - 1));
    returnIf(builder.CreateIsNotNull(misalignment),
             MNC_ERROR_MISALIGNED_WORKSPACE, "misaligned_workspace");
  }

  // Overlaps: [a, a + m) and [b, b + n) share bytes iff a < b + n && b < a + m.
  auto bytes = [&](int64_t count) {
    return llvm::ConstantInt::get(intPtr, count);
  };
  llvm::Value *inputAddress = builder.CreatePtrToInt(input, intPtr);
  llvm::Value *outputAddress = builder.CreatePtrToInt(output, intPtr);
  auto overlap = [&](llvm::Value *a, int64_t m, llvm::Value *b, int64_t n) {
    return builder.CreateAnd(
        builder.CreateICmpULT(a, builder.CreateAdd(b, bytes(n))),
        builder.CreateICmpULT(b, builder.CreateAdd(a, bytes(m))));
  };
  int64_t inputBytes = numElements(interface.inputShape) * sizeof(float);
  int64_t outputBytes = numElements(interface.outputShape) * sizeof(float);
  llvm::Value *overlaps =
      overlap(inputAddress, inputBytes, outputAddress, outputBytes);
  if (hasWorkspace) {
    overlaps = builder.CreateOr(
        overlaps, overlap(workspaceAddress, interface.workspaceSize,
                          inputAddress, inputBytes));
    overlaps = builder.CreateOr(
        overlaps, overlap(workspaceAddress, interface.workspaceSize,
                          outputAddress, outputBytes));
  }
  returnIf(overlaps, MNC_ERROR_OVERLAPPING_BUFFERS, "overlapping_buffers");

  llvm::Value *fields[kNumContextFields] = {hook, pool, input, output,
                                            workspace};
  for (auto [index, field] : llvm::enumerate(fields))
    builder.CreateStore(
        field, builder.CreateStructGEP(contextType, parallelContext, index));
  builder.CreateCall(entry, {input, output, workspace, parallelContext});
  builder.CreateRet(llvm::ConstantInt::get(i32, MNC_OK));
  return run;
}

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

//===----------------------------------------------------------------------===//
// Target
//===----------------------------------------------------------------------===//

FailureOr<std::unique_ptr<llvm::TargetMachine>>
mnc::createTargetMachine(const TargetSpec &spec, MLIRContext &context) {
  initializeTargets();

  std::string tripleName = spec.triple.empty()
                               ? llvm::sys::getDefaultTargetTriple()
                               : llvm::Triple::normalize(spec.triple);
  llvm::Triple triple(tripleName);
  if (!llvm::is_contained(kSupportedArchs, triple.getArch())) {
    error(context) << (triple.getArch() == llvm::Triple::UnknownArch
                           ? "unknown"
                           : "unsupported")
                   << " target triple '" << spec.triple
                   << "'; supported architectures: " << kSupportedTriples
                   << "; bare metal: aarch64-none-elf";
    return failure();
  }
  // LLVM reads a misspelled operating system or environment as "unknown"
  // and would silently build for a generic ELF target.
  auto unknownComponent = [&](StringRef what, StringRef name) {
    error(context) << "unknown " << what << " '" << name
                   << "' in target triple '" << spec.triple
                   << "'; supported " << kSupportedSystems;
    return failure();
  };
  auto isPlaceholder = [](StringRef name) {
    return name.empty() || name == "unknown" || name == "none";
  };
  if (triple.getOS() == llvm::Triple::UnknownOS &&
      !isPlaceholder(triple.getOSName()))
    return unknownComponent("operating system", triple.getOSName());
  // "elf" (aarch64-none-elf) names the object format, not an environment.
  if (triple.getEnvironment() == llvm::Triple::UnknownEnvironment &&
      !isPlaceholder(triple.getEnvironmentName()) &&
      !llvm::is_contained({StringRef("elf"), StringRef("macho"),
                           StringRef("coff")},
                          triple.getEnvironmentName()))
    return unknownComponent("environment", triple.getEnvironmentName());

  std::string lookupError;
  const llvm::Target *target =
      llvm::TargetRegistry::lookupTarget(triple.str(), lookupError);
  if (!target) {
    error(context) << "target triple '" << triple.str()
                   << "' is not available in this LLVM: " << lookupError;
    return failure();
  }

  bool host = isHostTriple(triple);
  std::string cpu = spec.cpu;
  if (cpu.empty())
    cpu = host ? llvm::sys::getHostCPUName().str() : "generic";
  if (cpu == "native") {
    if (!host) {
      error(context) << "--mcpu=native needs the host's target ("
                     << llvm::sys::getDefaultTargetTriple() << "), not '"
                     << triple.str() << "'";
      return failure();
    }
    cpu = llvm::sys::getHostCPUName().str();
  }
  std::string features = spec.features;
  if (features.empty() && spec.cpu.empty() && host)
    features = hostFeatures();

  // Validate the CPU and features against the target's tables, so that a
  // typo is an error instead of LLVM's warning and a generic build.
  std::unique_ptr<llvm::MCSubtargetInfo> subtarget(
      target->createMCSubtargetInfo(triple.str(), "generic", ""));
  if (!subtarget->isCPUStringValid(cpu)) {
    auto diag = error(context);
    diag << "unknown CPU '" << cpu << "' for " << triple.getArchName()
         << "; supported CPUs: ";
    SmallVector<StringRef> names;
    for (const llvm::SubtargetSubTypeKV &kv :
         subtarget->getAllProcessorDescriptions())
      names.push_back(kv.Key);
    listNames(diag, names);
    return failure();
  }
  // Host features come from LLVM itself; only the user's are checked.
  if (!spec.features.empty()) {
    llvm::StringSet<> known;
    for (const llvm::SubtargetFeatureKV &kv :
         subtarget->getAllProcessorFeatures())
      known.insert(kv.Key);
    SmallVector<StringRef> requested;
    StringRef(features).split(requested, ',', -1, /*KeepEmpty=*/false);
    for (StringRef feature : requested) {
      if ((feature.starts_with("+") || feature.starts_with("-")) &&
          known.contains(feature.drop_front()))
        continue;
      auto diag = error(context);
      diag << "unknown feature '" << feature << "' for "
           << triple.getArchName()
           << " (features are written +name or -name); supported features: ";
      SmallVector<StringRef> names;
      for (const llvm::SubtargetFeatureKV &kv :
           subtarget->getAllProcessorFeatures())
        names.push_back(kv.Key);
      listNames(diag, names);
      return failure();
    }
  }

  llvm::TargetOptions options;
  // Multiply-adds become fused multiply-adds (NEON fmla, x86 vfmadd): one
  // rounding instead of two changes results by about 1e-6 relative.
  options.AllowFPOpFusion = llvm::FPOpFusion::Fast;
  std::unique_ptr<llvm::TargetMachine> machine(target->createTargetMachine(
      triple.str(), cpu, features, options, llvm::Reloc::PIC_,
      /*CM=*/std::nullopt, llvm::CodeGenOptLevel::Aggressive));
  if (!machine) {
    error(context) << "cannot create a target machine for '" << triple.str()
                   << "'";
    return failure();
  }
  return machine;
}

std::string mnc::describeTargetMachine(const llvm::TargetMachine &machine) {
  std::string text = machine.getTargetTriple().str() + ", cpu " +
                     machine.getTargetCPU().str();
  return text;
}

mnc::ConvertMncToLinalgOptions
mnc::vectorKernelOptions(const llvm::TargetMachine &machine) {
  const llvm::MCSubtargetInfo &subtarget = *machine.getMCSubtargetInfo();
  ConvertMncToLinalgOptions options;
  if (machine.getTargetTriple().isAArch64()) {
    options.vectorLanes = 4;
    options.tileVectors = 4;
    options.tileRows = 6;
    options.depthwiseColumns = 8;
  } else if (subtarget.checkFeatures("+avx512f")) {
    options.vectorLanes = 16;
    options.tileVectors = 2;
    options.tileRows = 7;
    options.depthwiseColumns = 8;
  } else if (subtarget.checkFeatures("+avx")) {
    options.vectorLanes = 8;
    options.tileVectors = 2;
    options.tileRows = 6;
    options.depthwiseColumns = 6;
  } else {
    options.vectorLanes = 4;
    options.tileVectors = 2;
    options.tileRows = 6;
    options.depthwiseColumns = 6;
  }
  return options;
}

FailureOr<std::string> mnc::deriveLibraryName(StringRef nameOption,
                                              StringRef outputPath,
                                              StringRef inputPath,
                                              MLIRContext &context) {
  std::string name;
  if (!nameOption.empty()) {
    if (!isIdentifier(nameOption)) {
      error(context) << "--name '" << nameOption
                     << "' is not a C identifier ([A-Za-z_][A-Za-z0-9_]*)";
      return failure();
    }
    name = nameOption.str();
  } else {
    bool fromOutput = !outputPath.empty() && outputPath != "-";
    StringRef stem = llvm::sys::path::stem(fromOutput ? outputPath : inputPath);
    if (fromOutput)
      stem.consume_front("lib");
    for (char c : stem)
      name.push_back(llvm::isAlnum(c) || c == '_' ? c : '_');
    if (name.empty()) {
      error(context) << "cannot derive a library name from '"
                     << (fromOutput ? outputPath : inputPath)
                     << "'; give one with --name";
      return failure();
    }
    if (llvm::isDigit(name.front()))
      name = "mnc_" + name;
  }
  if (name + ".h" == kRuntimeHeaderName) {
    error(context) << "the library name '" << name
                   << "' is reserved: its header would replace "
                   << kRuntimeHeaderName << "; choose another with --name";
    return failure();
  }
  return name;
}

//===----------------------------------------------------------------------===//
// LLVM IR
//===----------------------------------------------------------------------===//

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
  if (llvm::Function *dispatch = llvmModule->getFunction(mnc::abi::kParallelForFunction))
    if (failed(defineParallelFor(dispatch, tasks, interface.name, module)))
      return failure();

  llvm::Function *run = createRunFunction(
      *llvmModule, entry, interface,
      createSerialFor(*llvmModule, interface.name));
  llvm::Function *runParallel =
      createRunFunction(*llvmModule, entry, interface, /*serialFor=*/nullptr);

  // Only NAME_run and NAME_run_parallel are exported, so two mnc libraries
  // link into one program.
  for (llvm::GlobalValue &global : llvmModule->global_values()) {
    if (&global == run || &global == runParallel || global.isDeclaration())
      continue;
    if (!global.hasLocalLinkage())
      global.setLinkage(llvm::GlobalValue::InternalLinkage);
  }
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

//===----------------------------------------------------------------------===//
// Machine code and archive
//===----------------------------------------------------------------------===//

/// Appends the bytes of `constant`, a floating-point or integer array
/// (nested or not), to `bytes` in memory order; false for any other
/// constant.
static bool appendConstantBytes(const llvm::Constant *constant,
                                const llvm::DataLayout &layout,
                                std::string &bytes) {
  if (auto *data = dyn_cast<llvm::ConstantDataSequential>(constant)) {
    bytes += data->getRawDataValues();
    return true;
  }
  if (isa<llvm::ConstantAggregateZero>(constant)) {
    bytes.append(layout.getTypeAllocSize(constant->getType()), '\0');
    return true;
  }
  if (auto *array = dyn_cast<llvm::ConstantArray>(constant)) {
    for (const llvm::Use &element : array->operands())
      if (!appendConstantBytes(cast<llvm::Constant>(element), layout, bytes))
        return false;
    return true;
  }
  return false;
}

/// Gives every constant array global (the weights) an i8 array initializer
/// with the same bytes. The code addresses them through opaque pointers, so
/// nothing else changes, but the assembly printer writes a byte array as
/// one block where it formats a float array element by element (0.4 s for
/// the 5.5 million weights of MobileNetV3-Large).
static void storeConstantArraysAsBytes(llvm::Module &module) {
  const llvm::DataLayout &layout = module.getDataLayout();
  // getRawDataValues is in the host's order; both are little-endian here.
  if (!layout.isLittleEndian() || !llvm::sys::IsLittleEndianHost)
    return;
  llvm::Type *byte = llvm::Type::getInt8Ty(module.getContext());
  for (llvm::GlobalVariable &global :
       llvm::make_early_inc_range(module.globals())) {
    if (!global.isConstant() || !global.hasInitializer() ||
        !global.getValueType()->isArrayTy())
      continue;
    std::string bytes;
    if (!appendConstantBytes(global.getInitializer(), layout, bytes) ||
        bytes.size() != layout.getTypeAllocSize(global.getValueType()))
      continue;
    auto *replacement = new llvm::GlobalVariable(
        module, llvm::ArrayType::get(byte, bytes.size()), /*isConstant=*/true,
        global.getLinkage(),
        llvm::ConstantDataArray::getRaw(bytes, bytes.size(), byte), "",
        &global, global.getThreadLocalMode(), global.getAddressSpace());
    replacement->setAlignment(global.getAlign().value_or(
        layout.getABITypeAlign(global.getValueType())));
    replacement->setUnnamedAddr(global.getUnnamedAddr());
    replacement->setVisibility(global.getVisibility());
    replacement->setSection(global.getSection());
    replacement->takeName(&global);
    global.replaceAllUsesWith(replacement);
    global.eraseFromParent();
  }
}

FailureOr<llvm::SmallString<0>>
mnc::emitMachineCode(llvm::Module &llvmModule, llvm::TargetMachine &machine,
                     llvm::CodeGenFileType fileType, MLIRContext &context) {
  storeConstantArraysAsBytes(llvmModule);
  llvm::SmallString<0> buffer;
  llvm::raw_svector_ostream os(buffer);
  llvm::legacy::PassManager passes;
  if (machine.addPassesToEmitFile(passes, os, /*DwoOut=*/nullptr, fileType)) {
    error(context) << "the target '" << machine.getTargetTriple().str()
                   << "' cannot emit this file type";
    return failure();
  }
  passes.run(llvmModule);
  return buffer;
}

LogicalResult mnc::checkExternalSymbols(StringRef object,
                                        MLIRContext &context,
                                        StringRef profileHook) {
  llvm::Expected<std::unique_ptr<llvm::object::ObjectFile>> file =
      llvm::object::ObjectFile::createObjectFile(
          llvm::MemoryBufferRef(object, "object"));
  if (!file) {
    error(context) << "cannot read the generated object file: "
                   << llvm::toString(file.takeError());
    return failure();
  }
  // Mach-O prefixes C symbols with '_'.
  bool underscore = (*file)->isMachO();
  SmallVector<std::string> foreign;
  for (const llvm::object::SymbolRef &symbol : (*file)->symbols()) {
    llvm::Expected<uint32_t> flags = symbol.getFlags();
    llvm::Expected<StringRef> name = symbol.getName();
    if (!flags || !name) {
      llvm::consumeError(flags.takeError());
      llvm::consumeError(name.takeError());
      error(context) << "cannot read the generated object's symbols";
      return failure();
    }
    if (!(*flags & llvm::object::SymbolRef::SF_Undefined) || name->empty())
      continue;
    StringRef cName = *name;
    if (underscore)
      cName.consume_front("_");
    bool isProfileHook = !profileHook.empty() && cName == profileHook;
    if (!isAllowedExternalSymbol(cName) && !isProfileHook &&
        cName != "_GLOBAL_OFFSET_TABLE_")
      foreign.push_back(name->str());
  }
  if (foreign.empty())
    return success();
  auto diag = error(context);
  diag << "the generated code refers to symbols outside libc's memory "
          "functions and libm: ";
  SmallVector<StringRef> names(foreign.begin(), foreign.end());
  listNames(diag, names);
  return failure();
}

FailureOr<std::string> mnc::createArchive(StringRef object,
                                          StringRef memberName,
                                          const llvm::TargetMachine &machine,
                                          MLIRContext &context) {
  const llvm::Triple &triple = machine.getTargetTriple();
  llvm::object::Archive::Kind kind =
      triple.isOSDarwin()            ? llvm::object::Archive::K_DARWIN
      : triple.isOSBinFormatCOFF()   ? llvm::object::Archive::K_COFF
                                     : llvm::object::Archive::K_GNU;
  llvm::NewArchiveMember member(llvm::MemoryBufferRef(object, memberName));
  llvm::Expected<std::unique_ptr<llvm::MemoryBuffer>> archive =
      llvm::writeArchiveToBuffer(llvm::ArrayRef(member),
                                 llvm::SymtabWritingMode::NormalSymtab,
                                 kind, /*Deterministic=*/true, /*Thin=*/false);
  if (!archive) {
    error(context) << "cannot create the archive: "
                   << llvm::toString(archive.takeError());
    return failure();
  }
  return (*archive)->getBuffer().str();
}

//===----------------------------------------------------------------------===//
// Header
//===----------------------------------------------------------------------===//

namespace {
/// Writes `paragraphs` as the lines of a C block comment (" * text"), each
/// paragraph word-wrapped to 78 columns and separated by an empty comment
/// line. Lines starting with two spaces are code: kept as they are.
void writeCommentBody(raw_ostream &os, ArrayRef<std::string> paragraphs) {
  for (auto [index, paragraph] : llvm::enumerate(paragraphs)) {
    if (index)
      os << " *\n";
    SmallVector<StringRef> lines;
    StringRef(paragraph).split(lines, '\n');
    std::string line;
    auto flush = [&] {
      if (!line.empty())
        os << " * " << line << "\n";
      line.clear();
    };
    for (StringRef text : lines) {
      if (text.starts_with("  ")) {
        flush();
        os << " * " << text << "\n";
        continue;
      }
      SmallVector<StringRef> words;
      text.split(words, ' ', -1, /*KeepEmpty=*/false);
      for (StringRef word : words) {
        if (!line.empty() && 3 + line.size() + 1 + word.size() > 78)
          flush();
        line += (line.empty() ? "" : " ") + word.str();
      }
    }
    flush();
  }
}

/// `text` as a C string literal: quotes, backslashes and anything outside
/// printable ASCII escaped (octal, which cannot run into a following digit
/// the way a hexadecimal escape can, since it stops after three digits).
std::string cStringLiteral(StringRef text) {
  std::string literal = "\"";
  for (unsigned char c : text) {
    if (c == '"' || c == '\\') {
      literal += '\\';
      literal += c;
    } else if (c < 0x20 || c > 0x7e) {
      literal += '\\';
      literal += char('0' + (c >> 6));
      literal += char('0' + ((c >> 3) & 7));
      literal += char('0' + (c & 7));
    } else {
      literal += c;
    }
  }
  return literal + "\"";
}

/// The profiling interface of a library compiled with --profile: the hook
/// NAME_run calls between the layers, the layer count, and tables that name
/// and size the layers (static in the header, so a program that profiles
/// several libraries has each library's tables under its own prefix).
void writeProfileDeclarations(raw_ostream &os,
                              const mnc::LibraryInterface &interface) {
  const std::string &name = interface.name;
  const std::string &hook = interface.profileHook;
  std::string count = StringRef(name).upper() + "_LAYER_COUNT";
  os << "\n/*\n";
  writeCommentBody(
      os,
      {"Profiling (compiled with --profile): " + name + "_run calls " +
           hook + "(i) before layer i of the fused graph and " + hook + "(" +
           count + ") after the last layer, so layer i runs between marks i "
           "and i + 1. The caller defines " + hook +
           " (tools/bench/profile_main.c timestamps the marks); it must "
           "return quickly and must not call " + name + "_run.",
       "Per layer, the tables give the ONNX node it came from, what it "
       "computes (convolutions: \"pointwise\", \"depthwise KxK sS\" or "
       "\"conv KxK sS\"; other layers: the operation), the shape of its "
       "output and its multiply-accumulates."});
  os << " */\n"
     << "void " << hook << "(int layer); /* defined by the caller */\n"
     << "\n"
     << "#define " << count << " " << interface.layers.size() << "\n";
  auto writeTable = [&](StringRef type, StringRef table,
                        llvm::function_ref<std::string(
                            const mnc::ProfiledLayer &)> element) {
    os << "static const " << type << " " << name << "_layer_" << table << "["
       << count << "] = {\n";
    for (auto [index, layer] : llvm::enumerate(interface.layers))
      os << "  /* " << index << " */ " << element(layer) << ",\n";
    os << "};\n";
  };
  writeTable("char *const", "names", [](const mnc::ProfiledLayer &layer) {
    return cStringLiteral(layer.node);
  });
  writeTable("char *const", "kinds", [](const mnc::ProfiledLayer &layer) {
    return cStringLiteral(layer.kind);
  });
  writeTable("char *const", "shapes", [](const mnc::ProfiledLayer &layer) {
    return cStringLiteral(layer.shape);
  });
  writeTable("long long", "macs", [](const mnc::ProfiledLayer &layer) {
    return std::to_string(layer.macs);
  });
}
} // namespace

std::string mnc::generateHeader(const LibraryInterface &interface) {
  const std::string &name = interface.name;
  std::string upper = StringRef(name).upper();
  std::string guard = upper + "_H";
  auto quoted = [](StringRef tensorName) {
    return tensorName.empty() ? std::string()
                              : " '" + tensorName.str() + "'";
  };

  // A library for another machine is linked by a C compiler for it.
  StringRef triple = StringRef(interface.targetDescription).split(',').first;
  std::string buildWith = "Build a program with:\n  cc";
  if (!triple.empty() && !isHostTriple(llvm::Triple(triple)))
    buildWith = "Build a program with a C compiler for " + triple.str() +
                ", e.g.:\n  clang --target=" + triple.str();

  std::string text;
  llvm::raw_string_ostream os(text);
  os << "/*\n";
  writeCommentBody(
      os,
      {name + ".h - the model " + interface.sourceFile +
           ", compiled by mnc-compile into " + interface.archiveFile +
           ". Generated file; do not edit.",
       "Target: " + interface.targetDescription,
       buildWith + " -std=c99 -I DIR app.c DIR/" + interface.archiveFile +
           " -lm",
       "Use:\n"
       "  static float input[" +
           upper + "_INPUT_SIZE], output[" + upper +
           "_OUTPUT_SIZE];\n"
           "  void *block = malloc(" +
           upper +
           "_WORKSPACE_SIZE + MNC_WORKSPACE_ALIGNMENT - 1);\n"
           "  int status = " +
           name +
           "_run(input, output, mnc_align_workspace(block));\n"
           "  if (status != MNC_OK)\n"
           "    fprintf(stderr, \"" +
           name + ": %s\\n\", mnc_status_string(status));"});
  os << " */\n"
     << "#ifndef " << guard << "\n"
     << "#define " << guard << "\n"
     << "\n"
     << "#include \"" << kRuntimeHeaderName << "\"\n"
     << "\n"
     << "#ifdef __cplusplus\n"
     << "extern \"C\" {\n"
     << "#endif\n"
     << "\n"
     << "/* The input" << quoted(interface.inputName) << ". */\n"
     << "#define " << upper << "_INPUT_SIZE "
     << numElements(interface.inputShape)
     << " /* float elements, in the ONNX input's layout */\n"
     << "#define " << upper << "_INPUT_RANK " << interface.inputShape.size()
     << "\n"
     << "#define " << upper << "_INPUT_SHAPE "
     << shapeInitializer(interface.inputShape) << "\n"
     << "\n"
     << "/* The output" << quoted(interface.outputName) << ". */\n"
     << "#define " << upper << "_OUTPUT_SIZE "
     << numElements(interface.outputShape)
     << " /* float elements, in the ONNX output's layout */\n"
     << "#define " << upper << "_OUTPUT_RANK "
     << interface.outputShape.size() << "\n"
     << "#define " << upper << "_OUTPUT_SHAPE "
     << shapeInitializer(interface.outputShape) << "\n"
     << "\n"
     << "/* Scratch memory for " << name << "_run. */\n"
     << "#define " << upper << "_WORKSPACE_SIZE " << interface.workspaceSize
     << " /* bytes the caller provides, 64-byte aligned */\n"
     << "\n"
     << "/*\n";
  writeCommentBody(
      os,
      {"Runs the model: reads " + upper + "_INPUT_SIZE floats from `input` "
           "and writes " + upper + "_OUTPUT_SIZE floats to `output`. "
           "`workspace` is " + upper + "_WORKSPACE_SIZE bytes of scratch "
           "memory aligned to MNC_WORKSPACE_ALIGNMENT bytes; it needs no "
           "initialization, is overwritten, and may be NULL when " +
           upper + "_WORKSPACE_SIZE is 0. The three buffers must not "
           "overlap.",
       "Returns MNC_OK (0), or one of the MNC_ERROR_ codes of " +
           kRuntimeHeaderName.str() +
           ", in which case nothing was written. Allocates nothing and "
           "keeps no state: calls may run concurrently with separate "
           "outputs and workspaces."});
  os << " */\n"
     << "int " << name
     << "_run(const float *input, float *output, void *workspace); "
        "/* 0 on success */\n"
     << "\n"
     << "/*\n";
  writeCommentBody(
      os,
      {"Runs the model like " + name + "_run (same buffers, same results, "
           "same status codes), with the independent loops of its kernels "
           "split over the caller's threads: for each, it calls "
           "parallel_for(pool, task, task_ctx, count), which must run the "
           "task over a partition of [0, count) and return when all of it "
           "is done (mnc_parallel_for_fn in " +
           kRuntimeHeaderName.str() +
           "). The library itself creates no threads. parallel_for must not "
           "be NULL (MNC_ERROR_NULL_ARGUMENT); pool is passed through "
           "untouched. With mnc_threadpool.h (optional, linked separately):",
       "  mnc_threadpool *pool = mnc_threadpool_create(2);\n"
       "  int status = " +
           name +
           "_run_parallel(input, output, workspace,\n"
           "                                  mnc_threadpool_parallel_for, "
           "pool);"});
  os << " */\n"
     << "int " << name
     << "_run_parallel(const float *input, float *output, void *workspace,\n"
     << std::string(name.size() + 18, ' ')
     << "mnc_parallel_for_fn parallel_for, void *pool);\n";
  if (!interface.profileHook.empty())
    writeProfileDeclarations(os, interface);
  os << "\n"
     << "#ifdef __cplusplus\n"
     << "} /* extern \"C\" */\n"
     << "#endif\n"
     << "\n"
     << "#endif /* " << guard << " */\n";
  return text;
}

StringRef mnc::getRuntimeHeader() { return kRuntimeHeaderText; }
