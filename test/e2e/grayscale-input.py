# A model whose input has one channel (a grayscale image): its first
# convolution, 1 -> 16 channels with groups = 1, is an ordinary convolution,
# not a depthwise one (a single input channel once made the lowering take it
# for a depthwise convolution with a channel multiplier and refuse it). With
# the host's kernels, AVX2's 8 lanes and AArch64's 4, the result must be ONNX
# Runtime's (test/passes/convert-mnc-to-linalg*.mlir check the lowering
# without vector kernels too).
# RUN: %python %s %t.onnx
# RUN: mnc-compile %t.onnx --emit=linalg | FileCheck %s --check-prefix=LINALG
# RUN: %python %testlib/e2e_check.py --compiler mnc-compile --model %t.onnx --workdir %t.host | FileCheck %s
# RUN: %python %testlib/e2e_check.py --compiler mnc-compile --model %t.onnx --workdir %t.avx2 -- --mattr=-avx512f | FileCheck %s
# RUN: %if aarch64-cross %{ %python %testlib/e2e_check.py --cross aarch64 --compiler mnc-compile --model %t.onnx --workdir %t.a64 -- --mcpu cortex-a76 | FileCheck %s %}
# CHECK: PASS

# LINALG-NOT: depthwise
# LINALG: func.func @main
# LINALG-NOT: depthwise

import sys

from onnx_testlib import check, helper, make_model, rand, save

nodes = [
    helper.make_node("Conv", ["x", "w1", "b1"], ["c1"], name="conv1",
                     kernel_shape=[3, 3], pads=[1, 1, 1, 1]),
    helper.make_node("Relu", ["c1"], ["r1"], name="relu1"),
    helper.make_node("Conv", ["r1", "w2", "b2"], ["y"], name="conv2",
                     kernel_shape=[1, 1]),
]
inits = {"w1": rand([16, 1, 3, 3], seed=1), "b1": rand([16], seed=2),
         "w2": rand([8, 16, 1, 1], seed=3), "b2": rand([8], seed=4)}
model = make_model(nodes, [("x", "float32", [1, 1, 32, 32])],
                   [("y", "float32", [1, 8, 32, 32])], inits)
save(check(model), sys.argv[1])
