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

#endif // MNC_POOLING_OPS_TD
