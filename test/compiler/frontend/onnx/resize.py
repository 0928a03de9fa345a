# Resize becomes mnc.resize. The output size is floor(in * scale) with scales,
# or the sizes given; scale_h and scale_w are the given scales, or
# out / in with sizes. Input [1, 2, 3, 4].
#
# Opset 13, linear, half_pixel (the default), scales [1, 1, 2, 2], no roi.
# RUN: %python %s %t.lin.onnx 13 linear && mnc-compile %t.lin.onnx --emit=mnc | FileCheck %s --check-prefix=LINEAR
# Opset 13, nearest (default round_prefer_floor), sizes [1, 2, 5, 7]:
# scales 5 / 3 and 7 / 4.
# RUN: %python %s %t.sz.onnx 13 nearest-sizes && mnc-compile %t.sz.onnx --emit=mnc | FileCheck %s --check-prefix=SIZES
# Opset 13, linear align_corners, scales [1, 1, 2, 3] -> [1, 2, 6, 12].
# RUN: %python %s %t.ac.onnx 13 align-corners && mnc-compile %t.ac.onnx --emit=mnc | FileCheck %s --check-prefix=ALIGN
# Opset 13, nearest asymmetric floor (torch's nn.Upsample(mode="nearest")).
# RUN: %python %s %t.as.onnx 13 asymmetric && mnc-compile %t.as.onnx --emit=mnc | FileCheck %s --check-prefix=ASYM
# Opset 13, pytorch_half_pixel with round_prefer_ceil, downscaling by
# [0.5, 0.6]: floor(3 * 0.5) = 1, floor(4 * 0.6) = 2.
# RUN: %python %s %t.dn.onnx 13 down && mnc-compile %t.dn.onnx --emit=mnc | FileCheck %s --check-prefix=DOWN
# Opset 11 as torch exports it: roi and scales are empty constants, sizes given.
# RUN: %python %s %t.11.onnx 11 torch11 && mnc-compile %t.11.onnx --emit=mnc | FileCheck %s --check-prefix=TORCH11
# Opset 10: inputs (X, scales); the only coordinate mapping is asymmetric and
# nearest rounds as Upsample did (floor when enlarging, ceil when shrinking,
# as in ONNX Runtime).
# RUN: %python %s %t.10n.onnx 10 nearest && mnc-compile %t.10n.onnx --emit=mnc | FileCheck %s --check-prefix=OPSET10
# RUN: %python %s %t.10d.onnx 10 nearest-down && mnc-compile %t.10d.onnx --emit=mnc | FileCheck %s --check-prefix=OPSET10DOWN
# RUN: %python %s %t.10l.onnx 10 linear && mnc-compile %t.10l.onnx --emit=mnc | FileCheck %s --check-prefix=OPSET10LIN
# Opset 13, nearest tf_half_pixel_for_nn with ceil.
# RUN: %python %s %t.tf.onnx 13 tf-nn && mnc-compile %t.tf.onnx --emit=mnc | FileCheck %s --check-prefix=TFNN
# Opset 18, axes [3, 2]: scales [3, 2] give W x3 and H x2.
# RUN: %python %s %t.ax.onnx 18 axes-scales && mnc-compile %t.ax.onnx --emit=mnc | FileCheck %s --check-prefix=AXES
# Opset 18, axes [-1] with sizes [10]: only W changes (scale 10 / 4).
# RUN: %python %s %t.axs.onnx 18 axes-sizes && mnc-compile %t.axs.onnx --emit=mnc | FileCheck %s --check-prefix=AXSIZES
# Opset 18, keep_aspect_ratio_policy on axes [2, 3] with sizes [7, 12]:
# not_larger scales both by min(7/3, 12/4) = 7/3 (4 * 7/3 = 9.33 -> 9);
# not_smaller by max = 3 (-> 9 x 12).
# RUN: %python %s %t.nl.onnx 18 not-larger && mnc-compile %t.nl.onnx --emit=mnc | FileCheck %s --check-prefix=NOTLARGER
# RUN: %python %s %t.ns.onnx 18 not-smaller && mnc-compile %t.ns.onnx --emit=mnc | FileCheck %s --check-prefix=NOTSMALLER

import sys

import numpy as np

from onnx_testlib import check, make_single_op_model, save

opset, variant = int(sys.argv[2]), sys.argv[3]
f32 = lambda v: np.array(v, np.float32)
attrs, inits, inputs = {}, {}, None
if variant == "linear":
    attrs["mode"] = "linear"
    inits["scales"] = f32([1, 1, 2, 2]) if opset >= 11 else None
    out = [1, 2, 6, 8]
    inputs = ["x", "", "scales"] if opset >= 11 else None
    if opset < 11:
        inits["scales"] = f32([1, 1, 2, 2])
elif variant == "nearest-sizes":
    inits["sizes"] = np.array([1, 2, 5, 7], np.int64)
    inputs, out = ["x", "", "", "sizes"], [1, 2, 5, 7]
elif variant == "align-corners":
    attrs.update(mode="linear", coordinate_transformation_mode="align_corners")
    inits["scales"] = f32([1, 1, 2, 3])
    inputs, out = ["x", "", "scales"], [1, 2, 6, 12]
elif variant == "asymmetric":
    attrs.update(mode="nearest", coordinate_transformation_mode="asymmetric",
                 nearest_mode="floor")
    inits["scales"] = f32([1, 1, 2, 2])
    inputs, out = ["x", "", "scales"], [1, 2, 6, 8]
elif variant == "down":
    attrs.update(coordinate_transformation_mode="pytorch_half_pixel",
                 nearest_mode="round_prefer_ceil")
    inits["scales"] = f32([1, 1, 0.5, 0.6])
    inputs, out = ["x", "", "scales"], [1, 2, 1, 2]
elif variant == "torch11":
    attrs.update(mode="nearest", coordinate_transformation_mode="asymmetric",
                 nearest_mode="floor")
    inits = {"roi": f32([]), "scales": f32([]),
             "sizes": np.array([1, 2, 6, 8], np.int64)}
    out = [1, 2, 6, 8]
elif variant == "nearest":
    # Opset 10, scale 3 in H (where rounding and floor differ).
    inits["scales"] = f32([1, 1, 3, 2])
    out = [1, 2, 9, 8]
elif variant == "nearest-down":
    inits["scales"] = f32([1, 1, 0.5, 0.5])
    out = [1, 2, 1, 2]
elif variant == "tf-nn":
    attrs.update(coordinate_transformation_mode="tf_half_pixel_for_nn",
                 nearest_mode="ceil")
    inits["scales"] = f32([1, 1, 2, 2])
    inputs, out = ["x", "", "scales"], [1, 2, 6, 8]
elif variant == "axes-scales":
    attrs["axes"] = [3, 2]
    inits["scales"] = f32([3, 2])
    inputs, out = ["x", "", "scales"], [1, 2, 6, 12]
elif variant == "axes-sizes":
    attrs.update(axes=[-1], mode="linear")
    inits["sizes"] = np.array([10], np.int64)
    inputs, out = ["x", "", "", "sizes"], [1, 2, 3, 10]
elif variant in ("not-larger", "not-smaller"):
    attrs.update(axes=[2, 3], keep_aspect_ratio_policy=variant.replace("-", "_"))
    inits["sizes"] = np.array([7, 12], np.int64)
    inputs = ["x", "", "", "sizes"]
    out = [1, 2, 7, 9] if variant == "not-larger" else [1, 2, 9, 12]
model = make_single_op_model(
    "Resize", [("x", "float32", [1, 2, 3, 4])], [("y", "float32", out)],
    attrs=attrs, initializers={k: v for k, v in inits.items() if v is not None},
    node_inputs=inputs, opset=opset)
# libonnx 1.12's checker knows opsets up to 17.
save(check(model) if opset <= 17 else model, sys.argv[1])

# LINEAR-LABEL: func.func @main(%arg0: tensor<1x2x3x4xf32> {mnc.name = "x"}) -> (tensor<1x2x6x8xf32> {mnc.name = "y"})
# LINEAR-NEXT:  %[[Y:.*]] = mnc.resize %arg0 {coordinate_transform = #mnc.coordinate_transform<half_pixel>, mode = #mnc.resize_mode<bilinear>, nearest_rounding = #mnc.nearest_rounding<round_prefer_floor>, scale_h = 2.000000e+00 : f32, scale_w = 2.000000e+00 : f32} : (tensor<1x2x3x4xf32>) -> tensor<1x2x6x8xf32>
# LINEAR-NEXT:  return %[[Y]] : tensor<1x2x6x8xf32>

# SIZES-LABEL: func.func @main(%arg0: tensor<1x2x3x4xf32> {mnc.name = "x"}) -> (tensor<1x2x5x7xf32> {mnc.name = "y"})
# SIZES-NEXT:  mnc.resize %arg0 {coordinate_transform = #mnc.coordinate_transform<half_pixel>, mode = #mnc.resize_mode<nearest>, nearest_rounding = #mnc.nearest_rounding<round_prefer_floor>, scale_h = 1.66666663 : f32, scale_w = 1.750000e+00 : f32} : (tensor<1x2x3x4xf32>) -> tensor<1x2x5x7xf32>

# ALIGN-LABEL: func.func @main
# ALIGN-NEXT:  mnc.resize %arg0 {coordinate_transform = #mnc.coordinate_transform<align_corners>, mode = #mnc.resize_mode<bilinear>, nearest_rounding = #mnc.nearest_rounding<round_prefer_floor>, scale_h = 2.000000e+00 : f32, scale_w = 3.000000e+00 : f32} : (tensor<1x2x3x4xf32>) -> tensor<1x2x6x12xf32>

# ASYM-LABEL: func.func @main
# ASYM-NEXT:  mnc.resize %arg0 {coordinate_transform = #mnc.coordinate_transform<asymmetric>, mode = #mnc.resize_mode<nearest>, nearest_rounding = #mnc.nearest_rounding<floor>, scale_h = 2.000000e+00 : f32, scale_w = 2.000000e+00 : f32} : (tensor<1x2x3x4xf32>) -> tensor<1x2x6x8xf32>

# DOWN-LABEL: func.func @main
# DOWN-NEXT:  mnc.resize %arg0 {coordinate_transform = #mnc.coordinate_transform<pytorch_half_pixel>, mode = #mnc.resize_mode<nearest>, nearest_rounding = #mnc.nearest_rounding<round_prefer_ceil>, scale_h = 5.000000e-01 : f32, scale_w = 6.000000e-01 : f32} : (tensor<1x2x3x4xf32>) -> tensor<1x2x1x2xf32>

# TORCH11-LABEL: func.func @main
# TORCH11-NEXT:  mnc.resize %arg0 {coordinate_transform = #mnc.coordinate_transform<asymmetric>, mode = #mnc.resize_mode<nearest>, nearest_rounding = #mnc.nearest_rounding<floor>, scale_h = 2.000000e+00 : f32, scale_w = 2.000000e+00 : f32} : (tensor<1x2x3x4xf32>) -> tensor<1x2x6x8xf32>

# OPSET10-LABEL: func.func @main
# OPSET10-NEXT:  mnc.resize %arg0 {coordinate_transform = #mnc.coordinate_transform<asymmetric>, mode = #mnc.resize_mode<nearest>, nearest_rounding = #mnc.nearest_rounding<floor>, scale_h = 3.000000e+00 : f32, scale_w = 2.000000e+00 : f32} : (tensor<1x2x3x4xf32>) -> tensor<1x2x9x8xf32>

# OPSET10DOWN-LABEL: func.func @main
# OPSET10DOWN-NEXT:  mnc.resize %arg0 {coordinate_transform = #mnc.coordinate_transform<asymmetric>, mode = #mnc.resize_mode<nearest>, nearest_rounding = #mnc.nearest_rounding<ceil>, scale_h = 5.000000e-01 : f32, scale_w = 5.000000e-01 : f32} : (tensor<1x2x3x4xf32>) -> tensor<1x2x1x2xf32>

# OPSET10LIN-LABEL: func.func @main
# OPSET10LIN-NEXT:  mnc.resize %arg0 {coordinate_transform = #mnc.coordinate_transform<asymmetric>, mode = #mnc.resize_mode<bilinear>, nearest_rounding = #mnc.nearest_rounding<round_prefer_floor>, scale_h = 2.000000e+00 : f32, scale_w = 2.000000e+00 : f32} : (tensor<1x2x3x4xf32>) -> tensor<1x2x6x8xf32>

# TFNN-LABEL: func.func @main
# TFNN-NEXT:  mnc.resize %arg0 {coordinate_transform = #mnc.coordinate_transform<tf_half_pixel_for_nn>, mode = #mnc.resize_mode<nearest>, nearest_rounding = #mnc.nearest_rounding<ceil>, scale_h = 2.000000e+00 : f32, scale_w = 2.000000e+00 : f32} : (tensor<1x2x3x4xf32>) -> tensor<1x2x6x8xf32>

# AXES-LABEL: func.func @main
# AXES-NEXT:  mnc.resize %arg0 {{.*}}scale_h = 2.000000e+00 : f32, scale_w = 3.000000e+00 : f32} : (tensor<1x2x3x4xf32>) -> tensor<1x2x6x12xf32>

# AXSIZES-LABEL: func.func @main
# AXSIZES-NEXT:  mnc.resize %arg0 {{.*}}mode = #mnc.resize_mode<bilinear>, {{.*}}scale_h = 1.000000e+00 : f32, scale_w = 2.500000e+00 : f32} : (tensor<1x2x3x4xf32>) -> tensor<1x2x3x10xf32>

# NOTLARGER-LABEL: func.func @main
# NOTLARGER-NEXT:  mnc.resize %arg0 {{.*}}scale_h = 2.33333325 : f32, scale_w = 2.33333325 : f32} : (tensor<1x2x3x4xf32>) -> tensor<1x2x7x9xf32>

# NOTSMALLER-LABEL: func.func @main
# NOTSMALLER-NEXT:  mnc.resize %arg0 {{.*}}scale_h = 3.000000e+00 : f32, scale_w = 3.000000e+00 : f32} : (tensor<1x2x3x4xf32>) -> tensor<1x2x9x12xf32>
