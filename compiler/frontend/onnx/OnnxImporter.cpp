//===- OnnxImporter.cpp - ONNX model to mnc dialect -----------------------===//
//
// Walks the graph's nodes in their (topological) order. A node whose inputs
// are all known at compile time and whose op is a shape or constant
// computation is evaluated here; every other node becomes mnc operations
// whose result shapes come from dialects/ShapeInference.h, so the importer
// needs no ONNX shape inference (libonnx 1.12 knows no opset 18).
//
//===----------------------------------------------------------------------===//

#include "compiler/frontend/onnx/OnnxImporter.h"
#include "dialects/MncAbi.h"

#include "dialects/MncOps.h"
#include "dialects/ShapeInference.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Verifier.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/ADT/bit.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

#include <onnx/checker.h>
#include <onnx/defs/schema.h>
#include <onnx/onnx_pb.h>

#include <cfloat>
#include <cmath>
#include <numeric>

using namespace mlir;
using namespace mnc;
using llvm::ArrayRef;
using llvm::SmallVector;
using llvm::StringRef;

namespace {

/// The newest default-domain opset whose operators this importer knows.
constexpr int64_t kNewestOpset = 21;
/// The oldest one: Clip's and BatchNormalization's old forms are handled
/// from here on.
constexpr int64_t kOldestOpset = 7;

/// A tensor known at compile time: an initializer, a Constant node, or a
/// folded shape computation. Elements are doubles, which hold every float32
/// and every shape-sized integer exactly.
struct ConstTensor {
  Shape shape;
  /// Integer element type: shape arithmetic and indices (Div truncates).
  bool isInteger = false;
  std::vector<double> data;
};

/// Row-major strides of `shape`, with broadcast dimensions of size 1 given
/// stride 0 so that one index walks a broadcast operand.
SmallVector<int64_t> broadcastStrides(ArrayRef<int64_t> shape,
                                      ArrayRef<int64_t> resultShape) {
  SmallVector<int64_t> strides(resultShape.size(), 0);
  int64_t stride = 1;
  for (int64_t i = shape.size() - 1, j = resultShape.size() - 1; i >= 0;
       --i, --j) {
    strides[j] = shape[i] == 1 ? 0 : stride;
    stride *= shape[i];
  }
  return strides;
}

/// Calls `body(flatIndex, operandOffsets)` for every element of `shape`,
/// with each operand's offset under its `strides`.
template <typename Fn>
void forEachIndex(ArrayRef<int64_t> shape,
                  ArrayRef<SmallVector<int64_t>> strides, Fn body) {
  int64_t count = getNumElements(shape);
  SmallVector<int64_t> index(shape.size(), 0);
  SmallVector<int64_t> offsets(strides.size(), 0);
  for (int64_t flat = 0; flat < count; ++flat) {
    body(flat, offsets);
    for (int64_t d = shape.size() - 1; d >= 0; --d) {
      for (size_t k = 0; k < strides.size(); ++k)
        offsets[k] += strides[k][d];
      if (++index[d] < shape[d])
        break;
      for (size_t k = 0; k < strides.size(); ++k)
        offsets[k] -= strides[k][d] * shape[d];
      index[d] = 0;
    }
  }
}

std::string formatShape(ArrayRef<int64_t> shape) {
  std::string text = "[";
  llvm::raw_string_ostream os(text);
  llvm::interleaveComma(shape, os);
  os << "]";
  return text;
}

const char *elementTypeName(int32_t type) {
  return onnx::TensorProto_DataType_IsValid(type)
             ? onnx::TensorProto_DataType_Name(
                   static_cast<onnx::TensorProto_DataType>(type))
                   .c_str()
             : "UNKNOWN";
}

class Importer {
public:
  Importer(StringRef path, const ImportOptions &options, MLIRContext &context)
      : path(path.str()), options(options), context(context),
        builder(&context),
        fileLoc(FileLineColLoc::get(&context, path, 0, 0)),
        currentLoc(fileLoc) {}

  OwningOpRef<ModuleOp> run();

private:
  using ImportFn = LogicalResult (Importer::*)();

  // Model-level steps.
  LogicalResult readModel();
  void runChecker();
  LogicalResult readOpset();
  LogicalResult readInitializers();
  FailureOr<RankedTensorType> readGraphInput(const onnx::ValueInfoProto &info);
  void reportUnsupportedOps();
  void importNodes();
  LogicalResult importOutputs(func::FuncOp func);

  // Diagnostics. Every error goes through these, so `errorCount` tells
  // whether a node failed.
  InFlightDiagnostic nodeError();
  InFlightDiagnostic fileError();

  // Tensor data.
  FailureOr<ConstTensor> readTensor(const onnx::TensorProto &tensor,
                                    StringRef what);
  LogicalResult readTensorBytes(const onnx::TensorProto &tensor,
                                StringRef what, std::string &storage,
                                StringRef &bytes);
  Value materialize(StringRef name, const ConstTensor &tensor);

  // The current node's inputs, outputs and attributes.
  bool hasInput(int index) const {
    return index < node->input_size() && !node->input(index).empty();
  }
  const ConstTensor *getConst(int index) const;
  FailureOr<const ConstTensor *> requireConst(int index, StringRef what);
  FailureOr<Value> getValue(int index);
  FailureOr<RankedTensorType> getValueType(int index);
  FailureOr<RankedTensorType> getNchwType(int index);
  void setOutput(int index, Value value);
  void setConstOutput(int index, ConstTensor tensor);
  const onnx::AttributeProto *findAttr(StringRef name) const;
  int64_t getInt(StringRef name, int64_t defaultValue);
  float getFloat(StringRef name, float defaultValue);
  std::string getString(StringRef name, StringRef defaultValue);
  SmallVector<int64_t> getInts(StringRef name,
                               ArrayRef<int64_t> defaultValue = {});
  std::optional<SmallVector<int64_t>> getAxes(int inputIndex);
  FailureOr<SmallVector<int64_t>> normalizeAxes(ArrayRef<int64_t> axes,
                                                int64_t rank, bool sorted);
  FailureOr<float> getScalar(int index, StringRef what, float defaultValue);
  /// For the `emitError` argument of the shape rules. Returns the callable
  /// itself: an EmitErrorFn (a function_ref) made here would refer to a
  /// lambda that dies on return. Pass it straight to the call.
  auto errorFn() {
    return [this] { return nodeError(); };
  }
  RankedTensorType tensorType(ArrayRef<int64_t> shape) {
    return RankedTensorType::get(shape, builder.getF32Type());
  }

  // Shape rules shared by runtime ops and constant folding.
  FailureOr<Shape> flattenShape(ArrayRef<int64_t> input);
  FailureOr<Shape> reshapeShape(ArrayRef<int64_t> input);
  FailureOr<Shape> squeezeShape(ArrayRef<int64_t> input);
  FailureOr<Shape> unsqueezeShape(ArrayRef<int64_t> input);
  FailureOr<SmallVector<int64_t>> transposePerm(int64_t rank);
  FailureOr<std::array<int64_t, 4>> windowPads(ArrayRef<int64_t> input,
                                               ArrayRef<int64_t> window,
                                               ArrayRef<int64_t> strides);

  // Node importers.
  LogicalResult importNode();
  LogicalResult foldNode();
  LogicalResult importConv();
  LogicalResult importBatchNorm();
  LogicalResult importRelu();
  LogicalResult importClip();
  LogicalResult importHardSigmoid();
  LogicalResult importHardSwish();
  LogicalResult importSigmoid();
  LogicalResult importBinary();
  LogicalResult importGlobalAveragePool();
  LogicalResult importReduceMean();
  LogicalResult importAveragePool();
  LogicalResult importReshapeLike();
  LogicalResult importTranspose();
  LogicalResult importGemm();
  LogicalResult importMatMul();
  LogicalResult importConcat();
  LogicalResult importResize();
  LogicalResult importSoftmax();
  LogicalResult importPassThrough();
  void setDropoutMask(ArrayRef<int64_t> shape);
  LogicalResult importCast();
  LogicalResult importPad();
  LogicalResult importShape();
  static const llvm::StringMap<ImportFn> &runtimeImporters();
  static const llvm::StringSet<> &foldableOps();

  template <typename OpT, typename... Args>
  Value create(Type type, Args &&...args) {
    return builder.create<OpT>(currentLoc, type, std::forward<Args>(args)...)
        .getResult();
  }

  /// An element-wise op of one input, whose result has the input's type:
  /// OpT(input, attrs...).
  template <typename OpT, typename... Attrs>
  LogicalResult importElementwise(Attrs... attrs) {
    FailureOr<Value> input = getValue(0);
    if (failed(input))
      return failure();
    setOutput(0, create<OpT>(input->getType(), *input, attrs...));
    return success();
  }

  std::string path;
  const ImportOptions &options;
  MLIRContext &context;
  OpBuilder builder;
  Location fileLoc;
  Location currentLoc;
  onnx::ModelProto model;
  int64_t opset = 0;
  unsigned errorCount = 0;

  const onnx::NodeProto *node = nullptr;
  int nodeIndex = -1;

  /// Tensors computed at run time, by ONNX name.
  llvm::StringMap<Value> values;
  /// Tensors known at compile time, by ONNX name.
  llvm::StringMap<ConstTensor> constants;
  /// arith.constant ops already made for `constants`.
  llvm::StringMap<Value> materialized;
  /// Outputs of nodes that failed or were skipped: their users are skipped
  /// silently instead of reporting the same problem again.
  llvm::StringSet<> poisoned;
  /// Nodes whose op type is not supported.
  llvm::DenseSet<int> unsupportedNodes;
};

//===----------------------------------------------------------------------===//
// Diagnostics
//===----------------------------------------------------------------------===//

InFlightDiagnostic Importer::nodeError() {
  ++errorCount;
  InFlightDiagnostic diag = emitError(currentLoc);
  diag << "node " << nodeIndex;
  if (!node->name().empty())
    diag << " '" << node->name() << "'";
  diag << " (" << node->op_type() << "): ";
  return diag;
}

InFlightDiagnostic Importer::fileError() {
  ++errorCount;
  return emitError(fileLoc);
}

//===----------------------------------------------------------------------===//
// Model
//===----------------------------------------------------------------------===//

LogicalResult Importer::readModel() {
  auto buffer = llvm::MemoryBuffer::getFile(path, /*IsText=*/false,
                                            /*RequiresNullTerminator=*/false);
  if (!buffer) {
    fileError() << "cannot read the file: " << buffer.getError().message();
    return failure();
  }
  StringRef bytes = (*buffer)->getBuffer();
  if (bytes.size() > static_cast<size_t>(INT_MAX) ||
      !model.ParseFromArray(bytes.data(), static_cast<int>(bytes.size()))) {
    fileError() << "not an ONNX model: the file does not parse as an ONNX "
                   "ModelProto";
    return failure();
  }
  if (!model.has_graph() || model.graph().node_size() == 0) {
    fileError() << "not an ONNX model: it has no graph nodes";
    return failure();
  }
  return success();
}

LogicalResult Importer::readOpset() {
  for (const onnx::OperatorSetIdProto &entry : model.opset_import())
    if (entry.domain().empty() || entry.domain() == "ai.onnx")
      opset = entry.version();
  if (opset == 0) {
    fileError() << "the model imports no version of the default ONNX opset";
    return failure();
  }
  if (opset < kOldestOpset || opset > kNewestOpset) {
    fileError() << "opset " << opset << " is not supported (supported: "
                << kOldestOpset << " to " << kNewestOpset << ")";
    return failure();
  }
  return success();
}

/// Runs libonnx's checker where it knows the model's opset and IR version;
/// newer models (opset 18 and up with libonnx 1.12) are checked by the
/// importer's own rules only.
void Importer::runChecker() {
  const auto &versions =
      onnx::OpSchemaRegistry::DomainToVersionRange::Instance().Map();
  auto known = versions.find(onnx::ONNX_DOMAIN);
  if (known == versions.end() || opset > known->second.second ||
      model.ir_version() > onnx::Version::IR_VERSION)
    return;
  try {
    onnx::checker::check_model(path);
  } catch (const std::exception &e) {
    fileError() << "the ONNX checker rejects the model: " << e.what();
  }
}

LogicalResult Importer::readTensorBytes(const onnx::TensorProto &tensor,
                                        StringRef what, std::string &storage,
                                        StringRef &bytes) {
  if (tensor.data_location() != onnx::TensorProto::EXTERNAL) {
    bytes = tensor.raw_data();
    return success();
  }
  std::string location;
  int64_t offset = 0, length = -1;
  for (const onnx::StringStringEntryProto &entry : tensor.external_data()) {
    if (entry.key() == "location")
      location = entry.value();
    else if (entry.key() == "offset")
      offset = std::atoll(entry.value().c_str());
    else if (entry.key() == "length")
      length = std::atoll(entry.value().c_str());
  }
  if (location.empty() || llvm::sys::path::is_absolute(location)) {
    fileError() << what << " has external data without a relative location";
    return failure();
  }
  SmallString<256> dataPath = llvm::sys::path::parent_path(path);
  llvm::sys::path::append(dataPath, location);
  auto buffer = llvm::MemoryBuffer::getFile(dataPath, /*IsText=*/false,
                                            /*RequiresNullTerminator=*/false);
  if (!buffer) {
    fileError() << what << ": cannot read its external data file '"
                << dataPath << "': " << buffer.getError().message();
    return failure();
  }
  StringRef all = (*buffer)->getBuffer();
  if (offset < 0 || static_cast<size_t>(offset) > all.size() ||
      (length >= 0 && static_cast<size_t>(offset + length) > all.size())) {
    fileError() << what << ": its external data lies outside '" << dataPath
                << "'";
    return failure();
  }
  storage = all.substr(offset, length < 0 ? StringRef::npos : length).str();
  bytes = storage;
  return success();
}

FailureOr<ConstTensor> Importer::readTensor(const onnx::TensorProto &tensor,
                                            StringRef what) {
  ConstTensor result;
  for (int64_t dim : tensor.dims()) {
    if (dim < 0) {
      fileError() << what << " has a negative dimension";
      return failure();
    }
    result.shape.push_back(dim);
  }
  int64_t count = getNumElements(result.shape);
  std::string storage;
  StringRef raw;
  if (failed(readTensorBytes(tensor, what, storage, raw)))
    return failure();

  // Each element type: its size in raw_data, the typed field that holds it
  // otherwise, and the conversion to double.
  int32_t type = tensor.data_type();
  auto fail = [&](int64_t got) {
    fileError() << what << " holds " << got << " elements of type "
                << elementTypeName(type) << " but its shape "
                << formatShape(result.shape) << " needs " << count;
    return failure();
  };
  auto fromRaw = [&](size_t elementSize, auto convert) -> LogicalResult {
    if (raw.size() != count * elementSize)
      return fail(raw.size() / elementSize);
    result.data.resize(count);
    for (int64_t i = 0; i < count; ++i)
      result.data[i] = convert(raw.data() + i * elementSize);
    return success();
  };
  auto fromField = [&](const auto &field, auto convert) -> LogicalResult {
    if (field.size() != count)
      return fail(field.size());
    result.data.resize(count);
    for (int64_t i = 0; i < count; ++i)
      result.data[i] = convert(field.Get(i));
    return success();
  };
  auto load = [](auto tag) {
    return [](const char *p) {
      decltype(tag) value;
      std::memcpy(&value, p, sizeof(value));
      return static_cast<double>(value);
    };
  };
  auto identity = [](auto v) { return static_cast<double>(v); };
  auto halfToDouble = [](const llvm::fltSemantics &semantics) {
    return [&semantics](uint64_t bits) {
      return llvm::APFloat(semantics, llvm::APInt(16, bits)).convertToDouble();
    };
  };
  bool useRaw = !raw.empty() || count == 0;
  LogicalResult loaded = failure();
  switch (type) {
  case onnx::TensorProto::FLOAT:
    loaded = useRaw ? fromRaw(4, load(float()))
                    : fromField(tensor.float_data(), identity);
    break;
  case onnx::TensorProto::DOUBLE:
    loaded = useRaw ? fromRaw(8, load(double()))
                    : fromField(tensor.double_data(), identity);
    break;
  case onnx::TensorProto::FLOAT16:
  case onnx::TensorProto::BFLOAT16: {
    const llvm::fltSemantics &semantics =
        type == onnx::TensorProto::FLOAT16 ? llvm::APFloat::IEEEhalf()
                                           : llvm::APFloat::BFloat();
    auto convert = halfToDouble(semantics);
    loaded = useRaw ? fromRaw(2,
                              [&](const char *p) {
                                uint16_t bits;
                                std::memcpy(&bits, p, 2);
                                return convert(bits);
                              })
                    : fromField(tensor.int32_data(), convert);
    break;
  }
  case onnx::TensorProto::INT64:
    result.isInteger = true;
    loaded = useRaw ? fromRaw(8, load(int64_t()))
                    : fromField(tensor.int64_data(), identity);
    break;
  case onnx::TensorProto::INT32:
    result.isInteger = true;
    loaded = useRaw ? fromRaw(4, load(int32_t()))
                    : fromField(tensor.int32_data(), identity);
    break;
  case onnx::TensorProto::INT8:
  case onnx::TensorProto::UINT8:
  case onnx::TensorProto::BOOL:
    result.isInteger = true;
    loaded = useRaw ? fromRaw(1,
                              [type](const char *p) {
                                return type == onnx::TensorProto::INT8
                                           ? static_cast<double>(
                                                 static_cast<int8_t>(*p))
                                           : static_cast<double>(
                                                 static_cast<uint8_t>(*p));
                              })
                    : fromField(tensor.int32_data(), identity);
    break;
  default:
    fileError() << what << " has element type " << elementTypeName(type)
                << ", which is not supported";
    return failure();
  }
  if (failed(loaded))
    return failure();
  return result;
}

LogicalResult Importer::readInitializers() {
  bool ok = true;
  for (const onnx::TensorProto &tensor : model.graph().initializer()) {
    FailureOr<ConstTensor> value =
        readTensor(tensor, "initializer '" + tensor.name() + "'");
    if (failed(value)) {
      ok = false;
      continue;
    }
    constants[tensor.name()] = std::move(*value);
  }
  return success(ok);
}

FailureOr<RankedTensorType>
Importer::readGraphInput(const onnx::ValueInfoProto &info) {
  const onnx::TypeProto &type = info.type();
  if (!type.has_tensor_type()) {
    fileError() << "graph input '" << info.name() << "' is not a tensor";
    return failure();
  }
  int32_t elementType = type.tensor_type().elem_type();
  if (elementType != onnx::TensorProto::FLOAT) {
    fileError() << "graph input '" << info.name() << "' has element type "
                << elementTypeName(elementType)
                << "; only FLOAT (float32) inputs are supported";
    return failure();
  }
  const ArrayRef<int64_t> given = options.inputShape;
  if (!type.tensor_type().has_shape()) {
    if (given.empty()) {
      fileError() << "graph input '" << info.name()
                  << "' has no shape; give one with --input-shape, e.g. "
                     "--input-shape 1x3x224x224";
      return failure();
    }
    return tensorType(given);
  }
  const onnx::TensorShapeProto &shape = type.tensor_type().shape();
  if (!given.empty() && static_cast<int>(given.size()) != shape.dim_size()) {
    fileError() << "--input-shape " << formatShape(given) << " has rank "
                << given.size() << " but graph input '" << info.name()
                << "' has rank " << shape.dim_size();
    return failure();
  }
  Shape dims;
  for (int i = 0; i < shape.dim_size(); ++i) {
    const onnx::TensorShapeProto::Dimension &dim = shape.dim(i);
    bool isStatic = dim.has_dim_value() && dim.dim_value() > 0;
    if (!given.empty()) {
      if (given[i] < 1) {
        fileError() << "--input-shape dimension " << i
                    << " must be positive, got " << given[i];
        return failure();
      }
      if (isStatic && dim.dim_value() != given[i]) {
        fileError() << "--input-shape gives dimension " << i << " of input '"
                    << info.name() << "' as " << given[i]
                    << " but the model fixes it to " << dim.dim_value();
        return failure();
      }
      dims.push_back(given[i]);
      continue;
    }
    if (!isStatic) {
      InFlightDiagnostic diag = fileError();
      diag << "graph input '" << info.name() << "' has a dynamic dimension "
           << i;
      if (dim.has_dim_param())
        diag << " ('" << dim.dim_param() << "')";
      diag << "; fix it with --input-shape, e.g. --input-shape 1x3x224x224";
      return failure();
    }
    dims.push_back(dim.dim_value());
  }
  return tensorType(dims);
}

//===----------------------------------------------------------------------===//
// Node inputs, outputs and attributes
//===----------------------------------------------------------------------===//

const ConstTensor *Importer::getConst(int index) const {
  if (!hasInput(index))
    return nullptr;
  auto it = constants.find(node->input(index));
  return it == constants.end() ? nullptr : &it->second;
}

FailureOr<const ConstTensor *> Importer::requireConst(int index,
                                                      StringRef what) {
  if (const ConstTensor *tensor = getConst(index))
    return tensor;
  if (!hasInput(index))
    nodeError() << what << " (input " << index << ") is missing";
  else
    nodeError() << what << " '" << node->input(index)
                << "' must be a compile-time constant (an initializer or "
                   "a computation on them)";
  return failure();
}

FailureOr<Value> Importer::getValue(int index) {
  if (!hasInput(index)) {
    nodeError() << "input " << index << " is missing";
    return failure();
  }
  const std::string &name = node->input(index);
  if (Value value = values.lookup(name))
    return value;
  auto it = constants.find(name);
  if (it != constants.end())
    return materialize(name, it->second);
  nodeError() << "input '" << name
              << "' is produced by no earlier node, initializer or graph "
                 "input";
  return failure();
}

FailureOr<RankedTensorType> Importer::getValueType(int index) {
  FailureOr<Value> value = getValue(index);
  if (failed(value))
    return failure();
  return cast<RankedTensorType>(value->getType());
}

/// The type of input `index` of an op that supports only rank-4 (NCHW)
/// inputs.
FailureOr<RankedTensorType> Importer::getNchwType(int index) {
  FailureOr<RankedTensorType> type = getValueType(index);
  if (failed(type))
    return failure();
  if (type->getRank() != 4)
    return nodeError() << "only rank-4 (NCHW) inputs are supported, got "
                       << formatShape(type->getShape());
  return type;
}

void Importer::setOutput(int index, Value value) {
  if (index < node->output_size() && !node->output(index).empty())
    values[node->output(index)] = value;
}

void Importer::setConstOutput(int index, ConstTensor tensor) {
  if (index < node->output_size() && !node->output(index).empty())
    constants[node->output(index)] = std::move(tensor);
}

Value Importer::materialize(StringRef name, const ConstTensor &tensor) {
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

const onnx::AttributeProto *Importer::findAttr(StringRef name) const {
  for (const onnx::AttributeProto &attr : node->attribute())
    if (attr.name() == name)
      return &attr;
  return nullptr;
}

int64_t Importer::getInt(StringRef name, int64_t defaultValue) {
  const onnx::AttributeProto *attr = findAttr(name);
  if (!attr)
    return defaultValue;
  if (attr->type() != onnx::AttributeProto::INT) {
    nodeError() << "attribute '" << name << "' must be an integer";
    return defaultValue;
  }
  return attr->i();
}

float Importer::getFloat(StringRef name, float defaultValue) {
  const onnx::AttributeProto *attr = findAttr(name);
  if (!attr)
    return defaultValue;
  if (attr->type() != onnx::AttributeProto::FLOAT) {
    nodeError() << "attribute '" << name << "' must be a float";
    return defaultValue;
  }
  return attr->f();
}

std::string Importer::getString(StringRef name, StringRef defaultValue) {
  const onnx::AttributeProto *attr = findAttr(name);
  if (!attr)
    return defaultValue.str();
  if (attr->type() != onnx::AttributeProto::STRING) {
    nodeError() << "attribute '" << name << "' must be a string";
    return defaultValue.str();
  }
  return attr->s();
}

SmallVector<int64_t> Importer::getInts(StringRef name,
                                       ArrayRef<int64_t> defaultValue) {
  const onnx::AttributeProto *attr = findAttr(name);
  if (!attr)
    return SmallVector<int64_t>(defaultValue);
  if (attr->type() != onnx::AttributeProto::INTS) {
    nodeError() << "attribute '" << name << "' must be a list of integers";
    return SmallVector<int64_t>(defaultValue);
  }
  return SmallVector<int64_t>(attr->ints().begin(), attr->ints().end());
}

/// The axes of Squeeze, Unsqueeze and ReduceMean: the `axes` attribute of
/// older opsets or the constant input `inputIndex` of newer ones; nullopt
/// when neither is given. Errors leave `errorCount` raised.
std::optional<SmallVector<int64_t>> Importer::getAxes(int inputIndex) {
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
Importer::normalizeAxes(ArrayRef<int64_t> axes, int64_t rank, bool sorted) {
  SmallVector<int64_t> result;
  for (int64_t axis : axes) {
    int64_t normalized = axis < 0 ? axis + rank : axis;
    if (normalized < 0 || normalized >= rank) {
      nodeError() << "axis " << axis << " is out of range for rank " << rank;
      return failure();
    }
    if (llvm::is_contained(result, normalized)) {
      nodeError() << "axis " << axis << " is repeated";
      return failure();
    }
    result.push_back(normalized);
  }
  if (sorted)
    llvm::sort(result);
  return result;
}

/// A scalar float input such as Clip's bounds or Pad's value.
FailureOr<float> Importer::getScalar(int index, StringRef what,
                                     float defaultValue) {
  if (!hasInput(index))
    return defaultValue;
  FailureOr<const ConstTensor *> tensor = requireConst(index, what);
  if (failed(tensor))
    return failure();
  if ((*tensor)->data.size() != 1) {
    nodeError() << what << " must be a scalar, got shape "
                << formatShape((*tensor)->shape);
    return failure();
  }
  return static_cast<float>((*tensor)->data[0]);
}

//===----------------------------------------------------------------------===//
// Shape rules shared by runtime ops and folding
//===----------------------------------------------------------------------===//

FailureOr<Shape> Importer::flattenShape(ArrayRef<int64_t> input) {
  int64_t rank = input.size();
  int64_t axis = getInt("axis", 1);
  if (axis < 0)
    axis += rank;
  if (axis < 0 || axis > rank) {
    nodeError() << "axis " << getInt("axis", 1)
                << " is out of range for rank " << rank;
    return failure();
  }
  return Shape{getNumElements(input.take_front(axis)),
               getNumElements(input.drop_front(axis))};
}

FailureOr<Shape> Importer::reshapeShape(ArrayRef<int64_t> input) {
  FailureOr<const ConstTensor *> target = requireConst(1, "shape");
  if (failed(target))
    return failure();
  bool allowZero = getInt("allowzero", 0) != 0;
  Shape result;
  int inferred = -1;
  for (auto [i, value] : llvm::enumerate((*target)->data)) {
    int64_t dim = static_cast<int64_t>(value);
    if (dim == 0 && !allowZero) {
      if (i >= input.size()) {
        nodeError() << "shape entry " << i
                    << " is 0 (copy) but the input has rank " << input.size();
        return failure();
      }
      dim = input[i];
    } else if (dim == -1) {
      if (inferred >= 0) {
        nodeError() << "shape has more than one -1";
        return failure();
      }
      inferred = i;
      dim = 1;
    } else if (dim < 0) {
      nodeError() << "shape entry " << i << " is " << dim;
      return failure();
    }
    result.push_back(dim);
  }
  int64_t known = getNumElements(result);
  int64_t total = getNumElements(input);
  if (inferred >= 0 && known != 0 && total % known == 0)
    result[inferred] = total / known;
  if (getNumElements(result) != total) {
    nodeError() << "cannot reshape " << formatShape(input) << " to shape "
                << formatShape(SmallVector<int64_t>((*target)->data.begin(),
                                                    (*target)->data.end()));
    return failure();
  }
  return result;
}

FailureOr<Shape> Importer::squeezeShape(ArrayRef<int64_t> input) {
  unsigned errorsBefore = errorCount;
  std::optional<SmallVector<int64_t>> axes = getAxes(1);
  if (errorCount != errorsBefore)
    return failure();
  Shape result;
  if (!axes) {
    for (int64_t dim : input)
      if (dim != 1)
        result.push_back(dim);
    return result;
  }
  FailureOr<SmallVector<int64_t>> normalized =
      normalizeAxes(*axes, input.size(), /*sorted=*/true);
  if (failed(normalized))
    return failure();
  for (auto [i, dim] : llvm::enumerate(input)) {
    if (!llvm::is_contained(*normalized, static_cast<int64_t>(i))) {
      result.push_back(dim);
    } else if (dim != 1) {
      nodeError() << "cannot squeeze axis " << i << " of size " << dim;
      return failure();
    }
  }
  return result;
}

FailureOr<Shape> Importer::unsqueezeShape(ArrayRef<int64_t> input) {
  unsigned errorsBefore = errorCount;
  std::optional<SmallVector<int64_t>> axes = getAxes(1);
  if (errorCount != errorsBefore)
    return failure();
  if (!axes) {
    nodeError() << "needs axes";
    return failure();
  }
  int64_t rank = input.size() + axes->size();
  FailureOr<SmallVector<int64_t>> normalized =
      normalizeAxes(*axes, rank, /*sorted=*/true);
  if (failed(normalized))
    return failure();
  Shape result;
  auto next = input.begin();
  for (int64_t i = 0; i < rank; ++i)
    result.push_back(llvm::is_contained(*normalized, i) ? 1 : *next++);
  return result;
}

FailureOr<SmallVector<int64_t>> Importer::transposePerm(int64_t rank) {
  SmallVector<int64_t> reversed;
  for (int64_t i = rank - 1; i >= 0; --i)
    reversed.push_back(i);
  SmallVector<int64_t> perm = getInts("perm", reversed);
  if (failed(inferTransposeShape(SmallVector<int64_t>(rank, 1), perm,
                                 errorFn())))
    return failure();
  return perm;
}

/// [top, left, bottom, right] pads of a 2-D window op from `pads` or
/// `auto_pad`.
FailureOr<std::array<int64_t, 4>>
Importer::windowPads(ArrayRef<int64_t> input, ArrayRef<int64_t> window,
                     ArrayRef<int64_t> strides) {
  std::string autoPad = getString("auto_pad", "NOTSET");
  std::array<int64_t, 4> pads = {0, 0, 0, 0};
  if (autoPad == "NOTSET") {
    SmallVector<int64_t> given = getInts("pads", {0, 0, 0, 0});
    if (given.size() != 4) {
      nodeError() << "pads must have 4 values for a 2-D window, got "
                  << given.size();
      return failure();
    }
    llvm::copy(given, pads.begin());
    return pads;
  }
  if (autoPad == "VALID")
    return pads;
  if (autoPad != "SAME_UPPER" && autoPad != "SAME_LOWER") {
    nodeError() << "auto_pad '" << autoPad << "' is not supported";
    return failure();
  }
  if (input.size() != 4 || window.size() != 2 || strides.size() != 2) {
    nodeError() << "auto_pad needs a rank-4 input, 2 kernel sizes and 2 "
                   "strides";
    return failure();
  }
  for (int axis = 0; axis < 2; ++axis) {
    int64_t in = input[2 + axis], stride = strides[axis];
    int64_t out = (in + stride - 1) / stride;
    int64_t total = std::max<int64_t>(0, (out - 1) * stride + window[axis] - in);
    int64_t small = total / 2, large = total - small;
    pads[axis] = autoPad == "SAME_UPPER" ? small : large;
    pads[axis + 2] = autoPad == "SAME_UPPER" ? large : small;
  }
  return pads;
}

//===----------------------------------------------------------------------===//
// Node importers
//===----------------------------------------------------------------------===//

const llvm::StringMap<Importer::ImportFn> &Importer::runtimeImporters() {
  static const llvm::StringMap<ImportFn> table = {
      {"Conv", &Importer::importConv},
      {"BatchNormalization", &Importer::importBatchNorm},
      {"Relu", &Importer::importRelu},
      {"Clip", &Importer::importClip},
      {"HardSigmoid", &Importer::importHardSigmoid},
      {"HardSwish", &Importer::importHardSwish},
      {"Sigmoid", &Importer::importSigmoid},
      {"Add", &Importer::importBinary},
      {"Sub", &Importer::importBinary},
      {"Mul", &Importer::importBinary},
      {"Div", &Importer::importBinary},
      {"GlobalAveragePool", &Importer::importGlobalAveragePool},
      {"ReduceMean", &Importer::importReduceMean},
      {"AveragePool", &Importer::importAveragePool},
      {"Flatten", &Importer::importReshapeLike},
      {"Reshape", &Importer::importReshapeLike},
      {"Squeeze", &Importer::importReshapeLike},
      {"Unsqueeze", &Importer::importReshapeLike},
      {"Transpose", &Importer::importTranspose},
      {"Gemm", &Importer::importGemm},
      {"MatMul", &Importer::importMatMul},
      {"Concat", &Importer::importConcat},
      {"Resize", &Importer::importResize},
      {"Softmax", &Importer::importSoftmax},
      {"Dropout", &Importer::importPassThrough},
      {"Identity", &Importer::importPassThrough},
      {"Cast", &Importer::importCast},
      {"Pad", &Importer::importPad},
      {"Shape", &Importer::importShape},
  };
  return table;
}

/// Ops evaluated at compile time when all their inputs are known; those not
/// also in runtimeImporters() are supported only that way.
const llvm::StringSet<> &Importer::foldableOps() {
  static const llvm::StringSet<> ops = {
      "Constant", "Identity",  "Dropout",   "Cast",      "Add",
      "Sub",      "Mul",       "Div",       "Neg",       "Sqrt",
      "Floor",    "Ceil",      "Reshape",   "Flatten",   "Squeeze",
      "Unsqueeze", "Transpose", "Concat",   "Gather",    "Slice",
      "Shape",    "ConstantOfShape", "Equal", "Where",   "Range"};
  return ops;
}

void Importer::reportUnsupportedOps() {
  std::string list;
  const onnx::GraphProto &graph = model.graph();
  for (int i = 0; i < graph.node_size(); ++i) {
    const onnx::NodeProto &current = graph.node(i);
    bool defaultDomain =
        current.domain().empty() || current.domain() == "ai.onnx";
    if (defaultDomain && (runtimeImporters().count(current.op_type()) ||
                          foldableOps().count(current.op_type())))
      continue;
    node = &current;
    nodeIndex = i;
    currentLoc = fileLoc;
    if (defaultDomain)
      nodeError() << "unsupported op";
    else
      nodeError() << "unsupported op from domain '" << current.domain()
                  << "'";
    unsupportedNodes.insert(i);
    list += (list.empty() ? "" : ", ") + current.op_type() + " (node " +
            std::to_string(i) + ")";
  }
  if (!unsupportedNodes.empty())
    fileError() << unsupportedNodes.size() << " unsupported op"
                << (unsupportedNodes.size() == 1 ? "" : "s")
                << " in the model: " << list;
}

void Importer::importNodes() {
  const onnx::GraphProto &graph = model.graph();
  for (int i = 0; i < graph.node_size(); ++i) {
    node = &graph.node(i);
    nodeIndex = i;
    std::string label = node->name().empty()
                            ? node->op_type() + "_" + std::to_string(i)
                            : node->name();
    currentLoc = NameLoc::get(builder.getStringAttr(label), fileLoc);

    bool skip = unsupportedNodes.contains(i) ||
                llvm::any_of(node->input(), [&](const std::string &name) {
                  return poisoned.contains(name);
                });
    unsigned errorsBefore = errorCount;
    if (skip || failed(importNode()) || errorCount != errorsBefore)
      for (const std::string &output : node->output())
        poisoned.insert(output);
  }
}

LogicalResult Importer::importNode() {
  StringRef op = node->op_type();
  bool allConst = llvm::all_of(
      llvm::seq<int>(0, node->input_size()),
      [&](int i) { return !hasInput(i) || getConst(i) != nullptr; });
  if (foldableOps().contains(op) && allConst)
    return foldNode();
  auto importer = runtimeImporters().find(op);
  if (importer != runtimeImporters().end())
    return (this->*importer->second)();
  for (int i = 0; i < node->input_size(); ++i)
    if (hasInput(i) && !getConst(i))
      return nodeError() << "supported only on compile-time constants, but "
                            "input '"
                         << node->input(i) << "' is computed at run time";
  return failure();
}

LogicalResult Importer::importConv() {
  FailureOr<RankedTensorType> inputType = getValueType(0);
  FailureOr<const ConstTensor *> filter = requireConst(1, "weight");
  if (failed(inputType) || failed(filter))
    return failure();
  if (hasInput(2) && failed(requireConst(2, "bias")))
    return failure();
  ArrayRef<int64_t> filterShape = (*filter)->shape;
  if (filterShape.size() != 4 || inputType->getRank() != 4)
    return nodeError() << "only 2-D convolutions are supported (rank-4 input "
                          "and weight), got input "
                       << formatShape(inputType->getShape()) << " and weight "
                       << formatShape(filterShape);
  SmallVector<int64_t> kernel = getInts("kernel_shape", filterShape.drop_front(2));
  if (kernel != filterShape.drop_front(2))
    return nodeError() << "kernel_shape " << formatShape(kernel)
                       << " does not match the weight "
                       << formatShape(filterShape);
  SmallVector<int64_t> strides = getInts("strides", {1, 1});
  SmallVector<int64_t> dilations = getInts("dilations", {1, 1});
  int64_t groups = getInt("group", 1);
  SmallVector<int64_t> window = {dilations.size() == 2
                                     ? dilations[0] * (kernel[0] - 1) + 1
                                     : kernel[0],
                                 dilations.size() == 2
                                     ? dilations[1] * (kernel[1] - 1) + 1
                                     : kernel[1]};
  FailureOr<std::array<int64_t, 4>> pads =
      windowPads(inputType->getShape(), window, strides);
  if (failed(pads))
    return failure();
  FailureOr<Shape> shape =
      inferConv2dShape(inputType->getShape(), filterShape, strides, *pads,
                       dilations, groups, errorFn());
  if (failed(shape))
    return failure();
  if (hasInput(2) && getConst(2)->shape != Shape{filterShape[0]})
    return nodeError() << "bias shape " << formatShape(getConst(2)->shape)
                       << " must be [" << filterShape[0] << "]";
  Value bias = hasInput(2) ? *getValue(2) : Value();
  setOutput(0, create<Conv2dOp>(tensorType(*shape), *getValue(0),
                                *getValue(1), bias, /*residual=*/Value(),
                                strides, *pads, dilations, groups,
                                /*activation=*/nullptr));
  return success();
}

LogicalResult Importer::importBatchNorm() {
  if (getInt("training_mode", 0) != 0)
    return nodeError() << "training_mode = 1 is not supported (inference "
                          "only)";
  FailureOr<RankedTensorType> inputType = getValueType(0);
  if (failed(inputType))
    return failure();
  if (inputType->getRank() < 2)
    return nodeError() << "input must have rank >= 2, got "
                       << formatShape(inputType->getShape());
  int64_t channels = inputType->getDimSize(1);
  SmallVector<Value> params;
  for (auto [index, name] : llvm::enumerate(
           ArrayRef<StringRef>{"scale", "bias", "mean", "variance"})) {
    FailureOr<const ConstTensor *> param = requireConst(index + 1, name);
    if (failed(param))
      return failure();
    if ((*param)->shape != Shape{channels})
      return nodeError() << name << " has shape "
                         << formatShape((*param)->shape) << ", expected ["
                         << channels << "]";
    params.push_back(*getValue(index + 1));
  }
  float epsilon = getFloat("epsilon", 1e-5f);
  setOutput(0, create<BatchNormOp>(*inputType, *getValue(0), params[0],
                                   params[1], params[2], params[3],
                                   builder.getF32FloatAttr(epsilon)));
  return success();
}

LogicalResult Importer::importRelu() { return importElementwise<ReluOp>(); }

LogicalResult Importer::importClip() {
  FailureOr<Value> input = getValue(0);
  if (failed(input))
    return failure();
  float lowest = -FLT_MAX, highest = FLT_MAX;
  float minValue = lowest, maxValue = highest;
  if (opset < 11) {
    minValue = getFloat("min", lowest);
    maxValue = getFloat("max", highest);
  } else {
    FailureOr<float> min = getScalar(1, "min", lowest);
    FailureOr<float> max = getScalar(2, "max", highest);
    if (failed(min) || failed(max))
      return failure();
    minValue = *min;
    maxValue = *max;
  }
  if (minValue > maxValue)
    return nodeError() << "min " << minValue << " exceeds max " << maxValue;
  setOutput(0, create<ClipOp>(input->getType(), *input,
                              builder.getF32FloatAttr(minValue),
                              builder.getF32FloatAttr(maxValue)));
  return success();
}

LogicalResult Importer::importHardSigmoid() {
  FloatAttr alpha = builder.getF32FloatAttr(getFloat("alpha", 0.2f));
  FloatAttr beta = builder.getF32FloatAttr(getFloat("beta", 0.5f));
  return importElementwise<HardSigmoidOp>(alpha, beta);
}

LogicalResult Importer::importHardSwish() {
  return importElementwise<HardSwishOp>(builder.getF32FloatAttr(1.0f / 6.0f),
                                        builder.getF32FloatAttr(0.5f));
}

LogicalResult Importer::importSigmoid() {
  return importElementwise<SigmoidOp>();
}

LogicalResult Importer::importBinary() {
  FailureOr<Value> lhs = getValue(0), rhs = getValue(1);
  if (failed(lhs) || failed(rhs))
    return failure();
  FailureOr<Shape> shape =
      inferBroadcastShape(cast<RankedTensorType>(lhs->getType()).getShape(),
                          cast<RankedTensorType>(rhs->getType()).getShape(),
                          errorFn());
  if (failed(shape))
    return failure();
  Type type = tensorType(*shape);
  StringRef op = node->op_type();
  Value result = op == "Add"   ? create<AddOp>(type, *lhs, *rhs)
                 : op == "Sub" ? create<SubOp>(type, *lhs, *rhs)
                 : op == "Mul" ? create<MulOp>(type, *lhs, *rhs)
                               : create<DivOp>(type, *lhs, *rhs);
  setOutput(0, result);
  return success();
}

LogicalResult Importer::importGlobalAveragePool() {
  FailureOr<RankedTensorType> type = getNchwType(0);
  if (failed(type))
    return failure();
  ArrayRef<int64_t> shape = type->getShape();
  setOutput(0, create<GlobalAvgPoolOp>(tensorType({shape[0], shape[1], 1, 1}),
                                       *getValue(0)));
  return success();
}

LogicalResult Importer::importReduceMean() {
  FailureOr<RankedTensorType> type = getValueType(0);
  if (failed(type))
    return failure();
  unsigned errorsBefore = errorCount;
  std::optional<SmallVector<int64_t>> axes = getAxes(1);
  bool keepdims = getInt("keepdims", 1) != 0;
  bool noopWithEmptyAxes = getInt("noop_with_empty_axes", 0) != 0;
  if (errorCount != errorsBefore)
    return failure();
  if (!axes || axes->empty()) {
    if (noopWithEmptyAxes) {
      setOutput(0, *getValue(0));
      return success();
    }
    axes = llvm::to_vector(llvm::seq<int64_t>(0, type->getRank()));
  }
  FailureOr<SmallVector<int64_t>> normalized =
      normalizeAxes(*axes, type->getRank(), /*sorted=*/true);
  if (failed(normalized))
    return failure();
  FailureOr<Shape> shape =
      inferReduceShape(type->getShape(), *normalized, keepdims, errorFn());
  if (failed(shape))
    return failure();
  setOutput(0, create<ReduceMeanOp>(tensorType(*shape), *getValue(0),
                                    *normalized, keepdims));
  return success();
}

LogicalResult Importer::importAveragePool() {
  FailureOr<RankedTensorType> type = getValueType(0);
  if (failed(type))
    return failure();
  SmallVector<int64_t> kernel = getInts("kernel_shape");
  if (kernel.size() != 2 || type->getRank() != 4)
    return nodeError() << "only 2-D pooling is supported (rank-4 input and 2 "
                          "kernel sizes), got input "
                       << formatShape(type->getShape()) << " and kernel "
                       << formatShape(kernel);
  SmallVector<int64_t> dilations = getInts("dilations", {1, 1});
  if (llvm::any_of(dilations, [](int64_t d) { return d != 1; }))
    return nodeError() << "dilations other than 1 are not supported";
  SmallVector<int64_t> strides = getInts("strides", {1, 1});
  FailureOr<std::array<int64_t, 4>> pads =
      windowPads(type->getShape(), kernel, strides);
  if (failed(pads))
    return failure();
  bool ceilMode = getInt("ceil_mode", 0) != 0;
  bool countIncludePad = getInt("count_include_pad", 0) != 0;
  FailureOr<Shape> shape = inferPool2dShape(type->getShape(), kernel, strides,
                                            *pads, ceilMode, errorFn());
  if (failed(shape))
    return failure();
  setOutput(0, create<AvgPoolOp>(tensorType(*shape), *getValue(0), kernel,
                                 strides, *pads, ceilMode, countIncludePad));
  return success();
}

/// Flatten, Reshape, Squeeze and Unsqueeze: a new shape for the same data.
LogicalResult Importer::importReshapeLike() {
  FailureOr<RankedTensorType> type = getValueType(0);
  if (failed(type))
    return failure();
  StringRef op = node->op_type();
  FailureOr<Shape> shape = op == "Flatten"   ? flattenShape(type->getShape())
                           : op == "Reshape" ? reshapeShape(type->getShape())
                           : op == "Squeeze" ? squeezeShape(type->getShape())
                                             : unsqueezeShape(type->getShape());
  if (failed(shape))
    return failure();
  setOutput(0, create<ReshapeOp>(tensorType(*shape), *getValue(0)));
  return success();
}

LogicalResult Importer::importTranspose() {
  FailureOr<RankedTensorType> type = getValueType(0);
  if (failed(type))
    return failure();
  FailureOr<SmallVector<int64_t>> perm = transposePerm(type->getRank());
  if (failed(perm))
    return failure();
  FailureOr<Shape> shape =
      inferTransposeShape(type->getShape(), *perm, errorFn());
  setOutput(0, create<TransposeOp>(tensorType(*shape), *getValue(0), *perm));
  return success();
}

/// Gemm with a constant B (and C) becomes a fully connected layer whose
/// weight is [N, K] = alpha * (transB ? B : B^T) and bias beta * C.
LogicalResult Importer::importGemm() {
  FailureOr<RankedTensorType> inputType = getValueType(0);
  FailureOr<const ConstTensor *> b = requireConst(1, "B");
  if (failed(inputType) || failed(b))
    return failure();
  float alpha = getFloat("alpha", 1.0f), beta = getFloat("beta", 1.0f);
  bool transA = getInt("transA", 0) != 0, transB = getInt("transB", 0) != 0;
  if (inputType->getRank() != 2 || (*b)->shape.size() != 2)
    return nodeError() << "A and B must be rank 2, got "
                       << formatShape(inputType->getShape()) << " and "
                       << formatShape((*b)->shape);
  Value input = *getValue(0);
  if (transA) {
    ArrayRef<int64_t> shape = inputType->getShape();
    input = create<TransposeOp>(tensorType({shape[1], shape[0]}), input,
                                ArrayRef<int64_t>{1, 0});
  }
  int64_t rows = (*b)->shape[0], cols = (*b)->shape[1];
  int64_t n = transB ? rows : cols, k = transB ? cols : rows;
  ConstTensor weight{{n, k}, false, std::vector<double>(n * k)};
  for (int64_t i = 0; i < n; ++i)
    for (int64_t j = 0; j < k; ++j)
      weight.data[i * k + j] =
          static_cast<float>(alpha) *
          static_cast<float>((*b)->data[transB ? i * cols + j : j * cols + i]);
  FailureOr<Shape> shape = inferFullyConnectedShape(
      cast<RankedTensorType>(input.getType()).getShape(), weight.shape,
      errorFn());
  if (failed(shape))
    return failure();

  Value bias;
  if (hasInput(2)) {
    FailureOr<const ConstTensor *> c = requireConst(2, "C");
    if (failed(c))
      return failure();
    // C broadcasts to [M, N]; only a bias that is the same for every row
    // fits a fully connected layer.
    ArrayRef<int64_t> cShape = (*c)->shape;
    int64_t rank = cShape.size();
    bool perColumn =
        rank <= 2 && (rank == 0 || cShape.back() == 1 || cShape.back() == n) &&
        (rank < 2 || cShape[0] == 1);
    if (!perColumn)
      return nodeError() << "C of shape " << formatShape(cShape)
                         << " is not supported: the bias must be the same for "
                            "every row (shape [N], [1, N] or a scalar)";
    ConstTensor biasTensor{{n}, false, std::vector<double>(n)};
    for (int64_t i = 0; i < n; ++i)
      biasTensor.data[i] =
          static_cast<float>(beta) *
          static_cast<float>((*c)->data[(*c)->data.size() == 1 ? 0 : i]);
    // The name keys the cache of materialized constants: it must tell
    // apart Gemms that share C but differ in beta or N.
    std::string biasName =
        node->input(2) + ".gemm_bias[" + std::to_string(n) + "]";
    if (beta != 1.0f)
      biasName += ".beta_" + llvm::utohexstr(llvm::bit_cast<uint32_t>(beta));
    bias = materialize(biasName, biasTensor);
  }
  // As for the bias: Gemms may share B with another alpha or transB.
  std::string weightName =
      node->input(1) + (transB ? ".gemm_weight" : ".gemm_weight.T");
  if (alpha != 1.0f)
    weightName += ".alpha_" + llvm::utohexstr(llvm::bit_cast<uint32_t>(alpha));
  Value weightValue = materialize(weightName, weight);
  setOutput(0, create<FullyConnectedOp>(tensorType(*shape), input,
                                        weightValue, bias,
                                        /*activation=*/nullptr));
  return success();
}

/// MatMul by a constant [K, N] matrix is a fully connected layer without a
/// bias; a batched left operand is flattened to rows and back.
LogicalResult Importer::importMatMul() {
  FailureOr<RankedTensorType> inputType = getValueType(0);
  FailureOr<const ConstTensor *> b = requireConst(1, "B");
  if (failed(inputType) || failed(b))
    return failure();
  if (inputType->getRank() < 2 || (*b)->shape.size() != 2)
    return nodeError() << "only [..., M, K] x [K, N] with a constant B is "
                          "supported, got "
                       << formatShape(inputType->getShape()) << " x "
                       << formatShape((*b)->shape);
  ArrayRef<int64_t> inShape = inputType->getShape();
  int64_t k = (*b)->shape[0], n = (*b)->shape[1];
  if (inShape.back() != k)
    return nodeError() << "inner dimensions differ: "
                       << formatShape(inShape) << " x "
                       << formatShape((*b)->shape);
  ConstTensor weight{{n, k}, false, std::vector<double>(n * k)};
  for (int64_t i = 0; i < n; ++i)
    for (int64_t j = 0; j < k; ++j)
      weight.data[i * k + j] = (*b)->data[j * n + i];
  Value input = *getValue(0);
  int64_t rows = getNumElements(inShape.drop_back());
  if (inShape.size() != 2)
    input = create<ReshapeOp>(tensorType({rows, k}), input);
  Value result = create<FullyConnectedOp>(
      tensorType({rows, n}), input,
      materialize(node->input(1) + ".matmul_weight", weight), Value(),
      /*activation=*/nullptr);
  if (inShape.size() != 2) {
    Shape outShape(inShape.begin(), inShape.end());
    outShape.back() = n;
    result = create<ReshapeOp>(tensorType(outShape), result);
  }
  setOutput(0, result);
  return success();
}

LogicalResult Importer::importConcat() {
  SmallVector<Value> inputs;
  SmallVector<ArrayRef<int64_t>> shapes;
  for (int i = 0; i < node->input_size(); ++i) {
    FailureOr<Value> input = getValue(i);
    if (failed(input))
      return failure();
    inputs.push_back(*input);
    shapes.push_back(cast<RankedTensorType>(input->getType()).getShape());
  }
  if (inputs.empty())
    return nodeError() << "needs at least one input";
  int64_t rank = shapes.front().size();
  int64_t axis = getInt("axis", 0);
  FailureOr<SmallVector<int64_t>> normalized =
      normalizeAxes({axis}, rank, /*sorted=*/false);
  if (failed(normalized))
    return failure();
  FailureOr<Shape> shape =
      inferConcatShape(shapes, normalized->front(), errorFn());
  if (failed(shape))
    return failure();
  setOutput(0, create<ConcatOp>(tensorType(*shape), inputs,
                                normalized->front()));
  return success();
}

LogicalResult Importer::importResize() {
  FailureOr<RankedTensorType> type = getNchwType(0);
  if (failed(type))
    return failure();
  ArrayRef<int64_t> inShape = type->getShape();

  std::string modeName = getString("mode", "nearest");
  std::string transformName = getString(
      "coordinate_transformation_mode", opset < 11 ? "asymmetric" : "half_pixel");
  std::string roundingName = getString("nearest_mode", "round_prefer_floor");
  if (getInt("exclude_outside", 0) != 0 || getInt("antialias", 0) != 0)
    return nodeError() << "exclude_outside and antialias are not supported";
  if (findAttr("axes"))
    return nodeError() << "the axes attribute is not supported";
  if (getString("keep_aspect_ratio_policy", "stretch") != "stretch")
    return nodeError() << "keep_aspect_ratio_policy other than 'stretch' is "
                          "not supported";

  std::optional<ResizeMode> mode =
      modeName == "nearest"  ? std::optional(ResizeMode::Nearest)
      : modeName == "linear" ? std::optional(ResizeMode::Bilinear)
                             : std::nullopt;
  if (!mode)
    return nodeError() << "mode '" << modeName
                       << "' is not supported (nearest, linear)";
  std::optional<CoordinateTransform> transform =
      symbolizeCoordinateTransform(transformName);
  if (!transform)
    return nodeError() << "coordinate_transformation_mode '" << transformName
                       << "' is not supported (half_pixel, "
                          "pytorch_half_pixel, align_corners, asymmetric)";
  std::optional<NearestRounding> rounding =
      symbolizeNearestRounding(roundingName);
  if (!rounding)
    return nodeError() << "nearest_mode '" << roundingName
                       << "' is not supported";

  // Opset 10: (X, scales). Opset 11+: (X, roi, scales, sizes).
  int scalesIndex = opset < 11 ? 1 : 2, sizesIndex = opset < 11 ? -1 : 3;
  const ConstTensor *scales = nullptr, *sizes = nullptr;
  if (hasInput(scalesIndex)) {
    FailureOr<const ConstTensor *> tensor = requireConst(scalesIndex, "scales");
    if (failed(tensor))
      return failure();
    if (!(*tensor)->data.empty())
      scales = *tensor;
  }
  if (sizesIndex > 0 && hasInput(sizesIndex)) {
    FailureOr<const ConstTensor *> tensor = requireConst(sizesIndex, "sizes");
    if (failed(tensor))
      return failure();
    if (!(*tensor)->data.empty())
      sizes = *tensor;
  }
  if ((scales == nullptr) == (sizes == nullptr))
    return nodeError() << "exactly one of scales and sizes must be given";
  const ConstTensor *given = scales ? scales : sizes;
  if (given->data.size() != 4)
    return nodeError() << (scales ? "scales" : "sizes")
                       << " must have 4 entries, got " << given->data.size();

  Shape outShape(inShape.begin(), inShape.end());
  float scaleH, scaleW;
  if (scales) {
    if (scales->data[0] != 1.0 || scales->data[1] != 1.0)
      return nodeError() << "only H and W can be resized; scales are ["
                         << scales->data[0] << ", " << scales->data[1] << ", "
                         << scales->data[2] << ", " << scales->data[3] << "]";
    scaleH = scales->data[2];
    scaleW = scales->data[3];
    if (!(scaleH > 0.0f) || !(scaleW > 0.0f))
      return nodeError() << "scales must be positive";
    outShape[2] = static_cast<int64_t>(std::floor(inShape[2] * scaleH));
    outShape[3] = static_cast<int64_t>(std::floor(inShape[3] * scaleW));
  } else {
    for (int i = 0; i < 4; ++i)
      outShape[i] = static_cast<int64_t>(sizes->data[i]);
    if (outShape[0] != inShape[0] || outShape[1] != inShape[1])
      return nodeError() << "only H and W can be resized; sizes are "
                         << formatShape(outShape) << " for input "
                         << formatShape(inShape);
    scaleH = static_cast<float>(outShape[2]) / inShape[2];
    scaleW = static_cast<float>(outShape[3]) / inShape[3];
  }
  if (outShape[2] < 1 || outShape[3] < 1)
    return nodeError() << "the output size " << formatShape(outShape)
                       << " is empty";
  if (opset < 11 && *mode == ResizeMode::Nearest) {
    // Resize-10 has no nearest_mode: like Upsample it truncates the source
    // coordinate when enlarging (ONNX's Upsample tests) and rounds it up when
    // shrinking (ONNX Runtime), per axis.
    bool shrinks = scaleH < 1.0f || scaleW < 1.0f;
    if (shrinks && (scaleH > 1.0f || scaleW > 1.0f))
      return nodeError() << "opset " << opset
                         << " nearest resize that enlarges one axis and "
                            "shrinks the other is not supported";
    rounding = shrinks ? NearestRounding::Ceil : NearestRounding::Floor;
  }
  setOutput(0, create<ResizeOp>(tensorType(outShape), *getValue(0), *mode,
                                *transform, *rounding, llvm::APFloat(scaleH),
                                llvm::APFloat(scaleW)));
  return success();
}

LogicalResult Importer::importSoftmax() {
  FailureOr<RankedTensorType> type = getValueType(0);
  if (failed(type))
    return failure();
  int64_t rank = type->getRank();
  int64_t axis = getInt("axis", opset < 13 ? 1 : -1);
  FailureOr<SmallVector<int64_t>> normalized =
      normalizeAxes({axis}, rank, /*sorted=*/false);
  if (failed(normalized))
    return failure();
  axis = normalized->front();
  // Before opset 13, Softmax normalizes over all dimensions from `axis` on;
  // that is one axis only when the later ones are all 1.
  if (opset < 13 && getNumElements(type->getShape().drop_front(axis + 1)) != 1)
    return nodeError() << "softmax over the flattened dimensions "
                       << formatShape(type->getShape().drop_front(axis))
                       << " (opset < 13 semantics) is not supported";
  setOutput(0, create<SoftmaxOp>(*type, *getValue(0), axis));
  return success();
}

/// Identity, and Dropout at inference: the output is the input.
LogicalResult Importer::importPassThrough() {
  if (node->op_type() == "Dropout") {
    if (hasInput(2)) {
      FailureOr<const ConstTensor *> training =
          requireConst(2, "training_mode");
      if (failed(training))
        return failure();
      if (!(*training)->data.empty() && (*training)->data[0] != 0.0)
        return nodeError() << "training_mode = true is not supported";
    }
  }
  FailureOr<Value> input = getValue(0);
  if (failed(input))
    return failure();
  setOutput(0, *input);
  if (node->op_type() == "Dropout")
    setDropoutMask(cast<RankedTensorType>(input->getType()).getShape());
  return success();
}

/// Dropout's optional mask output, which at inference is all ones (bool
/// from opset 10 on, the input's type before).
void Importer::setDropoutMask(ArrayRef<int64_t> shape) {
  if (node->output_size() < 2 || node->output(1).empty())
    return;
  setConstOutput(1, ConstTensor{Shape(shape.begin(), shape.end()),
                                /*isInteger=*/opset >= 10,
                                std::vector<double>(getNumElements(shape),
                                                    1.0)});
}

/// A Cast that computes at run time must keep float32 as it is.
LogicalResult Importer::importCast() {
  int64_t to = getInt("to", 0);
  if (to != onnx::TensorProto::FLOAT)
    return nodeError() << "casting a run-time tensor to "
                       << elementTypeName(to)
                       << " is not supported (only FLOAT)";
  return importPassThrough();
}

LogicalResult Importer::importPad() {
  FailureOr<RankedTensorType> type = getValueType(0);
  if (failed(type))
    return failure();
  std::string mode = getString("mode", "constant");
  if (mode != "constant")
    return nodeError() << "mode '" << mode
                       << "' is not supported (only 'constant')";
  int64_t rank = type->getRank();
  SmallVector<int64_t> pads;
  float value = 0.0f;
  if (opset < 11) {
    pads = getInts("pads");
    value = getFloat("value", 0.0f);
  } else {
    FailureOr<const ConstTensor *> padsTensor = requireConst(1, "pads");
    FailureOr<float> constant = getScalar(2, "constant_value", 0.0f);
    if (failed(padsTensor) || failed(constant))
      return failure();
    pads.assign((*padsTensor)->data.begin(), (*padsTensor)->data.end());
    value = *constant;
    if (hasInput(3)) {
      // Opset 18: pads cover only the listed axes.
      FailureOr<const ConstTensor *> axesTensor = requireConst(3, "axes");
      if (failed(axesTensor))
        return failure();
      FailureOr<SmallVector<int64_t>> axes = normalizeAxes(
          SmallVector<int64_t>((*axesTensor)->data.begin(),
                               (*axesTensor)->data.end()),
          rank, /*sorted=*/false);
      if (failed(axes))
        return failure();
      if (pads.size() != 2 * axes->size())
        return nodeError() << "pads must have " << 2 * axes->size()
                           << " values for " << axes->size() << " axes";
      SmallVector<int64_t> full(2 * rank, 0);
      for (auto [i, axis] : llvm::enumerate(*axes)) {
        full[axis] = pads[i];
        full[axis + rank] = pads[i + axes->size()];
      }
      pads = full;
    }
  }
  FailureOr<Shape> shape = inferPadShape(type->getShape(), pads, errorFn());
  if (failed(shape))
    return failure();
  setOutput(0, create<PadOp>(tensorType(*shape), *getValue(0), pads,
                             llvm::APFloat(value)));
  return success();
}

/// The shape of a tensor, run-time or compile-time, is known at compile time.
LogicalResult Importer::importShape() {
  // A compile-time input is not materialized: only its shape is used.
  Shape inShape;
  if (const ConstTensor *tensor = getConst(0)) {
    inShape = tensor->shape;
  } else {
    FailureOr<RankedTensorType> type = getValueType(0);
    if (failed(type))
      return failure();
    inShape.assign(type->getShape().begin(), type->getShape().end());
  }
  int64_t rank = inShape.size();
  int64_t start = getInt("start", 0), end = getInt("end", rank);
  start = std::clamp<int64_t>(start < 0 ? start + rank : start, 0, rank);
  end = std::clamp<int64_t>(end < 0 ? end + rank : end, 0, rank);
  ConstTensor shape{{std::max<int64_t>(0, end - start)}, true, {}};
  for (int64_t i = start; i < end; ++i)
    shape.data.push_back(inShape[i]);
  setConstOutput(0, std::move(shape));
  return success();
}

//===----------------------------------------------------------------------===//
// Constant folding
//===----------------------------------------------------------------------===//

/// Evaluates the current node on compile-time inputs.
LogicalResult Importer::foldNode() {
  StringRef op = node->op_type();
  auto input = [&](int i) -> const ConstTensor & { return *getConst(i); };

  if (op == "Constant") {
    for (const onnx::AttributeProto &attr : node->attribute()) {
      if (attr.name() == "value") {
        FailureOr<ConstTensor> tensor = readTensor(
            attr.t(), "node " + std::to_string(nodeIndex) + " Constant value");
        if (failed(tensor))
          return failure();
        setConstOutput(0, std::move(*tensor));
        return success();
      }
      if (attr.name() == "value_float") {
        setConstOutput(0, ConstTensor{{}, false, {attr.f()}});
        return success();
      }
      if (attr.name() == "value_int") {
        setConstOutput(0, ConstTensor{{}, true, {double(attr.i())}});
        return success();
      }
      if (attr.name() == "value_floats" || attr.name() == "value_ints") {
        ConstTensor tensor{{}, attr.name() == "value_ints", {}};
        if (tensor.isInteger)
          tensor.data.assign(attr.ints().begin(), attr.ints().end());
        else
          tensor.data.assign(attr.floats().begin(), attr.floats().end());
        tensor.shape = {static_cast<int64_t>(tensor.data.size())};
        setConstOutput(0, std::move(tensor));
        return success();
      }
    }
    return nodeError() << "only value, value_float(s) and value_int(s) "
                          "constants are supported";
  }

  if (op == "Identity" || op == "Dropout") {
    if (op == "Dropout")
      setDropoutMask(input(0).shape);
    setConstOutput(0, input(0));
    return success();
  }

  if (op == "Cast") {
    int64_t to = getInt("to", 0);
    ConstTensor result = input(0);
    switch (to) {
    case onnx::TensorProto::FLOAT:
    case onnx::TensorProto::FLOAT16:
    case onnx::TensorProto::DOUBLE:
      result.isInteger = false;
      if (to != onnx::TensorProto::DOUBLE)
        for (double &v : result.data)
          v = static_cast<float>(v);
      break;
    case onnx::TensorProto::INT64:
    case onnx::TensorProto::INT32:
    case onnx::TensorProto::INT8:
    case onnx::TensorProto::UINT8:
      result.isInteger = true;
      for (double &v : result.data)
        v = std::trunc(v);
      break;
    case onnx::TensorProto::BOOL:
      result.isInteger = true;
      for (double &v : result.data)
        v = v != 0.0;
      break;
    default:
      return nodeError() << "cast to " << elementTypeName(to)
                         << " is not supported";
    }
    setConstOutput(0, std::move(result));
    return success();
  }

  if (op == "Neg" || op == "Sqrt" || op == "Floor" || op == "Ceil") {
    ConstTensor result = input(0);
    for (double &v : result.data) {
      v = op == "Neg"     ? -v
          : op == "Sqrt"  ? std::sqrt(v)
          : op == "Floor" ? std::floor(v)
                          : std::ceil(v);
      // Float tensors are float32: round as the runtime would.
      if (!result.isInteger)
        v = static_cast<float>(v);
    }
    setConstOutput(0, std::move(result));
    return success();
  }

  if (op == "Add" || op == "Sub" || op == "Mul" || op == "Div" ||
      op == "Equal" || op == "Where") {
    int arity = op == "Where" ? 3 : 2;
    Shape shape(input(0).shape.begin(), input(0).shape.end());
    for (int i = 1; i < arity; ++i) {
      FailureOr<Shape> broadcast =
          inferBroadcastShape(shape, input(i).shape, errorFn());
      if (failed(broadcast))
        return failure();
      shape = *broadcast;
    }
    SmallVector<SmallVector<int64_t>> strides;
    for (int i = 0; i < arity; ++i)
      strides.push_back(broadcastStrides(input(i).shape, shape));
    const ConstTensor &a = input(0), &b = input(1);
    bool integer = op == "Where" ? input(1).isInteger
                                 : (op == "Equal" || a.isInteger);
    ConstTensor result{shape, integer,
                       std::vector<double>(getNumElements(shape))};
    forEachIndex(shape, strides, [&](int64_t flat, ArrayRef<int64_t> at) {
      double x = a.data[at[0]], y = b.data[at[1]];
      double v;
      if (op == "Add")
        v = x + y;
      else if (op == "Sub")
        v = x - y;
      else if (op == "Mul")
        v = x * y;
      else if (op == "Div")
        v = a.isInteger ? (y == 0 ? 0 : std::trunc(x / y)) : x / y;
      else if (op == "Equal")
        v = x == y;
      else
        v = x != 0 ? y : input(2).data[at[2]];
      // Float tensors are float32: round as the runtime would.
      result.data[flat] = result.isInteger ? v : static_cast<float>(v);
    });
    setConstOutput(0, std::move(result));
    return success();
  }

  if (op == "Reshape" || op == "Flatten" || op == "Squeeze" ||
      op == "Unsqueeze") {
    ArrayRef<int64_t> inShape = input(0).shape;
    FailureOr<Shape> shape = op == "Flatten"   ? flattenShape(inShape)
                             : op == "Reshape" ? reshapeShape(inShape)
                             : op == "Squeeze" ? squeezeShape(inShape)
                                               : unsqueezeShape(inShape);
    if (failed(shape))
      return failure();
    ConstTensor result = input(0);
    result.shape = *shape;
    setConstOutput(0, std::move(result));
    return success();
  }

  if (op == "Transpose") {
    const ConstTensor &in = input(0);
    FailureOr<SmallVector<int64_t>> perm = transposePerm(in.shape.size());
    if (failed(perm))
      return failure();
    FailureOr<Shape> shape = inferTransposeShape(in.shape, *perm, errorFn());
    SmallVector<int64_t> inStrides = broadcastStrides(in.shape, in.shape);
    SmallVector<SmallVector<int64_t>> strides(1);
    for (int64_t axis : *perm)
      strides[0].push_back(in.shape[axis] == 1 ? 0 : inStrides[axis]);
    ConstTensor result{*shape, in.isInteger,
                       std::vector<double>(in.data.size())};
    forEachIndex(*shape, strides, [&](int64_t flat, ArrayRef<int64_t> at) {
      result.data[flat] = in.data[at[0]];
    });
    setConstOutput(0, std::move(result));
    return success();
  }

  if (op == "Concat") {
    SmallVector<ArrayRef<int64_t>> shapes;
    for (int i = 0; i < node->input_size(); ++i)
      shapes.push_back(input(i).shape);
    if (shapes.empty())
      return nodeError() << "needs at least one input";
    FailureOr<SmallVector<int64_t>> axis = normalizeAxes(
        {getInt("axis", 0)}, shapes.front().size(), /*sorted=*/false);
    if (failed(axis))
      return failure();
    FailureOr<Shape> shape = inferConcatShape(shapes, axis->front(), errorFn());
    if (failed(shape))
      return failure();
    int64_t outer = getNumElements(ArrayRef<int64_t>(*shape).take_front(
        axis->front()));
    ConstTensor result{*shape, input(0).isInteger, {}};
    for (int64_t o = 0; o < outer; ++o)
      for (int i = 0; i < node->input_size(); ++i) {
        const ConstTensor &in = input(i);
        int64_t chunk = in.data.size() / std::max<int64_t>(outer, 1);
        result.data.insert(result.data.end(), in.data.begin() + o * chunk,
                           in.data.begin() + (o + 1) * chunk);
      }
    setConstOutput(0, std::move(result));
    return success();
  }

  if (op == "Shape")
    return importShape();

  if (op == "Gather") {
    const ConstTensor &data = input(0), &indices = input(1);
    int64_t rank = data.shape.size();
    FailureOr<SmallVector<int64_t>> axis =
        normalizeAxes({getInt("axis", 0)}, rank, /*sorted=*/false);
    if (failed(axis))
      return failure();
    int64_t a = axis->front(), dim = data.shape[a];
    int64_t outer = getNumElements(ArrayRef<int64_t>(data.shape).take_front(a));
    int64_t inner =
        getNumElements(ArrayRef<int64_t>(data.shape).drop_front(a + 1));
    Shape shape(data.shape.begin(), data.shape.begin() + a);
    shape.append(indices.shape.begin(), indices.shape.end());
    shape.append(data.shape.begin() + a + 1, data.shape.end());
    ConstTensor result{shape, data.isInteger, {}};
    for (int64_t o = 0; o < outer; ++o)
      for (double rawIndex : indices.data) {
        int64_t index = static_cast<int64_t>(rawIndex);
        if (index < -dim || index >= dim)
          return nodeError() << "index " << index << " is out of range for "
                             << "a dimension of size " << dim;
        if (index < 0)
          index += dim;
        auto begin = data.data.begin() + (o * dim + index) * inner;
        result.data.insert(result.data.end(), begin, begin + inner);
      }
    setConstOutput(0, std::move(result));
    return success();
  }

  if (op == "Slice") {
    const ConstTensor &data = input(0);
    int64_t rank = data.shape.size();
    SmallVector<int64_t> starts, ends, axes, steps;
    auto ints = [](const ConstTensor &t) {
      SmallVector<int64_t> v;
      for (double d : t.data)
        v.push_back(static_cast<int64_t>(
            std::clamp(d, -9.0e18, 9.0e18))); // INT64_MAX ends stay huge
      return v;
    };
    if (opset < 10) {
      starts = getInts("starts");
      ends = getInts("ends");
      axes = getInts("axes");
    } else {
      if (!hasInput(1) || !hasInput(2))
        return nodeError() << "needs starts and ends";
      starts = ints(input(1));
      ends = ints(input(2));
      if (hasInput(3))
        axes = ints(input(3));
      if (hasInput(4))
        steps = ints(input(4));
    }
    if (axes.empty())
      axes = llvm::to_vector(llvm::seq<int64_t>(0, starts.size()));
    if (steps.empty())
      steps.assign(starts.size(), 1);
    if (ends.size() != starts.size() || axes.size() != starts.size() ||
        steps.size() != starts.size())
      return nodeError() << "starts, ends, axes and steps differ in length";
    FailureOr<SmallVector<int64_t>> normalized =
        normalizeAxes(axes, rank, /*sorted=*/false);
    if (failed(normalized))
      return failure();
    SmallVector<int64_t> begin(rank, 0), step(rank, 1);
    Shape shape(data.shape.begin(), data.shape.end());
    for (auto [i, axis] : llvm::enumerate(*normalized)) {
      int64_t dim = data.shape[axis], s = steps[i];
      if (s == 0)
        return nodeError() << "slice step 0";
      int64_t b = starts[i] < 0 ? starts[i] + dim : starts[i];
      int64_t e = ends[i] < 0 ? ends[i] + dim : ends[i];
      if (s > 0) {
        b = std::clamp<int64_t>(b, 0, dim);
        e = std::clamp<int64_t>(e, 0, dim);
        shape[axis] = std::max<int64_t>(0, (e - b + s - 1) / s);
      } else {
        b = std::clamp<int64_t>(b, 0, dim - 1);
        e = std::clamp<int64_t>(e, -1, dim - 1);
        shape[axis] = std::max<int64_t>(0, (b - e + (-s) - 1) / (-s));
      }
      begin[axis] = b;
      step[axis] = s;
    }
    SmallVector<int64_t> dataStrides = broadcastStrides(data.shape, data.shape);
    SmallVector<SmallVector<int64_t>> strides(1);
    int64_t base = 0;
    for (int64_t d = 0; d < rank; ++d) {
      int64_t stride = getNumElements(ArrayRef<int64_t>(data.shape).drop_front(d + 1));
      strides[0].push_back(stride * step[d]);
      base += begin[d] * stride;
    }
    (void)dataStrides;
    ConstTensor result{shape, data.isInteger,
                       std::vector<double>(getNumElements(shape))};
    forEachIndex(shape, strides, [&](int64_t flat, ArrayRef<int64_t> at) {
      result.data[flat] = data.data[base + at[0]];
    });
    setConstOutput(0, std::move(result));
    return success();
  }

  if (op == "ConstantOfShape") {
    Shape shape;
    for (double d : input(0).data) {
      if (d < 0)
        return nodeError() << "negative dimension " << d;
      shape.push_back(static_cast<int64_t>(d));
    }
    ConstTensor result{shape, false,
                       std::vector<double>(getNumElements(shape), 0.0)};
    if (const onnx::AttributeProto *value = findAttr("value")) {
      FailureOr<ConstTensor> fill = readTensor(value->t(), "ConstantOfShape value");
      if (failed(fill))
        return failure();
      if (fill->data.size() != 1)
        return nodeError() << "value must hold one element";
      result.isInteger = fill->isInteger;
      std::fill(result.data.begin(), result.data.end(), fill->data[0]);
    }
    setConstOutput(0, std::move(result));
    return success();
  }

  if (op == "Range") {
    double start = input(0).data.at(0), limit = input(1).data.at(0),
           delta = input(2).data.at(0);
    if (delta == 0)
      return nodeError() << "delta is 0";
    int64_t count =
        std::max<int64_t>(0, std::ceil((limit - start) / delta));
    ConstTensor result{{count}, input(0).isInteger, {}};
    for (int64_t i = 0; i < count; ++i)
      result.data.push_back(start + i * delta);
    setConstOutput(0, std::move(result));
    return success();
  }

  return nodeError() << "cannot be evaluated at compile time";
}

//===----------------------------------------------------------------------===//
// Driver
//===----------------------------------------------------------------------===//

LogicalResult Importer::importOutputs(func::FuncOp func) {
  node = nullptr;
  currentLoc = fileLoc;
  SmallVector<Value> results;
  SmallVector<Type> resultTypes;
  const onnx::GraphProto &graph = model.graph();
  if (graph.output_size() == 0) {
    fileError() << "the graph has no outputs";
    return failure();
  }
  for (const onnx::ValueInfoProto &output : graph.output()) {
    const std::string &name = output.name();
    if (poisoned.contains(name))
      return failure();
    Value value = values.lookup(name);
    if (!value) {
      auto it = constants.find(name);
      if (it == constants.end()) {
        fileError() << "graph output '" << name
                    << "' is produced by no node";
        return failure();
      }
      value = materialize(name, it->second);
    }
    // A static shape the exporter declared must agree with ours.
    ArrayRef<int64_t> shape = cast<RankedTensorType>(value.getType()).getShape();
    if (output.type().tensor_type().has_shape()) {
      const onnx::TensorShapeProto &declared =
          output.type().tensor_type().shape();
      bool agrees = declared.dim_size() == static_cast<int>(shape.size());
      for (int i = 0; agrees && i < declared.dim_size(); ++i)
        if (declared.dim(i).has_dim_value() &&
            declared.dim(i).dim_value() != shape[i])
          agrees = false;
      if (!agrees) {
        fileError() << "graph output '" << name
                    << "' is declared with another shape than the "
                       "computed "
                    << formatShape(shape);
        return failure();
      }
    }
    results.push_back(value);
    resultTypes.push_back(value.getType());
  }
  builder.create<func::ReturnOp>(fileLoc, results);
  func.setType(builder.getFunctionType(func.getArgumentTypes(), resultTypes));
  for (auto [i, output] : llvm::enumerate(graph.output()))
    func.setResultAttr(i, mnc::abi::kTensorNameAttr, builder.getStringAttr(output.name()));
  return success();
}

OwningOpRef<ModuleOp> Importer::run() {
  context.loadDialect<MncDialect, arith::ArithDialect, func::FuncDialect>();
  if (failed(readModel()) || failed(readOpset()))
    return nullptr;
  runChecker();
  if (failed(readInitializers()) || errorCount)
    return nullptr;

  const onnx::GraphProto &graph = model.graph();
  SmallVector<const onnx::ValueInfoProto *> inputs;
  for (const onnx::ValueInfoProto &input : graph.input())
    if (!constants.count(input.name()))
      inputs.push_back(&input);
  if (inputs.size() != 1) {
    InFlightDiagnostic diag = fileError();
    diag << "the model has " << inputs.size()
         << " graph inputs; exactly one is supported";
    for (const onnx::ValueInfoProto *input : inputs)
      diag << " '" << input->name() << "'";
    return nullptr;
  }
  FailureOr<RankedTensorType> inputType = readGraphInput(*inputs.front());
  if (failed(inputType))
    return nullptr;

  OwningOpRef<ModuleOp> module = ModuleOp::create(fileLoc);
  (*module)->setAttr(mnc::abi::kSourceAttr,
                     builder.getStringAttr(llvm::sys::path::filename(path)));
  (*module)->setAttr(mnc::abi::kOpsetAttr, builder.getI64IntegerAttr(opset));
  builder.setInsertionPointToEnd(module->getBody());
  auto func = builder.create<func::FuncOp>(
      fileLoc, mnc::abi::kEntryFunction, builder.getFunctionType({*inputType}, {}));
  func.setArgAttr(0, mnc::abi::kTensorNameAttr, builder.getStringAttr(inputs.front()->name()));
  builder.setInsertionPointToStart(func.addEntryBlock());
  values[inputs.front()->name()] = func.getArgument(0);

  reportUnsupportedOps();
  importNodes();
  if (errorCount || failed(importOutputs(func)) || errorCount)
    return nullptr;
  if (failed(verify(*module)))
    return nullptr;
  return module;
}

} // namespace

OwningOpRef<ModuleOp> mnc::importOnnxModel(StringRef path,
                                           const ImportOptions &options,
                                           MLIRContext &context) {
  return Importer(path, options, context).run();
}
