//===- ImportDriver.cpp - ONNX model to mnc dialect -----------------------===//
//
// Implements importOnnxModel: reads the model (ModelReader), creates the
// entry function, then walks the graph's nodes in their (topological) order
// and hands each to its handlers in the OpTable. A node whose inputs are all
// known at compile time and whose op has a folder is evaluated here; every
// other node becomes mnc operations whose result shapes come from
// dialects/ShapeInference.h, so the importer needs no ONNX shape inference
// (libonnx 1.12 knows no opset 18).
//
// Errors do not stop the walk: every unsupported op is reported up front, a
// node that fails poisons its outputs, and the nodes that use them are
// skipped silently, so each problem is reported once.
//
//===----------------------------------------------------------------------===//

#include "compiler/frontend/onnx/OnnxImporter.h"

#include "compiler/frontend/onnx/ModelReader.h"
#include "compiler/frontend/onnx/NodeContext.h"
#include "compiler/frontend/onnx/OpTable.h"

#include "dialects/MncAbi.h"
#include "dialects/MncOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Verifier.h"
#include "llvm/ADT/BitVector.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/Path.h"

#include <cassert>

using namespace mlir;
using namespace mnc;
using namespace mnc::onnx_frontend;
using llvm::ArrayRef;
using llvm::SmallVector;
using llvm::StringRef;

namespace {

/// Whether a node belongs to the default ONNX domain, the only one the
/// OpTable describes.
bool isDefaultDomain(const onnx::NodeProto &node) {
  return node.domain().empty() || node.domain() == "ai.onnx";
}

class ImportDriver {
public:
  ImportDriver(llvm::MemoryBufferRef bytes, const ImportOptions &options,
               MLIRContext &context)
      : bytes(bytes), options(options), context(context),
        state(bytes.getBufferIdentifier(), context), opTable(getOpTable()) {}

  OwningOpRef<ModuleOp> run();

private:
  /// Reports every node whose op the OpTable does not support, then one
  /// summary listing them all.
  void reportUnsupportedOps();
  void importNodes();
  /// Folds or imports one node.
  LogicalResult importNode(NodeContext &node, const OpDef &def);
  /// The types of the entry's arguments, the graph inputs that are not
  /// initializers, with the shapes --input-shape gives.
  FailureOr<SmallVector<Type>>
  readInputTypes(ArrayRef<const onnx::ValueInfoProto *> inputs);
  LogicalResult importOutputs(func::FuncOp func);
  /// Chooses the tensors the entry returns (the graph's outputs or
  /// --outputs) and marks the nodes they need; reports unknown names.
  LogicalResult selectOutputs();

  InFlightDiagnostic fileError() { return state.fileError(); }
  auto fileErrorFn() {
    return [this] { return state.fileError(); };
  }

  /// The model file's bytes.
  llvm::MemoryBufferRef bytes;
  const ImportOptions &options;
  MLIRContext &context;
  ImportState state;
  const OpTable &opTable;
  onnx::ModelProto model;

  /// Outputs of nodes that failed or were skipped: their users are skipped
  /// silently instead of reporting the same problem again.
  llvm::StringSet<> poisoned;
  /// Nodes whose op type is not supported.
  llvm::DenseSet<int> unsupportedNodes;
  /// The tensors the entry returns, and whether each node is needed for them.
  SmallVector<std::string> outputNames;
  llvm::BitVector neededNodes;
};

} // namespace

void ImportDriver::reportUnsupportedOps() {
  std::string list;
  const onnx::GraphProto &graph = model.graph();
  for (int i = 0; i < graph.node_size(); ++i) {
    if (!neededNodes.test(i))
      continue;
    const onnx::NodeProto &current = graph.node(i);
    bool defaultDomain = isDefaultDomain(current);
    const OpDef *def = defaultDomain ? opTable.lookup(current.op_type())
                                     : nullptr;
    if (def && def->supportsOpset(state.opset))
      continue;
    // No node location: the error is about the op, not a tensor it makes.
    NodeContext node(state, current, i, state.fileLoc);
    if (!defaultDomain)
      node.error() << "unsupported op from domain '" << current.domain()
                   << "'";
    else if (!def)
      node.error() << "unsupported op";
    else
      node.error() << "unsupported op in opset " << state.opset
                   << " (supported in opsets " << def->minOpset << " to "
                   << def->maxOpset << ")";
    unsupportedNodes.insert(i);
    list += (list.empty() ? "" : ", ") + current.op_type() + " (node " +
            std::to_string(i) + ")";
  }
  if (!unsupportedNodes.empty())
    fileError() << unsupportedNodes.size() << " unsupported op"
                << (unsupportedNodes.size() == 1 ? "" : "s")
                << " in the model: " << list;
}

void ImportDriver::importNodes() {
  const onnx::GraphProto &graph = model.graph();
  for (int i = 0; i < graph.node_size(); ++i) {
    if (!neededNodes.test(i))
      continue;
    const onnx::NodeProto &current = graph.node(i);
    NodeContext node(state, current, i,
                     onnxNodeLocation(state.fileLoc, i, current.name(),
                                      current.op_type()));

    bool skip = unsupportedNodes.contains(i) ||
                llvm::any_of(current.input(), [&](const std::string &name) {
                  return poisoned.contains(name);
                });
    if (!skip) {
      // Not an unsupported node: the table has its op.
      const OpDef *def = opTable.lookup(current.op_type());
      assert(def && "a supported node without an OpTable entry");
      // A handler may report an error and still succeed (attribute getters
      // report and return the default): count errors too.
      unsigned errorsBefore = state.errorCount;
      skip = failed(importNode(node, *def)) ||
             state.errorCount != errorsBefore;
    }
    if (skip)
      for (const std::string &output : current.output())
        poisoned.insert(output);
  }
}

LogicalResult ImportDriver::importNode(NodeContext &node, const OpDef &def) {
  if (def.folder && node.allInputsConst())
    return def.folder(node);
  if (def.importer)
    return def.importer(node);
  for (int i = 0; i < node.getNumInputs(); ++i)
    if (node.hasInput(i) && !node.getConst(i))
      return node.error() << "supported only on compile-time constants, but "
                             "input '"
                          << node.getInputName(i)
                          << "' is computed at run time";
  return failure();
}

FailureOr<SmallVector<Type>> ImportDriver::readInputTypes(
    ArrayRef<const onnx::ValueInfoProto *> inputs) {
  if (inputs.empty()) {
    fileError() << "the graph has no inputs (every graph input is an "
                   "initializer); a library needs at least one";
    return failure();
  }
  // Each --input-shape names an input; a bare one means the only input.
  llvm::StringMap<ArrayRef<int64_t>> given;
  for (const InputShape &shape : options.inputShapes) {
    StringRef name = shape.name;
    if (name.empty()) {
      if (inputs.size() != 1) {
        InFlightDiagnostic diag = fileError();
        diag << "--input-shape without a name, but the model has "
             << inputs.size() << " inputs; give NAME=SHAPE for each of";
        for (const onnx::ValueInfoProto *input : inputs)
          diag << " '" << input->name() << "'";
        return failure();
      }
      name = inputs.front()->name();
    }
    if (llvm::none_of(inputs, [&](const onnx::ValueInfoProto *input) {
          return input->name() == name;
        })) {
      InFlightDiagnostic diag = fileError();
      diag << "--input-shape names '" << name
           << "', which is not a graph input; the inputs are";
      for (const onnx::ValueInfoProto *input : inputs)
        diag << " '" << input->name() << "'";
      return failure();
    }
    if (!given.try_emplace(name, shape.shape).second) {
      fileError() << "--input-shape gives input '" << name << "' twice";
      return failure();
    }
  }
  SmallVector<Type> types;
  bool ok = true;
  for (const onnx::ValueInfoProto *input : inputs) {
    FailureOr<RankedTensorType> type = readGraphInput(
        *input, given.lookup(input->name()), context, fileErrorFn());
    if (failed(type))
      ok = false;
    else
      types.push_back(*type);
  }
  if (!ok)
    return failure();
  return types;
}

LogicalResult ImportDriver::selectOutputs() {
  const onnx::GraphProto &graph = model.graph();
  // Every tensor of the graph, and the node that produces it.
  llvm::StringMap<int> producers;
  llvm::StringSet<> tensors;
  for (const onnx::ValueInfoProto &input : graph.input())
    tensors.insert(input.name());
  for (const onnx::TensorProto &initializer : graph.initializer())
    tensors.insert(initializer.name());
  for (int i = 0; i < graph.node_size(); ++i)
    for (const std::string &output : graph.node(i).output())
      if (!output.empty()) {
        producers[output] = i;
        tensors.insert(output);
      }

  outputNames.clear();
  if (options.outputs.empty()) {
    for (const onnx::ValueInfoProto &output : graph.output())
      outputNames.push_back(output.name());
    if (outputNames.empty()) {
      fileError() << "the graph has no outputs";
      return failure();
    }
  }
  bool known = true;
  for (const std::string &name : options.outputs) {
    outputNames.push_back(name);
    if (tensors.contains(name))
      continue;
    known = false;
    // The graph's tensors closest in spelling.
    SmallVector<std::pair<unsigned, StringRef>> close;
    unsigned limit = std::max<unsigned>(2, name.size() / 3);
    for (const auto &tensor : tensors) {
      unsigned distance = StringRef(name).edit_distance(
          tensor.getKey(), /*AllowReplacements=*/true, limit + 1);
      if (distance <= limit)
        close.push_back({distance, tensor.getKey()});
    }
    llvm::sort(close);
    InFlightDiagnostic diag = fileError();
    diag << "--outputs names '" << name << "', which is no tensor of the graph";
    for (auto [index, candidate] : llvm::enumerate(close)) {
      if (index == 3)
        break;
      diag << (index ? ", '" : "; the closest: '") << candidate.second << "'";
    }
  }
  if (!known)
    return failure();

  // The nodes the outputs depend on, from the outputs back.
  neededNodes.resize(graph.node_size());
  SmallVector<StringRef> pending(outputNames.begin(), outputNames.end());
  while (!pending.empty()) {
    auto it = producers.find(pending.pop_back_val());
    if (it == producers.end() || neededNodes.test(it->second))
      continue;
    neededNodes.set(it->second);
    for (const std::string &input : graph.node(it->second).input())
      if (!input.empty())
        pending.push_back(input);
  }
  return success();
}

LogicalResult ImportDriver::importOutputs(func::FuncOp func) {
  OpBuilder &builder = state.builder;
  SmallVector<Value> results;
  SmallVector<Type> resultTypes;
  const onnx::GraphProto &graph = model.graph();
  for (const std::string &name : outputNames) {
    const onnx::ValueInfoProto *declared = nullptr;
    for (const onnx::ValueInfoProto &output : graph.output())
      if (output.name() == name)
        declared = &output;
    if (poisoned.contains(name))
      return failure();
    Value value = state.values.lookup(name);
    if (!value) {
      auto it = state.constants.find(name);
      if (it == state.constants.end()) {
        fileError() << "graph output '" << name << "' is produced by no node";
        return failure();
      }
      value = state.materialize(name, it->second);
    }
    // A static shape the exporter declared for a graph output must agree
    // with ours.
    ArrayRef<int64_t> shape =
        cast<RankedTensorType>(value.getType()).getShape();
    if (declared && declared->type().tensor_type().has_shape()) {
      const onnx::TensorShapeProto &dims =
          declared->type().tensor_type().shape();
      bool agrees = dims.dim_size() == static_cast<int>(shape.size());
      for (int i = 0; agrees && i < dims.dim_size(); ++i)
        if (dims.dim(i).has_dim_value() && dims.dim(i).dim_value() != shape[i])
          agrees = false;
      if (!agrees) {
        fileError() << "graph output '" << name
                    << "' is declared with another shape than the computed "
                    << formatShape(shape);
        return failure();
      }
    }
    results.push_back(value);
    resultTypes.push_back(value.getType());
  }
  builder.create<func::ReturnOp>(state.fileLoc, results);
  func.setType(builder.getFunctionType(func.getArgumentTypes(), resultTypes));
  for (auto [i, name] : llvm::enumerate(outputNames))
    func.setResultAttr(i, abi::kTensorNameAttr, builder.getStringAttr(name));
  return success();
}

OwningOpRef<ModuleOp> ImportDriver::run() {
  context.loadDialect<MncDialect, arith::ArithDialect, func::FuncDialect>();
  if (failed(parseModel(bytes.getBuffer(), model, fileErrorFn())))
    return nullptr;
  FailureOr<int64_t> opset = readDefaultOpset(model, fileErrorFn());
  if (failed(opset))
    return nullptr;
  state.opset = *opset;
  runOnnxChecker(model, state.path, state.opset, fileErrorFn());
  if (failed(readInitializers(model, state.path, state.constants,
                              fileErrorFn())) ||
      state.errorCount)
    return nullptr;

  // Initializers may be listed among the graph inputs (IR version < 4);
  // the remaining inputs are the model's, each an argument of the entry.
  const onnx::GraphProto &graph = model.graph();
  SmallVector<const onnx::ValueInfoProto *> inputs;
  for (const onnx::ValueInfoProto &input : graph.input())
    if (!state.constants.count(input.name()))
      inputs.push_back(&input);
  FailureOr<SmallVector<Type>> inputTypes = readInputTypes(inputs);
  if (failed(inputTypes))
    return nullptr;

  OpBuilder &builder = state.builder;
  Location fileLoc = state.fileLoc;
  OwningOpRef<ModuleOp> module = ModuleOp::create(fileLoc);
  (*module)->setAttr(abi::kSourceAttr, builder.getStringAttr(
                                           llvm::sys::path::filename(
                                               state.path)));
  (*module)->setAttr(abi::kOpsetAttr, builder.getI64IntegerAttr(state.opset));
  builder.setInsertionPointToEnd(module->getBody());
  auto func = builder.create<func::FuncOp>(
      fileLoc, abi::kEntryFunction, builder.getFunctionType(*inputTypes, {}));
  builder.setInsertionPointToStart(func.addEntryBlock());
  for (auto [index, input] : llvm::enumerate(inputs)) {
    func.setArgAttr(index, abi::kTensorNameAttr,
                    builder.getStringAttr(input->name()));
    state.values[input->name()] = func.getArgument(index);
  }

  if (failed(selectOutputs()))
    return nullptr;
  reportUnsupportedOps();
  importNodes();
  if (state.errorCount || failed(importOutputs(func)) || state.errorCount)
    return nullptr;
  if (failed(verify(*module)))
    return nullptr;
  return module;
}

Location mnc::onnxNodeLocation(Location fileLoc, int index, StringRef name,
                               StringRef opType) {
  MLIRContext *context = fileLoc.getContext();
  std::string label =
      name.empty() ? (opType + "_" + Twine(index)).str() : name.str();
  std::string description = "node " + std::to_string(index);
  if (!name.empty())
    description += " '" + name.str() + "'";
  description += " (" + opType.str() + ")";
  return FusedLoc::get(
      {NameLoc::get(StringAttr::get(context, label), fileLoc)},
      StringAttr::get(context, description), context);
}

std::string mnc::describeOnnxNode(Location loc) {
  std::string description;
  loc->walk([&](Location inner) {
    auto fused = dyn_cast<FusedLoc>(inner);
    auto metadata =
        fused ? dyn_cast_or_null<StringAttr>(fused.getMetadata()) : nullptr;
    if (!metadata || !metadata.getValue().starts_with("node "))
      return WalkResult::advance();
    description = metadata.str();
    return WalkResult::interrupt();
  });
  return description;
}

OwningOpRef<ModuleOp> mnc::importOnnxModel(llvm::MemoryBufferRef model,
                                           const ImportOptions &options,
                                           MLIRContext &context) {
  return ImportDriver(model, options, context).run();
}
