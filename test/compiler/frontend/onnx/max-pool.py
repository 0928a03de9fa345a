# MaxPool becomes mnc.max_pool, with AveragePool's window attributes and
# output sizes (see average-pool.py) and dilations.
#
# 8x8, kernel 3, stride 2, pads 1: (8 + 2 - 3) / 2 + 1 = 4.
# RUN: %python %s %t.f.onnx floor && mnc-compile %t.f.onnx --emit=mnc | FileCheck %s --check-prefix=FLOOR
# 5x5, kernel 2, stride 2, pads 1, ceil_mode 1: ceil(5 / 2) + 1 = 4, but the
# fourth window would start in the end padding: 3.
# RUN: %python %s %t.c.onnx ceil && mnc-compile %t.c.onnx --emit=mnc | FileCheck %s --check-prefix=CEIL
# Dilations 2 and 3 make a 3x2 kernel 5x4: (9 + 2 - 5) / 2 + 1 = 4 rows,
# (10 + 0 - 4) / 3 + 1 = 3 columns.
# RUN: %python %s %t.d.onnx dilated && mnc-compile %t.d.onnx --emit=mnc | FileCheck %s --check-prefix=DILATED
# auto_pad SAME_LOWER on 7x7, kernel 2, stride 1: total pad 1, at the start;
# and auto_pad VALID pads nothing.
# RUN: %python %s %t.sl.onnx same-lower && mnc-compile %t.sl.onnx --emit=mnc | FileCheck %s --check-prefix=SAMELOWER
# RUN: %python %s %t.v.onnx valid && mnc-compile %t.v.onnx --emit=mnc | FileCheck %s --check-prefix=VALID
# storage_order only orders the Indices output, which is not used here.
# RUN: %python %s %t.so.onnx storage-order && mnc-compile %t.so.onnx --emit=mnc | FileCheck %s --check-prefix=FLOOR
# Opset 8, before ceil_mode and dilations, imports alike.
# RUN: %python %s %t.o8.onnx opset8 && mnc-compile %t.o8.onnx --emit=mnc | FileCheck %s --check-prefix=FLOOR
#
# Refused in one line: a used Indices output, 1-D pooling, auto_pad SAME with
# dilations, pads as large as the kernel.
# RUN: %python %s %t.i.onnx indices && not mnc-compile %t.i.onnx --emit=mnc 2>&1 | FileCheck %s -DFILE=%t.i.onnx --check-prefix=INDICES
# RUN: %python %s %t.1d.onnx 1d && not mnc-compile %t.1d.onnx --emit=mnc 2>&1 | FileCheck %s -DFILE=%t.1d.onnx --check-prefix=ONED
# RUN: %python %s %t.sd.onnx same-dilated && not mnc-compile %t.sd.onnx --emit=mnc 2>&1 | FileCheck %s -DFILE=%t.sd.onnx --check-prefix=SAMEDILATED
# RUN: %python %s %t.p.onnx big-pads && not mnc-compile %t.p.onnx --emit=mnc 2>&1 | FileCheck %s -DFILE=%t.p.onnx --check-prefix=PADS

import sys

from onnx_testlib import check, make_single_op_model, save

variant = sys.argv[2]
opset = 13
outputs = ["y"]
shape, attrs, out = {
    "floor": ([1, 3, 8, 8], {"kernel_shape": [3, 3], "strides": [2, 2],
                             "pads": [1, 1, 1, 1]}, [1, 3, 4, 4]),
    "ceil": ([1, 3, 5, 5], {"kernel_shape": [2, 2], "strides": [2, 2],
                            "pads": [1, 1, 1, 1], "ceil_mode": 1}, [1, 3, 3, 3]),
    "dilated": ([1, 3, 9, 10], {"kernel_shape": [3, 2], "strides": [2, 3],
                                "pads": [1, 0, 1, 0], "dilations": [2, 3]},
                [1, 3, 4, 3]),
    "same-lower": ([1, 3, 7, 7], {"kernel_shape": [2, 2],
                                  "auto_pad": "SAME_LOWER"}, [1, 3, 7, 7]),
    "valid": ([1, 3, 7, 7], {"kernel_shape": [2, 2], "auto_pad": "VALID"},
              [1, 3, 6, 6]),
    "storage-order": ([1, 3, 8, 8], {"kernel_shape": [3, 3], "strides": [2, 2],
                                     "pads": [1, 1, 1, 1], "storage_order": 1},
                      [1, 3, 4, 4]),
    "opset8": ([1, 3, 8, 8], {"kernel_shape": [3, 3], "strides": [2, 2],
                              "pads": [1, 1, 1, 1]}, [1, 3, 4, 4]),
    "indices": ([1, 3, 8, 8], {"kernel_shape": [2, 2]}, [1, 3, 7, 7]),
    "1d": ([1, 3, 8], {"kernel_shape": [2]}, [1, 3, 7]),
    "same-dilated": ([1, 3, 8, 8], {"kernel_shape": [3, 3], "dilations": [1, 2],
                                    "auto_pad": "SAME_LOWER"}, [1, 3, 8, 8]),
    "big-pads": ([1, 3, 8, 8], {"kernel_shape": [2, 2], "pads": [0, 2, 0, 0]},
                 [1, 3, 7, 9]),
}[variant]
if variant == "opset8":
    opset = 8
if variant == "indices":
    outputs = ["y", "i"]
model = make_single_op_model(
    "MaxPool", [("x", "float32", shape)],
    [("y", "float32", out)] + ([("i", "int64", out)] if variant == "indices" else []),
    attrs=attrs, opset=opset, node_outputs=outputs)
# libonnx 1.12's shape inference predates the ceil-mode rule (it says 4).
save(model if variant in ("ceil", "big-pads") else check(model), sys.argv[1])

# FLOOR-LABEL: func.func @main(%arg0: tensor<1x3x8x8xf32> {mnc.name = "x"}) -> (tensor<1x3x4x4xf32> {mnc.name = "y"})
# FLOOR-NEXT:  %[[Y:.*]] = mnc.max_pool %arg0 {ceil_mode = false, dilations = array<i64: 1, 1>, kernel = array<i64: 3, 3>, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>} : (tensor<1x3x8x8xf32>) -> tensor<1x3x4x4xf32>
# FLOOR-NEXT:  return %[[Y]] : tensor<1x3x4x4xf32>

# CEIL-LABEL: func.func @main
# CEIL-NEXT:  mnc.max_pool %arg0 {ceil_mode = true, dilations = array<i64: 1, 1>, kernel = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>} : (tensor<1x3x5x5xf32>) -> tensor<1x3x3x3xf32>

# DILATED-LABEL: func.func @main
# DILATED-NEXT:  mnc.max_pool %arg0 {ceil_mode = false, dilations = array<i64: 2, 3>, kernel = array<i64: 3, 2>, pads = array<i64: 1, 0, 1, 0>, strides = array<i64: 2, 3>} : (tensor<1x3x9x10xf32>) -> tensor<1x3x4x3xf32>

# SAMELOWER-LABEL: func.func @main
# SAMELOWER-NEXT:  mnc.max_pool %arg0 {ceil_mode = false, dilations = array<i64: 1, 1>, kernel = array<i64: 2, 2>, pads = array<i64: 1, 1, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x3x7x7xf32>) -> tensor<1x3x7x7xf32>

# VALID-LABEL: func.func @main
# VALID-NEXT:  mnc.max_pool %arg0 {ceil_mode = false, dilations = array<i64: 1, 1>, kernel = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x3x7x7xf32>) -> tensor<1x3x6x6xf32>

# INDICES: [[FILE]]: error: node 0 'maxpool_0' (MaxPool): the Indices output (output 1) is not supported
# INDICES-NOT: error

# ONED: [[FILE]]: error: node 0 'maxpool_0' (MaxPool): only 2-D pooling is supported (rank-4 input and 2 kernel sizes), got input [1, 3, 8] and kernel [2]
# ONED-NOT: error

# SAMEDILATED: [[FILE]]: error: node 0 'maxpool_0' (MaxPool): auto_pad SAME_LOWER with dilations other than 1 is not supported
# SAMEDILATED-NOT: error

# PADS: [[FILE]]: error: node 0 'maxpool_0' (MaxPool): pads [0, 2, 0, 0] must be smaller than the kernel [2, 2]
# PADS-NOT: error
