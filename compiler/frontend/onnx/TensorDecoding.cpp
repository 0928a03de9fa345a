//===- TensorDecoding.cpp - ONNX TensorProto to ConstTensor ---------------===//
//
// Elements are held as doubles (see ConstTensor): each element type is read
// from raw_data or from its typed field and converted once, here.
//
//===----------------------------------------------------------------------===//

#include "compiler/frontend/onnx/TensorDecoding.h"
#include "compiler/frontend/onnx/OnnxImporter.h"

#include "llvm/ADT/APFloat.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

#include <cstring>

using namespace mlir;
using namespace mnc;
using namespace mnc::onnx_frontend;
using llvm::StringRef;

const char *mnc::onnx_frontend::elementTypeName(int32_t type) {
  return onnx::TensorProto_DataType_IsValid(type)
             ? onnx::TensorProto_DataType_Name(
                   static_cast<onnx::TensorProto_DataType>(type))
                   .c_str()
             : "UNKNOWN";
}

/// The bytes of `tensor`'s raw data: its raw_data field, or the range of its
/// external data file that `storage` then owns.
static LogicalResult readTensorBytes(const onnx::TensorProto &tensor,
                                     StringRef what, StringRef modelPath,
                                     FileErrorFn fileError,
                                     std::string &storage, StringRef &bytes) {
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
  // Only a path relative to the model: a model file must not make the
  // compiler read arbitrary files.
  if (location.empty() || llvm::sys::path::is_absolute(location)) {
    fileError() << what << " has external data without a relative location";
    return failure();
  }
  if (modelPath == kStandardInputName) {
    fileError() << what
                << " has external data, which a model read from standard "
                   "input cannot have (it has no directory): give the model "
                   "file's path";
    return failure();
  }
  llvm::SmallString<256> dataPath = llvm::sys::path::parent_path(modelPath);
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

FailureOr<ConstTensor>
mnc::onnx_frontend::decodeTensor(const onnx::TensorProto &tensor,
                                 StringRef what, StringRef modelPath,
                                 FileErrorFn fileError) {
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
  if (failed(readTensorBytes(tensor, what, modelPath, fileError, storage,
                             raw)))
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
