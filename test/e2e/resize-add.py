# The upsample-and-add of feature pyramids and segmentation heads (LR-ASPP,
# FPN-like SSDLite necks), end to end against ONNX Runtime: a resize whose
# only use is an Add takes the Add's other operand as its addend and adds it
# as it writes each pixel (nearest x2, then bilinear to a non-integer size,
# either operand order); --fuse=false keeps the Add separate.
# RUN: %python %s %t.onnx
# RUN: mnc-compile %t.onnx --emit=fused | FileCheck %s --check-prefix=FUSED
# RUN: %python %testlib/multi_check.py --compiler mnc-compile --model %t.onnx --workdir %t.x86 | FileCheck %s
# RUN: %python %testlib/multi_check.py --compiler mnc-compile --model %t.onnx --workdir %t.par --parallel | FileCheck %s
# RUN: %python %testlib/multi_check.py --compiler mnc-compile --model %t.onnx --workdir %t.unfused -- --fuse=false | FileCheck %s
# RUN: %if aarch64-cross %{ %python %testlib/multi_check.py --compiler mnc-compile --model %t.onnx --workdir %t.a64 --cross aarch64 | FileCheck %s %}
# CHECK: PASS

# FUSED-LABEL: func.func @main
# FUSED:       mnc.resize %{{.*}} addend(%{{.*}}) {{.*}}mode = #mnc.resize_mode<nearest>
# FUSED:       mnc.resize %{{.*}} addend(%{{.*}}) {{.*}}mode = #mnc.resize_mode<bilinear>
# FUSED-NOT:   mnc.add

import sys

import numpy as np
from onnx import helper

from onnx_testlib import check, make_model, rand, save

nodes = [
    helper.make_node("Conv", ["x", "w0"], ["fine"], name="fine", kernel_shape=[3, 3],
                     pads=[1, 1, 1, 1]),
    helper.make_node("Conv", ["fine", "w1"], ["coarse"], name="coarse", kernel_shape=[3, 3],
                     strides=[2, 2], pads=[1, 1, 1, 1]),
    helper.make_node("Resize", ["coarse", "", "scales2"], ["up"], name="up",
                     mode="nearest", coordinate_transformation_mode="asymmetric",
                     nearest_mode="floor"),
    helper.make_node("Add", ["up", "fine"], ["merged"], name="merge"),
    helper.make_node("Conv", ["merged", "w2"], ["head"], name="head", kernel_shape=[1, 1]),
    helper.make_node("Resize", ["head", "", "", "size"], ["big"], name="to_size",
                     mode="linear", coordinate_transformation_mode="half_pixel"),
    helper.make_node("Add", ["skip", "big"], ["y"], name="add_skip"),
]
inits = {"w0": rand([8, 3, 3, 3], seed=1), "w1": rand([8, 8, 3, 3], seed=2),
         "w2": rand([4, 8, 1, 1], seed=3),
         "scales2": np.array([1, 1, 2, 2], np.float32),
         "size": np.array([1, 4, 23, 17], np.int64)}
model = make_model(nodes, [("x", "float32", [1, 3, 12, 10]), ("skip", "float32", [1, 4, 23, 17])],
                   [("y", "float32", [1, 4, 23, 17])], inits, opset=13)
save(check(model), sys.argv[1])
