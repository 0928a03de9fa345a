//===- OpTable.cpp - the ONNX ops the importer supports -------------------===//
//
// The table's registration checks and the one place that lists every
// register*Ops function.
//
//===----------------------------------------------------------------------===//

#include "compiler/frontend/onnx/OpTable.h"

#include "compiler/frontend/onnx/OnnxImporter.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/Format.h"

#include <cassert>

using namespace mnc::onnx_frontend;
using llvm::StringRef;

void OpTable::addImporter(StringRef opType, OpHandler importer) {
  OpDef &def = ops[opType];
  assert(!def.importer && "op importer registered twice");
  def.importer = importer;
}

void OpTable::addFolder(StringRef opType, OpHandler folder) {
  OpDef &def = ops[opType];
  assert(!def.folder && "op folder registered twice");
  def.folder = folder;
}

void OpTable::setOpsetRange(StringRef opType, int64_t minOpset,
                            int64_t maxOpset) {
  auto it = ops.find(opType);
  assert(it != ops.end() && "opset range of an unregistered op");
  it->second.minOpset = minOpset;
  it->second.maxOpset = maxOpset;
}

const OpDef *OpTable::lookup(StringRef opType) const {
  auto it = ops.find(opType);
  return it == ops.end() ? nullptr : &it->second;
}

llvm::SmallVector<StringRef> OpTable::opTypes() const {
  llvm::SmallVector<StringRef> names;
  for (const auto &entry : ops)
    names.push_back(entry.getKey());
  llvm::sort(names);
  return names;
}

const OpTable &mnc::onnx_frontend::getOpTable() {
  static const OpTable table = [] {
    OpTable table;
    registerConvOps(table);
    registerPoolingOps(table);
    registerElementwiseOps(table);
    registerShapeOps(table);
    registerPassThroughOps(table);
    registerGemmOps(table);
    registerResizeOps(table);
    registerSoftmaxOps(table);
    registerConstantFoldingOps(table);
    return table;
  }();
  return table;
}

void mnc::printSupportedOnnxOps(llvm::raw_ostream &os) {
  const OpTable &table = getOpTable();
  for (StringRef name : table.opTypes()) {
    const OpDef *def = table.lookup(name);
    os << llvm::left_justify(name, 24)
       << llvm::left_justify(std::to_string(def->minOpset) + "-" +
                                 std::to_string(def->maxOpset),
                             7)
       << (def->importer ? "run time" : "compile time only") << "\n";
  }
}
