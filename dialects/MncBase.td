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
