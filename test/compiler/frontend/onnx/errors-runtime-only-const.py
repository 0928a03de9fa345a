# Ops the importer evaluates only at compile time (shape arithmetic) are
# errors on run-time tensors.
# RUN: %python %s %t.g.onnx Gather && not mnc-compile %t.g.onnx --emit=mnc 2>&1 | FileCheck %s -DFILE=%t.g.onnx --check-prefix=GATHER
# RUN: %python %s %t.n.onnx Neg && not mnc-compile %t.n.onnx --emit=mnc 2>&1 | FileCheck %s -DFILE=%t.n.onnx --check-prefix=NEG
# RUN: %python %s %t.s.onnx Slice && not mnc-compile %t.s.onnx --emit=mnc 2>&1 | FileCheck %s -DFILE=%t.s.onnx --check-prefix=SLICE

import sys

import numpy as np

from onnx_testlib import check, helper, make_model, save

op = sys.argv[2]
i64 = lambda v: np.array(v, np.int64)
inits = {}
if op == "Gather":
    nodes = [helper.make_node("Relu", ["x"], ["r"], name="relu_0"),
             helper.make_node("Gather", ["r", "i"], ["y"], name="gather_1", axis=1)]
    inits, out = {"i": i64(0)}, [1, 8, 8]
elif op == "Neg":
    nodes = [helper.make_node("Relu", ["x"], ["r"], name="relu_0"),
             helper.make_node("Neg", ["r"], ["y"], name="neg_1")]
    out = [1, 4, 8, 8]
else:
    nodes = [helper.make_node("Relu", ["x"], ["r"], name="relu_0"),
             helper.make_node("Slice", ["r", "b", "e", "a"], ["y"], name="slice_1")]
    inits, out = {"b": i64([0]), "e": i64([2]), "a": i64([1])}, [1, 2, 8, 8]
save(check(make_model(nodes, [("x", "float32", [1, 4, 8, 8])],
                      [("y", "float32", out)], inits)), sys.argv[1])

# GATHER:     [[FILE]]: error: node 1 'gather_1' (Gather): supported only on compile-time constants, but input 'r' is computed at run time
# GATHER-NOT: error
# NEG:        [[FILE]]: error: node 1 'neg_1' (Neg): supported only on compile-time constants, but input 'r' is computed at run time
# SLICE:      [[FILE]]: error: node 1 'slice_1' (Slice): supported only on compile-time constants, but input 'r' is computed at run time
