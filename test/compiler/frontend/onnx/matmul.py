# MatMul by a constant [K, N] B becomes mnc.fully_connected with the
# transposed [N, K] weight and no bias; a rank-3 A is flattened to rows and
# the result reshaped back.
#
# A [2, 3] x B [3, 2] = [[1, 2], [3, 4], [5, 6]] -> [2, 2].
# RUN: %python %s %t.2.onnx 2 && mnc-compile %t.2.onnx --emit=mnc | FileCheck %s --check-prefix=RANK2
# A [2, 5, 3] -> rows [10, 3] -> [10, 2] -> [2, 5, 2].
# RUN: %python %s %t.3.onnx 3 && mnc-compile %t.3.onnx --emit=mnc | FileCheck %s --check-prefix=RANK3

import sys

import numpy as np

from onnx_testlib import check, make_single_op_model, save

rank3 = sys.argv[2] == "3"
a, y = ([2, 5, 3], [2, 5, 2]) if rank3 else ([2, 3], [2, 2])
save(check(make_single_op_model(
    "MatMul", [("a", "float32", a)], [("y", "float32", y)],
    initializers={"B": np.array([[1, 2], [3, 4], [5, 6]], np.float32)})),
    sys.argv[1])

# RANK2-LABEL: func.func @main(%arg0: tensor<2x3xf32> {mnc.name = "a"}) -> (tensor<2x2xf32> {mnc.name = "y"})
# RANK2-NEXT:  %[[W:.*]] = arith.constant dense<{{\[\[}}1.000000e+00, 3.000000e+00, 5.000000e+00], [2.000000e+00, 4.000000e+00, 6.000000e+00]]> : tensor<2x3xf32>
# RANK2-NEXT:  %[[Y:.*]] = mnc.fully_connected %arg0, %[[W]] : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x2xf32>
# RANK2-NEXT:  return %[[Y]] : tensor<2x2xf32>

# RANK3-LABEL: func.func @main(%arg0: tensor<2x5x3xf32> {mnc.name = "a"}) -> (tensor<2x5x2xf32> {mnc.name = "y"})
# RANK3-DAG:   %[[W:.*]] = arith.constant dense<{{\[\[}}1.000000e+00, 3.000000e+00, 5.000000e+00], [2.000000e+00, 4.000000e+00, 6.000000e+00]]> : tensor<2x3xf32>
# RANK3-DAG:   %[[R:.*]] = mnc.reshape %arg0 : (tensor<2x5x3xf32>) -> tensor<10x3xf32>
# RANK3:       %[[F:.*]] = mnc.fully_connected %[[R]], %[[W]] : (tensor<10x3xf32>, tensor<2x3xf32>) -> tensor<10x2xf32>
# RANK3-NEXT:  %[[Y:.*]] = mnc.reshape %[[F]] : (tensor<10x2xf32>) -> tensor<2x5x2xf32>
# RANK3-NEXT:  return %[[Y]] : tensor<2x5x2xf32>
