//===- MncConvOps.td - convolution and matrix layers -------*- tablegen -*-===//
//
// Convolution and normalization, fully connected layers, squeeze-and-excite
// blocks. Included by MncOps.td, which defines Mnc_Tensor and Mnc_Op.
//
//===----------------------------------------------------------------------===//

#ifndef MNC_CONV_OPS_TD
#define MNC_CONV_OPS_TD

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
    /// Whether the groups hold several input channels or several output
    /// channels each (1 < groups, not depthwise): a channel multiplier or a
    /// grouped convolution.
    bool isGrouped();
  }];
  let hasVerifier = 1;
  let hasCanonicalizer = 1;
}

def Mnc_ConvTransposeOp : Mnc_Op<"conv_transpose", [Pure]> {
  let summary = "2-D transposed convolution with optional bias and fused activation";
  let description = [{
    output = activation(conv_transpose(input, filter) + bias), ONNX's
    ConvTranspose: `input` is [N, C, H, W], `filter` [C, F / groups, KH, KW],
    `bias` [F]. Each input pixel scatters its filter window, scaled, into
    the output at stride `strides`; `pads` [top, left, bottom, right] crop
    the full result and `output_padding` [h, w] extends it at the bottom
    and right.
  }];
  let arguments = (ins
    Mnc_Tensor:$input,
    Mnc_Tensor:$filter,
    Optional<Mnc_Tensor>:$bias,
    DenseI64ArrayAttr:$strides,
    DenseI64ArrayAttr:$pads,
    DenseI64ArrayAttr:$dilations,
    DenseI64ArrayAttr:$output_padding,
    ConfinedAttr<I64Attr, [IntMinValue<1>]>:$groups,
    OptionalAttr<Mnc_ActivationAttr>:$activation);
  let results = (outs Mnc_Tensor:$output);
  let assemblyFormat = [{
    $input `,` $filter (`bias` `(` $bias^ `)`)? attr-dict `:`
    functional-type(operands, results)
  }];
  let hasVerifier = 1;
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

def Mnc_BatchMatmulOp : Mnc_Op<"batch_matmul", [Pure]> {
  let summary = "output[b] = lhs[b] * rhs[b] for every batch index b";
  let description = [{
    `lhs` is [B..., M, K], `rhs` [B..., K, N] with the same batch
    dimensions; the result is [B..., M, N] (ONNX MatMul of two batched
    tensors).
  }];
  let arguments = (ins Mnc_Tensor:$lhs, Mnc_Tensor:$rhs);
  let results = (outs Mnc_Tensor:$output);
  let assemblyFormat = "$lhs `,` $rhs attr-dict `:` functional-type(operands, results)";
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

#endif // MNC_CONV_OPS_TD
