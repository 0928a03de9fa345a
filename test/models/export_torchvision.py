#!/usr/bin/python3
"""Export seeded, randomly initialised torchvision MobileNetV3 models to ONNX.

Usage:
    /usr/bin/python3 test/models/export_torchvision.py --out-dir DIR [--only NAME ...]

No pretrained weights are used (there is no network).  Every model is built
from a fixed seed, its weights are re-initialised randomly, and every
BatchNorm gets random gamma/beta and random running statistics.  The running
statistics are first calibrated on a seeded random batch (so the network stays
numerically healthy through ~60 layers) and then randomly perturbed, so that
BN folding in the compiler is really exercised.

For each model the script prints the op histogram, the wall time of building +
exporting, and the spread (std / mean / max-abs) of the 1000 logits computed
by torch on a seeded random input.  Output files are byte-identical from run
to run.  See test/models/README.md for the list of models.
"""

import argparse
import collections
import hashlib
import io
import os
import sys
import time
import warnings

import numpy as np
import onnx
import onnx.helper
import onnx.numpy_helper
import torch
import torchvision

INPUT_NAME = "input"
OUTPUT_NAME = "logits"
INPUT_SEED = 1234  # seed of the random input used to print the logits spread


class Spec:
    def __init__(self, name, arch, opset, seed, hw=224, bn=False, dyn=False,
                 derive=None):
        self.name = name      # file stem
        self.arch = arch      # "large" | "small"
        self.opset = opset    # torch export opset (or final opset if derived)
        self.seed = seed      # torch.manual_seed for weights
        self.hw = hw          # input height = width
        self.bn = bn          # keep BatchNormalization nodes
        self.dyn = dyn        # dynamic batch dimension
        self.derive = derive  # name of the model this one is derived from


SPECS = [
    Spec("mnv3_large_op11", "large", 11, seed=101),
    Spec("mnv3_large_op13", "large", 13, seed=102),
    Spec("mnv3_large_op14", "large", 14, seed=103),
    Spec("mnv3_large_op17", "large", 17, seed=104),
    Spec("mnv3_small_op11", "small", 11, seed=201),
    Spec("mnv3_small_op13", "small", 13, seed=202),
    Spec("mnv3_small_op14", "small", 14, seed=203),
    Spec("mnv3_small_op17", "small", 17, seed=204),
    Spec("mnv3_small_op13_bn", "small", 13, seed=205, bn=True),
    Spec("mnv3_large_op13_bn", "large", 13, seed=105, bn=True),
    Spec("mnv3_large_op13_160", "large", 13, seed=106, hw=160),
    Spec("mnv3_small_op17_dyn", "small", 17, seed=206, dyn=True),
    # Hand-made opset 18 form of mnv3_small_op17 (same weights).
    Spec("mnv3_small_op18", "small", 18, seed=204, derive="mnv3_small_op17"),
]
SPEC_BY_NAME = {s.name: s for s in SPECS}


# ---------------------------------------------------------------- weights ---

def _round_mantissa(t, bits=12):
    """Round float32 values to `bits` mantissa bits.

    Calibrated statistics come out of float reductions whose last bits could in
    principle depend on threading; rounding them keeps the exported bytes
    stable."""
    a = t.detach().numpy().astype(np.float64)
    m, e = np.frexp(a)
    m = np.round(m * (1 << bits)) / (1 << bits)
    return torch.from_numpy(np.ldexp(m, e).astype(np.float32))


def randomize_weights(model, calibrate):
    """Seeded random, healthy weights for `model` (the caller seeds torch).

    Conv weights are He-normal, Linear weights have a larger gain, BatchNorm
    gets random gamma/beta and running statistics that are first calibrated by
    `calibrate()` (one forward pass of the model in train mode, on a seeded
    batch) and then randomised.  Leaves the model in eval mode."""
    bns = []
    with torch.no_grad():
        for m in model.modules():
            if isinstance(m, torch.nn.Conv2d):
                fan_in = m.in_channels // m.groups * m.kernel_size[0] * m.kernel_size[1]
                m.weight.normal_(0.0, (2.0 / fan_in) ** 0.5)
                if m.bias is not None:
                    m.bias.uniform_(-0.2, 0.2)
            elif isinstance(m, torch.nn.Linear):
                # Larger gain than He init: the pooled features have a small
                # spread, and the logits should spread well above float noise.
                m.weight.normal_(0.0, 3.0 / m.in_features ** 0.5)
                m.bias.uniform_(-0.2, 0.2)
            elif isinstance(m, torch.nn.BatchNorm2d):
                m.weight.uniform_(0.5, 1.5)
                m.bias.uniform_(-0.5, 0.5)
                bns.append(m)

        # Calibrate running stats on a seeded batch (cumulative average), so the
        # eval-mode network stays normalised layer after layer.
        for m in bns:
            m.reset_running_stats()
            m.momentum = None
        model.train()
        calibrate()
        model.eval()

        # Randomise the calibrated statistics.
        for m in bns:
            m.momentum = 0.1
            std = m.running_var.clamp_min(1e-4).sqrt()
            mean = m.running_mean + 0.2 * std * torch.randn_like(std)
            var = m.running_var.clamp_min(1e-4) * torch.empty_like(std).uniform_(0.5, 2.0)
            m.running_mean.copy_(_round_mantissa(mean))
            m.running_var.copy_(_round_mantissa(var))
    model.eval()


def build_model(spec):
    """Seeded torchvision MobileNetV3 with random, healthy weights (eval mode)."""
    torch.manual_seed(spec.seed)
    ctor = {"large": torchvision.models.mobilenet_v3_large,
            "small": torchvision.models.mobilenet_v3_small}[spec.arch]
    model = ctor(weights=None, num_classes=1000)
    randomize_weights(model, lambda: model(torch.randn(4, 3, spec.hw, spec.hw)))
    return model


def logits_stats(model, hw):
    g = torch.Generator().manual_seed(INPUT_SEED)
    x = torch.randn(1, 3, hw, hw, generator=g)
    with torch.no_grad():
        y = model(x).double()
    finite = bool(torch.isfinite(y).all())
    return dict(std=float(y.std()), mean=float(y.mean()),
                maxabs=float(y.abs().max()), finite=finite)


# ----------------------------------------------------------------- export ---

def export(model, spec):
    x = torch.zeros(1, 3, spec.hw, spec.hw)
    kwargs = dict(opset_version=spec.opset, input_names=[INPUT_NAME],
                  output_names=[OUTPUT_NAME], do_constant_folding=True)
    if spec.bn:
        # PRESERVE on an eval-mode model exports inference semantics but skips
        # the eval peephole pass that folds BatchNormalization into Conv.
        kwargs["training"] = torch.onnx.TrainingMode.PRESERVE
        kwargs["do_constant_folding"] = False
    if spec.dyn:
        kwargs["dynamic_axes"] = {INPUT_NAME: {0: "batch"}, OUTPUT_NAME: {0: "batch"}}
    buf = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        torch.onnx.export(model, x, buf, **kwargs)
    return onnx.load_from_string(buf.getvalue())


def to_opset18(m17):
    """Opset-17 model -> opset 18: GlobalAveragePool becomes ReduceMean with
    axes [2, 3] given as a second input (int64 initializer), keepdims=1."""
    m = onnx.ModelProto()
    m.CopyFrom(m17)
    for op in m.opset_import:
        if op.domain in ("", "ai.onnx"):
            op.version = 18
    g = m.graph
    axes_name = "reducemean_axes_2_3"
    g.initializer.append(onnx.numpy_helper.from_array(
        np.array([2, 3], dtype=np.int64), axes_name))
    nodes = []
    for n in g.node:
        if n.op_type == "GlobalAveragePool":
            assert not n.attribute and n.domain in ("", "ai.onnx")
            n = onnx.helper.make_node(
                "ReduceMean", [n.input[0], axes_name], list(n.output),
                name=n.name.replace("GlobalAveragePool", "ReduceMean"), keepdims=1)
        nodes.append(n)
    del g.node[:]
    g.node.extend(nodes)
    return m


# ------------------------------------------------------------------ report ---

def histogram(model):
    return collections.Counter(n.op_type for n in model.graph.node)


def shape_of(vi):
    dims = []
    for d in vi.type.tensor_type.shape.dim:
        dims.append(d.dim_param if d.dim_param else str(d.dim_value))
    return "x".join(dims)


def opset_of(model):
    return [o.version for o in model.opset_import if o.domain in ("", "ai.onnx")][0]


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out-dir", required=True)
    ap.add_argument("--only", nargs="+", metavar="NAME", choices=list(SPEC_BY_NAME),
                    type=lambda n: n[:-5] if n.endswith(".onnx") else n,
                    help="export only these models (names without .onnx)")
    args = ap.parse_args(argv)
    os.makedirs(args.out_dir, exist_ok=True)

    wanted = set(args.only or SPEC_BY_NAME)
    built = {}  # name -> (onnx model, stats), for derived models
    t_all = time.time()
    for spec in SPECS:
        if spec.name not in wanted:
            continue
        t0 = time.time()
        if spec.derive:
            base = SPEC_BY_NAME[spec.derive]
            if base.name not in built:
                model = build_model(base)
                built[base.name] = (export(model, base), logits_stats(model, base.hw))
            m, stats = built[base.name]
            m = to_opset18(m)
        else:
            model = build_model(spec)
            stats = logits_stats(model, spec.hw)
            m = export(model, spec)
            built[spec.name] = (m, stats)
        data = m.SerializeToString()
        path = os.path.join(args.out_dir, spec.name + ".onnx")
        with open(path, "wb") as f:
            f.write(data)
        dt = time.time() - t0

        ok = stats["finite"] and 0.5 <= stats["std"] <= 50.0
        hist = histogram(m)
        print(f"{spec.name}.onnx  opset {opset_of(m)}  seed {spec.seed}  "
              f"{len(data)} bytes  sha256 {hashlib.sha256(data).hexdigest()[:16]}  "
              f"{dt:.1f} s")
        print(f"  input  {m.graph.input[0].name} {shape_of(m.graph.input[0])}   "
              f"output {m.graph.output[0].name} {shape_of(m.graph.output[0])}")
        print(f"  logits std {stats['std']:.3f}  mean {stats['mean']:.3f}  "
              f"max-abs {stats['maxabs']:.3f}  {'ok' if ok else 'UNHEALTHY'}")
        print("  ops " + ", ".join(f"{k} {v}" for k, v in sorted(hist.items()))
              + f"  (total {sum(hist.values())})")
        sys.stdout.flush()
        if not ok:
            print(f"error: {spec.name}: unhealthy logits", file=sys.stderr)
            return 1
    print(f"total {time.time() - t_all:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
