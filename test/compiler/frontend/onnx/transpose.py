# Transpose becomes mnc.transpose: output dimension i is input dimension
# perm[i]; without perm the dimensions are reversed. Input [1, 2, 3, 4].
# RUN: %python %s %t.p.onnx perm && mnc-compile %t.p.onnx --emit=mnc | FileCheck %s --check-prefix=PERM
# RUN: %python %s %t.r.onnx reverse && mnc-compile %t.r.onnx --emit=mnc | FileCheck %s --check-prefix=REVERSE

import sys

from onnx_testlib import check, make_single_op_model, save

perm = sys.argv[2] == "perm"
save(check(make_single_op_model(
    "Transpose", [("x", "float32", [1, 2, 3, 4])],
    [("y", "float32", [1, 3, 4, 2] if perm else [4, 3, 2, 1])],
    attrs={"perm": [0, 2, 3, 1]} if perm else {})), sys.argv[1])

# PERM-LABEL: func.func @main(%arg0: tensor<1x2x3x4xf32> {mnc.name = "x"}) -> (tensor<1x3x4x2xf32> {mnc.name = "y"})
# PERM-NEXT:  %[[Y:.*]] = mnc.transpose %arg0 {perm = array<i64: 0, 2, 3, 1>} : (tensor<1x2x3x4xf32>) -> tensor<1x3x4x2xf32>
# PERM-NEXT:  return %[[Y]] : tensor<1x3x4x2xf32>

# REVERSE-LABEL: func.func @main(%arg0: tensor<1x2x3x4xf32> {mnc.name = "x"}) -> (tensor<4x3x2x1xf32> {mnc.name = "y"})
# REVERSE-NEXT:  %[[Y:.*]] = mnc.transpose %arg0 {perm = array<i64: 3, 2, 1, 0>} : (tensor<1x2x3x4xf32>) -> tensor<4x3x2x1xf32>
