# Flatten becomes mnc.reshape to [prod(dims before axis), prod(dims from axis)].
# Input [2, 3, 2, 2]:
# RUN: %python %s %t.1.onnx 1 && mnc-compile %t.1.onnx --emit=mnc | FileCheck %s --check-prefix=AXIS1
# RUN: %python %s %t.d.onnx default && mnc-compile %t.d.onnx --emit=mnc | FileCheck %s --check-prefix=AXIS1
# RUN: %python %s %t.0.onnx 0 && mnc-compile %t.0.onnx --emit=mnc | FileCheck %s --check-prefix=AXIS0
# RUN: %python %s %t.m1.onnx -1 && mnc-compile %t.m1.onnx --emit=mnc | FileCheck %s --check-prefix=AXISM1
# RUN: %python %s %t.4.onnx 4 && mnc-compile %t.4.onnx --emit=mnc | FileCheck %s --check-prefix=AXIS4

import sys

from onnx_testlib import check, make_single_op_model, save

axis = sys.argv[2]
out = {"1": [2, 12], "default": [2, 12], "0": [1, 24], "-1": [12, 2],
       "4": [24, 1]}[axis]
attrs = {} if axis == "default" else {"axis": int(axis)}
save(check(make_single_op_model(
    "Flatten", [("x", "float32", [2, 3, 2, 2])], [("y", "float32", out)],
    attrs=attrs)), sys.argv[1])

# AXIS1-LABEL: func.func @main(%arg0: tensor<2x3x2x2xf32> {mnc.name = "x"}) -> (tensor<2x12xf32> {mnc.name = "y"})
# AXIS1-NEXT:  %[[Y:.*]] = mnc.reshape %arg0 : (tensor<2x3x2x2xf32>) -> tensor<2x12xf32>
# AXIS1-NEXT:  return %[[Y]] : tensor<2x12xf32>

# AXIS0-LABEL: func.func @main
# AXIS0-NEXT:  mnc.reshape %arg0 : (tensor<2x3x2x2xf32>) -> tensor<1x24xf32>

# AXISM1-LABEL: func.func @main
# AXISM1-NEXT:  mnc.reshape %arg0 : (tensor<2x3x2x2xf32>) -> tensor<12x2xf32>

# AXIS4-LABEL: func.func @main
# AXIS4-NEXT:  mnc.reshape %arg0 : (tensor<2x3x2x2xf32>) -> tensor<24x1xf32>
