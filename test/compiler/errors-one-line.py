# An error found after import, by a pass, is one line naming the file and
# the ONNX node (index, name, op type), without MLIR's dump of the operation,
# which --mlir-print-op-on-diagnostic still adds as a note when asked for.
# (The example is a convolution that imports but whose lowering refuses it:
# 2 groups of 2 channels. Replace it with another such op when grouped
# convolutions get their kernels.)
# RUN: %python %s %t.onnx
# RUN: not mnc-compile %t.onnx -o %t.out/libm.a 2>&1 | FileCheck %s -DFILE=%t.onnx
# RUN: not mnc-compile %t.onnx -o %t.out/libm.a 2>&1 | count 1
# RUN: not mnc-compile %t.onnx -o %t.out/libm.a --mlir-print-op-on-diagnostic 2>&1 | FileCheck %s -DFILE=%t.onnx --check-prefix=DUMP
# Nothing was written.
# RUN: not ls %t.out/libm.a

# CHECK: [[FILE]]: error: node 1 'grouped' (Conv): cannot lower 'mnc.conv2d': grouped convolutions (1 < groups < channels) are not supported yet
# DUMP:      [[FILE]]: error: node 1 'grouped' (Conv): cannot lower 'mnc.conv2d'
# DUMP-NEXT: [[FILE]]: note: node 1 'grouped' (Conv): see current operation: {{.*}}"mnc.conv2d"

import sys

from onnx_testlib import check, helper, make_model, rand, save

nodes = [
    helper.make_node("Relu", ["x"], ["r"], name="relu"),
    helper.make_node("Conv", ["r", "w"], ["y"], name="grouped", group=2,
                     kernel_shape=[3, 3]),
]
save(check(make_model(nodes, [("x", "float32", [1, 4, 8, 8])],
                      [("y", "float32", [1, 4, 6, 6])],
                      {"w": rand([4, 2, 3, 3], seed=1)})), sys.argv[1])
