# Inverted-residual blocks with squeeze-and-excite against ONNX Runtime, for
# every register blocking: the depthwise kernel adds up its rows for the
# squeeze as it writes them, whichever loop the threads share (rows on a
# 20x22 image; (row, channel vector) pairs, tail included, on a 5x6 one and
# on a one-row image), and an expansion conv with fewer rows than threads
# would share evenly (5) writes its padded result by (row, channel tile)
# pairs, tail included, each zeroing its part of the row's borders.
# RUN: %python %s %t.onnx
# (AVX-512 code runs on a host with AVX-512 only; its IR is checked below everywhere.)
# RUN: %if host-avx512 %{ %python %testlib/e2e_check.py --compiler mnc-compile --model %t.onnx --workdir %t.avx512 -- --mcpu znver4 | FileCheck %s %}
# RUN: %python %testlib/e2e_check.py --compiler mnc-compile --model %t.onnx --workdir %t.avx2 -- --mcpu x86-64-v3 | FileCheck %s
# RUN: %python %testlib/e2e_check.py --compiler mnc-compile --model %t.onnx --workdir %t.sse -- --mcpu x86-64 | FileCheck %s
# RUN: %if aarch64-cross %{ %python %testlib/e2e_check.py --cross aarch64 --compiler mnc-compile --model %t.onnx --workdir %t.neon -- --mcpu cortex-a76 | FileCheck %s %}
# RUN: %if host-avx512 %{ %python %testlib/e2e_check.py --compiler mnc-compile --model %t.onnx --workdir %t.pool --parallel 2 -- --mcpu znver4 | FileCheck %s %} %else %{ %python %testlib/e2e_check.py --compiler mnc-compile --model %t.onnx --workdir %t.pool-avx2 --parallel 2 -- --mcpu x86-64-v3 | FileCheck %s %}
# RUN: %python %testlib/e2e_check.py --compiler mnc-compile --model %t.onnx --workdir %t.pieces --parallel 0 -- --mcpu x86-64-v3 | FileCheck %s
# CHECK: PASS

# Each squeeze reads its depthwise kernel's row sums ([1, H, C] viewed as
# [1, H, 1, C]), not the whole tensor.
# RUN: mnc-compile %t.onnx --emit=linalg --mcpu znver4 | FileCheck %s --check-prefix=SUMS
# SUMS-COUNT-3: tensor.expand_shape %{{[0-9#]+}} {{\[\[}}0], [1], [2, 3]] output_shape [1, {{20, 1, 72|5, 1, 200|1, 1, 24}}]
# SUMS-NOT: {{\[\[}}0], [1], [2, 3]]

import sys

from onnx_testlib import check, helper, make_model, rand, save

nodes, inits = [], {}
seed = [0]


def weight(name, shape):
    seed[0] += 1
    inits[name] = rand(shape, seed=seed[0])
    return name


def conv(name, x, cin, cout, kernel, stride=(1, 1), group=1, pads=None):
    kh, kw = kernel
    if pads is None:
        pads = [kh // 2, kw // 2, kh // 2, kw // 2]
    nodes.append(helper.make_node(
        "Conv", [x, weight(name + "_w", [cout, cin // group, kh, kw]),
                 weight(name + "_b", [cout])], [name], name=name,
        kernel_shape=list(kernel), strides=list(stride), pads=pads,
        group=group))
    return name


def unary(op, x, name, **attrs):
    nodes.append(helper.make_node(op, [x], [name], name=name, **attrs))
    return name


def block(name, x, cin, expanded, reduced, cout, kernel):
    """1x1 expansion + h-swish, depthwise + ReLU, squeeze-and-excite,
    1x1 projection, residual add."""
    e = unary("HardSwish", conv(name + "_expand", x, cin, expanded, (1, 1)),
              name + "_hs")
    d = unary("Relu", conv(name + "_dw", e, expanded, expanded,
                           (kernel, kernel), group=expanded), name + "_relu")
    s = unary("GlobalAveragePool", d, name + "_pool")
    s = unary("Relu", conv(name + "_reduce", s, expanded, reduced, (1, 1)),
              name + "_se_relu")
    s = unary("HardSigmoid", conv(name + "_gate", s, reduced, expanded,
                                  (1, 1)), name + "_se_gate",
              alpha=1.0 / 6, beta=0.5)
    nodes.append(helper.make_node("Mul", [d, s], [name + "_scaled"],
                                  name=name + "_scale"))
    p = conv(name + "_project", name + "_scaled", expanded, cout, (1, 1))
    nodes.append(helper.make_node("Add", [p, x], [name], name=name + "_add"))
    return name


# 20x22: the depthwise rows are shared; 72 channels = 4 x 16 + 8.
a = conv("stem", "x", 3, 24, (3, 3))
a = block("a", a, 24, 72, 18, 24, 3)
# 5x6: the expansion's 5 padded rows by 200 channels (6 tiles of 32 and a
# tail of 8), the depthwise's 5 rows by 12 channel vectors and its tail.
b = conv("down", a, 24, 40, (3, 3), stride=(4, 4))
b = block("b", b, 40, 200, 52, 40, 5)
# 1x8: one row; 24 channels (at AVX-512, one vector and a tail: 2 pairs).
c = conv("squash", b, 40, 16, (5, 1), pads=[0, 0, 0, 0], stride=(5, 1))
c = conv("widen", c, 16, 16, (1, 5), pads=[0, 3, 0, 3])
c = block("c", c, 16, 24, 8, 16, 3)
flat = [unary("Flatten", t, t + "_flat") for t in (a, b, c)]
nodes.append(helper.make_node("Concat", flat, ["y"], name="concat", axis=1))

outputs = 24 * 20 * 22 + 40 * 5 * 6 + 16 * 1 * 8
model = make_model(nodes, [("x", "float32", [1, 3, 20, 22])],
                   [("y", "float32", [1, outputs])], inits, opset=14)
save(check(model), sys.argv[1])
