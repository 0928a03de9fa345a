# Reshape with a constant shape becomes mnc.reshape; 0 copies the input's
# dimension at that index and -1 takes what is left. Input [2, 3, 2, 2].
#
# [0, -1] -> [2, 12]
# RUN: %python %s %t.a.onnx 0,-1 && mnc-compile %t.a.onnx --emit=mnc | FileCheck %s --check-prefix=A
# [0, 3, -1, 1] -> [2, 3, 4, 1]
# RUN: %python %s %t.b.onnx 0,3,-1,1 && mnc-compile %t.b.onnx --emit=mnc | FileCheck %s --check-prefix=B
# [-1] -> [24]
# RUN: %python %s %t.c.onnx -1 && mnc-compile %t.c.onnx --emit=mnc | FileCheck %s --check-prefix=C
# [-1, 0, 0] -> [4, 3, 2] (0 copies dims 1 and 2; -1 = 24 / 6)
# RUN: %python %s %t.d.onnx -1,0,0 && mnc-compile %t.d.onnx --emit=mnc | FileCheck %s --check-prefix=D
# The shape from a Constant node, as torch exports it.
# RUN: %python %s %t.e.onnx 0,-1 constant && mnc-compile %t.e.onnx --emit=mnc | FileCheck %s --check-prefix=A

import sys

import numpy as np

from onnx_testlib import check, helper, make_model, make_single_op_model, save

target = [int(v) for v in sys.argv[2].split(",")]
out = {"0,-1": [2, 12], "0,3,-1,1": [2, 3, 4, 1], "-1": [24],
       "-1,0,0": [4, 3, 2]}[sys.argv[2]]
x, y = [("x", "float32", [2, 3, 2, 2])], [("y", "float32", out)]
if len(sys.argv) > 3:
    nodes = [helper.make_node("Constant", [], ["shape"], value_ints=target),
             helper.make_node("Reshape", ["x", "shape"], ["y"], name="reshape_0")]
    model = make_model(nodes, x, y)
else:
    model = make_single_op_model(
        "Reshape", x, y, initializers={"shape": np.array(target, np.int64)})
save(check(model), sys.argv[1])

# A-LABEL: func.func @main(%arg0: tensor<2x3x2x2xf32> {mnc.name = "x"}) -> (tensor<2x12xf32> {mnc.name = "y"})
# A-NEXT:  %[[Y:.*]] = mnc.reshape %arg0 : (tensor<2x3x2x2xf32>) -> tensor<2x12xf32>
# A-NEXT:  return %[[Y]] : tensor<2x12xf32>

# B-LABEL: func.func @main
# B-NEXT:  mnc.reshape %arg0 : (tensor<2x3x2x2xf32>) -> tensor<2x3x4x1xf32>

# C-LABEL: func.func @main
# C-NEXT:  mnc.reshape %arg0 : (tensor<2x3x2x2xf32>) -> tensor<24xf32>

# D-LABEL: func.func @main
# D-NEXT:  mnc.reshape %arg0 : (tensor<2x3x2x2xf32>) -> tensor<4x3x2xf32>
