# Conv auto_pad. SAME_* pads the total (out - 1) * stride + window - in with
# out = ceil(in / stride); SAME_UPPER puts the odd pixel at the end,
# SAME_LOWER at the beginning (conv.py covers SAME_UPPER). VALID pads nothing.
#
# Input 16x15, 3x3, stride 2: out 8x8; totals H 7*2+3-16 = 1, W 7*2+3-15 = 2.
# SAME_LOWER gives pads [top 1, left 1, bottom 0, right 1].
# RUN: %python %s %t.lower.onnx SAME_LOWER && mnc-compile %t.lower.onnx --emit=mnc | FileCheck %s --check-prefix=LOWER
# VALID gives (16 - 3) / 2 + 1 = 7 and (15 - 3) / 2 + 1 = 7.
# RUN: %python %s %t.valid.onnx VALID && mnc-compile %t.valid.onnx --emit=mnc | FileCheck %s --check-prefix=VALID
# SAME with dilation 2 (window 5) on 8x8, stride 2: out 4, total
# 3*2+5-8 = 3 -> SAME_LOWER [2, 2, 1, 1], SAME_UPPER [1, 1, 2, 2].
# RUN: %python %s %t.dl.onnx SAME_LOWER dilated && mnc-compile %t.dl.onnx --emit=mnc | FileCheck %s --check-prefix=DLOWER
# RUN: %python %s %t.du.onnx SAME_UPPER dilated && mnc-compile %t.du.onnx --emit=mnc | FileCheck %s --check-prefix=DUPPER
# NOTSET (explicit, the default) with no pads attribute pads nothing.
# RUN: %python %s %t.notset.onnx NOTSET && mnc-compile %t.notset.onnx --emit=mnc | FileCheck %s --check-prefix=VALID

import sys

from onnx_testlib import check, make_single_op_model, rand, save

auto_pad = sys.argv[2]
dilated = len(sys.argv) > 3
if dilated:
    shape, attrs, out = [1, 2, 8, 8], {"dilations": [2, 2]}, [1, 3, 4, 4]
else:
    shape, attrs = [1, 2, 16, 15], {}
    out = [1, 3, 7, 7] if auto_pad in ("VALID", "NOTSET") else [1, 3, 8, 8]
attrs.update(auto_pad=auto_pad, strides=[2, 2])
save(check(make_single_op_model(
    "Conv", [("x", "float32", shape)], [("y", "float32", out)], attrs=attrs,
    initializers={"w": rand([3, 2, 3, 3], seed=1), "b": rand([3], seed=2)})),
    sys.argv[1])

# LOWER-LABEL: func.func @main(%arg0: tensor<1x2x16x15xf32> {mnc.name = "x"}) -> (tensor<1x3x8x8xf32> {mnc.name = "y"})
# LOWER: mnc.conv2d %arg0, %{{.*}} bias(%{{.*}}) {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 1, 1, 0, 1>, strides = array<i64: 2, 2>} : (tensor<1x2x16x15xf32>, tensor<3x2x3x3xf32>, tensor<3xf32>) -> tensor<1x3x8x8xf32>

# VALID-LABEL: func.func @main(%arg0: tensor<1x2x16x15xf32> {mnc.name = "x"}) -> (tensor<1x3x7x7xf32> {mnc.name = "y"})
# VALID: mnc.conv2d %arg0, %{{.*}} bias(%{{.*}}) {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 2, 2>} : (tensor<1x2x16x15xf32>, tensor<3x2x3x3xf32>, tensor<3xf32>) -> tensor<1x3x7x7xf32>

# DLOWER-LABEL: func.func @main(%arg0: tensor<1x2x8x8xf32> {mnc.name = "x"}) -> (tensor<1x3x4x4xf32> {mnc.name = "y"})
# DLOWER: mnc.conv2d %arg0, %{{.*}} bias(%{{.*}}) {dilations = array<i64: 2, 2>, groups = 1 : i64, pads = array<i64: 2, 2, 1, 1>, strides = array<i64: 2, 2>} : (tensor<1x2x8x8xf32>, tensor<3x2x3x3xf32>, tensor<3xf32>) -> tensor<1x3x4x4xf32>

# DUPPER-LABEL: func.func @main(%arg0: tensor<1x2x8x8xf32> {mnc.name = "x"}) -> (tensor<1x3x4x4xf32> {mnc.name = "y"})
# DUPPER: mnc.conv2d %arg0, %{{.*}} bias(%{{.*}}) {dilations = array<i64: 2, 2>, groups = 1 : i64, pads = array<i64: 1, 1, 2, 2>, strides = array<i64: 2, 2>} : (tensor<1x2x8x8xf32>, tensor<3x2x3x3xf32>, tensor<3xf32>) -> tensor<1x3x4x4xf32>
