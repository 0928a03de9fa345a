# Explicit zero Pad nodes before convolutions (tf2onnx's idiom for "SAME"
# padding) fold into the convolutions' own pads (the mnc.conv2d
# canonicalization); asymmetric pads, a conv that already pads, dilations and
# groups all have to give ONNX Runtime's result, folded or not (--fuse=false
# keeps the mnc.pad).
# RUN: %python %s %t.onnx
# RUN: mnc-compile %t.onnx --emit=fused | FileCheck %s --check-prefix=FUSED
# RUN: %python %testlib/e2e_check.py --compiler mnc-compile --model %t.onnx --workdir %t.fused | FileCheck %s
# RUN: %python %testlib/e2e_check.py --compiler mnc-compile --model %t.onnx --workdir %t.unfused -- --fuse=false | FileCheck %s
# CHECK: PASS

# FUSED-NOT: mnc.pad
# FUSED: mnc.conv2d %arg0, {{.*}}dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>
# FUSED: mnc.conv2d %arg0, {{.*}}dilations = array<i64: 2, 2>, groups = 3 : i64, pads = array<i64: 3, 1, 2, 4>, strides = array<i64: 1, 1>
# FUSED-NOT: mnc.pad

import sys

import numpy as np

from onnx_testlib import check, helper, make_model, rand, save

i64 = lambda v: np.array(v, np.int64)
nodes = [
    # Pad top 0, left 1, bottom 1, right 0 on a conv padding top 1, right 1:
    # together 1 on every side; 3x3 stride 2 on 16x16 -> 8x8.
    helper.make_node("Pad", ["x", "pads_a"], ["pa"], name="pad_a", mode="constant"),
    helper.make_node("Conv", ["pa", "wa", "ba"], ["ya"], name="conv_a",
                     strides=[2, 2], pads=[1, 0, 0, 1], kernel_shape=[3, 3]),
    # Pad top 3, left 1, bottom 2, right 4 with an explicit 0 value; depthwise
    # 5x5 with dilation 2 (extent 9): 21x21 -> 13x13.
    helper.make_node("Pad", ["x", "pads_b", "zero"], ["pb"], name="pad_b"),
    helper.make_node("Conv", ["pb", "wb"], ["yb"], name="conv_b", group=3,
                     kernel_shape=[5, 5], dilations=[2, 2]),
    helper.make_node("Flatten", ["ya"], ["fa"], name="flatten_a"),
    helper.make_node("Flatten", ["yb"], ["fb"], name="flatten_b"),
    helper.make_node("Concat", ["fa", "fb"], ["y"], name="concat", axis=1),
]
inits = {"pads_a": i64([0, 0, 0, 1, 0, 0, 1, 0]), "wa": rand([8, 3, 3, 3], seed=1),
         "ba": rand([8], seed=2), "pads_b": i64([0, 0, 3, 1, 0, 0, 2, 4]),
         "zero": np.array(0.0, np.float32), "wb": rand([3, 1, 5, 5], seed=3)}
model = make_model(nodes, [("x", "float32", [1, 3, 16, 16])],
                   [("y", "float32", [1, 8 * 8 * 8 + 3 * 13 * 13])], inits)
save(check(model), sys.argv[1])
