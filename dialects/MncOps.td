//===- MncOps.td - mnc dialect operations ------------------*- tablegen -*-===//
//
// Every operation works on statically shaped f32 tensors. Image tensors are
// NCHW, weights follow ONNX: a conv filter is [C_out, C_in / groups, KH, KW],
// a fully connected weight is [N_out, K]. `pads` of 2-D windows are ONNX's
// [top, left, bottom, right].
//
//===----------------------------------------------------------------------===//

#ifndef MNC_OPS_TD
#define MNC_OPS_TD

include "dialects/MncBase.td"
include "mlir/Interfaces/InferTypeOpInterface.td"
include "mlir/Interfaces/SideEffectInterfaces.td"

def Mnc_Tensor : StaticShapeTensorOf<[F32]>;

class Mnc_Op<string mnemonic, list<Trait> traits = []>
    : Op<Mnc_Dialect, mnemonic, traits>;

// One file per family of operations: a new operation goes into its family's
// file, its verifier (if any) into MncOps.cpp.
include "dialects/MncActivationOps.td"
include "dialects/MncConvOps.td"
include "dialects/MncBinaryOps.td"
include "dialects/MncPoolingOps.td"
include "dialects/MncDataMovementOps.td"
include "dialects/MncResizeOps.td"

#endif // MNC_OPS_TD
