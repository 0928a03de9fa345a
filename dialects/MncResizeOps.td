//===- MncResizeOps.td - resize ----------------------------*- tablegen -*-===//
//
// Resize of H and W: nearest and bilinear interpolation, ONNX coordinate
// transforms. Included by MncOps.td, which defines Mnc_Tensor and Mnc_Op.
//
//===----------------------------------------------------------------------===//

#ifndef MNC_RESIZE_OPS_TD
#define MNC_RESIZE_OPS_TD

def Mnc_ResizeModeEnum : I32EnumAttr<"ResizeMode", "interpolation of mnc.resize", [
    I32EnumAttrCase<"Nearest", 0, "nearest">,
    I32EnumAttrCase<"Bilinear", 1, "bilinear">]> {
  let cppNamespace = "::mnc";
  let genSpecializedAttr = 0;
}

def Mnc_ResizeMode : EnumAttr<Mnc_Dialect, Mnc_ResizeModeEnum, "resize_mode"> {
  let assemblyFormat = "`<` $value `>`";
}

def Mnc_CoordinateTransformEnum : I32EnumAttr<"CoordinateTransform",
    "how output coordinates map to input coordinates (ONNX Resize)", [
    I32EnumAttrCase<"HalfPixel", 0, "half_pixel">,
    I32EnumAttrCase<"PytorchHalfPixel", 1, "pytorch_half_pixel">,
    I32EnumAttrCase<"AlignCorners", 2, "align_corners">,
    I32EnumAttrCase<"Asymmetric", 3, "asymmetric">,
    I32EnumAttrCase<"TfHalfPixelForNn", 4, "tf_half_pixel_for_nn">]> {
  let cppNamespace = "::mnc";
  let genSpecializedAttr = 0;
}

def Mnc_CoordinateTransform : EnumAttr<Mnc_Dialect, Mnc_CoordinateTransformEnum, "coordinate_transform"> {
  let assemblyFormat = "`<` $value `>`";
}

def Mnc_NearestRoundingEnum : I32EnumAttr<"NearestRounding",
    "how nearest mode rounds a fractional input coordinate", [
    I32EnumAttrCase<"RoundPreferFloor", 0, "round_prefer_floor">,
    I32EnumAttrCase<"RoundPreferCeil", 1, "round_prefer_ceil">,
    I32EnumAttrCase<"Floor", 2, "floor">,
    I32EnumAttrCase<"Ceil", 3, "ceil">]> {
  let cppNamespace = "::mnc";
  let genSpecializedAttr = 0;
}

def Mnc_NearestRounding : EnumAttr<Mnc_Dialect, Mnc_NearestRoundingEnum, "nearest_rounding"> {
  let assemblyFormat = "`<` $value `>`";
}

def Mnc_ResizeOp : Mnc_Op<"resize", [Pure]> {
  let summary = "resizes H and W of an NCHW tensor";
  let description = [{
    The output size is the result type's; `scale_h` and `scale_w` are the
    scales that map coordinates (output size / input size unless the model
    gave explicit scales). `nearest_rounding` matters in nearest mode only.
    `addend`, of the result's type, is added to the resized tensor (an FPN
    or segmentation head's upsample-and-add, fused by fuse-residual-add).
  }];
  let arguments = (ins
    Mnc_Tensor:$input,
    Optional<Mnc_Tensor>:$addend,
    Mnc_ResizeMode:$mode,
    Mnc_CoordinateTransform:$coordinate_transform,
    Mnc_NearestRounding:$nearest_rounding,
    F32Attr:$scale_h,
    F32Attr:$scale_w);
  let results = (outs Mnc_Tensor:$output);
  let assemblyFormat = [{
    $input (`addend` `(` $addend^ `)`)? attr-dict `:`
    functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

#endif // MNC_RESIZE_OPS_TD
