# Conv: weights become constants, attributes map onto mnc.conv2d, and
# auto_pad SAME_UPPER turns into explicit pads.
# RUN: %python %s %t.onnx && mnc-compile %t.onnx --emit=mnc | FileCheck %s
# RUN: %python %s %t.same.onnx same && mnc-compile %t.same.onnx --emit=mnc | FileCheck %s --check-prefix=SAME

import sys

from onnx_testlib import make_single_op_model, rand, save

same = len(sys.argv) > 2
attrs = {"strides": [2, 2], "group": 1}
if same:
    attrs["auto_pad"] = "SAME_UPPER"
else:
    attrs.update(pads=[1, 0, 1, 2], dilations=[1, 1], kernel_shape=[3, 3])
save(make_single_op_model(
    "Conv", [("x", "float32", [1, 4, 16, 15])],
    [("y", "float32", [1, 8, 8, 8])], attrs=attrs,
    initializers={"w": rand([8, 4, 3, 3], seed=1), "b": rand([8], seed=2)}),
    sys.argv[1])

# CHECK-LABEL: func.func @main(%arg0: tensor<1x4x16x15xf32> {mnc.name = "x"})
# CHECK-DAG:   %[[W:.*]] = arith.constant dense<{{.*}}> : tensor<8x4x3x3xf32>
# CHECK-DAG:   %[[B:.*]] = arith.constant dense<{{.*}}> : tensor<8xf32>
# CHECK:       mnc.conv2d %arg0, %[[W]] bias(%[[B]]) {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 1, 0, 1, 2>, strides = array<i64: 2, 2>}
# CHECK-SAME:    -> tensor<1x8x8x8xf32>

# SAME: pads = array<i64: 0, 1, 1, 1>
# SAME-SAME: -> tensor<1x8x8x8xf32>
