# Conv weights must be known at compile time; one computed from the run-time
# input is an error that names the node and the tensor. A MatMul or Gemm B
# computed at run time is the weight of a fully connected layer, transposed
# at run time (e2e/matmul-computed.py checks the numbers).
#
# Conv whose weight is Relu(x).
# RUN: %python %s %t.conv.onnx conv && not mnc-compile %t.conv.onnx --emit=mnc 2>&1 | FileCheck %s -DFILE=%t.conv.onnx --check-prefix=CONV
# Conv whose bias is computed at run time.
# RUN: %python %s %t.bias.onnx bias && not mnc-compile %t.bias.onnx --emit=mnc 2>&1 | FileCheck %s -DFILE=%t.bias.onnx --check-prefix=BIAS
# MatMul of two run-time tensors.
# RUN: %python %s %t.mm.onnx matmul && mnc-compile %t.mm.onnx --emit=mnc | FileCheck %s --check-prefix=MATMUL
# Gemm with a run-time B (transB = 1: used as it is).
# RUN: %python %s %t.gemm.onnx gemm && mnc-compile %t.gemm.onnx --emit=mnc | FileCheck %s --check-prefix=GEMM

import sys

import numpy as np

from onnx_testlib import check, helper, make_model, rand, save

variant = sys.argv[2]
node = helper.make_node
if variant == "conv":
    nodes = [node("Relu", ["x"], ["r"], name="relu_0"),
             node("Conv", ["x", "r"], ["y"], name="conv_1")]
    model = make_model(nodes, [("x", "float32", [1, 4, 3, 3])],
                       [("y", "float32", [1, 1, 1, 1])])
elif variant == "bias":
    nodes = [node("ReduceMean", ["x"], ["m"], name="mean_0", axes=[0, 2, 3],
                  keepdims=0),
             node("Conv", ["x", "w", "m"], ["y"], name="conv_1")]
    model = make_model(nodes, [("x", "float32", [1, 4, 3, 3])],
                       [("y", "float32", [1, 4, 3, 3])],
                       {"w": rand([4, 4, 1, 1], seed=1)})
elif variant == "matmul":
    nodes = [node("Transpose", ["x"], ["t"], name="transpose_0"),
             node("MatMul", ["x", "t"], ["y"], name="matmul_1")]
    model = make_model(nodes, [("x", "float32", [2, 3])],
                       [("y", "float32", [2, 2])])
else:
    nodes = [node("Relu", ["x"], ["t"], name="relu_0"),
             node("Gemm", ["x", "t"], ["y"], name="gemm_1", transB=1)]
    model = make_model(nodes, [("x", "float32", [2, 3])],
                       [("y", "float32", [2, 2])])
save(check(model), sys.argv[1])

# CONV:     [[FILE]]: error: node 1 'conv_1' (Conv): weight 'r' must be a compile-time constant (an initializer or a computation on them)
# CONV-NOT: error
# BIAS:     [[FILE]]: error: node 1 'conv_1' (Conv): bias 'm' must be a compile-time constant (an initializer or a computation on them)
# MATMUL-LABEL: func.func @main
# MATMUL:       %[[T:.*]] = mnc.transpose %arg0 {{.*}} -> tensor<3x2xf32>
# MATMUL:       %[[W:.*]] = mnc.transpose %[[T]] {{.*}} -> tensor<2x3xf32>
# MATMUL:       mnc.fully_connected %arg0, %[[W]] : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x2xf32>
# GEMM-LABEL:   func.func @main
# GEMM:         %[[R:.*]] = mnc.relu %arg0
# GEMM-NEXT:    mnc.fully_connected %arg0, %[[R]] : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x2xf32>
