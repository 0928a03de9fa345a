//===- MncActivationOps.td - elementwise activations -------*- tablegen -*-===//
//
// Elementwise activations: the kinds of the activation attribute that
// convolutions and fully connected layers fuse, and one standalone operation
// per kind. A new activation is a kind here, an operation here, and its
// semantics in Activations.cpp. Included by MncOps.td, which defines
// Mnc_Tensor and Mnc_Op.
//
//===----------------------------------------------------------------------===//

#ifndef MNC_ACTIVATION_OPS_TD
#define MNC_ACTIVATION_OPS_TD

//===----------------------------------------------------------------------===//
// Activation attribute
//===----------------------------------------------------------------------===//

def Mnc_ActivationKind : I32EnumAttr<"ActivationKind", "fused activation", [
    I32EnumAttrCase<"None", 0, "none">,
    I32EnumAttrCase<"Relu", 1, "relu">,
    I32EnumAttrCase<"Clip", 2, "clip">,
    I32EnumAttrCase<"HardSigmoid", 3, "hardsigmoid">,
    I32EnumAttrCase<"HardSwish", 4, "hardswish">,
    I32EnumAttrCase<"Sigmoid", 5, "sigmoid">,
    I32EnumAttrCase<"LeakyRelu", 6, "leaky_relu">]> {
  let cppNamespace = "::mnc";
  let genSpecializedAttr = 0;
}

def Mnc_ActivationAttr : AttrDef<Mnc_Dialect, "Activation"> {
  let mnemonic = "activation";
  let summary = "an elementwise activation with its parameters";
  let description = [{
    `alpha` and `beta` are the parameters of the kinds that take any:
    - `clip`: y = min(max(x, alpha), beta) (alpha = min, beta = max);
    - `hardsigmoid`: y = max(0, min(1, alpha * x + beta));
    - `hardswish`: y = x * hardsigmoid(x) with the same alpha and beta
      (ONNX HardSwish is alpha = 1/6, beta = 0.5);
    - `leaky_relu`: y = x >= 0 ? x : alpha * x (beta stays zero).
    `none`, `relu` and `sigmoid` take none and keep them at zero.

    Syntax: `#mnc.activation<relu>`, `#mnc.activation<clip, 0.0, 6.0>`,
    `#mnc.activation<hardsigmoid, 0.2, 0.5>`.
  }];
  let parameters = (ins
    EnumParameter<Mnc_ActivationKind>:$kind,
    APFloatParameter<"first parameter (clip: min; others: alpha)">:$alpha,
    APFloatParameter<"second parameter (clip: max; hard*: beta)">:$beta);
  let builders = [
    AttrBuilder<(ins "ActivationKind":$kind, CArg<"float", "0.0f">:$alpha,
                     CArg<"float", "0.0f">:$beta), [{
      return $_get($_ctxt, kind, ::llvm::APFloat(alpha), ::llvm::APFloat(beta));
    }]>
  ];
  let extraClassDeclaration = [{
    /// Whether the kind takes alpha and beta.
    static bool hasParameters(ActivationKind kind);
    /// Whether `activation` changes nothing: absent (null) or `none`. Ops
    /// with an optional activation treat both alike.
    static bool isIdentity(ActivationAttr activation) {
      return !activation || activation.getKind() == ActivationKind::None;
    }
    float getAlphaValue() const { return getAlpha().convertToFloat(); }
    float getBetaValue() const { return getBeta().convertToFloat(); }
    /// Evaluates the activation on one value, in float as the generated code does.
    float apply(float x) const;
  }];
  let hasCustomAssemblyFormat = 1;
  let genVerifyDecl = 1;
}

//===----------------------------------------------------------------------===//
// Standalone activation operations (one per kind but none)
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

def Mnc_LeakyReluOp : Mnc_ActivationOp<"leaky_relu"> {
  let summary = "x >= 0 ? x : alpha * x";
  let description = [{
    ONNX LeakyRelu; its default alpha is 0.01.
  }];
  let arguments = (ins Mnc_Tensor:$input,
    DefaultValuedAttr<F32Attr, "0.01f">:$alpha);
}

#endif // MNC_ACTIVATION_OPS_TD
