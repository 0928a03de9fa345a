# Upsample (opsets 7 to 9) becomes mnc.resize with asymmetric coordinates, as
# Resize-10: nearest truncates the source coordinate when enlarging and rounds
# it up when shrinking; linear is bilinear. Opsets 7 and 8 give the scales as
# an attribute, opset 9 as an input. Input [1, 2, 3, 4].
# RUN: %python %s %t.7.onnx 7 nearest 1,1,2,3 && mnc-compile %t.7.onnx --emit=mnc | FileCheck %s --check-prefix=NEAREST7
# RUN: %python %s %t.8.onnx 8 linear 1,1,2,2 && mnc-compile %t.8.onnx --emit=mnc | FileCheck %s --check-prefix=LINEAR8
# RUN: %python %s %t.9.onnx 9 nearest 1,1,0.5,0.5 && mnc-compile %t.9.onnx --emit=mnc | FileCheck %s --check-prefix=DOWN9
# RUN: %python %s %t.9l.onnx 9 linear 1,1,1.5,2.5 && mnc-compile %t.9l.onnx --emit=mnc | FileCheck %s --check-prefix=LINEAR9
# Refused, one line each: Upsample is deprecated from opset 10 (Resize
# replaces it; the ONNX checker says so up to opset 17, the op table beyond), resizing C, a scales attribute of the wrong length, scales
# computed at run time, and a nearest upsample that enlarges H but shrinks W
# (one rounding cannot do both).
# RUN: %python %s %t.18.onnx 18 nearest 1,1,2,2 && not mnc-compile %t.18.onnx --emit=mnc 2>&1 | FileCheck %s -DFILE=%t.18.onnx --check-prefix=OPSET18
# RUN: %python %s %t.c.onnx 9 nearest 1,2,2,2 && not mnc-compile %t.c.onnx --emit=mnc 2>&1 | FileCheck %s -DFILE=%t.c.onnx --check-prefix=CHANNELS
# RUN: %python %s %t.len.onnx 7 nearest 2,2 && not mnc-compile %t.len.onnx --emit=mnc 2>&1 | FileCheck %s -DFILE=%t.len.onnx --check-prefix=LENGTH
# RUN: %python %s %t.rt.onnx 9 nearest runtime && not mnc-compile %t.rt.onnx --emit=mnc 2>&1 | FileCheck %s -DFILE=%t.rt.onnx --check-prefix=RUNTIME
# RUN: %python %s %t.mix.onnx 9 nearest 1,1,2,0.5 && not mnc-compile %t.mix.onnx --emit=mnc 2>&1 | FileCheck %s -DFILE=%t.mix.onnx --check-prefix=MIXED

import math
import sys

import numpy as np

from onnx_testlib import make_single_op_model, save

opset, mode, spec = int(sys.argv[2]), sys.argv[3], sys.argv[4]
inputs = [("x", "float32", [1, 2, 3, 4])]
attrs, inits, node_inputs = {"mode": mode}, {}, None
if spec == "runtime":
    inputs.append(("scales", "float32", [4]))
    scales = [1, 1, 2, 2]
else:
    scales = [float(s) for s in spec.split(",")]
    if opset < 9:
        attrs["scales"] = scales
    else:
        inits["scales"] = np.array(scales, np.float32)
out = [math.floor(d * s) for d, s in zip([1, 2, 3, 4], scales)] if len(scales) == 4 \
    else [1, 2, 3, 4]
# Saved unchecked: some are invalid on purpose.
save(make_single_op_model("Upsample", inputs, [("y", "float32", out)], attrs=attrs,
                          initializers=inits, node_inputs=node_inputs, opset=opset),
     sys.argv[1])

# NEAREST7-LABEL: func.func @main
# NEAREST7-NEXT:  mnc.resize %arg0 {coordinate_transform = #mnc.coordinate_transform<asymmetric>, mode = #mnc.resize_mode<nearest>, nearest_rounding = #mnc.nearest_rounding<floor>, scale_h = 2.000000e+00 : f32, scale_w = 3.000000e+00 : f32} : (tensor<1x2x3x4xf32>) -> tensor<1x2x6x12xf32>

# LINEAR8-LABEL: func.func @main
# LINEAR8-NEXT:  mnc.resize %arg0 {coordinate_transform = #mnc.coordinate_transform<asymmetric>, mode = #mnc.resize_mode<bilinear>, {{.*}}scale_h = 2.000000e+00 : f32, scale_w = 2.000000e+00 : f32} : (tensor<1x2x3x4xf32>) -> tensor<1x2x6x8xf32>

# DOWN9-LABEL: func.func @main
# DOWN9-NEXT:  mnc.resize %arg0 {coordinate_transform = #mnc.coordinate_transform<asymmetric>, mode = #mnc.resize_mode<nearest>, nearest_rounding = #mnc.nearest_rounding<ceil>, scale_h = 5.000000e-01 : f32, scale_w = 5.000000e-01 : f32} : (tensor<1x2x3x4xf32>) -> tensor<1x2x1x2xf32>

# LINEAR9-LABEL: func.func @main
# LINEAR9-NEXT:  mnc.resize %arg0 {coordinate_transform = #mnc.coordinate_transform<asymmetric>, mode = #mnc.resize_mode<bilinear>, {{.*}}scale_h = 1.500000e+00 : f32, scale_w = 2.500000e+00 : f32} : (tensor<1x2x3x4xf32>) -> tensor<1x2x4x10xf32>

# OPSET18:      [[FILE]]: error: node 0 'upsample_0' (Upsample): unsupported op in opset 18 (supported in opsets 7 to 9)
# CHANNELS:     [[FILE]]: error: node 0 'upsample_0' (Upsample): only H and W can be resized; scales are [1, 2, 2, 2]
# CHANNELS-NOT: error
# LENGTH:       [[FILE]]: error: node 0 'upsample_0' (Upsample): scales must have 4 entries, got 2
# RUNTIME:      [[FILE]]: error: node 0 'upsample_0' (Upsample): scales 'scales' must be a compile-time constant (an initializer or a computation on them)
# MIXED:        [[FILE]]: error: node 0 'upsample_0' (Upsample): opset 9 nearest resize that enlarges one axis and shrinks the other is not supported
