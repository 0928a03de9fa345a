//===- mnc-compile.cpp - MobileNetV3 ONNX to static library ---------------===//
//
// Parses the command line and hands it to the compiler library.
//
//===----------------------------------------------------------------------===//

#include "compiler/Compiler.h"
#include "compiler/Diagnostics.h"
#include "compiler/Registration.h"

#include "mlir/IR/AsmState.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Pass/PassManager.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/raw_ostream.h"

namespace cl = llvm::cl;

static cl::opt<std::string> inputPath(cl::Positional, cl::Required,
                                      cl::desc("<model.onnx>"));

static cl::opt<std::string>
    outputPath("o", cl::value_desc("path"),
               cl::desc("Output file (for --emit=lib: OUT/libNAME.a, the "
                        "header goes beside it); default: standard output"));

static cl::opt<mnc::EmitStage> emitStage(
    "emit", cl::desc("Stop after this stage and write its result"),
    cl::init(mnc::EmitStage::Lib),
    cl::values(clEnumValN(mnc::EmitStage::Mnc, "mnc",
                          "the imported model in the mnc dialect"),
               clEnumValN(mnc::EmitStage::Lib, "lib",
                          "static library and C header (default)")));

static cl::opt<std::string> inputShape(
    "input-shape", cl::value_desc("NxCxHxW"),
    cl::desc("Shape of the model input, fixing its dynamic dimensions "
             "(e.g. 1x3x224x224)"));

int main(int argc, char **argv) {
  llvm::InitLLVM initLLVM(argc, argv);
  mlir::registerAsmPrinterCLOptions();
  mlir::registerMLIRContextCLOptions();
  mlir::registerPassManagerCLOptions();
  mnc::registerPasses();
  cl::ParseCommandLineOptions(argc, argv,
                              "mnc: ahead-of-time compiler for MobileNetV3\n");

  mnc::CompileOptions options;
  options.inputPath = inputPath;
  options.outputPath = outputPath;
  options.emit = emitStage;
  if (!inputShape.empty()) {
    auto shape = mnc::parseShape(inputShape);
    if (mlir::failed(shape)) {
      llvm::errs() << "mnc-compile: error: --input-shape '" << inputShape
                   << "' is not a shape like 1x3x224x224\n";
      return 1;
    }
    options.import.inputShape = *shape;
  }

  mlir::DialectRegistry registry;
  mnc::registerDialects(registry);
  mlir::MLIRContext context(registry);
  mnc::DiagnosticPrinter printer(&context, llvm::errs());
  return mlir::failed(mnc::compile(options, context)) ? 1 : 0;
}
