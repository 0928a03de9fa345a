//===- EntryPoints.cpp - the exported C functions of a library ------------===//
//
// Built on LLVM IR after translation rather than as an MLIR pass: they are
// plain C-ABI glue (argument checks, a stack context, a function table) that
// no MLIR transformation looks at, and the IR they produce is the contract
// of mnc_runtime.h, pinned by the end-to-end tests.
//
//===----------------------------------------------------------------------===//

#include "compiler/backend/EntryPoints.h"
#include "dialects/MncAbi.h"

#include "runtime/mnc_runtime.h"

#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/Module.h"

using namespace mlir;

namespace {

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
  int64_t inputBytes = mnc::numElements(interface.inputShape) * sizeof(float);
  int64_t outputBytes = mnc::numElements(interface.outputShape) * sizeof(float);
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

} // namespace

LogicalResult mnc::defineEntryPoints(llvm::Function &entry,
                                     ArrayRef<llvm::Function *> tasks,
                                     const LibraryInterface &interface,
                                     ModuleOp module) {
  llvm::Module &llvmModule = *entry.getParent();
  if (llvm::Function *dispatch =
          llvmModule.getFunction(mnc::abi::kParallelForFunction))
    if (failed(defineParallelFor(dispatch, tasks, interface.name, module)))
      return failure();

  llvm::Function *run = createRunFunction(
      llvmModule, &entry, interface,
      createSerialFor(llvmModule, interface.name));
  llvm::Function *runParallel =
      createRunFunction(llvmModule, &entry, interface, /*serialFor=*/nullptr);

  // Only NAME_run and NAME_run_parallel are exported, so two mnc libraries
  // link into one program.
  for (llvm::GlobalValue &global : llvmModule.global_values()) {
    if (&global == run || &global == runParallel || global.isDeclaration())
      continue;
    if (!global.hasLocalLinkage())
      global.setLinkage(llvm::GlobalValue::InternalLinkage);
  }
  return success();
}
