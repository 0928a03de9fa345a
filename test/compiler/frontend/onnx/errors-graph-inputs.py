# The graph inputs: float32, with static shapes (or ones fixed with
# --input-shape [NAME=]SHAPE).
#
# Two inputs are two arguments of the entry, in graph order; with dynamic
# dimensions each is fixed by name, and a bare shape is refused.
# RUN: %python %s %t.two.onnx two && mnc-compile %t.two.onnx --emit=mnc --input-shape z=2x4 --input-shape x=2x4 | FileCheck %s --check-prefix=TWO
# RUN: not mnc-compile %t.two.onnx --emit=mnc --input-shape 2x4 2>&1 | FileCheck %s -DFILE=%t.two.onnx --check-prefix=TWO-BARE
# RUN: not mnc-compile %t.two.onnx --emit=mnc --input-shape x=2x4 --input-shape y=2x4 2>&1 | FileCheck %s -DFILE=%t.two.onnx --check-prefix=TWO-UNKNOWN
# RUN: not mnc-compile %t.two.onnx --emit=mnc --input-shape x=2x4 --input-shape x=2x4 2>&1 | FileCheck %s -DFILE=%t.two.onnx --check-prefix=TWO-TWICE
# RUN: not mnc-compile %t.two.onnx --emit=mnc --input-shape x=2x4 2>&1 | FileCheck %s -DFILE=%t.two.onnx --check-prefix=TWO-MISSING
# RUN: %python %s %t.int.onnx int && not mnc-compile %t.int.onnx --emit=mnc 2>&1 | FileCheck %s -DFILE=%t.int.onnx --check-prefix=INT
#
# Dynamic dimensions (dim_param "N" and "H"): the first is named.
# RUN: %python %s %t.dyn.onnx dynamic && not mnc-compile %t.dyn.onnx --emit=mnc 2>&1 | FileCheck %s -DFILE=%t.dyn.onnx --check-prefix=DYNAMIC
# A dimension with neither value nor name.
# RUN: %python %s %t.unk.onnx unknown && not mnc-compile %t.unk.onnx --emit=mnc 2>&1 | FileCheck %s -DFILE=%t.unk.onnx --check-prefix=UNKNOWN
# --input-shape fixes them; the static dimensions must agree.
# RUN: mnc-compile %t.dyn.onnx --emit=mnc --input-shape 2x3x5x8 | FileCheck %s --check-prefix=FIXED
# RUN: not mnc-compile %t.dyn.onnx --emit=mnc --input-shape 1x3x5 2>&1 | FileCheck %s -DFILE=%t.dyn.onnx --check-prefix=RANK
# RUN: not mnc-compile %t.dyn.onnx --emit=mnc --input-shape 2x4x5x8 2>&1 | FileCheck %s -DFILE=%t.dyn.onnx --check-prefix=CONFLICT
# RUN: not mnc-compile %t.dyn.onnx --emit=mnc --input-shape 2x3xHx8 2>&1 | FileCheck %s --check-prefix=SYNTAX
# RUN: not mnc-compile %t.dyn.onnx --emit=mnc --input-shape 2x0x5x8 2>&1 | FileCheck %s --check-prefix=ZERO
# An input with no shape at all (opset 18) needs --input-shape.
# RUN: %python %s %t.ns.onnx no-shape && not mnc-compile %t.ns.onnx --emit=mnc 2>&1 | FileCheck %s -DFILE=%t.ns.onnx --check-prefix=NOSHAPE
# RUN: mnc-compile %t.ns.onnx --emit=mnc --input-shape 1x6 | FileCheck %s --check-prefix=NOSHAPEFIXED
# An initializer listed among the graph inputs (IR < 4 style) is a weight,
# not a second input.
# RUN: %python %s %t.ii.onnx init-input && mnc-compile %t.ii.onnx --emit=mnc | FileCheck %s --check-prefix=INITINPUT

import sys

import numpy as np

from onnx_testlib import check, helper, make_model, make_single_op_model, save, value_info

variant = sys.argv[2]
if variant == "two":
    model = make_single_op_model(
        "Add", [("x", "float32", ["N", 4]), ("z", "float32", ["N", 4])],
        [("y", "float32", ["N", 4])])
elif variant == "int":
    # Relu takes int64 from opset 14 on.
    model = make_single_op_model("Relu", [("x", "int64", [1, 4])],
                                 [("y", "int64", [1, 4])], opset=14)
elif variant == "dynamic":
    model = make_single_op_model("Relu", [("x", "float32", ["N", 3, "H", 8])],
                                 [("y", "float32", ["N", 3, "H", 8])])
elif variant == "unknown":
    model = make_single_op_model("Relu", [("x", "float32", [1, None, 4, 4])],
                                 [("y", "float32", [1, None, 4, 4])])
elif variant == "no-shape":
    # The ONNX checker requires input shapes, so this needs opset 18 and up,
    # which libonnx 1.12 does not check.
    model = make_single_op_model("Relu", [("x", "float32", None)],
                                 [("y", "float32", None)], opset=18)
else:
    model = make_single_op_model("Add", [("x", "float32", [1, 2])],
                                 [("y", "float32", [1, 2])],
                                 initializers={"c": np.ones([2], np.float32)})
    model.graph.input.append(value_info("c", "float32", [2]))
save(model if variant == "no-shape" else check(model), sys.argv[1])

# TWO-LABEL: func.func @main(%arg0: tensor<2x4xf32> {mnc.name = "x"}, %arg1: tensor<2x4xf32> {mnc.name = "z"}) -> (tensor<2x4xf32> {mnc.name = "y"})
# TWO-NEXT:  mnc.add %arg0, %arg1
# TWO-BARE:  [[FILE]]: error: --input-shape without a name, but the model has 2 inputs; give NAME=SHAPE for each of 'x' 'z'
# TWO-UNKNOWN: [[FILE]]: error: --input-shape names 'y', which is not a graph input; the inputs are 'x' 'z'
# TWO-TWICE: [[FILE]]: error: --input-shape gives input 'x' twice
# TWO-MISSING: [[FILE]]: error: graph input 'z' has a dynamic dimension 0 ('N'); fix it with --input-shape, e.g. --input-shape 1x3x224x224
# INT:      [[FILE]]: error: graph input 'x' has element type INT64; only FLOAT (float32) inputs are supported
# DYNAMIC:  [[FILE]]: error: graph input 'x' has a dynamic dimension 0 ('N'); fix it with --input-shape, e.g. --input-shape 1x3x224x224
# DYNAMIC-NOT: error
# UNKNOWN:  [[FILE]]: error: graph input 'x' has a dynamic dimension 1; fix it with --input-shape, e.g. --input-shape 1x3x224x224

# FIXED-LABEL: func.func @main(%arg0: tensor<2x3x5x8xf32> {mnc.name = "x"}) -> (tensor<2x3x5x8xf32> {mnc.name = "y"})
# FIXED-NEXT:  %[[Y:.*]] = mnc.relu %arg0 : tensor<2x3x5x8xf32>
# FIXED-NEXT:  return %[[Y]] : tensor<2x3x5x8xf32>

# RANK:     [[FILE]]: error: --input-shape [1, 3, 5] has rank 3 but graph input 'x' has rank 4
# CONFLICT: [[FILE]]: error: --input-shape gives dimension 1 of input 'x' as 4 but the model fixes it to 3
# SYNTAX:   mnc-compile: error: --input-shape '2x3xHx8' is not a shape like 1x3x224x224 or NAME=1x3x224x224
# ZERO:     mnc-compile: error: --input-shape '2x0x5x8' is not a shape like 1x3x224x224 or NAME=1x3x224x224

# NOSHAPE:  [[FILE]]: error: graph input 'x' has no shape; give one with --input-shape, e.g. --input-shape 1x3x224x224
# NOSHAPEFIXED: func.func @main(%arg0: tensor<1x6xf32> {mnc.name = "x"}) -> (tensor<1x6xf32> {mnc.name = "y"})

# INITINPUT-LABEL: func.func @main(%arg0: tensor<1x2xf32> {mnc.name = "x"}) -> (tensor<1x2xf32> {mnc.name = "y"})
# INITINPUT:       mnc.add %arg0, %{{.*}} : (tensor<1x2xf32>, tensor<2xf32>) -> tensor<1x2xf32>
