# Conv without a bias input (torch exports this before BatchNormalization):
# mnc.conv2d has no bias operand. A 1x1 kernel keeps 6x6.
# RUN: %python %s %t.onnx && mnc-compile %t.onnx --emit=mnc | FileCheck %s
# The same with the bias given as an omitted ("") input.
# RUN: %python %s %t.e.onnx empty && mnc-compile %t.e.onnx --emit=mnc | FileCheck %s

import sys

from onnx_testlib import check, make_single_op_model, rand, save

inputs = ["x", "w", ""] if len(sys.argv) > 2 else ["x", "w"]
save(check(make_single_op_model(
    "Conv", [("x", "float32", [1, 3, 6, 6])], [("y", "float32", [1, 5, 6, 6])],
    initializers={"w": rand([5, 3, 1, 1], seed=1)}, node_inputs=inputs)),
    sys.argv[1])

# CHECK-LABEL: func.func @main(%arg0: tensor<1x3x6x6xf32> {mnc.name = "x"}) -> (tensor<1x5x6x6xf32> {mnc.name = "y"})
# CHECK-NEXT:  %[[W:.*]] = arith.constant dense<{{.*}}> : tensor<5x3x1x1xf32>
# CHECK-NEXT:  %[[Y:.*]] = mnc.conv2d %arg0, %[[W]] {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x3x6x6xf32>, tensor<5x3x1x1xf32>) -> tensor<1x5x6x6xf32>
# CHECK-NEXT:  return %[[Y]]
