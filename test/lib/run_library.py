"""Runs an mnc-compiled library of any number of inputs and outputs from Python.

    outputs = run_library(out_dir, name, inputs, num_outputs)

`out_dir` holds libNAME.a, NAME.h and mnc_runtime.h as mnc-compile wrote them.
Generates a C driver that includes only NAME.h, reads each input from a raw
file (float32, or uint8 for an input given as a uint8 array: a library
compiled with --input-type uint8), calls NAME_run (or NAME_run_parallel with a hook that runs each
loop in small pieces, last first) with every buffer, checks the status, and
writes each output; outputs and workspace start as NaN bytes, so an output
element the library does not write shows. The driver is compiled with `cc`
(or the given cross compiler and runner). Returns the outputs as flat float32
arrays, in graph order.
"""

import os
import subprocess

import numpy as np


def _driver_source(name, input_types, num_outputs, parallel):
    num_inputs = len(input_types)
    upper = name.upper()
    single = num_inputs == 1 and num_outputs == 1

    def macro(kind, k):
        return f"{upper}_{kind}{'' if single else k}_SIZE"

    lines = [
        "#include <stdio.h>",
        "#include <stdlib.h>",
        "#include <string.h>",
        "#include <stdint.h>",
        f'#include "{name}.h"',
        "",
        "static void *alloc_filled(size_t bytes) {",
        "  void *p = malloc(bytes ? bytes : 1);",
        "  if (p) memset(p, 0xff, bytes ? bytes : 1);",
        "  return p;",
        "}",
        "",
    ]
    if parallel:
        lines += [
            "static void pieces(void *pool, mnc_task_fn task, void *ctx, int64_t count) {",
            "  (void)pool;",
            "  int64_t end = count, size = 1;",
            "  while (end > 0) {",
            "    int64_t begin = end > size ? end - size : 0;",
            "    task(ctx, begin, end);",
            "    end = begin;",
            "    size = size % 3 + 1;",
            "  }",
            "}",
            "",
        ]
    lines += ["int main(int argc, char **argv) {",
              f"  if (argc != {1 + num_inputs + num_outputs}) return 2;"]
    args = []
    for k, ctype in enumerate(input_types):
        lines += [
            f"  {ctype} *in{k} = alloc_filled(sizeof({ctype}) * {macro('INPUT', k)});",
            f"  FILE *fi{k} = fopen(argv[{1 + k}], \"rb\");",
            f"  if (!in{k} || !fi{k} || fread(in{k}, sizeof({ctype}), {macro('INPUT', k)}, fi{k})"
            f" != {macro('INPUT', k)}) return 3;",
            f"  fclose(fi{k});",
        ]
        args.append(f"in{k}")
    for k in range(num_outputs):
        lines.append(f"  float *out{k} = alloc_filled(sizeof(float) * {macro('OUTPUT', k)});")
        args.append(f"out{k}")
    lines += [
        f"  void *block = alloc_filled({upper}_WORKSPACE_SIZE + MNC_WORKSPACE_ALIGNMENT);",
        "  void *workspace = mnc_align_workspace(block);",
    ]
    call = (f"{name}_run_parallel({', '.join(args)}, workspace, pieces, NULL)" if parallel
            else f"{name}_run({', '.join(args)}, workspace)")
    lines += [
        f"  int status = {call};",
        "  if (status != MNC_OK) {",
        f"    fprintf(stderr, \"{name}: %s\\n\", mnc_status_string(status));",
        "    return 4;",
        "  }",
    ]
    for k in range(num_outputs):
        lines += [
            f"  FILE *fo{k} = fopen(argv[{1 + num_inputs + k}], \"wb\");",
            f"  if (!fo{k} || fwrite(out{k}, sizeof(float), {macro('OUTPUT', k)}, fo{k})"
            f" != {macro('OUTPUT', k)}) return 5;",
            f"  fclose(fo{k});",
        ]
    lines += ["  return 0;", "}", ""]
    return "\n".join(lines)


def run_library(out_dir, name, inputs, num_outputs, cc=("cc",), runner=(), parallel=False,
                timeout=120):
    """Builds and runs the driver; raises RuntimeError with the output on failure."""
    source = os.path.join(out_dir, "driver.c")
    exe = os.path.join(out_dir, "driver")
    types = ["uint8_t" if np.asarray(a).dtype == np.uint8 else "float" for a in inputs]
    with open(source, "w") as f:
        f.write(_driver_source(name, types, num_outputs, parallel))
    build = list(cc) + ["-std=c99", "-O1", "-I", out_dir, source,
                        os.path.join(out_dir, f"lib{name}.a"), "-lm", "-o", exe]
    result = subprocess.run(build, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"building the driver failed:\n{result.stdout}")
    in_files, out_files = [], []
    for k, array in enumerate(inputs):
        path = os.path.join(out_dir, f"input_{k}.bin")
        dtype = np.uint8 if np.asarray(array).dtype == np.uint8 else np.float32
        np.ascontiguousarray(array, dtype=dtype).tofile(path)
        in_files.append(path)
    for k in range(num_outputs):
        out_files.append(os.path.join(out_dir, f"mnc_output_{k}.bin"))
    result = subprocess.run(list(runner) + [exe] + in_files + out_files, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True, timeout=timeout)
    if result.returncode != 0:
        raise RuntimeError(f"the driver exited {result.returncode}:\n{result.stdout}")
    return [np.fromfile(path, dtype=np.float32) for path in out_files]
