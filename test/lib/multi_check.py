#!/usr/bin/env python3
"""End-to-end check of a model of several inputs or outputs against ONNX Runtime.

    multi_check.py --compiler PATH/mnc-compile --model M.onnx --workdir DIR
                   [--seed N] [--rtol 1e-4] [--cross aarch64] [--parallel]
                   [--reference R.onnx] [--timeout S] [-- MNC_ARGS...]

Compiles the model into DIR/libmodel.a, runs it through a generated C driver
(run_library.py) on seeded inputs, runs ONNX Runtime (ort_multi.js) on the same
inputs, and compares every output: prints, per output, max |diff| and max |ref|,
then PASS, or FAIL (non-zero exit) when an output's max |diff| exceeds rtol
times its max |ref| (or its shape or size differs). --reference runs ONNX
Runtime on another model of the same inputs and outputs (e.g. the graph cut
where mnc-compile --outputs cuts it). An `--input-shape [NAME=]SHAPE` among
MNC_ARGS also gives the shape of the inputs fed to both (an input's dynamic
dimensions need it).
"""

import argparse
import os
import subprocess
import sys

import numpy as np
import onnx

from e2e_check import cross_tools
from run_library import run_library

LIB = os.path.dirname(os.path.abspath(__file__))


def graph_inputs(model):
    initializers = {init.name for init in model.graph.initializer}
    return [i for i in model.graph.input if i.name not in initializers]


def shape_of(value_info):
    return [d.dim_value for d in value_info.type.tensor_type.shape.dim]


def given_shapes(mnc_args):
    """The shapes --input-shape [NAME=]SHAPE gives in MNC_ARGS: name (or None) -> dims."""
    shapes = {}
    for k, arg in enumerate(mnc_args):
        if arg.startswith("--input-shape="):
            value = arg.split("=", 1)[1]
        elif arg == "--input-shape" and k + 1 < len(mnc_args):
            value = mnc_args[k + 1]
        else:
            continue
        name, _, dims = value.rpartition("=")
        shapes[name or None] = [int(d) for d in dims.split("x")]
    return shapes


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--compiler", required=True)
    parser.add_argument("--model", required=True)
    parser.add_argument("--workdir", required=True)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--rtol", type=float, default=1e-4)
    parser.add_argument("--cross", choices=["aarch64"])
    parser.add_argument("--parallel", action="store_true",
                        help="call NAME_run_parallel with a hook that runs loops in pieces")
    parser.add_argument("--reference", help="the model ONNX Runtime runs (default: --model)")
    parser.add_argument("--timeout", type=float, default=120,
                        help="seconds the compiled model may run (default 120; qemu needs more "
                             "for large models)")
    parser.add_argument("mnc_args", nargs="*")
    args = parser.parse_args()

    os.makedirs(args.workdir, exist_ok=True)
    mnc_args = list(args.mnc_args)
    cc, runner = ["cc"], []
    if args.cross:
        cc, runner = cross_tools(args.cross)
        mnc_args += ["--target", "aarch64-linux-gnu"]
    result = subprocess.run([args.compiler, args.model, "-o",
                             os.path.join(args.workdir, "libmodel.a")] + mnc_args,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if result.returncode != 0:
        print(f"FAIL: mnc-compile exited {result.returncode}:\n{result.stdout}")
        return 1

    model = onnx.load(args.reference or args.model)
    rng = np.random.default_rng(args.seed)
    inputs, specs = [], []
    fixed = given_shapes(args.mnc_args)
    for k, info in enumerate(graph_inputs(model)):
        shape = fixed.get(info.name, fixed.get(None, shape_of(info)))
        data = rng.uniform(-1.0, 1.0, size=shape).astype(np.float32)
        path = os.path.join(args.workdir, f"ort_input_{k}.bin")
        data.tofile(path)
        inputs.append(data)
        specs.append(f"{info.name}={'x'.join(map(str, shape))}={path}")
    ref_dir = os.path.join(args.workdir, "ort")
    result = subprocess.run(["node", os.path.join(LIB, "ort_multi.js"),
                             args.reference or args.model, ref_dir]
                            + specs, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if result.returncode != 0:
        print(f"FAIL: ONNX Runtime: {result.stdout}")
        return 1
    num_outputs = len(model.graph.output)
    try:
        outputs = run_library(args.workdir, "model", inputs, num_outputs, cc=cc, runner=runner,
                              timeout=args.timeout,
                              parallel=args.parallel)
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
        diff = float(np.max(np.abs(got.astype(np.float64) - ref))) if ref.size else 0.0
        scale = float(np.max(np.abs(ref))) if ref.size else 0.0
        good = np.isfinite(got).all() and diff <= args.rtol * max(scale, 1e-30)
        print(f"output {k} '{output.name}': max|diff| {diff:.3g} max|ref| {scale:.3g}"
              f" {'ok' if good else 'WRONG'}")
        ok = ok and good
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
