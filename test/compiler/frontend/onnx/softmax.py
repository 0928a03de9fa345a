# Softmax becomes mnc.softmax with a non-negative axis.
#
# Opset 11, axis 1 on [2, 5] (the last axis, so Softmax-11's flattening
# semantics agree with a single-axis softmax).
# RUN: %python %s %t.a.onnx 11 1 && mnc-compile %t.a.onnx --emit=mnc | FileCheck %s --check-prefix=RANK2
# Opset 11 without axis: the default is 1.
# RUN: %python %s %t.b.onnx 11 none && mnc-compile %t.b.onnx --emit=mnc | FileCheck %s --check-prefix=RANK2
# Opset 11, axis 1 on [1, 5, 1, 1] (trailing dimensions of 1 are fine).
# RUN: %python %s %t.c.onnx 11 1 rank4 && mnc-compile %t.c.onnx --emit=mnc | FileCheck %s --check-prefix=RANK4
# Opset 13 without axis: the default is -1, here 2 on [1, 4, 3].
# RUN: %python %s %t.d.onnx 13 none rank3 && mnc-compile %t.d.onnx --emit=mnc | FileCheck %s --check-prefix=LAST
# Opset 13, axis -2 on [1, 4, 3]: axis 1 (not the last one).
# RUN: %python %s %t.e.onnx 13 -2 rank3 && mnc-compile %t.e.onnx --emit=mnc | FileCheck %s --check-prefix=MIDDLE
# Opset 11, axis 1 on [2, 4, 3, 5]: Softmax-11 normalizes over the 4 * 3 * 5
# values from axis 1 on: a softmax over the input flattened to [2, 60], then
# reshaped back; against ONNX Runtime too.
# RUN: %python %s %t.f.onnx 11 1 flatten && mnc-compile %t.f.onnx --emit=mnc | FileCheck %s --check-prefix=FLATTEN
# RUN: %python %testlib/e2e_check.py --compiler mnc-compile --model %t.f.onnx --workdir %t.f.e2e --min-std 0 | FileCheck %s --check-prefix=PASS

import sys

from onnx_testlib import check, make_single_op_model, save

opset, axis = int(sys.argv[2]), sys.argv[3]
shape = {"rank4": [1, 5, 1, 1], "rank3": [1, 4, 3], "flatten": [2, 4, 3, 5]}.get(
    sys.argv[4] if len(sys.argv) > 4 else "", [2, 5])
save(check(make_single_op_model(
    "Softmax", [("x", "float32", shape)], [("y", "float32", shape)],
    attrs={} if axis == "none" else {"axis": int(axis)}, opset=opset)),
    sys.argv[1])

# RANK2-LABEL: func.func @main(%arg0: tensor<2x5xf32> {mnc.name = "x"}) -> (tensor<2x5xf32> {mnc.name = "y"})
# RANK2-NEXT:  %[[Y:.*]] = mnc.softmax %arg0 {axis = 1 : i64} : tensor<2x5xf32>
# RANK2-NEXT:  return %[[Y]] : tensor<2x5xf32>

# RANK4-LABEL: func.func @main
# RANK4-NEXT:  mnc.softmax %arg0 {axis = 1 : i64} : tensor<1x5x1x1xf32>

# LAST-LABEL: func.func @main
# LAST-NEXT:  mnc.softmax %arg0 {axis = 2 : i64} : tensor<1x4x3xf32>

# MIDDLE-LABEL: func.func @main
# MIDDLE-NEXT:  mnc.softmax %arg0 {axis = 1 : i64} : tensor<1x4x3xf32>

# FLATTEN-LABEL: func.func @main
# FLATTEN-NEXT:  %[[F:.*]] = mnc.reshape %arg0 : (tensor<2x4x3x5xf32>) -> tensor<2x60xf32>
# FLATTEN-NEXT:  %[[S:.*]] = mnc.softmax %[[F]] {axis = 1 : i64} : tensor<2x60xf32>
# FLATTEN-NEXT:  mnc.reshape %[[S]] : (tensor<2x60xf32>) -> tensor<2x4x3x5xf32>
# PASS: PASS
