//===- Diagnostics.cpp - how mnc-compile prints errors --------------------===//

#include "compiler/Diagnostics.h"
#include "compiler/frontend/onnx/OnnxImporter.h"

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Location.h"

using namespace mlir;

namespace {
const char *severityName(DiagnosticSeverity severity) {
  switch (severity) {
  case DiagnosticSeverity::Error:
    return "error";
  case DiagnosticSeverity::Warning:
    return "warning";
  case DiagnosticSeverity::Note:
    return "note";
  case DiagnosticSeverity::Remark:
    return "remark";
  }
  return "error";
}

void printDiagnostic(const Diagnostic &diag, raw_ostream &os) {
  FileLineColLoc file;
  NameLoc name;
  diag.getLocation()->walk([&](Location loc) {
    if (!file)
      file = dyn_cast<FileLineColLoc>(loc);
    if (!name)
      name = dyn_cast<NameLoc>(loc);
    return WalkResult::advance();
  });
  if (file) {
    os << file.getFilename().getValue();
    if (file.getLine() != 0)
      os << ':' << file.getLine() << ':' << file.getColumn();
  } else {
    os << "mnc-compile";
  }
  os << ": " << severityName(diag.getSeverity()) << ": ";
  std::string message = diag.str();
  // The ONNX node to blame, unless the message names it already.
  if (!StringRef(message).starts_with("node ")) {
    std::string node = mnc::describeOnnxNode(diag.getLocation());
    if (!node.empty())
      os << node << ": ";
    else if (name)
      os << "node '" << name.getName().getValue() << "': ";
  }
  os << message << '\n';
  for (const Diagnostic &note : diag.getNotes())
    printDiagnostic(note, os);
}
} // namespace

mnc::DiagnosticPrinter::DiagnosticPrinter(MLIRContext *context,
                                          raw_ostream &os)
    : ScopedDiagnosticHandler(context, [&os](Diagnostic &diag) {
        printDiagnostic(diag, os);
        return success();
      }) {}
