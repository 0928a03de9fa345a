//===- MncOps.td - mnc dialect operations ------------------*- tablegen -*-===//
//
// Every operation works on statically shaped f32 tensors. Image tensors are
// NCHW, weights follow ONNX: a conv filter is [C_out, C_in / groups, KH, KW],
// a fully connected weight is [N_out, K]. `pads` of 2-D windows are ONNX's
// [top, left, bottom, right].
//
//===----------------------------------------------------------------------===//

#ifndef MNC_OPS_TD
#define MNC_OPS_TD

include "dialects/MncBase.td"
include "mlir/Interfaces/InferTypeOpInterface.td"
include "mlir/Interfaces/SideEffectInterfaces.td"

def Mnc_Tensor : StaticShapeTensorOf<[F32]>;

class Mnc_Op<string mnemonic, list<Trait> traits = []>
    : Op<Mnc_Dialect, mnemonic, traits>;

//===----------------------------------------------------------------------===//
// Convolution and normalization
//===----------------------------------------------------------------------===//

def Mnc_Conv2dOp : Mnc_Op<"conv2d", [Pure, AttrSizedOperandSegments]> {
  let summary = "2-D convolution with optional bias, fused activation and residual";
  let description = [{
    output = activation(conv(input, filter) + bias) + residual

    `input` is [N, C_in, H, W], `filter` [C_out, C_in / groups, KH, KW],
    `bias` [C_out], `residual` has the result's type. The activation applies
    before the residual is added, as in MobileNetV3's blocks, whose
    projection convolutions have no activation.

    ```mlir
    %y = mnc.conv2d %x, %w bias(%b) {dilations = array<i64: 1, 1>, groups = 1 : i64,
           pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>,
           activation = #mnc.activation<hardswish, 0.166666672, 5.000000e-01>}
         : (tensor<1x3x224x224xf32>, tensor<16x3x3x3xf32>, tensor<16xf32>) -> tensor<1x16x112x112xf32>
    ```
  }];
  let arguments = (ins
    Mnc_Tensor:$input,
    Mnc_Tensor:$filter,
    Optional<Mnc_Tensor>:$bias,
    Optional<Mnc_Tensor>:$residual,
    DenseI64ArrayAttr:$strides,
    DenseI64ArrayAttr:$pads,
    DenseI64ArrayAttr:$dilations,
    ConfinedAttr<I64Attr, [IntMinValue<1>]>:$groups,
    OptionalAttr<Mnc_ActivationAttr>:$activation);
  let results = (outs Mnc_Tensor:$output);
  let assemblyFormat = [{
    $input `,` $filter (`bias` `(` $bias^ `)`)? (`residual` `(` $residual^ `)`)?
    attr-dict `:` functional-type(operands, results)
  }];
  let extraClassDeclaration = [{
    /// Whether every input channel feeds its own output channel group of one.
    bool isDepthwise();
  }];
  let hasVerifier = 1;
  let hasCanonicalizer = 1;
}

def Mnc_BatchNormOp : Mnc_Op<"batch_norm", [Pure]> {
  let summary = "inference-mode batch normalization over axis 1";
  let description = [{
    output = (input - mean) / sqrt(variance + epsilon) * scale + bias, with
    the [C] parameters broadcast along axis 1 of a rank >= 2 input.
  }];
  let arguments = (ins
    Mnc_Tensor:$input,
    Mnc_Tensor:$scale,
    Mnc_Tensor:$bias,
    Mnc_Tensor:$mean,
    Mnc_Tensor:$variance,
    F32Attr:$epsilon);
  let results = (outs Mnc_Tensor:$output);
  let assemblyFormat = [{
    $input `,` $scale `,` $bias `,` $mean `,` $variance attr-dict `:`
    functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

def Mnc_FullyConnectedOp : Mnc_Op<"fully_connected", [Pure]> {
  let summary = "output = activation(input * transpose(weight) + bias)";
  let description = [{
    `input` is [M, K], `weight` [N, K] (ONNX Gemm with transB = 1),
    `bias` [N]; the result is [M, N].
  }];
  let arguments = (ins
    Mnc_Tensor:$input,
    Mnc_Tensor:$weight,
    Optional<Mnc_Tensor>:$bias,
    OptionalAttr<Mnc_ActivationAttr>:$activation);
  let results = (outs Mnc_Tensor:$output);
  let assemblyFormat = [{
    $input `,` $weight (`bias` `(` $bias^ `)`)? attr-dict `:`
    functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

def Mnc_SqueezeExciteOp : Mnc_Op<"squeeze_excite", [Pure]> {
  let summary = "a whole squeeze-and-excite block";
  let description = [{
    s = mean over H, W of input                      ([N, C])
    t = reduce_activation(s * transpose(reduce_weight) + reduce_bias)   ([N, R])
    g = expand_activation(t * transpose(expand_weight) + expand_bias)   ([N, C])
    output = input * g, broadcast over H and W

    `reduce_weight` is [R, C], `expand_weight` [C, R], biases [R] and [C].
  }];
  let arguments = (ins
    Mnc_Tensor:$input,
    Mnc_Tensor:$reduce_weight,
    Mnc_Tensor:$reduce_bias,
    Mnc_Tensor:$expand_weight,
    Mnc_Tensor:$expand_bias,
    Mnc_ActivationAttr:$reduce_activation,
    Mnc_ActivationAttr:$expand_activation);
  let results = (outs Mnc_Tensor:$output);
  let assemblyFormat = [{
    $input `,` $reduce_weight `,` $reduce_bias `,` $expand_weight `,`
    $expand_bias attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Elementwise activations
//===----------------------------------------------------------------------===//

class Mnc_ActivationOp<string mnemonic, list<Trait> traits = []>
    : Mnc_Op<mnemonic, traits # [Pure, Elementwise, SameOperandsAndResultType,
        DeclareOpInterfaceMethods<Mnc_ActivationOpInterface>]> {
  let results = (outs Mnc_Tensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($output)";
}

def Mnc_ReluOp : Mnc_ActivationOp<"relu"> {
  let summary = "max(x, 0)";
  let arguments = (ins Mnc_Tensor:$input);
}

def Mnc_ClipOp : Mnc_ActivationOp<"clip"> {
  let summary = "min(max(x, min), max); relu6 is clip 0, 6";
  let arguments = (ins Mnc_Tensor:$input, F32Attr:$min, F32Attr:$max);
  let hasVerifier = 1;
}

def Mnc_HardSigmoidOp : Mnc_ActivationOp<"hardsigmoid"> {
  let summary = "max(0, min(1, alpha * x + beta))";
  let description = [{
    torch exports alpha = 1/6, beta = 0.5; PaddlePaddle uses alpha = 0.2.
  }];
  let arguments = (ins Mnc_Tensor:$input, F32Attr:$alpha, F32Attr:$beta);
}

def Mnc_HardSwishOp : Mnc_ActivationOp<"hardswish"> {
  let summary = "x * max(0, min(1, alpha * x + beta))";
  let description = [{
    ONNX HardSwish is alpha = 1/6, beta = 0.5, the defaults here.
  }];
  let arguments = (ins Mnc_Tensor:$input,
    DefaultValuedAttr<F32Attr, "1.0f / 6.0f">:$alpha,
    DefaultValuedAttr<F32Attr, "0.5f">:$beta);
}

def Mnc_SigmoidOp : Mnc_ActivationOp<"sigmoid"> {
  let summary = "1 / (1 + exp(-x))";
  let arguments = (ins Mnc_Tensor:$input);
}

//===----------------------------------------------------------------------===//
// Elementwise binary operations with NumPy broadcasting
//===----------------------------------------------------------------------===//

class Mnc_BinaryOp<string mnemonic, list<Trait> traits = []>
    : Mnc_Op<mnemonic, traits # [Pure]> {
  let arguments = (ins Mnc_Tensor:$lhs, Mnc_Tensor:$rhs);
  let results = (outs Mnc_Tensor:$output);
  let assemblyFormat = [{
    $lhs `,` $rhs attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

def Mnc_AddOp : Mnc_BinaryOp<"add", [Commutative]> {
  let summary = "lhs + rhs, broadcast";
}
def Mnc_SubOp : Mnc_BinaryOp<"sub"> {
  let summary = "lhs - rhs, broadcast";
}
def Mnc_MulOp : Mnc_BinaryOp<"mul", [Commutative]> {
  let summary = "lhs * rhs, broadcast";
}
def Mnc_DivOp : Mnc_BinaryOp<"div"> {
  let summary = "lhs / rhs, broadcast";
}

//===----------------------------------------------------------------------===//
// Pooling and reductions
//===----------------------------------------------------------------------===//

def Mnc_GlobalAvgPoolOp : Mnc_Op<"global_avg_pool", [Pure]> {
  let summary = "mean over H and W: [N, C, H, W] -> [N, C, 1, 1]";
  let arguments = (ins Mnc_Tensor:$input);
  let results = (outs Mnc_Tensor:$output);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
  let hasVerifier = 1;
}

def Mnc_AvgPoolOp : Mnc_Op<"avg_pool", [Pure]> {
  let summary = "2-D average pooling";
  let description = [{
    With `count_include_pad` false, a window's mean divides by the number of
    its elements inside the input; with it true, by the whole kernel size.
  }];
  let arguments = (ins
    Mnc_Tensor:$input,
    DenseI64ArrayAttr:$kernel,
    DenseI64ArrayAttr:$strides,
    DenseI64ArrayAttr:$pads,
    BoolAttr:$ceil_mode,
    BoolAttr:$count_include_pad);
  let results = (outs Mnc_Tensor:$output);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
  let hasVerifier = 1;
}

def Mnc_ReduceMeanOp : Mnc_Op<"reduce_mean", [Pure]> {
  let summary = "mean over `axes` (sorted, non-negative, unique)";
  let arguments = (ins
    Mnc_Tensor:$input,
    DenseI64ArrayAttr:$axes,
    BoolAttr:$keepdims);
  let results = (outs Mnc_Tensor:$output);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
  let hasVerifier = 1;
  let hasCanonicalizer = 1;
}

def Mnc_SoftmaxOp : Mnc_Op<"softmax", [Pure, SameOperandsAndResultType]> {
  let summary = "softmax along one axis";
  let arguments = (ins Mnc_Tensor:$input, I64Attr:$axis);
  let results = (outs Mnc_Tensor:$output);
  let assemblyFormat = "$input attr-dict `:` type($output)";
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Data movement
//===----------------------------------------------------------------------===//

def Mnc_ReshapeOp : Mnc_Op<"reshape", [Pure]> {
  let summary = "reinterprets the elements, in row-major order, in a new shape";
  let description = [{
    Flatten, Reshape, Squeeze and Unsqueeze all import as this op.
  }];
  let arguments = (ins Mnc_Tensor:$input);
  let results = (outs Mnc_Tensor:$output);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
  let hasVerifier = 1;
  let hasFolder = 1;
}

def Mnc_TransposeOp : Mnc_Op<"transpose", [Pure]> {
  let summary = "output dimension i is input dimension perm[i]";
  let arguments = (ins Mnc_Tensor:$input, DenseI64ArrayAttr:$perm);
  let results = (outs Mnc_Tensor:$output);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
  let hasVerifier = 1;
}

def Mnc_ConcatOp : Mnc_Op<"concat", [Pure]> {
  let summary = "concatenation along `axis`";
  let arguments = (ins Variadic<Mnc_Tensor>:$inputs, I64Attr:$axis);
  let results = (outs Mnc_Tensor:$output);
  let assemblyFormat = "$inputs attr-dict `:` functional-type(operands, results)";
  let hasVerifier = 1;
}

def Mnc_PadOp : Mnc_Op<"pad", [Pure]> {
  let summary = "pads with a constant value";
  let description = [{
    `pads` is ONNX's [begin_0, ..., begin_r-1, end_0, ..., end_r-1], all
    non-negative.
  }];
  let arguments = (ins Mnc_Tensor:$input, DenseI64ArrayAttr:$pads,
                       F32Attr:$value);
  let results = (outs Mnc_Tensor:$output);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
  let hasVerifier = 1;
}

def Mnc_ResizeModeEnum : I32EnumAttr<"ResizeMode", "interpolation of mnc.resize", [
    I32EnumAttrCase<"Nearest", 0, "nearest">,
    I32EnumAttrCase<"Bilinear", 1, "bilinear">]> {
  let cppNamespace = "::mnc";
  let genSpecializedAttr = 0;
}

def Mnc_ResizeMode : EnumAttr<Mnc_Dialect, Mnc_ResizeModeEnum, "resize_mode"> {
  let assemblyFormat = "`<` $value `>`";
}

def Mnc_CoordinateTransformEnum : I32EnumAttr<"CoordinateTransform",
    "how output coordinates map to input coordinates (ONNX Resize)", [
    I32EnumAttrCase<"HalfPixel", 0, "half_pixel">,
    I32EnumAttrCase<"PytorchHalfPixel", 1, "pytorch_half_pixel">,
    I32EnumAttrCase<"AlignCorners", 2, "align_corners">,
    I32EnumAttrCase<"Asymmetric", 3, "asymmetric">]> {
  let cppNamespace = "::mnc";
  let genSpecializedAttr = 0;
}

def Mnc_CoordinateTransform : EnumAttr<Mnc_Dialect, Mnc_CoordinateTransformEnum, "coordinate_transform"> {
  let assemblyFormat = "`<` $value `>`";
}

def Mnc_NearestRoundingEnum : I32EnumAttr<"NearestRounding",
    "how nearest mode rounds a fractional input coordinate", [
    I32EnumAttrCase<"RoundPreferFloor", 0, "round_prefer_floor">,
    I32EnumAttrCase<"RoundPreferCeil", 1, "round_prefer_ceil">,
    I32EnumAttrCase<"Floor", 2, "floor">,
    I32EnumAttrCase<"Ceil", 3, "ceil">]> {
  let cppNamespace = "::mnc";
  let genSpecializedAttr = 0;
}

def Mnc_NearestRounding : EnumAttr<Mnc_Dialect, Mnc_NearestRoundingEnum, "nearest_rounding"> {
  let assemblyFormat = "`<` $value `>`";
}

def Mnc_ResizeOp : Mnc_Op<"resize", [Pure]> {
  let summary = "resizes H and W of an NCHW tensor";
  let description = [{
    The output size is the result type's; `scale_h` and `scale_w` are the
    scales that map coordinates (output size / input size unless the model
    gave explicit scales). `nearest_rounding` matters in nearest mode only.
  }];
  let arguments = (ins
    Mnc_Tensor:$input,
    Mnc_ResizeMode:$mode,
    Mnc_CoordinateTransform:$coordinate_transform,
    Mnc_NearestRounding:$nearest_rounding,
    F32Attr:$scale_h,
    F32Attr:$scale_w);
  let results = (outs Mnc_Tensor:$output);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
  let hasVerifier = 1;
}

#endif // MNC_OPS_TD
