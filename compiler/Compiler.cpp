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
#include "compiler/backend/Archive.h"
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
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/ADT/ScopeExit.h"
#include "llvm/Target/TargetMachine.h"

using namespace mlir;

namespace {
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
  return pm.run(module);
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
  std::unique_ptr<llvm::TargetMachine> machine;
  LibraryInterface interface;
  if (options.emit == EmitStage::Lib && toStdout)
    return emitError(UnknownLoc::get(&context))
           << "--emit=lib writes a library and headers: give the archive "
              "with -o OUT/libNAME.a";
  // The target decides the kernels' vector blocking from --emit=linalg on.
  if (options.emit >= EmitStage::Linalg) {
    FailureOr<std::unique_ptr<llvm::TargetMachine>> created =
        createTargetMachine(options.target, context);
    if (failed(created))
      return failure();
    machine = std::move(*created);
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
    interface.sourceFile = llvm::sys::path::filename(options.inputPath).str();
    interface.archiveFile =
        toStdout ? "lib" + *name + ".a"
                 : llvm::sys::path::filename(outputPath).str();
    interface.targetDescription = describeTargetMachine(*machine);
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
  OwningOpRef<ModuleOp> module;
  bool isLinalg = false;
  if (StringRef(options.inputPath).ends_with(".mlir")) {
    module = parseSourceFile<ModuleOp>(options.inputPath, &context);
    if (!module)
      return failure();
    isLinalg = !containsMncOperations(*module);
    if (isLinalg && options.profile)
      return emitError(UnknownLoc::get(&context))
             << "--profile times the layers of the mnc dialect, but '"
             << options.inputPath << "' holds none (it is already lowered)";
  } else {
    module = importOnnxModel(options.inputPath, options.import, context);
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
  std::optional<mnc::IRDumper> dumper;
  if (!options.dumpIRDirectory.empty()) {
    dumper.emplace(options.dumpIRDirectory, options.dumpKeepConstants);
    if (failed(dumper->prepare(*module)))
      return failure();
    dumper->write(isLinalg ? "input" : "import", *module);
  }
  mnc::IRDumper *dump = dumper ? &*dumper : nullptr;
  if (options.emit == EmitStage::Mnc)
    return write([&](raw_ostream &os) { module->print(os); });

  if (!isLinalg && options.fuse &&
      failed(runPipeline(*module, buildFusionPipeline, dump)))
    return failure();
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

  ConvertMncToLinalgOptions kernels = vectorKernelOptions(*machine);
  if (!isLinalg && failed(runPipeline(
                       *module,
                       [&](OpPassManager &pm) {
                         buildMncToLinalgPipeline(pm, kernels);
                       },
                       dump)))
    return failure();
  if (options.emit == EmitStage::Linalg) {
    printLayers(nullptr, -1);
    return write([&](raw_ostream &os) { module->print(os); });
  }

  if (failed(describeEntry(*module, interface)))
    return failure();
  if (failed(runPipeline(*module, buildLinalgToLLVMPipeline, dump)))
    return failure();
  auto workspaceSize =
      (*module)->getAttrOfType<IntegerAttr>(mnc::abi::kWorkspaceSizeAttr);
  if (!workspaceSize)
    return module->emitError("the pipeline did not record the workspace "
                             "size (mnc.workspace_size)");
  interface.workspaceSize = workspaceSize.getInt();
  printLayers((*module)->getAttrOfType<ArrayAttr>(mnc::abi::kWorkspacePlanAttr),
              interface.workspaceSize);
  if (options.emit == EmitStage::LLVMDialect)
    return write([&](raw_ostream &os) { module->print(os); });

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
          *module,
          [&](OpPassManager &pm) { buildLibraryPipeline(pm, entryPoints); },
          dump)))
    return failure();

  auto llvmContextOwner = std::make_unique<llvm::LLVMContext>();
  llvm::LLVMContext &llvmContext = *llvmContextOwner;
  FailureOr<std::unique_ptr<llvm::Module>> llvmModule =
      translateToLLVMIR(*module, llvmContext, *machine, interface,
                        /*unrollLoops=*/isLinalg || kernels.vectorLanes == 0);
  if (failed(llvmModule))
    return failure();
  // Like clang's -disable-free: a process that exits right after need not
  // spend about a second tearing down millions of weight constants (the
  // LLVM module and context, the MLIR module).
  auto keepState = llvm::make_scope_exit([&] {
    if (options.freeMemory)
      return;
    (void)llvmModule->release();
    (void)llvmContextOwner.release();
    (void)module.release();
  });
  if (options.emit == EmitStage::LLVMIR)
    return write([&](raw_ostream &os) { (*llvmModule)->print(os, nullptr); });

  if (options.emit == EmitStage::Asm) {
    FailureOr<SmallString<0>> assembly = emitMachineCode(
        **llvmModule, *machine, llvm::CodeGenFileType::AssemblyFile, context);
    if (failed(assembly))
      return failure();
    return write([&](raw_ostream &os) { os << *assembly; });
  }

  FailureOr<SmallString<0>> object = emitMachineCode(
      **llvmModule, *machine, llvm::CodeGenFileType::ObjectFile, context);
  if (failed(object) ||
      failed(checkExternalSymbols(*object, context, interface.profileHook)))
    return failure();
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
  return writeAllOrNothing(files, context);
}
