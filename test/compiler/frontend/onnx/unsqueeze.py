# Unsqueeze becomes mnc.reshape with unit dimensions inserted; axes refer to
# the output's rank. Input [2, 3].
#
# Opset 11, axes attribute [0, 3] -> [1, 2, 3, 1].
# RUN: %python %s %t.a.onnx 11 0,3 && mnc-compile %t.a.onnx --emit=mnc | FileCheck %s --check-prefix=OUTER
# Opset 11, axes [3, 0] (order does not matter) -> [1, 2, 3, 1].
# RUN: %python %s %t.b.onnx 11 3,0 && mnc-compile %t.b.onnx --emit=mnc | FileCheck %s --check-prefix=OUTER
# Opset 13, axes input [-1] (output rank 3) -> [2, 3, 1].
# RUN: %python %s %t.c.onnx 13 -1 && mnc-compile %t.c.onnx --emit=mnc | FileCheck %s --check-prefix=LAST
# Opset 13, axes input [1, -1] (output rank 4, so axes 1 and 3) -> [2, 1, 3, 1].
# RUN: %python %s %t.d.onnx 13 1,-1 && mnc-compile %t.d.onnx --emit=mnc | FileCheck %s --check-prefix=INNER

import sys

import numpy as np

from onnx_testlib import check, make_single_op_model, save

opset, axes = int(sys.argv[2]), [int(v) for v in sys.argv[3].split(",")]
out = {"0,3": [1, 2, 3, 1], "3,0": [1, 2, 3, 1], "-1": [2, 3, 1],
       "1,-1": [2, 1, 3, 1]}[sys.argv[3]]
attrs, inits = {}, {}
if opset < 13:
    attrs["axes"] = axes
else:
    inits["axes"] = np.array(axes, np.int64)
save(check(make_single_op_model(
    "Unsqueeze", [("x", "float32", [2, 3])], [("y", "float32", out)],
    attrs=attrs, initializers=inits, opset=opset)), sys.argv[1])

# OUTER-LABEL: func.func @main(%arg0: tensor<2x3xf32> {mnc.name = "x"}) -> (tensor<1x2x3x1xf32> {mnc.name = "y"})
# OUTER-NEXT:  %[[Y:.*]] = mnc.reshape %arg0 : (tensor<2x3xf32>) -> tensor<1x2x3x1xf32>
# OUTER-NEXT:  return %[[Y]] : tensor<1x2x3x1xf32>

# LAST-LABEL: func.func @main
# LAST-NEXT:  mnc.reshape %arg0 : (tensor<2x3xf32>) -> tensor<2x3x1xf32>

# INNER-LABEL: func.func @main
# INNER-NEXT:  mnc.reshape %arg0 : (tensor<2x3xf32>) -> tensor<2x1x3x1xf32>
