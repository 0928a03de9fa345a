# A node input that no node, initializer or graph input produces (a missing
# initializer). Up to opset 17 the ONNX checker finds it first; from opset 18
# (which libonnx 1.12 cannot check) the importer reports it for the node.
# RUN: %python %s %t.13.onnx 13 && not mnc-compile %t.13.onnx --emit=mnc 2>&1 | FileCheck %s -DFILE=%t.13.onnx --check-prefix=CHECKER
# RUN: %python %s %t.18.onnx 18 && not mnc-compile %t.18.onnx --emit=mnc 2>&1 | FileCheck %s -DFILE=%t.18.onnx --check-prefix=IMPORTER

import sys

from onnx_testlib import helper, make_model, save

nodes = [helper.make_node("Relu", ["x"], ["r"], name="relu_0"),
         helper.make_node("Add", ["r", "bias"], ["y"], name="add_1")]
save(make_model(nodes, [("x", "float32", [1, 4, 8, 8])],
                [("y", "float32", [1, 4, 8, 8])], opset=int(sys.argv[2])),
     sys.argv[1])

# CHECKER:      [[FILE]]: error: the ONNX checker rejects the model: Nodes in a graph must be topologically sorted, however input 'bias' of node:
# CHECKER-NEXT: name: add_1 OpType: Add
# CHECKER-NOT:  error

# IMPORTER:      [[FILE]]: error: node 1 'add_1' (Add): input 'bias' is produced by no earlier node, initializer or graph input
# IMPORTER-NOT:  error
