# GlobalAveragePool becomes mnc.global_avg_pool: [N, C, H, W] -> [N, C, 1, 1].
# RUN: %python %s %t.onnx && mnc-compile %t.onnx --emit=mnc | FileCheck %s

import sys

from onnx_testlib import check, make_single_op_model, save

save(check(make_single_op_model(
    "GlobalAveragePool", [("x", "float32", [2, 8, 5, 7])],
    [("y", "float32", [2, 8, 1, 1])])), sys.argv[1])

# CHECK-LABEL: func.func @main(%arg0: tensor<2x8x5x7xf32> {mnc.name = "x"}) -> (tensor<2x8x1x1xf32> {mnc.name = "y"})
# CHECK-NEXT:  %[[Y:.*]] = mnc.global_avg_pool %arg0 : (tensor<2x8x5x7xf32>) -> tensor<2x8x1x1xf32>
# CHECK-NEXT:  return %[[Y]] : tensor<2x8x1x1xf32>
