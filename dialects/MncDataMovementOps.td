//===- MncDataMovementOps.td -------------------------------*- tablegen -*-===//
//
// Data movement: reshape, transpose, concatenation, padding, and the graph's
// input taken in another layout and element type. Included by MncOps.td,
// which defines Mnc_Tensor and Mnc_Op.
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

def Mnc_NormalizeInputOp : Mnc_Op<"normalize_input", [Pure]> {
  let summary = "the graph's input from a camera frame: layout, element type "
                "and per-channel normalization";
  let description = [{
    output[n, c, h, w] = (float(x) - mean[c]) / std[c], with x =
    input[n, h, w, c] when `channels_last` (interleaved channels, as a camera
    delivers a frame), else input[n, c, h, w]. An i8 input holds unsigned
    8-bit pixels (0 to 255): float(x) is their value. `mean` and `std` have
    one value per channel, in the input's units; std is positive.

    It stands between an entry-function argument that takes the frame and
    the NCHW float tensor the graph was built for (mnc-compile's
    --input-layout, --input-type, --mean and --std). fold-input-normalization
    moves 1 / std into a convolution that is its only user; a full
    convolution's kernel then reads the argument in place, subtracting the
    mean as it reads, and the op computes nothing.

    ```mlir
    %x = mnc.normalize_input %frame {channels_last,
           mean = array<f32: 123.675, 116.28, 103.53>,
           std = array<f32: 58.395, 57.12, 57.375>}
         : (tensor<1x224x224x3xi8>) -> tensor<1x3x224x224xf32>
    ```
  }];
  let arguments = (ins StaticShapeTensorOf<[I8, F32]>:$input,
                       DenseF32ArrayAttr:$mean, DenseF32ArrayAttr:$std,
                       UnitAttr:$channels_last);
  let results = (outs Mnc_Tensor:$output);
  let assemblyFormat = "$input attr-dict `:` functional-type(operands, results)";
  let extraClassDeclaration = [{
    /// Whether every mean is 0.
    bool hasZeroMean();
    /// Whether every std is 1.
    bool hasUnitStd();
  }];
  let hasVerifier = 1;
  let hasFolder = 1;
}

#endif // MNC_DATA_MOVEMENT_OPS_TD
