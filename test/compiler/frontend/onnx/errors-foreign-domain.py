# An op from a domain other than ONNX's (here com.microsoft, as ONNX Runtime's
# optimizer writes them) is unsupported, whatever its name.
# RUN: %python %s %t.onnx FusedConv && not mnc-compile %t.onnx --emit=mnc 2>&1 | FileCheck %s -DFILE=%t.onnx --check-prefix=FUSED
# Even one named like a supported ONNX op.
# RUN: %python %s %t.relu.onnx Relu && not mnc-compile %t.relu.onnx --emit=mnc 2>&1 | FileCheck %s -DFILE=%t.relu.onnx --check-prefix=RELU

import sys

import numpy as np

from onnx_testlib import check, helper, make_model, save

op = sys.argv[2]
inputs = ["x", "w"] if op == "FusedConv" else ["x"]
nodes = [helper.make_node(op, inputs, ["y"], name="ms_0", domain="com.microsoft")]
model = make_model(nodes, [("x", "float32", [1, 4, 8, 8])],
                   [("y", "float32", [1, 4, 8, 8])],
                   {"w": np.zeros([4, 4, 1, 1], np.float32)} if op == "FusedConv" else None)
model.opset_import.append(helper.make_opsetid("com.microsoft", 1))
save(check(model), sys.argv[1])

# FUSED:      [[FILE]]: error: node 0 'ms_0' (FusedConv): unsupported op from domain 'com.microsoft'
# FUSED-NEXT: [[FILE]]: error: 1 unsupported op in the model: FusedConv (node 0)
# FUSED-NOT:  error

# RELU:      [[FILE]]: error: node 0 'ms_0' (Relu): unsupported op from domain 'com.microsoft'
# RELU-NEXT: [[FILE]]: error: 1 unsupported op in the model: Relu (node 0)
