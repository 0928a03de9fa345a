# The default-domain opset must be 1 to 21.
# RUN: %python %s %t.22.onnx 22 && not mnc-compile %t.22.onnx --emit=mnc 2>&1 | FileCheck %s -DFILE=%t.22.onnx -DOPSET=22
# A model that imports only another domain's opset.
# RUN: %python %s %t.none.onnx none && not mnc-compile %t.none.onnx --emit=mnc 2>&1 | FileCheck %s -DFILE=%t.none.onnx --check-prefix=NONE
# The two ends of the range are accepted (21 is beyond libonnx 1.12's checker),
# and opset 6, where PyTorch's old exports are.
# RUN: %python %s %t.1.onnx 1 && mnc-compile %t.1.onnx --emit=mnc | FileCheck %s --check-prefix=OK -DOPSET=1
# RUN: %python %s %t.6.onnx 6 && mnc-compile %t.6.onnx --emit=mnc | FileCheck %s --check-prefix=OK -DOPSET=6
# RUN: %python %s %t.21.onnx 21 && mnc-compile %t.21.onnx --emit=mnc | FileCheck %s --check-prefix=OK -DOPSET=21

import sys

from onnx_testlib import helper, make_single_op_model, save

variant = sys.argv[2]
model = make_single_op_model("Relu", [("x", "float32", [1, 4])],
                             [("y", "float32", [1, 4])],
                             opset=1 if variant == "none" else int(variant))
if variant == "none":
    del model.opset_import[:]
    model.opset_import.append(helper.make_opsetid("com.microsoft", 1))
save(model, sys.argv[1])

# CHECK:     [[FILE]]: error: opset [[OPSET]] is not supported (supported: 1 to 21)
# CHECK-NOT: error
# NONE:      [[FILE]]: error: the model imports no version of the default ONNX opset
# OK:        module attributes {mnc.opset = [[OPSET]] : i64
# OK:        mnc.relu %arg0 : tensor<1x4xf32>
