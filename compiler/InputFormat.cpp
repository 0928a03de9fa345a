//===- InputFormat.cpp - the input a library takes, when not the model's --===//

#include "compiler/InputFormat.h"

#include "dialects/MncAbi.h"
#include "dialects/MncOps.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/Diagnostics.h"
#include "llvm/ADT/StringExtras.h"

#include <cmath>
#include <cstdio>

using namespace mlir;

namespace {

/// An option's value split into the input it names (empty: none) and the
/// value. The name may itself contain '=': the value follows the last one.
std::pair<StringRef, StringRef> splitName(StringRef given) {
  auto [name, value] = given.rsplit('=');
  if (value.empty() && !given.ends_with("="))
    std::swap(name, value);
  return {name, value};
}

/// "--mean 'text'" or "--mean 'image=text'" (the option as given), for
/// messages.
std::string quoted(StringRef option, StringRef given) {
  return (option + " '" + given + "'").str();
}

llvm::Error error(const Twine &message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), message);
}

/// The format of input `name` in `formats`, created when missing.
mnc::InputFormat &formatOf(std::vector<mnc::InputFormat> &formats,
                           StringRef name) {
  for (mnc::InputFormat &format : formats)
    if (format.name == name)
      return format;
  formats.push_back({});
  formats.back().name = name.str();
  return formats.back();
}

/// The input an option applies to, for messages.
std::string inputDescription(StringRef name) {
  return name.empty() ? "the input" : ("input '" + name + "'").str();
}

/// `value` as printf's %g writes it.
std::string shortNumber(float value) {
  char text[32];
  std::snprintf(text, sizeof(text), "%g", double(value));
  return text;
}

/// Parses "a,b,c" into finite floats.
llvm::Expected<SmallVector<float>> parseValues(StringRef option,
                                               StringRef given,
                                               StringRef text) {
  SmallVector<StringRef> parts;
  text.split(parts, ',');
  SmallVector<float> values;
  for (StringRef part : parts) {
    double value;
    if (part.trim().getAsDouble(value) || !std::isfinite(value))
      return error(quoted(option, given) +
                   " is not a list of numbers like 123.675,116.28,103.53 "
                   "(one per channel), optionally after NAME=");
    values.push_back(static_cast<float>(value));
  }
  return values;
}

} // namespace

llvm::Expected<std::vector<mnc::InputFormat>>
mnc::parseInputFormats(const InputFormatArguments &arguments) {
  std::vector<InputFormat> formats;
  auto twice = [](StringRef option, StringRef name) {
    return error(option + " is given twice for " + inputDescription(name));
  };
  for (StringRef given : arguments.layouts) {
    auto [name, value] = splitName(given);
    if (value != "nchw" && value != "nhwc")
      return error(quoted("--input-layout", given) +
                   " is not nchw or nhwc (optionally after NAME=)");
    InputFormat &format = formatOf(formats, name);
    if (format.channelsLast)
      return twice("--input-layout", name);
    format.channelsLast = value == "nhwc";
  }
  for (StringRef given : arguments.types) {
    auto [name, value] = splitName(given);
    if (value != "float32" && value != "uint8")
      return error(quoted("--input-type", given) +
                   " is not float32 or uint8 (optionally after NAME=)");
    InputFormat &format = formatOf(formats, name);
    if (format.uint8)
      return twice("--input-type", name);
    format.uint8 = value == "uint8";
  }
  for (StringRef given : arguments.means) {
    auto [name, text] = splitName(given);
    llvm::Expected<SmallVector<float>> values =
        parseValues("--mean", given, text);
    if (!values)
      return values.takeError();
    InputFormat &format = formatOf(formats, name);
    if (!format.mean.empty())
      return twice("--mean", name);
    format.mean = std::move(*values);
  }
  for (StringRef given : arguments.stds) {
    auto [name, text] = splitName(given);
    llvm::Expected<SmallVector<float>> values =
        parseValues("--std", given, text);
    if (!values)
      return values.takeError();
    for (float value : *values)
      if (!(value > 0.0f))
        return error(quoted("--std", given) +
                     ": a standard deviation must be positive, got " +
                     shortNumber(value));
    InputFormat &format = formatOf(formats, name);
    if (!format.std.empty())
      return twice("--std", name);
    format.std = std::move(*values);
  }
  return formats;
}

namespace {

/// The options a format was given by, for messages: "--mean" or
/// "--input-layout/--input-type".
std::string optionsOf(const mnc::InputFormat &format) {
  SmallVector<StringRef> names;
  if (format.channelsLast)
    names.push_back("--input-layout");
  if (format.uint8)
    names.push_back("--input-type");
  if (!format.mean.empty())
    names.push_back("--mean");
  if (!format.std.empty())
    names.push_back("--std");
  return llvm::join(names, "/");
}

/// `shape` written 1x3x224x224.
std::string shapeText(ArrayRef<int64_t> shape) {
  return llvm::join(llvm::map_range(shape,
                                    [](int64_t dim) {
                                      return std::to_string(dim);
                                    }),
                    "x");
}

/// Merges `from` into `into` (two formats that name the same input, one by
/// its name, one without); fails when both set one option.
LogicalResult merge(mnc::InputFormat &into, const mnc::InputFormat &from,
                    MLIRContext *context, StringRef inputName) {
  auto clash = [&](StringRef option) {
    emitError(UnknownLoc::get(context))
        << option << " is given twice for input '" << inputName
        << "' (with and without its name)";
    return failure();
  };
  if (from.channelsLast) {
    if (into.channelsLast)
      return clash("--input-layout");
    into.channelsLast = from.channelsLast;
  }
  if (from.uint8) {
    if (into.uint8)
      return clash("--input-type");
    into.uint8 = from.uint8;
  }
  if (!from.mean.empty()) {
    if (!into.mean.empty())
      return clash("--mean");
    into.mean = from.mean;
  }
  if (!from.std.empty()) {
    if (!into.std.empty())
      return clash("--std");
    into.std = from.std;
  }
  return success();
}

} // namespace

LogicalResult mnc::applyInputFormats(ModuleOp module,
                                     ArrayRef<InputFormat> formats) {
  if (formats.empty())
    return success();
  MLIRContext *context = module.getContext();
  auto fail = [&]() { return emitError(UnknownLoc::get(context)); };
  auto main = module.lookupSymbol<func::FuncOp>(abi::kEntryFunction);
  if (!main || main.isExternal())
    return fail() << optionsOf(formats.front())
                  << ": the model has no entry function @"
                  << abi::kEntryFunction;
  unsigned numInputs = main.getNumArguments();
  auto nameOf = [&](unsigned index) -> std::string {
    if (auto name =
            main.getArgAttrOfType<StringAttr>(index, abi::kTensorNameAttr))
      return name.str();
    return "input" + std::to_string(index);
  };

  // Each format names an input; one without a name means the only input.
  SmallVector<std::optional<InputFormat>> byInput(numInputs);
  for (const InputFormat &format : formats) {
    std::optional<unsigned> index;
    if (format.name.empty()) {
      if (numInputs != 1) {
        InFlightDiagnostic diag = fail();
        diag << optionsOf(format) << " without a name, but the model has "
             << numInputs << " inputs; give NAME=VALUE for one of";
        for (unsigned i = 0; i < numInputs; ++i)
          diag << " '" << nameOf(i) << "'";
        return failure();
      }
      index = 0;
    } else {
      for (unsigned i = 0; i < numInputs; ++i)
        if (nameOf(i) == format.name)
          index = i;
      if (!index) {
        InFlightDiagnostic diag = fail();
        diag << optionsOf(format) << ": '" << format.name
             << "' is not a graph input; the inputs are";
        for (unsigned i = 0; i < numInputs; ++i)
          diag << " '" << nameOf(i) << "'";
        return failure();
      }
    }
    if (!byInput[*index])
      byInput[*index] = format;
    else if (failed(merge(*byInput[*index], format, context, nameOf(*index))))
      return failure();
  }

  OpBuilder builder(context);
  builder.setInsertionPointToStart(&main.getBody().front());
  SmallVector<Type> inputTypes(main.getArgumentTypes());
  for (unsigned index = 0; index < numInputs; ++index) {
    if (!byInput[index] || !byInput[index]->changesInput())
      continue;
    const InputFormat &format = *byInput[index];
    std::string name = nameOf(index);
    auto type = dyn_cast<RankedTensorType>(inputTypes[index]);
    if (!type || type.getRank() != 4 || !type.getElementType().isF32()) {
      InFlightDiagnostic diag = fail();
      diag << optionsOf(format) << ": input '" << name << "' is ";
      if (type && type.getElementType().isF32())
        diag << shapeText(type.getShape());
      else
        diag << inputTypes[index];
      diag << ", not a float image of 4 dimensions (N, C, H, W)";
      return failure();
    }
    ArrayRef<int64_t> shape = type.getShape();
    int64_t channels = shape[1];
    for (auto [option, values] : {std::pair<StringRef, ArrayRef<float>>{
                                      "--mean", format.mean},
                                  {"--std", format.std}})
      if (!values.empty() && static_cast<int64_t>(values.size()) != channels)
        return fail() << option << ": " << values.size() << " value"
                      << (values.size() == 1 ? "" : "s") << ", but input '"
                      << name << "' has " << channels << " channel"
                      << (channels == 1 ? "" : "s") << " (shape "
                      << shapeText(shape) << ")";

    bool channelsLast = format.channelsLast.value_or(false);
    SmallVector<int64_t> argumentShape(shape);
    if (channelsLast)
      argumentShape = {shape[0], shape[2], shape[3], shape[1]};
    Type elementType = format.uint8.value_or(false)
                           ? Type(builder.getI8Type())
                           : Type(builder.getF32Type());
    auto argumentType = RankedTensorType::get(argumentShape, elementType);
    SmallVector<float> mean(format.mean), deviation(format.std);
    mean.resize(channels, 0.0f);
    deviation.resize(channels, 1.0f);

    BlockArgument argument = main.getArgument(index);
    argument.setType(argumentType);
    inputTypes[index] = argumentType;
    auto normalized = builder.create<NormalizeInputOp>(
        argument.getLoc(), type, argument, ArrayRef<float>(mean),
        ArrayRef<float>(deviation), channelsLast);
    argument.replaceAllUsesExcept(normalized.getResult(), normalized);

    SmallVector<NamedAttribute> description = {builder.getNamedAttr(
        abi::kInputLayoutKey,
        builder.getStringAttr(channelsLast ? "nhwc" : "nchw"))};
    if (!format.mean.empty())
      description.push_back(builder.getNamedAttr(
          abi::kInputMeanKey, builder.getDenseF32ArrayAttr(format.mean)));
    if (!format.std.empty())
      description.push_back(builder.getNamedAttr(
          abi::kInputStdKey, builder.getDenseF32ArrayAttr(format.std)));
    main.setArgAttr(index, abi::kInputFormatAttr,
                    builder.getDictionaryAttr(description));
  }
  main.setFunctionType(
      builder.getFunctionType(inputTypes, main.getResultTypes()));
  return success();
}
