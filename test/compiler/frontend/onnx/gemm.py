# Gemm (Y = alpha * A' * B' + beta * C) with constant B and C becomes
# mnc.fully_connected, whose weight is [N, K] = alpha * (transB ? B : B^T) and
# whose bias is beta * C broadcast to [N]. A is [M, K] = [2, 3], N = 2.
#
# transB = 1 (torch's nn.Linear), C of shape [N]: weight = B, bias = C.
# RUN: %python %s %t.tb.onnx transB && mnc-compile %t.tb.onnx --emit=mnc | FileCheck %s --check-prefix=TRANSB
# transB = 0: B is [K, N] = [[1, 2], [3, 4], [5, 6]], the weight its transpose.
# RUN: %python %s %t.nt.onnx plain && mnc-compile %t.nt.onnx --emit=mnc | FileCheck %s --check-prefix=PLAIN
# alpha = 2 scales the weight, beta = 0.5 the bias.
# RUN: %python %s %t.ab.onnx alphabeta && mnc-compile %t.ab.onnx --emit=mnc | FileCheck %s --check-prefix=ALPHABETA
# C of shape [1, N].
# RUN: %python %s %t.c1n.onnx bias1n && mnc-compile %t.c1n.onnx --emit=mnc | FileCheck %s --check-prefix=TRANSB
# A scalar C broadcasts to every output.
# RUN: %python %s %t.cs.onnx scalarC && mnc-compile %t.cs.onnx --emit=mnc | FileCheck %s --check-prefix=SCALARC
# No C: no bias operand.
# RUN: %python %s %t.nc.onnx noC && mnc-compile %t.nc.onnx --emit=mnc | FileCheck %s --check-prefix=NOC
# transA = 1: A is given as [K, M] = [3, 2] and transposed first.
# RUN: %python %s %t.ta.onnx transA && mnc-compile %t.ta.onnx --emit=mnc | FileCheck %s --check-prefix=TRANSA
# Two Gemms sharing B and C, the second with alpha = 2, beta = 3: each gets
# its own scaled weight and bias.
# RUN: %python %s %t.sh.onnx shared && mnc-compile %t.sh.onnx --emit=mnc | FileCheck %s --check-prefix=SHARED
# Opset 7 (C still required there, unidirectional broadcast).
# RUN: %python %s %t.7.onnx transB 7 && mnc-compile %t.7.onnx --emit=mnc | FileCheck %s --check-prefix=TRANSB

import sys

import numpy as np

from onnx_testlib import check, helper, make_model, make_single_op_model, save

variant = sys.argv[2]
opset = int(sys.argv[3]) if len(sys.argv) > 3 else 13
f32 = lambda v: np.array(v, np.float32)
b_nk = f32([[1, 2, 3], [4, 5, 6]])      # [N, K]
b_kn = f32([[1, 2], [3, 4], [5, 6]])    # [K, N]
c = f32([10, 20])
attrs = {"transB": 1}
inits = {"B": b_nk, "C": c}
a_shape = [2, 3]
if variant == "plain":
    attrs, inits = {}, {"B": b_kn, "C": c}
elif variant == "alphabeta":
    attrs.update(alpha=2.0, beta=0.5)
elif variant == "bias1n":
    inits["C"] = f32([[10, 20]])
elif variant == "scalarC":
    inits["C"] = f32(7)
elif variant == "noC":
    del inits["C"]
elif variant == "transA":
    attrs["transA"] = 1
    a_shape = [3, 2]
if variant == "shared":
    nodes = [helper.make_node("Gemm", ["a", "B", "C"], ["y0"], name="gemm_0",
                              transB=1),
             helper.make_node("Gemm", ["a", "B", "C"], ["y1"], name="gemm_1",
                              transB=1, alpha=2.0, beta=3.0),
             helper.make_node("Add", ["y0", "y1"], ["y"], name="add_2")]
    model = make_model(nodes, [("a", "float32", a_shape)],
                       [("y", "float32", [2, 2])], inits)
else:
    model = make_single_op_model(
        "Gemm", [("a", "float32", a_shape)], [("y", "float32", [2, 2])],
        attrs=attrs, initializers=inits, opset=opset)
save(check(model), sys.argv[1])

# TRANSB-LABEL: func.func @main(%arg0: tensor<2x3xf32> {mnc.name = "a"}) -> (tensor<2x2xf32> {mnc.name = "y"})
# TRANSB-DAG:   %[[W:.*]] = arith.constant dense<{{\[\[}}1.000000e+00, 2.000000e+00, 3.000000e+00], [4.000000e+00, 5.000000e+00, 6.000000e+00]]> : tensor<2x3xf32>
# TRANSB-DAG:   %[[B:.*]] = arith.constant dense<[1.000000e+01, 2.000000e+01]> : tensor<2xf32>
# TRANSB:       %[[Y:.*]] = mnc.fully_connected %arg0, %[[W]] bias(%[[B]]) : (tensor<2x3xf32>, tensor<2x3xf32>, tensor<2xf32>) -> tensor<2x2xf32>
# TRANSB-NEXT:  return %[[Y]] : tensor<2x2xf32>

# PLAIN-LABEL: func.func @main
# PLAIN-DAG:   %[[W:.*]] = arith.constant dense<{{\[\[}}1.000000e+00, 3.000000e+00, 5.000000e+00], [2.000000e+00, 4.000000e+00, 6.000000e+00]]> : tensor<2x3xf32>
# PLAIN-DAG:   %[[B:.*]] = arith.constant dense<[1.000000e+01, 2.000000e+01]> : tensor<2xf32>
# PLAIN:       mnc.fully_connected %arg0, %[[W]] bias(%[[B]]) : (tensor<2x3xf32>, tensor<2x3xf32>, tensor<2xf32>) -> tensor<2x2xf32>

# ALPHABETA-LABEL: func.func @main
# ALPHABETA-DAG:   %[[W:.*]] = arith.constant dense<{{\[\[}}2.000000e+00, 4.000000e+00, 6.000000e+00], [8.000000e+00, 1.000000e+01, 1.200000e+01]]> : tensor<2x3xf32>
# ALPHABETA-DAG:   %[[B:.*]] = arith.constant dense<[5.000000e+00, 1.000000e+01]> : tensor<2xf32>
# ALPHABETA:       mnc.fully_connected %arg0, %[[W]] bias(%[[B]]) : (tensor<2x3xf32>, tensor<2x3xf32>, tensor<2xf32>) -> tensor<2x2xf32>

# SCALARC-LABEL: func.func @main
# SCALARC-DAG:   %[[W:.*]] = arith.constant dense<{{\[\[}}1.000000e+00, 2.000000e+00, 3.000000e+00], [4.000000e+00, 5.000000e+00, 6.000000e+00]]> : tensor<2x3xf32>
# SCALARC-DAG:   %[[B:.*]] = arith.constant dense<7.000000e+00> : tensor<2xf32>
# SCALARC:       mnc.fully_connected %arg0, %[[W]] bias(%[[B]]) : (tensor<2x3xf32>, tensor<2x3xf32>, tensor<2xf32>) -> tensor<2x2xf32>

# NOC-LABEL: func.func @main
# NOC-NEXT:    %[[W:.*]] = arith.constant dense<{{\[\[}}1.000000e+00, 2.000000e+00, 3.000000e+00], [4.000000e+00, 5.000000e+00, 6.000000e+00]]> : tensor<2x3xf32>
# NOC-NEXT:    %[[Y:.*]] = mnc.fully_connected %arg0, %[[W]] : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x2xf32>
# NOC-NEXT:    return %[[Y]]

# TRANSA-LABEL: func.func @main(%arg0: tensor<3x2xf32> {mnc.name = "a"}) -> (tensor<2x2xf32> {mnc.name = "y"})
# TRANSA-DAG:   %[[W:.*]] = arith.constant dense<{{\[\[}}1.000000e+00, 2.000000e+00, 3.000000e+00], [4.000000e+00, 5.000000e+00, 6.000000e+00]]> : tensor<2x3xf32>
# TRANSA-DAG:   %[[B:.*]] = arith.constant dense<[1.000000e+01, 2.000000e+01]> : tensor<2xf32>
# TRANSA-DAG:   %[[A:.*]] = mnc.transpose %arg0 {perm = array<i64: 1, 0>} : (tensor<3x2xf32>) -> tensor<2x3xf32>
# TRANSA:       mnc.fully_connected %[[A]], %[[W]] bias(%[[B]]) : (tensor<2x3xf32>, tensor<2x3xf32>, tensor<2xf32>) -> tensor<2x2xf32>

# SHARED-LABEL: func.func @main
# SHARED-DAG:   %[[W0:.*]] = arith.constant dense<{{\[\[}}1.000000e+00, 2.000000e+00, 3.000000e+00], [4.000000e+00, 5.000000e+00, 6.000000e+00]]> : tensor<2x3xf32>
# SHARED-DAG:   %[[B0:.*]] = arith.constant dense<[1.000000e+01, 2.000000e+01]> : tensor<2xf32>
# SHARED-DAG:   %[[W1:.*]] = arith.constant dense<{{\[\[}}2.000000e+00, 4.000000e+00, 6.000000e+00], [8.000000e+00, 1.000000e+01, 1.200000e+01]]> : tensor<2x3xf32>
# SHARED-DAG:   %[[B1:.*]] = arith.constant dense<[3.000000e+01, 6.000000e+01]> : tensor<2xf32>
# SHARED-DAG:   %[[Y0:.*]] = mnc.fully_connected %arg0, %[[W0]] bias(%[[B0]])
# SHARED-DAG:   %[[Y1:.*]] = mnc.fully_connected %arg0, %[[W1]] bias(%[[B1]])
# SHARED:       mnc.add %[[Y0]], %[[Y1]]
