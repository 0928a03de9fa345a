# LeakyRelu becomes mnc.leaky_relu with its alpha (default 0.01, which the op's printer leaves out); opset 6's
# LeakyRelu has the same meaning and imports from opset 7 on.
# RUN: %python %s %t.onnx && mnc-compile %t.onnx --emit=mnc | FileCheck %s
# RUN: %python %s %t.alpha.onnx 0.2 && mnc-compile %t.alpha.onnx --emit=mnc | FileCheck %s --check-prefix=ALPHA
# RUN: %python %s %t.7.onnx 0.2 7 && mnc-compile %t.7.onnx --emit=mnc | FileCheck %s --check-prefix=ALPHA

import sys

from onnx_testlib import check, make_single_op_model, save

attrs = {"alpha": float(sys.argv[2])} if len(sys.argv) > 2 else {}
opset = int(sys.argv[3]) if len(sys.argv) > 3 else 16
save(check(make_single_op_model(
    "LeakyRelu", [("x", "float32", [1, 3, 4, 5])], [("y", "float32", [1, 3, 4, 5])],
    attrs=attrs, opset=opset)), sys.argv[1])

# CHECK-LABEL: func.func @main
# CHECK-NEXT:  %[[Y:.*]] = mnc.leaky_relu %arg0 : tensor<1x3x4x5xf32>
# CHECK-NEXT:  return %[[Y]] : tensor<1x3x4x5xf32>

# ALPHA-LABEL: func.func @main
# ALPHA-NEXT:  %[[Y:.*]] = mnc.leaky_relu %arg0 {alpha = 2.000000e-01 : f32} : tensor<1x3x4x5xf32>
