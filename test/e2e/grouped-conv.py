# Grouped convolutions (1 < groups < channels) and depthwise convolutions
# with a channel multiplier, end to end against ONNX Runtime: strides,
# dilations, padding, bias, a fused activation and a fused residual add, fed
# by and feeding ordinary convolutions (whose vector kernels may write their
# output padded for the next convolution).
# RUN: %python %s %t.onnx
# RUN: mnc-compile %t.onnx --emit=fused | FileCheck %s --check-prefix=FUSED
# RUN: %python %testlib/e2e_check.py --compiler mnc-compile --model %t.onnx --workdir %t.x86 | FileCheck %s
# RUN: %python %testlib/e2e_check.py --compiler mnc-compile --model %t.onnx --workdir %t.avx2 -- --mattr=-avx512f | FileCheck %s
# RUN: %python %testlib/e2e_check.py --compiler mnc-compile --model %t.onnx --workdir %t.par --parallel 0 | FileCheck %s
# RUN: %python %testlib/e2e_check.py --compiler mnc-compile --model %t.onnx --workdir %t.unfused -- --fuse=false | FileCheck %s
# RUN: %if aarch64-cross %{ %python %testlib/e2e_check.py --compiler mnc-compile --model %t.onnx --workdir %t.a64 --cross aarch64 | FileCheck %s %}
# CHECK: PASS

# FUSED: mnc.conv2d {{.*}}groups = 2 : i64{{.*}} : (tensor<1x8x13x11xf32>, tensor<12x4x3x3xf32>, tensor<12xf32>) -> tensor<1x12x7x6xf32>
# FUSED: mnc.conv2d {{.*}}residual({{.*}}groups = 12 : i64{{.*}} : (tensor<1x12x7x6xf32>, tensor<24x1x3x3xf32>, tensor<24xf32>, tensor<1x24x7x6xf32>) -> tensor<1x24x7x6xf32>

import sys

from onnx import helper

from onnx_testlib import check, make_model, rand, save

nodes = [
    helper.make_node("Conv", ["x", "w0", "b0"], ["c0"], name="stem", kernel_shape=[3, 3],
                     pads=[1, 1, 1, 1]),
    # groups = 2: 4 input and 6 output channels per group, stride 2, padded.
    helper.make_node("Conv", ["c0", "w1", "b1"], ["c1"], name="grouped", group=2,
                     kernel_shape=[3, 3], pads=[1, 1, 1, 1], strides=[2, 2]),
    helper.make_node("Relu", ["c1"], ["r1"], name="relu"),
    # Channel multiplier 2, dilation 2.
    helper.make_node("Conv", ["r1", "w2", "b2"], ["c2"], name="multiplier", group=12,
                     kernel_shape=[3, 3], pads=[2, 2, 2, 2], dilations=[2, 2]),
    helper.make_node("Conv", ["r1", "w3"], ["skip"], name="skip", kernel_shape=[1, 1]),
    helper.make_node("Add", ["c2", "skip"], ["s"], name="residual"),
    # Unpadded grouped 1x1 (4 groups of 6 -> 4).
    helper.make_node("Conv", ["s", "w4", "b4"], ["y"], name="grouped_1x1", group=4,
                     kernel_shape=[1, 1]),
]
inits = {"w0": rand([8, 3, 3, 3], seed=1), "b0": rand([8], seed=2),
         "w1": rand([12, 4, 3, 3], seed=3), "b1": rand([12], seed=4),
         "w2": rand([24, 1, 3, 3], seed=5), "b2": rand([24], seed=6),
         "w3": rand([24, 12, 1, 1], seed=7),
         "w4": rand([16, 6, 1, 1], seed=8), "b4": rand([16], seed=9)}
model = make_model(nodes, [("x", "float32", [1, 3, 13, 11])],
                   [("y", "float32", [1, 16, 7, 6])], inits, opset=13)
save(check(model), sys.argv[1])
