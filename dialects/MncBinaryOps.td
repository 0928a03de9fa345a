//===- MncBinaryOps.td - elementwise binary operations -----*- tablegen -*-===//
//
// Elementwise binary operations with NumPy broadcasting. Included by MncOps.td,
// which defines Mnc_Tensor and Mnc_Op.
//
//===----------------------------------------------------------------------===//

#ifndef MNC_BINARY_OPS_TD
#define MNC_BINARY_OPS_TD

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

#endif // MNC_BINARY_OPS_TD
