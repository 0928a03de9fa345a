//===- mnc-compile.cpp - MobileNetV3 ONNX to static library ---------------===//
//
// Parses the command line and hands it to the compiler library.
//
//===----------------------------------------------------------------------===//

#include "compiler/Compiler.h"
#include "compiler/Diagnostics.h"
#include "compiler/Version.h"
#include "passes/Registration.h"

#include "mlir/IR/AsmState.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Support/Timing.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

namespace cl = llvm::cl;
using llvm::raw_ostream;
using llvm::SmallVector;
using llvm::StringRef;

/// mnc-compile's own options; --help lists only these (the MLIR and LLVM
/// options stay usable and appear under --help-hidden).
static cl::OptionCategory mncCategory("mnc-compile options");

namespace {
/// Where command-line errors go before parseCommandLine prints them as one
/// line (cl::Option::error writes to llvm::errs() unless told otherwise).
llvm::raw_ostream &commandLineErrors() {
  static std::string text;
  static llvm::raw_string_ostream stream(text);
  return stream;
}

/// Parses --emit; an unknown stage is an error that lists the stages.
struct EmitStageParser : cl::parser<mnc::EmitStage> {
  using cl::parser<mnc::EmitStage>::parser;

  bool parse(cl::Option &option, StringRef, StringRef arg,
             mnc::EmitStage &value) {
    std::string stages;
    for (const auto &entry : Values) {
      if (entry.Name == arg) {
        value = entry.V.getValue();
        return false;
      }
      stages += (stages.empty() ? "" : ", ") + entry.Name.str();
    }
    return option.error("unknown stage '" + arg + "'; the stages are " +
                            stages,
                        /*ArgName=*/StringRef(), commandLineErrors());
  }
};
} // namespace

static cl::opt<std::string> inputPath(
    cl::Positional,
    cl::desc("<model.onnx> ('-': an ONNX model on standard input; or a .mlir "
             "module in the mnc dialect or in linalg on tensors, which "
             "starts the pipeline there)"),
    cl::cat(mncCategory));

static cl::opt<std::string>
    outputPath("o", cl::value_desc("path"),
               cl::desc("Output file (for --emit=lib: OUT/libNAME.a, the "
                        "header goes beside it); default: standard output"),
               cl::cat(mncCategory));

static cl::opt<mnc::EmitStage, false, EmitStageParser> emitStage(
    "emit", cl::desc("Stop after this stage and write its result"),
    cl::init(mnc::EmitStage::Lib),
    cl::values(
        clEnumValN(mnc::EmitStage::Mnc, "mnc",
                   "the imported model in the mnc dialect"),
        clEnumValN(mnc::EmitStage::Fused, "fused",
                   "the mnc dialect after the fusion passes"),
        clEnumValN(mnc::EmitStage::Linalg, "linalg",
                   "linalg, tensor and arith on tensors"),
        clEnumValN(mnc::EmitStage::LLVMDialect, "llvm-dialect",
                   "the MLIR LLVM dialect"),
        clEnumValN(mnc::EmitStage::LLVMIR, "llvm-ir",
                   "optimized LLVM IR, with NAME_run"),
        clEnumValN(mnc::EmitStage::Asm, "asm", "assembly for the target"),
        clEnumValN(mnc::EmitStage::Obj, "obj", "an object file"),
        clEnumValN(mnc::EmitStage::Lib, "lib",
                   "static library OUT/libNAME.a with headers OUT/NAME.h "
                   "and OUT/mnc_runtime.h (default)")),
    cl::cat(mncCategory));

static cl::opt<std::string>
    targetTriple("target", cl::value_desc("triple"),
                 cl::desc("Target triple (default: the host's; supported: "
                          "x86_64 and aarch64)"),
                 cl::cat(mncCategory));

static cl::opt<std::string>
    targetCPU("mcpu", cl::value_desc("cpu"),
              cl::desc("Target CPU (default: the host's for the host "
                       "target, else generic; 'native': the host's)"),
              cl::cat(mncCategory));

static cl::opt<std::string> targetFeatures(
    "mattr", cl::value_desc("+a,-b"),
    cl::desc("Target features (default: the host's for the host target "
             "without --mcpu)"),
    cl::cat(mncCategory));

static cl::opt<std::string> libraryName(
    "name", cl::value_desc("NAME"),
    cl::desc("C name prefix of the library: NAME_run, NAME.h (default: the "
             "output file name without 'lib' and extension)"),
    cl::cat(mncCategory));

static cl::opt<bool> listOps(
    "list-ops",
    cl::desc("List the ONNX ops (default domain) the importer supports, with "
             "their opsets, and exit"),
    cl::cat(mncCategory));

static cl::list<std::string> outputs(
    "outputs", cl::CommaSeparated, cl::value_desc("NAME[,NAME...]"),
    cl::desc("Compute these tensors of the graph instead of its outputs, "
             "and only what they need (to cut off a tail that cannot be "
             "compiled, e.g. non-max suppression)"),
    cl::cat(mncCategory));

static cl::list<std::string> inputShapes(
    "input-shape", cl::value_desc("[NAME=]NxCxHxW"),
    cl::desc("Shape of a model input, fixing its dynamic dimensions (e.g. "
             "1x3x224x224 for the only input, image=1x3x224x224 for the "
             "input named 'image'; repeat for several inputs)"),
    cl::cat(mncCategory));

static cl::list<std::string> inputLayouts(
    "input-layout", cl::value_desc("[NAME=]nchw|nhwc"),
    cl::desc("Layout of a 4-D input as the library takes it: nhwc takes "
             "the channels interleaved, as a camera delivers a frame (the "
             "model still sees NCHW); default nchw"),
    cl::cat(mncCategory));

static cl::list<std::string> inputTypes(
    "input-type", cl::value_desc("[NAME=]float32|uint8"),
    cl::desc("Element type of a 4-D input as the library takes it: uint8 "
             "takes 8-bit pixels (const uint8_t *), converted to float as "
             "they are read; default float32"),
    cl::cat(mncCategory));

static cl::list<std::string> inputMeans(
    "mean", cl::value_desc("[NAME=]M,M,..."),
    cl::desc("Per-channel mean, in the input's units, that the library "
             "subtracts: the model sees (x - mean) / std (ImageNet on 8-bit "
             "pixels: 123.675,116.28,103.53)"),
    cl::cat(mncCategory));

static cl::list<std::string> inputStds(
    "std", cl::value_desc("[NAME=]S,S,..."),
    cl::desc("Per-channel standard deviation, in the input's units, that "
             "the library divides by (ImageNet on 8-bit pixels: "
             "58.395,57.12,57.375)"),
    cl::cat(mncCategory));

static cl::opt<bool>
    fuse("fuse", cl::init(true),
         cl::desc("Run the fusion passes (BatchNorm folding, activation "
                  "idioms, squeeze-and-excite, conv + activation + residual); "
                  "--fuse=false compiles the graph as imported"),
         cl::cat(mncCategory));

static cl::opt<std::string> dumpIRDirectory(
    "dump-ir-dir", cl::value_desc("dir"),
    cl::desc("Write the IR after the import and after every pass into DIR, "
             "one numbered file each (00-import.mlir, ...)"),
    cl::cat(mncCategory));

static cl::opt<bool> dumpKeepConstants(
    "dump-ir-keep-constants",
    cl::desc("Keep large constants in --dump-ir-dir files (elided by "
             "default)"),
    cl::cat(mncCategory));

static cl::opt<bool>
    report("report",
           cl::desc("Print one line per layer of the fused graph (op, shapes, "
                    "fused activation, MACs, weight bytes, workspace offset "
                    "and size) and totals"),
           cl::cat(mncCategory));

static cl::opt<bool> profile(
    "profile",
    cl::desc("Build the instrumented variant for per-layer timing: NAME_run "
             "calls NAME_profile_mark(i), which the program defines, before "
             "layer i and after the last; the header names the layers "
             "(tools/bench/profile_main.c, tools/scripts/bench.py --profile)"),
    cl::cat(mncCategory));

static cl::opt<bool>
    verbose("v",
            cl::desc("Print each phase (import, fusion, lowering, LLVM "
                     "optimization, code generation, archive) and its time"),
            cl::cat(mncCategory));
static cl::alias verboseLong("verbose", cl::desc("Alias for -v"),
                             cl::aliasopt(verbose), cl::cat(mncCategory));

/// The command line as a shell would take it back: arguments with
/// characters other than letters, digits and _-+=,.:/@% single-quoted.
static std::string quoteCommandLine(int argc, char **argv) {
  std::string line;
  for (int i = 0; i < argc; ++i) {
    StringRef arg = argv[i];
    bool plain = !arg.empty() && llvm::all_of(arg, [](char c) {
      return llvm::isAlnum(c) || StringRef("_-+=,.:/@%").contains(c);
    });
    if (i)
      line += ' ';
    if (plain) {
      line += arg;
      continue;
    }
    line += '\'';
    for (char c : arg)
      line += c == '\'' ? std::string("'\\''") : std::string(1, c);
    line += '\'';
  }
  return line;
}

/// Parses the command line. Errors (an unknown option, a bad value) are
/// printed as one line each, "mnc-compile: error: ...", like every other
/// error of the tool.
static bool parseCommandLine(int argc, char **argv) {
  llvm::raw_ostream &errorStream = commandLineErrors();
  bool parsed = cl::ParseCommandLineOptions(
      argc, argv,
      "mnc: ahead-of-time compiler for MobileNetV3\n\n"
      "  mnc-compile MODEL.onnx -o OUT/libNAME.a\n\n"
      "writes the static library OUT/libNAME.a and its C headers OUT/NAME.h "
      "and\nOUT/mnc_runtime.h. MLIR and LLVM options (--mlir-print-ir-after-all,"
      "\n--mlir-timing, ...) are listed by --help-hidden.\n",
      &errorStream);
  if (parsed)
    return true;
  std::string errors = static_cast<llvm::raw_string_ostream &>(errorStream).str();
  // LLVM writes "PROGRAM: message" lines, sometimes several for one
  // problem ("Did you mean ...?"): one line, with the usual prefix.
  SmallVector<StringRef> lines;
  StringRef(errors).split(lines, '\n', -1, /*KeepEmpty=*/false);
  std::string message;
  StringRef program = llvm::sys::path::filename(argv[0]);
  for (StringRef line : lines) {
    line = line.trim();
    if (line.consume_front(program))
      line = line.drop_while([](char c) { return c == ':' || c == ' '; });
    line.consume_front("for the ");
    if (!message.empty())
      message += ' ';
    message += line.str();
  }
  // Errors about an option's value LLVM writes itself, as one line.
  if (!message.empty())
    llvm::errs() << "mnc-compile: error: " << message << "\n";
  return false;
}

int main(int argc, char **argv) {
  llvm::InitLLVM initLLVM(argc, argv);
  mlir::registerAsmPrinterCLOptions();
  mlir::registerMLIRContextCLOptions();
  mlir::registerPassManagerCLOptions();
  mlir::registerDefaultTimingManagerCLOptions();
  mnc::registerPasses();
  // --help shows mnc's options (and --help, --version); the MLIR and LLVM
  // ones move to --help-hidden, where HideUnrelatedOptions alone would hide
  // them from both.
  cl::HideUnrelatedOptions(mncCategory);
  for (auto &[name, option] : cl::getRegisteredOptions())
    if (option->getOptionHiddenFlag() == cl::ReallyHidden &&
        !llvm::is_contained(option->Categories, &mncCategory))
      option->setHiddenFlag(cl::Hidden);
  cl::SetVersionPrinter([](raw_ostream &os) {
    mnc::printVersion(os);
    mnc::printDefaultTarget(os);
  });
  if (!parseCommandLine(argc, argv))
    return 1;

  if (listOps) {
    mnc::printSupportedOnnxOps(llvm::outs());
    return 0;
  }
  if (inputPath.empty()) {
    llvm::errs() << "mnc-compile: error: no model given (see --help)\n";
    return 1;
  }

  mnc::CompileOptions options;
  options.inputPath = inputPath;
  options.outputPath = outputPath;
  options.emit = emitStage;
  options.target.triple = targetTriple;
  options.target.cpu = targetCPU;
  options.target.features = targetFeatures;
  options.name = libraryName;
  options.fuse = fuse;
  options.dumpIRDirectory = dumpIRDirectory;
  options.dumpKeepConstants = dumpKeepConstants;
  options.report = report;
  options.profile = profile;
  // The process exits right after: skip tearing down the modules.
  options.freeMemory = false;
  options.verbose = verbose;
  options.commandLine = quoteCommandLine(argc, argv);
  options.import.outputs.assign(outputs.begin(), outputs.end());
  for (llvm::StringRef given : inputShapes) {
    // The name may itself contain '=': the shape follows the last one.
    auto [name, text] = given.rsplit('=');
    if (text.empty() && !given.ends_with("="))
      std::swap(name, text);
    auto shape = mnc::parseShape(text);
    if (mlir::failed(shape)) {
      llvm::errs() << "mnc-compile: error: --input-shape '" << given
                   << "' is not a shape like 1x3x224x224 or "
                      "NAME=1x3x224x224\n";
      return 1;
    }
    options.import.inputShapes.push_back({name.str(), *shape});
  }

  mnc::InputFormatArguments formatArguments;
  formatArguments.layouts.assign(inputLayouts.begin(), inputLayouts.end());
  formatArguments.types.assign(inputTypes.begin(), inputTypes.end());
  formatArguments.means.assign(inputMeans.begin(), inputMeans.end());
  formatArguments.stds.assign(inputStds.begin(), inputStds.end());
  auto formats = mnc::parseInputFormats(formatArguments);
  if (!formats) {
    llvm::errs() << "mnc-compile: error: "
                 << llvm::toString(formats.takeError()) << "\n";
    return 1;
  }
  options.inputFormats = std::move(*formats);

  mlir::DialectRegistry registry;
  mnc::registerDialects(registry);
  mlir::MLIRContext context(registry);
  // An error about the model is one line: MLIR's dump of the operation
  // (which can be the whole graph) only when asked for.
  if (!cl::getRegisteredOptions().lookup("mlir-print-op-on-diagnostic")
           ->getNumOccurrences())
    context.printOpOnDiagnostic(false);
  mnc::DiagnosticPrinter printer(&context, llvm::errs());
  return mlir::failed(mnc::compile(options, context)) ? 1 : 0;
}
