# Attribute values and operand shapes the importer does not support are
# errors that name the file, node index, node name and op type.
#
# RUN: %python %s %t.cubic.onnx cubic && not mnc-compile %t.cubic.onnx --emit=mnc 2>&1 | FileCheck %s -DFILE=%t.cubic.onnx --check-prefix=CUBIC
# RUN: %python %s %t.reflect.onnx reflect && not mnc-compile %t.reflect.onnx --emit=mnc 2>&1 | FileCheck %s -DFILE=%t.reflect.onnx --check-prefix=REFLECT
# RUN: %python %s %t.autopad.onnx autopad && not mnc-compile %t.autopad.onnx --emit=mnc 2>&1 | FileCheck %s -DFILE=%t.autopad.onnx --check-prefix=AUTOPAD
# RUN: %python %s %t.group.onnx group && not mnc-compile %t.group.onnx --emit=mnc 2>&1 | FileCheck %s -DFILE=%t.group.onnx --check-prefix=GROUP
# RUN: %python %s %t.gemm.onnx gemm-bias && not mnc-compile %t.gemm.onnx --emit=mnc 2>&1 | FileCheck %s -DFILE=%t.gemm.onnx --check-prefix=GEMM
# RUN: %python %s %t.bn.onnx bn-training && not mnc-compile %t.bn.onnx --emit=mnc 2>&1 | FileCheck %s -DFILE=%t.bn.onnx --check-prefix=BN
# RUN: %python %s %t.r10.onnx resize10-mixed && not mnc-compile %t.r10.onnx --emit=mnc 2>&1 | FileCheck %s -DFILE=%t.r10.onnx --check-prefix=RESIZE10
# RUN: %python %s %t.tf.onnx resize-tf-crop && not mnc-compile %t.tf.onnx --emit=mnc 2>&1 | FileCheck %s -DFILE=%t.tf.onnx --check-prefix=TFCROP
# RUN: %python %s %t.cast.onnx cast-int && not mnc-compile %t.cast.onnx --emit=mnc 2>&1 | FileCheck %s -DFILE=%t.cast.onnx --check-prefix=CAST
# RUN: %python %s %t.bc.onnx broadcast && not mnc-compile %t.bc.onnx --emit=mnc 2>&1 | FileCheck %s -DFILE=%t.bc.onnx --check-prefix=BROADCAST
# RUN: %python %s %t.cc.onnx concat && not mnc-compile %t.cc.onnx --emit=mnc 2>&1 | FileCheck %s -DFILE=%t.cc.onnx --check-prefix=CONCAT
# RUN: %python %s %t.rs.onnx reshape && not mnc-compile %t.rs.onnx --emit=mnc 2>&1 | FileCheck %s -DFILE=%t.rs.onnx --check-prefix=RESHAPE
# RUN: %python %s %t.rs2.onnx reshape-2d && not mnc-compile %t.rs2.onnx --emit=mnc 2>&1 | FileCheck %s -DFILE=%t.rs2.onnx --check-prefix=RESHAPE2D
# RUN: %python %s %t.sq.onnx squeeze && not mnc-compile %t.sq.onnx --emit=mnc 2>&1 | FileCheck %s -DFILE=%t.sq.onnx --check-prefix=SQUEEZE

import sys

import numpy as np

from onnx_testlib import make_single_op_model, save

variant = sys.argv[2]
x = [("x", "float32", [1, 4, 8, 8])]
y = [("y", "float32", [1, 4, 8, 8])]
zeros = lambda *shape: np.zeros(shape, np.float32)
f32 = lambda v: np.array(v, np.float32)
i64 = lambda v: np.array(v, np.int64)
opset = 13
attrs, inits, inputs = {}, {}, None
if variant == "cubic":
    op, attrs, inits = "Resize", {"mode": "cubic"}, {"s": f32([1, 1, 2, 2])}
    inputs, y = ["x", "", "s"], [("y", "float32", [1, 4, 16, 16])]
elif variant == "reflect":
    op, attrs = "Pad", {"mode": "reflect"}
    inits, y = {"p": i64([0, 0, 1, 1, 0, 0, 1, 1])}, [("y", "float32", [1, 4, 10, 10])]
elif variant == "autopad":
    op, attrs, inits = "Conv", {"auto_pad": "SAME_MIDDLE"}, {"w": zeros(4, 4, 3, 3)}
elif variant == "group":
    # 4 input channels cannot be split into 3 groups.
    op, attrs, inits = "Conv", {"group": 3}, {"w": zeros(6, 1, 3, 3)}
    y = [("y", "float32", [1, 6, 6, 6])]
elif variant == "gemm-bias":
    # C [3, 2] does not broadcast to the [2, 2] result.
    op, attrs = "Gemm", {"transB": 1}
    inits = {"B": zeros(2, 3), "C": zeros(3, 2)}
    x, y = [("a", "float32", [2, 3])], [("y", "float32", [2, 2])]
elif variant == "bn-training":
    op, attrs, opset = "BatchNormalization", {"training_mode": 1}, 15
    inits = {name: np.ones([4], np.float32) for name in ("s", "b", "m", "v")}
elif variant == "resize10-mixed":
    op, opset, inits = "Resize", 10, {"s": f32([1, 1, 2, 0.5])}
    y = [("y", "float32", [1, 4, 16, 4])]
elif variant == "resize-tf-crop":
    op = "Resize"
    attrs = {"mode": "linear", "coordinate_transformation_mode": "tf_crop_and_resize"}
    inits = {"roi": f32([0, 0, 0, 0, 1, 1, 1, 1]), "s": f32([1, 1, 2, 2])}
    y = [("y", "float32", [1, 4, 16, 16])]
elif variant == "cast-int":
    op, attrs = "Cast", {"to": 7}
    y = [("y", "int64", [1, 4, 8, 8])]
elif variant == "broadcast":
    op, inits = "Add", {"c": zeros(3)}
elif variant == "concat":
    op, attrs, inits = "Concat", {"axis": 1}, {"c": zeros(1, 4, 7, 8)}
    y = [("y", "float32", [1, 8, 8, 8])]
elif variant == "reshape":
    op, inits = "Reshape", {"shape": i64([3, -1])}
    y = [("y", "float32", [3, -1])]
elif variant == "reshape-2d":
    # The shape as a [2, 1] tensor (a Concat of [1]-shaped pieces unsqueezed once too often).
    op, inits = "Reshape", {"shape": i64([[1], [-1]])}
    y = [("y", "float32", [1, 256])]
else:
    op, attrs, opset = "Squeeze", {"axes": [1]}, 11
    y = [("y", "float32", [1, 8, 8])]
# Saved unchecked: some of these are invalid ONNX on purpose.
save(make_single_op_model(op, x, y, attrs=attrs, initializers=inits,
                          node_inputs=inputs, opset=opset), sys.argv[1])

# CUBIC:     [[FILE]]: error: node 0 'resize_0' (Resize): mode 'cubic' is not supported (nearest, linear)
# CUBIC-NOT: error
# REFLECT:   [[FILE]]: error: node 0 'pad_0' (Pad): mode 'reflect' is not supported (only 'constant')
# AUTOPAD:   [[FILE]]: error: node 0 'conv_0' (Conv): auto_pad 'SAME_MIDDLE' is not supported
# GROUP:     [[FILE]]: error: node 0 'conv_0' (Conv): groups (3) must divide the input channels (4)
# GEMM:      [[FILE]]: error: node 0 'gemm_0' (Gemm): shapes [2, 2] and [3, 2] do not broadcast
# BN:        [[FILE]]: error: node 0 'batchnormalization_0' (BatchNormalization): training_mode = 1 is not supported (inference only)
# RESIZE10:  [[FILE]]: error: node 0 'resize_0' (Resize): opset 10 nearest resize that enlarges one axis and shrinks the other is not supported
# TFCROP:    [[FILE]]: error: node 0 'resize_0' (Resize): coordinate_transformation_mode 'tf_crop_and_resize' is not supported (half_pixel, pytorch_half_pixel, align_corners, asymmetric, tf_half_pixel_for_nn)
# CAST:      [[FILE]]: error: node 0 'cast_0' (Cast): casting a run-time tensor to INT64 is not supported (only FLOAT)
# BROADCAST: [[FILE]]: error: node 0 'add_0' (Add): shapes [1, 4, 8, 8] and [3] do not broadcast
# CONCAT:    [[FILE]]: error: node 0 'concat_0' (Concat): input shapes [1, 4, 8, 8] and [1, 4, 7, 8] differ outside axis 1
# RESHAPE:   [[FILE]]: error: node 0 'reshape_0' (Reshape): cannot reshape [1, 4, 8, 8] to shape [3, -1]
# RESHAPE2D: [[FILE]]: error: node 0 'reshape_0' (Reshape): the shape input must be 1-D, but its shape is [2, 1]
# SQUEEZE:   [[FILE]]: error: node 0 'squeeze_0' (Squeeze): cannot squeeze axis 1 of size 4
