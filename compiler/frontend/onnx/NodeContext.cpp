//===- NodeContext.cpp - what an op handler sees of the import ------------===//

#include "compiler/frontend/onnx/NodeContext.h"
#include "compiler/frontend/onnx/TensorDecoding.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "llvm/ADT/Sequence.h"

using namespace mlir;
using namespace mnc;
using namespace mnc::onnx_frontend;
using llvm::ArrayRef;
using llvm::SmallVector;
using llvm::StringRef;

//===----------------------------------------------------------------------===//
// ImportState
//===----------------------------------------------------------------------===//

ImportState::ImportState(StringRef path, MLIRContext &context)
    : path(path.str()), builder(&context),
      fileLoc(FileLineColLoc::get(&context, path, 0, 0)) {}

InFlightDiagnostic ImportState::fileError() {
  ++errorCount;
  return emitError(fileLoc);
}

Value ImportState::materialize(StringRef name, const ConstTensor &tensor) {
  if (Value value = materialized.lookup(name))
    return value;
  SmallVector<float> data(tensor.data.begin(), tensor.data.end());
  auto attr = DenseElementsAttr::get(tensorType(tensor.shape),
                                     ArrayRef<float>(data));
  Location loc = NameLoc::get(builder.getStringAttr(name), fileLoc);
  Value value = builder.create<arith::ConstantOp>(loc, attr);
  materialized[name] = value;
  return value;
}

//===----------------------------------------------------------------------===//
// Diagnostics
//===----------------------------------------------------------------------===//

InFlightDiagnostic NodeContext::error() {
  ++state.errorCount;
  InFlightDiagnostic diag = emitError(loc);
  diag << "node " << index;
  if (!node.name().empty())
    diag << " '" << node.name() << "'";
  diag << " (" << node.op_type() << "): ";
  return diag;
}

//===----------------------------------------------------------------------===//
// Inputs
//===----------------------------------------------------------------------===//

bool NodeContext::allInputsConst() const {
  return llvm::all_of(llvm::seq<int>(0, node.input_size()), [&](int i) {
    return !hasInput(i) || getConst(i) != nullptr;
  });
}

const ConstTensor *NodeContext::getConst(int index) const {
  if (!hasInput(index))
    return nullptr;
  auto it = state.constants.find(node.input(index));
  return it == state.constants.end() ? nullptr : &it->second;
}

FailureOr<const ConstTensor *> NodeContext::requireConst(int index,
                                                         StringRef what) {
  if (const ConstTensor *tensor = getConst(index))
    return tensor;
  if (!hasInput(index))
    error() << what << " (input " << index << ") is missing";
  else
    error() << what << " '" << node.input(index)
            << "' must be a compile-time constant (an initializer or "
               "a computation on them)";
  return failure();
}

FailureOr<Value> NodeContext::getValue(int index) {
  if (!hasInput(index)) {
    error() << "input " << index << " is missing";
    return failure();
  }
  const std::string &name = node.input(index);
  if (Value value = state.values.lookup(name))
    return value;
  auto it = state.constants.find(name);
  if (it != state.constants.end())
    return materialize(name, it->second);
  error() << "input '" << name
          << "' is produced by no earlier node, initializer or graph input";
  return failure();
}

FailureOr<RankedTensorType> NodeContext::getValueType(int index) {
  FailureOr<Value> value = getValue(index);
  if (failed(value))
    return failure();
  return cast<RankedTensorType>(value->getType());
}

FailureOr<RankedTensorType> NodeContext::getNchwType(int index) {
  FailureOr<RankedTensorType> type = getValueType(index);
  if (failed(type))
    return failure();
  if (type->getRank() != 4)
    return error() << "only rank-4 (NCHW) inputs are supported, got "
                   << formatShape(type->getShape());
  return type;
}

FailureOr<ConstTensor> NodeContext::decodeAttrTensor(
    const onnx::TensorProto &tensor, StringRef what) {
  return decodeTensor(tensor, what, state.path,
                      [this] { return state.fileError(); });
}

FailureOr<float> NodeContext::getScalar(int index, StringRef what,
                                        float defaultValue) {
  if (!hasInput(index))
    return defaultValue;
  FailureOr<const ConstTensor *> tensor = requireConst(index, what);
  if (failed(tensor))
    return failure();
  if ((*tensor)->data.size() != 1) {
    error() << what << " must be a scalar, got shape "
            << formatShape((*tensor)->shape);
    return failure();
  }
  return static_cast<float>((*tensor)->data[0]);
}

//===----------------------------------------------------------------------===//
// Outputs
//===----------------------------------------------------------------------===//

void NodeContext::setOutput(int index, Value value) {
  if (hasOutput(index))
    state.values[node.output(index)] = value;
}

void NodeContext::setConstOutput(int index, ConstTensor tensor) {
  if (hasOutput(index))
    state.constants[node.output(index)] = std::move(tensor);
}

//===----------------------------------------------------------------------===//
// Attributes
//===----------------------------------------------------------------------===//

const onnx::AttributeProto *NodeContext::findAttr(StringRef name) const {
  for (const onnx::AttributeProto &attr : node.attribute())
    if (attr.name() == name)
      return &attr;
  return nullptr;
}

int64_t NodeContext::getInt(StringRef name, int64_t defaultValue) {
  const onnx::AttributeProto *attr = findAttr(name);
  if (!attr)
    return defaultValue;
  if (attr->type() != onnx::AttributeProto::INT) {
    error() << "attribute '" << name << "' must be an integer";
    return defaultValue;
  }
  return attr->i();
}

float NodeContext::getFloat(StringRef name, float defaultValue) {
  const onnx::AttributeProto *attr = findAttr(name);
  if (!attr)
    return defaultValue;
  if (attr->type() != onnx::AttributeProto::FLOAT) {
    error() << "attribute '" << name << "' must be a float";
    return defaultValue;
  }
  return attr->f();
}

std::string NodeContext::getString(StringRef name, StringRef defaultValue) {
  const onnx::AttributeProto *attr = findAttr(name);
  if (!attr)
    return defaultValue.str();
  if (attr->type() != onnx::AttributeProto::STRING) {
    error() << "attribute '" << name << "' must be a string";
    return defaultValue.str();
  }
  return attr->s();
}

SmallVector<int64_t> NodeContext::getInts(StringRef name,
                                          ArrayRef<int64_t> defaultValue) {
  const onnx::AttributeProto *attr = findAttr(name);
  if (!attr)
    return SmallVector<int64_t>(defaultValue);
  if (attr->type() != onnx::AttributeProto::INTS) {
    error() << "attribute '" << name << "' must be a list of integers";
    return SmallVector<int64_t>(defaultValue);
  }
  return SmallVector<int64_t>(attr->ints().begin(), attr->ints().end());
}

SmallVector<float> NodeContext::getFloats(StringRef name,
                                          ArrayRef<float> defaultValue) {
  const onnx::AttributeProto *attr = findAttr(name);
  if (!attr)
    return SmallVector<float>(defaultValue);
  if (attr->type() != onnx::AttributeProto::FLOATS) {
    error() << "attribute '" << name << "' must be a list of floats";
    return SmallVector<float>(defaultValue);
  }
  return SmallVector<float>(attr->floats().begin(), attr->floats().end());
}

std::optional<SmallVector<int64_t>> NodeContext::getAxes(int inputIndex) {
  if (findAttr("axes"))
    return getInts("axes");
  if (!hasInput(inputIndex))
    return std::nullopt;
  FailureOr<const ConstTensor *> axes = requireConst(inputIndex, "axes");
  if (failed(axes))
    return std::nullopt;
  return SmallVector<int64_t>((*axes)->data.begin(), (*axes)->data.end());
}

FailureOr<SmallVector<int64_t>>
NodeContext::normalizeAxes(ArrayRef<int64_t> axes, int64_t rank,
                           bool sorted) {
  SmallVector<int64_t> result;
  for (int64_t axis : axes) {
    int64_t normalized = axis < 0 ? axis + rank : axis;
    if (normalized < 0 || normalized >= rank) {
      error() << "axis " << axis << " is out of range for rank " << rank;
      return failure();
    }
    if (llvm::is_contained(result, normalized)) {
      error() << "axis " << axis << " is repeated";
      return failure();
    }
    result.push_back(normalized);
  }
  if (sorted)
    llvm::sort(result);
  return result;
}
