# Computations on constants are evaluated at compile time, in float32 as the
# runtime would compute them; only the result is materialized.
#
# Sqrt(2) * Sqrt(2) in float32 is 1.99999988, not 2.
# RUN: %python %s %t.sq.onnx sqrt && mnc-compile %t.sq.onnx --emit=mnc | FileCheck %s --check-prefix=SQRT
# Neg, Floor and Ceil of [-1.5, 2.5], concatenated: [1.5, -2.5, -2, 2, -1, 3].
# RUN: %python %s %t.un.onnx unary && mnc-compile %t.un.onnx --emit=mnc | FileCheck %s --check-prefix=UNARY
# A weight stored as [KH, KW, C_in, C_out] and transposed to ONNX's
# [C_out, C_in, KH, KW] (perm [3, 2, 0, 1]), as TensorFlow exports may hold it:
# w[0, 0, i, o] = 3 * i + o becomes [[0, 3], [1, 4], [2, 5]].
# RUN: %python %s %t.tr.onnx transpose && mnc-compile %t.tr.onnx --emit=mnc | FileCheck %s --check-prefix=TRANSPOSE

import sys

import numpy as np

from onnx_testlib import check, helper, make_model, save

variant = sys.argv[2]
node = helper.make_node
f32 = lambda v: np.array(v, np.float32)
if variant == "sqrt":
    nodes = [node("Sqrt", ["two"], ["r"]),
             node("Mul", ["r", "r"], ["c"]),
             node("Mul", ["x", "c"], ["y"], name="mul_2")]
    model = make_model(nodes, [("x", "float32", [1, 6])], [("y", "float32", [1, 6])],
                       {"two": f32(2)})
elif variant == "unary":
    nodes = [node("Neg", ["v"], ["n"]),
             node("Floor", ["v"], ["f"]),
             node("Ceil", ["v"], ["c"]),
             node("Concat", ["n", "f", "c"], ["all"], axis=0),
             node("Add", ["x", "all"], ["y"], name="add_4")]
    model = make_model(nodes, [("x", "float32", [1, 6])], [("y", "float32", [1, 6])],
                       {"v": f32([-1.5, 2.5])})
else:
    nodes = [node("Transpose", ["w_hwio"], ["w"], perm=[3, 2, 0, 1]),
             node("Conv", ["x", "w"], ["y"], name="conv_1")]
    model = make_model(nodes, [("x", "float32", [1, 2, 4, 4])],
                       [("y", "float32", [1, 3, 4, 4])],
                       {"w_hwio": np.arange(6, dtype=np.float32).reshape(1, 1, 2, 3)})
save(check(model), sys.argv[1])

# SQRT-LABEL: func.func @main
# SQRT-NEXT:  %[[C:.*]] = arith.constant dense<1.99999988> : tensor<f32>
# SQRT-NEXT:  mnc.mul %arg0, %[[C]] : (tensor<1x6xf32>, tensor<f32>) -> tensor<1x6xf32>

# UNARY-LABEL: func.func @main
# UNARY-NEXT:  %[[C:.*]] = arith.constant dense<[1.500000e+00, -2.500000e+00, -2.000000e+00, 2.000000e+00, -1.000000e+00, 3.000000e+00]> : tensor<6xf32>
# UNARY-NEXT:  mnc.add %arg0, %[[C]] : (tensor<1x6xf32>, tensor<6xf32>) -> tensor<1x6xf32>

# TRANSPOSE-LABEL: func.func @main
# TRANSPOSE-NEXT:  %[[W:.*]] = arith.constant dense<{{\[\[\[\[}}0.000000e+00]], {{\[\[}}3.000000e+00]]], {{\[\[\[}}1.000000e+00]], {{\[\[}}4.000000e+00]]], {{\[\[\[}}2.000000e+00]], {{\[\[}}5.000000e+00]]]]> : tensor<3x2x1x1xf32>
# TRANSPOSE-NEXT:  mnc.conv2d %arg0, %[[W]] {{.*}} : (tensor<1x2x4x4xf32>, tensor<3x2x1x1xf32>) -> tensor<1x3x4x4xf32>
