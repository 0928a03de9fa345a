# Conv with group > 1: depthwise (group = channels, weight [C, 1, KH, KW]) and
# grouped (group 2, weight [C_out, C_in / 2, KH, KW]); the group count becomes
# mnc.conv2d's `groups`. Output sizes follow ONNX:
#   out = floor((in + pad_begin + pad_end - dilation * (k - 1) - 1) / stride) + 1.
# RUN: %python %s %t.dw.onnx depthwise && mnc-compile %t.dw.onnx --emit=mnc | FileCheck %s --check-prefix=DW
# RUN: %python %s %t.g2.onnx group2 && mnc-compile %t.g2.onnx --emit=mnc | FileCheck %s --check-prefix=G2

import sys

from onnx_testlib import check, make_single_op_model, rand, save

variant = sys.argv[2]
if variant == "depthwise":
    # 8x8, k3, pads 1, stride 1 -> 8x8; stride 2 in W -> (8 + 2 - 3) / 2 + 1 = 4.
    model = make_single_op_model(
        "Conv", [("x", "float32", [1, 4, 8, 8])], [("y", "float32", [1, 4, 8, 4])],
        attrs={"group": 4, "pads": [1, 1, 1, 1], "strides": [1, 2],
               "kernel_shape": [3, 3]},
        initializers={"w": rand([4, 1, 3, 3], seed=1), "b": rand([4], seed=2)})
else:
    # 4 input channels in 2 groups of 2, 6 output channels; no pads:
    # 8 - 3 + 1 = 6.
    model = make_single_op_model(
        "Conv", [("x", "float32", [1, 4, 8, 8])], [("y", "float32", [1, 6, 6, 6])],
        attrs={"group": 2},
        initializers={"w": rand([6, 2, 3, 3], seed=3), "b": rand([6], seed=4)})
save(check(model), sys.argv[1])

# DW-LABEL: func.func @main(%arg0: tensor<1x4x8x8xf32> {mnc.name = "x"}) -> (tensor<1x4x8x4xf32> {mnc.name = "y"})
# DW-DAG:   %[[W:.*]] = arith.constant dense<{{.*}}> : tensor<4x1x3x3xf32>
# DW-DAG:   %[[B:.*]] = arith.constant dense<{{.*}}> : tensor<4xf32>
# DW:       %[[Y:.*]] = mnc.conv2d %arg0, %[[W]] bias(%[[B]]) {dilations = array<i64: 1, 1>, groups = 4 : i64, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 1, 2>} : (tensor<1x4x8x8xf32>, tensor<4x1x3x3xf32>, tensor<4xf32>) -> tensor<1x4x8x4xf32>
# DW-NEXT:  return %[[Y]] : tensor<1x4x8x4xf32>

# G2-LABEL: func.func @main(%arg0: tensor<1x4x8x8xf32> {mnc.name = "x"}) -> (tensor<1x6x6x6xf32> {mnc.name = "y"})
# G2-DAG:   %[[W:.*]] = arith.constant dense<{{.*}}> : tensor<6x2x3x3xf32>
# G2-DAG:   %[[B:.*]] = arith.constant dense<{{.*}}> : tensor<6xf32>
# G2:       %[[Y:.*]] = mnc.conv2d %arg0, %[[W]] bias(%[[B]]) {dilations = array<i64: 1, 1>, groups = 2 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x4x8x8xf32>, tensor<6x2x3x3xf32>, tensor<6xf32>) -> tensor<1x6x6x6xf32>
# G2-NEXT:  return %[[Y]] : tensor<1x6x6x6xf32>
