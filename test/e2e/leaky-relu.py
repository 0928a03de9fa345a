# LeakyRelu end to end against ONNX Runtime: fused into the convolutions
# before it (a 3x3 full conv and a depthwise conv, whose residual add is fused
# after it: the vector kernels apply both to the accumulators), and standalone
# after that add, where nothing absorbs it.
# --fuse=false keeps every LeakyRelu standalone.
# RUN: %python %s %t.onnx
# RUN: mnc-compile %t.onnx --emit=fused | FileCheck %s --check-prefix=FUSED
# RUN: %python %testlib/e2e_check.py --compiler mnc-compile --model %t.onnx --workdir %t.fused | FileCheck %s
# RUN: %python %testlib/e2e_check.py --compiler mnc-compile --model %t.onnx --workdir %t.unfused -- --fuse=false | FileCheck %s
# RUN: %if aarch64-cross %{ %python %testlib/e2e_check.py --compiler mnc-compile --model %t.onnx --workdir %t.a64 --cross aarch64 | FileCheck %s %}
# CHECK: PASS

# FUSED: mnc.conv2d {{.*}}activation = #mnc.activation<leaky_relu, 1.000000e-01, 0.000000e+00>
# FUSED: mnc.conv2d {{.*}}residual({{.*}}activation = #mnc.activation<leaky_relu, 0.00999999977, 0.000000e+00>
# FUSED-NEXT: mnc.leaky_relu {{.*}}{alpha = 3.000000e-01 : f32}

import sys

from onnx_testlib import check, helper, make_model, rand, save

nodes = [
    helper.make_node("Conv", ["x", "w1", "b1"], ["c1"], name="conv", kernel_shape=[3, 3],
                     pads=[1, 1, 1, 1]),
    helper.make_node("LeakyRelu", ["c1"], ["a1"], name="leaky_conv", alpha=0.1),
    helper.make_node("Conv", ["a1", "w2", "b2"], ["c2"], name="depthwise", group=24,
                     kernel_shape=[3, 3], pads=[1, 1, 1, 1]),
    helper.make_node("LeakyRelu", ["c2"], ["a2"], name="leaky_depthwise"),
    helper.make_node("Add", ["a2", "a1"], ["s"], name="add"),
    helper.make_node("LeakyRelu", ["s"], ["y"], name="leaky_add", alpha=0.3),
]
inits = {"w1": rand([24, 3, 3, 3], seed=1), "b1": rand([24], seed=2),
         "w2": rand([24, 1, 3, 3], seed=3), "b2": rand([24], seed=4)}
model = make_model(nodes, [("x", "float32", [1, 3, 12, 10])],
                   [("y", "float32", [1, 24, 12, 10])], inits, opset=16)
save(check(model), sys.argv[1])
