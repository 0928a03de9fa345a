# Sigmoid becomes mnc.sigmoid with the input's type.
# RUN: %python %s %t.onnx && mnc-compile %t.onnx --emit=mnc | FileCheck %s

import sys

from onnx_testlib import check, make_single_op_model, save

save(check(make_single_op_model(
    "Sigmoid", [("x", "float32", [2, 7])], [("y", "float32", [2, 7])])),
    sys.argv[1])

# CHECK-LABEL: func.func @main(%arg0: tensor<2x7xf32> {mnc.name = "x"}) -> (tensor<2x7xf32> {mnc.name = "y"})
# CHECK-NEXT:  %[[Y:.*]] = mnc.sigmoid %arg0 : tensor<2x7xf32>
# CHECK-NEXT:  return %[[Y]] : tensor<2x7xf32>
