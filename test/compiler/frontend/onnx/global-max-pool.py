# GlobalMaxPool becomes mnc.global_max_pool: [N, C, H, W] -> [N, C, 1, 1];
# other ranks are refused in one line.
# RUN: %python %s %t.onnx && mnc-compile %t.onnx --emit=mnc | FileCheck %s
# RUN: %python %s %t.r3.onnx rank3 && not mnc-compile %t.r3.onnx --emit=mnc 2>&1 | FileCheck %s -DFILE=%t.r3.onnx --check-prefix=RANK3

import sys

from onnx_testlib import check, make_single_op_model, save

rank3 = len(sys.argv) > 2 and sys.argv[2] == "rank3"
shape = [2, 8, 5] if rank3 else [2, 8, 5, 7]
save(check(make_single_op_model(
    "GlobalMaxPool", [("x", "float32", shape)],
    [("y", "float32", shape[:2] + [1] * (len(shape) - 2))])), sys.argv[1])

# CHECK-LABEL: func.func @main(%arg0: tensor<2x8x5x7xf32> {mnc.name = "x"}) -> (tensor<2x8x1x1xf32> {mnc.name = "y"})
# CHECK-NEXT:  %[[Y:.*]] = mnc.global_max_pool %arg0 : (tensor<2x8x5x7xf32>) -> tensor<2x8x1x1xf32>
# CHECK-NEXT:  return %[[Y]] : tensor<2x8x1x1xf32>

# RANK3: [[FILE]]: error: node 0 'globalmaxpool_0' (GlobalMaxPool): only rank-4 (NCHW) inputs are supported, got [2, 8, 5]
# RANK3-NOT: error
