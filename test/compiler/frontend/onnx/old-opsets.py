# Opsets before 7, as PyTorch's old exporters wrote them: Add, Sub, Mul and
# Div broadcast only with broadcast = 1, the second input aligned with the
# first at `axis` (so [3] at axis 1 of [1, 3, 4, 4] is [3, 1, 1]); Concat's
# axis defaults to 1 before opset 4; Reshape (shape attribute before opset 5)
# and Pad (`paddings` before 2) are refused in their old forms.
# RUN: %python %s %t.axis.onnx axis && mnc-compile %t.axis.onnx --emit=mnc | FileCheck %s --check-prefix=AXIS
# RUN: %python %s %t.suffix.onnx suffix && mnc-compile %t.suffix.onnx --emit=mnc | FileCheck %s --check-prefix=SUFFIX
# RUN: %python %s %t.noflag.onnx noflag && not mnc-compile %t.noflag.onnx --emit=mnc 2>&1 | FileCheck %s --check-prefix=NOFLAG -DFILE=%t.noflag.onnx
# RUN: %python %s %t.badaxis.onnx badaxis && not mnc-compile %t.badaxis.onnx --emit=mnc 2>&1 | FileCheck %s --check-prefix=BADAXIS -DFILE=%t.badaxis.onnx
# RUN: %python %s %t.concat.onnx concat && mnc-compile %t.concat.onnx --emit=mnc | FileCheck %s --check-prefix=CONCAT
# RUN: %python %s %t.reshape.onnx reshape && not mnc-compile %t.reshape.onnx --emit=mnc 2>&1 | FileCheck %s --check-prefix=RESHAPE -DFILE=%t.reshape.onnx
# The folded (constant) form broadcasts the same way.
# RUN: %python %s %t.folded.onnx folded && mnc-compile %t.folded.onnx --emit=mnc | FileCheck %s --check-prefix=FOLDED
# (ONNX Runtime runs no opset before 7: the numbers of these forms are
# checked against ONNX's conformance data, test/conformance.)

# AXIS-LABEL: func.func @main
# AXIS:       %[[B:.*]] = mnc.reshape %{{.*}} : (tensor<3xf32>) -> tensor<3x1x1xf32>
# AXIS:       mnc.add %arg0, %[[B]] : (tensor<1x3x4x4xf32>, tensor<3x1x1xf32>) -> tensor<1x3x4x4xf32>
# SUFFIX-LABEL: func.func @main
# SUFFIX-NOT: mnc.reshape
# SUFFIX:     mnc.mul %arg0, %{{.*}} : (tensor<1x3x4x4xf32>, tensor<4xf32>) -> tensor<1x3x4x4xf32>
# NOFLAG:     [[FILE]]: error: node 0 'op' (Add): inputs of shapes [1, 3, 4, 4] and [3] need broadcast = 1 before opset 7
# BADAXIS:    [[FILE]]: error: node 0 'op' (Add): axis 2 does not align [3, 4, 5] with [1, 3, 4, 4]
# CONCAT:     mnc.concat %arg0, %{{.*}} {axis = 1 : i64} : (tensor<1x3x4x4xf32>, tensor<1x3x4x4xf32>) -> tensor<1x6x4x4xf32>
# RESHAPE:    [[FILE]]: error: node 0 'op' (Reshape): unsupported op in opset 4 (supported in opsets 5 to 21)
# FOLDED:     arith.constant dense<{{\[\[\[}}1.100000e+00, 1.200000e+00], [2.100000e+00, 2.200000e+00]]]> : tensor<1x2x2xf32>

import sys

import numpy as np
from onnx import helper

from onnx_testlib import make_model, rand, save

variant = sys.argv[2]
x = [("x", "float32", [1, 3, 4, 4])]
y = [("y", "float32", [1, 3, 4, 4])]
if variant in ("axis", "noflag", "badaxis", "suffix"):
    attrs = {"axis": 1, "broadcast": 1}
    shape = [3]
    if variant == "noflag":
        attrs = {}
    if variant == "badaxis":
        attrs, shape = {"axis": 2, "broadcast": 1}, [3, 4, 5]
    if variant == "suffix":
        attrs, shape = {"broadcast": 1}, [4]
    op = "Mul" if variant == "suffix" else "Add"
    nodes = [helper.make_node(op, ["x", "b"], ["y"], name="op", **attrs)]
    model = make_model(nodes, x, y, {"b": rand(shape, seed=1)}, opset=6)
elif variant == "concat":
    nodes = [helper.make_node("Concat", ["x", "c"], ["y"], name="op")]
    model = make_model(nodes, x, [("y", "float32", [1, 6, 4, 4])],
                       {"c": rand([1, 3, 4, 4], seed=1)}, opset=3)
elif variant == "reshape":
    nodes = [helper.make_node("Reshape", ["x"], ["y"], name="op", shape=[1, 48])]
    model = make_model(nodes, x, [("y", "float32", [1, 48])], opset=4)
else:
    # a[0, i, j] = i + 1 plus b = [0.1, 0.2] aligned with axis 2 (b[j]).
    a = np.array([[[1.0, 1.0], [2.0, 2.0]]], np.float32)
    b = np.array([0.1, 0.2], np.float32)
    nodes = [
        helper.make_node("Add", ["a", "b"], ["s"], name="op", broadcast=1, axis=2),
        helper.make_node("Add", ["x2", "s"], ["y"], name="use"),
    ]
    model = make_model(nodes, [("x2", "float32", [1, 2, 2])], [("y", "float32", [1, 2, 2])],
                       {"a": a, "b": b}, opset=6)
save(model, sys.argv[1])
