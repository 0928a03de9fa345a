//===- ModelReader.cpp - reading an ONNX model file -----------------------===//
//
// The only code that runs libonnx's checker, whose errors are C++
// exceptions: this library is built with exceptions (LLVM_REQUIRES_EH).
//
//===----------------------------------------------------------------------===//

#include "compiler/frontend/onnx/ModelReader.h"
#include "compiler/frontend/onnx/OnnxImporter.h"
#include "compiler/frontend/onnx/OpTable.h"


#include <onnx/checker.h>
#include <onnx/defs/schema.h>

#include <climits>

using namespace mlir;
using namespace mnc;
using namespace mnc::onnx_frontend;
using llvm::ArrayRef;
using llvm::StringRef;

LogicalResult mnc::onnx_frontend::parseModel(StringRef bytes,
                                             onnx::ModelProto &model,
                                             FileErrorFn fileError) {
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

FailureOr<int64_t>
mnc::onnx_frontend::readDefaultOpset(const onnx::ModelProto &model,
                                     FileErrorFn fileError) {
  int64_t opset = 0;
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
  return opset;
}

void mnc::onnx_frontend::runOnnxChecker(const onnx::ModelProto &model,
                                        StringRef path, int64_t opset,
                                        FileErrorFn fileError) {
  const auto &versions =
      onnx::OpSchemaRegistry::DomainToVersionRange::Instance().Map();
  auto known = versions.find(onnx::ONNX_DOMAIN);
  if (known == versions.end() || opset > known->second.second ||
      model.ir_version() > onnx::Version::IR_VERSION)
    return;
  try {
    // The checker given a path also checks external data files beside it;
    // a model from standard input has none (the importer refuses them).
    if (path == kStandardInputName)
      onnx::checker::check_model(model);
    else
      onnx::checker::check_model(path.str());
  } catch (const std::exception &e) {
    fileError() << "the ONNX checker rejects the model: " << e.what();
  }
}

LogicalResult mnc::onnx_frontend::readInitializers(
    const onnx::ModelProto &model, StringRef path,
    llvm::StringMap<ConstTensor> &constants, FileErrorFn fileError) {
  bool ok = true;
  for (const onnx::TensorProto &tensor : model.graph().initializer()) {
    FailureOr<ConstTensor> value = decodeTensor(
        tensor, "initializer '" + tensor.name() + "'", path, fileError);
    if (failed(value)) {
      ok = false;
      continue;
    }
    constants[tensor.name()] = std::move(*value);
  }
  return success(ok);
}

FailureOr<RankedTensorType> mnc::onnx_frontend::readGraphInput(
    const onnx::ValueInfoProto &info, ArrayRef<int64_t> given,
    MLIRContext &context, FileErrorFn fileError) {
  auto tensorType = [&](ArrayRef<int64_t> shape) {
    return RankedTensorType::get(shape, Float32Type::get(&context));
  };
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
