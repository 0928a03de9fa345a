# HardSigmoid becomes mnc.hardsigmoid with alpha and beta from the attributes,
# or ONNX's defaults alpha = 0.2, beta = 0.5.
# RUN: %python %s %t.onnx && mnc-compile %t.onnx --emit=mnc | FileCheck %s
# RUN: %python %s %t.d.onnx default && mnc-compile %t.d.onnx --emit=mnc | FileCheck %s --check-prefix=DEFAULT
# Only alpha given: beta stays 0.5.
# RUN: %python %s %t.a.onnx alpha && mnc-compile %t.a.onnx --emit=mnc | FileCheck %s --check-prefix=ALPHA

import sys

from onnx_testlib import check, make_single_op_model, save

variant = sys.argv[2] if len(sys.argv) > 2 else "given"
attrs = {"given": {"alpha": 1.0 / 6.0, "beta": 0.25},
         "default": {}, "alpha": {"alpha": 0.125}}[variant]
save(check(make_single_op_model(
    "HardSigmoid", [("x", "float32", [1, 8, 1, 1])],
    [("y", "float32", [1, 8, 1, 1])], attrs=attrs)), sys.argv[1])

# CHECK-LABEL: func.func @main(%arg0: tensor<1x8x1x1xf32> {mnc.name = "x"}) -> (tensor<1x8x1x1xf32> {mnc.name = "y"})
# CHECK-NEXT:  %[[Y:.*]] = mnc.hardsigmoid %arg0 {alpha = 0.166666672 : f32, beta = 2.500000e-01 : f32} : tensor<1x8x1x1xf32>
# CHECK-NEXT:  return %[[Y]] : tensor<1x8x1x1xf32>

# DEFAULT: mnc.hardsigmoid %arg0 {alpha = 2.000000e-01 : f32, beta = 5.000000e-01 : f32} : tensor<1x8x1x1xf32>
# ALPHA:   mnc.hardsigmoid %arg0 {alpha = 1.250000e-01 : f32, beta = 5.000000e-01 : f32} : tensor<1x8x1x1xf32>
