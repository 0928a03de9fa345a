# Concat becomes mnc.concat with a non-negative axis.
#
# Axis 1: x [1, 2, 4, 4] with a constant [1, 3, 4, 4] -> [1, 5, 4, 4].
# RUN: %python %s %t.1.onnx 1 && mnc-compile %t.1.onnx --emit=mnc | FileCheck %s --check-prefix=AXIS1
# Axis -1 (3): x, relu(x) and x -> [1, 2, 4, 12].
# RUN: %python %s %t.m1.onnx -1 && mnc-compile %t.m1.onnx --emit=mnc | FileCheck %s --check-prefix=AXISM1
# Axis -3 (1) on the same inputs -> [1, 6, 4, 4].
# RUN: %python %s %t.m3.onnx -3 && mnc-compile %t.m3.onnx --emit=mnc | FileCheck %s --check-prefix=AXISM3

import sys

from onnx_testlib import check, helper, make_model, rand, save

axis = int(sys.argv[2])
x = [("x", "float32", [1, 2, 4, 4])]
if axis == 1:
    nodes = [helper.make_node("Concat", ["x", "c"], ["y"], name="concat_0", axis=1)]
    model = make_model(nodes, x, [("y", "float32", [1, 5, 4, 4])],
                       {"c": rand([1, 3, 4, 4], seed=1)})
else:
    out = [1, 2, 4, 12] if axis == -1 else [1, 6, 4, 4]
    nodes = [helper.make_node("Relu", ["x"], ["r"], name="relu_0"),
             helper.make_node("Concat", ["x", "r", "x"], ["y"], name="concat_0",
                              axis=axis)]
    model = make_model(nodes, x, [("y", "float32", out)])
save(check(model), sys.argv[1])

# AXIS1-LABEL: func.func @main(%arg0: tensor<1x2x4x4xf32> {mnc.name = "x"}) -> (tensor<1x5x4x4xf32> {mnc.name = "y"})
# AXIS1-NEXT:  %[[C:.*]] = arith.constant dense<{{.*}}> : tensor<1x3x4x4xf32>
# AXIS1-NEXT:  %[[Y:.*]] = mnc.concat %arg0, %[[C]] {axis = 1 : i64} : (tensor<1x2x4x4xf32>, tensor<1x3x4x4xf32>) -> tensor<1x5x4x4xf32>
# AXIS1-NEXT:  return %[[Y]] : tensor<1x5x4x4xf32>

# AXISM1-LABEL: func.func @main(%arg0: tensor<1x2x4x4xf32> {mnc.name = "x"}) -> (tensor<1x2x4x12xf32> {mnc.name = "y"})
# AXISM1-NEXT:  %[[R:.*]] = mnc.relu %arg0
# AXISM1-NEXT:  %[[Y:.*]] = mnc.concat %arg0, %[[R]], %arg0 {axis = 3 : i64} : (tensor<1x2x4x4xf32>, tensor<1x2x4x4xf32>, tensor<1x2x4x4xf32>) -> tensor<1x2x4x12xf32>

# AXISM3-LABEL: func.func @main
# AXISM3:       mnc.concat %arg0, %{{.*}}, %arg0 {axis = 1 : i64} : (tensor<1x2x4x4xf32>, tensor<1x2x4x4xf32>, tensor<1x2x4x4xf32>) -> tensor<1x6x4x4xf32>
