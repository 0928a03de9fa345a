# HardSwish (opset 14) becomes mnc.hardswish with ONNX's alpha = 1/6 and
# beta = 0.5, which are the op's defaults and so are not printed.
# RUN: %python %s %t.onnx && mnc-compile %t.onnx --emit=mnc | FileCheck %s
# The generic form shows that both are set.
# RUN: %python %s %t.onnx && mnc-compile %t.onnx --emit=mnc --mlir-print-op-generic | FileCheck %s --check-prefix=GENERIC

import sys

from onnx_testlib import check, make_single_op_model, save

save(check(make_single_op_model(
    "HardSwish", [("x", "float32", [1, 16, 3, 3])],
    [("y", "float32", [1, 16, 3, 3])], opset=14)), sys.argv[1])

# CHECK-LABEL: func.func @main(%arg0: tensor<1x16x3x3xf32> {mnc.name = "x"}) -> (tensor<1x16x3x3xf32> {mnc.name = "y"})
# CHECK-NEXT:  %[[Y:.*]] = mnc.hardswish %arg0 : tensor<1x16x3x3xf32>
# CHECK-NEXT:  return %[[Y]] : tensor<1x16x3x3xf32>

# GENERIC: "mnc.hardswish"(%arg0) <{alpha = 0.166666672 : f32, beta = 5.000000e-01 : f32}> : (tensor<1x16x3x3xf32>) -> tensor<1x16x3x3xf32>
