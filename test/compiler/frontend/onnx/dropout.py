# Dropout at inference passes its input through (a Relu after it shows what
# its result is); the mask output, if requested, must not be used.
#
# Opset 12: ratio as a constant input.
# RUN: %python %s %t.12.onnx 12 && mnc-compile %t.12.onnx --emit=mnc | FileCheck %s
# Opset 13: ratio and training_mode = false inputs, mask output named but unused.
# RUN: %python %s %t.13.onnx 13 && mnc-compile %t.13.onnx --emit=mnc | FileCheck %s
# The mask, when it is used (here cast to float and multiplied in), is all
# ones.
# RUN: %python %s %t.mask.onnx 13 mask && mnc-compile %t.mask.onnx --emit=mnc | FileCheck %s --check-prefix=MASK
# Opset 7: ratio as an attribute.
# RUN: %python %s %t.7.onnx 7 && mnc-compile %t.7.onnx --emit=mnc | FileCheck %s

import sys

import numpy as np

from onnx_testlib import TensorProto, check, helper, make_model, save

opset = int(sys.argv[2])
inits = {}
if opset == 7:
    dropout = helper.make_node("Dropout", ["x"], ["d"], name="dropout_0", ratio=0.2)
elif opset == 12:
    dropout = helper.make_node("Dropout", ["x", "ratio"], ["d"], name="dropout_0")
    inits["ratio"] = np.array(0.2, np.float32)
else:
    dropout = helper.make_node("Dropout", ["x", "ratio", "training"],
                               ["d", "mask"], name="dropout_0")
    inits["ratio"] = np.array(0.2, np.float32)
    inits["training"] = np.array(False)
if len(sys.argv) > 3:
    nodes = [dropout,
             helper.make_node("Relu", ["d"], ["r"], name="relu_0"),
             helper.make_node("Cast", ["mask"], ["m"], name="cast_1",
                              to=TensorProto.FLOAT),
             helper.make_node("Mul", ["r", "m"], ["y"], name="mul_2")]
else:
    nodes = [dropout, helper.make_node("Relu", ["d"], ["y"], name="relu_0")]
save(check(make_model(nodes, [("x", "float32", [1, 6])],
                      [("y", "float32", [1, 6])], inits, opset=opset)),
     sys.argv[1])

# CHECK-LABEL: func.func @main(%arg0: tensor<1x6xf32> {mnc.name = "x"}) -> (tensor<1x6xf32> {mnc.name = "y"})
# CHECK-NEXT:  %[[Y:.*]] = mnc.relu %arg0 : tensor<1x6xf32>
# CHECK-NEXT:  return %[[Y]] : tensor<1x6xf32>

# MASK-LABEL: func.func @main(%arg0: tensor<1x6xf32> {mnc.name = "x"}) -> (tensor<1x6xf32> {mnc.name = "y"})
# MASK-NEXT:  %[[R:.*]] = mnc.relu %arg0 : tensor<1x6xf32>
# MASK-NEXT:  %[[M:.*]] = arith.constant dense<1.000000e+00> : tensor<1x6xf32>
# MASK-NEXT:  %[[Y:.*]] = mnc.mul %[[R]], %[[M]] : (tensor<1x6xf32>, tensor<1x6xf32>) -> tensor<1x6xf32>
# MASK-NEXT:  return %[[Y]]
