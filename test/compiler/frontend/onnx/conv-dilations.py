# Conv with dilations: the dilated window is dilation * (k - 1) + 1, so a 3x3
# kernel with dilations [2, 3] spans 5x7. Input 10x11, no pads, stride 1:
# 10 - 5 + 1 = 6 rows, 11 - 7 + 1 = 5 columns.
# RUN: %python %s %t.onnx && mnc-compile %t.onnx --emit=mnc | FileCheck %s
# With pads [2, 3, 2, 3] and stride 2: (10 + 4 - 5) / 2 + 1 = 5,
# (11 + 6 - 7) / 2 + 1 = 6.
# RUN: %python %s %t.p.onnx padded && mnc-compile %t.p.onnx --emit=mnc | FileCheck %s --check-prefix=PAD

import sys

from onnx_testlib import check, make_single_op_model, rand, save

padded = len(sys.argv) > 2
attrs = {"dilations": [2, 3]}
out = [1, 3, 6, 5]
if padded:
    attrs.update(pads=[2, 3, 2, 3], strides=[2, 2])
    out = [1, 3, 5, 6]
save(check(make_single_op_model(
    "Conv", [("x", "float32", [1, 2, 10, 11])], [("y", "float32", out)],
    attrs=attrs,
    initializers={"w": rand([3, 2, 3, 3], seed=1), "b": rand([3], seed=2)})),
    sys.argv[1])

# CHECK-LABEL: func.func @main(%arg0: tensor<1x2x10x11xf32> {mnc.name = "x"}) -> (tensor<1x3x6x5xf32> {mnc.name = "y"})
# CHECK-DAG:   %[[W:.*]] = arith.constant dense<{{.*}}> : tensor<3x2x3x3xf32>
# CHECK-DAG:   %[[B:.*]] = arith.constant dense<{{.*}}> : tensor<3xf32>
# CHECK:       mnc.conv2d %arg0, %[[W]] bias(%[[B]]) {dilations = array<i64: 2, 3>, groups = 1 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x2x10x11xf32>, tensor<3x2x3x3xf32>, tensor<3xf32>) -> tensor<1x3x6x5xf32>

# PAD-LABEL: func.func @main
# PAD:       mnc.conv2d %arg0, %{{.*}} bias(%{{.*}}) {dilations = array<i64: 2, 3>, groups = 1 : i64, pads = array<i64: 2, 3, 2, 3>, strides = array<i64: 2, 2>} : (tensor<1x2x10x11xf32>, tensor<3x2x3x3xf32>, tensor<3xf32>) -> tensor<1x3x5x6xf32>
