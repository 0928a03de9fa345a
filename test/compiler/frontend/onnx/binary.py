# Add, Sub, Mul and Div become mnc.add/sub/mul/div with NumPy broadcasting:
# constant operands stay in their own shape and the result takes the
# broadcast shape.
#
# [1, 8, 4, 4] + [8, 1, 1] -> [1, 8, 4, 4] (a per-channel constant).
# RUN: %python %s %t.add.onnx add && mnc-compile %t.add.onnx --emit=mnc | FileCheck %s --check-prefix=ADD
# A constant on the left keeps its place: [8, 1, 1] - x.
# RUN: %python %s %t.sub.onnx sub && mnc-compile %t.sub.onnx --emit=mnc | FileCheck %s --check-prefix=SUB
# A scalar (rank-0) constant.
# RUN: %python %s %t.mul.onnx mul && mnc-compile %t.mul.onnx --emit=mnc | FileCheck %s --check-prefix=MUL
# Two run-time operands (the same tensor).
# RUN: %python %s %t.div.onnx div && mnc-compile %t.div.onnx --emit=mnc | FileCheck %s --check-prefix=DIV
# Both operands broadcast: [1, 8, 1, 4] * [4, 1] -> [1, 8, 4, 4].
# RUN: %python %s %t.both.onnx both && mnc-compile %t.both.onnx --emit=mnc | FileCheck %s --check-prefix=BOTH
# An op on two constants is folded at compile time: (a + b) / 2 then x - that
# leaves one constant and one mnc.sub.
# RUN: %python %s %t.fold.onnx fold && mnc-compile %t.fold.onnx --emit=mnc | FileCheck %s --check-prefix=FOLD
# Opset 7 (first multidirectional broadcasting form).
# RUN: %python %s %t.7.onnx add 7 && mnc-compile %t.7.onnx --emit=mnc | FileCheck %s --check-prefix=ADD

import sys

import numpy as np

from onnx_testlib import check, helper, make_model, make_single_op_model, save

variant = sys.argv[2]
opset = int(sys.argv[3]) if len(sys.argv) > 3 else 13
x = [("x", "float32", [1, 8, 4, 4])]
y = [("y", "float32", [1, 8, 4, 4])]
per_channel = np.arange(1, 9, dtype=np.float32).reshape(8, 1, 1)
if variant == "add":
    model = make_single_op_model("Add", x, y, initializers={"c": per_channel},
                                 opset=opset)
elif variant == "sub":
    model = make_single_op_model("Sub", x, y, initializers={"c": per_channel},
                                 node_inputs=["c", "x"])
elif variant == "mul":
    model = make_single_op_model("Mul", x, y,
                                 initializers={"c": np.array(2.5, np.float32)})
elif variant == "div":
    model = make_single_op_model("Div", x, y, node_inputs=["x", "x"])
elif variant == "both":
    model = make_single_op_model(
        "Mul", [("x", "float32", [1, 8, 1, 4])], y,
        initializers={"c": np.array([[1], [2], [3], [4]], np.float32)})
else:
    nodes = [
        helper.make_node("Add", ["a", "b"], ["ab"], name="add_0"),
        helper.make_node("Div", ["ab", "two"], ["mid"], name="div_0"),
        helper.make_node("Sub", ["x", "mid"], ["y"], name="sub_0"),
    ]
    model = make_model(nodes, x, y, initializers={
        "a": np.array([1, 2, 3, 4], np.float32),
        "b": np.array([2, 2, 2, 3], np.float32),
        "two": np.array(2, np.float32)})
save(check(model), sys.argv[1])

# ADD-LABEL: func.func @main(%arg0: tensor<1x8x4x4xf32> {mnc.name = "x"}) -> (tensor<1x8x4x4xf32> {mnc.name = "y"})
# ADD-NEXT:  %[[C:.*]] = arith.constant dense<{{\[\[\[}}1.000000e+00]], {{\[\[}}2.000000e+00]], {{.*}}, {{\[\[}}8.000000e+00]]]> : tensor<8x1x1xf32>
# ADD-NEXT:  %[[Y:.*]] = mnc.add %arg0, %[[C]] : (tensor<1x8x4x4xf32>, tensor<8x1x1xf32>) -> tensor<1x8x4x4xf32>
# ADD-NEXT:  return %[[Y]] : tensor<1x8x4x4xf32>

# SUB-LABEL: func.func @main
# SUB-NEXT:  %[[C:.*]] = arith.constant dense<{{.*}}> : tensor<8x1x1xf32>
# SUB-NEXT:  %[[Y:.*]] = mnc.sub %[[C]], %arg0 : (tensor<8x1x1xf32>, tensor<1x8x4x4xf32>) -> tensor<1x8x4x4xf32>

# MUL-LABEL: func.func @main
# MUL-NEXT:  %[[C:.*]] = arith.constant dense<2.500000e+00> : tensor<f32>
# MUL-NEXT:  %[[Y:.*]] = mnc.mul %arg0, %[[C]] : (tensor<1x8x4x4xf32>, tensor<f32>) -> tensor<1x8x4x4xf32>

# DIV-LABEL: func.func @main
# DIV-NEXT:  %[[Y:.*]] = mnc.div %arg0, %arg0 : (tensor<1x8x4x4xf32>, tensor<1x8x4x4xf32>) -> tensor<1x8x4x4xf32>

# BOTH-LABEL: func.func @main(%arg0: tensor<1x8x1x4xf32> {mnc.name = "x"}) -> (tensor<1x8x4x4xf32> {mnc.name = "y"})
# BOTH-NEXT:  %[[C:.*]] = arith.constant dense<{{\[\[}}1.000000e+00], [2.000000e+00], [3.000000e+00], [4.000000e+00]]> : tensor<4x1xf32>
# BOTH-NEXT:  %[[Y:.*]] = mnc.mul %arg0, %[[C]] : (tensor<1x8x1x4xf32>, tensor<4x1xf32>) -> tensor<1x8x4x4xf32>

# The folded values are (1 + 2) / 2, (2 + 2) / 2, (2 + 3) / 2, (4 + 3) / 2.
# FOLD-LABEL: func.func @main
# FOLD-NEXT:  %[[C:.*]] = arith.constant dense<[1.500000e+00, 2.000000e+00, 2.500000e+00, 3.500000e+00]> : tensor<4xf32>
# FOLD-NEXT:  %[[Y:.*]] = mnc.sub %arg0, %[[C]] : (tensor<1x8x4x4xf32>, tensor<4xf32>) -> tensor<1x8x4x4xf32>
# FOLD-NEXT:  return %[[Y]]
