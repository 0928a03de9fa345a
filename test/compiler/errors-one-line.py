# An error found after import, by a pass, is one line naming the file and
# the ONNX node (index, name, op type), without MLIR's dump of the operation,
# which --mlir-print-op-on-diagnostic still adds as a note when asked for.
# (The example is an op that imports but has no lowering yet: AveragePool.
# Replace it with another such op when pooling gets its kernels.)
# RUN: %python %s %t.onnx
# RUN: not mnc-compile %t.onnx -o %t.out/libm.a 2>&1 | FileCheck %s -DFILE=%t.onnx
# RUN: not mnc-compile %t.onnx -o %t.out/libm.a 2>&1 | count 1
# RUN: not mnc-compile %t.onnx -o %t.out/libm.a --mlir-print-op-on-diagnostic 2>&1 | FileCheck %s -DFILE=%t.onnx --check-prefix=DUMP
# Nothing was written.
# RUN: not ls %t.out/libm.a

# CHECK: [[FILE]]: error: node 1 'pool' (AveragePool): cannot lower 'mnc.avg_pool': this operation has no lowering to linalg yet
# DUMP:      [[FILE]]: error: node 1 'pool' (AveragePool): cannot lower 'mnc.avg_pool'
# DUMP-NEXT: [[FILE]]: note: node 1 'pool' (AveragePool): see current operation: {{.*}}"mnc.avg_pool"

import sys

from onnx_testlib import check, helper, make_model, save

nodes = [
    helper.make_node("Relu", ["x"], ["r"], name="relu"),
    helper.make_node("AveragePool", ["r"], ["y"], name="pool", kernel_shape=[2, 2]),
]
save(check(make_model(nodes, [("x", "float32", [1, 4, 8, 8])],
                      [("y", "float32", [1, 4, 7, 7])])), sys.argv[1])
