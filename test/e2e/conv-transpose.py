# ConvTranspose end to end against ONNX Runtime: strides, pads, dilations,
# output_padding, output_shape (odd total padding), auto_pad SAME_UPPER and
# SAME_LOWER, groups, a channel multiplier, pads beyond the filter's reach
# (which crop), with a fused activation after it, between convolutions; and
# windows that do not overlap (kernel 3x2 = stride 3x2, bias, fused sigmoid:
# the pointwise vector kernel and a transpose).
# RUN: %python %s %t.onnx
# RUN: mnc-compile %t.onnx --emit=mnc | FileCheck %s --check-prefix=IMPORT
# RUN: %python %testlib/e2e_check.py --compiler mnc-compile --model %t.onnx --workdir %t.x86 | FileCheck %s
# RUN: %python %testlib/e2e_check.py --compiler mnc-compile --model %t.onnx --workdir %t.par --parallel 0 | FileCheck %s
# RUN: %python %testlib/e2e_check.py --compiler mnc-compile --model %t.onnx --workdir %t.unfused -- --fuse=false | FileCheck %s
# RUN: %if aarch64-cross %{ %python %testlib/e2e_check.py --compiler mnc-compile --model %t.onnx --workdir %t.a64 --cross aarch64 | FileCheck %s %}
# CHECK: PASS

# output_shape [15, 12] of a stride-2 3x3 over 7x6: the full 15x13 result
# padded by total 0 and 1, the odd one at the start (ONNX's rule, as ORT).
# IMPORT: mnc.conv_transpose {{.*}}output_padding = array<i64: 0, 0>, pads = array<i64: 0, 1, 0, 0>, strides = array<i64: 2, 2>
# IMPORT: mnc.conv_transpose {{.*}}pads = array<i64: 1, 1, 0, 0>{{.*}} : (tensor<1x8x15x12xf32>, tensor<8x3x3x3xf32>) -> tensor<1x6x30x24xf32>
# IMPORT: mnc.conv_transpose {{.*}} -> tensor<1x4x90x46xf32>
# IMPORT: mnc.conv_transpose {{.*}}groups = 4 : i64{{.*}} -> tensor<1x8x90x46xf32>
# IMPORT: mnc.conv_transpose {{.*}}strides = array<i64: 3, 2>{{.*}} -> tensor<1x6x270x92xf32>

import sys

from onnx import helper

from onnx_testlib import check, make_model, rand, save

nodes = [
    helper.make_node("Conv", ["x", "w0", "b0"], ["c0"], name="stem", kernel_shape=[3, 3],
                     pads=[1, 1, 1, 1]),
    helper.make_node("ConvTranspose", ["c0", "w1", "b1"], ["t1"], name="up_shape",
                     kernel_shape=[3, 3], strides=[2, 2], output_shape=[15, 12]),
    helper.make_node("Relu", ["t1"], ["r1"], name="relu"),
    # SAME_LOWER, groups = 2 (4 -> 3 channels each): 2 * 15 by 2 * 12 of the
    # full 31 by 25, the odd padding at the start.
    helper.make_node("ConvTranspose", ["r1", "w2"], ["t2"], name="up_same", group=2,
                     kernel_shape=[3, 3], strides=[2, 2], auto_pad="SAME_LOWER"),
    # Dilation 2, output_padding 1 (stride 3), pads 3 on the left crop
    # beyond the reach of 2 * (2 - 1) = 2.
    helper.make_node("ConvTranspose", ["t2", "w3", "b3"], ["t3"], name="dilated",
                     kernel_shape=[2, 2], strides=[3, 2], dilations=[2, 2], pads=[1, 3, 0, 1],
                     output_padding=[1, 1]),
    # Depthwise with a channel multiplier: groups = channels = 4, 2 each.
    helper.make_node("ConvTranspose", ["t3", "w4"], ["t4"], name="multiplier", group=4,
                     kernel_shape=[3, 3], strides=[1, 1], pads=[1, 1, 1, 1]),
    # Non-overlapping windows: kernel = stride (3x2), no pads.
    helper.make_node("ConvTranspose", ["t4", "w6", "b6"], ["t5"], name="tile",
                     kernel_shape=[3, 2], strides=[3, 2]),
    helper.make_node("Sigmoid", ["t5"], ["s5"], name="sigmoid"),
    helper.make_node("Conv", ["s5", "w5"], ["y"], name="head", kernel_shape=[1, 1]),
]
inits = {"w0": rand([8, 3, 3, 3], seed=1), "b0": rand([8], seed=2),
         "w1": rand([8, 8, 3, 3], seed=3), "b1": rand([8], seed=4),
         "w2": rand([8, 3, 3, 3], seed=5),
         "w3": rand([6, 4, 2, 2], seed=6), "b3": rand([4], seed=7),
         "w4": rand([4, 2, 3, 3], seed=8),
         "w5": rand([5, 6, 1, 1], seed=9),
         "w6": rand([8, 6, 3, 2], seed=10), "b6": rand([6], seed=11)}
model = make_model(nodes, [("x", "float32", [1, 3, 7, 6])],
                   [("y", "float32", [1, 5, 270, 92])], inits, opset=13)
save(check(model), sys.argv[1])
