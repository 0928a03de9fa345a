# Pad (constant mode) becomes mnc.pad with ONNX's [begins..., ends...] pads.
# Input [1, 2, 5, 5].
#
# Opset 13, as tf2onnx emits it before a stride-2 convolution: pads
# [0, 0, 0, 0, 0, 0, 1, 1] -> [1, 2, 6, 6]; no constant_value means 0. The
# 3x3 stride-2 Conv then gives (6 - 3) / 2 + 1 = 2.
# RUN: %python %s %t.tf.onnx 13 tf2onnx && mnc-compile %t.tf.onnx --emit=mnc | FileCheck %s --check-prefix=TF
# Opset 11 with a constant_value input of 0.5, pads [0, 0, 1, 2, 0, 0, 3, 4]
# -> [1, 2, 9, 11].
# RUN: %python %s %t.11.onnx 11 value && mnc-compile %t.11.onnx --emit=mnc | FileCheck %s --check-prefix=VALUE
# Opset 10: pads and value are attributes (same pads, value 1.5).
# RUN: %python %s %t.10.onnx 10 attrs && mnc-compile %t.10.onnx --emit=mnc | FileCheck %s --check-prefix=ATTRS
# Opset 18: an axes input [2, 3] with pads [1, 0, 0, 2] expands to
# [0, 0, 1, 0, 0, 0, 0, 2] -> [1, 2, 6, 7].
# RUN: %python %s %t.18.onnx 18 axes && mnc-compile %t.18.onnx --emit=mnc | FileCheck %s --check-prefix=AXES
# Opset 18: negative axes [-1] with pads [2, 3] -> [0, 0, 0, 2, 0, 0, 0, 3]
# -> [1, 2, 5, 10].
# RUN: %python %s %t.18n.onnx 18 negative-axes && mnc-compile %t.18n.onnx --emit=mnc | FileCheck %s --check-prefix=NEGAXES

import sys

import numpy as np

from onnx_testlib import check, helper, make_model, rand, save

opset, variant = int(sys.argv[2]), sys.argv[3]
x = [("x", "float32", [1, 2, 5, 5])]
i64 = lambda v: np.array(v, np.int64)
inits = {}
nodes = []
if variant == "tf2onnx":
    nodes = [helper.make_node("Pad", ["x", "pads"], ["p"], name="pad_0", mode="constant"),
             helper.make_node("Conv", ["p", "w"], ["y"], name="conv_0",
                              strides=[2, 2], kernel_shape=[3, 3])]
    inits = {"pads": i64([0, 0, 0, 0, 0, 0, 1, 1]),
             "w": rand([4, 2, 3, 3], seed=1)}
    out = [1, 4, 2, 2]
elif variant == "value":
    nodes = [helper.make_node("Pad", ["x", "pads", "value"], ["y"], name="pad_0")]
    inits = {"pads": i64([0, 0, 1, 2, 0, 0, 3, 4]),
             "value": np.array(0.5, np.float32)}
    out = [1, 2, 9, 11]
elif variant == "attrs":
    nodes = [helper.make_node("Pad", ["x"], ["y"], name="pad_0", mode="constant",
                              pads=[0, 0, 1, 2, 0, 0, 3, 4], value=1.5)]
    out = [1, 2, 9, 11]
elif variant == "axes":
    nodes = [helper.make_node("Pad", ["x", "pads", "", "axes"], ["y"], name="pad_0")]
    inits = {"pads": i64([1, 0, 0, 2]), "axes": i64([2, 3])}
    out = [1, 2, 6, 7]
else:
    nodes = [helper.make_node("Pad", ["x", "pads", "", "axes"], ["y"], name="pad_0")]
    inits = {"pads": i64([2, 3]), "axes": i64([-1])}
    out = [1, 2, 5, 10]
model = make_model(nodes, x, [("y", "float32", out)], inits, opset=opset)
save(check(model) if opset <= 17 else model, sys.argv[1])

# TF-LABEL: func.func @main(%arg0: tensor<1x2x5x5xf32> {mnc.name = "x"}) -> (tensor<1x4x2x2xf32> {mnc.name = "y"})
# TF-NEXT:  %[[P:.*]] = mnc.pad %arg0 {pads = array<i64: 0, 0, 0, 0, 0, 0, 1, 1>, value = 0.000000e+00 : f32} : (tensor<1x2x5x5xf32>) -> tensor<1x2x6x6xf32>
# TF-NEXT:  %[[W:.*]] = arith.constant dense<{{.*}}> : tensor<4x2x3x3xf32>
# TF-NEXT:  %[[Y:.*]] = mnc.conv2d %[[P]], %[[W]] {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 2, 2>} : (tensor<1x2x6x6xf32>, tensor<4x2x3x3xf32>) -> tensor<1x4x2x2xf32>
# TF-NEXT:  return %[[Y]] : tensor<1x4x2x2xf32>

# VALUE-LABEL: func.func @main
# VALUE-NEXT:  mnc.pad %arg0 {pads = array<i64: 0, 0, 1, 2, 0, 0, 3, 4>, value = 5.000000e-01 : f32} : (tensor<1x2x5x5xf32>) -> tensor<1x2x9x11xf32>

# ATTRS-LABEL: func.func @main
# ATTRS-NEXT:  mnc.pad %arg0 {pads = array<i64: 0, 0, 1, 2, 0, 0, 3, 4>, value = 1.500000e+00 : f32} : (tensor<1x2x5x5xf32>) -> tensor<1x2x9x11xf32>

# AXES-LABEL: func.func @main
# AXES-NEXT:  mnc.pad %arg0 {pads = array<i64: 0, 0, 1, 0, 0, 0, 0, 2>, value = 0.000000e+00 : f32} : (tensor<1x2x5x5xf32>) -> tensor<1x2x6x7xf32>

# NEGAXES-LABEL: func.func @main
# NEGAXES-NEXT:  mnc.pad %arg0 {pads = array<i64: 0, 0, 0, 2, 0, 0, 0, 3>, value = 0.000000e+00 : f32} : (tensor<1x2x5x5xf32>) -> tensor<1x2x5x10xf32>
