#!/usr/bin/python3
"""Checks that a refactoring changed nothing the user can see: same code, same bits.

    tools/scripts/check-identity.py --base REV [--compiler build/bin/mnc-compile]
        [--models build/test/models] [--only NAME ...] [--targets znver4 ...]
        [--work-dir /tmp/mnc-identity] [--jobs 2]

For every test model (`mnc-test-models`, which includes the demo's model) and every
pinned target, compiles the model with the compiler built from git revision REV (built
once into WORK/base-SHA; `--base-compiler PATH` skips that) and with the current one,
and checks:
  - `llvm-diff-19` between the two `--emit=llvm-ir` outputs finds no difference in any
    function (the kernels, the tasks and the entry wrappers) nor in global variables; the
    weights' large constant arrays are compared by content hash instead (llvm-diff of
    150 MB of float text takes minutes), under whatever names;
  - the two libraries, linked with test/lib/run_model.c and run on the same seeded input
    (natively, or under qemu-aarch64), write bit-identical outputs;
  - for bare-metal targets, which cannot run here, the two object files are identical
    byte for byte.

Targets (name: mnc-compile options, how it runs):
  znver4:      --mcpu znver4                                   native
  rocketlake:  --mcpu rocketlake                               native (when the CPU has its features)
  avx2:        --mattr=-avx512f                                native
  a76:         --target aarch64-linux-gnu --mcpu cortex-a76    qemu-aarch64
  baremetal:   --target aarch64-none-elf                       object bytes only

The base revision's results are cached under WORK/cache/HASH (keyed by the base compiler
binary's hash), so a second check against the same base compiles only the new side;
`--base-only` fills that cache ahead of time.
Prints one line per (model, target) and a summary; exits 1 on any difference.
"""

import argparse
import concurrent.futures
import hashlib
import os
import re
import shutil
import subprocess
import sys

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
RUN_MODEL = os.path.join(REPO, "test", "lib", "run_model.c")
HARNESS_DIR = os.path.join(REPO, "tools", "bench")

TARGETS = {
    "znver4": (["--mcpu", "znver4"], "native"),
    "rocketlake": (["--mcpu", "rocketlake"], "native-rocketlake"),
    "avx2": (["--mattr=-avx512f"], "native"),
    "a76": (["--target", "aarch64-linux-gnu", "--mcpu", "cortex-a76"], "qemu"),
    "baremetal": (["--target", "aarch64-none-elf"], "object"),
}
# Rocket Lake's AVX-512 subsets; a host without one of them cannot run its code.
ROCKETLAKE_FLAGS = {"avx512f", "avx512bw", "avx512dq", "avx512vl", "avx512cd", "avx512_vnni",
                    "avx512vbmi", "avx512_vbmi2", "avx512ifma", "avx512_bitalg",
                    "avx512_vpopcntdq", "gfni", "vaes", "vpclmulqdq"}
# Models whose graph input has a dynamic dimension.
EXTRA_ARGS = {"mnv3_small_op17_dyn": ["--input-shape", "1x3x224x224"]}


def run(cmd, **kwargs):
    result = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            **kwargs)
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} exited {result.returncode}:\n{result.stdout[-4000:]}")
    return result.stdout


def sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def host_runs_rocketlake():
    with open("/proc/cpuinfo") as f:
        flags = set(re.search(r"^flags\s*:(.*)$", f.read(), re.M).group(1).split())
    return ROCKETLAKE_FLAGS <= flags


def build_base(rev, work):
    sha = run(["git", "-C", REPO, "rev-parse", "--verify", rev + "^{commit}"]).strip()
    src = os.path.join(work, f"base-{sha[:12]}")
    if not os.path.isdir(src):
        run(["git", "-C", REPO, "worktree", "add", "--detach", src, sha])
    compiler = os.path.join(src, "build", "bin", "mnc-compile")
    print(f"identity: building base {sha[:12]} in {src}", flush=True)
    subprocess.run(["bash", os.path.join(src, "tools", "scripts", "build.sh"), "mnc-compile"],
                   check=True, stdout=subprocess.DEVNULL)
    return compiler


def compile_side(compiler, model, target, out_dir):
    """Compiles `model` for `target` into out_dir: model.ll, and libmodel.a or model.o."""
    os.makedirs(out_dir, exist_ok=True)
    name = os.path.splitext(os.path.basename(model))[0]
    args, how = TARGETS[target]
    args = args + EXTRA_ARGS.get(name, []) + ["--name", "model"]
    ll = os.path.join(out_dir, "model.full.ll")
    run([compiler, model, "--emit=llvm-ir", "-o", ll] + args)
    strip_constants(ll, os.path.join(out_dir, "model.ll"), os.path.join(out_dir, "constants.txt"))
    os.remove(ll)
    if how == "object":
        run([compiler, model, "--emit=obj", "-o", os.path.join(out_dir, "model.o")] + args)
    else:
        run([compiler, model, "-o", os.path.join(out_dir, "libmodel.a")] + args)


# A global whose initializer is a large array: the weights.
LARGE_CONSTANT = re.compile(r"^(@\S+ = .*?constant )(\[\d+ x \w+\]) (\[.*\]|c\".*\")$")


def strip_constants(full_ll, stripped_ll, constants_txt):
    """Writes full_ll without the weights' initializers (llvm-diff of 150 MB of float text
    takes minutes and gigabytes) and, one line each, every stripped global's name, type and
    the SHA-256 of its initializer, so that the weights are still compared."""
    with open(full_ll) as src, open(stripped_ll, "w") as out, open(constants_txt, "w") as consts:
        for line in src:
            m = LARGE_CONSTANT.match(line) if len(line) > 4096 else None
            if m:
                name = line.split(" ", 1)[0]
                digest = hashlib.sha256(m.group(3).encode()).hexdigest()
                consts.write(f"{name} {m.group(2)} {digest}\n")
                line = f"{m.group(1)}{m.group(2)} zeroinitializer\n"
            out.write(line)


def compare_constants(old_txt, new_txt):
    """The weights are equal when the same (type, content) pairs exist on both sides, under
    whatever names."""
    def load(path):
        with open(path) as f:
            return sorted(tuple(line.split()[1:]) for line in f)
    return load(old_txt) == load(new_txt)


def run_side(out_dir, how, input_path):
    """Links run_model.c against out_dir's library, runs it, returns the output's bytes."""
    if how == "qemu":
        cc, runner = ["aarch64-linux-gnu-gcc", "-static", "-fno-tree-vectorize"], ["qemu-aarch64"]
    else:
        cc, runner = ["cc"], []
    exe = os.path.join(out_dir, "run")
    run(cc + ["-std=c99", "-O2", "-I", out_dir, "-I", HARNESS_DIR, "-DMNC_MODEL=model",
              "-DMNC_MODEL_UPPER=MODEL", RUN_MODEL, os.path.join(out_dir, "libmodel.a"), "-lm",
              "-o", exe])
    output = os.path.join(out_dir, "output.bin")
    run(runner + [exe, input_path, output])
    with open(output, "rb") as f:
        return f.read()


def input_for(out_dir, seed=7):
    """A seeded input of the size the generated header declares."""
    with open(os.path.join(out_dir, "model.h")) as header:
        size = int(re.search(r"^#define MODEL_INPUT_SIZE (\d+)", header.read(), re.M).group(1))
    path = os.path.join(out_dir, "input.bin")
    import numpy as np
    np.random.default_rng(seed).uniform(-1.0, 1.0, size).astype("<f4").tofile(path)
    return path


def llvm_diff(old_ll, new_ll):
    """Differences llvm-diff reports, as (functions, globals) lists of names."""
    result = subprocess.run(["llvm-diff-19", old_ll, new_ll], stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)
    functions, others = [], []
    for line in result.stdout.splitlines():
        m = re.match(r"in function (\S+):", line)
        if m:
            functions.append(m.group(1))
        elif line.strip() and not line.startswith(" "):
            others.append(line.strip())
    if result.returncode != 0 and not functions and not others:
        others.append(result.stdout.strip()[:200] or f"llvm-diff exited {result.returncode}")
    return functions, others


def check(model, target, base_compiler, new_compiler, cache, work, can_rocketlake):
    name = os.path.splitext(os.path.basename(model))[0]
    how = TARGETS[target][1]
    old_dir = os.path.join(cache, name, target)
    new_dir = os.path.join(work, "new", name, target)
    if not os.path.exists(os.path.join(old_dir, ".done")):
        shutil.rmtree(old_dir, ignore_errors=True)
        compile_side(base_compiler, model, target, old_dir)
        open(os.path.join(old_dir, ".done"), "w").close()
    if new_compiler is None:
        return name, target, [], [], "base compiled and cached"
    shutil.rmtree(new_dir, ignore_errors=True)
    compile_side(new_compiler, model, target, new_dir)

    problems, notes = [], []
    functions, others = llvm_diff(os.path.join(old_dir, "model.ll"),
                                  os.path.join(new_dir, "model.ll"))
    if functions:
        problems.append("llvm-diff: functions differ: " + ", ".join(functions[:8]))
    if others:
        problems.append("llvm-diff: " + "; ".join(others[:4]))
    if not compare_constants(os.path.join(old_dir, "constants.txt"),
                             os.path.join(new_dir, "constants.txt")):
        problems.append("the weights' constant arrays differ")

    if how == "object":
        if sha256(os.path.join(old_dir, "model.o")) != sha256(os.path.join(new_dir, "model.o")):
            problems.append("object files differ")
        verdict = "object identical" if not problems else ""
    elif how == "native-rocketlake" and not can_rocketlake:
        notes.append("not run: this CPU lacks Rocket Lake's AVX-512 subsets")
        verdict = "IR compared only"
    else:
        input_path = input_for(new_dir)
        old_out = run_side(old_dir, "qemu" if how == "qemu" else "native", input_path)
        new_out = run_side(new_dir, "qemu" if how == "qemu" else "native", input_path)
        if old_out != new_out:
            problems.append(f"outputs differ ({len(old_out)} vs {len(new_out)} bytes)")
        verdict = f"outputs bit-identical ({len(new_out) // 4} floats)"
    return name, target, problems, notes, verdict


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--base", help="git revision to compare against (built into WORK)")
    p.add_argument("--base-compiler", help="an mnc-compile built from the base revision")
    p.add_argument("--compiler", default=os.path.join(REPO, "build", "bin", "mnc-compile"))
    p.add_argument("--models", default=os.path.join(REPO, "build", "test", "models"))
    p.add_argument("--only", nargs="*", help="model names (file stems) to check")
    p.add_argument("--targets", nargs="*", choices=sorted(TARGETS), default=list(TARGETS))
    p.add_argument("--work-dir", default="/tmp/mnc-identity")
    p.add_argument("--jobs", type=int, default=2)
    p.add_argument("--base-only", action="store_true",
                   help="only compile the base side into the cache (e.g. while the new "
                        "compiler is still being written)")
    a = p.parse_args()
    if not a.base and not a.base_compiler:
        p.error("give --base REV or --base-compiler PATH")

    work = os.path.abspath(a.work_dir)
    os.makedirs(work, exist_ok=True)
    base_compiler = a.base_compiler or build_base(a.base, work)
    cache = os.path.join(work, "cache", sha256(base_compiler)[:16])
    models = sorted(os.path.join(a.models, f) for f in os.listdir(a.models) if f.endswith(".onnx"))
    if a.only:
        models = [m for m in models if os.path.splitext(os.path.basename(m))[0] in a.only]
    if not models:
        sys.exit(f"identity: no models in {a.models} (build the mnc-test-models target)")
    can_rocketlake = host_runs_rocketlake()
    print(f"identity: {len(models)} models x {len(a.targets)} targets; base {base_compiler}; "
          f"new {a.compiler}", flush=True)

    failures = 0
    with concurrent.futures.ThreadPoolExecutor(a.jobs) as pool:
        new_compiler = None if a.base_only else a.compiler
        jobs = [pool.submit(check, m, t, base_compiler, new_compiler, cache, work, can_rocketlake)
                for m in models for t in a.targets]
        for job in jobs:
            try:
                name, target, problems, notes, verdict = job.result()
            except RuntimeError as error:
                failures += 1
                print(f"FAIL  {error}", flush=True)
                continue
            failures += bool(problems)
            status = "FAIL" if problems else "ok  "
            detail = "; ".join(problems) if problems else "; ".join([verdict] + notes)
            print(f"{status}  {name:28} {target:10}  {detail}", flush=True)
    print(f"identity: {len(jobs) - failures} identical, {failures} different")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
