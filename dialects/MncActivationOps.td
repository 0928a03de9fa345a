//===- MncActivationOps.td - elementwise activations -------*- tablegen -*-===//
//
// Elementwise activations (each also an ActivationAttr kind convolutions fuse).
// Included by MncOps.td, which defines Mnc_Tensor and Mnc_Op.
//
//===----------------------------------------------------------------------===//

#ifndef MNC_ACTIVATION_OPS_TD
#define MNC_ACTIVATION_OPS_TD

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

#endif // MNC_ACTIVATION_OPS_TD
