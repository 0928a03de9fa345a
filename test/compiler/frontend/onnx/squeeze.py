# Squeeze becomes mnc.reshape without the squeezed unit dimensions.
# Input [2, 3, 1, 1].
#
# Opset 11, axes attribute [2, 3] -> [2, 3].
# RUN: %python %s %t.a.onnx 11 2,3 && mnc-compile %t.a.onnx --emit=mnc | FileCheck %s --check-prefix=BOTH
# Opset 11, negative axis [-1] -> [2, 3, 1].
# RUN: %python %s %t.b.onnx 11 -1 && mnc-compile %t.b.onnx --emit=mnc | FileCheck %s --check-prefix=ONE
# Opset 13, axes input [3] -> [2, 3, 1].
# RUN: %python %s %t.c.onnx 13 3 && mnc-compile %t.c.onnx --emit=mnc | FileCheck %s --check-prefix=ONE
# Opset 13, axes input [-2, -1] -> [2, 3].
# RUN: %python %s %t.d.onnx 13 -2,-1 && mnc-compile %t.d.onnx --emit=mnc | FileCheck %s --check-prefix=BOTH
# No axes (either opset): every dimension of size 1 goes -> [2, 3].
# RUN: %python %s %t.e.onnx 11 none && mnc-compile %t.e.onnx --emit=mnc | FileCheck %s --check-prefix=BOTH
# RUN: %python %s %t.f.onnx 13 none && mnc-compile %t.f.onnx --emit=mnc | FileCheck %s --check-prefix=BOTH

import sys

import numpy as np

from onnx_testlib import check, make_single_op_model, save

opset, spec = int(sys.argv[2]), sys.argv[3]
axes = None if spec == "none" else [int(v) for v in spec.split(",")]
out = [2, 3] if axes is None or len(axes) == 2 else [2, 3, 1]
attrs, inits = {}, {}
if axes is not None:
    if opset < 13:
        attrs["axes"] = axes
    else:
        inits["axes"] = np.array(axes, np.int64)
save(check(make_single_op_model(
    "Squeeze", [("x", "float32", [2, 3, 1, 1])], [("y", "float32", out)],
    attrs=attrs, initializers=inits, opset=opset)), sys.argv[1])

# BOTH-LABEL: func.func @main(%arg0: tensor<2x3x1x1xf32> {mnc.name = "x"}) -> (tensor<2x3xf32> {mnc.name = "y"})
# BOTH-NEXT:  %[[Y:.*]] = mnc.reshape %arg0 : (tensor<2x3x1x1xf32>) -> tensor<2x3xf32>
# BOTH-NEXT:  return %[[Y]] : tensor<2x3xf32>

# ONE-LABEL: func.func @main(%arg0: tensor<2x3x1x1xf32> {mnc.name = "x"}) -> (tensor<2x3x1xf32> {mnc.name = "y"})
# ONE-NEXT:  %[[Y:.*]] = mnc.reshape %arg0 : (tensor<2x3x1x1xf32>) -> tensor<2x3x1xf32>
# ONE-NEXT:  return %[[Y]] : tensor<2x3x1xf32>
