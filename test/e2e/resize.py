# Resize and Upsample end to end against ONNX Runtime. Each model resizes the
# output of a 3x3 convolution (so the resize reads the NHWC storage form; one
# model reads the NCHW input directly instead) with several Resize nodes of
# one output size, concatenated along C: every combination of a family is
# checked in one run.
#   nearest-up:   4 nearest roundings x 5 coordinate transforms, sizes
#                 5x6 -> 8x11 (factors 1.6 and 1.83)
#   nearest-down: the same with scales 0.6 and 0.75 (5x6 -> 3x4)
#   nearest-x2:   the MobileNetV3 head's x2 (half_pixel/round_prefer_floor
#                 and asymmetric/floor), 16 channels
#   linear-up:    bilinear, 5 coordinate transforms, scales 2.5 and 1.5
#   linear-down:  bilinear, 5 coordinate transforms, sizes 5x6 -> 3x4
#   linear-input: bilinear x2 of the model's input (no convolution)
#   resize10:     opset 10 nearest and linear, scales 2.5 and 1.5
#   resize10-down: opset 10 nearest and linear, scales 0.6 and 0.5
#   resize11:     opset 11 as torch exports it (empty roi and scales, sizes)
#   resize18:     opset 18: axes [2, 3] and [-1, -2] (scales and sizes), and
#                 keep_aspect_ratio_policy not_larger and not_smaller
#   large:        nearest and bilinear x2 of 64 channels, 12x12 -> 24x24: large
#                 enough that split-parallel-linalg splits each resize (along
#                 C) into tasks, run by NAME_run_parallel with a serial hook
#                 (pieces last first) and with 2 threads
#   upsample9:    Upsample-9 nearest and linear, scales 2 and 3
#   upsample7:    Upsample-7 (scales attribute) nearest and linear, scales
#                 1.5 and 2.5
#
# RUN: %python %s %t.nearest-up.onnx nearest-up
# RUN: %python %testlib/e2e_check.py --compiler mnc-compile --model %t.nearest-up.onnx --workdir %t.nearest-up | FileCheck %s
# RUN: %python %s %t.nearest-down.onnx nearest-down
# RUN: %python %testlib/e2e_check.py --compiler mnc-compile --model %t.nearest-down.onnx --workdir %t.nearest-down | FileCheck %s
# RUN: %python %s %t.nearest-x2.onnx nearest-x2
# RUN: %python %testlib/e2e_check.py --compiler mnc-compile --model %t.nearest-x2.onnx --workdir %t.nearest-x2 | FileCheck %s
# RUN: %python %s %t.linear-up.onnx linear-up
# RUN: %python %testlib/e2e_check.py --compiler mnc-compile --model %t.linear-up.onnx --workdir %t.linear-up | FileCheck %s
# RUN: %python %s %t.linear-down.onnx linear-down
# RUN: %python %testlib/e2e_check.py --compiler mnc-compile --model %t.linear-down.onnx --workdir %t.linear-down | FileCheck %s
# RUN: %python %s %t.linear-input.onnx linear-input
# RUN: %python %testlib/e2e_check.py --compiler mnc-compile --model %t.linear-input.onnx --workdir %t.linear-input | FileCheck %s
# RUN: %python %s %t.resize10.onnx resize10
# RUN: %python %testlib/e2e_check.py --compiler mnc-compile --model %t.resize10.onnx --workdir %t.resize10 | FileCheck %s
# RUN: %python %s %t.resize10-down.onnx resize10-down
# RUN: %python %testlib/e2e_check.py --compiler mnc-compile --model %t.resize10-down.onnx --workdir %t.resize10-down | FileCheck %s
# RUN: %python %s %t.resize11.onnx resize11
# RUN: %python %testlib/e2e_check.py --compiler mnc-compile --model %t.resize11.onnx --workdir %t.resize11 | FileCheck %s
# RUN: %python %s %t.resize18.onnx resize18
# RUN: %python %testlib/e2e_check.py --compiler mnc-compile --model %t.resize18.onnx --workdir %t.resize18 | FileCheck %s
# RUN: %python %s %t.upsample9.onnx upsample9
# RUN: %python %testlib/e2e_check.py --compiler mnc-compile --model %t.upsample9.onnx --workdir %t.upsample9 | FileCheck %s
# RUN: %python %s %t.upsample7.onnx upsample7
# RUN: %python %testlib/e2e_check.py --compiler mnc-compile --model %t.upsample7.onnx --workdir %t.upsample7 | FileCheck %s
# RUN: %python %s %t.large.onnx large
# RUN: %python %testlib/e2e_check.py --compiler mnc-compile --model %t.large.onnx --workdir %t.large | FileCheck %s
# RUN: %python %testlib/e2e_check.py --compiler mnc-compile --model %t.large.onnx --workdir %t.large-p0 --parallel 0 | FileCheck %s
# RUN: %python %testlib/e2e_check.py --compiler mnc-compile --model %t.large.onnx --workdir %t.large-p2 --parallel 2 | FileCheck %s
# RUN: %if aarch64-cross %{ %python %testlib/e2e_check.py --compiler mnc-compile --model %t.linear-up.onnx --workdir %t.a64-linear --cross aarch64 | FileCheck %s %}
# RUN: %if aarch64-cross %{ %python %testlib/e2e_check.py --compiler mnc-compile --model %t.nearest-up.onnx --workdir %t.a64-nearest --cross aarch64 | FileCheck %s %}
# CHECK: PASS

import sys

import numpy as np

from onnx_testlib import check, helper, make_model, rand, save

TRANSFORMS = ["half_pixel", "pytorch_half_pixel", "align_corners", "asymmetric",
              "tf_half_pixel_for_nn"]
ROUNDINGS = ["round_prefer_floor", "round_prefer_ceil", "floor", "ceil"]
f32 = lambda v: np.array(v, np.float32)
i64 = lambda v: np.array(v, np.int64)

variant = sys.argv[2]
channels, in_hw, opset = 8, [5, 6], 13
inits, nodes = {}, []
# Each entry: (op type, attributes, {input name: constant}, output size H, W).
resizes = []


def resize(attrs, scales=None, sizes=None, out_hw=None, op="Resize"):
    consts = {}
    if scales is not None:
        consts["scales"] = f32(scales)
    if sizes is not None:
        consts["sizes"] = i64(sizes)
    resizes.append((op, attrs, consts, out_hw))


if variant == "nearest-up":
    for rounding in ROUNDINGS:
        for transform in TRANSFORMS:
            resize(dict(mode="nearest", nearest_mode=rounding,
                        coordinate_transformation_mode=transform),
                   sizes=[1, channels, 8, 11], out_hw=[8, 11])
elif variant == "nearest-down":
    for rounding in ROUNDINGS:
        for transform in TRANSFORMS:
            resize(dict(mode="nearest", nearest_mode=rounding,
                        coordinate_transformation_mode=transform),
                   scales=[1, 1, 0.6, 0.75], out_hw=[3, 4])
elif variant == "nearest-x2":
    channels, in_hw = 16, [7, 7]
    resize(dict(mode="nearest"), scales=[1, 1, 2, 2], out_hw=[14, 14])
    resize(dict(mode="nearest", nearest_mode="floor",
                coordinate_transformation_mode="asymmetric"),
           scales=[1, 1, 2, 2], out_hw=[14, 14])
elif variant == "linear-up":
    for transform in TRANSFORMS:
        resize(dict(mode="linear", coordinate_transformation_mode=transform),
               scales=[1, 1, 2.5, 1.5], out_hw=[12, 9])
elif variant == "linear-down":
    for transform in TRANSFORMS:
        resize(dict(mode="linear", coordinate_transformation_mode=transform),
               sizes=[1, channels, 3, 4], out_hw=[3, 4])
elif variant == "linear-input":
    channels = 3
    resize(dict(mode="linear"), scales=[1, 1, 2, 2], out_hw=[10, 12])
elif variant in ("resize10", "resize10-down"):
    opset = 10
    scales, out_hw = ([1, 1, 2.5, 1.5], [12, 9]) if variant == "resize10" else \
        ([1, 1, 0.6, 0.5], [3, 3])
    resize(dict(mode="nearest"), scales=scales, out_hw=out_hw)
    resize(dict(mode="linear"), scales=scales, out_hw=out_hw)
elif variant == "resize11":
    opset = 11
    resize(dict(mode="nearest", coordinate_transformation_mode="asymmetric",
                nearest_mode="floor"), scales=[], sizes=[1, channels, 10, 12],
           out_hw=[10, 12])
elif variant == "resize18":
    # 5x6 input. not_larger: scale min(11/5, 9/6) = 1.5 -> 8x9 (7.5 rounds
    # up); not_smaller of 6x9: max(1.2, 1.5) = 1.5 -> 8x9 as well.
    opset = 18
    resize(dict(mode="nearest", axes=[2, 3]), scales=[1.6, 1.5], out_hw=[8, 9])
    resize(dict(mode="linear", axes=[-1, -2]), sizes=[9, 8], out_hw=[8, 9])
    resize(dict(mode="linear", axes=[2, 3], keep_aspect_ratio_policy="not_larger"),
           sizes=[11, 9], out_hw=[8, 9])
    # (ONNX Runtime 1.30 ignores a policy whose axes are negative.)
    resize(dict(mode="nearest", axes=[2, 3], keep_aspect_ratio_policy="not_smaller"),
           sizes=[6, 9], out_hw=[8, 9])
elif variant == "large":
    channels, in_hw = 64, [12, 12]
    resize(dict(mode="nearest"), scales=[1, 1, 2, 2], out_hw=[24, 24])
    resize(dict(mode="linear"), scales=[1, 1, 2, 2], out_hw=[24, 24])
elif variant in ("upsample9", "upsample7"):
    opset = int(variant[-1])
    scales, out_hw = ([1, 1, 2, 3], [10, 18]) if opset == 9 else \
        ([1, 1, 1.5, 2.5], [7, 15])
    for mode in ("nearest", "linear"):
        resize(dict(mode=mode), scales=scales, out_hw=out_hw, op="Upsample")
else:
    sys.exit(f"unknown variant {variant}")

source = "x"
if variant != "linear-input":
    nodes.append(helper.make_node("Conv", ["x", "w", "b"], ["c"], name="conv",
                                  kernel_shape=[3, 3], pads=[1, 1, 1, 1]))
    inits.update(w=rand([channels, 3, 3, 3], seed=1), b=rand([channels], seed=2))
    source = "c"

outputs = []
for index, (op, attrs, consts, out_hw) in enumerate(resizes):
    names = {}
    for key, value in consts.items():
        names[key] = f"{key}{index}"
        inits[names[key]] = value
    if op == "Upsample" and opset < 9:
        inputs = [source]
        attrs = dict(attrs, scales=[float(s) for s in consts["scales"]])
        for name in names.values():
            del inits[name]
    elif op == "Upsample" or opset < 11:
        inputs = [source, names["scales"]]
    else:
        inputs = [source, "", names.get("scales", ""), names.get("sizes", "")]
        if variant == "resize11":
            inits[f"roi{index}"] = f32([])
            inputs[1] = f"roi{index}"
    outputs.append(f"r{index}")
    nodes.append(helper.make_node(op, inputs, [outputs[-1]], name=f"{op.lower()}{index}",
                                  **attrs))
nodes.append(helper.make_node("Concat", outputs, ["y"], name="concat", axis=1))
out_hw = resizes[0][3]
model = make_model(nodes, [("x", "float32", [1, 3] + in_hw)],
                   [("y", "float32", [1, channels * len(resizes)] + out_hw)], inits,
                   opset=opset)
save(check(model) if opset <= 17 else model, sys.argv[1])
