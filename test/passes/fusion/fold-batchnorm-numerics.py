# Numerical check of -fold-batchnorm on imported ONNX models: each case is a
# tiny model (Conv or Gemm followed by BatchNormalization, or a lone
# BatchNormalization), imported with mnc-compile --emit=mnc and folded with
# mnc-opt -fold-batchnorm. The script reads the folded constants back and
#   1. compares them with numpy's fold, computed in double from the f32
#      initializers (epsilon is ONNX's f32 attribute, inside the square root)
#      and rounded to f32 once: they must be equal to the last bit;
#   2. evaluates the folded layer and ONNX's definition of the unfolded one,
#      y = (layer(x) - mean) / sqrt(var + epsilon) * scale + B, on a random
#      input, both in double: they must agree to 1e-6 relative to the output.
#
# RUN: %python %s %t mnc-compile mnc-opt | FileCheck %s
#
# CHECK: conv_bias: folded into mnc.conv2d, weights and bias exact, outputs agree
# CHECK: conv_no_bias_eps_default: folded into mnc.conv2d, weights and bias exact, outputs agree
# CHECK: depthwise: folded into mnc.conv2d, weights and bias exact, outputs agree
# CHECK: grouped: folded into mnc.conv2d, weights and bias exact, outputs agree
# CHECK: gemm: folded into mnc.fully_connected, weights and bias exact, outputs agree
# CHECK: gemm_no_bias: folded into mnc.fully_connected, weights and bias exact, outputs agree
# CHECK: lone: scale and shift exact, outputs agree
# CHECK: conv_two_users: scale and shift exact, outputs agree
# CHECK: all 8 cases passed

import os
import re
import subprocess
import sys

import numpy as np

from onnx_testlib import helper, make_model, save

OUT_DIR, MNC_COMPILE, MNC_OPT = sys.argv[1:4]
os.makedirs(OUT_DIR, exist_ok=True)
RNG = np.random.default_rng(7)


def uniform(shape, low=-1.0, high=1.0):
    return RNG.uniform(low, high, size=shape).astype(np.float32)


def bn_params(channels):
    """scale, B, mean, var of a BatchNormalization, with a spread of values
    (some variances near zero, where epsilon matters most)."""
    var = uniform([channels], 0.0, 2.0)
    var[0] = 1e-4
    return {"scale": uniform([channels], 0.2, 2.0), "B": uniform([channels]),
            "mean": uniform([channels]), "var": var}


# -- Reference computations, in double ----------------------------------------

def conv2d(x, w, b, stride, pads, groups):
    """NCHW convolution (pads [top, left, bottom, right]), in double."""
    x = np.pad(x.astype(np.float64),
               [(0, 0), (0, 0), (pads[0], pads[2]), (pads[1], pads[3])])
    w = w.astype(np.float64)
    n, c, h, wd = x.shape
    f, cg, kh, kw = w.shape
    oh, ow = (h - kh) // stride + 1, (wd - kw) // stride + 1
    y = np.zeros((n, f, oh, ow))
    fg = f // groups
    for o in range(f):
        g = o // fg
        xs = x[:, g * cg:(g + 1) * cg]
        for i in range(oh):
            for j in range(ow):
                patch = xs[:, :, i * stride:i * stride + kh, j * stride:j * stride + kw]
                y[:, o, i, j] = np.tensordot(patch, w[o], axes=([1, 2, 3], [0, 1, 2]))
    if b is not None:
        y += b.astype(np.float64)[None, :, None, None]
    return y


def batch_norm(y, p, eps):
    """ONNX BatchNormalization (inference) over axis 1, in double, with the
    f32 epsilon attribute."""
    shape = [1, -1] + [1] * (y.ndim - 2)
    d = {k: v.astype(np.float64).reshape(shape) for k, v in p.items()}
    return (y - d["mean"]) / np.sqrt(d["var"] + float(np.float32(eps))) * d["scale"] + d["B"]


def fold(w, b, p, eps):
    """Expected folded weights and bias: double, rounded to f32 once."""
    d = {k: v.astype(np.float64) for k, v in p.items()}
    s = d["scale"] / np.sqrt(d["var"] + float(np.float32(eps)))
    w2 = w.astype(np.float64) * s.reshape([-1] + [1] * (w.ndim - 1))
    b0 = np.zeros_like(s) if b is None else b.astype(np.float64)
    b2 = (b0 - d["mean"]) * s + d["B"]
    return w2.astype(np.float32), b2.astype(np.float32)


def scale_shift(p, eps):
    d = {k: v.astype(np.float64) for k, v in p.items()}
    s = d["scale"] / np.sqrt(d["var"] + float(np.float32(eps)))
    return s.astype(np.float32), (d["B"] - d["mean"] * s).astype(np.float32)


# -- Reading the folded module ------------------------------------------------

CONST_RE = re.compile(r"^\s*(%[\w.$-]+) = arith\.constant dense<(.*)> : tensor<([0-9x]*)xf32>")


def parse_dense(body, shape):
    if body.startswith('"0x'):
        data = np.frombuffer(bytes.fromhex(body[3:-1]), dtype="<f4")
        if data.size == 1:
            data = np.full(shape, data[0], np.float32)
        return data.reshape(shape)
    if body.startswith("["):
        return np.array(eval(body), dtype=np.float32).reshape(shape)
    return np.full(shape, np.float32(float(body)), np.float32)


def read_module(text):
    """Constants by SSA name, and the mnc op lines."""
    constants, ops = {}, []
    for line in text.splitlines():
        m = CONST_RE.match(line)
        if m:
            shape = [int(s) for s in m.group(3).split("x")] if m.group(3) else []
            constants[m.group(1)] = parse_dense(m.group(2), shape)
        elif "mnc." in line:
            ops.append(line.strip())
    return constants, ops


def run(model, name):
    onnx_path = os.path.join(OUT_DIR, name + ".onnx")
    mlir_path = os.path.join(OUT_DIR, name + ".mlir")
    save(model, onnx_path)
    subprocess.run([MNC_COMPILE, onnx_path, "--emit=mnc", "-o", mlir_path], check=True)
    folded = subprocess.run([MNC_OPT, mlir_path, "-fold-batchnorm"], check=True,
                            capture_output=True, text=True).stdout
    return read_module(folded)


def operands(op_line):
    """SSA operands of an mnc op line (before the attribute dict / type)."""
    head = op_line.split(" = ", 1)[1]
    head = re.split(r"\{|:", head, maxsplit=1)[0]
    return re.findall(r"%[\w.$-]+", head)


def expect_exact(name, got, want):
    if got.shape != want.shape or not np.array_equal(got, want):
        ulps = np.max(np.abs(got.view(np.int32).astype(np.int64)
                             - want.view(np.int32).astype(np.int64)))
        sys.exit(f"{name}: folded constants differ from numpy (max {ulps} ulp):\n"
                 f"got  {got.ravel()}\nwant {want.ravel()}")


def expect_close(name, got, want):
    err = np.max(np.abs(got - want)) / max(1.0, np.max(np.abs(want)))
    if not err <= 1e-6:
        sys.exit(f"{name}: folded layer differs from conv + batch norm by {err:.3g}")


def layer_inputs(w, b, p):
    """The initializers of a layer with weight w and bias b (None for none)
    followed by a batch norm with parameters p, and the layer's input names."""
    inits = {"w": w}
    inputs = ["x", "w"]
    if b is not None:
        inits["b"] = b
        inputs.append("b")
    inits.update(p)
    return inits, inputs


def folded_layer(name, ops, constants, layer, w, b, p, eps):
    """Checks that the batch norm folded into the only mnc.<layer> of ops, with
    exactly numpy's weight and bias; returns them."""
    layers = [op for op in ops if f"mnc.{layer}" in op]
    if len(layers) != 1 or any("mnc.batch_norm" in op for op in ops):
        sys.exit(f"{name}: expected one {layer} and no batch_norm, got:\n" + "\n".join(ops))
    args = operands(layers[0])
    w2, b2 = constants[args[1]], constants[args[2]]
    want_w, want_b = fold(w, b, p, eps)
    expect_exact(name, w2, want_w)
    expect_exact(name, b2, want_b)
    return w2, b2


# -- Cases ---------------------------------------------------------------------

def conv_case(name, channels_in, channels_out, k, stride, pad, groups, bias, eps):
    x_shape = [1, channels_in, 7, 7]
    out_hw = (7 + 2 * pad - k) // stride + 1
    y_shape = [1, channels_out, out_hw, out_hw]
    w = uniform([channels_out, channels_in // groups, k, k])
    b = uniform([channels_out]) if bias else None
    p = bn_params(channels_out)
    inits, conv_inputs = layer_inputs(w, b, p)
    bn_attrs = {} if eps is None else {"epsilon": eps}
    nodes = [
        helper.make_node("Conv", conv_inputs, ["c"], kernel_shape=[k, k],
                         strides=[stride, stride], pads=[pad] * 4, group=groups),
        helper.make_node("BatchNormalization", ["c", "scale", "B", "mean", "var"],
                         ["y"], **bn_attrs),
    ]
    model = make_model(nodes, [("x", "float32", x_shape)], [("y", "float32", y_shape)],
                       inits, opset=13 if eps is not None else 15)
    constants, ops = run(model, name)
    eps_value = 1e-5 if eps is None else eps
    w2, b2 = folded_layer(name, ops, constants, "conv2d", w, b, p, eps_value)
    x = uniform(x_shape)
    pads = [pad] * 4
    expect_close(name, conv2d(x, w2, b2, stride, pads, groups),
                 batch_norm(conv2d(x, w, b, stride, pads, groups), p, eps_value))
    print(f"{name}: folded into mnc.conv2d, weights and bias exact, outputs agree")


def gemm_case(name, bias):
    m, k, n = 3, 5, 4
    w = uniform([n, k])
    b = uniform([n]) if bias else None
    p = bn_params(n)
    inits, inputs = layer_inputs(w, b, p)
    nodes = [
        helper.make_node("Gemm", inputs, ["g"], transB=1),
        helper.make_node("BatchNormalization", ["g", "scale", "B", "mean", "var"],
                         ["y"], epsilon=1e-3),
    ]
    model = make_model(nodes, [("x", "float32", [m, k])], [("y", "float32", [m, n])],
                       inits, opset=13)
    constants, ops = run(model, name)
    w2, b2 = folded_layer(name, ops, constants, "fully_connected", w, b, p, 1e-3)
    x = uniform([m, k]).astype(np.float64)
    plain = x @ w.astype(np.float64).T + (0 if b is None else b.astype(np.float64))
    expect_close(name, x @ w2.astype(np.float64).T + b2, batch_norm(plain, p, 1e-3))
    print(f"{name}: folded into mnc.fully_connected, weights and bias exact, outputs agree")


def scale_shift_case(name, with_conv_users):
    """A batch norm that cannot fold: of the graph input, or of a conv whose
    result has a second user. It becomes mul by s and add of t."""
    c = 3
    p = bn_params(c)
    x_shape = [1, c, 4, 4]
    inits = dict(p)
    nodes = []
    outputs = [("y", "float32", x_shape)]
    bn_input = "x"
    if with_conv_users:
        inits["w"] = uniform([c, c, 1, 1])
        nodes.append(helper.make_node("Conv", ["x", "w"], ["c"], kernel_shape=[1, 1]))
        outputs.append(("c", "float32", x_shape))
        bn_input = "c"
    nodes.append(helper.make_node("BatchNormalization",
                                  [bn_input, "scale", "B", "mean", "var"], ["y"],
                                  epsilon=1e-3))
    model = make_model(nodes, [("x", "float32", x_shape)], outputs, inits, opset=13)
    constants, ops = run(model, name)
    muls = [op for op in ops if "mnc.mul" in op]
    adds = [op for op in ops if "mnc.add" in op]
    if len(muls) != 1 or len(adds) != 1 or any("mnc.batch_norm" in op for op in ops):
        sys.exit(f"{name}: expected one mul, one add, no batch_norm, got:\n" + "\n".join(ops))
    s = constants[operands(muls[0])[1]]
    t = constants[operands(adds[0])[1]]
    want_s, want_t = scale_shift(p, 1e-3)
    expect_exact(name, s, want_s.reshape(c, 1, 1))
    expect_exact(name, t, want_t.reshape(c, 1, 1))
    x = uniform(x_shape).astype(np.float64)
    expect_close(name, x * s + t, batch_norm(x, p, 1e-3))
    print(f"{name}: scale and shift exact, outputs agree")


conv_case("conv_bias", 3, 4, 3, 2, 1, 1, bias=True, eps=1e-3)
conv_case("conv_no_bias_eps_default", 3, 4, 3, 1, 1, 1, bias=False, eps=None)
conv_case("depthwise", 4, 4, 3, 1, 1, 4, bias=False, eps=1e-3)
conv_case("grouped", 4, 6, 1, 1, 0, 2, bias=True, eps=1e-3)
gemm_case("gemm", bias=True)
gemm_case("gemm_no_bias", bias=False)
scale_shift_case("lone", with_conv_users=False)
scale_shift_case("conv_two_users", with_conv_users=True)
print("all 8 cases passed")
