#!/usr/bin/python3
"""PaddleOCR-style models, written as paddle2onnx writes them.

Usage:
    /usr/bin/python3 test/models/make_paddleocr.py --out-dir DIR [--only NAME ...] [--shrink]
    /usr/bin/python3 test/models/make_paddleocr.py --check DIR [--only NAME ...]

Builds three seeded models with onnx.helper, mirroring PaddleOCR 2.x's model
code (the block tables below are those of ppocr/modeling, written from memory
of that source: there is no network to compare with) and paddle2onnx's way of
writing them:

  paddleocr_cls.onnx      text-direction classifier (opset 10): MobileNetV3-Small x0.35
                          (rec_mobilenet_v3.py, strides (2, 1)), MaxPool 2x2, ClsHead
                          (GlobalAveragePool, Reshape through Shape -> Gather -> Unsqueeze
                          -> Concat, MatMul + Add, Softmax); input x [N, 3, 48, 192]
  paddleocr_det_db.onnx   DB text detector (opset 11): MobileNetV3-Large x0.5
                          (det_mobilenet_v3.py), DBFPN neck (96 channels, nearest Resize
                          x2 + Add, 3x3 convs, Resize x8/x4/x2, Concat), DB head (conv + BN +
                          ReLU, ConvTranspose 2x2 s2 + BN + ReLU, ConvTranspose 2x2 s2,
                          Sigmoid); input x [N, 3, H, W], output [N, 1, H, W]
  paddleocr_det_rse.onnx  PP-OCRv3-style DB detector (opset 9): the same backbone with
                          disable_se (as PP-OCRv3's student) and a learnable scale and shift
                          (Mul + Add of [1]-shaped constants, PP-LCNetV3's affine block)
                          after every activation, RSEFPN neck (an SE block with a shortcut
                          on each of the 8 FPN convs), nearest Upsample (opset 9), DB head

paddle2onnx idioms kept: Conv + BatchNormalization (epsilon 1e-5, not folded),
HardSigmoid(alpha=0.2, beta=0.5) SE gates, h-swish as
Div(Mul(x, Clip(Add(x, 3), 0, 6)), 6) with scalar Constant nodes (Clip bounds
as attributes below opset 11, as Constant inputs from 11), every weight a
Constant node (no initializers), input `x` with dim_param batch, height and
width (the classifier: batch only). Biases of convolutions: opset 11 gives
them as the Conv's / ConvTranspose's third input (paddle2onnx 1.x fuses
them); opsets 9 and 10 write paddle's separate elementwise_add, as
paddle2onnx 0.x did: Add(conv, Reshape(bias, Constant [1, -1, 1, 1])).

Weights come from numpy's default_rng(seed): He-normal convolutions
(fan-in), BatchNorm gamma U(0.5, 1.5), beta U(-0.5, 0.5), biases
U(-0.2, 0.2). BatchNorm running statistics are calibrated: while the graph is
built, every node is also evaluated with torch (one thread) on a seeded
calibration batch; each BatchNormalization takes the batch mean and variance
of its input, then randomises them (mean += 0.2 std N(0, 1), var *= U(0.5, 2))
and rounds them to 12 mantissa bits, so the deep net stays healthy and the
bytes are stable. The output is byte-identical from run to run.

For each model the script prints the op histogram, the size and sha256[:16],
and the output's spread on a seeded input (torch). It asserts the exact op
histogram of every model (the `expected` dict of its Spec in SPECS) and runs
onnx.checker.check_model(full_check=True); it exits non-zero when either
fails or the outputs are unhealthy. --shrink builds each model with its last
block left out, a toy, to show that the histogram check fires. --check DIR
builds nothing: it checks the files already in DIR against the expected
histograms (and the ONNX checker), exiting non-zero on any difference.
"""

import argparse
import collections
import hashlib
import os
import sys
import time

import numpy as np
import onnx
import torch
import torch.nn.functional as F
from onnx import TensorProto, helper, numpy_helper

torch.set_num_threads(1)

# --------------------------------------------------------- PaddleOCR's code ---


def make_divisible(v, divisor=8, min_value=None):
    """ppocr/modeling/backbones/det_mobilenet_v3.py (and rec_mobilenet_v3.py)."""
    if min_value is None:
        min_value = divisor
    new_v = max(min_value, int(v + divisor / 2) // divisor * divisor)
    if new_v < 0.9 * v:
        new_v += divisor
    return new_v


# ppocr/modeling/backbones/rec_mobilenet_v3.py, model_name "small", small_stride
# [2, 2, 2, 2] (the text-direction classifier's backbone, scale 0.35).
#   k, exp, c, se, act, stride ((2, 1): stride 2 in H, 1 in W)
REC_SMALL_CFG = [
    [3, 16, 16, True, "relu", (2, 1)],
    [3, 72, 24, False, "relu", (2, 1)],
    [3, 88, 24, False, "relu", 1],
    [5, 96, 40, True, "hardswish", (2, 1)],
    [5, 240, 40, True, "hardswish", 1],
    [5, 240, 40, True, "hardswish", 1],
    [5, 120, 48, True, "hardswish", 1],
    [5, 144, 48, True, "hardswish", 1],
    [5, 288, 96, True, "hardswish", (2, 1)],
    [5, 576, 96, True, "hardswish", 1],
    [5, 576, 96, True, "hardswish", 1],
]
REC_SMALL_SQUEEZE = 576

# ppocr/modeling/backbones/det_mobilenet_v3.py, model_name "large" (scale 0.5).
#   k, exp, c, se, act, stride
DET_LARGE_CFG = [
    [3, 16, 16, False, "relu", 1],
    [3, 64, 24, False, "relu", 2],
    [3, 72, 24, False, "relu", 1],
    [5, 72, 40, True, "relu", 2],
    [5, 120, 40, True, "relu", 1],
    [5, 120, 40, True, "relu", 1],
    [3, 240, 80, False, "hardswish", 2],
    [3, 200, 80, False, "hardswish", 1],
    [3, 184, 80, False, "hardswish", 1],
    [3, 184, 80, False, "hardswish", 1],
    [3, 480, 112, True, "hardswish", 1],
    [3, 672, 112, True, "hardswish", 1],
    [5, 672, 160, True, "hardswish", 2],
    [5, 960, 160, True, "hardswish", 1],
    [5, 960, 160, True, "hardswish", 1],
]
DET_LARGE_SQUEEZE = 960
DET_LARGE_START_IDX = 2   # a stage ends before each stride-2 block i > 2

FPN_OUT_CHANNELS = 96     # DBFPN / RSEFPN out_channels of the mobile detectors
BN_EPSILON = 1e-5         # paddle.nn.BatchNorm's default
BN_MOMENTUM = 0.9


def pair(s):
    return list(s) if isinstance(s, (tuple, list)) else [s, s]


# ------------------------------------------------------------ the builder ---


def round_mantissa(a, bits=12):
    m, e = np.frexp(np.asarray(a, np.float64))
    return np.ldexp(np.round(m * (1 << bits)) / (1 << bits), e).astype(np.float32)


class Graph:
    """An ONNX graph under construction, in paddle2onnx's style, evaluated
    with torch as it grows (on the calibration batch). Every node is also
    recorded as a torch function, so the finished network can run again on
    another input (run())."""

    def __init__(self, opset, rng, bias_style, calib, input_name="x"):
        self.opset = opset
        self.rng = rng
        self.bias_style = bias_style   # "input" or "reshape_add"
        self.nodes = []
        self.prog = []                 # (fn, input names, output name)
        self.values = {input_name: calib}
        self.input_name = input_name
        self.var_ids = collections.Counter()
        self.node_ids = collections.Counter()
        self.shrink = False

    # names as paddle's program and paddle2onnx give them
    def var(self, kind, suffix="tmp_0"):
        k = self.var_ids[kind]
        self.var_ids[kind] += 1
        return f"{kind}_{k}.{suffix}"

    def param(self, kind):
        """A parameter prefix as paddle names them: conv2d_3 (then .w_0, .b_0)."""
        k = self.var_ids[kind]
        self.var_ids[kind] += 1
        return f"{kind}_{k}"

    def node(self, op, inputs, fn, out=None, **attrs):
        out = out or self.var(op.lower())
        k = self.node_ids[op]
        self.node_ids[op] += 1
        self.nodes.append(helper.make_node(op, list(inputs), [out], name=f"p2o.{op}.{k}",
                                           **attrs))
        self.prog.append((fn, list(inputs), out))
        self.values[out] = fn(*[self.values[i] for i in inputs])
        return out

    def const(self, array, name=None):
        array = np.array(array)  # (np.ascontiguousarray would make a scalar 1-D)
        name = name or self.var("p2o.helper.constant", "out")
        tensor = numpy_helper.from_array(array, name)
        value = torch.from_numpy(array.copy())
        return self.node("Constant", [], lambda: value, out=name, value=tensor)

    def scalar(self, v):
        return self.const(np.array(v, np.float32))

    # ---- weights
    def he_normal(self, shape, fan_in):
        return (self.rng.standard_normal(shape) * np.sqrt(2.0 / fan_in)).astype(np.float32)

    def uniform(self, shape, lo, hi):
        return self.rng.uniform(lo, hi, shape).astype(np.float32)

    # ---- layers
    def bias_add(self, y, b, param):
        """paddle's elementwise_add(axis=1) of a conv's bias, as paddle2onnx 0.x writes it."""
        bias = self.const(b, param)
        shape = self.const(np.array([1, -1, 1, 1], np.int64))
        reshaped = self.node("Reshape", [bias, shape], lambda t, s: t.reshape(tuple(s.tolist())),
                             out=self.var("p2o.helper.reshape"))
        return self.node("Add", [y, reshaped], lambda a, c: a + c,
                         out=self.var("elementwise_add"))

    def conv(self, x, cin, cout, k, stride=1, groups=1, bias=False, padding=None):
        kh, kw = pair(k)
        sh, sw = pair(stride)
        ph, pw = ((kh - 1) // 2, (kw - 1) // 2) if padding is None else pair(padding)
        pname = self.param("conv2d")
        w = self.he_normal([cout, cin // groups, kh, kw], fan_in=cin // groups * kh * kw)
        inputs = [x, self.const(w, pname + ".w_0")]
        b = self.uniform([cout], -0.2, 0.2) if bias else None
        if bias and self.bias_style == "input":
            inputs.append(self.const(b, pname + ".b_0"))
        y = self.node("Conv", inputs,
                      lambda t, wt, *bb: F.conv2d(t, wt, bb[0] if bb else None, (sh, sw), (ph, pw),
                                                  1, groups),
                      out=pname + ".tmp_0", dilations=[1, 1], group=groups,
                      kernel_shape=[kh, kw], pads=[ph, pw, ph, pw], strides=[sh, sw])
        if bias and self.bias_style != "input":
            y = self.bias_add(y, b, pname + ".b_0")
        return y

    def conv_transpose(self, x, cin, cout, k, stride):
        pname = self.param("conv2d_transpose")
        w = self.he_normal([cin, cout, k, k], fan_in=cin)  # each output sees cin inputs
        b = self.uniform([cout], -0.2, 0.2)
        inputs = [x, self.const(w, pname + ".w_0")]
        if self.bias_style == "input":
            inputs.append(self.const(b, pname + ".b_0"))
        y = self.node("ConvTranspose", inputs,
                      lambda t, wt, *bb: F.conv_transpose2d(t, wt, bb[0] if bb else None, stride),
                      out=pname + ".tmp_0", dilations=[1, 1], group=1, kernel_shape=[k, k],
                      pads=[0, 0, 0, 0], strides=[stride, stride])
        if self.bias_style != "input":
            y = self.bias_add(y, b, pname + ".b_0")
        return y

    def batch_norm(self, x):
        v = self.values[x].double()
        mean = v.mean(dim=(0, 2, 3)).numpy()
        var = v.var(dim=(0, 2, 3), unbiased=False).numpy()
        c = mean.shape[0]
        gamma = self.uniform([c], 0.5, 1.5)
        beta = self.uniform([c], -0.5, 0.5)
        mean = round_mantissa(mean + 0.2 * np.sqrt(var) * self.rng.standard_normal(c))
        var = round_mantissa(var * self.rng.uniform(0.5, 2.0, c))
        pname = self.param("batch_norm")
        ins = [self.const(gamma, pname + ".w_0"), self.const(beta, pname + ".b_0"),
               self.const(mean, pname + ".w_1"), self.const(var, pname + ".w_2")]
        return self.node("BatchNormalization", [x] + ins,
                         lambda t, g, b, m, s: F.batch_norm(t, m, s, g, b, False, 0.0, BN_EPSILON),
                         out=pname + ".tmp_3", epsilon=BN_EPSILON, momentum=BN_MOMENTUM)

    def relu(self, x):
        return self.node("Relu", [x], F.relu, out=self.var("relu"))

    def clip06(self, x):
        """Relu6 as paddle2onnx writes it: attributes below opset 11, Constant inputs from 11."""
        fn = lambda t, *_: torch.clamp(t, 0.0, 6.0)
        if self.opset < 11:
            return self.node("Clip", [x], fn, out=self.var("p2o.helper.clip"), min=0.0, max=6.0)
        lo, hi = self.scalar(0.0), self.scalar(6.0)
        return self.node("Clip", [x, lo, hi], fn, out=self.var("p2o.helper.clip"))

    def hardswish(self, x):
        """paddle2onnx below opset 14: Div(Mul(x, Clip(Add(x, 3), 0, 6)), 6)."""
        three = self.scalar(3.0)
        a = self.node("Add", [x, three], lambda t, c: t + c, out=self.var("p2o.helper.add"))
        r = self.clip06(a)
        m = self.node("Mul", [x, r], lambda t, c: t * c, out=self.var("p2o.helper.mul"))
        six = self.scalar(6.0)
        return self.node("Div", [m, six], lambda t, c: t / c, out=self.var("hardswish"))

    def act(self, x, kind, lab=False):
        x = self.relu(x) if kind == "relu" else self.hardswish(x)
        if lab:
            # A learnable affine block (PP-LCNetV3): scale * x + bias, [1]-shaped parameters.
            pname = self.param("learnable_affine")
            s = self.const(self.uniform([1], 0.8, 1.2), pname + ".w_0")
            x = self.node("Mul", [x, s], lambda t, c: t * c, out=self.var("elementwise_mul"))
            b = self.const(self.uniform([1], -0.2, 0.2), pname + ".b_0")
            x = self.node("Add", [x, b], lambda t, c: t + c, out=self.var("elementwise_add"))
        return x

    def global_avg_pool(self, x):
        return self.node("GlobalAveragePool", [x], lambda t: t.mean(dim=(2, 3), keepdim=True),
                         out=self.var("pool2d"))

    def add(self, a, b):
        return self.node("Add", [a, b], lambda s, t: s + t, out=self.var("elementwise_add"))

    def mul(self, a, b):
        return self.node("Mul", [a, b], lambda s, t: s * t, out=self.var("elementwise_mul"))

    def upsample(self, x, factor):
        """F.upsample(x, scale_factor=factor, mode="nearest"): Upsample at opset 9, Resize
        (roi, scales; asymmetric, floor) from opset 11."""
        fn = lambda t, *_: F.interpolate(t, scale_factor=factor, mode="nearest")
        scales = np.array([1, 1, factor, factor], np.float32)
        out = self.var("nearest_interp_v2")
        if self.opset < 10:
            return self.node("Upsample", [x, self.const(scales)], fn, out=out, mode="nearest")
        assert self.opset >= 11
        roi = self.const(np.zeros([0], np.float32))
        return self.node("Resize", [x, roi, self.const(scales)], fn, out=out,
                         coordinate_transformation_mode="asymmetric", mode="nearest",
                         nearest_mode="floor")


# ------------------------------------------------------- PaddleOCR layers ---


def conv_bn_layer(g, x, cin, cout, k, stride=1, groups=1, act=None, lab=False):
    """ConvBNLayer: Conv2D(bias_attr=False, padding (k-1)//2) + BatchNorm + act."""
    x = g.conv(x, cin, cout, k, stride, groups)
    x = g.batch_norm(x)
    return g.act(x, act, lab) if act else x


def se_module(g, x, c, reduction=4):
    """SEModule: pool, 1x1 conv + relu, 1x1 conv + hardsigmoid(0.2, 0.5), times the input."""
    s = g.global_avg_pool(x)
    s = g.conv(s, c, c // reduction, 1, bias=True)
    s = g.relu(s)
    s = g.conv(s, c // reduction, c, 1, bias=True)
    s = g.node("HardSigmoid", [s],
               lambda t: torch.clamp(0.2 * t + 0.5, 0.0, 1.0), out=g.var("hardsigmoid"),
               alpha=0.2, beta=0.5)
    return g.mul(x, s)


def residual_unit(g, x, cin, mid, cout, k, stride, use_se, act, lab=False):
    y = conv_bn_layer(g, x, cin, mid, 1, 1, act=act, lab=lab)
    y = conv_bn_layer(g, y, mid, mid, k, stride, groups=mid, act=act, lab=lab)
    if use_se:
        y = se_module(g, y, mid)
    y = conv_bn_layer(g, y, mid, cout, 1, 1, act=None)
    if stride == 1 and cin == cout:
        y = g.add(x, y)
    return y


def rec_mobilenet_v3_small(g, x, scale=0.35):
    """rec_mobilenet_v3.MobileNetV3(model_name="small"), the classifier's backbone."""
    cfg = REC_SMALL_CFG[:-1] if g.shrink else REC_SMALL_CFG
    inplanes = make_divisible(16 * scale)
    x = conv_bn_layer(g, x, 3, inplanes, 3, 2, act="hardswish")
    for k, exp, c, se, act, s in cfg:
        mid, out = make_divisible(scale * exp), make_divisible(scale * c)
        x = residual_unit(g, x, inplanes, mid, out, k, s, se, act)
        inplanes = out
    squeeze = make_divisible(scale * REC_SMALL_SQUEEZE)
    x = conv_bn_layer(g, x, inplanes, squeeze, 1, act="hardswish")
    x = g.node("MaxPool", [x], lambda t: F.max_pool2d(t, 2, 2, 0), out=g.var("pool2d"),
               kernel_shape=[2, 2], pads=[0, 0, 0, 0], strides=[2, 2])
    return x, squeeze


def cls_head(g, x, cin, classes=2):
    """ClsHead: AdaptiveAvgPool2D(1), reshape to [N, C], Linear, softmax."""
    x = g.global_avg_pool(x)
    # paddle.reshape(x, [x.shape[0], x.shape[1]]) after dynamic-to-static: a shape tensor.
    dims = []
    shape = g.node("Shape", [x], lambda t: torch.tensor(list(t.shape), dtype=torch.int64),
                   out=g.var("shape"))
    for axis in (0, 1):
        index = g.const(np.array(axis, np.int64))
        d = g.node("Gather", [shape, index], lambda t, i: t[int(i)], out=g.var("slice"), axis=0)
        dims.append(g.node("Unsqueeze", [d], lambda t: t.reshape(1), out=g.var("p2o.helper.unsqueeze"),
                           axes=[0]))
    shape = g.node("Concat", dims, lambda *t: torch.cat(t), out=g.var("p2o.helper.concat"), axis=0)
    x = g.node("Reshape", [x, shape], lambda t, s: t.reshape(tuple(s.tolist())),
               out=g.var("reshape2"))
    # Paddle's Linear is Uniform(-1/sqrt(C), 1/sqrt(C)); a gain of 8 spreads the logits.
    stdv = 8.0 / np.sqrt(cin)
    w = g.const(g.uniform([cin, classes], -stdv, stdv), "linear_0.w_0")
    x = g.node("MatMul", [x, w], torch.matmul, out=g.var("matmul_v2"))
    b = g.const(g.uniform([classes], -0.2, 0.2), "linear_0.b_0")
    x = g.add(x, b)
    g.logits = x
    return g.node("Softmax", [x], lambda t: torch.softmax(t, 1), out=g.var("softmax"), axis=1)


def det_mobilenet_v3_large(g, x, scale=0.5, disable_se=False, lab=False):
    """det_mobilenet_v3.MobileNetV3(model_name="large"): the outputs of its 4 stages."""
    cfg = DET_LARGE_CFG[:-1] if g.shrink else DET_LARGE_CFG
    inplanes = make_divisible(16 * scale)
    x = conv_bn_layer(g, x, 3, inplanes, 3, 2, act="hardswish", lab=lab)
    outs, channels = [], []
    for i, (k, exp, c, se, act, s) in enumerate(cfg):
        if s == 2 and i > DET_LARGE_START_IDX:
            outs.append(x)
            channels.append(inplanes)
        mid, out = make_divisible(scale * exp), make_divisible(scale * c)
        x = residual_unit(g, x, inplanes, mid, out, k, s, se and not disable_se, act, lab)
        inplanes = out
    squeeze = make_divisible(scale * DET_LARGE_SQUEEZE)
    x = conv_bn_layer(g, x, inplanes, squeeze, 1, act="hardswish", lab=lab)
    outs.append(x)
    channels.append(squeeze)
    return outs, channels


def db_fpn(g, feats, in_channels, out=FPN_OUT_CHANNELS):
    """DBFPN: 1x1 in-convs, top-down nearest x2 + add, 3x3 convs, upsample, concat."""
    c2, c3, c4, c5 = feats
    in5 = g.conv(c5, in_channels[3], out, 1)
    in4 = g.conv(c4, in_channels[2], out, 1)
    in3 = g.conv(c3, in_channels[1], out, 1)
    in2 = g.conv(c2, in_channels[0], out, 1)
    out4 = g.add(in4, g.upsample(in5, 2))
    out3 = g.add(in3, g.upsample(out4, 2))
    out2 = g.add(in2, g.upsample(out3, 2))
    p5 = g.conv(in5, out, out // 4, 3)
    p4 = g.conv(out4, out, out // 4, 3)
    p3 = g.conv(out3, out, out // 4, 3)
    p2 = g.conv(out2, out, out // 4, 3)
    p5, p4, p3 = g.upsample(p5, 8), g.upsample(p4, 4), g.upsample(p3, 2)
    return g.node("Concat", [p5, p4, p3, p2], lambda *t: torch.cat(t, 1), out=g.var("concat"),
                  axis=1)


def rse_layer(g, x, cin, cout, k):
    """RSELayer(shortcut=True): conv (no bias) then x + SEModule(x)."""
    x = g.conv(x, cin, cout, k, padding=k // 2)
    return g.add(x, se_module(g, x, cout))


def rse_fpn(g, feats, in_channels, out=FPN_OUT_CHANNELS):
    """RSEFPN (PP-OCRv3): DBFPN with every conv an RSELayer."""
    c2, c3, c4, c5 = feats
    in5 = rse_layer(g, c5, in_channels[3], out, 1)
    in4 = rse_layer(g, c4, in_channels[2], out, 1)
    in3 = rse_layer(g, c3, in_channels[1], out, 1)
    in2 = rse_layer(g, c2, in_channels[0], out, 1)
    out4 = g.add(in4, g.upsample(in5, 2))
    out3 = g.add(in3, g.upsample(out4, 2))
    out2 = g.add(in2, g.upsample(out3, 2))
    p5 = rse_layer(g, in5, out, out // 4, 3)
    p4 = rse_layer(g, out4, out, out // 4, 3)
    p3 = rse_layer(g, out3, out, out // 4, 3)
    p2 = rse_layer(g, out2, out, out // 4, 3)
    p5, p4, p3 = g.upsample(p5, 8), g.upsample(p4, 4), g.upsample(p3, 2)
    return g.node("Concat", [p5, p4, p3, p2], lambda *t: torch.cat(t, 1), out=g.var("concat"),
                  axis=1)


def db_head(g, x, cin=FPN_OUT_CHANNELS):
    """DBHead's binarize Head (kernel_list [3, 2, 2]), inference: the shrink map only."""
    x = g.conv(x, cin, cin // 4, 3)
    x = g.relu(g.batch_norm(x))
    x = g.conv_transpose(x, cin // 4, cin // 4, 2, 2)
    x = g.relu(g.batch_norm(x))
    x = g.conv_transpose(x, cin // 4, 1, 2, 2)
    return g.node("Sigmoid", [x], torch.sigmoid, out=g.var("sigmoid"))


# ----------------------------------------------------------------- models ---


def build_cls(g, x):
    feat, c = rec_mobilenet_v3_small(g, x)
    return cls_head(g, feat, c)


def build_det_db(g, x):
    feats, channels = det_mobilenet_v3_large(g, x)
    return db_head(g, db_fpn(g, feats, channels))


def build_det_rse(g, x):
    feats, channels = det_mobilenet_v3_large(g, x, disable_se=True, lab=True)
    return db_head(g, rse_fpn(g, feats, channels))


class Spec:
    def __init__(self, name, build, opset, seed, bias_style, in_dims, out_dims, size, calib,
                 expected):
        self.name, self.build, self.opset, self.seed = name, build, opset, seed
        self.bias_style = bias_style
        self.in_dims, self.out_dims = in_dims, out_dims  # ints and dim_param names
        self.size = size                                 # the seeded input's shape
        self.calib = calib                               # the calibration batch's shape
        self.expected = expected                         # op histogram


N, H, W = "p2o.DynamicDimension.0", "p2o.DynamicDimension.1", "p2o.DynamicDimension.2"

SPECS = [
    Spec("paddleocr_cls", build_cls, 10, 301, "reshape_add",
         [N, 3, 48, 192], ["p2o.DynamicDimension.3", 2], [1, 3, 48, 192], [8, 3, 48, 192],
         {"Add": 44, "BatchNormalization": 35, "Clip": 18, "Concat": 1, "Constant": 269,
          "Conv": 53, "Div": 18, "Gather": 2, "GlobalAveragePool": 10, "HardSigmoid": 9,
          "MatMul": 1, "MaxPool": 1, "Mul": 27, "Relu": 15, "Reshape": 19, "Shape": 1,
          "Softmax": 1, "Unsqueeze": 2}),
    Spec("paddleocr_det_db", build_det_db, 11, 302, "input",
         [N, 3, H, W], ["p2o.DynamicDimension.3", 1, "p2o.DynamicDimension.4",
                        "p2o.DynamicDimension.5"], [1, 3, 640, 640], [2, 3, 320, 320],
         {"Add": 33, "BatchNormalization": 49, "Clip": 20, "Concat": 1, "Constant": 380,
          "Conv": 72, "ConvTranspose": 2, "Div": 20, "GlobalAveragePool": 8, "HardSigmoid": 8,
          "Mul": 28, "Relu": 22, "Resize": 6, "Sigmoid": 1}),
    Spec("paddleocr_det_rse", build_det_rse, 9, 303, "reshape_add",
         [N, 3, H, W], ["p2o.DynamicDimension.3", 1, "p2o.DynamicDimension.4",
                        "p2o.DynamicDimension.5"], [1, 3, 640, 640], [2, 3, 320, 320],
         {"Add": 91, "BatchNormalization": 49, "Clip": 20, "Concat": 1, "Constant": 416,
          "Conv": 72, "ConvTranspose": 2, "Div": 20, "GlobalAveragePool": 8, "HardSigmoid": 8,
          "Mul": 60, "Relu": 22, "Reshape": 18, "Sigmoid": 1, "Upsample": 6}),
]
SPEC_BY_NAME = {s.name: s for s in SPECS}


def histogram(model):
    return dict(sorted(collections.Counter(n.op_type for n in model.graph.node).items()))


def build_model(spec, shrink=False):
    rng = np.random.default_rng(spec.seed)
    calib = torch.from_numpy(rng.uniform(-1.0, 1.0, spec.calib).astype(np.float32))
    g = Graph(spec.opset, rng, spec.bias_style, calib)
    g.shrink = shrink
    out = spec.build(g, "x")
    graph = helper.make_graph(
        g.nodes, spec.name,
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, spec.in_dims)],
        [helper.make_tensor_value_info(out, TensorProto.FLOAT, spec.out_dims)])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", spec.opset)],
                              producer_name="PaddlePaddle", producer_version="2.3.0")
    # The IR version that shipped with the opset (ONNX 1.4, 1.5, 1.6).
    model.ir_version = {9: 4, 10: 5, 11: 6}[spec.opset]
    return model, g, out


def run(g, out, x):
    env = {g.input_name: x}
    for fn, ins, name in g.prog:
        env[name] = fn(*[env[i] for i in ins])
    return env[out]


def histogram_differences(spec, hist):
    """'' when `hist` is the expected histogram, else the differing counts."""
    return ", ".join(f"{k} {hist.get(k, 0)} (expected {spec.expected.get(k, 0)})"
                     for k in sorted(set(hist) | set(spec.expected))
                     if hist.get(k, 0) != spec.expected.get(k, 0))


def check_files(specs, directory):
    status = 0
    for spec in specs:
        path = os.path.join(directory, spec.name + ".onnx")
        model = onnx.load(path)
        hist = histogram(model)
        diff = histogram_differences(spec, hist)
        if diff:
            print(f"error: {path}: the op histogram differs from the expected one: {diff}",
                  file=sys.stderr)
            status = 1
            continue
        onnx.checker.check_model(model, full_check=True)
        print(f"{spec.name}.onnx: op histogram as expected ({sum(hist.values())} nodes, "
              f"opset {model.opset_import[0].version}), checker ok")
    return status


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    where = ap.add_mutually_exclusive_group(required=True)
    where.add_argument("--out-dir", help="write the models here")
    where.add_argument("--check", metavar="DIR", help="check the models in DIR, write nothing")
    ap.add_argument("--only", nargs="+", choices=sorted(SPEC_BY_NAME), default=None)
    ap.add_argument("--shrink", action="store_true",
                    help="leave out each model's last block (a toy): the histogram check must fail")
    args = ap.parse_args(argv)
    specs = [SPEC_BY_NAME[n] for n in args.only] if args.only else SPECS
    if args.check:
        return check_files(specs, args.check)
    os.makedirs(args.out_dir, exist_ok=True)
    status = 0
    for spec in specs:
        t0 = time.time()
        model, g, out = build_model(spec, args.shrink)
        hist = histogram(model)
        print(f"{spec.name}.onnx  opset {spec.opset}  ops "
              + ", ".join(f"{k} {v}" for k, v in hist.items())
              + f"  (total {sum(hist.values())})")
        diff = histogram_differences(spec, hist)
        if diff:
            print(f"error: {spec.name}: the op histogram differs from the expected one: {diff}",
                  file=sys.stderr)
            status = 1
            continue
        onnx.checker.check_model(model, full_check=True)
        data = model.SerializeToString()
        with open(os.path.join(args.out_dir, spec.name + ".onnx"), "wb") as f:
            f.write(data)
        x = torch.from_numpy(np.random.default_rng(1).uniform(-1.0, 1.0, spec.size)
                             .astype(np.float32))
        y = run(g, out, x).double()
        finite = bool(torch.isfinite(y).all())
        print(f"  {len(data)} bytes  sha256 {hashlib.sha256(data).hexdigest()[:16]}  "
              f"{time.time() - t0:.1f} s")
        print(f"  input {'x'.join(map(str, spec.size))}: output {'x'.join(map(str, y.shape))} "
              f"mean {y.mean():.4f} std {y.std():.4f} min {y.min():.4f} max {y.max():.4f}")
        if spec.build is build_cls:
            logits = run(g, g.logits, g.values["x"]).double()
            spread = float((logits[:, 0] - logits[:, 1]).std())
            ok = finite and 0.1 <= spread and 1e-3 <= float(y.min()) and float(y.max()) <= 1 - 1e-3
            print(f"  calibration batch: logit difference std {spread:.3f}")
        else:
            ok = finite and 0.02 <= float(y.std()) and 0.05 <= float(y.mean()) <= 0.95
        if not ok:
            print(f"error: {spec.name}: unhealthy outputs", file=sys.stderr)
            status = 1
        sys.stdout.flush()
    return status


if __name__ == "__main__":
    sys.exit(main())
