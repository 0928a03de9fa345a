# Clip becomes mnc.clip. Missing bounds are -FLT_MAX and FLT_MAX
# (-3.40282347E+38 and 3.40282347E+38).
#
# Opsets 6 to 10: min and max are attributes.
# RUN: %python %s %t.a.onnx attrs && mnc-compile %t.a.onnx --emit=mnc | FileCheck %s --check-prefix=RELU6
# RUN: %python %s %t.an.onnx attrs-none && mnc-compile %t.an.onnx --emit=mnc | FileCheck %s --check-prefix=NONE
# RUN: %python %s %t.am.onnx attrs-min && mnc-compile %t.am.onnx --emit=mnc | FileCheck %s --check-prefix=MINONLY
# Opsets 11 and up: min and max are optional scalar inputs.
# RUN: %python %s %t.i.onnx inputs && mnc-compile %t.i.onnx --emit=mnc | FileCheck %s --check-prefix=RELU6
# RUN: %python %s %t.c.onnx constants && mnc-compile %t.c.onnx --emit=mnc | FileCheck %s --check-prefix=RELU6
# RUN: %python %s %t.m.onnx max-only && mnc-compile %t.m.onnx --emit=mnc | FileCheck %s --check-prefix=MAXONLY
# RUN: %python %s %t.n.onnx none && mnc-compile %t.n.onnx --emit=mnc | FileCheck %s --check-prefix=NONE
# RUN: %python %s %t.mi.onnx min-only && mnc-compile %t.mi.onnx --emit=mnc | FileCheck %s --check-prefix=MINONLY

import sys

import numpy as np

from onnx_testlib import check, helper, make_model, make_single_op_model, save

variant = sys.argv[2]
x, y = [("x", "float32", [1, 2, 3, 3])], [("y", "float32", [1, 2, 3, 3])]
scalar = lambda v: np.array(v, np.float32)
if variant == "attrs":
    model = make_single_op_model("Clip", x, y, attrs={"min": 0.0, "max": 6.0},
                                 opset=10)
elif variant == "attrs-none":
    model = make_single_op_model("Clip", x, y, opset=10)
elif variant == "attrs-min":
    model = make_single_op_model("Clip", x, y, attrs={"min": -1.5}, opset=10)
elif variant == "inputs":
    model = make_single_op_model(
        "Clip", x, y, initializers={"lo": scalar(0), "hi": scalar(6)})
elif variant == "constants":
    # torch's export of relu6 / hardtanh: the bounds are Constant nodes.
    nodes = [
        helper.make_node("Constant", [], ["lo"], value=helper.make_tensor(
            "lo", 1, [], [0.0])),
        helper.make_node("Constant", [], ["hi"], value=helper.make_tensor(
            "hi", 1, [], [6.0])),
        helper.make_node("Clip", ["x", "lo", "hi"], ["y"], name="clip_0"),
    ]
    model = make_model(nodes, x, y, opset=11)
elif variant == "max-only":
    model = make_single_op_model("Clip", x, y, initializers={"hi": scalar(6)},
                                 node_inputs=["x", "", "hi"])
elif variant == "min-only":
    model = make_single_op_model("Clip", x, y, initializers={"lo": scalar(-1.5)},
                                 opset=12)
else:
    model = make_single_op_model("Clip", x, y)
save(check(model), sys.argv[1])

# RELU6-LABEL: func.func @main(%arg0: tensor<1x2x3x3xf32> {mnc.name = "x"}) -> (tensor<1x2x3x3xf32> {mnc.name = "y"})
# RELU6-NEXT:  %[[Y:.*]] = mnc.clip %arg0 {max = 6.000000e+00 : f32, min = 0.000000e+00 : f32} : tensor<1x2x3x3xf32>
# RELU6-NEXT:  return %[[Y]] : tensor<1x2x3x3xf32>

# MAXONLY-LABEL: func.func @main
# MAXONLY-NEXT:  mnc.clip %arg0 {max = 6.000000e+00 : f32, min = -3.40282347E+38 : f32} : tensor<1x2x3x3xf32>

# MINONLY-LABEL: func.func @main
# MINONLY-NEXT:  mnc.clip %arg0 {max = 3.40282347E+38 : f32, min = -1.500000e+00 : f32} : tensor<1x2x3x3xf32>

# NONE-LABEL: func.func @main
# NONE-NEXT:  mnc.clip %arg0 {max = 3.40282347E+38 : f32, min = -3.40282347E+38 : f32} : tensor<1x2x3x3xf32>
