# --report gives a ConvTranspose its MACs (every input element times
# F / groups x KH x KW taps: 1x4x5x5 = 100 elements x 3 x 2 x 2 = 1200), its
# weight bytes (filter 4x3x2x2 and bias 3: 51 floats = 204 bytes) and its
# fused activation, its kind and the bytes it moves (100 floats in, 300 out).
# RUN: %python %s %t.onnx && mnc-compile %t.onnx --emit=fused -o %t.mlir --report | FileCheck %s
# CHECK: 0    conv_transpose   transposed 2x2 s2 1x4x5x5 -> 1x3x10x10 {{ *}}relu {{ *}}1200 {{ *}}204 {{ *}}1600
# CHECK: total: 1 layers

import sys

from onnx import helper

from onnx_testlib import check, make_model, rand, save

nodes = [helper.make_node("ConvTranspose", ["x", "w", "b"], ["t"], name="up",
                          kernel_shape=[2, 2], strides=[2, 2]),
         helper.make_node("Relu", ["t"], ["y"], name="relu")]
model = make_model(nodes, [("x", "float32", [1, 4, 5, 5])], [("y", "float32", [1, 3, 10, 10])],
                   {"w": rand([4, 3, 2, 2], seed=1), "b": rand([3], seed=2)})
save(check(model), sys.argv[1])
