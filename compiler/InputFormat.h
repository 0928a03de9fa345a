//===- InputFormat.h - the input a library takes, when not the model's ----===//
//
// --input-layout, --input-type, --mean and --std: a library that takes a
// camera frame as it comes (interleaved 8-bit RGB, say) while the model
// still sees the NCHW float image it was trained on, (pixel - mean) / std
// per channel. The driver parses the options before anything else, and
// after the import rewrites the entry function: the argument takes the
// given layout and element type, and one `mnc.normalize_input` turns it into
// the tensor the graph reads (fold-input-normalization and the convolution
// kernel then fold that op into the first convolution).
//
//===----------------------------------------------------------------------===//

#ifndef MNC_COMPILER_INPUTFORMAT_H
#define MNC_COMPILER_INPUTFORMAT_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/Support/LogicalResult.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/Error.h"

#include <optional>
#include <string>
#include <vector>

namespace mnc {

/// How the library takes one input, from the options that name it (or name
/// no input: the model's only one). Unset fields keep the model's own.
struct InputFormat {
  /// The input's ONNX name; empty means the model's only input.
  std::string name;
  /// --input-layout: NHWC (true) or NCHW (false).
  std::optional<bool> channelsLast;
  /// --input-type: uint8 (true) or float32 (false).
  std::optional<bool> uint8;
  /// --mean and --std, one value per channel in the input's units; empty
  /// when not given (0 and 1).
  llvm::SmallVector<float> mean, std;

  /// Whether the library takes the input other than as the model's NCHW
  /// float tensor.
  bool changesInput() const {
    return channelsLast.value_or(false) || uint8.value_or(false) ||
           !mean.empty() || !std.empty();
  }
};

/// The values of the options, as given on the command line (each one
/// "[NAME=]VALUE", repeatable for several inputs).
struct InputFormatArguments {
  std::vector<std::string> layouts, types, means, stds;
};

/// Parses and checks the options on their own (before the model is read):
/// one format per input named, or one for the unnamed input. The error is
/// one line, without the tool's prefix.
llvm::Expected<std::vector<InputFormat>>
parseInputFormats(const InputFormatArguments &arguments);

/// Makes the entry function of `module` (mnc dialect, on the model's NCHW
/// f32 inputs) take each input as `formats` say: the argument gets the
/// layout and element type (uint8 as signless i8, read as unsigned), the
/// entry argument attribute abi::kInputFormatAttr describes it for the
/// header, and an `mnc.normalize_input` gives the graph its NCHW f32 tensor.
/// Fails, with one error each, on a name that is no input, on a format
/// without a name for a model of several inputs, on an input that is not a
/// 4-D f32 tensor and on a mean or std of another channel count.
mlir::LogicalResult applyInputFormats(mlir::ModuleOp module,
                                      llvm::ArrayRef<InputFormat> formats);

} // namespace mnc

#endif // MNC_COMPILER_INPUTFORMAT_H
