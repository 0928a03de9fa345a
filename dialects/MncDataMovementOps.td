//===- MncDataMovementOps.td -------------------------------*- tablegen -*-===//
//
// Data movement: reshape, transpose, concatenation, padding. Included by
// MncOps.td, which defines Mnc_Tensor and Mnc_Op.
//
//===----------------------------------------------------------------------===//

#ifndef MNC_DATA_MOVEMENT_OPS_TD
#define MNC_DATA_MOVEMENT_OPS_TD

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
  let hasFolder = 1;
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

#endif // MNC_DATA_MOVEMENT_OPS_TD
