# --outputs NAME[,NAME...] compiles the named tensors instead of the graph's
# outputs, and only the nodes they need: a tail of unsupported ops (here
# NonMaxSuppression-like TopK and an Erf) is cut off. Unknown names are one
# error each, with the graph's tensors closest in spelling.
# RUN: %python %s %t.onnx
# Without --outputs the tail's ops are refused.
# RUN: not mnc-compile %t.onnx --emit=mnc 2>&1 | FileCheck %s --check-prefix=WHOLE -DFILE=%t.onnx
# RUN: mnc-compile %t.onnx --emit=mnc --outputs scores,boxes | FileCheck %s --check-prefix=CUT
# The order of --outputs is the order of the results; a graph input may be one.
# RUN: mnc-compile %t.onnx --emit=mnc --outputs boxes,x | FileCheck %s --check-prefix=ORDER
# RUN: not mnc-compile %t.onnx --emit=mnc --outputs score,boxs,nothing_like_it 2>&1 | FileCheck %s --check-prefix=UNKNOWN -DFILE=%t.onnx
# End to end: the whole model cut by --outputs against ONNX Runtime on the
# same graph without its tail.
# RUN: %python %s %t.cut.onnx cut
# RUN: %python %testlib/multi_check.py --compiler mnc-compile --model %t.onnx --reference %t.cut.onnx --workdir %t.e2e -- --outputs scores,boxes | FileCheck %s --check-prefix=E2E

# WHOLE: [[FILE]]: error: node 4 'topk' (TopK): unsupported op
# WHOLE: [[FILE]]: error: node 5 'erf' (Erf): unsupported op

# CUT-LABEL: func.func @main(%arg0: tensor<1x3x8x8xf32> {mnc.name = "x"}) -> (tensor<1x4x8x8xf32> {mnc.name = "scores"}, tensor<1x256xf32> {mnc.name = "boxes"})
# CUT-NOT:   TopK
# ORDER-LABEL: func.func @main(%arg0: tensor<1x3x8x8xf32> {mnc.name = "x"}) -> (tensor<1x256xf32> {mnc.name = "boxes"}, tensor<1x3x8x8xf32> {mnc.name = "x"})

# UNKNOWN:      [[FILE]]: error: --outputs names 'score', which is no tensor of the graph; the closest: 'scores'
# UNKNOWN-NEXT: [[FILE]]: error: --outputs names 'boxs', which is no tensor of the graph; the closest: 'boxes'
# UNKNOWN-NEXT: [[FILE]]: error: --outputs names 'nothing_like_it', which is no tensor of the graph
# UNKNOWN-NOT:  error

# E2E: output 0 'scores': {{.*}} ok
# E2E: output 1 'boxes': {{.*}} ok
# E2E: PASS

import sys

import numpy as np
from onnx import helper

from onnx_testlib import make_model, rand, save

cut = len(sys.argv) > 2
nodes = [
    helper.make_node("Conv", ["x", "w", "b"], ["c"], name="conv", kernel_shape=[3, 3],
                     pads=[1, 1, 1, 1]),
    helper.make_node("Sigmoid", ["c"], ["scores"], name="sigmoid"),
    helper.make_node("Relu", ["c"], ["r"], name="relu"),
    helper.make_node("Flatten", ["r"], ["boxes"], name="flatten"),
]
if not cut:
    nodes += [
        helper.make_node("TopK", ["boxes", "k"], ["top", "indices"], name="topk", axis=1),
        helper.make_node("Erf", ["top"], ["y"], name="erf"),
    ]
inits = {"w": rand([4, 3, 3, 3], seed=1), "b": rand([4], seed=2)}
if cut:
    outputs = [("scores", "float32", [1, 4, 8, 8]), ("boxes", "float32", [1, 256])]
else:
    inits["k"] = np.array([5], np.int64)
    outputs = [("y", "float32", [1, 5]), ("indices", "int64", [1, 5])]
save(make_model(nodes, [("x", "float32", [1, 3, 8, 8])], outputs, inits, opset=13), sys.argv[1])
