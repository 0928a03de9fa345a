#!/usr/bin/python3
"""Export seeded torchvision networks built on MobileNetV3 (segmentation, detection) to ONNX.

Usage:
    /usr/bin/python3 test/models/export_applications.py --out-dir DIR [--only NAME ...]

The applications of issue 14 as torchvision 0.14 defines them, with the
weights of export_torchvision.randomize_weights (seeded He-normal convs, BN
statistics calibrated on a seeded batch and then randomised):

  - LR-ASPP (`lraspp_mobilenet_v3_large`, 21 classes): dilated backbone, a
    sigmoid attention branch over a global average pool, bilinear Resize of the
    head to the low-level features and to the input size; output `out`.
  - DeepLabV3 (`deeplabv3_mobilenet_v3_large`, 21 classes, aux_loss=True):
    ASPP with dilated 3x3 convs (rates 12, 24, 36), a global-pooling branch
    resized back, Concat of five branches, plus the FCN aux head; outputs `out`
    and `aux`, both bilinearly resized to the input size.
  - SSDLite (`ssdlite320_mobilenet_v3_large`, 91 classes) up to its head:
    backbone + extra blocks + SSDLite head; outputs `bbox_regression`
    [1, anchors, 4] and `cls_logits` [1, anchors, 91] made by Reshape /
    Transpose / Concat chains.  The box decoding, score threshold and NMS of
    torchvision's postprocess_detections are not part of the network
    (runtime/mnc_detect.h does them in C).

Each model comes at its usual size and at a reduced one that the AArch64
tests run under qemu; the segmentation models also at a resolution that is not
a multiple of 32.  For every model the script prints the op histogram, which
must equal the one written in SPECS below (exit 1 otherwise, so a generator
cannot quietly shrink), the sha256 prefix and the spread of each output
computed by torch.  Output files are byte-identical from run to run.
"""

import argparse
import hashlib
import io
import os
import sys
import time
import warnings

import onnx
import torch
from torchvision.models import detection, segmentation

from export_torchvision import histogram, opset_of, randomize_weights, shape_of

INPUT_NAME = "input"
INPUT_SEED = 1234  # seed of the input used to print the outputs' spread

# Op histograms of the exports (torch 1.13.1, torchvision 0.14.1).  Shape /
# Slice / Concat compute the Resize sizes from the input's shape; from opset 14
# on torch writes h-swish as HardSwish instead of HardSigmoid + Mul.
def ops_at(opset, common, hardswish):
    """`common` (every op but h-swish) plus `hardswish` h-swish layers as
    torch writes them at `opset`."""
    ops = dict(common)
    if opset < 14:
        ops["HardSigmoid"] += hardswish
        ops["Mul"] += hardswish
    else:
        ops["HardSwish"] = hardswish
    return ops


LRASPP_COMMON = {"Add": 11, "Concat": 2, "Constant": 8, "Conv": 66, "GlobalAveragePool": 9,
                 "HardSigmoid": 8, "Mul": 9, "Relu": 20, "Resize": 2, "Shape": 2,
                 "Sigmoid": 1, "Slice": 2}
DEEPLAB_COMMON = {"Add": 10, "Concat": 4, "Constant": 12, "Conv": 72, "GlobalAveragePool": 9,
                  "HardSigmoid": 8, "Mul": 8, "Relu": 27, "Resize": 3, "Shape": 3, "Slice": 3}
SSDLITE_COMMON = {"Add": 10, "Clip": 24, "Concat": 2, "Constant": 72, "Conv": 98,
                  "GlobalAveragePool": 8, "HardSigmoid": 8, "Mul": 8, "Relu": 19,
                  "Reshape": 24, "Transpose": 12}
# The backbone's h-swish layers (torchvision's dilated Large has 20: the
# classifier's is not part of these networks).
BACKBONE_HARDSWISH = 20


class Spec:
    def __init__(self, name, kind, opset, seed, hw):
        self.name = name    # file stem
        self.kind = kind    # "lraspp" | "deeplabv3" | "ssdlite"
        self.opset = opset
        self.seed = seed    # torch.manual_seed for weights
        self.hw = hw        # (height, width)
        common = {"lraspp": LRASPP_COMMON, "deeplabv3": DEEPLAB_COMMON,
                  "ssdlite": SSDLITE_COMMON}[kind]
        self.ops = ops_at(opset, common, BACKBONE_HARDSWISH)  # expected op histogram


SPECS = [
    Spec("lraspp_512", "lraspp", 13, seed=301, hw=(512, 512)),
    Spec("lraspp_375x500", "lraspp", 17, seed=302, hw=(375, 500)),
    Spec("lraspp_96x128", "lraspp", 13, seed=303, hw=(96, 128)),
    Spec("deeplabv3_512", "deeplabv3", 13, seed=311, hw=(512, 512)),
    Spec("deeplabv3_375x500", "deeplabv3", 17, seed=312, hw=(375, 500)),
    Spec("deeplabv3_97x129", "deeplabv3", 13, seed=313, hw=(97, 129)),
    Spec("ssdlite320", "ssdlite", 13, seed=321, hw=(320, 320)),
    Spec("ssdlite_160", "ssdlite", 13, seed=322, hw=(160, 160)),
]
SPEC_BY_NAME = {s.name: s for s in SPECS}


class Segmentation(torch.nn.Module):
    """A torchvision segmentation model returning its dict's tensors in order."""

    def __init__(self, model, keys):
        super().__init__()
        self.model, self.keys = model, keys

    def forward(self, x):
        result = self.model(x)
        return tuple(result[k] for k in self.keys)


class SsdHead(torch.nn.Module):
    """SSD's network up to the head: what torchvision's SSD.forward computes
    before anchors, box decoding and NMS."""

    def __init__(self, model):
        super().__init__()
        self.backbone, self.head = model.backbone, model.head

    def forward(self, x):
        features = list(self.backbone(x).values())
        head = self.head(features)
        return head["bbox_regression"], head["cls_logits"]


def build(spec):
    """The seeded network of `spec` and its output names."""
    torch.manual_seed(spec.seed)
    if spec.kind == "lraspp":
        net = Segmentation(segmentation.lraspp_mobilenet_v3_large(
            weights=None, weights_backbone=None, num_classes=21), ["out"])
    elif spec.kind == "deeplabv3":
        net = Segmentation(segmentation.deeplabv3_mobilenet_v3_large(
            weights=None, weights_backbone=None, num_classes=21, aux_loss=True), ["out", "aux"])
    else:
        net = SsdHead(detection.ssdlite320_mobilenet_v3_large(
            weights=None, weights_backbone=None, num_classes=91))
    outputs = net.keys if isinstance(net, Segmentation) else ["bbox_regression", "cls_logits"]
    # Batch 2: the ASPP pooling branch's BatchNorm sees 1x1 maps and needs more
    # than one value per channel in train mode.
    randomize_weights(net, lambda: net(torch.randn(2, 3, *spec.hw)))
    return net, outputs


def export(net, spec, outputs):
    buf = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        torch.onnx.export(net, torch.zeros(1, 3, *spec.hw), buf, opset_version=spec.opset,
                          input_names=[INPUT_NAME], output_names=outputs,
                          do_constant_folding=True)
    return onnx.load_from_string(buf.getvalue())


def output_spread(net, spec):
    g = torch.Generator().manual_seed(INPUT_SEED)
    x = torch.randn(1, 3, *spec.hw, generator=g)
    with torch.no_grad():
        results = net(x)
    return [dict(std=float(y.double().std()), maxabs=float(y.abs().max()),
                 finite=bool(torch.isfinite(y).all())) for y in results]


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out-dir", required=True)
    ap.add_argument("--only", nargs="+", metavar="NAME", choices=list(SPEC_BY_NAME),
                    type=lambda n: n[:-5] if n.endswith(".onnx") else n,
                    help="export only these models (names without .onnx)")
    args = ap.parse_args(argv)
    os.makedirs(args.out_dir, exist_ok=True)

    failures = 0
    t_all = time.time()
    for spec in SPECS:
        if args.only and spec.name not in args.only:
            continue
        t0 = time.time()
        net, outputs = build(spec)
        model = export(net, spec, outputs)
        spreads = output_spread(net, spec)
        data = model.SerializeToString()
        with open(os.path.join(args.out_dir, spec.name + ".onnx"), "wb") as f:
            f.write(data)

        hist = dict(histogram(model))
        print(f"{spec.name}.onnx  opset {opset_of(model)}  seed {spec.seed}  {len(data)} bytes  "
              f"sha256 {hashlib.sha256(data).hexdigest()[:16]}  {time.time() - t0:.1f} s")
        print(f"  input  {INPUT_NAME} {shape_of(model.graph.input[0])}")
        for out, spread in zip(model.graph.output, spreads):
            healthy = spread["finite"] and spread["std"] > 0.05
            print(f"  output {out.name} {shape_of(out)}  std {spread['std']:.3f}  "
                  f"max-abs {spread['maxabs']:.3f}  {'ok' if healthy else 'UNHEALTHY'}")
            if not healthy:
                print(f"error: {spec.name}: output {out.name} is unhealthy", file=sys.stderr)
                failures += 1
        print("  ops " + ", ".join(f"{k} {v}" for k, v in sorted(hist.items()))
              + f"  (total {sum(hist.values())})")
        if hist != spec.ops:
            print(f"error: {spec.name}: op histogram differs from the expected "
                  f"{dict(sorted(spec.ops.items()))}", file=sys.stderr)
            failures += 1
        sys.stdout.flush()
    print(f"total {time.time() - t_all:.1f} s")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
