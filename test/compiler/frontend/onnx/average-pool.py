# AveragePool becomes mnc.avg_pool. Output size per axis:
#   floor mode: floor((in + pad_begin + pad_end - k) / stride) + 1
#   ceil mode:  ceil(...) + 1, minus a last window that would start in the
#               end padding (the rule of the current ONNX operator text, of
#               ONNX Runtime and of PyTorch).
#
# 8x8, kernel 3, stride 2, pads 1, count_include_pad 1: (8 + 2 - 3) / 2 + 1 = 4.
# RUN: %python %s %t.f.onnx floor && mnc-compile %t.f.onnx --emit=mnc | FileCheck %s --check-prefix=FLOOR
# The same with ceil_mode 1: ceil(7 / 2) + 1 = 5 (the last window starts at
# 8, inside the input plus its begin pad of 1).
# RUN: %python %s %t.c.onnx ceil && mnc-compile %t.c.onnx --emit=mnc | FileCheck %s --check-prefix=CEIL
# 5x5, kernel 2, stride 2, pads 1, ceil_mode 1: ceil(5 / 2) + 1 = 4, but the
# fourth window would start at 6 >= 5 + 1, in the end padding: 3.
# RUN: %python %s %t.cd.onnx ceil-drop && mnc-compile %t.cd.onnx --emit=mnc | FileCheck %s --check-prefix=CEILDROP
# Asymmetric pads [0, 0, 1, 1] on 7x7, kernel 2, stride 2:
# (7 + 1 - 2) / 2 + 1 = 4; count_include_pad defaults to 0.
# RUN: %python %s %t.a.onnx asym && mnc-compile %t.a.onnx --emit=mnc | FileCheck %s --check-prefix=ASYM
# auto_pad SAME_UPPER on 8x8, kernel 3, stride 2: out 4, total pad
# 3 * 2 + 3 - 8 = 1, at the end.
# RUN: %python %s %t.s.onnx same && mnc-compile %t.s.onnx --emit=mnc | FileCheck %s --check-prefix=SAME
# auto_pad SAME_LOWER: the same total pad of 1, at the start.
# RUN: %python %s %t.sl.onnx same-lower && mnc-compile %t.sl.onnx --emit=mnc | FileCheck %s --check-prefix=SAMELOWER
# Dilations (opset 19): kernel 3 dilated by 2 is 5 wide: (8 + 2 - 5) / 1 + 1 = 6.
# RUN: %python %s %t.dl.onnx dilated && mnc-compile %t.dl.onnx --emit=mnc | FileCheck %s --check-prefix=DILATED
# A 1-D pooling and auto_pad SAME with dilations are refused in one line
# (ONNX Runtime pads SAME for the undilated kernel, the operator text for the
# dilated one).
# RUN: %python %s %t.1d.onnx 1d && not mnc-compile %t.1d.onnx --emit=mnc 2>&1 | FileCheck %s -DFILE=%t.1d.onnx --check-prefix=ONED
# RUN: %python %s %t.sd.onnx same-dilated && not mnc-compile %t.sd.onnx --emit=mnc 2>&1 | FileCheck %s -DFILE=%t.sd.onnx --check-prefix=SAMEDILATED
# Default strides (1) and pads (0): 8 - 2 + 1 = 7.
# RUN: %python %s %t.d.onnx defaults && mnc-compile %t.d.onnx --emit=mnc | FileCheck %s --check-prefix=DEFAULTS

import sys

from onnx_testlib import check, make_single_op_model, save

variant = sys.argv[2]
shape, attrs, out = {
    "floor": ([1, 3, 8, 8], {"kernel_shape": [3, 3], "strides": [2, 2],
                             "pads": [1, 1, 1, 1], "count_include_pad": 1},
              [1, 3, 4, 4]),
    "ceil": ([1, 3, 8, 8], {"kernel_shape": [3, 3], "strides": [2, 2],
                            "pads": [1, 1, 1, 1], "count_include_pad": 1,
                            "ceil_mode": 1}, [1, 3, 5, 5]),
    "ceil-drop": ([1, 3, 5, 5], {"kernel_shape": [2, 2], "strides": [2, 2],
                                 "pads": [1, 1, 1, 1], "ceil_mode": 1},
                  [1, 3, 3, 3]),
    "asym": ([1, 3, 7, 7], {"kernel_shape": [2, 2], "strides": [2, 2],
                            "pads": [0, 0, 1, 1]}, [1, 3, 4, 4]),
    "same": ([1, 3, 8, 8], {"kernel_shape": [3, 3], "strides": [2, 2],
                            "auto_pad": "SAME_UPPER"}, [1, 3, 4, 4]),
    "defaults": ([1, 3, 8, 8], {"kernel_shape": [2, 2]}, [1, 3, 7, 7]),
    "same-lower": ([1, 3, 8, 8], {"kernel_shape": [3, 3], "strides": [2, 2],
                                  "auto_pad": "SAME_LOWER"}, [1, 3, 4, 4]),
    "dilated": ([1, 3, 8, 8], {"kernel_shape": [3, 3], "dilations": [2, 2],
                               "pads": [1, 1, 1, 1]}, [1, 3, 6, 6]),
    "1d": ([1, 3, 8], {"kernel_shape": [2]}, [1, 3, 7]),
    "same-dilated": ([1, 3, 8, 8], {"kernel_shape": [3, 3], "dilations": [2, 1],
                                    "auto_pad": "SAME_UPPER"}, [1, 3, 8, 8]),
}[variant]
# Dilations came with opset 19.
dilated = "dilations" in attrs
model = make_single_op_model("AveragePool", [("x", "float32", shape)],
                             [("y", "float32", out)], attrs=attrs,
                             opset=19 if dilated else 13)
# libonnx 1.12's shape inference predates the ceil-mode rule above (it says 4)
# and its checker opset 19.
save(model if variant == "ceil-drop" or dilated else check(model), sys.argv[1])

# FLOOR-LABEL: func.func @main(%arg0: tensor<1x3x8x8xf32> {mnc.name = "x"}) -> (tensor<1x3x4x4xf32> {mnc.name = "y"})
# FLOOR-NEXT:  %[[Y:.*]] = mnc.avg_pool %arg0 {ceil_mode = false, count_include_pad = true, dilations = array<i64: 1, 1>, kernel = array<i64: 3, 3>, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>} : (tensor<1x3x8x8xf32>) -> tensor<1x3x4x4xf32>
# FLOOR-NEXT:  return %[[Y]] : tensor<1x3x4x4xf32>

# CEIL-LABEL: func.func @main
# CEIL-NEXT:  mnc.avg_pool %arg0 {ceil_mode = true, count_include_pad = true, dilations = array<i64: 1, 1>, kernel = array<i64: 3, 3>, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>} : (tensor<1x3x8x8xf32>) -> tensor<1x3x5x5xf32>

# CEILDROP-LABEL: func.func @main
# CEILDROP-NEXT:  mnc.avg_pool %arg0 {ceil_mode = true, count_include_pad = false, dilations = array<i64: 1, 1>, kernel = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>} : (tensor<1x3x5x5xf32>) -> tensor<1x3x3x3xf32>

# ASYM-LABEL: func.func @main
# ASYM-NEXT:  mnc.avg_pool %arg0 {ceil_mode = false, count_include_pad = false, dilations = array<i64: 1, 1>, kernel = array<i64: 2, 2>, pads = array<i64: 0, 0, 1, 1>, strides = array<i64: 2, 2>} : (tensor<1x3x7x7xf32>) -> tensor<1x3x4x4xf32>

# SAME-LABEL: func.func @main
# SAME-NEXT:  mnc.avg_pool %arg0 {ceil_mode = false, count_include_pad = false, dilations = array<i64: 1, 1>, kernel = array<i64: 3, 3>, pads = array<i64: 0, 0, 1, 1>, strides = array<i64: 2, 2>} : (tensor<1x3x8x8xf32>) -> tensor<1x3x4x4xf32>

# DEFAULTS-LABEL: func.func @main
# DEFAULTS-NEXT:  mnc.avg_pool %arg0 {ceil_mode = false, count_include_pad = false, dilations = array<i64: 1, 1>, kernel = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x3x8x8xf32>) -> tensor<1x3x7x7xf32>

# SAMELOWER-LABEL: func.func @main
# SAMELOWER-NEXT:  mnc.avg_pool %arg0 {ceil_mode = false, count_include_pad = false, dilations = array<i64: 1, 1>, kernel = array<i64: 3, 3>, pads = array<i64: 1, 1, 0, 0>, strides = array<i64: 2, 2>} : (tensor<1x3x8x8xf32>) -> tensor<1x3x4x4xf32>

# DILATED-LABEL: func.func @main
# DILATED-NEXT:  mnc.avg_pool %arg0 {ceil_mode = false, count_include_pad = false, dilations = array<i64: 2, 2>, kernel = array<i64: 3, 3>, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 1, 1>} : (tensor<1x3x8x8xf32>) -> tensor<1x3x6x6xf32>

# ONED: [[FILE]]: error: node 0 'averagepool_0' (AveragePool): only 2-D pooling is supported (rank-4 input and 2 kernel sizes), got input [1, 3, 8] and kernel [2]
# ONED-NOT: error

# SAMEDILATED: [[FILE]]: error: node 0 'averagepool_0' (AveragePool): auto_pad SAME_UPPER with dilations other than 1 is not supported
# SAMEDILATED-NOT: error
