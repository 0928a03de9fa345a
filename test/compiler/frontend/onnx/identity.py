# Identity passes its input through, at run time or at compile time.
#
# On the run-time tensor: Relu(Identity(x)) is Relu(x).
# RUN: %python %s %t.r.onnx runtime && mnc-compile %t.r.onnx --emit=mnc | FileCheck %s --check-prefix=RUNTIME
# On a weight, as torch exports shared parameters: the Conv still sees a
# constant weight.
# RUN: %python %s %t.w.onnx weight && mnc-compile %t.w.onnx --emit=mnc | FileCheck %s --check-prefix=WEIGHT
# The graph output is the graph input itself.
# RUN: %python %s %t.o.onnx output && mnc-compile %t.o.onnx --emit=mnc | FileCheck %s --check-prefix=OUTPUT

import sys

from onnx_testlib import check, helper, make_model, rand, save

variant = sys.argv[2]
x = [("x", "float32", [1, 2, 4, 4])]
if variant == "runtime":
    nodes = [helper.make_node("Identity", ["x"], ["i"], name="identity_0"),
             helper.make_node("Relu", ["i"], ["y"], name="relu_0")]
    model = make_model(nodes, x, [("y", "float32", [1, 2, 4, 4])])
elif variant == "weight":
    nodes = [helper.make_node("Identity", ["w"], ["w2"], name="identity_0"),
             helper.make_node("Conv", ["x", "w2"], ["y"], name="conv_0")]
    model = make_model(nodes, x, [("y", "float32", [1, 3, 4, 4])],
                       {"w": rand([3, 2, 1, 1], seed=1)})
else:
    nodes = [helper.make_node("Identity", ["x"], ["y"], name="identity_0")]
    model = make_model(nodes, x, [("y", "float32", [1, 2, 4, 4])])
save(check(model), sys.argv[1])

# RUNTIME-LABEL: func.func @main(%arg0: tensor<1x2x4x4xf32> {mnc.name = "x"}) -> (tensor<1x2x4x4xf32> {mnc.name = "y"})
# RUNTIME-NEXT:  %[[Y:.*]] = mnc.relu %arg0 : tensor<1x2x4x4xf32>
# RUNTIME-NEXT:  return %[[Y]] : tensor<1x2x4x4xf32>

# WEIGHT-LABEL: func.func @main(%arg0: tensor<1x2x4x4xf32> {mnc.name = "x"}) -> (tensor<1x3x4x4xf32> {mnc.name = "y"})
# WEIGHT-NEXT:  %[[W:.*]] = arith.constant dense<{{.*}}> : tensor<3x2x1x1xf32>
# WEIGHT-NEXT:  %[[Y:.*]] = mnc.conv2d %arg0, %[[W]] {{.*}} : (tensor<1x2x4x4xf32>, tensor<3x2x1x1xf32>) -> tensor<1x3x4x4xf32>
# WEIGHT-NEXT:  return %[[Y]]

# OUTPUT-LABEL: func.func @main(%arg0: tensor<1x2x4x4xf32> {mnc.name = "x"}) -> (tensor<1x2x4x4xf32> {mnc.name = "y"})
# OUTPUT-NEXT:  return %arg0 : tensor<1x2x4x4xf32>
