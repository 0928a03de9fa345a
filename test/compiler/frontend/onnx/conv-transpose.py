# ConvTranspose becomes mnc.conv_transpose with its pads, from `pads`,
# `output_shape` or `auto_pad` (the total split in half, the odd element at
# the start except for SAME_UPPER, as ONNX and ONNX Runtime do; an
# output_shape beyond the full result extends it like output_padding).
# RUN: %python %s %t.pads.onnx pads && mnc-compile %t.pads.onnx --emit=mnc | FileCheck %s --check-prefix=PADS
# RUN: %python %s %t.upper.onnx upper && mnc-compile %t.upper.onnx --emit=mnc | FileCheck %s --check-prefix=UPPER
# RUN: %python %s %t.big.onnx big && mnc-compile %t.big.onnx --emit=mnc | FileCheck %s --check-prefix=BIG
# One-line refusals.
# RUN: %python %s %t.1d.onnx 1d && not mnc-compile %t.1d.onnx --emit=mnc 2>&1 | FileCheck %s --check-prefix=ONED -DFILE=%t.1d.onnx
# RUN: %python %s %t.bias.onnx bias && not mnc-compile %t.bias.onnx --emit=mnc 2>&1 | FileCheck %s --check-prefix=BIAS -DFILE=%t.bias.onnx
# RUN: %python %s %t.w.onnx weight && not mnc-compile %t.w.onnx --emit=mnc 2>&1 | FileCheck %s --check-prefix=WEIGHT -DFILE=%t.w.onnx

# PADS: mnc.conv_transpose %arg0, %{{.*}} bias(%{{.*}}) {dilations = array<i64: 1, 1>, groups = 1 : i64, output_padding = array<i64: 1, 0>, pads = array<i64: 1, 0, 1, 2>, strides = array<i64: 2, 2>} : (tensor<1x2x4x4xf32>, tensor<2x3x3x3xf32>, tensor<3xf32>) -> tensor<1x3x8x7xf32>
# 3x3 stride 2 over 4x4: full 9, SAME_UPPER wants 8: total 1, at the end.
# UPPER: pads = array<i64: 0, 0, 1, 1>{{.*}} -> tensor<1x3x8x8xf32>
# output_shape 11 > full 9: output_padding 2 more.
# BIG: output_padding = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>{{.*}} -> tensor<1x3x11x11xf32>
# ONED: [[FILE]]: error: node 0 'op' (ConvTranspose): only 2-D transposed convolutions are supported (rank-4 input and weight), got input [1, 2, 4] and weight [2, 3, 3]
# BIAS: [[FILE]]: error: node 0 'op' (ConvTranspose): bias shape [2] must be [3]
# WEIGHT: [[FILE]]: error: node 1 'op' (ConvTranspose): weight 'r' must be a compile-time constant (an initializer or a computation on them)

import sys

from onnx import helper

from onnx_testlib import make_model, rand, save

variant = sys.argv[2]
x = [("x", "float32", [1, 2, 4, 4])]
inits = {"w": rand([2, 3, 3, 3], seed=1), "b": rand([3], seed=2)}
attrs = {"kernel_shape": [3, 3], "strides": [2, 2]}
inputs = ["x", "w", "b"]
out = [1, 3, 8, 8]
nodes = []
if variant == "pads":
    attrs.update(pads=[1, 0, 1, 2], output_padding=[1, 0])
    out = [1, 3, 8, 7]
elif variant == "upper":
    attrs.update(auto_pad="SAME_UPPER")
elif variant == "big":
    attrs.update(output_shape=[11, 11])
    out = [1, 3, 11, 11]
elif variant == "1d":
    x = [("x", "float32", [1, 2, 4])]
    inits["w"] = rand([2, 3, 3], seed=1)
    attrs = {"kernel_shape": [3], "strides": [2]}
    out = [1, 3, 9]
elif variant == "bias":
    inits["b"] = rand([2], seed=2)
    out = [1, 3, 9, 9]
else:
    nodes = [helper.make_node("Relu", ["w0"], ["r"], name="relu")]
    x = x + [("w0", "float32", [2, 3, 3, 3])]
    inputs = ["x", "r"]
    out = [1, 3, 9, 9]
nodes.append(helper.make_node("ConvTranspose", inputs, ["y"], name="op", **attrs))
save(make_model(nodes, x, [("y", "float32", out)], inits, opset=13), sys.argv[1])
