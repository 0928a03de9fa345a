//===- Compiler.cpp - the mnc-compile driver ------------------------------===//
//
// import -> mnc-to-linalg -> linalg-to-llvm -> LLVM IR -> machine code ->
// archive and header, stopping after the stage --emit asks for.
//
//===----------------------------------------------------------------------===//

#include "compiler/Compiler.h"

#include "compiler/IRDump.h"
#include "compiler/InputFormat.h"
#include "compiler/Report.h"
#include "compiler/Version.h"
#include "compiler/backend/Archive.h"
#include "compiler/backend/BackendDiagnostics.h"
#include "compiler/backend/CpuDispatch.h"
#include "compiler/backend/HeaderWriter.h"
#include "compiler/backend/LibraryInterface.h"
#include "compiler/backend/LLVMTranslation.h"
#include "compiler/backend/MachineCode.h"
#include "dialects/MncAbi.h"
#include "passes/Pipelines.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SHA256.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/ADT/ScopeExit.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Target/TargetMachine.h"

#include <chrono>

using namespace mlir;

namespace {
/// Prints, when enabled (-v), one line per finished phase of the compile
/// with its wall time, so that a long compile shows where it is.
class PhaseLog {
public:
  explicit PhaseLog(bool enabled) : enabled(enabled) {}

  /// Ends `phase`, which began when the previous one ended.
  void finished(StringRef phase) {
    if (!enabled)
      return;
    Clock::time_point now = Clock::now();
    double seconds = std::chrono::duration<double>(now - last).count();
    last = now;
    llvm::errs() << llvm::format("mnc-compile: %-18s %6.2f s\n",
                                 phase.str().c_str(), seconds);
  }

private:
  using Clock = std::chrono::steady_clock;
  bool enabled;
  Clock::time_point last = Clock::now();
};

/// Checks, before any work, that `path` can be written: not a directory, and
/// its directory exists or can be created in a writable place.
LogicalResult checkOutputPath(StringRef path, MLIRContext &context) {
  auto fail = [&]() {
    return emitError(UnknownLoc::get(&context)) << "cannot write '" << path
                                                << "': ";
  };
  // Written in place, as llvm::writeToOutput does.
  if (path == "/dev/null")
    return success();
  if (llvm::sys::fs::is_directory(path))
    return fail() << "it is a directory";
  // The nearest existing ancestor must be a writable directory. (A working
  // directory that cannot be searched ends the walk at ".".)
  SmallString<256> ancestor = llvm::sys::path::parent_path(path);
  if (ancestor.empty())
    ancestor = ".";
  while (!llvm::sys::fs::exists(ancestor) && ancestor != ".") {
    SmallString<256> parent = llvm::sys::path::parent_path(ancestor);
    if (parent.empty() || parent == ancestor)
      parent = ".";
    ancestor = parent;
  }
  if (!llvm::sys::fs::is_directory(ancestor))
    return fail() << "'" << ancestor << "' is not a directory";
  if (std::error_code error = llvm::sys::fs::access(
          ancestor, llvm::sys::fs::AccessMode::Write))
    return fail() << "'" << ancestor << "' is not writable ("
                  << error.message() << ")";
  return success();
}

/// The model file's bytes, or standard input's for "-"; an unreadable file
/// is an error at the file.
std::unique_ptr<llvm::MemoryBuffer> readModelBytes(StringRef path,
                                                   MLIRContext &context) {
  auto buffer = llvm::MemoryBuffer::getFileOrSTDIN(
      path, /*IsText=*/false, /*RequiresNullTerminator=*/false);
  if (!buffer) {
    emitError(FileLineColLoc::get(&context, path, 0, 0))
        << "cannot read the file: " << buffer.getError().message();
    return nullptr;
  }
  return std::move(*buffer);
}

/// The SHA-256 of `bytes` in lowercase hexadecimal.
std::string sha256Hex(StringRef bytes) {
  std::array<uint8_t, 32> digest = llvm::SHA256::hash(
      ArrayRef<uint8_t>(reinterpret_cast<const uint8_t *>(bytes.data()),
                        bytes.size()));
  return llvm::toHex(digest, /*LowerCase=*/true);
}
/// Writes through a temporary file renamed into place, so a failure never
/// leaves a half-written output.
LogicalResult writeOutput(StringRef path,
                          llvm::function_ref<void(raw_ostream &)> write,
                          MLIRContext &context) {
  if (path.empty() || path == "-") {
    write(llvm::outs());
    llvm::outs().flush();
    return success();
  }
  StringRef directory = llvm::sys::path::parent_path(path);
  if (!directory.empty())
    if (std::error_code error = llvm::sys::fs::create_directories(directory)) {
      emitError(UnknownLoc::get(&context))
          << "cannot create the directory '" << directory
          << "': " << error.message();
      return failure();
    }
  if (llvm::Error error = llvm::writeToOutput(path, [&](raw_ostream &os) {
        write(os);
        return llvm::Error::success();
      })) {
    emitError(UnknownLoc::get(&context))
        << "cannot write '" << path << "': " << llvm::toString(std::move(error));
    return failure();
  }
  return success();
}

/// A file to write and its contents.
struct OutputFile {
  std::string path;
  std::string contents;
};

/// Writes all `files` or none: each goes to a temporary file beside its
/// destination first, and only when all are written are they renamed into
/// place.
LogicalResult writeAllOrNothing(ArrayRef<OutputFile> files,
                                MLIRContext &context) {
  SmallVector<llvm::sys::fs::TempFile> temporaries;
  auto fail = [&](const Twine &message) {
    for (llvm::sys::fs::TempFile &temporary : temporaries)
      llvm::consumeError(temporary.discard());
    emitError(UnknownLoc::get(&context)) << message;
    return failure();
  };
  for (const OutputFile &file : files) {
    StringRef directory = llvm::sys::path::parent_path(file.path);
    if (!directory.empty())
      if (std::error_code error = llvm::sys::fs::create_directories(directory))
        return fail("cannot create the directory '" + directory +
                    "': " + error.message());
    llvm::Expected<llvm::sys::fs::TempFile> temporary =
        llvm::sys::fs::TempFile::create(file.path + ".tmp-%%%%%%");
    if (!temporary)
      return fail("cannot write '" + file.path +
                  "': " + llvm::toString(temporary.takeError()));
    temporaries.push_back(std::move(*temporary));
    llvm::raw_fd_ostream os(temporaries.back().FD, /*shouldClose=*/false);
    os << file.contents;
    os.flush();
    if (os.has_error()) {
      std::string reason = os.error().message();
      os.clear_error();
      return fail("cannot write '" + file.path + "': " + reason);
    }
  }
  for (auto [file, temporary] : llvm::zip_equal(files, temporaries))
    if (llvm::Error error = temporary.keep(file.path))
      return fail("cannot write '" + file.path +
                  "': " + llvm::toString(std::move(error)));
  return success();
}

LogicalResult runPipeline(ModuleOp module,
                          llvm::function_ref<void(OpPassManager &)> build,
                          mnc::IRDumper *dumper) {
  PassManager pm(module->getName());
  if (failed(applyPassManagerCLOptions(pm)))
    return failure();
  applyDefaultTimingPassManagerCLOptions(pm);
  if (dumper) {
    // Dumps print the whole module after each pass, in order.
    module->getContext()->disableMultithreading();
    dumper->attach(pm);
  }
  build(pm);
  if (failed(pm.run(module)))
    return failure();
  return failure(dumper && dumper->hasFailed());
}

/// Whether `module` holds an operation of the mnc dialect.
bool containsMncOperations(ModuleOp module) {
  WalkResult result = module.walk([](Operation *op) {
    Dialect *dialect = op->getDialect();
    return dialect && dialect->getNamespace() == "mnc"
               ? WalkResult::interrupt()
               : WalkResult::advance();
  });
  return result.wasInterrupted();
}

/// Reads the model's interface off the entry function on tensors: float
/// inputs (or uint8, i8 in the IR, the pixels of an input with a format) and
/// float outputs (at least one of each), of static shapes.
LogicalResult describeEntry(ModuleOp module, mnc::LibraryInterface &interface) {
  auto main = module.lookupSymbol<func::FuncOp>(mnc::abi::kEntryFunction);
  if (!main)
    return module.emitError("the lowered model has no function @main");
  FunctionType type = main.getFunctionType();
  auto isStaticTensorOf = [](Type type, bool allowBytes) {
    auto tensor = dyn_cast<RankedTensorType>(type);
    return tensor && tensor.hasStaticShape() &&
           (tensor.getElementType().isF32() ||
            (allowBytes && tensor.getElementType().isInteger(8)));
  };
  if (type.getNumInputs() == 0 || type.getNumResults() == 0 ||
      !llvm::all_of(type.getInputs(),
                    [&](Type t) { return isStaticTensorOf(t, true); }) ||
      !llvm::all_of(type.getResults(),
                    [&](Type t) { return isStaticTensorOf(t, false); }))
    return main.emitError("a library takes float32 (or uint8) inputs and "
                          "gives float32 outputs (at least one of each), of "
                          "static shapes; the model has ")
           << type;
  auto describe = [](Type type, StringAttr name) {
    mnc::TensorInterface tensor;
    tensor.shape = llvm::to_vector(cast<RankedTensorType>(type).getShape());
    if (name)
      tensor.name = name.str();
    return tensor;
  };
  interface.inputs.clear();
  interface.outputs.clear();
  for (auto [index, input] : llvm::enumerate(type.getInputs())) {
    mnc::TensorInterface tensor = describe(
        input,
        main.getArgAttrOfType<StringAttr>(index, mnc::abi::kTensorNameAttr));
    if (cast<RankedTensorType>(input).getElementType().isInteger(8)) {
      tensor.elementType = "uint8_t";
      tensor.elementBytes = 1;
    }
    if (auto format = main.getArgAttrOfType<DictionaryAttr>(
            index, mnc::abi::kInputFormatAttr)) {
      mnc::InputFormatDescription description;
      if (auto layout = format.getAs<StringAttr>(mnc::abi::kInputLayoutKey))
        description.channelsLast = layout.getValue() == "nhwc";
      if (auto mean = format.getAs<DenseF32ArrayAttr>(mnc::abi::kInputMeanKey))
        description.mean.assign(mean.asArrayRef().begin(),
                                mean.asArrayRef().end());
      if (auto deviation =
              format.getAs<DenseF32ArrayAttr>(mnc::abi::kInputStdKey))
        description.std.assign(deviation.asArrayRef().begin(),
                               deviation.asArrayRef().end());
      tensor.format = std::move(description);
    }
    interface.inputs.push_back(std::move(tensor));
  }
  for (auto [index, output] : llvm::enumerate(type.getResults()))
    interface.outputs.push_back(describe(
        output, main.getResultAttrOfType<StringAttr>(
                    index, mnc::abi::kTensorNameAttr)));
  return success();
}

/// Fills `interface.layers` from the `mnc.layers` attribute instrument-layers
/// left on `module`.
LogicalResult describeProfiledLayers(ModuleOp module,
                                     mnc::LibraryInterface &interface) {
  auto records = module->getAttrOfType<ArrayAttr>(mnc::abi::kLayersAttr);
  if (!records)
    return module.emitError("instrument-layers did not record the layers (")
           << mnc::abi::kLayersAttr << ")";
  interface.layers.clear();
  for (auto record : records.getAsRange<DictionaryAttr>()) {
    mnc::ProfiledLayer profiled;
    if (auto node = record.getAs<StringAttr>("node"))
      profiled.node = node.str();
    if (auto kind = record.getAs<StringAttr>("kind"))
      profiled.kind = kind.str();
    if (auto shape = record.getAs<StringAttr>("shape"))
      profiled.shape = shape.str();
    if (auto macs = record.getAs<IntegerAttr>("macs"))
      profiled.macs = macs.getInt();
    if (auto bytes = record.getAs<IntegerAttr>("bytes"))
      profiled.bytes = bytes.getInt();
    interface.layers.push_back(std::move(profiled));
  }
  return success();
}
} // namespace

FailureOr<SmallVector<int64_t>> mnc::parseShape(StringRef text) {
  SmallVector<int64_t> shape;
  SmallVector<StringRef> parts;
  text.split(parts, 'x');
  for (StringRef part : parts) {
    int64_t dim;
    if (part.getAsInteger(10, dim) || dim < 1)
      return failure();
    shape.push_back(dim);
  }
  return shape;
}

LogicalResult mnc::compile(const CompileOptions &options,
                           MLIRContext &context) {
  StringRef outputPath = options.outputPath;
  bool toStdout = outputPath.empty() || outputPath == "-";

  // Everything that can be checked before the work starts.
  llvm::TargetMachine *machine = nullptr;
  LibraryInterface interface;
  if (options.emit == EmitStage::Lib && toStdout)
    return emitError(UnknownLoc::get(&context))
           << "--emit=lib writes a library and headers: give the archive "
              "with -o OUT/libNAME.a";
  if (!toStdout && failed(checkOutputPath(outputPath, context)))
    return failure();
  bool isMlirInput = StringRef(options.inputPath).ends_with(".mlir");
  std::optional<mnc::IRDumper> dumper;
  if (!options.dumpIRDirectory.empty()) {
    dumper.emplace(options.dumpIRDirectory, options.dumpKeepConstants,
                   context);
    if (failed(dumper->prepare()))
      return failure();
  }
  // The target decides the kernels' vector blocking from --emit=linalg on.
  // Several CPUs (--mcpu a,b) make one code path each.
  SmallVector<std::unique_ptr<llvm::TargetMachine>> machines;
  if (options.emit >= EmitStage::Linalg) {
    SmallVector<StringRef> cpus;
    StringRef(options.target.cpu).split(cpus, ',');
    for (StringRef cpu : cpus) {
      if (cpus.size() > 1 && (cpu.empty() || llvm::count(cpus, cpu) > 1))
        return emitError(UnknownLoc::get(&context))
               << "--mcpu '" << options.target.cpu
               << "' must list distinct CPUs, separated by commas";
      TargetSpec spec = options.target;
      spec.cpu = cpu.str();
      FailureOr<std::unique_ptr<llvm::TargetMachine>> created =
          createTargetMachine(spec, context);
      if (failed(created))
        return failure();
      machines.push_back(std::move(*created));
    }
    machine = machines.front().get();
    if (machines.size() > 1 &&
        !checksCpuAtRunTime(machine->getTargetTriple()))
      return emitError(UnknownLoc::get(&context))
             << "--mcpu with several CPUs needs an x86-64 target, whose "
                "libraries choose a code path by the CPU they run on; the "
                "target is "
             << machine->getTargetTriple().str();
    if (machines.size() > 1 && options.emit < EmitStage::LLVMIR)
      return emitError(UnknownLoc::get(&context))
             << "--mcpu with several CPUs builds a code path for each: "
                "--emit=linalg and --emit=llvm-dialect show one; give one CPU";
  }
  // The profiling hook is named after the library, whatever the stage.
  if (options.profile) {
    FailureOr<std::string> name = deriveLibraryName(
        options.name, outputPath, options.inputPath, context);
    if (failed(name))
      return failure();
    interface.profileHook = *name + "_profile_mark";
  }
  if (options.emit >= EmitStage::LLVMIR) {
    FailureOr<std::string> name = deriveLibraryName(
        options.name, outputPath, options.inputPath, context);
    if (failed(name))
      return failure();
    interface.name = *name;
    interface.sourceFile =
        options.inputPath == "-"
            ? mnc::kStandardInputName.str()
            : llvm::sys::path::filename(options.inputPath).str();
    interface.archiveFile =
        toStdout ? "lib" + *name + ".a"
                 : llvm::sys::path::filename(outputPath).str();
    interface.targetDescription = describeTargetMachine(*machine);
    interface.checksCpu = checksCpuAtRunTime(machine->getTargetTriple());
    for (const std::unique_ptr<llvm::TargetMachine> &pathMachine : machines)
      interface.codePaths.push_back(
          {pathMachine->getTargetCPU().str(),
           interface.checksCpu ? describeCheckedFeatures(*pathMachine)
                               : describeTargetFeatures(*pathMachine)});
    if (machines.size() > 1)
      interface.targetDescription =
          machine->getTargetTriple().str() + ", cpus " + options.target.cpu;
    interface.compilerVersion = mnc::getFullVersion();
    interface.commandLine = options.commandLine;
    if (options.emit == EmitStage::Lib &&
        (interface.archiveFile == interface.name + ".h" ||
         interface.archiveFile == kRuntimeHeaderName))
      return emitError(UnknownLoc::get(&context))
             << "the archive '" << outputPath
             << "' would be overwritten by a header; name it libNAME.a";
  }
  auto write = [&](llvm::function_ref<void(raw_ostream &)> print) {
    return writeOutput(outputPath, print, context);
  };

  // An .mlir input starts the pipeline at its dialect: mnc, or linalg on
  // tensors when it holds no mnc operation.
  PhaseLog phases(options.verbose);
  OwningOpRef<ModuleOp> module;
  bool isLinalg = false;
  if (isMlirInput) {
    module = parseSourceFile<ModuleOp>(options.inputPath, &context);
    if (!module)
      return failure();
    isLinalg = !containsMncOperations(*module);
    if (isLinalg && options.profile)
      return emitError(UnknownLoc::get(&context))
             << "--profile times the layers of the mnc dialect, but '"
             << options.inputPath << "' holds none (it is already lowered)";
  } else {
    std::unique_ptr<llvm::MemoryBuffer> bytes =
        readModelBytes(options.inputPath, context);
    if (!bytes)
      return failure();
    interface.sourceSha256 = sha256Hex(bytes->getBuffer());
    // Messages name standard input as such, and the importer knows that
    // such a model has no directory to find external data in.
    StringRef name = options.inputPath == "-"
                         ? StringRef(mnc::kStandardInputName)
                         : StringRef(options.inputPath);
    module = importOnnxModel(llvm::MemoryBufferRef(bytes->getBuffer(), name),
                             options.import, context);
    if (!module)
      return failure();
  }
  if (!options.inputFormats.empty()) {
    if (isLinalg)
      return emitError(UnknownLoc::get(&context))
             << "--input-layout, --input-type, --mean and --std need a model "
                "(ONNX or the mnc dialect), but '"
             << options.inputPath << "' is already lowered";
    if (failed(applyInputFormats(*module, options.inputFormats)))
      return failure();
  }
  phases.finished("import");
  if (dumper) {
    dumper->write(isLinalg ? "input" : "import", *module);
    if (dumper->hasFailed())
      return failure();
  }
  mnc::IRDumper *dump = dumper ? &*dumper : nullptr;
  if (options.emit == EmitStage::Mnc)
    return write([&](raw_ostream &os) { module->print(os); });

  if (!isLinalg && options.fuse) {
    if (failed(runPipeline(*module, buildFusionPipeline, dump)))
      return failure();
    phases.finished("fusion");
  }
  std::vector<LayerInfo> layers;
  if (options.report)
    layers = describeLayers(*module);
  if (options.profile &&
      (failed(runPipeline(
           *module,
           [&](OpPassManager &pm) {
             buildProfilingPipeline(pm, interface.profileHook);
           },
           dump)) ||
       failed(describeProfiledLayers(*module, interface))))
    return failure();
  // The report goes to standard output unless the result does.
  auto printLayers = [&](ArrayAttr plan, int64_t workspaceBytes) {
    if (options.report)
      printReport(layers, plan, workspaceBytes,
                  toStdout ? llvm::errs() : llvm::outs());
  };
  if (options.emit == EmitStage::Fused) {
    printLayers(nullptr, -1);
    return write([&](raw_ostream &os) { module->print(os); });
  }

  // One code path per CPU, each lowered from its own copy of the fused
  // module (the copies share the weights, which the context owns).
  SmallVector<OwningOpRef<ModuleOp>> copies;
  for (size_t k = 1; k < machines.size(); ++k)
    copies.push_back(module->clone());
  auto llvmContextOwner = std::make_unique<llvm::LLVMContext>();
  llvm::LLVMContext &llvmContext = *llvmContextOwner;
  LLVMDiagnosticForwarder llvmDiagnostics(llvmContext, context);
  SmallVector<CodePath> paths;
  std::unique_ptr<llvm::Module> llvmModule;
  // Like clang's -disable-free: a process that exits right after need not
  // spend about a second tearing down millions of weight constants (the
  // LLVM modules and context, the MLIR modules).
  auto keepState = llvm::make_scope_exit([&] {
    if (options.freeMemory)
      return;
    (void)llvmModule.release();
    for (CodePath &path : paths)
      (void)path.module.release();
    (void)llvmContextOwner.release();
    (void)module.release();
    for (OwningOpRef<ModuleOp> &copy : copies)
      (void)copy.release();
  });
  for (auto [k, pathMachine] : llvm::enumerate(machines)) {
    ModuleOp current = k == 0 ? *module : *copies[k - 1];
    ConvertMncToLinalgOptions kernels = vectorKernelOptions(*pathMachine);
    if (!isLinalg && failed(runPipeline(
                         current,
                         [&](OpPassManager &pm) {
                           buildMncToLinalgPipeline(pm, kernels);
                         },
                         dump)))
      return failure();
    phases.finished("lowering to linalg");
    if (options.emit == EmitStage::Linalg) {
      printLayers(nullptr, -1);
      return write([&](raw_ostream &os) { current.print(os); });
    }

    if (k == 0 && failed(describeEntry(current, interface)))
      return failure();
    if (failed(runPipeline(current, buildLinalgToLLVMPipeline, dump)))
      return failure();
    auto workspaceSize =
        current->getAttrOfType<IntegerAttr>(mnc::abi::kWorkspaceSizeAttr);
    if (!workspaceSize)
      return current->emitError("the pipeline did not record the workspace "
                                "size (mnc.workspace_size)");
    // The paths block their buffers for their own vector widths.
    interface.workspaceSize =
        std::max(interface.workspaceSize, workspaceSize.getInt());
    phases.finished("lowering to LLVM");
    if (k == 0)
      printLayers(
          current->getAttrOfType<ArrayAttr>(mnc::abi::kWorkspacePlanAttr),
          workspaceSize.getInt());
    if (options.emit == EmitStage::LLVMDialect)
      return write([&](raw_ostream &os) { current.print(os); });

    CreateEntryPointsOptions entryPoints;
    entryPoints.libraryName = interface.name;
    SmallVector<int64_t> inputSizes, inputElementBytes, outputSizes;
    for (const mnc::TensorInterface &input : interface.inputs) {
      inputSizes.push_back(numElements(input.shape));
      inputElementBytes.push_back(input.elementBytes);
    }
    for (const mnc::TensorInterface &output : interface.outputs)
      outputSizes.push_back(numElements(output.shape));
    entryPoints.inputSizes = inputSizes;
    entryPoints.inputElementBytes = inputElementBytes;
    entryPoints.outputSizes = outputSizes;
    if (failed(runPipeline(
            current,
            [&](OpPassManager &pm) { buildLibraryPipeline(pm, entryPoints); },
            dump)))
      return failure();

    FailureOr<std::unique_ptr<llvm::Module>> translated = translateToLLVMIR(
        current, llvmContext, *pathMachine, interface,
        /*unrollLoops=*/isLinalg || kernels.vectorLanes == 0);
    if (failed(translated))
      return failure();
    paths.push_back({std::move(*translated), pathMachine.get()});
    phases.finished("LLVM optimization");
  }
  // On x86-64 the entry points check the CPU first, and choose the path.
  if (checksCpuAtRunTime(machine->getTargetTriple())) {
    FailureOr<std::unique_ptr<llvm::Module>> linked =
        linkCodePaths(paths, interface.name, context);
    if (failed(linked) || llvmDiagnostics.hadError())
      return failure();
    llvmModule = std::move(*linked);
  } else {
    llvmModule = std::move(paths.front().module);
  }
  if (options.emit == EmitStage::LLVMIR)
    return write([&](raw_ostream &os) { llvmModule->print(os, nullptr); });

  if (options.emit == EmitStage::Asm) {
    FailureOr<SmallString<0>> assembly = emitMachineCode(
        *llvmModule, *machine, llvm::CodeGenFileType::AssemblyFile, context);
    if (failed(assembly) || llvmDiagnostics.hadError())
      return failure();
    phases.finished("code generation");
    return write([&](raw_ostream &os) { os << *assembly; });
  }

  FailureOr<SmallString<0>> object = emitMachineCode(
      *llvmModule, *machine, llvm::CodeGenFileType::ObjectFile, context);
  if (failed(object) || llvmDiagnostics.hadError() ||
      failed(checkExternalSymbols(*object, context, interface.profileHook)))
    return failure();
  phases.finished("code generation");
  if (options.emit == EmitStage::Obj)
    return write([&](raw_ostream &os) { os << *object; });

  FailureOr<std::string> archive =
      createArchive(*object, interface.name + ".o", *machine, context);
  if (failed(archive))
    return failure();
  SmallString<256> directory = llvm::sys::path::parent_path(outputPath);
  auto beside = [&](StringRef fileName) {
    SmallString<256> path = directory;
    llvm::sys::path::append(path, fileName);
    return path.str().str();
  };
  OutputFile files[] = {
      {outputPath.str(), std::move(*archive)},
      {beside(interface.name + ".h"), generateHeader(interface)},
      {beside(kRuntimeHeaderName), getRuntimeHeader().str()},
  };
  if (failed(writeAllOrNothing(files, context)))
    return failure();
  phases.finished("archive");
  return success();
}
