#!/usr/bin/env python3
"""Runs ONNX's backend conformance cases (Debian's libonnx-testdata) through mnc.

    onnx_backend.py --compiler PATH/mnc-compile --workdir DIR [--jobs N]
                    [--data /usr/include/onnx/backend/test/data] [--only SUBSTRING ...]
                    [--expected-refusals FILE] [--write-refusals FILE]
                    [--ort-reference FILE]

Each case is a directory with model.onnx and test_data_set_0/{input,output}_K.pb.
A case is run when its inputs and outputs are float32 and every op it uses is in
mnc-compile --list-ops (for its opset). Its first graph input stays a run-time
input; a later input is frozen into an initializer (with the case's data) only
where ONNX treats it as a weight or parameter: Conv/ConvTranspose W and B, Gemm B
and C, MatMul B, BatchNormalization's scale, bias and statistics, Resize roi,
scales and sizes, Upsample scales, Clip min and max, Pad pads and value, Reshape
shape, and the like (PARAMETER_INPUTS below); any other stays a run-time input.
The case is compiled into a library, run through a generated C driver
(test/lib/run_library.py), and each output compared with the expected one as
ONNX's own runner does: |out - expected| <= atol + rtol * |expected|, rtol 1e-3,
atol 1e-5.

A few cases' stored outputs disagree with ONNX Runtime, which mnc follows (ONNX
1.12's reference implementation of a corner case that Runtime computes otherwise);
ort-reference.txt lists them, each with its reason, and for those the expected
output is ONNX Runtime's on the same inputs (test/lib/ort_multi.js).

Outcomes: pass; refused (mnc-compile exits 1 with a one-line error, and the case
is listed in the expected-refusals file with a reason); fail (a wrong answer, a
crash, a refusal not listed or not one line, a refusal of a listed case that now
compiles is reported as "newly passing" and fails too, so the list stays
current). Prints one line per failure, a table of pass / refused / fail per op,
and the totals; exits 1 when anything failed.
"""

import argparse
import collections
import concurrent.futures
import os
import re
import shutil
import subprocess
import sys

import numpy as np
import onnx
from onnx import numpy_helper

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "lib"))
from run_library import run_library  # noqa: E402

DATA = "/usr/include/onnx/backend/test/data"
SUITES = ["node", "pytorch-converted", "pytorch-operator", "simple"]
RTOL, ATOL = 1e-3, 1e-5

# Input positions ONNX treats as weights or parameters, by op: the only
# inputs besides the first that may be frozen into initializers.
PARAMETER_INPUTS = {
    "Conv": {1, 2},
    "ConvTranspose": {1, 2},
    "Gemm": {1, 2},
    "MatMul": {1},
    "BatchNormalization": {1, 2, 3, 4},
    "InstanceNormalization": {1, 2},
    "Resize": {1, 2, 3},
    "Upsample": {1},
    "Clip": {1, 2},
    "Pad": {1, 2, 3},
    "Reshape": {1},
    "Expand": {1},
    "Tile": {1},
    "Slice": {1, 2, 3, 4},
    "Squeeze": {1},
    "Unsqueeze": {1},
    "ReduceMean": {1},
    "ReduceSum": {1},
    "PRelu": {1},
}
FLOAT = onnx.TensorProto.FLOAT


def list_ops(compiler):
    """{op: (min_opset, max_opset)} from mnc-compile --list-ops."""
    out = subprocess.run([compiler, "--list-ops"], check=True, stdout=subprocess.PIPE,
                         text=True).stdout
    ops = {}
    for line in out.splitlines():
        m = re.match(r"^(\w+)\s+(\d+)\s*-\s*(\d+)", line)
        if m:
            ops[m.group(1)] = (int(m.group(2)), int(m.group(3)))
    return ops


def default_opset(model):
    for entry in model.opset_import:
        if entry.domain in ("", "ai.onnx"):
            return entry.version
    return None


def load_tensors(case_dir, prefix):
    data_dir = os.path.join(case_dir, "test_data_set_0")
    tensors = []
    k = 0
    while os.path.exists(os.path.join(data_dir, f"{prefix}_{k}.pb")):
        tensor = onnx.TensorProto()
        with open(os.path.join(data_dir, f"{prefix}_{k}.pb"), "rb") as f:
            tensor.ParseFromString(f.read())
        tensors.append(tensor)
        k += 1
    return tensors


def prepare(case_dir, ops):
    """The case as (model, run-time inputs, expected outputs), or (None, reason) to skip."""
    model = onnx.load(os.path.join(case_dir, "model.onnx"))
    opset = default_opset(model)
    graph = model.graph
    used = sorted({node.op_type for node in graph.node})
    for node in graph.node:
        if node.domain not in ("", "ai.onnx"):
            return None, f"op from domain '{node.domain}'"
        if node.op_type not in ops:
            return None, f"op {node.op_type} not supported"
        low, high = ops[node.op_type]
        if opset is None or not low <= max(opset, 1) <= high:
            return None, f"op {node.op_type} not supported in opset {opset}"
    initializers = {init.name for init in graph.initializer}
    inputs = [i for i in graph.input if i.name not in initializers]
    data = load_tensors(case_dir, "input")
    expected = load_tensors(case_dir, "output")
    if len(data) != len(inputs) or len(expected) != len(graph.output) or not expected:
        return None, "test data does not match the graph"
    for tensor in expected:
        if tensor.data_type != FLOAT:
            return None, "non-float32 output"
    # Which inputs feed only parameter positions.
    positions = collections.defaultdict(set)
    for node in graph.node:
        for index, name in enumerate(node.input):
            if name:
                positions[name].add((node.op_type, index))
    runtime, frozen = [], []
    for k, (info, tensor) in enumerate(zip(inputs, data)):
        uses = positions.get(info.name, set())
        parameter = k > 0 and uses and all(
            index in PARAMETER_INPUTS.get(op, set()) for op, index in uses)
        if parameter:
            tensor.name = info.name
            frozen.append(tensor)
            continue
        if tensor.data_type != FLOAT:
            return None, "non-float32 run-time input"
        if 0 in tensor.dims:
            return None, "empty run-time input"
        runtime.append((info.name, numpy_helper.to_array(tensor)))
    if not runtime:
        return None, "no run-time input"
    if frozen:
        # Before IR version 4 an initializer must also be a graph input.
        if model.ir_version >= 4:
            names = {t.name for t in frozen}
            kept = [i for i in graph.input if i.name not in names]
            del graph.input[:]
            graph.input.extend(kept)
        for k, tensor in enumerate(frozen):
            graph.initializer.append(tensor)
    # Shapes for inputs the model leaves dynamic, from the case's data.
    shape_args = []
    for name, array in runtime:
        info = next(i for i in graph.input if i.name == name)
        dims = info.type.tensor_type.shape.dim
        if len(dims) != array.ndim or any(d.dim_value <= 0 for d in dims):
            shape_args += ["--input-shape",
                           f"{name}={'x'.join(str(d) for d in array.shape) or '1'}"]
    return (model, runtime, [numpy_helper.to_array(t) for t in expected], used,
            shape_args), None


def ort_outputs(work, model_path, runtime, count):
    """ONNX Runtime's outputs of the prepared model on the run-time inputs."""
    specs = []
    for k, (name, array) in enumerate(runtime):
        path = os.path.join(work, f"ort_input_{k}.bin")
        np.ascontiguousarray(array, dtype=np.float32).tofile(path)
        specs.append(f"{name}={'x'.join(map(str, array.shape)) or '1'}={path}")
    out_dir = os.path.join(work, "ort")
    subprocess.run(["node", os.path.join(os.path.dirname(HERE), "lib", "ort_multi.js"),
                    model_path, out_dir] + specs, check=True, stdout=subprocess.DEVNULL)
    return [np.fromfile(os.path.join(out_dir, f"output_{k}.bin"), dtype=np.float32)
            for k in range(count)]


def run_case(args, suite, case, ops, expected_refusals, ort_cases):
    case_dir = os.path.join(args.data, suite, case)
    name = f"{suite}/{case}"
    try:
        prepared, skip = prepare(case_dir, ops)
    except Exception as error:  # a case the onnx package cannot read
        return name, "skip", [], f"unreadable: {error}"
    if prepared is None:
        return name, "skip", [], skip
    model, runtime, expected, used, shape_args = prepared
    work = os.path.join(args.workdir, suite, case)
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    model_path = os.path.join(work, "model.onnx")
    onnx.save(model, model_path)
    try:
        result = subprocess.run([args.compiler, model_path, "-o", os.path.join(work, "libcase.a")]
                                + shape_args,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                timeout=300)
    except subprocess.TimeoutExpired:
        return name, "fail", used, "mnc-compile timed out"
    if result.returncode != 0:
        lines = [line for line in result.stderr.splitlines() if line.strip()]
        message = lines[0] if lines else ""
        message = message.replace(model_path, "model.onnx")
        if result.returncode != 1:
            return name, "fail", used, f"mnc-compile crashed ({result.returncode}): {message}"
        errors = [line for line in lines if ": error: " in line]
        notes = [line for line in lines if ": note: " in line]
        if len(errors) + len(notes) != len(lines) or len(notes) > 2 or (
                len(errors) > 1 and not errors[-1].split(": error: ", 1)[1].split(" ")[0].isdigit()):
            return name, "fail", used, f"refusal not one line: {len(lines)} lines: {message}"
        if name not in expected_refusals:
            return name, "fail", used, f"unexpected refusal: {message}"
        return name, "refused", used, message
    if name in expected_refusals:
        return name, "fail", used, "newly passing: remove it from the expected refusals"
    if name in ort_cases:
        try:
            expected = ort_outputs(work, model_path, runtime, len(expected))
        except subprocess.CalledProcessError as error:
            return name, "fail", used, f"ONNX Runtime failed: {error}"
    try:
        outputs = run_library(work, "case", [array for _, array in runtime], len(expected))
    except (RuntimeError, subprocess.TimeoutExpired) as error:
        return name, "fail", used, f"run failed: {str(error).splitlines()[0]}"
    for k, (got, want) in enumerate(zip(outputs, expected)):
        want = want.astype(np.float32).reshape(-1)
        if got.size != want.size:
            return name, "fail", used, f"output {k}: {got.size} elements, expected {want.size}"
        bad = ~(np.abs(got - want) <= ATOL + RTOL * np.abs(want))
        bad &= ~(np.isnan(want) & np.isnan(got))
        if bad.any():
            i = int(np.argmax(bad))
            return name, "fail", used, (f"wrong output {k}: {int(bad.sum())} of {want.size} "
                                        f"elements differ, first at {i}: {got[i]} vs {want[i]}")
    return name, "pass", used, ""


def read_refusals(path):
    refusals = {}
    if not path or not os.path.exists(path):
        return refusals
    with open(path) as f:
        for line in f:
            line = line.split("#", 1)[0].strip()
            if line:
                case, _, reason = line.partition(":")
                refusals[case.strip()] = reason.strip()
    return refusals


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--compiler", required=True)
    parser.add_argument("--workdir", required=True)
    parser.add_argument("--data", default=DATA)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--only", nargs="*", help="run the cases whose name contains one of these")
    parser.add_argument("--expected-refusals", default=os.path.join(HERE, "expected-refusals.txt"))
    parser.add_argument("--write-refusals", help="write the cases refused now, with their errors")
    parser.add_argument("--ort-reference", default=os.path.join(HERE, "ort-reference.txt"))
    args = parser.parse_args()

    if not os.path.isdir(args.data):
        print(f"onnx_backend: error: no test data at {args.data} (install libonnx-testdata)")
        return 1
    ops = list_ops(args.compiler)
    refusals = read_refusals(args.expected_refusals)
    ort_cases = read_refusals(args.ort_reference)
    cases = [(suite, case) for suite in SUITES
             for case in sorted(os.listdir(os.path.join(args.data, suite)))
             if not args.only or any(s in f"{suite}/{case}" for s in args.only)]
    results = []
    with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
        futures = [pool.submit(run_case, args, suite, case, ops, refusals, ort_cases)
                   for suite, case in cases]
        for future in futures:
            results.append(future.result())

    per_op = collections.defaultdict(collections.Counter)
    totals = collections.Counter()
    for name, outcome, used, message in results:
        totals[outcome] += 1
        for op in used:
            per_op[op][outcome] += 1
        if outcome == "fail":
            print(f"FAIL {name}: {message}")
    print(f"{'op':24} {'pass':>5} {'refused':>8} {'fail':>5}")
    for op in sorted(per_op):
        counts = per_op[op]
        print(f"{op:24} {counts['pass']:5} {counts['refused']:8} {counts['fail']:5}")
    print(f"cases: {totals['pass']} passed, {totals['refused']} refused (expected), "
          f"{totals['fail']} failed, {totals['skip']} skipped (not float32, or an op mnc does "
          f"not list) of {len(results)}")
    if args.write_refusals:
        with open(args.write_refusals, "w") as f:
            for name, outcome, _, message in results:
                if outcome == "refused" or message.startswith("unexpected refusal"):
                    reason = message.split(": error: ", 1)[-1]
                    f.write(f"{name}: {reason}\n")
    return 1 if totals["fail"] else 0


if __name__ == "__main__":
    sys.exit(main())
