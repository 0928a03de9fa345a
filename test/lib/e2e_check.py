#!/usr/bin/env python3
"""End-to-end check of one model against ONNX Runtime.

    e2e_check.py --compiler PATH/mnc-compile --model M.onnx --workdir DIR
                 [--seed N] [--rtol 1e-4] [--min-std 0.1] [--cross aarch64]
                 [--parallel N] [--runner "CMD ARGS"] [-- MNC_ARGS...]

Compiles the model into DIR/libmodel.a, links test/lib/run_model.c against it
with `cc -std=c99 ... -lm` (the user's build line), runs it on a seeded input,
runs ONNX Runtime (onnxruntime-node) on the same input, and compares: prints
max |diff|, max |ref|, their ratio and the reference's spread, then PASS or
FAIL (non-zero exit).

--cross aarch64 builds for AArch64 instead (`--target aarch64-linux-gnu`
unless MNC_ARGS give a --target), links a static program with the cross
compiler (aarch64-linux-gnu-gcc, or clang-19 with lld when it is missing) and
runs it under qemu-aarch64; ONNX Runtime still runs on the host.

--runner runs the program under a command, e.g. "qemu-x86_64 -cpu Haswell"
(an x86-64 CPU without AVX-512).

--parallel N runs NAME_run_parallel instead of NAME_run (run_model.c built
with -DMNC_PARALLEL=N): with runtime/mnc_threadpool.c's pool of N threads,
or for N = 0 with a hook that runs each loop in small pieces, last first.
"""

import argparse
import os
import shutil
import subprocess
import sys

import numpy as np

LIB = os.path.dirname(os.path.abspath(__file__))


def run(cmd, **kwargs):
    result = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True, **kwargs)
    if result.returncode != 0:
        print(f"FAIL: {' '.join(cmd)} exited {result.returncode}:\n{result.stdout}")
        sys.exit(1)
    return result.stdout


def cross_tools(arch):
    """The link command (without sources) and the runner for --cross."""
    assert arch == "aarch64"
    if shutil.which("aarch64-linux-gnu-gcc"):
        # GCC 12's tree vectorizer crashes on some float loops at -O2.
        cc = ["aarch64-linux-gnu-gcc", "-static", "-fno-tree-vectorize"]
    else:
        cc = ["clang-19", "--target=aarch64-linux-gnu", "-fuse-ld=lld", "-static"]
    return cc, ["qemu-aarch64"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--compiler", required=True)
    parser.add_argument("--model", required=True)
    parser.add_argument("--workdir", required=True)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--rtol", default="1e-4")
    parser.add_argument("--min-std", default="0.1")
    parser.add_argument("--cross", choices=["aarch64"],
                        help="build for this architecture and run under qemu")
    parser.add_argument("--parallel", type=int, default=None,
                        help="call NAME_run_parallel: a pool of N threads, or 0 for a "
                             "serial hook")
    parser.add_argument("--runner", default=None,
                        help="run the program under this command (split on spaces)")
    parser.add_argument("mnc_args", nargs="*")
    args = parser.parse_args()

    os.makedirs(args.workdir, exist_ok=True)
    lib = os.path.join(args.workdir, "libmodel.a")
    mnc_args = list(args.mnc_args)
    cc, runner = ["cc"], []
    if args.cross:
        cc, runner = cross_tools(args.cross)
        if not any(a == "--target" or a.startswith("--target=") for a in mnc_args):
            mnc_args += ["--target", "aarch64-linux-gnu"]
    if args.runner:
        runner = args.runner.split()
    run([args.compiler, args.model, "-o", lib] + mnc_args)
    exe = os.path.join(args.workdir, "run")
    repo = os.path.dirname(os.path.dirname(LIB))
    # run_model.c includes tools/bench/harness.h, which the benchmarks share.
    extra = ["-I", os.path.join(repo, "tools", "bench")]
    if args.parallel is not None:
        extra += [f"-DMNC_PARALLEL={args.parallel}"]
    if args.parallel:
        # The pool is C11 and POSIX threads; the program stays C99.
        runtime = os.path.join(repo, "runtime")
        pool = os.path.join(args.workdir, "mnc_threadpool.o")
        run(cc + ["-std=c11", "-O2", "-pthread", "-c", "-I", runtime,
                  os.path.join(runtime, "mnc_threadpool.c"), "-o", pool])
        extra += ["-I", runtime, pool, "-pthread"]
    run(cc + ["-std=c99", "-O2", "-I", args.workdir, "-DMNC_MODEL=model",
              "-DMNC_MODEL_UPPER=MODEL"] + extra + [os.path.join(LIB, "run_model.c"), lib,
              "-lm", "-o", exe])

    # The input's size comes from the generated header.
    size = None
    with open(os.path.join(args.workdir, "model.h")) as header:
        for line in header:
            if line.startswith("#define MODEL_INPUT_SIZE"):
                size = int(line.split()[2])
    if size is None:
        print("FAIL: model.h defines no MODEL_INPUT_SIZE")
        return 1
    rng = np.random.default_rng(args.seed)
    data = rng.uniform(-1.0, 1.0, size).astype(np.float32)
    inp = os.path.join(args.workdir, "input.bin")
    data.tofile(inp)

    ours = os.path.join(args.workdir, "output.bin")
    run(runner + [exe, inp, ours])
    ref = os.path.join(args.workdir, "reference.bin")
    ort_args = ["node", os.path.join(LIB, "ort_run.js"), args.model, "--input", inp,
                "--output", ref]
    shape = [a for a in args.mnc_args if a.startswith("--input-shape")]
    if shape:
        value = shape[0].split("=", 1)[1] if "=" in shape[0] else \
            args.mnc_args[args.mnc_args.index(shape[0]) + 1]
        ort_args += ["--shape", value]
    run(ort_args)
    result = subprocess.run([sys.executable, os.path.join(LIB, "compare_outputs.py"),
                             ours, ref, "--rtol", args.rtol, "--min-std", args.min_std],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    print(f"{os.path.basename(args.model)}: {result.stdout.strip()}")
    return result.returncode


if __name__ == "__main__":
    sys.exit(main())
