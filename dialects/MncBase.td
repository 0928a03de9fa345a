//===- MncBase.td - mnc dialect, attributes and interfaces -*- tablegen -*-===//
//
// The mnc dialect describes a MobileNetV3-style network at the tensor level.
// Tensors are ranked f32 in the ONNX (NCHW) layout; weights are arith.constant
// values. Layout decisions come later, in the lowering.
//
//===----------------------------------------------------------------------===//

#ifndef MNC_BASE_TD
#define MNC_BASE_TD

include "mlir/IR/AttrTypeBase.td"
include "mlir/IR/EnumAttr.td"
include "mlir/IR/OpBase.td"

def Mnc_Dialect : Dialect {
  let name = "mnc";
  let cppNamespace = "::mnc";
  let summary = "Tensor-level operations of MobileNetV3-style networks";
  let description = [{
    Operations mirror what ONNX exporters emit for MobileNetV3 (convolution,
    batch normalization, hard-swish and hard-sigmoid, squeeze-and-excite,
    pooling, fully connected layers) plus the fused forms that the fusion
    passes produce: a convolution carries an optional fused activation and an
    optional residual operand, and `mnc.squeeze_excite` is a whole SE block.
  }];
  let dependentDialects = ["::mlir::arith::ArithDialect"];
  let useDefaultAttributePrinterParser = 1;
  let hasConstantMaterializer = 0;
}

//===----------------------------------------------------------------------===//
// Activation attribute
//===----------------------------------------------------------------------===//

def Mnc_ActivationKind : I32EnumAttr<"ActivationKind", "fused activation", [
    I32EnumAttrCase<"None", 0, "none">,
    I32EnumAttrCase<"Relu", 1, "relu">,
    I32EnumAttrCase<"Clip", 2, "clip">,
    I32EnumAttrCase<"HardSigmoid", 3, "hardsigmoid">,
    I32EnumAttrCase<"HardSwish", 4, "hardswish">,
    I32EnumAttrCase<"Sigmoid", 5, "sigmoid">]> {
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
      (ONNX HardSwish is alpha = 1/6, beta = 0.5).
    `none`, `relu` and `sigmoid` take none and keep them at zero.

    Syntax: `#mnc.activation<relu>`, `#mnc.activation<clip, 0.0, 6.0>`,
    `#mnc.activation<hardsigmoid, 0.2, 0.5>`.
  }];
  let parameters = (ins
    EnumParameter<Mnc_ActivationKind>:$kind,
    APFloatParameter<"first parameter (clip: min; hard*: alpha)">:$alpha,
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
// Interfaces
//===----------------------------------------------------------------------===//

def Mnc_ActivationOpInterface : OpInterface<"ActivationOpInterface"> {
  let cppNamespace = "::mnc";
  let description = [{
    A standalone elementwise activation that a producer (convolution, fully
    connected layer) can absorb as its fused `activation` attribute.
  }];
  let methods = [
    InterfaceMethod<"The activation this op applies.",
      "::mnc::ActivationAttr", "getActivation">,
    InterfaceMethod<"The tensor the activation applies to.",
      "::mlir::Value", "getInput", (ins), [{ return $_op.getInput(); }]>,
  ];
}

#endif // MNC_BASE_TD
