# Shape computations as exporters emit them are evaluated at compile time:
# the output holds only the run-time ops (here one mnc.reshape), no shape ops
# and no leftover constants. Input x is [1, 8, 2, 2] unless noted.
#
# The flatten idiom of older torch exports (x.view(x.size(0), -1)) after a
# GlobalAveragePool: Shape -> Gather(0) -> Unsqueeze -> Concat([-1]) ->
# Reshape gives [1, 8]. Opset 11 (Unsqueeze axes attribute) and 13 (input).
# RUN: %python %s %t.f11.onnx flatten 11 && mnc-compile %t.f11.onnx --emit=mnc | FileCheck %s --check-prefix=FLATTEN
# RUN: %python %s %t.f13.onnx flatten 13 && mnc-compile %t.f13.onnx --emit=mnc | FileCheck %s --check-prefix=FLATTEN
# Slice of a shape: Concat(shape[0:1], [-1], shape[-1:]) = [1, -1, 2] -> [1, 16, 2].
# RUN: %python %s %t.sl.onnx slice 13 && mnc-compile %t.sl.onnx --emit=mnc | FileCheck %s --check-prefix=SLICE
# Cast and integer arithmetic: shape[1] = 8 -> float -> / 2 -> int64 = 4;
# Concat([1], [4], [-1]) -> [1, 4, 8].
# RUN: %python %s %t.ca.onnx cast 13 && mnc-compile %t.ca.onnx --emit=mnc | FileCheck %s --check-prefix=CAST
# ConstantOfShape, Range, Equal and Where build per-axis factors:
# shape * [1, 1, 1, 2] / [1, 2, 1, 1] = [1, 4, 2, 4].
# RUN: %python %s %t.wh.onnx where 13 && mnc-compile %t.wh.onnx --emit=mnc | FileCheck %s --check-prefix=WHERE
# A reversing Slice (step -1 from the end to INT64_MIN) gives [2, 2, 8, 1];
# Gather with indices [-1, 1, 2] gives [2, 8, 2].
# RUN: %python %s %t.rv.onnx reverse 13 && mnc-compile %t.rv.onnx --emit=mnc | FileCheck %s --check-prefix=REVERSE
# Opset 15 Shape with start = -1: [2]; Concat([1, -1], it) -> [1, 16, 2].
# RUN: %python %s %t.st.onnx start 15 && mnc-compile %t.st.onnx --emit=mnc | FileCheck %s --check-prefix=SLICE

import sys

import numpy as np

from onnx_testlib import TensorProto, check, helper, make_model, save

variant, opset = sys.argv[2], int(sys.argv[3])
x = [("x", "float32", [1, 8, 2, 2])]
i64 = lambda v: np.array(v, np.int64)
node = helper.make_node
inits = {}


def const(name, value):
    """A Constant node, as torch emits for shape arithmetic."""
    return node("Constant", [], [name], value=helper.make_tensor(
        name, TensorProto.INT64 if value.dtype == np.int64 else TensorProto.FLOAT,
        value.shape, value.flatten().tolist()))


def unsqueeze0(src, dst):
    if opset < 13:
        return [node("Unsqueeze", [src], [dst], axes=[0])]
    return [const(dst + "_axes", i64([0])),
            node("Unsqueeze", [src, dst + "_axes"], [dst])]


if variant == "flatten":
    nodes = [node("GlobalAveragePool", ["x"], ["g"], name="gap"),
             node("Shape", ["g"], ["s"]),
             const("zero", i64(0)),
             node("Gather", ["s", "zero"], ["n"], axis=0),
             *unsqueeze0("n", "n1"),
             const("minus1", i64([-1])),
             node("Concat", ["n1", "minus1"], ["target"], axis=0),
             node("Reshape", ["g", "target"], ["y"], name="flatten")]
    out = [1, 8]
elif variant == "slice":
    inits = {"b0": i64([0]), "e0": i64([1]), "b1": i64([-1]),
             "e1": i64([np.iinfo(np.int64).max]), "axes": i64([0]),
             "steps": i64([1]), "minus1": i64([-1])}
    nodes = [node("Shape", ["x"], ["s"]),
             node("Slice", ["s", "b0", "e0"], ["head"]),
             node("Slice", ["s", "b1", "e1", "axes", "steps"], ["tail"]),
             node("Concat", ["head", "minus1", "tail"], ["target"], axis=0),
             node("Reshape", ["x", "target"], ["y"], name="reshape")]
    out = [1, 16, 2]
elif variant == "cast":
    nodes = [node("Shape", ["x"], ["s"]),
             const("one", i64(1)),
             node("Gather", ["s", "one"], ["c"], axis=0),
             node("Cast", ["c"], ["cf"], to=TensorProto.FLOAT),
             const("two", np.array(2, np.float32)),
             node("Div", ["cf", "two"], ["half"]),
             node("Cast", ["half"], ["hi"], to=TensorProto.INT64),
             *unsqueeze0("hi", "h1"),
             const("lead", i64([1])),
             const("minus1", i64([-1])),
             node("Concat", ["lead", "h1", "minus1"], ["target"], axis=0),
             node("Reshape", ["x", "target"], ["y"], name="reshape")]
    out = [1, 4, 8]
elif variant == "where":
    fill = lambda v: helper.make_tensor("v", TensorProto.INT64, [1], [v])
    inits = {"zero": i64(0), "one": i64(1), "three": i64(3)}
    nodes = [node("Shape", ["x"], ["s"]),
             node("Shape", ["s"], ["rank"]),
             node("Squeeze", ["rank"], ["limit"]),
             node("Range", ["zero", "limit", "one"], ["idx"]),
             node("ConstantOfShape", ["rank"], ["ones"], value=fill(1)),
             node("ConstantOfShape", ["rank"], ["twos"], value=fill(2)),
             node("Equal", ["idx", "three"], ["is3"]),
             node("Where", ["is3", "twos", "ones"], ["mul_by"]),
             node("Equal", ["idx", "one"], ["is1"]),
             node("Where", ["is1", "twos", "ones"], ["div_by"]),
             node("Mul", ["s", "mul_by"], ["grown"]),
             node("Div", ["grown", "div_by"], ["target"]),
             node("Reshape", ["x", "target"], ["y"], name="reshape")]
    out = [1, 4, 2, 4]
elif variant == "reverse":
    inits = {"start": i64([-1]), "end": i64([np.iinfo(np.int64).min]),
             "axes": i64([0]), "steps": i64([-1]), "indices": i64([-1, 1, 2])}
    nodes = [node("Shape", ["x"], ["s"]),
             node("Slice", ["s", "start", "end", "axes", "steps"], ["reversed"]),
             node("Gather", ["s", "indices"], ["picked"], axis=0),
             node("Reshape", ["x", "reversed"], ["y"], name="reshape_0"),
             node("Reshape", ["x", "picked"], ["y2"], name="reshape_1")]
    out = [2, 2, 8, 1]
else:
    nodes = [node("Shape", ["x"], ["tail"], start=-1),
             const("lead", i64([1, -1])),
             node("Concat", ["lead", "tail"], ["target"], axis=0),
             node("Reshape", ["x", "target"], ["y"], name="reshape")]
    out = [1, 16, 2]
outputs = [("y", "float32", out)]
if variant == "reverse":
    outputs.append(("y2", "float32", [2, 8, 2]))
save(check(make_model(nodes, x, outputs, inits, opset=opset)), sys.argv[1])

# FLATTEN-LABEL: func.func @main(%arg0: tensor<1x8x2x2xf32> {mnc.name = "x"}) -> (tensor<1x8xf32> {mnc.name = "y"})
# FLATTEN-NEXT:  %[[G:.*]] = mnc.global_avg_pool %arg0 : (tensor<1x8x2x2xf32>) -> tensor<1x8x1x1xf32>
# FLATTEN-NEXT:  %[[Y:.*]] = mnc.reshape %[[G]] : (tensor<1x8x1x1xf32>) -> tensor<1x8xf32>
# FLATTEN-NEXT:  return %[[Y]] : tensor<1x8xf32>

# SLICE-LABEL: func.func @main(%arg0: tensor<1x8x2x2xf32> {mnc.name = "x"}) -> (tensor<1x16x2xf32> {mnc.name = "y"})
# SLICE-NEXT:  %[[Y:.*]] = mnc.reshape %arg0 : (tensor<1x8x2x2xf32>) -> tensor<1x16x2xf32>
# SLICE-NEXT:  return %[[Y]] : tensor<1x16x2xf32>

# CAST-LABEL: func.func @main(%arg0: tensor<1x8x2x2xf32> {mnc.name = "x"}) -> (tensor<1x4x8xf32> {mnc.name = "y"})
# CAST-NEXT:  %[[Y:.*]] = mnc.reshape %arg0 : (tensor<1x8x2x2xf32>) -> tensor<1x4x8xf32>
# CAST-NEXT:  return %[[Y]] : tensor<1x4x8xf32>

# WHERE-LABEL: func.func @main(%arg0: tensor<1x8x2x2xf32> {mnc.name = "x"}) -> (tensor<1x4x2x4xf32> {mnc.name = "y"})
# WHERE-NEXT:  %[[Y:.*]] = mnc.reshape %arg0 : (tensor<1x8x2x2xf32>) -> tensor<1x4x2x4xf32>
# WHERE-NEXT:  return %[[Y]] : tensor<1x4x2x4xf32>

# REVERSE-LABEL: func.func @main(%arg0: tensor<1x8x2x2xf32> {mnc.name = "x"}) -> (tensor<2x2x8x1xf32> {mnc.name = "y"}, tensor<2x8x2xf32> {mnc.name = "y2"})
# REVERSE-NEXT:  %[[Y:.*]] = mnc.reshape %arg0 : (tensor<1x8x2x2xf32>) -> tensor<2x2x8x1xf32>
# REVERSE-NEXT:  %[[Y2:.*]] = mnc.reshape %arg0 : (tensor<1x8x2x2xf32>) -> tensor<2x8x2xf32>
# REVERSE-NEXT:  return %[[Y]], %[[Y2]]
