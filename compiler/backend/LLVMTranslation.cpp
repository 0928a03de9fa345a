//===- LLVMTranslation.cpp - LLVM dialect to optimized LLVM IR ------------===//

#include "compiler/backend/LLVMTranslation.h"
#include "dialects/MncAbi.h"

#include "mlir/Interfaces/FunctionInterfaces.h"
#include "mlir/Target/LLVMIR/Dialect/Builtin/BuiltinToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Dialect/LLVMIR/LLVMToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Export.h"
#include "llvm/IR/Module.h"
#include "llvm/IR/Verifier.h"
#include "llvm/Passes/PassBuilder.h"
#include "llvm/Target/TargetMachine.h"

using namespace mlir;

FailureOr<std::unique_ptr<llvm::Module>>
mnc::translateToLLVMIR(ModuleOp module, llvm::LLVMContext &llvmContext,
                       llvm::TargetMachine &machine,
                       const LibraryInterface &interface, bool unrollLoops) {
  MLIRContext &context = *module.getContext();
  DialectRegistry registry;
  registerBuiltinDialectTranslation(registry);
  registerLLVMDialectTranslation(registry);
  context.appendDialectRegistry(registry);

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

  // Nothing in a library throws; asynchronous unwind tables still let
  // debuggers and profilers walk its stack, as clang's code does.
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
