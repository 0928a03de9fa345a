# Relu becomes mnc.relu with the input's type.
# RUN: %python %s %t.onnx && mnc-compile %t.onnx --emit=mnc | FileCheck %s
# Opset 6 (Relu-6) is older than the importer supports; opset 7 uses Relu-6's
# definition.
# RUN: %python %s %t.7.onnx 7 && mnc-compile %t.7.onnx --emit=mnc | FileCheck %s

import sys

from onnx_testlib import check, make_single_op_model, save

opset = int(sys.argv[2]) if len(sys.argv) > 2 else 14
save(check(make_single_op_model(
    "Relu", [("x", "float32", [1, 3, 4, 5])], [("y", "float32", [1, 3, 4, 5])],
    opset=opset)), sys.argv[1])

# CHECK-LABEL: func.func @main(%arg0: tensor<1x3x4x5xf32> {mnc.name = "x"}) -> (tensor<1x3x4x5xf32> {mnc.name = "y"})
# CHECK-NEXT:  %[[Y:.*]] = mnc.relu %arg0 : tensor<1x3x4x5xf32>
# CHECK-NEXT:  return %[[Y]] : tensor<1x3x4x5xf32>
