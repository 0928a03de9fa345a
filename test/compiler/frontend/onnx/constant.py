# Constant nodes are compile-time tensors, materialized as arith.constant
# only where a run-time op uses them.
#
# value (a tensor): a per-channel [2, 1, 1] addend.
# RUN: %python %s %t.t.onnx tensor && mnc-compile %t.t.onnx --emit=mnc | FileCheck %s --check-prefix=TENSOR
# value_float: a rank-0 factor.
# RUN: %python %s %t.f.onnx float && mnc-compile %t.f.onnx --emit=mnc | FileCheck %s --check-prefix=FLOAT
# value_floats: a rank-1 [4] addend.
# RUN: %python %s %t.fs.onnx floats && mnc-compile %t.fs.onnx --emit=mnc | FileCheck %s --check-prefix=FLOATS
# value_ints: a Reshape target, used at compile time only (no constant).
# RUN: %python %s %t.i.onnx ints && mnc-compile %t.i.onnx --emit=mnc | FileCheck %s --check-prefix=INTS

import sys

import numpy as np

from onnx import numpy_helper

from onnx_testlib import check, helper, make_model, save

variant = sys.argv[2]
x = [("x", "float32", [1, 2, 2, 4])]
y = [("y", "float32", [1, 2, 2, 4])]
if variant == "tensor":
    const = helper.make_node("Constant", [], ["c"], value=numpy_helper.from_array(
        np.array([[[0.5]], [[-2.0]]], np.float32), "c"))
    op = helper.make_node("Add", ["x", "c"], ["y"], name="add_0")
elif variant == "float":
    const = helper.make_node("Constant", [], ["c"], value_float=0.25)
    op = helper.make_node("Mul", ["x", "c"], ["y"], name="mul_0")
elif variant == "floats":
    const = helper.make_node("Constant", [], ["c"], value_floats=[1.0, 2.0, 3.0, 4.0])
    op = helper.make_node("Add", ["x", "c"], ["y"], name="add_0")
else:
    const = helper.make_node("Constant", [], ["c"], value_ints=[2, -1])
    op = helper.make_node("Reshape", ["x", "c"], ["y"], name="reshape_0")
    y = [("y", "float32", [2, 8])]
save(check(make_model([const, op], x, y)), sys.argv[1])

# TENSOR-LABEL: func.func @main(%arg0: tensor<1x2x2x4xf32> {mnc.name = "x"}) -> (tensor<1x2x2x4xf32> {mnc.name = "y"})
# TENSOR-NEXT:  %[[C:.*]] = arith.constant dense<{{\[\[\[}}5.000000e-01]], {{\[\[}}-2.000000e+00]]]> : tensor<2x1x1xf32>
# TENSOR-NEXT:  %[[Y:.*]] = mnc.add %arg0, %[[C]] : (tensor<1x2x2x4xf32>, tensor<2x1x1xf32>) -> tensor<1x2x2x4xf32>
# TENSOR-NEXT:  return %[[Y]]

# FLOAT-LABEL: func.func @main
# FLOAT-NEXT:  %[[C:.*]] = arith.constant dense<2.500000e-01> : tensor<f32>
# FLOAT-NEXT:  %[[Y:.*]] = mnc.mul %arg0, %[[C]] : (tensor<1x2x2x4xf32>, tensor<f32>) -> tensor<1x2x2x4xf32>

# FLOATS-LABEL: func.func @main
# FLOATS-NEXT:  %[[C:.*]] = arith.constant dense<[1.000000e+00, 2.000000e+00, 3.000000e+00, 4.000000e+00]> : tensor<4xf32>
# FLOATS-NEXT:  %[[Y:.*]] = mnc.add %arg0, %[[C]] : (tensor<1x2x2x4xf32>, tensor<4xf32>) -> tensor<1x2x2x4xf32>

# INTS-LABEL: func.func @main(%arg0: tensor<1x2x2x4xf32> {mnc.name = "x"}) -> (tensor<2x8xf32> {mnc.name = "y"})
# INTS-NEXT:  %[[Y:.*]] = mnc.reshape %arg0 : (tensor<1x2x2x4xf32>) -> tensor<2x8xf32>
# INTS-NEXT:  return %[[Y]] : tensor<2x8xf32>
