# AveragePool, MaxPool and GlobalMaxPool end to end against ONNX Runtime,
# natively and for AArch64 under qemu. Each model feeds a convolution's NHWC
# result to several pools, flattens their results and concatenates them, so
# one run checks every variant:
#   avg:         pads with count_include_pad 0 and 1, asymmetric pads,
#                ceil_mode (last windows clipped to the padded input, and one
#                reaching past an input without end padding), auto_pad
#                SAME_UPPER, SAME_LOWER and VALID, strides 1 to 3; a
#                HardSwish after one pool (fused into it; --fuse=false keeps
#                it standalone);
#   avg-dilated: dilations (opset 19) with ceil_mode, both divisors;
#   max:         pads (on values all below zero, so a padded 0 would win),
#                ceil_mode, dilations, SAME_UPPER, GlobalMaxPool;
#   lraspp:      LR-ASPP's large average pool (kernel 49, strides 16x20) on a
#                65x65 map.
# RUN: %python %s %t.avg.onnx avg
# RUN: %python %testlib/e2e_check.py --compiler mnc-compile --model %t.avg.onnx --workdir %t.avg | FileCheck %s
# RUN: %python %testlib/e2e_check.py --compiler mnc-compile --model %t.avg.onnx --workdir %t.avg.unfused -- --fuse=false | FileCheck %s
# RUN: %if aarch64-cross %{ %python %testlib/e2e_check.py --compiler mnc-compile --model %t.avg.onnx --workdir %t.avg.a64 --cross aarch64 | FileCheck %s %}
# RUN: %python %s %t.avgd.onnx avg-dilated
# RUN: %python %testlib/e2e_check.py --compiler mnc-compile --model %t.avgd.onnx --workdir %t.avgd | FileCheck %s
# RUN: %if aarch64-cross %{ %python %testlib/e2e_check.py --compiler mnc-compile --model %t.avgd.onnx --workdir %t.avgd.a64 --cross aarch64 | FileCheck %s %}
# RUN: %python %s %t.max.onnx max
# RUN: %python %testlib/e2e_check.py --compiler mnc-compile --model %t.max.onnx --workdir %t.max | FileCheck %s
# RUN: %if aarch64-cross %{ %python %testlib/e2e_check.py --compiler mnc-compile --model %t.max.onnx --workdir %t.max.a64 --cross aarch64 | FileCheck %s %}
# Relu and clip after max pooling are fused into it (they commute with the
# maximum): padded windows, values of both signs.
# RUN: %python %s %t.maxact.onnx max-act
# RUN: mnc-compile %t.maxact.onnx --emit=fused | FileCheck %s --check-prefix=MAXACT
# RUN: %python %testlib/e2e_check.py --compiler mnc-compile --model %t.maxact.onnx --workdir %t.maxact | FileCheck %s
# RUN: %python %testlib/e2e_check.py --compiler mnc-compile --model %t.maxact.onnx --workdir %t.maxact.unfused -- --fuse=false | FileCheck %s
# RUN: %if aarch64-cross %{ %python %testlib/e2e_check.py --compiler mnc-compile --model %t.maxact.onnx --workdir %t.maxact.a64 --cross aarch64 | FileCheck %s %}
# MAXACT: mnc.max_pool {{.*}}activation = #mnc.activation<relu>
# MAXACT: mnc.max_pool {{.*}}activation = #mnc.activation<clip, -1.000000e+00, 2.000000e+00>
# MAXACT-NOT: mnc.relu
# MAXACT-NOT: mnc.clip
# RUN: %python %s %t.lraspp.onnx lraspp
# RUN: %python %testlib/e2e_check.py --compiler mnc-compile --model %t.lraspp.onnx --workdir %t.lraspp | FileCheck %s
# RUN: %if aarch64-cross %{ %python %testlib/e2e_check.py --compiler mnc-compile --model %t.lraspp.onnx --workdir %t.lraspp.a64 --cross aarch64 | FileCheck %s %}
# CHECK: PASS

# RUN: mnc-compile %t.avg.onnx --emit=fused | FileCheck %s --check-prefix=FUSED
# FUSED: mnc.avg_pool {{.*}}{activation = #mnc.activation<hardswish, 0.166666672, 5.000000e-01>, ceil_mode = false, count_include_pad = false, dilations = array<i64: 1, 1>, kernel = array<i64: 3, 3>
# FUSED-NOT: mnc.hardswish

# Every pool is its own window loop nest (n, oh, ow, kh, kw, c): none of the
# six was merged with another.
# RUN: mnc-compile %t.avg.onnx --emit=linalg | FileCheck %s --check-prefix=LINALG
# RUN: mnc-compile %t.max.onnx --emit=linalg | FileCheck %s --check-prefix=LINALG
# LINALG-COUNT-6: iterator_types = ["parallel", "parallel", "parallel", "reduction", "reduction", "parallel"]
# LINALG-NOT: iterator_types = ["parallel", "parallel", "parallel", "reduction", "reduction", "parallel"]

import sys

import numpy as np

from onnx_testlib import helper, make_model, rand, save

variant = sys.argv[2]

# (op type, attributes) of each pool, reading the convolution's result "c";
# the first average pool is followed by a HardSwish.
POOLS = {
    "avg": [
        ("AveragePool", dict(kernel_shape=[3, 3], strides=[2, 2], pads=[1, 1, 1, 1])),
        ("AveragePool", dict(kernel_shape=[3, 2], strides=[2, 3], pads=[1, 0, 2, 1],
                             count_include_pad=1, ceil_mode=1)),
        ("AveragePool", dict(kernel_shape=[2, 2], strides=[2, 2], ceil_mode=1)),
        ("AveragePool", dict(kernel_shape=[2, 3], strides=[2, 2], auto_pad="SAME_UPPER")),
        ("AveragePool", dict(kernel_shape=[4, 3], strides=[3, 1], auto_pad="SAME_LOWER",
                             count_include_pad=1)),
        ("AveragePool", dict(kernel_shape=[3, 3], auto_pad="VALID")),
    ],
    "avg-dilated": [
        ("AveragePool", dict(kernel_shape=[3, 2], strides=[2, 2], pads=[1, 1, 1, 1],
                             dilations=[2, 3], ceil_mode=1)),
        ("AveragePool", dict(kernel_shape=[3, 2], strides=[2, 2], pads=[1, 1, 1, 1],
                             dilations=[2, 3], ceil_mode=1, count_include_pad=1)),
    ],
    "max": [
        ("MaxPool", dict(kernel_shape=[3, 3], strides=[2, 2], pads=[1, 1, 1, 1])),
        ("MaxPool", dict(kernel_shape=[2, 2], strides=[2, 2], pads=[1, 1, 1, 1],
                         ceil_mode=1)),
        ("MaxPool", dict(kernel_shape=[3, 2], strides=[1, 2], pads=[2, 1, 1, 0],
                         dilations=[2, 3])),
        ("MaxPool", dict(kernel_shape=[2, 3], strides=[2, 2], auto_pad="SAME_UPPER")),
        ("MaxPool", dict(kernel_shape=[2, 3], strides=[3, 2], ceil_mode=1,
                         storage_order=1)),
        ("GlobalMaxPool", {}),
    ],
}

if variant == "max-act":
    nodes = [
        helper.make_node("Conv", ["x", "w", "b"], ["c"], name="conv", kernel_shape=[3, 3],
                         pads=[1, 1, 1, 1]),
        helper.make_node("MaxPool", ["c"], ["m0"], name="pool0", kernel_shape=[3, 3],
                         strides=[2, 2], pads=[1, 1, 1, 1]),
        helper.make_node("Relu", ["m0"], ["r0"], name="relu"),
        helper.make_node("MaxPool", ["c"], ["m1"], name="pool1", kernel_shape=[2, 2],
                         strides=[1, 1], pads=[0, 0, 1, 1]),
        helper.make_node("Clip", ["m1", "lo", "hi"], ["r1"], name="clip"),
        helper.make_node("Flatten", ["r0"], ["f0"], name="flat0"),
        helper.make_node("Flatten", ["r1"], ["f1"], name="flat1"),
        helper.make_node("Concat", ["f0", "f1"], ["y"], name="concat", axis=1),
    ]
    inits = {"w": rand([8, 3, 3, 3], seed=1), "b": rand([8], seed=2),
             "lo": np.array(-1.0, np.float32), "hi": np.array(2.0, np.float32)}
    model = make_model(nodes, [("x", "float32", [1, 3, 17, 15])],
                       [("y", "float32", [1, 8 * 9 * 8 + 8 * 17 * 15])], inits)
elif variant == "lraspp":
    # A pointwise conv with a bias gives each channel its own mean, so the
    # averages spread.
    nodes = [
        helper.make_node("Conv", ["x", "w", "b"], ["c"], name="conv", kernel_shape=[1, 1]),
        helper.make_node("AveragePool", ["c"], ["y"], name="pool",
                         kernel_shape=[49, 49], strides=[16, 20]),
    ]
    inits = {"w": rand([96, 3, 1, 1], seed=1), "b": rand([96], seed=2)}
    model = make_model(nodes, [("x", "float32", [1, 3, 65, 65])],
                       [("y", "float32", [1, 96, 2, 1])], inits)
else:
    # Pools of a 3x3 convolution's result: 8 channels of 17x15. For max, its
    # values are shifted below zero first.
    nodes = [helper.make_node("Conv", ["x", "w", "b"], ["c"], name="conv",
                              kernel_shape=[3, 3], pads=[1, 1, 1, 1])]
    inits = {"w": rand([8, 3, 3, 3], seed=1), "b": rand([8], seed=2)}
    source = "c"
    if variant == "max":
        nodes.append(helper.make_node("Sub", ["c", "shift"], ["s"], name="shift"))
        source = "s"
    flat = []
    for i, (op, attrs) in enumerate(POOLS[variant]):
        nodes.append(helper.make_node(op, [source], [f"p{i}"], name=f"pool{i}", **attrs))
        pooled = f"p{i}"
        if variant == "avg" and i == 0:
            nodes.append(helper.make_node("HardSwish", [pooled], ["a0"], name="hardswish"))
            pooled = "a0"
        nodes.append(helper.make_node("Flatten", [pooled], [f"f{i}"], name=f"flat{i}"))
        flat.append(f"f{i}")
    nodes.append(helper.make_node("Concat", flat, ["y"], name="concat", axis=1))
    if variant == "max":
        # Every value below zero: the conv's result is within +-(27 + 1).
        inits["shift"] = np.array([30.0], np.float32)
    model = make_model(nodes, [("x", "float32", [1, 3, 17, 15])],
                       [("y", "float32", [1, "n"])], inits,
                       opset={"avg": 14, "avg-dilated": 19}.get(variant, 13))
# (HardSwish came with opset 14, AveragePool's dilations with 19.)
# Not checked: libonnx 1.12 knows neither opset 19 nor the ceil_mode rule
# that drops a last window starting in the end padding.
save(model, sys.argv[1])
