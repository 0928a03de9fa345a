# BatchNormalization (inference form) becomes mnc.batch_norm with its four
# [C] parameters as constants, in ONNX's order scale, bias, mean, variance.
#
# Opset 9 form with an explicit epsilon, which is kept.
# RUN: %python %s %t.9.onnx 9 && mnc-compile %t.9.onnx --emit=mnc | FileCheck %s --check-prefixes=CHECK,EPS
# Opset 7 form (has the `spatial` attribute, 1 by default).
# RUN: %python %s %t.7.onnx 7 && mnc-compile %t.7.onnx --emit=mnc | FileCheck %s --check-prefixes=CHECK,EPS
# Opsets 14 and 15 (training_mode absent, so inference): epsilon defaults to 1e-5.
# RUN: %python %s %t.14.onnx 14 && mnc-compile %t.14.onnx --emit=mnc | FileCheck %s --check-prefixes=CHECK,DEFEPS
# RUN: %python %s %t.15.onnx 15 && mnc-compile %t.15.onnx --emit=mnc | FileCheck %s --check-prefixes=CHECK,DEFEPS
# training_mode = 0 given explicitly is inference too.
# RUN: %python %s %t.15t.onnx 15 training0 && mnc-compile %t.15t.onnx --emit=mnc | FileCheck %s --check-prefixes=CHECK,DEFEPS
# A rank-2 input (batch norm after a fully connected layer): C is axis 1.
# RUN: %python %s %t.r2.onnx 15 rank2 && mnc-compile %t.r2.onnx --emit=mnc | FileCheck %s --check-prefix=RANK2

import sys

import numpy as np

from onnx_testlib import check, make_single_op_model, save

opset = int(sys.argv[2])
extra = sys.argv[3] if len(sys.argv) > 3 else ""
shape = [2, 3] if extra == "rank2" else [1, 3, 4, 5]
attrs = {}
if opset < 14:
    attrs["epsilon"] = 1e-3
if opset == 7:
    attrs["spatial"] = 1
if extra == "training0":
    attrs["training_mode"] = 0
params = {
    "scale": np.array([1, 2, 3], np.float32),
    "bias": np.array([4, 5, 6], np.float32),
    "mean": np.array([7, 8, 9], np.float32),
    "var": np.array([10, 11, 12], np.float32),
}
save(check(make_single_op_model(
    "BatchNormalization", [("x", "float32", shape)], [("y", "float32", shape)],
    attrs=attrs, initializers=params, opset=opset)), sys.argv[1])

# CHECK-LABEL: func.func @main(%arg0: tensor<1x3x4x5xf32> {mnc.name = "x"}) -> (tensor<1x3x4x5xf32> {mnc.name = "y"})
# CHECK-DAG:   %[[S:.*]] = arith.constant dense<[1.000000e+00, 2.000000e+00, 3.000000e+00]> : tensor<3xf32>
# CHECK-DAG:   %[[B:.*]] = arith.constant dense<[4.000000e+00, 5.000000e+00, 6.000000e+00]> : tensor<3xf32>
# CHECK-DAG:   %[[M:.*]] = arith.constant dense<[7.000000e+00, 8.000000e+00, 9.000000e+00]> : tensor<3xf32>
# CHECK-DAG:   %[[V:.*]] = arith.constant dense<[1.000000e+01, 1.100000e+01, 1.200000e+01]> : tensor<3xf32>
# EPS:         %[[Y:.*]] = mnc.batch_norm %arg0, %[[S]], %[[B]], %[[M]], %[[V]] {epsilon = 1.000000e-03 : f32} : (tensor<1x3x4x5xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<1x3x4x5xf32>
# DEFEPS:      %[[Y:.*]] = mnc.batch_norm %arg0, %[[S]], %[[B]], %[[M]], %[[V]] {epsilon = 9.99999974E-6 : f32} : (tensor<1x3x4x5xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<1x3x4x5xf32>
# CHECK-NEXT:  return %[[Y]] : tensor<1x3x4x5xf32>

# RANK2-LABEL: func.func @main(%arg0: tensor<2x3xf32> {mnc.name = "x"}) -> (tensor<2x3xf32> {mnc.name = "y"})
# RANK2:       mnc.batch_norm %arg0, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}} {epsilon = 9.99999974E-6 : f32} : (tensor<2x3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
