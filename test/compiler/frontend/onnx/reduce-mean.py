# ReduceMean becomes mnc.reduce_mean with sorted, non-negative axes.
#
# Opset 13, axes attribute [2, 3], keepdims 1 (default): [1, 8, 1, 1].
# RUN: %python %s %t.k1.onnx 13 keep && mnc-compile %t.k1.onnx --emit=mnc | FileCheck %s --check-prefix=KEEP
# Opset 13, axes [-1, -2] (normalized and sorted to [2, 3]), keepdims 0: [1, 8].
# RUN: %python %s %t.k0.onnx 13 drop && mnc-compile %t.k0.onnx --emit=mnc | FileCheck %s --check-prefix=DROP
# Opset 18, axes as a constant input [3, 2], keepdims 0: [1, 8].
# RUN: %python %s %t.18.onnx 18 drop && mnc-compile %t.18.onnx --emit=mnc | FileCheck %s --check-prefix=DROP
# Opset 18, axes input [1] and keepdims 1: [1, 1, 5, 7].
# RUN: %python %s %t.18c.onnx 18 channel && mnc-compile %t.18c.onnx --emit=mnc | FileCheck %s --check-prefix=CHANNEL
# No axes: every axis is reduced (opset 13 attribute form and opset 18).
# RUN: %python %s %t.all13.onnx 13 all && mnc-compile %t.all13.onnx --emit=mnc | FileCheck %s --check-prefix=ALL
# RUN: %python %s %t.all18.onnx 18 all && mnc-compile %t.all18.onnx --emit=mnc | FileCheck %s --check-prefix=ALL
# Opset 18, no axes and noop_with_empty_axes = 1: the input passes through
# (a Relu after it shows what its result is).
# RUN: %python %s %t.noop.onnx 18 noop && mnc-compile %t.noop.onnx --emit=mnc | FileCheck %s --check-prefix=NOOP
# The same with an empty axes tensor.
# RUN: %python %s %t.noope.onnx 18 noop-empty && mnc-compile %t.noope.onnx --emit=mnc | FileCheck %s --check-prefix=NOOP

import sys

import numpy as np

from onnx_testlib import check, helper, make_model, save

opset, variant = int(sys.argv[2]), sys.argv[3]
x = [("x", "float32", [1, 8, 5, 7])]
attrs, inputs, inits = {}, ["x"], {}
out = {"keep": [1, 8, 1, 1], "drop": [1, 8], "channel": [1, 1, 5, 7],
       "all": [1, 1, 1, 1], "noop": [1, 8, 5, 7], "noop-empty": [1, 8, 5, 7]}[variant]
axes = {"keep": [2, 3], "drop": [-1, -2] if opset < 18 else [3, 2],
        "channel": [1]}.get(variant)
if variant == "drop":
    attrs["keepdims"] = 0
if variant.startswith("noop"):
    attrs["noop_with_empty_axes"] = 1
if variant == "noop-empty":
    inputs.append("axes")
    inits["axes"] = np.zeros([0], np.int64)
if axes is not None:
    if opset < 18:
        attrs["axes"] = axes
    else:
        inputs.append("axes")
        inits["axes"] = np.array(axes, np.int64)
nodes = [helper.make_node("ReduceMean", inputs, ["m"], name="reducemean_0", **attrs),
         helper.make_node("Relu", ["m"], ["y"], name="relu_0")]
model = make_model(nodes, x, [("y", "float32", out)], inits, opset=opset)
save(check(model) if opset <= 17 else model, sys.argv[1])

# KEEP-LABEL: func.func @main(%arg0: tensor<1x8x5x7xf32> {mnc.name = "x"}) -> (tensor<1x8x1x1xf32> {mnc.name = "y"})
# KEEP-NEXT:  %[[M:.*]] = mnc.reduce_mean %arg0 {axes = array<i64: 2, 3>, keepdims = true} : (tensor<1x8x5x7xf32>) -> tensor<1x8x1x1xf32>
# KEEP-NEXT:  mnc.relu %[[M]] : tensor<1x8x1x1xf32>

# DROP-LABEL: func.func @main(%arg0: tensor<1x8x5x7xf32> {mnc.name = "x"}) -> (tensor<1x8xf32> {mnc.name = "y"})
# DROP-NEXT:  %[[M:.*]] = mnc.reduce_mean %arg0 {axes = array<i64: 2, 3>, keepdims = false} : (tensor<1x8x5x7xf32>) -> tensor<1x8xf32>
# DROP-NEXT:  mnc.relu %[[M]] : tensor<1x8xf32>

# CHANNEL-LABEL: func.func @main
# CHANNEL-NEXT:  mnc.reduce_mean %arg0 {axes = array<i64: 1>, keepdims = true} : (tensor<1x8x5x7xf32>) -> tensor<1x1x5x7xf32>

# ALL-LABEL: func.func @main
# ALL-NEXT:  mnc.reduce_mean %arg0 {axes = array<i64: 0, 1, 2, 3>, keepdims = true} : (tensor<1x8x5x7xf32>) -> tensor<1x1x1x1xf32>

# NOOP-LABEL: func.func @main(%arg0: tensor<1x8x5x7xf32> {mnc.name = "x"}) -> (tensor<1x8x5x7xf32> {mnc.name = "y"})
# NOOP-NEXT:  %[[Y:.*]] = mnc.relu %arg0 : tensor<1x8x5x7xf32>
# NOOP-NEXT:  return %[[Y]]
