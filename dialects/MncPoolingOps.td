//===- MncPoolingOps.td - pooling, reductions, softmax -----*- tablegen -*-===//
//
// Pooling, reductions and softmax. Included by MncOps.td, which defines
// Mnc_Tensor and Mnc_Op.
//
//===----------------------------------------------------------------------===//

#ifndef MNC_POOLING_OPS_TD
#define MNC_POOLING_OPS_TD

def Mnc_GlobalAvgPoolOp : Mnc_Op<"global_avg_pool", [Pure]> {
  let summary = "mean over H and W: [N, C, H, W] -> [N, C, 1, 1]";
  let arguments = (ins Mnc_Tensor:$input);
  let results = (outs Mnc_Tensor:$output);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
  let hasVerifier = 1;
}

def Mnc_GlobalMaxPoolOp : Mnc_Op<"global_max_pool", [Pure]> {
  let summary = "maximum over H and W: [N, C, H, W] -> [N, C, 1, 1]";
  let arguments = (ins Mnc_Tensor:$input);
  let results = (outs Mnc_Tensor:$output);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
  let hasVerifier = 1;
}

def Mnc_AvgPoolOp : Mnc_Op<"avg_pool", [Pure]> {
  let summary = "2-D average pooling";
  let description = [{
    Window `(oh, ow)` reads input rows `oh * strides[0] - pads[0] + i *
    dilations[0]` for `i` in `[0, kernel[0])`, and the columns likewise
    (`pads` is [top, left, bottom, right]). The sum of the taps inside the
    input is divided by their number when `count_include_pad` is false, or
    by the number of taps inside the padded input when it is true; with
    `ceil_mode` a last window may reach past the end padding, and those taps
    count in neither (ONNX Runtime's rule). A fused `activation` applies to
    each mean.
  }];
  let arguments = (ins
    Mnc_Tensor:$input,
    DenseI64ArrayAttr:$kernel,
    DenseI64ArrayAttr:$strides,
    DenseI64ArrayAttr:$pads,
    DenseI64ArrayAttr:$dilations,
    BoolAttr:$ceil_mode,
    BoolAttr:$count_include_pad,
    OptionalAttr<Mnc_ActivationAttr>:$activation);
  let results = (outs Mnc_Tensor:$output);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
  let hasVerifier = 1;
}

def Mnc_MaxPoolOp : Mnc_Op<"max_pool", [Pure]> {
  let summary = "2-D max pooling";
  let description = [{
    The windows of `mnc.avg_pool`; the maximum of the taps inside the input
    (padding is never chosen; a window with no tap inside the input, which
    only dilations allow, yields the lowest finite float, as in ONNX
    Runtime). A fused `activation` may be `relu` or `clip`, which commute
    with the maximum: relu(max(x)) = max(0, x...) and clip(max(x), lo, hi) =
    max(lo, min(x, hi)...), so the kernel starts each window at the floor
    and clamps each tap (other activations would need a pass of their own,
    as the standalone op is).
  }];
  let arguments = (ins
    Mnc_Tensor:$input,
    DenseI64ArrayAttr:$kernel,
    DenseI64ArrayAttr:$strides,
    DenseI64ArrayAttr:$pads,
    DenseI64ArrayAttr:$dilations,
    BoolAttr:$ceil_mode,
    OptionalAttr<Mnc_ActivationAttr>:$activation);
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

#endif // MNC_POOLING_OPS_TD
