#!/usr/bin/python3
"""Benchmarks an mnc-compiled model against ONNX Runtime on the same core(s).

    tools/scripts/bench.py MODEL.onnx [--rounds 15] [--runs 20] [--warmup 3]
        [--threads 1] [--cpu 0] [--peak-gmacs G] [--compiler PATH]
        [--work-dir DIR] [--seed 0] [--json OUT.json] [--profile] [--mnc-args ARG...]

What it does, in order:
  1. compiles MODEL with mnc-compile (--report, --name NAME; everything after
     --mnc-args goes to mnc-compile unchanged) into WORK/libNAME.a + NAME.h;
  2. builds tools/bench/bench_main.c against it with `cc -std=c99 -O2`;
  3. writes one seeded input (test/lib/make_input.py) used by both runtimes;
  4. runs ROUNDS interleaved rounds: one mnc round (bench_main, pinned with
     `taskset -c` to the first CPU of --cpu), then one ONNX Runtime round
     (test/lib/ort_run.js --bench, onnxruntime-node, graph optimization 'all',
     --threads intra-op threads, pinned to all CPUs of --cpu); each round is a
     fresh process doing WARMUP untimed runs and RUNS timed runs, so both
     runtimes see the same machine noise;
  5. checks the two outputs of round 1 against each other (compare_outputs.py; a model of several
     outputs is compared as their concatenation, in the graph's order);
  6. prints min / median for both, the ratio mnc/ORT, GMAC/s and the fraction
     of the core's FMA peak (measured in the same run by tools/bench/fma_peak.c
     unless --peak-gmacs gives it), workspace and library size, and the machine.

MACs come from `mnc-compile --report` (the per-layer column, checked against
its total line) and are cross-checked against a count over the ONNX graph's
Conv/ConvTranspose/Gemm/MatMul nodes with shapes from onnx.shape_inference.

Limits, stated rather than hidden:
  - ort_run.js --bench prints per-round min/median/mean only, so ORT's median
    over all individual runs is not available; ORT's min over all runs is exact
    (min of per-round minima) and its median is the median of per-round medians.
    mnc's harness prints every run, so both figures exist for mnc.
  - With --threads T > 1, mnc runs NAME_run_parallel with runtime/mnc_threadpool.c's pool of T
    threads (built as C11 with -pthread and linked into the harness; the library itself stays
    single-threaded code) pinned to all CPUs of --cpu, like ORT; each round then also runs
    NAME_run pinned to the first CPU, so the report gives mnc's T-thread speed-up over one
    thread from the same rounds (mnc 1 thread, mnc T threads, ORT T threads, interleaved).

With --profile it instead times each layer: it compiles MODEL with `mnc-compile --profile` into
WORK/profile/, builds tools/bench/profile_main.c against it (it defines NAME_profile_mark and
timestamps every layer), compiles the plain library and bench_main.c as above, runs ROUNDS
interleaved rounds of both pinned to the first CPU of --cpu (no ONNX Runtime), and prints the layers
sorted by median time (kind, output shape, MACs, share, GMAC/s, and GB/s of activations read and
written), a summary per class of layer (pointwise conv, depthwise KxK sS, full conv, grouped conv,
transposed conv, fully connected, squeeze-excite, max/avg/global pool, resize, and any other layer
by its operation: concat, transpose, ...) with the fraction of --peak-gmacs, and the instrumented NAME_run time against the plain one.

Exit status: 0; 1 on an error; 3 when the two runtimes' outputs disagree (the report
is still printed, marked MISMATCH).

Defaults: compiler $MNC_BUILD_DIR/bin/mnc-compile (MNC_BUILD_DIR defaults to
<repo>/build); work directory ${TMPDIR:-/tmp}/mnc-bench/NAME; --cpu 0 for one
thread, 0-(T-1) for T threads.
"""
import argparse
import datetime
import json
import os
import platform
import re
import resource
import shlex
import shutil
import statistics
import subprocess
import sys
import time

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BENCH_MAIN = os.path.join(REPO, "tools", "bench", "bench_main.c")
RUNTIME_DIR = os.path.join(REPO, "runtime")
FMA_PEAK = os.path.join(REPO, "tools", "bench", "fma_peak.c")
PROFILE_MAIN = os.path.join(REPO, "tools", "bench", "profile_main.c")
ORT_RUN = os.path.join(REPO, "test", "lib", "ort_run.js")
MAKE_INPUT = os.path.join(REPO, "test", "lib", "make_input.py")
COMPARE = os.path.join(REPO, "test", "lib", "compare_outputs.py")
ORT_PKG = os.path.join(REPO, ".deps", "ort", "node_modules", "onnxruntime-node", "package.json")
PY = sys.executable or "/usr/bin/python3"


def die(msg, code=1):
    print(f"bench: error: {msg}", file=sys.stderr)
    sys.exit(code)


def note(msg):
    print(f"bench: {msg}", file=sys.stderr, flush=True)


# ----------------------------------------------------------------------------- arguments
def parse_args(argv):
    # Everything after --mnc-args belongs to mnc-compile (it may start with '-').
    mnc_args = []
    if "--mnc-args" in argv:
        k = argv.index("--mnc-args")
        argv, mnc_args = argv[:k], argv[k + 1:]
    p = argparse.ArgumentParser(
        prog="bench.py",
        description="Benchmarks an mnc-compiled model against ONNX Runtime on the same core(s).",
        epilog="--mnc-args ARG...: the rest of the command line is passed to mnc-compile "
               "(must come last). See the module docstring for details.")
    p.add_argument("model", help="the ONNX model")
    p.add_argument("--rounds", type=int, default=15, help="interleaved rounds (default 15)")
    p.add_argument("--runs", type=int, default=20, help="timed runs per round and runtime (default 20)")
    p.add_argument("--warmup", type=int, default=3, help="untimed runs before each round's timed runs (default 3)")
    p.add_argument("--threads", type=int, default=1, help="threads (default 1): ONNX Runtime intra-op "
                   "threads; mnc runs NAME_run_parallel with a pool of that many threads when T > 1")
    p.add_argument("--cpu", default=None, help="CPU list for taskset -c (default 0, or 0-(T-1) for --threads T); "
                   "mnc is pinned to its first CPU")
    p.add_argument("--peak-gmacs", type=float, default=None,
                   help="one core's peak in GMAC/s for the fraction-of-peak lines (default: measured in the "
                        "same run by tools/bench/fma_peak.c, built with -march=native and pinned like mnc)")
    p.add_argument("--compiler", default=None, help="mnc-compile to use (default: the build dir's)")
    p.add_argument("--cc", default="cc", help="C compiler for the harness (default cc)")
    p.add_argument("--work-dir", default=None, help="where the library, harness and inputs go")
    p.add_argument("--seed", type=int, default=0, help="seed of the input (make_input.py, default 0)")
    p.add_argument("--ort-opt", default="all", help="ONNX Runtime graph optimization level (default all)")
    p.add_argument("--json", default=None, help="also write every measurement to this JSON file")
    p.add_argument("--profile", action="store_true",
                   help="per-layer times instead of the comparison with ONNX Runtime: builds the "
                        "instrumented variant (mnc-compile --profile) and prints the layers by time")
    a = p.parse_args(argv)
    a.mnc_args = mnc_args
    for k in ("rounds", "runs", "threads"):
        if getattr(a, k) < 1:
            p.error(f"--{k} must be >= 1")
    if a.warmup < 0:
        p.error("--warmup must be >= 0")
    return a


def parse_cpu_list(text):
    cpus = []
    for part in text.split(","):
        part = part.strip()
        m = re.fullmatch(r"(\d+)(?:-(\d+))?", part)
        if not m:
            die(f"bad --cpu '{text}' (expected a taskset list such as 0, 0,1 or 0-1)")
        lo = int(m.group(1))
        hi = int(m.group(2)) if m.group(2) else lo
        if hi < lo:
            die(f"bad --cpu range '{part}'")
        cpus.extend(range(lo, hi + 1))
    return sorted(set(cpus))


# ----------------------------------------------------------------------------- helpers
def resolve_peak(a, work, cpu):
    """Sets a.peak_gmacs: as given, or this core's FMA peak measured now (tools/bench/fma_peak.c), so
    the fraction of peak is of what the machine does, not of a figure from another machine."""
    if a.peak_gmacs is not None:
        a.peak_source = "--peak-gmacs"
        return
    exe = os.path.join(work, "fma_peak")
    cc_cmd = [a.cc, "-std=c99", "-O2", "-march=native", FMA_PEAK, "-o", exe]
    r = subprocess.run(cc_cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if r.returncode != 0:
        die(f"cannot build the FMA peak probe ({shlex.join(cc_cmd)}):\n{r.stderr}give --peak-gmacs instead")
    # Best of several probes (each itself the best of five ~10 ms repeats): other work on the core
    # only ever lowers the figure.
    probes = []
    for _ in range(5):
        out = run(["taskset", "-c", cpu, exe], "fma_peak").stdout
        m = re.search(r"fma_peak: ([0-9.]+) GMAC/s \(([^)]*)\)", out)
        if not m:
            die(f"unexpected fma_peak output: {out!r}")
        probes.append(float(m.group(1)))
        time.sleep(0.05)
    a.peak_gmacs = max(probes)
    a.peak_source = (f"measured now on CPU {cpu} by tools/bench/fma_peak.c, {m.group(2).split(';')[0]}, "
                     f"best of {len(probes)} probes {min(probes):g}..{max(probes):g}")
    note(f"FMA peak of CPU {cpu}: {a.peak_gmacs:g} GMAC/s ({a.peak_source})")


def run(cmd, what, **kw):
    r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kw)
    if r.returncode != 0:
        sys.stderr.write(r.stdout + r.stderr)
        die(f"{what} failed (exit {r.returncode}): {shlex.join(cmd)}")
    return r


def median(xs):
    return statistics.median(xs)


def c_name(stem):
    name = re.sub(r"[^A-Za-z0-9_]", "_", stem)
    if not name or name[0].isdigit():
        name = "m_" + name
    return name


def machine_info():
    model, flags = "unknown", set()
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                key, _, val = line.partition(":")
                key = key.strip()
                if key == "model name" and model == "unknown":
                    model = val.strip()
                elif key == "flags" and not flags:
                    flags = set(val.split())
    except OSError:
        pass
    simd = "avx512f" if "avx512f" in flags else ("avx2" if "avx2" in flags else "no avx2")
    return {
        "cpu_model": model,
        "logical_cpus": os.cpu_count(),
        "allowed_cpus": sorted(os.sched_getaffinity(0)),
        "simd": simd,
        "kernel": platform.release(),
    }


def loadavg():
    try:
        with open("/proc/loadavg") as f:
            return " ".join(f.read().split()[:3])
    except OSError:
        return "n/a"


def cpu_jiffies():
    """(busy, steal) jiffies of the whole machine from /proc/stat, or None."""
    try:
        with open("/proc/stat") as f:
            v = [int(x) for x in f.readline().split()[1:]]
    except (OSError, ValueError):
        return None
    # user nice system idle iowait irq softirq steal [guest guest_nice: already in user/nice]
    busy = v[0] + v[1] + v[2] + v[5] + v[6]
    return busy, (v[7] if len(v) > 7 else 0), sum(v[:8])


def children_cpu_s():
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ru.ru_utime + ru.ru_stime


def tool_versions(cc, node):
    v = {}
    try:
        v["mnc_git"] = subprocess.run(["git", "-C", REPO, "describe", "--always", "--dirty"],
                                      capture_output=True, text=True).stdout.strip() or "n/a"
    except OSError:
        v["mnc_git"] = "n/a"
    try:
        with open(ORT_PKG) as f:
            v["onnxruntime_node"] = json.load(f).get("version", "n/a")
    except (OSError, ValueError):
        v["onnxruntime_node"] = "n/a"
    v["node"] = subprocess.run([node, "--version"], capture_output=True, text=True).stdout.strip()
    out = subprocess.run([cc, "--version"], capture_output=True, text=True).stdout
    v["cc"] = out.splitlines()[0] if out else "n/a"
    return v


# ----------------------------------------------------------------------------- MACs
REPORT_TOTAL = re.compile(r"^total:\s*(\d+)\s+layers,\s*([\d.]+)\s*M MACs(.*)$")


def macs_from_report(text):
    """(exact per-layer sum or None, total line's M MACs or None, layer count, total line)."""
    layer_sum, layers, total_m, total_line, total_layers = 0, 0, None, None, None
    for line in text.splitlines():
        m = REPORT_TOTAL.match(line.strip())
        if m:
            total_m, total_line, total_layers = float(m.group(2)), line.strip(), int(m.group(1))
            continue
        # "IDX OP IN_SHAPES -> OUT_SHAPE ACTIVATION... MACS WEIGHTS WORKSPACE... NODE": the MACs are
        # the first plain integer after the output shape (the activation may hold spaces).
        tok = line.split()
        if len(tok) > 4 and tok[0].isdigit() and "->" in tok:
            ints = [t for t in tok[tok.index("->") + 2:] if t.isdigit()]
            if ints:
                layers += 1
                layer_sum += int(ints[0])
    exact = layer_sum if layers else None
    # The per-layer column must agree with the total line (which rounds to 0.1 M).
    if exact is not None and total_m is not None and (abs(exact / 1e6 - total_m) > 0.051
                                                      or layers != total_layers):
        exact = None
    return exact, total_m, layers, total_line


def macs_from_onnx(model_path, input_shape):
    """Sum of Conv/ConvTranspose/Gemm/MatMul MACs over the ONNX graph, shapes from onnx shape inference.
    Returns (macs, detail) or (None, reason)."""
    try:
        import onnx
        from onnx import shape_inference
    except ImportError as e:
        return None, f"python onnx not available ({e})"
    try:
        model = onnx.load(model_path)
        inits = {t.name: list(t.dims) for t in model.graph.initializer}
        real_inputs = [i for i in model.graph.input if i.name not in inits]
        if len(real_inputs) == 1 and input_shape:
            dims = real_inputs[0].type.tensor_type.shape.dim
            if len(dims) == len(input_shape):
                for d, v in zip(dims, input_shape):  # fix dynamic dims as mnc-compile saw them
                    if not d.HasField("dim_value"):
                        d.dim_value = v
        model = shape_inference.infer_shapes(model)
    except Exception as e:  # onnx 1.12 knows opsets <= 17 only
        return None, f"onnx shape inference failed: {str(e).splitlines()[0][:160]}"

    shapes = dict(inits)
    for vi in list(model.graph.value_info) + list(model.graph.input) + list(model.graph.output):
        dims = vi.type.tensor_type.shape.dim
        if all(d.HasField("dim_value") for d in dims) and len(dims) > 0:
            shapes[vi.name] = [d.dim_value for d in dims]

    def prod(xs):
        p = 1
        for x in xs:
            p *= x
        return p

    total, counts, unknown = 0, {"Conv": 0, "ConvTranspose": 0, "Gemm": 0, "MatMul": 0}, []
    for n in model.graph.node:
        if n.op_type not in counts:
            continue
        attrs = {a.name: onnx.helper.get_attribute_value(a) for a in n.attribute}
        try:
            if n.op_type == "Conv":
                w, y = shapes[n.input[1]], shapes[n.output[0]]
                total += prod(y) * prod(w[1:])  # out elements x (C/group x kH x kW)
            elif n.op_type == "ConvTranspose":
                w, x = shapes[n.input[1]], shapes[n.input[0]]
                total += prod(x) * prod(w[1:])  # in elements x (F/group x kH x kW), as --report
            elif n.op_type == "Gemm":
                a_s, b_s = shapes[n.input[0]], shapes[n.input[1]]
                m_ = a_s[1] if attrs.get("transA", 0) else a_s[0]
                k_ = a_s[0] if attrs.get("transA", 0) else a_s[1]
                n_ = b_s[0] if attrs.get("transB", 0) else b_s[1]
                total += m_ * n_ * k_
            else:
                a_s, y = shapes[n.input[0]], shapes[n.output[0]]
                total += prod(y) * a_s[-1]
            counts[n.op_type] += 1
        except (KeyError, IndexError):
            unknown.append(n.name or n.op_type)
    if unknown:
        return None, f"no inferred shape for {len(unknown)} nodes (e.g. {unknown[0]})"
    detail = ", ".join(f"{v} {k}" for k, v in counts.items() if v)
    return total, detail


# ----------------------------------------------------------------------------- the model's buffers
def harness_io(header, name):
    """The input shape of the library whose header is `header`, and the cc flags its harness needs.

    A model of one input and one output keeps the unnumbered header (NAME_INPUT_SIZE, ...) that
    tools/bench/harness.h uses by default. For one input and several outputs this writes
    harness_io.h beside the header (see harness.h: INPUT_SIZE, OUTPUT_SIZE as the outputs' total,
    RUN_OUTPUTS) and returns -DMNC_HARNESS_IO=harness_io.h; ONNX Runtime's --output then writes
    the outputs one after the other too, so the two files compare as they are."""
    upper = name.upper()
    with open(header) as f:
        htext = f.read()

    def define(suffix, pattern=r"(\d+)"):
        m = re.search(rf"#define\s+{upper}_{suffix}\s+{pattern}", htext)
        return m.group(1) if m else None

    shape_pattern = r"\{([^}]*)\}"
    outputs = define("OUTPUT_COUNT")
    if outputs is None:
        shape = define("INPUT_SHAPE", shape_pattern)
        if shape is None:
            die(f"{header} lacks {upper}_INPUT_SHAPE")
        return [int(x) for x in shape.split(",")], []
    if define("INPUT_COUNT") != "1":
        die(f"{header}: bench.py runs models of one input; this one has {define('INPUT_COUNT')}")
    shape = define("INPUT0_SHAPE", shape_pattern)
    if shape is None:
        die(f"{header} lacks {upper}_INPUT0_SHAPE")
    sizes = [f"{upper}_OUTPUT{k}_SIZE" for k in range(int(outputs))]
    arguments = ["(output)"] + [f"(output) + {' + '.join(sizes[:k])}" for k in range(1, len(sizes))]
    with open(os.path.join(os.path.dirname(header), "harness_io.h"), "w") as f:
        f.write(f"/* Written by tools/scripts/bench.py: {name}'s {outputs} outputs, one after the other "
                f"in one block (see tools/bench/harness.h). */\n"
                f"#define INPUT_SIZE {upper}_INPUT0_SIZE\n"
                f"#define OUTPUT_SIZE ({' + '.join(sizes)})\n"
                f"#define RUN_OUTPUTS(output) {', '.join(arguments)}\n")
    return [int(x) for x in shape.split(",")], ["-DMNC_HARNESS_IO=harness_io.h"]


def image_input(htext, upper):
    """How a library compiled with --input-layout/--input-type/--mean/--std takes its (single)
    input, from its header: {"uint8", "nhwc", "mean", "std"}, or None for the model's own NCHW
    floats."""
    m = re.search(rf"#define\s+{upper}_INPUT0?_SHAPE\s+\{{[^}}]*\}}\s*/\*\s*N, ([CH]), ", htext)
    if not m:
        return None

    def floats(suffix):
        v = re.search(rf"#define\s+{upper}_INPUT0?_{suffix}\s+\{{([^}}]*)\}}", htext)
        return [float(x.strip().rstrip("f")) for x in v.group(1).split(",")] if v else None

    uint8 = re.search(rf"#define\s+{upper}_INPUT0?_SIZE\s+\d+\s*/\*\s*bytes", htext) is not None
    return {"uint8": uint8, "nhwc": m.group(1) == "H", "mean": floats("MEAN"), "std": floats("STD")}


def write_image_inputs(image, shape, seed, raw_path, ort_path):
    """A seeded frame as the library takes it (raw_path: bytes 0..255, or floats in [0, 255)) and
    the NCHW float image the model sees (ort_path, (x - mean) / std), for ONNX Runtime. Returns the
    NCHW shape."""
    import numpy as np
    rng = np.random.default_rng(seed)
    if image["uint8"]:
        raw = rng.integers(0, 256, size=shape, dtype=np.uint8)
    else:
        raw = rng.uniform(0.0, 255.0, size=shape).astype(np.float32)
    raw.tofile(raw_path)
    x = raw.astype(np.float32)
    if image["nhwc"]:
        x = x.transpose(0, 3, 1, 2)
    c = x.shape[1]
    if image["mean"]:
        x = x - np.array(image["mean"], dtype=np.float32).reshape(1, c, 1, 1)
    if image["std"]:
        x = x / np.array(image["std"], dtype=np.float32).reshape(1, c, 1, 1)
    np.ascontiguousarray(x, dtype=np.float32).tofile(ort_path)
    return list(x.shape)


# ----------------------------------------------------------------------------- --profile
def layer_class(kind):
    """The class a layer's time is summed under: its convolution type (depthwise ones by kernel and
    stride, which decide their speed), fully connected, squeeze-excite, pooling, resize, or the
    operation of any other layer (concat, transpose, add, ...)."""
    if kind.startswith("pointwise"):
        return "pointwise conv"
    if kind.startswith("depthwise"):
        return kind
    if kind.startswith("conv "):
        return "full conv"
    for prefix, name in (("grouped conv", "grouped conv"), ("transposed", "transposed conv"),
                         ("max pool", "max pool"), ("avg pool", "avg pool"),
                         ("global pool", "global pool"), ("resize", "resize")):
        if kind.startswith(prefix):
            return name
    return kind


def parse_profile(text, layer_count):
    """Rows ({row, kind, node, shape, macs, bytes, min, median} in microseconds) and the total line of
    one profile_main run."""
    lines = text.splitlines()
    if not lines or lines[0].split("\t") != ["row", "kind", "node", "shape", "macs", "bytes", "min_us",
                                             "median_us"]:
        die(f"profile_main printed no header line:\n{text}")
    rows, total = [], None
    for line in lines[1:]:
        f = line.split("\t")
        if f[0] == "total" and len(f) == 2:
            total = {k: float(v) for k, v in (kv.split("=") for kv in f[1].split()) if k.endswith("_us")}
            continue
        if len(f) != 8:
            die(f"unexpected profile_main line: {line!r}")
        rows.append({"row": f[0], "kind": f[1], "node": f[2], "shape": f[3], "macs": int(f[4]),
                     "bytes": int(f[5]), "min": float(f[6]), "median": float(f[7])})
    if total is None or len(rows) != layer_count + 2:
        die(f"profile_main printed {len(rows)} rows (expected {layer_count + 2}) "
            f"{'and' if total else 'and no'} total line:\n{text}")
    return rows, total


def model_and_compiler(a, tools):
    """The absolute paths of the model and of mnc-compile (--compiler, or the build's); dies naming
    what is missing: either of them, or one of `tools` on PATH."""
    model = os.path.abspath(a.model)
    if not os.path.isfile(model):
        die(f"model not found: {a.model}")
    build = os.environ.get("MNC_BUILD_DIR", os.path.join(REPO, "build"))
    compiler = os.path.abspath(a.compiler) if a.compiler else os.path.join(build, "bin", "mnc-compile")
    if not os.access(compiler, os.X_OK):
        die(f"mnc-compile not found at {compiler}: run tools/scripts/build.sh mnc-compile "
            f"(or tools/scripts/bench.sh), or pass --compiler PATH")
    for tool in tools:
        if not shutil.which(tool):
            die(f"{tool} not found on PATH")
    return model, compiler


def profile(a):
    """--profile: per-layer times of the instrumented library, with the plain library's NAME_run
    time beside them so the instrumentation's cost shows."""
    model, compiler = model_and_compiler(a, ("taskset", a.cc))
    cpu_text = a.cpu if a.cpu is not None else "0"
    cpus = parse_cpu_list(cpu_text)
    allowed = sorted(os.sched_getaffinity(0))
    if cpus[0] not in allowed:
        die(f"--cpu {cpu_text}: CPU {cpus[0]} is not available here (allowed: {allowed})")
    cpu = str(cpus[0])
    if a.threads > 1:
        note("--profile times the single-threaded NAME_run: --threads is ignored")

    name = c_name(os.path.splitext(os.path.basename(model))[0])
    upper = name.upper()
    work = os.path.abspath(a.work_dir or os.path.join(os.environ.get("TMPDIR", "/tmp"), "mnc-bench", name))
    prof_dir = os.path.join(work, "profile")
    os.makedirs(prof_dir, exist_ok=True)
    resolve_peak(a, work, cpu)
    date = datetime.datetime.now().astimezone().isoformat(timespec="seconds")
    command = shlex.join([sys.argv[0]] + sys.argv[1:])

    # 1. the instrumented library and its harness; the plain library and bench_main for comparison
    builds = {}
    for variant, out_dir, harness_src, extra in (("profiled", prof_dir, PROFILE_MAIN, ["--profile"]),
                                                 ("plain", work, BENCH_MAIN, [])):
        lib = os.path.join(out_dir, f"lib{name}.a")
        compile_cmd = [compiler, model, "-o", lib, "--name", name] + extra + a.mnc_args
        note(f"compiling ({variant}): {shlex.join(compile_cmd)}")
        t0 = time.monotonic()
        run(compile_cmd, f"mnc-compile ({variant})")
        compile_s = time.monotonic() - t0
        harness = os.path.join(out_dir, f"{'profile' if extra else 'bench'}_{name}")
        in_shape, io_flags = harness_io(os.path.join(out_dir, f"{name}.h"), name)
        cc_cmd = [a.cc, "-std=c99", "-O2", "-I", out_dir, f"-DMNC_MODEL={name}", f"-DMNC_MODEL_UPPER={upper}",
                  *io_flags, harness_src, lib, "-lm", "-o", harness]
        note(f"building harness: {shlex.join(cc_cmd)}")
        run(cc_cmd, f"building the {variant} harness")
        builds[variant] = {"harness": harness, "compile_s": compile_s,
                           "header": os.path.join(out_dir, f"{name}.h")}
    with open(builds["profiled"]["header"]) as f:
        htext = f.read()
    m = re.search(rf"#define\s+{upper}_LAYER_COUNT\s+(\d+)", htext)
    if not m:
        die(f"{builds['profiled']['header']} lacks {upper}_LAYER_COUNT")
    layer_count = int(m.group(1))
    tm = re.search(r"Target:\s*(.*)", htext)
    target = tm.group(1).strip() if tm else "n/a"

    # 2. one seeded input for both
    input_bin = os.path.join(work, "input.bin")
    run([PY, MAKE_INPUT, "--shape", "x".join(map(str, in_shape)), "--seed", str(a.seed), input_bin],
        "make_input.py")

    # 3. interleaved rounds: instrumented, then plain, each a fresh pinned process
    timing = ["--runs", str(a.runs), "--warmup", str(a.warmup), "--input", input_bin]
    rounds, plain_rounds = [], []
    j0, c0, t0 = cpu_jiffies(), children_cpu_s(), time.monotonic()
    for i in range(a.rounds):
        r = run(["taskset", "-c", cpu, builds["profiled"]["harness"]] + timing, f"profile round {i + 1}")
        rounds.append(parse_profile(r.stdout, layer_count))
        r = run(["taskset", "-c", cpu, builds["plain"]["harness"]] + timing, f"plain round {i + 1}")
        times = [float(l.split()[2]) * 1e3 for l in r.stdout.splitlines() if l.startswith("run ")]
        if len(times) != a.runs:
            die(f"plain round {i + 1}: expected {a.runs} run lines, got {len(times)}:\n{r.stdout}")
        plain_rounds.append(times)
        note(f"round {i + 1:2d}/{a.rounds}: instrumented median {rounds[-1][1]['median_us'] / 1e3:8.3f} ms | "
             f"plain median {median(times) / 1e3:8.3f} ms")
    j1, c1, t1 = cpu_jiffies(), children_cpu_s(), time.monotonic()
    other_cpus = None
    if j0 and j1 and t1 > t0:
        other_cpus = max(0.0, ((j1[0] - j0[0]) / os.sysconf("SC_CLK_TCK") - (c1 - c0)) / (t1 - t0))

    # 4. per row: min over all runs, median of the per-round medians
    rows = []
    for k, first in enumerate(rounds[0][0]):
        row = dict(first)
        row["min"] = min(rr[0][k]["min"] for rr in rounds)
        row["median"] = median([rr[0][k]["median"] for rr in rounds])
        row["class"] = layer_class(row["kind"])
        rows.append(row)
    sum_median = sum(r["median"] for r in rows)
    instrumented = {"min": min(rr[1]["min_us"] for rr in rounds),
                    "median": median([rr[1]["median_us"] for rr in rounds])}
    plain = {"min": min(min(rr) for rr in plain_rounds),
             "median": median([median(rr) for rr in plain_rounds])}

    def gmacs(macs, us):
        return macs / (us * 1e-6) / 1e9 if macs and us > 0 else None

    def gbytes(nbytes, us):
        """Activation bytes moved per second: the speed of layers that compute little."""
        return nbytes / (us * 1e-6) / 1e9 if nbytes and us > 0 else None

    def g(x):
        return "-" if x is None else f"{x:.1f}"

    out = []
    w = out.append
    mach = machine_info()
    w(f"== mnc per-layer profile: {os.path.basename(model)}")
    w(f"date:      {date}")
    w(f"command:   {command}")
    w(f"machine:   {mach['cpu_model']}, {mach['logical_cpus']} logical CPUs, {mach['simd']}, "
      f"Linux {mach['kernel']}" + (f"; {other_cpus:.2f} CPUs busy with other work during the rounds"
                                   if other_cpus is not None else ""))
    w(f"compiler:  {compiler}{' ' + shlex.join(a.mnc_args) if a.mnc_args else ''} (target {target}; compile "
      f"{builds['profiled']['compile_s']:.1f} s with --profile, {builds['plain']['compile_s']:.1f} s without)")
    w(f"rounds:    {a.rounds} interleaved (instrumented, then plain), {a.runs} timed runs each after "
      f"{a.warmup} warmup runs; pinned: taskset -c {cpu}")
    w(f"times:     per layer, microseconds between its mark and the next (CLOCK_MONOTONIC); median = median "
      f"of the per-round medians, min = over all {a.rounds * a.runs} runs; entry = NAME_run up to the first "
      f"mark (argument checks, input layout change if any), exit = after the last mark (output layout change)")
    w("")
    hdr = (f"{'rank':>4s} {'layer':>5s}  {'kind':<17s} {'output':<14s} {'MACs':>11s} {'median us':>10s} "
           f"{'min us':>9s} {'%':>6s} {'cum %':>6s} {'GMAC/s':>7s} {'GB/s':>6s}  ONNX node")
    w(hdr)
    cum = 0.0
    for rank, r in enumerate(sorted(rows, key=lambda r: -r["median"]), 1):
        share = 100 * r["median"] / sum_median
        cum += share
        w(f"{rank:>4d} {r['row']:>5s}  {r['kind']:<17s} {r['shape']:<14s} {r['macs']:>11,d} "
          f"{r['median']:>10.1f} {r['min']:>9.1f} {share:>5.1f}% {cum:>5.1f}% "
          f"{g(gmacs(r['macs'], r['median'])):>7s} {g(gbytes(r['bytes'], r['median'])):>6s}  {r['node']}")
    w("")
    classes = {}
    for r in rows:
        c = classes.setdefault(r["class"], {"layers": 0, "median": 0.0, "macs": 0, "bytes": 0})
        c["layers"] += 1
        c["median"] += r["median"]
        c["macs"] += r["macs"]
        c["bytes"] += r["bytes"]
    w(f"{'class':<18s} {'rows':>5s} {'median us':>10s} {'share':>7s} {'MACs':>13s} {'GMAC/s':>7s} "
      f"{'of ' + format(a.peak_gmacs, 'g') + ' peak':>12s} {'GB/s':>6s}")
    for cname, c in sorted(classes.items(), key=lambda kv: -kv[1]["median"]):
        rate = gmacs(c["macs"], c["median"])
        w(f"{cname:<18s} {c['layers']:>5d} {c['median']:>10.1f} {100 * c['median'] / sum_median:>6.1f}% "
          f"{c['macs']:>13,d} {g(rate):>7s} {('-' if rate is None else f'{100 * rate / a.peak_gmacs:.1f}%'):>12s} "
          f"{g(gbytes(c['bytes'], c['median'])):>6s}")
    total_macs = sum(r["macs"] for r in rows)
    w(f"{'all':<18s} {len(rows):>5d} {sum_median:>10.1f} {100.0:>6.1f}% {total_macs:>13,d} "
      f"{g(gmacs(total_macs, sum_median)):>7s} "
      f"{100 * gmacs(total_macs, sum_median) / a.peak_gmacs:>11.1f}%")
    w("")
    overhead = 100 * (instrumented["median"] / plain["median"] - 1)
    w(f"total:     sum of the rows' medians {sum_median / 1e3:.3f} ms; instrumented {name}_run "
      f"min {instrumented['min'] / 1e3:.3f} / median {instrumented['median'] / 1e3:.3f} ms; plain {name}_run "
      f"(no marks) min {plain['min'] / 1e3:.3f} / median {plain['median'] / 1e3:.3f} ms; "
      f"instrumentation overhead {overhead:+.1f}% at the median ({layer_count + 1} marks per run)")
    if instrumented["median"] > 1.1 * sum_median:
        w(f"           NOTE: the median run is {instrumented['median'] / sum_median - 1:.0%} longer than the sum "
          f"of the rows' medians: something else interrupted most runs in some layer (other load above); "
          f"the per-layer medians leave such outliers out, the run's median does not")
    print("\n".join(out), flush=True)

    if a.json:
        with open(a.json, "w") as f:
            json.dump({"model": model, "date": date, "command": command, "machine": mach,
                       "rounds": a.rounds, "runs": a.runs, "warmup": a.warmup, "mnc_args": a.mnc_args,
                       "cpu": cpu, "other_cpus_busy": other_cpus, "rows": rows, "classes": classes,
                       "instrumented_us": instrumented, "plain_us": plain,
                       "profile_rounds": [rr[0] for rr in rounds], "plain_rounds_us": plain_rounds},
                      f, indent=1)
    return 0


# ----------------------------------------------------------------------------- main
def main():
    a = parse_args(sys.argv[1:])
    if a.profile:
        return profile(a)

    model, compiler = model_and_compiler(a, ("taskset", "node", a.cc))
    node = shutil.which("node")
    if not os.path.isfile(ORT_PKG):
        die("onnxruntime-node is not installed in .deps/ort: run tools/scripts/setup.sh")

    allowed = sorted(os.sched_getaffinity(0))
    cpu_text = a.cpu if a.cpu is not None else ("0" if a.threads == 1 else f"0-{a.threads - 1}")
    cpus = parse_cpu_list(cpu_text)
    bad = [c for c in cpus if c not in allowed]
    if bad:
        die(f"--cpu {cpu_text}: CPU {bad[0]} is not available here (allowed: {allowed})")
    mnc_cpu = str(cpus[0])
    ort_cpus = ",".join(str(c) for c in cpus)

    stem = os.path.splitext(os.path.basename(model))[0]
    name = c_name(stem)
    upper = name.upper()
    work = os.path.abspath(a.work_dir or os.path.join(os.environ.get("TMPDIR", "/tmp"), "mnc-bench", name))
    os.makedirs(work, exist_ok=True)
    resolve_peak(a, work, mnc_cpu)
    lib = os.path.join(work, f"lib{name}.a")
    header = os.path.join(work, f"{name}.h")
    harness = os.path.join(work, f"bench_{name}")
    input_bin = os.path.join(work, "input.bin")
    mnc_out, ort_out = os.path.join(work, "mnc_out.bin"), os.path.join(work, "ort_out.bin")

    date = datetime.datetime.now().astimezone().isoformat(timespec="seconds")
    command = shlex.join([sys.argv[0]] + sys.argv[1:])
    load_start = loadavg()

    # 1. compile
    compile_cmd = [compiler, model, "-o", lib, "--name", name, "--report"] + a.mnc_args
    note(f"compiling: {shlex.join(compile_cmd)}")
    t0 = time.monotonic()
    r = run(compile_cmd, "mnc-compile")
    compile_s = time.monotonic() - t0
    report_text = r.stdout + r.stderr
    with open(os.path.join(work, "report.txt"), "w") as f:
        f.write(report_text)
    if not os.path.isfile(lib) or not os.path.isfile(header):
        die(f"mnc-compile did not write {lib} and {header}")

    with open(header) as f:
        htext = f.read()

    def hdefine(suffix, pattern=r"(\d+)"):
        m = re.search(rf"#define\s+{upper}_{suffix}\s+{pattern}", htext)
        return m.group(1) if m else None

    workspace = int(hdefine("WORKSPACE_SIZE") or -1)
    if workspace < 0:
        die(f"{header} lacks {upper}_WORKSPACE_SIZE")
    in_shape, io_flags = harness_io(header, name)
    # A library that takes a camera frame (--input-type uint8, --input-layout nhwc, --mean, --std):
    # its harness reads bytes, ONNX Runtime gets the normalized NCHW image.
    image = image_input(htext, upper)
    if image and image["uint8"]:
        io_flags = io_flags + ["-DMNC_INPUT_TYPE=uint8_t"]
    tm = re.search(r"Target:\s*(.*)", htext)
    target = tm.group(1).strip() if tm else "n/a"
    has_parallel = f"{name}_run_parallel" in htext
    lib_bytes = os.path.getsize(lib)

    # 2. harness (with the optional thread pool for NAME_run_parallel)
    parallel = a.threads > 1
    if parallel and not has_parallel:
        die(f"--threads {a.threads}: {header} declares no {name}_run_parallel")
    pool_flags = []
    if parallel:
        pool_obj = os.path.join(work, "mnc_threadpool.o")
        run([a.cc, "-std=c11", "-O2", "-pthread", "-c", "-I", RUNTIME_DIR,
             os.path.join(RUNTIME_DIR, "mnc_threadpool.c"), "-o", pool_obj], "building the thread pool")
        pool_flags = ["-DMNC_BENCH_THREADPOOL", "-I", RUNTIME_DIR, pool_obj, "-pthread"]
    cc_cmd = [a.cc, "-std=c99", "-O2", "-I", work, f"-DMNC_MODEL={name}", f"-DMNC_MODEL_UPPER={upper}",
              *io_flags, BENCH_MAIN] + pool_flags + [lib, "-lm", "-o", harness]
    note(f"building harness: {shlex.join(cc_cmd)}")
    run(cc_cmd, "building the harness")

    # 3. input
    ort_input_bin, model_shape = input_bin, in_shape
    if image:
        ort_input_bin = os.path.join(work, "input_nchw.bin")
        model_shape = write_image_inputs(image, in_shape, a.seed, input_bin, ort_input_bin)
    else:
        run([PY, MAKE_INPUT, "--shape", "x".join(map(str, in_shape)), "--seed", str(a.seed), input_bin],
            "make_input.py")

    # MACs (report, cross-checked with the ONNX graph)
    rep_exact, rep_total_m, rep_layers, rep_total_line = macs_from_report(report_text)
    onnx_macs, onnx_detail = macs_from_onnx(model, model_shape)
    if rep_exact is not None:
        macs, macs_src = rep_exact, "mnc-compile --report (sum of the per-layer column)"
    elif rep_total_m is not None:
        macs, macs_src = int(round(rep_total_m * 1e6)), "mnc-compile --report (total line, 0.1 M resolution)"
    elif onnx_macs is not None:
        macs, macs_src = onnx_macs, "ONNX graph (mnc-compile --report gave no total)"
    else:
        macs, macs_src = None, "unavailable"

    # 4. interleaved rounds
    mnc_cmd_base = ["taskset", "-c", mnc_cpu, harness, "--runs", str(a.runs), "--warmup", str(a.warmup),
                    "--input", input_bin]
    # With T threads: mnc's T-thread rounds are the comparison; its 1-thread rounds give the speed-up.
    mnc1_cmd = mnc_cmd_base
    if parallel:
        mnc_cmd_base = ["taskset", "-c", ort_cpus] + mnc_cmd_base[3:] + ["--threads", str(a.threads)]
    ort_cmd_base = ["taskset", "-c", ort_cpus, node, ORT_RUN, model, "--bench", str(a.runs),
                    "--warmup", str(a.warmup), "--threads", str(a.threads), "--opt", a.ort_opt,
                    "--input", ort_input_bin,
                    # the shape mnc-compiled (a model's dynamic dimensions fixed by --input-shape)
                    "--shape", "x".join(map(str, model_shape))]
    if parallel:
        note(f"mnc runs {name}_run_parallel with {a.threads} pool threads and ONNX Runtime "
             f"{a.threads} intra-op threads, both on CPUs {ort_cpus}; mnc's {name}_run on CPU {mnc_cpu} "
             f"for the speed-up")
    if a.threads > len(cpus):
        note(f"warning: {a.threads} threads share {len(cpus)} CPU(s) ({ort_cpus})")
    mnc_rounds, ort_rounds, mnc1_rounds = [], [], []
    j0, c0, t0 = cpu_jiffies(), children_cpu_s(), time.monotonic()
    bench_re = re.compile(r"bench: runs=(\d+) .*min_ms=([\d.]+) median_ms=([\d.]+) mean_ms=([\d.]+)")
    for i in range(a.rounds):
        cmd = mnc_cmd_base + (["--output", mnc_out] if i == 0 else [])
        r = run(cmd, f"mnc round {i + 1}")
        times = [float(l.split()[2]) for l in r.stdout.splitlines() if l.startswith("run ")]
        if len(times) != a.runs:
            die(f"mnc round {i + 1}: expected {a.runs} run lines, got {len(times)}:\n{r.stdout}")
        mnc_rounds.append(times)

        if parallel:
            r = run(mnc1_cmd, f"mnc 1-thread round {i + 1}")
            times1 = [float(l.split()[2]) for l in r.stdout.splitlines() if l.startswith("run ")]
            if len(times1) != a.runs:
                die(f"mnc 1-thread round {i + 1}: expected {a.runs} run lines, got {len(times1)}:\n{r.stdout}")
            mnc1_rounds.append(times1)

        cmd = ort_cmd_base + (["--output", ort_out] if i == 0 else [])
        r = run(cmd, f"ONNX Runtime round {i + 1}")
        m = bench_re.search(r.stdout)
        if not m:
            die(f"ONNX Runtime round {i + 1}: no 'bench:' line in:\n{r.stdout}")
        ort_rounds.append({"runs": int(m.group(1)), "min": float(m.group(2)),
                           "median": float(m.group(3)), "mean": float(m.group(4))})
        note(f"round {i + 1:2d}/{a.rounds}: mnc median {median(times):9.3f} ms | "
             f"ORT median {ort_rounds[-1]['median']:7.3f} ms"
             + (f" | mnc 1 thread median {median(mnc1_rounds[-1]):9.3f} ms" if parallel else ""))

    # CPU time spent by anything other than this benchmark's rounds, averaged over their wall time.
    j1, c1, t1 = cpu_jiffies(), children_cpu_s(), time.monotonic()
    other_cpus = steal = None
    if j0 and j1 and t1 > t0:
        hz = os.sysconf("SC_CLK_TCK")
        other_cpus = max(0.0, ((j1[0] - j0[0]) / hz - (c1 - c0)) / (t1 - t0))
        steal = (j1[1] - j0[1]) / max(1, j1[2] - j0[2])

    # 5. output check (round 1's outputs)
    cr = subprocess.run([PY, COMPARE, mnc_out, ort_out], capture_output=True, text=True)
    check_line = " ".join(cr.stdout.split("\n")[0:1]).strip()
    check_ok = cr.returncode == 0
    load_end = loadavg()

    # 6. statistics
    mnc_all = [t for rr in mnc_rounds for t in rr]
    mnc = {
        "min": min(mnc_all), "median_all": median(mnc_all),
        "median_of_round_medians": median([median(rr) for rr in mnc_rounds]),
        "mean": statistics.fmean(mnc_all),
    }
    ort_runs_total = sum(o["runs"] for o in ort_rounds)
    ort = {
        "min": min(o["min"] for o in ort_rounds), "median_all": None,
        "median_of_round_medians": median([o["median"] for o in ort_rounds]),
        "mean": sum(o["mean"] * o["runs"] for o in ort_rounds) / ort_runs_total,
    }
    paired = [median(rr) / o["median"] for rr, o in zip(mnc_rounds, ort_rounds)]
    ratio_median = mnc["median_of_round_medians"] / ort["median_of_round_medians"]
    ratio_min = mnc["min"] / ort["min"]

    def gmacs(ms):
        return macs / (ms * 1e-3) / 1e9 if macs else None

    mach = machine_info()
    vers = tool_versions(a.cc, node)

    # ------------------------------------------------------------------ report
    def f3(x):
        return "n/a" if x is None else f"{x:.3f}"

    def g(x):
        return "n/a" if x is None else f"{x:.1f}"

    def pct(x, peak):
        return "n/a" if x is None else f"{100 * x / peak:.1f}%"

    out = []
    w = out.append
    w(f"== mnc vs ONNX Runtime: {os.path.basename(model)}")
    w(f"date:      {date}")
    w(f"command:   {command}")
    w(f"machine:   {mach['cpu_model']}, {mach['logical_cpus']} logical CPUs "
      f"(allowed {','.join(map(str, mach['allowed_cpus']))}), {mach['simd']}, Linux {mach['kernel']}")
    w(f"load avg:  {load_start} at start, {load_end} at end (1/5/15 min, including this benchmark's own compile and runs)")
    if other_cpus is not None:
        w(f"other load: {other_cpus:.2f} CPUs busy on average with work other than this benchmark during the "
          f"rounds (of {mach['logical_cpus']}; /proc/stat minus this benchmark's own CPU time), steal {steal:.1%}")
        if other_cpus >= 0.2:
            w("           WARNING: the machine was not idle: absolute times are inflated (more so when the busy "
              "vCPU shares a physical core); the interleaved ratios stay comparable")
    w(f"versions:  repo HEAD {vers['mnc_git']} (the compiler binary may be older: see its build time), onnxruntime-node {vers['onnxruntime_node']} (node {vers['node']}), "
      f"harness cc: {vers['cc']}")
    built = datetime.datetime.fromtimestamp(os.path.getmtime(compiler)).astimezone().isoformat(timespec="seconds")
    w(f"compiler:  {compiler}{' ' + shlex.join(a.mnc_args) if a.mnc_args else ''} "
      f"(built {built}; compile took {compile_s:.1f} s; target {target})")
    w(f"rounds:    {a.rounds} interleaved (mnc round, then ORT round), {a.runs} timed runs each after "
      f"{a.warmup} warmup runs, fresh process per round")
    if parallel:
        w(f"threads:   mnc {a.threads} ({name}_run_parallel, mnc_threadpool; pinned: taskset -c {ort_cpus}), "
          f"and 1 ({name}_run, pinned: taskset -c {mnc_cpu}) for the speed-up; ONNX Runtime {a.threads} "
          f"intra-op (pinned: taskset -c {ort_cpus}), graph optimization '{a.ort_opt}'")
    else:
        w(f"threads:   mnc 1 (pinned: taskset -c {mnc_cpu}); ONNX Runtime {a.threads} intra-op "
          f"(pinned: taskset -c {ort_cpus}), graph optimization '{a.ort_opt}'")
    if image:
        w(f"input:     {'x'.join(map(str, in_shape))} {'uint8' if image['uint8'] else 'float32'} "
          f"{'NHWC' if image['nhwc'] else 'NCHW'} frame for mnc, seed {a.seed}; ONNX Runtime gets the "
          f"normalized {'x'.join(map(str, model_shape))} float32 image (mean {image['mean']}, "
          f"std {image['std']})")
    else:
        w(f"input:     {'x'.join(map(str, in_shape))} float32, make_input.py --seed {a.seed} (same file for both)")
    w(f"output:    {'OK' if check_ok else 'MISMATCH'}: mnc vs ORT, round 1: {check_line}")
    w("")
    w(f"MACs:      {macs / 1e6:.2f} M from {macs_src}" if macs else f"MACs:      unavailable")
    if rep_total_line:
        w(f"           report: {rep_total_line}")
    if onnx_macs is not None:
        agree = abs(onnx_macs - macs) / macs if macs else None
        verdict = ("agrees" if agree is not None and agree < 0.005 else "DISAGREES") if agree is not None else ""
        w(f"           ONNX graph ({onnx_detail}, onnx shape inference): {onnx_macs / 1e6:.2f} M — {verdict}"
          + (f" ({100 * agree:.2f}% apart)" if agree is not None else ""))
    else:
        w(f"           ONNX graph count: n/a ({onnx_detail})")
    w(f"workspace: {workspace} bytes ({workspace / 2**20:.2f} MiB), {upper}_WORKSPACE_SIZE in {name}.h")
    w(f"library:   {lib_bytes} bytes ({lib_bytes / 2**20:.2f} MiB), lib{name}.a (weights compiled in)")
    w("")
    ort_peak = a.peak_gmacs * min(a.threads, len(cpus))
    hdr = f"{'':28s}{'mnc':>14s}{'ONNX Runtime':>16s}{'mnc/ORT':>10s}"
    w(hdr)
    w(f"{'min ms (all runs)':28s}{f3(mnc['min']):>14s}{f3(ort['min']):>16s}{ratio_min:>10.2f}")
    w(f"{'median ms (all runs)':28s}{f3(mnc['median_all']):>14s}{'n/a [1]':>16s}{'':>10s}")
    w(f"{'median of round medians ms':28s}{f3(mnc['median_of_round_medians']):>14s}"
      f"{f3(ort['median_of_round_medians']):>16s}{ratio_median:>10.2f}")
    w(f"{'mean ms (all runs)':28s}{f3(mnc['mean']):>14s}{f3(ort['mean']):>16s}"
      f"{mnc['mean'] / ort['mean']:>10.2f}")
    w(f"{'GMAC/s at min':28s}{g(gmacs(mnc['min'])):>14s}{g(gmacs(ort['min'])):>16s}")
    w(f"{'GMAC/s at median [2]':28s}{g(gmacs(mnc['median_of_round_medians'])):>14s}"
      f"{g(gmacs(ort['median_of_round_medians'])):>16s}")
    w(f"{'fraction of peak at min [3]':28s}{pct(gmacs(mnc['min']), ort_peak if parallel else a.peak_gmacs):>14s}"
      f"{pct(gmacs(ort['min']), ort_peak):>16s}")
    w(f"{'runs timed':28s}{len(mnc_all):>14d}{ort_runs_total:>16d}")
    w(f"per-round ratio mnc/ORT (median of round medians, paired): median {median(paired):.2f}, "
      f"range {min(paired):.2f}..{max(paired):.2f}")
    speedup = None
    if parallel:
        mnc1_all = [t for rr in mnc1_rounds for t in rr]
        mnc1_med = median([median(rr) for rr in mnc1_rounds])
        paired_speedup = [median(r1) / median(rt) for r1, rt in zip(mnc1_rounds, mnc_rounds)]
        speedup = {"min": min(mnc1_all) / mnc["min"], "median": mnc1_med / mnc["median_of_round_medians"],
                   "mnc_1thread_min": min(mnc1_all), "mnc_1thread_median_of_round_medians": mnc1_med,
                   "paired": paired_speedup}
        w(f"mnc 1 thread ({name}_run): min {min(mnc1_all):.3f} ms, median of round medians {mnc1_med:.3f} ms; "
          f"speed-up with {a.threads} threads: {speedup['min']:.2f}x at min, {speedup['median']:.2f}x at median "
          f"(per round: median {median(paired_speedup):.2f}, range {min(paired_speedup):.2f}.."
          f"{max(paired_speedup):.2f})")
    w("")
    w(f"{'round':>5s}  {'mnc min':>10s} {'mnc med':>10s}  {'ORT min':>9s} {'ORT med':>9s}  {'ratio':>7s}")
    for i, (rr, o) in enumerate(zip(mnc_rounds, ort_rounds)):
        w(f"{i + 1:>5d}  {min(rr):>10.3f} {median(rr):>10.3f}  {o['min']:>9.3f} {o['median']:>9.3f}  "
          f"{paired[i]:>7.2f}")
    w("")
    w("[1] test/lib/ort_run.js --bench prints per-round min/median/mean only; ORT's median over all runs is "
      "not available (its min over all runs is exact).")
    w("[2] median of per-round medians (the same statistic for both runtimes).")
    w(f"[3] peak {a.peak_gmacs:g} GMAC/s per core ({a.peak_source}); ORT's fraction is of "
      f"{ort_peak:g} ({min(a.threads, len(cpus))} core(s))"
      + (", and so is mnc's." if parallel else "."))
    w("    mnc times: NAME_run wall time in C (CLOCK_MONOTONIC); ORT times: session.run() wall time in node "
      "(includes the JS binding's small per-call overhead).")
    print("\n".join(out), flush=True)

    if a.json:
        with open(a.json, "w") as f:
            json.dump({
                "model": model, "date": date, "command": command, "machine": mach, "versions": vers,
                "load_avg": [load_start, load_end], "other_cpus_busy": other_cpus, "steal": steal,
                "threads": a.threads, "cpus": cpu_text,
                "rounds": a.rounds, "runs": a.runs, "warmup": a.warmup, "mnc_args": a.mnc_args,
                "macs": macs, "macs_source": macs_src, "macs_onnx": onnx_macs,
                "workspace_bytes": workspace, "library_bytes": lib_bytes, "output_check": check_line,
                "mnc": mnc, "ort": ort, "ratio_min": ratio_min, "ratio_median": ratio_median,
                "mnc_rounds_ms": mnc_rounds, "ort_rounds": ort_rounds, "paired_ratios": paired,
                "mnc_1thread_rounds_ms": mnc1_rounds if parallel else None, "speedup": speedup,
            }, f, indent=1)
    return 0 if check_ok else 3


if __name__ == "__main__":
    sys.exit(main())
