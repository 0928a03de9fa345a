//===- CreateEntryPoints.cpp - the exported C functions of a library ------===//
//
// The lowered model is `llvm.func @main(%input..., %output..., %workspace,
// %context)` (one buffer per graph input and output, in graph order), plus the parallel tasks outline-parallel-loops made (listed by
// the module attribute `mnc.parallel_tasks`) and its declaration of the task
// dispatcher `@mnc_parallel_for(%context, %task: i32, %count: i64)`. This
// pass adds what turns that into a library with the C interface of the
// generated header (all names prefixed with the library's NAME):
//
//   NAME_run(input..., output..., workspace) -> i32
//   NAME_run_parallel(input..., output..., workspace, parallel_for, pool)
//       -> i32
//       check the arguments (the MNC_ERROR_ status codes of mnc_runtime.h),
//       fill a context {hook, pool, input..., output..., workspace} on the stack
//       and call the entry with it; NAME_run's hook is NAME_serial_for;
//   NAME_serial_for(pool, task, task_context, count)
//       runs the whole range in the calling thread;
//   NAME_parallel_for (the dispatcher's definition)
//       hands the hook the trampoline of task K from the table NAME_tasks;
//   NAME_task_K(context, begin, end)
//       reads the buffers out of the context and calls task K.
//
// The entry becomes NAME_main and the tasks NAME_main_task_K; every
// definition but NAME_run and NAME_run_parallel becomes internal, so that
// two mnc libraries link into one program.
//
//===----------------------------------------------------------------------===//

#include "dialects/MncAbi.h"
#include "passes/PassUtils.h"
#include "passes/Passes.h"

#include "runtime/mnc_runtime.h"

#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/IR/SymbolTable.h"

namespace mnc {
#define GEN_PASS_DEF_CREATEENTRYPOINTS
#include "passes/Passes.h.inc"
} // namespace mnc

using namespace mlir;

namespace {

/// Fields of the parallel context: the hook (mnc_parallel_for_fn), its pool,
/// then the entry's buffers.
enum ParallelContextField : int32_t { kHookField, kPoolField, kFirstBufferField };

/// The buffers of a library: the bytes of its inputs, outputs and
/// workspace.
struct BufferSizes {
  SmallVector<int64_t> inputBytes, outputBytes;
  int64_t workspaceBytes = 0;

  unsigned numBuffers() const {
    return inputBytes.size() + outputBytes.size() + 1;
  }
};

/// Builds the entry points of one module. Operations are created in the
/// order LLVM's IRBuilder created them when this was C++ on LLVM IR, so
/// that the optimized IR stays the same.
class EntryPointBuilder {
public:
  EntryPointBuilder(ModuleOp module, StringRef name, BufferSizes sizes)
      : module(module), name(name.str()), sizes(std::move(sizes)),
        builder(module.getContext()), loc(module.getLoc()) {
    MLIRContext *context = module.getContext();
    ptrType = LLVM::LLVMPointerType::get(context);
    voidType = LLVM::LLVMVoidType::get(context);
    i32Type = builder.getI32Type();
    i64Type = builder.getI64Type();
    contextType = LLVM::LLVMStructType::getLiteral(
        context,
        SmallVector<Type>(kFirstBufferField + this->sizes.numBuffers(),
                          ptrType));
  }

  /// Defines the dispatcher (when declared) with a trampoline per task,
  /// NAME_serial_for, NAME_run and NAME_run_parallel, renames the entry,
  /// the tasks and the dispatcher, and internalizes everything else.
  LogicalResult build(LLVM::LLVMFuncOp entry, ArrayRef<LLVM::LLVMFuncOp> tasks,
                      StringRef passName);

private:
  LLVM::LLVMFuncOp createFunction(StringRef functionName, Type result,
                                  ArrayRef<Type> params, LLVM::Linkage linkage);
  Value constant(Type type, int64_t value) {
    return builder.create<LLVM::ConstantOp>(loc, type, value);
  }
  /// Loads field `field` of the parallel context at `context`.
  Value loadContextField(Value context, int32_t field) {
    Value address = builder.create<LLVM::GEPOp>(
        loc, ptrType, contextType, context, ArrayRef<LLVM::GEPArg>{0, field},
        /*inbounds=*/true);
    return builder.create<LLVM::LoadOp>(loc, ptrType, address);
  }
  void rename(Operation *symbol, const Twine &newName) {
    auto attr = builder.getStringAttr(newName);
    if (failed(SymbolTable::replaceAllSymbolUses(symbol, attr, module)))
      llvm_unreachable("symbol uses in a module are always known");
    SymbolTable::setSymbolName(symbol, attr);
  }

  LogicalResult defineParallelFor(LLVM::LLVMFuncOp dispatch,
                                  ArrayRef<LLVM::LLVMFuncOp> tasks,
                                  StringRef passName);
  LLVM::LLVMFuncOp createSerialFor();
  LLVM::LLVMFuncOp createRunFunction(LLVM::LLVMFuncOp entry,
                                     LLVM::LLVMFuncOp serialFor);

  ModuleOp module;
  std::string name;
  BufferSizes sizes;
  OpBuilder builder;
  Location loc;
  Type ptrType, voidType, i32Type, i64Type;
  LLVM::LLVMStructType contextType;
};

LLVM::LLVMFuncOp EntryPointBuilder::createFunction(StringRef functionName,
                                                   Type result,
                                                   ArrayRef<Type> params,
                                                   LLVM::Linkage linkage) {
  builder.setInsertionPointToEnd(module.getBody());
  auto function = builder.create<LLVM::LLVMFuncOp>(
      loc, functionName, LLVM::LLVMFunctionType::get(result, params), linkage);
  builder.setInsertionPointToStart(function.addEntryBlock(builder));
  return function;
}

LogicalResult
EntryPointBuilder::defineParallelFor(LLVM::LLVMFuncOp dispatch,
                                     ArrayRef<LLVM::LLVMFuncOp> tasks,
                                     StringRef passName) {
  auto dispatchType =
      LLVM::LLVMFunctionType::get(voidType, {ptrType, i32Type, i64Type});
  if (!dispatch.isExternal() || dispatch.getFunctionType() != dispatchType)
    return module.emitError()
           << passName << ": expected the task dispatcher 'void "
           << mnc::abi::kParallelForFunction << "(ptr, i32, i64)'";
  unsigned numBuffers = sizes.numBuffers();
  SmallVector<Type> taskParams(numBuffers, ptrType);
  taskParams.append({i64Type, i64Type});
  auto taskType = LLVM::LLVMFunctionType::get(voidType, taskParams);
  for (LLVM::LLVMFuncOp task : tasks)
    if (task.isExternal() || task.getFunctionType() != taskType)
      return module.emitError()
             << passName << ": expected the parallel task '"
             << task.getSymName() << "' to be " << taskType
             << " with a body";

  // One trampoline per task, in a table indexed by the task number.
  SmallVector<LLVM::LLVMFuncOp> trampolines;
  SmallVector<Attribute> taskNames;
  for (auto [index, task] : llvm::enumerate(tasks)) {
    rename(task, name + "_" + mnc::abi::kEntryFunction + mnc::abi::kTaskInfix +
                     Twine(index));
    taskNames.push_back(
        FlatSymbolRefAttr::get(LLVM::LLVMFuncOp(task).getSymNameAttr()));
    LLVM::LLVMFuncOp trampoline = createFunction(
        (name + mnc::abi::kTaskInfix + Twine(index)).str(), voidType,
        {ptrType, i64Type, i64Type}, LLVM::Linkage::Internal);
    Value taskContext = trampoline.getArgument(0);
    SmallVector<Value> operands;
    for (unsigned buffer = 0; buffer < numBuffers; ++buffer)
      operands.push_back(
          loadContextField(taskContext, kFirstBufferField + buffer));
    operands.append({trampoline.getArgument(1), trampoline.getArgument(2)});
    builder.create<LLVM::CallOp>(loc, task, operands);
    builder.create<LLVM::ReturnOp>(loc, ValueRange());
    trampolines.push_back(trampoline);
  }
  // The list keeps naming the tasks (symbol renaming does not look into the
  // module's own attributes).
  if (!tasks.empty())
    module->setAttr(mnc::abi::kParallelTasksAttr,
                    builder.getArrayAttr(taskNames));
  auto tableType = LLVM::LLVMArrayType::get(ptrType, trampolines.size());
  builder.setInsertionPointToEnd(module.getBody());
  auto table = builder.create<LLVM::GlobalOp>(
      loc, tableType, /*isConstant=*/true, LLVM::Linkage::Internal,
      name + "_tasks", Attribute());
  builder.setInsertionPointToStart(
      &table.getInitializerRegion().emplaceBlock());
  Value tableValue = builder.create<LLVM::UndefOp>(loc, tableType);
  for (auto [index, trampoline] : llvm::enumerate(trampolines))
    tableValue = builder.create<LLVM::InsertValueOp>(
        loc, tableValue, builder.create<LLVM::AddressOfOp>(loc, trampoline),
        ArrayRef<int64_t>{static_cast<int64_t>(index)});
  builder.create<LLVM::ReturnOp>(loc, tableValue);

  // if (count > 0) hook(pool, tasks[task], context, count).
  rename(dispatch, name + "_parallel_for");
  dispatch.setLinkage(LLVM::Linkage::Internal);
  dispatch.setSymVisibilityAttr(nullptr);
  Block *entryBlock = dispatch.addEntryBlock(builder);
  Value parallelContext = entryBlock->getArgument(0);
  Value taskIndex = entryBlock->getArgument(1);
  Value count = entryBlock->getArgument(2);
  Block *run = builder.createBlock(&dispatch.getBody());
  Block *done = builder.createBlock(&dispatch.getBody());
  builder.setInsertionPointToEnd(entryBlock);
  Value positive = builder.create<LLVM::ICmpOp>(loc, LLVM::ICmpPredicate::sgt,
                                                count, constant(i64Type, 0));
  builder.create<LLVM::CondBrOp>(loc, positive, run, done);
  builder.setInsertionPointToEnd(run);
  Value zero = constant(i64Type, 0);
  Value index = builder.create<LLVM::ZExtOp>(loc, i64Type, taskIndex);
  Value slot = builder.create<LLVM::GEPOp>(
      loc, ptrType, tableType, builder.create<LLVM::AddressOfOp>(loc, table),
      ValueRange{zero, index}, /*inbounds=*/true);
  Value trampoline = builder.create<LLVM::LoadOp>(loc, ptrType, slot);
  Value hook = loadContextField(parallelContext, kHookField);
  Value pool = loadContextField(parallelContext, kPoolField);
  auto hookType = LLVM::LLVMFunctionType::get(
      voidType, {ptrType, ptrType, ptrType, i64Type});
  builder.create<LLVM::CallOp>(
      loc, hookType,
      ValueRange{hook, pool, trampoline, parallelContext, count});
  builder.create<LLVM::BrOp>(loc, ValueRange(), done);
  builder.setInsertionPointToEnd(done);
  builder.create<LLVM::ReturnOp>(loc, ValueRange());
  return success();
}

LLVM::LLVMFuncOp EntryPointBuilder::createSerialFor() {
  LLVM::LLVMFuncOp serial = createFunction(name + "_serial_for", voidType,
                                           {ptrType, ptrType, ptrType, i64Type},
                                           LLVM::Linkage::Internal);
  auto taskType =
      LLVM::LLVMFunctionType::get(voidType, {ptrType, i64Type, i64Type});
  builder.create<LLVM::CallOp>(
      loc, taskType,
      ValueRange{serial.getArgument(1), serial.getArgument(2),
                 constant(i64Type, 0), serial.getArgument(3)});
  builder.create<LLVM::ReturnOp>(loc, ValueRange());
  return serial;
}

LLVM::LLVMFuncOp
EntryPointBuilder::createRunFunction(LLVM::LLVMFuncOp entry,
                                     LLVM::LLVMFuncOp serialFor) {
  bool parallel = !serialFor;
  unsigned numInputs = sizes.inputBytes.size();
  unsigned numOutputs = sizes.outputBytes.size();
  unsigned numBuffers = sizes.numBuffers();
  SmallVector<Type> params(numBuffers, ptrType);
  if (parallel)
    params.append({ptrType, ptrType});
  LLVM::LLVMFuncOp run =
      createFunction(name + (parallel ? "_run_parallel" : "_run"), i32Type,
                     params, LLVM::Linkage::External);
  StringAttr noCapture =
      builder.getStringAttr(LLVM::LLVMDialect::getNoCaptureAttrName());
  for (unsigned buffer = 0; buffer < numBuffers; ++buffer) {
    run.setArgAttr(buffer, noCapture, builder.getUnitAttr());
    if (buffer < numInputs)
      run.setArgAttr(buffer, LLVM::LLVMDialect::getReadonlyAttrName(),
                     builder.getUnitAttr());
  }
  ValueRange buffers = run.getArguments().take_front(numBuffers);
  ValueRange inputs = buffers.take_front(numInputs);
  ValueRange outputs = buffers.slice(numInputs, numOutputs);
  Value workspace = buffers.back();

  bool hasWorkspace = sizes.workspaceBytes > 0;
  // The context of the entry's parallel loops, for this call only.
  Value parallelContext = builder.create<LLVM::AllocaOp>(
      loc, ptrType, contextType, constant(i32Type, 1));
  Value hook, pool;
  if (parallel) {
    hook = run.getArgument(numBuffers);
    pool = run.getArgument(numBuffers + 1);
  }
  auto returnIf = [&](Value condition, int status) {
    Block *current = builder.getInsertionBlock();
    Block *fail = builder.createBlock(&run.getBody());
    Block *next = builder.createBlock(&run.getBody());
    builder.setInsertionPointToEnd(current);
    builder.create<LLVM::CondBrOp>(loc, condition, fail, next);
    builder.setInsertionPointToEnd(fail);
    builder.create<LLVM::ReturnOp>(loc, constant(i32Type, status));
    builder.setInsertionPointToEnd(next);
  };
  auto isNull = [&](Value pointer) {
    return builder.create<LLVM::ICmpOp>(
        loc, LLVM::ICmpPredicate::eq, pointer,
        builder.create<LLVM::ZeroOp>(loc, ptrType));
  };
  // The disjunction of conditions added one at a time.
  auto orInto = [&](Value &any, Value condition) {
    any = any ? builder.create<LLVM::OrOp>(loc, any, condition).getResult()
              : condition;
  };

  // NULL pointers.
  Value anyNull;
  for (Value buffer : buffers.drop_back())
    orInto(anyNull, isNull(buffer));
  if (parallel)
    orInto(anyNull, isNull(hook));
  if (hasWorkspace)
    orInto(anyNull, isNull(workspace));
  returnIf(anyNull, MNC_ERROR_NULL_ARGUMENT);

  // Workspace alignment.
  Value workspaceAddress =
      builder.create<LLVM::PtrToIntOp>(loc, i64Type, workspace);
  if (hasWorkspace) {
    Value misalignment = builder.create<LLVM::AndOp>(
        loc, workspaceAddress, constant(i64Type, MNC_WORKSPACE_ALIGNMENT - 1));
    returnIf(builder.create<LLVM::ICmpOp>(loc, LLVM::ICmpPredicate::ne,
                                          misalignment, constant(i64Type, 0)),
             MNC_ERROR_MISALIGNED_WORKSPACE);
  }

  // Overlaps: [a, a + m) and [b, b + n) share bytes iff a < b + n && b < a + m.
  // Every buffer but an input is written: inputs may share memory with each
  // other, nothing else may.
  SmallVector<Value> inputAddresses, outputAddresses;
  for (Value input : inputs)
    inputAddresses.push_back(
        builder.create<LLVM::PtrToIntOp>(loc, i64Type, input));
  for (Value output : outputs)
    outputAddresses.push_back(
        builder.create<LLVM::PtrToIntOp>(loc, i64Type, output));
  auto overlap = [&](Value a, int64_t m, Value b, int64_t n) {
    Value bEnd = builder.create<LLVM::AddOp>(loc, b, constant(i64Type, n));
    Value aBeforeBEnd =
        builder.create<LLVM::ICmpOp>(loc, LLVM::ICmpPredicate::ult, a, bEnd);
    Value aEnd = builder.create<LLVM::AddOp>(loc, a, constant(i64Type, m));
    Value bBeforeAEnd =
        builder.create<LLVM::ICmpOp>(loc, LLVM::ICmpPredicate::ult, b, aEnd);
    return builder.create<LLVM::AndOp>(loc, aBeforeBEnd, bBeforeAEnd);
  };
  Value overlaps;
  for (unsigned i = 0; i < numInputs; ++i)
    for (unsigned o = 0; o < numOutputs; ++o)
      orInto(overlaps, overlap(inputAddresses[i], sizes.inputBytes[i],
                               outputAddresses[o], sizes.outputBytes[o]));
  for (unsigned o = 0; o < numOutputs; ++o)
    for (unsigned p = o + 1; p < numOutputs; ++p)
      orInto(overlaps, overlap(outputAddresses[o], sizes.outputBytes[o],
                               outputAddresses[p], sizes.outputBytes[p]));
  if (hasWorkspace) {
    for (unsigned i = 0; i < numInputs; ++i)
      orInto(overlaps, overlap(workspaceAddress, sizes.workspaceBytes,
                               inputAddresses[i], sizes.inputBytes[i]));
    for (unsigned o = 0; o < numOutputs; ++o)
      orInto(overlaps, overlap(workspaceAddress, sizes.workspaceBytes,
                               outputAddresses[o], sizes.outputBytes[o]));
  }
  returnIf(overlaps, MNC_ERROR_OVERLAPPING_BUFFERS);

  if (!parallel) {
    hook = builder.create<LLVM::AddressOfOp>(loc, serialFor);
    pool = builder.create<LLVM::ZeroOp>(loc, ptrType);
  }
  SmallVector<Value> fields = {hook, pool};
  llvm::append_range(fields, buffers);
  for (auto [index, field] : llvm::enumerate(fields)) {
    Value address = builder.create<LLVM::GEPOp>(
        loc, ptrType, contextType, parallelContext,
        ArrayRef<LLVM::GEPArg>{0, static_cast<int32_t>(index)},
        /*inbounds=*/true);
    builder.create<LLVM::StoreOp>(loc, field, address);
  }
  SmallVector<Value> operands(buffers);
  operands.push_back(parallelContext);
  builder.create<LLVM::CallOp>(loc, entry, operands);
  builder.create<LLVM::ReturnOp>(loc, constant(i32Type, MNC_OK));
  return run;
}

LogicalResult EntryPointBuilder::build(LLVM::LLVMFuncOp entry,
                                       ArrayRef<LLVM::LLVMFuncOp> tasks,
                                       StringRef passName) {
  // Internal, so "main" cannot clash with the program's; renamed anyway, so
  // nothing treats it as a program entry.
  rename(entry, name + "_" + mnc::abi::kEntryFunction);
  if (auto dispatch =
          module.lookupSymbol<LLVM::LLVMFuncOp>(mnc::abi::kParallelForFunction))
    if (failed(defineParallelFor(dispatch, tasks, passName)))
      return failure();
  LLVM::LLVMFuncOp serialFor = createSerialFor();
  LLVM::LLVMFuncOp run = createRunFunction(entry, serialFor);
  LLVM::LLVMFuncOp runParallel = createRunFunction(entry, nullptr);

  // Only NAME_run and NAME_run_parallel are exported.
  auto isLocal = [](LLVM::Linkage linkage) {
    return linkage == LLVM::Linkage::Internal ||
           linkage == LLVM::Linkage::Private;
  };
  for (Operation &op : *module.getBody()) {
    if (auto function = dyn_cast<LLVM::LLVMFuncOp>(op)) {
      if (function == run || function == runParallel || function.isExternal() ||
          isLocal(function.getLinkage()))
        continue;
      function.setLinkage(LLVM::Linkage::Internal);
    } else if (auto global = dyn_cast<LLVM::GlobalOp>(op)) {
      bool isDeclaration =
          !global.getValueOrNull() && global.getInitializerRegion().empty();
      if (isDeclaration || isLocal(global.getLinkage()))
        continue;
      global.setLinkage(LLVM::Linkage::Internal);
    }
  }
  return success();
}

struct CreateEntryPointsPass
    : public mnc::impl::CreateEntryPointsBase<CreateEntryPointsPass> {
  using CreateEntryPointsBase::CreateEntryPointsBase;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    auto positive = [](int64_t size) { return size > 0; };
    if (libraryName.empty() || inputSizes.empty() || outputSizes.empty() ||
        !llvm::all_of(inputSizes, positive) ||
        !llvm::all_of(outputSizes, positive)) {
      module.emitError() << getArgument()
                         << ": needs library-name, input-sizes and "
                            "output-sizes (positive element counts)";
      return signalPassFailure();
    }
    FailureOr<mnc::LoweredBufferFunctions> found =
        mnc::findLoweredBufferFunctions(module, getArgument());
    if (failed(found))
      return signalPassFailure();
    BufferSizes sizes;
    if (!inputElementBytes.empty() &&
        (inputElementBytes.size() != inputSizes.size() ||
         !llvm::all_of(inputElementBytes, positive))) {
      module.emitError() << getArgument()
                         << ": input-element-bytes needs one positive "
                            "size per input ("
                         << inputSizes.size() << "), got "
                         << inputElementBytes.size();
      return signalPassFailure();
    }
    for (auto [index, size] : llvm::enumerate(inputSizes))
      sizes.inputBytes.push_back(size * (inputElementBytes.empty()
                                             ? int64_t(sizeof(float))
                                             : inputElementBytes[index]));
    for (int64_t size : outputSizes)
      sizes.outputBytes.push_back(size * int64_t(sizeof(float)));
    auto workspaceSize =
        module->getAttrOfType<IntegerAttr>(mnc::abi::kWorkspaceSizeAttr);
    sizes.workspaceBytes = workspaceSize ? workspaceSize.getInt() : 0;
    if (sizes.numBuffers() != found->numBuffers) {
      module.emitError() << getArgument() << ": the entry takes "
                         << found->numBuffers - 1
                         << " input and output buffers, but the options give "
                         << inputSizes.size() << " input and "
                         << outputSizes.size() << " output sizes";
      return signalPassFailure();
    }
    ArrayRef<LLVM::LLVMFuncOp> functions = found->functions;
    EntryPointBuilder builder(module, libraryName, std::move(sizes));
    if (failed(builder.build(functions.front(), functions.drop_front(),
                             getArgument())))
      return signalPassFailure();
  }
};

} // namespace
