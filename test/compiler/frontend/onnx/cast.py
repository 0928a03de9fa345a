# Cast to FLOAT of the (float) run-time tensor passes it through.
# RUN: %python %s %t.onnx && mnc-compile %t.onnx --emit=mnc | FileCheck %s
# The same at opset 7 (Cast-6).
# RUN: %python %s %t.7.onnx 7 && mnc-compile %t.7.onnx --emit=mnc | FileCheck %s

import sys

from onnx_testlib import TensorProto, check, helper, make_model, save

opset = int(sys.argv[2]) if len(sys.argv) > 2 else 13
nodes = [helper.make_node("Cast", ["x"], ["c"], name="cast_0", to=TensorProto.FLOAT),
         helper.make_node("Sigmoid", ["c"], ["y"], name="sigmoid_0")]
save(check(make_model(nodes, [("x", "float32", [3, 4])],
                      [("y", "float32", [3, 4])], opset=opset)), sys.argv[1])

# CHECK-LABEL: func.func @main(%arg0: tensor<3x4xf32> {mnc.name = "x"}) -> (tensor<3x4xf32> {mnc.name = "y"})
# CHECK-NEXT:  %[[Y:.*]] = mnc.sigmoid %arg0 : tensor<3x4xf32>
# CHECK-NEXT:  return %[[Y]] : tensor<3x4xf32>
