# The vector kernels' edge cases against ONNX Runtime, for every register
# blocking mnc-compile picks: AVX-512 (16 lanes, 7x2 tiles), AVX2 (8 lanes,
# 6x2), SSE (4 lanes) and NEON (4 lanes, 6x4; under qemu). Channel counts
# that no block divides (3, 7, 13, 37: tails of 16/8/4/2/1 lanes), images
# whose pixel count no tile divides (11x13), a strided dilated full conv, a
# pointwise conv with h-swish and a residual add, a depthwise 5x5 stride 2
# and a fully connected layer whose 100 outputs are full channel tiles plus a
# tail, shared between threads in one loop.
# RUN: %python %s %t.onnx
# (AVX-512 code runs on a host with AVX-512 only; its IR is checked below everywhere.)
# RUN: %if host-avx512 %{ %python %testlib/e2e_check.py --compiler mnc-compile --model %t.onnx --workdir %t.avx512 -- --mcpu znver4 | FileCheck %s %}
# RUN: %python %testlib/e2e_check.py --compiler mnc-compile --model %t.onnx --workdir %t.avx2 -- --mcpu x86-64-v3 | FileCheck %s
# RUN: %python %testlib/e2e_check.py --compiler mnc-compile --model %t.onnx --workdir %t.sse -- --mcpu x86-64 | FileCheck %s
# RUN: %if aarch64-cross %{ %python %testlib/e2e_check.py --cross aarch64 --compiler mnc-compile --model %t.onnx --workdir %t.neon -- --mcpu cortex-a76 | FileCheck %s %}
# Split between two threads of the pool, and in pieces run out of order.
# RUN: %if host-avx512 %{ %python %testlib/e2e_check.py --compiler mnc-compile --model %t.onnx --workdir %t.pool --parallel 2 -- --mcpu znver4 | FileCheck %s %} %else %{ %python %testlib/e2e_check.py --compiler mnc-compile --model %t.onnx --workdir %t.pool-avx2 --parallel 2 -- --mcpu x86-64-v3 | FileCheck %s %}
# RUN: %python %testlib/e2e_check.py --compiler mnc-compile --model %t.onnx --workdir %t.pieces --parallel 0 -- --mcpu x86-64-v3 | FileCheck %s
# CHECK: PASS

# The tasks reach the buffers through the parallel context while NAME_main
# runs, so NAME_main's buffer arguments must not be noalias (they were:
# LLVM then moved main's own stores across the dispatcher's calls).
# RUN: mnc-compile %t.onnx --emit=llvm-ir -o %t.ll
# RUN: grep -E "^define internal .*_main\(" %t.ll > %t.main
# RUN: FileCheck %s --check-prefix=MAIN < %t.main
# RUN: not grep noalias %t.main
# RUN: grep -c "_task_0(" %t.ll
# MAIN: define internal {{.*}}_main(

# The kernels are what the conversion emits for each blocking.
# RUN: mnc-compile %t.onnx --emit=linalg --mcpu znver4 | FileCheck %s --check-prefix=AVX512
# AVX512: vector.fma {{.*}} : vector<16xf32>
# AVX512: vector.fma {{.*}} : vector<4xf32>
# AVX512-NOT: linalg.conv
# AVX512-NOT: linalg.depthwise
# AVX512-NOT: linalg.matmul
# RUN: mnc-compile %t.onnx --emit=linalg --mcpu x86-64-v3 | FileCheck %s --check-prefix=AVX2
# AVX2-NOT: vector<16xf32>
# AVX2: vector.fma {{.*}} : vector<8xf32>

import sys

import numpy as np

from onnx_testlib import check, helper, make_model, rand, save

nodes = [
    # Full 3x3 conv, stride 2, dilation 2, 3 -> 13 channels: 23x27 -> 11x14.
    helper.make_node("Conv", ["x", "w1", "b1"], ["c1"], name="conv_full",
                     strides=[2, 2], dilations=[2, 2], pads=[1, 2, 1, 2],
                     kernel_shape=[3, 3]),
    helper.make_node("Relu", ["c1"], ["r1"], name="relu"),
    # Pointwise 13 -> 37 channels over 154 pixels, h-swish.
    helper.make_node("Conv", ["r1", "w2", "b2"], ["c2"], name="conv_expand",
                     kernel_shape=[1, 1]),
    helper.make_node("HardSwish", ["c2"], ["h2"], name="hswish"),
    # Depthwise 5x5 stride 2 over 37 channels: 11x14 -> 6x7.
    helper.make_node("Conv", ["h2", "w3", "b3"], ["c3"], name="conv_dw",
                     group=37, strides=[2, 2], pads=[2, 2, 2, 2],
                     kernel_shape=[5, 5]),
    # Pointwise 37 -> 7 plus a residual of the same shape (the strided
    # input through another pointwise conv).
    helper.make_node("Conv", ["c3", "w4", "b4"], ["c4"], name="conv_project",
                     kernel_shape=[1, 1]),
    helper.make_node("Conv", ["x", "w5"], ["c5"], name="conv_skip",
                     strides=[4, 4], pads=[0, 1, 2, 1], kernel_shape=[3, 3]),
    helper.make_node("Add", ["c4", "c5"], ["a"], name="residual"),
    helper.make_node("GlobalAveragePool", ["a"], ["p"], name="pool"),
    helper.make_node("Flatten", ["p"], ["f"], name="flatten"),
    helper.make_node("Gemm", ["f", "w6", "b6"], ["g"], name="fc", transB=1),
    helper.make_node("Flatten", ["a"], ["fa"], name="flatten_map"),
    helper.make_node("Concat", ["g", "fa"], ["y"], name="concat", axis=1),
]
inits = {"w1": rand([13, 3, 3, 3], seed=1), "b1": rand([13], seed=2),
         "w2": rand([37, 13, 1, 1], seed=3), "b2": rand([37], seed=4),
         "w3": rand([37, 1, 5, 5], seed=5), "b3": rand([37], seed=6),
         "w4": rand([7, 37, 1, 1], seed=7), "b4": rand([7], seed=8),
         "w5": rand([7, 3, 3, 3], seed=9),
         "w6": rand([100, 7], seed=10), "b6": rand([100], seed=11)}
model = make_model(nodes, [("x", "float32", [1, 3, 23, 27])],
                   [("y", "float32", [1, 100 + 7 * 6 * 7])], inits, opset=14)
save(check(model), sys.argv[1])
