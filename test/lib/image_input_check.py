#!/usr/bin/env python3
"""End-to-end check of a library that takes an image as a camera gives it.

    image_input_check.py --compiler PATH/mnc-compile --model M.onnx --workdir DIR
                         [--input NAME] [--layout nchw|nhwc] [--type float32|uint8]
                         [--mean M,M,M] [--std S,S,S] [--seed N] [--rtol 1e-4]
                         [--cross aarch64] [--parallel] [-- MNC_ARGS...]

Compiles the model with --input-layout, --input-type, --mean and --std as
given (for the input NAME, or the only input), makes a seeded raw image in
that layout and type (uint8: random pixels 0-255; float32: uniform in
[0, 255) when a mean or std is given, else [-1, 1)), computes in NumPy the
NCHW float image the model is to see, (float(pixel) - mean[c]) / std[c], and
runs ONNX Runtime (ort_multi.js) on the float model with that image, the
library (run_library.py, NAME_run or with --parallel NAME_run_parallel) on
the raw bytes. Other inputs get uniform floats in [-1, 1) for both. Prints,
per output, max |diff| and max |ref|, then PASS, or FAIL (non-zero exit)
when an output's max |diff| exceeds rtol times its max |ref|. Also checks
that the header sizes the image input in its own elements and shape.
"""

import argparse
import os
import re
import subprocess
import sys

import numpy as np
import onnx

from e2e_check import cross_tools
from multi_check import graph_inputs, shape_of
from run_library import run_library

LIB = os.path.dirname(os.path.abspath(__file__))


def values(text):
    return np.array([float(v) for v in text.split(",")], dtype=np.float32) if text else None


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--compiler", required=True)
    parser.add_argument("--model", required=True)
    parser.add_argument("--workdir", required=True)
    parser.add_argument("--input", help="the input the format applies to (default: the only one)")
    parser.add_argument("--layout", choices=["nchw", "nhwc"], default="nchw")
    parser.add_argument("--type", choices=["float32", "uint8"], default="float32")
    parser.add_argument("--mean")
    parser.add_argument("--std")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--rtol", type=float, default=1e-4)
    parser.add_argument("--cross", choices=["aarch64"])
    parser.add_argument("--parallel", action="store_true",
                        help="call NAME_run_parallel with a hook that runs loops in pieces")
    parser.add_argument("--timeout", type=float, default=120)
    parser.add_argument("mnc_args", nargs="*")
    args = parser.parse_args()

    os.makedirs(args.workdir, exist_ok=True)
    prefix = f"{args.input}=" if args.input else ""
    mnc_args = list(args.mnc_args) + ["--input-layout", prefix + args.layout,
                                      "--input-type", prefix + args.type]
    if args.mean:
        mnc_args += ["--mean", prefix + args.mean]
    if args.std:
        mnc_args += ["--std", prefix + args.std]
    cc, runner = ["cc"], []
    if args.cross:
        cc, runner = cross_tools(args.cross)
        mnc_args += ["--target", "aarch64-linux-gnu"]
    command = [args.compiler, args.model, "-o", os.path.join(args.workdir, "libmodel.a")]
    result = subprocess.run(command + mnc_args, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)
    if result.returncode != 0:
        print(f"FAIL: mnc-compile exited {result.returncode}:\n{result.stdout}")
        return 1

    model = onnx.load(args.model)
    inputs = graph_inputs(model)
    image_index = 0
    if args.input:
        image_index = [i.name for i in inputs].index(args.input)
    rng = np.random.default_rng(args.seed)
    raw_inputs, seen, specs = [], [], []
    for k, info in enumerate(inputs):
        shape = shape_of(info)
        if k != image_index:
            data = rng.uniform(-1.0, 1.0, size=shape).astype(np.float32)
            raw_inputs.append(data)
            seen.append(data)
            continue
        n, c, h, w = shape
        stored = [n, h, w, c] if args.layout == "nhwc" else [n, c, h, w]
        if args.type == "uint8":
            raw = rng.integers(0, 256, size=stored, dtype=np.uint8)
        elif args.mean or args.std:
            raw = rng.uniform(0.0, 255.0, size=stored).astype(np.float32)
        else:
            raw = rng.uniform(-1.0, 1.0, size=stored).astype(np.float32)
        image = raw.astype(np.float32)
        if args.layout == "nhwc":
            image = np.ascontiguousarray(image.transpose(0, 3, 1, 2))
        mean, std = values(args.mean), values(args.std)
        if mean is not None:
            image = image - mean.reshape(1, c, 1, 1)
        if std is not None:
            image = image / std.reshape(1, c, 1, 1)
        raw_inputs.append(raw)
        seen.append(image.astype(np.float32))

        # The header sizes the buffer in its own elements, in its own shape.
        with open(os.path.join(args.workdir, "model.h")) as header:
            text = header.read()
        single = len(inputs) == 1 and len(model.graph.output) == 1
        macro = "MODEL_INPUT" + ("" if single else str(k))
        size = re.search(rf"#define {macro}_SIZE (\d+)", text)
        shape_macro = re.search(rf"#define {macro}_SHAPE \{{([^}}]*)\}}", text)
        if not size or int(size.group(1)) != raw.size or not shape_macro or \
                [int(d) for d in shape_macro.group(1).split(",")] != stored:
            print(f"FAIL: model.h sizes {macro} as {size and size.group(0)}, "
                  f"{shape_macro and shape_macro.group(0)}; expected {raw.size} and {stored}")
            return 1

    for k, (info, data) in enumerate(zip(inputs, seen)):
        path = os.path.join(args.workdir, f"ort_input_{k}.bin")
        data.tofile(path)
        specs.append(f"{info.name}={'x'.join(map(str, data.shape))}={path}")
    ref_dir = os.path.join(args.workdir, "ort")
    result = subprocess.run(["node", os.path.join(LIB, "ort_multi.js"), args.model, ref_dir]
                            + specs, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if result.returncode != 0:
        print(f"FAIL: ONNX Runtime: {result.stdout}")
        return 1
    num_outputs = len(model.graph.output)
    try:
        outputs = run_library(args.workdir, "model", raw_inputs, num_outputs, cc=cc,
                              runner=runner, timeout=args.timeout, parallel=args.parallel)
    except RuntimeError as error:
        print(f"FAIL: {error}")
        return 1

    ok = True
    for k, output in enumerate(model.graph.output):
        ref = np.fromfile(os.path.join(ref_dir, f"output_{k}.bin"), dtype=np.float32)
        got = outputs[k]
        if ref.size != got.size:
            print(f"output {k} '{output.name}': {got.size} elements, ONNX Runtime {ref.size}")
            ok = False
            continue
        diff = float(np.max(np.abs(got.astype(np.float64) - ref)))
        scale = float(np.max(np.abs(ref)))
        good = bool(np.isfinite(got).all()) and diff <= args.rtol * max(scale, 1e-30)
        print(f"output {k} '{output.name}': max|diff| {diff:.3g} max|ref| {scale:.3g}"
              f" ratio {diff / max(scale, 1e-30):.3g} {'ok' if good else 'WRONG'}")
        ok = ok and good
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
