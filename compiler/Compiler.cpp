//===- Compiler.cpp - the mnc-compile driver ------------------------------===//

#include "compiler/Compiler.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Diagnostics.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/raw_ostream.h"

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
  OwningOpRef<ModuleOp> module =
      importOnnxModel(options.inputPath, options.import, context);
  if (!module)
    return failure();
  switch (options.emit) {
  case EmitStage::Mnc:
    return writeOutput(
        options.outputPath, [&](raw_ostream &os) { module->print(os); },
        context);
  case EmitStage::Lib:
    return emitError(module->getLoc())
           << "code generation (--emit=lib) is not implemented yet; use "
              "--emit=mnc";
  }
  return failure();
}
