# Every unsupported op is reported in one run, each with the file, node index,
# node name and op type, then a summary line; nodes that consume their
# results are not reported again.
# RUN: %python %s %t.onnx && not mnc-compile %t.onnx --emit=mnc 2>&1 | FileCheck %s -DFILE=%t.onnx
# Nothing is written to standard output.
# RUN: not mnc-compile %t.onnx --emit=mnc 2>/dev/null | count 0

import sys

from onnx_testlib import check, helper, make_model, save

node = helper.make_node
nodes = [
    node("Tanh", ["x"], ["a"], name="tanh_0"),
    node("Relu", ["a"], ["b"], name="relu_1"),
    node("Erf", ["b"], ["c"], name="erf_2"),
    node("Elu", ["c"], ["d"], name="elu_3", alpha=0.1),
    node("Sigmoid", ["d"], ["y"], name="sigmoid_4"),
]
save(check(make_model(nodes, [("x", "float32", [1, 4, 8, 8])],
                      [("y", "float32", [1, 4, 8, 8])])), sys.argv[1])

# CHECK-NOT:   error
# CHECK:       [[FILE]]: error: node 0 'tanh_0' (Tanh): unsupported op
# CHECK-NEXT:  [[FILE]]: error: node 2 'erf_2' (Erf): unsupported op
# CHECK-NEXT:  [[FILE]]: error: node 3 'elu_3' (Elu): unsupported op
# CHECK-NEXT:  [[FILE]]: error: 3 unsupported ops in the model: Tanh (node 0), Erf (node 2), Elu (node 3)
# CHECK-NOT:   error
