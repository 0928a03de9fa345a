#!/usr/bin/python3
"""Compares runtime/mnc_detect.c with torchvision 0.14.1 (test/runtime/detect.test).

Usage: detect_check.py --check BINARY --workdir DIR

BINARY is detect_check.c compiled with mnc_detect.c. The head outputs come
from the seeded, re-initialised ssdlite320_mobilenet_v3_large of
test/models/export_ssdlite_head.py run by torch on seeded inputs; torchvision's
SSD.postprocess_detections (and transform.postprocess for boxes in original
image pixels) on them is the reference. For each case the detections must
agree in number and labels, and boxes and scores within 1e-4; the statistics
printed show that thresholds, top-k, suppression and the final cut all
happened, and the script fails if they did not. Anchors generated in C must
equal torchvision's DefaultBoxGenerator's (ssdlite320 and ssd300) within 1e-4.
"""

import argparse
import math
import os
import subprocess
import sys

import numpy as np
import torch
from torchvision.models.detection.anchor_utils import DefaultBoxGenerator
from torchvision.models.detection.image_list import ImageList

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "models"))
import export_ssdlite_head  # noqa: E402

TOL = 1e-4
DET_DTYPE = np.dtype([("box", "<f4", (4,)), ("score", "<f4"), ("label", "<i4"), ("anchor", "<i4")])
failures = []


def fail(msg):
    failures.append(msg)
    print("FAIL: " + msg)


def run_c(binary, *args):
    out = subprocess.run([binary, *map(str, args)], capture_output=True, text=True)
    if out.returncode != 0:
        raise SystemExit(f"{binary} {' '.join(map(str, args))} failed:\n{out.stdout}{out.stderr}")
    return out.stdout


def read_dets(path):
    raw = open(path, "rb").read()
    count = int(np.frombuffer(raw[:4], "<i4")[0])
    return np.frombuffer(raw[4:], DET_DTYPE, count)


def torchvision_dets(model, reg, cls, anchors, score, nms, topk, dpi, orig):
    model.score_thresh, model.nms_thresh = score, nms
    model.topk_candidates, model.detections_per_img = topk, dpi
    head = {"bbox_regression": reg[None], "cls_logits": cls[None]}
    size = [(export_ssdlite_head.SIZE, export_ssdlite_head.SIZE)]
    with torch.no_grad():
        dets = model.postprocess_detections(head, [anchors], size)
        if orig is not None:
            dets = model.transform.postprocess(dets, size, [(orig[1], orig[0])])
    d = dets[0]
    return d["boxes"].numpy(), d["scores"].numpy(), d["labels"].numpy()


def statistics(model, reg, cls, anchors, score, nms, topk):
    """What happened inside: pairs above the threshold, candidates after
    top-k, survivors of the suppression (before the final cut)."""
    scores = torch.softmax(cls, -1)[:, 1:]
    above = (scores > score).sum(0)
    candidates = above.clamp(max=topk)
    _, kept, _ = torchvision_dets(model, reg, cls, anchors, score, nms, topk, 10**9, None)
    return dict(pairs=int(scores.numel()), above=int(above.sum()),
                topk_cut=int((above > topk).sum()),
                candidates=int(candidates.sum()), kept=len(kept))


def compare(name, binary, workdir, model, reg, cls, anchors, score, nms, topk, dpi,
            orig=None, rounding=1, anchor_source=None, expect=None):
    A, C = cls.shape
    # Inputs and output per case, so that the case can be run again by hand.
    out = os.path.join(workdir, name + ".bin")
    files = {k: os.path.join(workdir, f"{name}-{k}.bin") for k in ("reg", "cls", "anchors")}
    np.asarray(reg, np.float32).tofile(files["reg"])
    np.asarray(cls, np.float32).tofile(files["cls"])
    np.asarray(anchors, np.float32).tofile(files["anchors"])
    run_c(binary, "postprocess", files["reg"], files["cls"], anchor_source or files["anchors"],
          A, C, repr(score), repr(nms), topk, dpi, *(orig or (0, 0)), rounding, out)
    mine = read_dets(out)
    boxes, scores, labels = torchvision_dets(model, reg, cls, anchors, score, nms, topk, dpi, orig)
    line = f"{name}: {len(labels)} detections (mnc_detect {len(mine)})"
    if len(mine) != len(labels) or not np.array_equal(mine["label"], labels):
        fail(line + ": the labels or their number differ")
        return None
    box_diff = float(np.abs(mine["box"] - boxes).max()) if len(labels) else 0.0
    score_diff = float(np.abs(mine["score"] - scores).max()) if len(labels) else 0.0
    line += (f", {len(set(labels.tolist()))} labels, labels equal, max |box diff| {box_diff:.3g} px, "
             f"max |score diff| {score_diff:.3g}")
    if not (box_diff <= TOL and score_diff <= TOL):
        fail(line)
        return None
    print(line)
    return len(labels)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--check", required=True)
    ap.add_argument("--workdir", required=True)
    args = ap.parse_args()
    os.makedirs(args.workdir, exist_ok=True)
    torch.set_num_threads(1)

    model = export_ssdlite_head.make_model()
    net = export_ssdlite_head.SsdHead(model).eval()

    # Anchors: C against torchvision, for ssdlite320 and ssd300 (steps, given
    # scales, ratios differing per map).
    x0 = torch.zeros(1, 3, 320, 320)
    tv_anchors = export_ssdlite_head.anchors_of(model, x0)
    ssd300 = DefaultBoxGenerator([[2], [2, 3], [2, 3], [2, 3], [2], [2]],
                                 scales=[0.07, 0.15, 0.33, 0.51, 0.69, 0.87, 1.05],
                                 steps=[8, 16, 32, 64, 100, 300])
    maps = [torch.zeros(1, 1, s, s) for s in (38, 19, 10, 5, 3, 1)]
    tv_ssd300 = ssd300(ImageList(torch.zeros(1, 3, 300, 300), [(300, 300)]), maps)[0]
    for which, ref in (("ssdlite320", tv_anchors), ("ssd300", tv_ssd300)):
        path = os.path.join(args.workdir, f"anchors-{which}.bin")
        run_c(args.check, "anchors", which, path)
        mine = np.fromfile(path, np.float32).reshape(-1, 4)
        ref = ref.numpy()
        if mine.shape != ref.shape:
            fail(f"{which} anchors: shape {mine.shape} against torchvision's {ref.shape}")
            continue
        diff = float(np.abs(mine - ref).max())
        line = (f"{which} anchors: {ref.shape[0]} boxes, max |diff| {diff:.3g} px "
                f"({int((mine != ref).any(1).sum())} not bit-identical)")
        if diff > TOL:
            fail(line)
        else:
            print(line)

    # Head outputs of seeded images (uniform [0, 1], normalized as ssdlite does).
    def head_outputs(seed):
        g = torch.Generator().manual_seed(seed)
        x = (torch.rand(1, 3, 320, 320, generator=g) - 0.5) / 0.5
        with torch.no_grad():
            reg, cls = net(x)
        return reg[0], cls[0]

    anchors = tv_anchors
    for seed in (1, 2, 3):
        reg, cls = head_outputs(seed)
        st = statistics(model, reg, cls, anchors, 0.001, 0.55, 300)
        print(f"image {seed}: {st['above']} of {st['pairs']} (anchor, class) scores > 0.001, "
              f"top-300 cut in {st['topk_cut']} of 90 classes, {st['candidates']} candidates "
              f"({'per-class' if st['candidates'] > 1000 else 'coordinate-trick'} batched_nms), "
              f"{st['candidates'] - st['kept']} suppressed, {st['kept']} kept before the cut to 300")
        if not (0 < st["above"] < st["pairs"] and st["topk_cut"] > 0 and st["candidates"] > 1000
                and st["candidates"] - st["kept"] >= 1000 and st["kept"] > 300):
            fail(f"image {seed}: the defaults do not exercise threshold, top-k, suppression and cut")
        n = compare(f"image{seed}-defaults", args.check, args.workdir, model, reg, cls,
                    anchors, 0.001, 0.55, 300, 300)
        if n is not None and n != 300:
            fail(f"image {seed}: expected 300 detections, got {n}")

    reg, cls = head_outputs(1)
    compare("image1-anchors-from-c", args.check, args.workdir, model, reg, cls, anchors,
            0.001, 0.55, 300, 300, anchor_source="ssdlite320")
    compare("image1-original-480x360", args.check, args.workdir, model, reg, cls, anchors,
            0.001, 0.55, 300, 300, orig=(480, 360))
    compare("image1-topk50-nms0.3-det100", args.check, args.workdir, model, reg, cls,
            anchors, 0.01, 0.3, 50, 100)

    # Few candidates: torchvision's coordinate-trick path of batched_nms.
    st = statistics(model, reg, cls, anchors, 0.5, 0.55, 300)
    print(f"score > 0.5: {st['candidates']} candidates (coordinate-trick batched_nms), "
          f"{st['candidates'] - st['kept']} suppressed, {st['kept']} kept")
    if not (100 < st["candidates"] <= 1000 and st["candidates"] - st["kept"] >= 10):
        fail("score > 0.5 does not exercise the coordinate-trick path with suppressions")
    n = compare("image1-score0.5", args.check, args.workdir, model, reg, cls, anchors,
                0.5, 0.55, 300, 300)
    if n is not None and n != min(st["kept"], 300):
        fail("score > 0.5: expected the best 300 survivors")

    # Zero detections: no score passes.
    n = compare("image1-none", args.check, args.workdir, model, reg, cls, anchors,
                0.99999, 0.55, 300, 300)
    if n != 0:
        fail("expected no detections above 0.99999")

    # The coordinate trick's rounding: boxes (0, 0, 1, 1) and (0, 0, 0.55, 1)
    # have IoU 0.55f > 0.55, but shifted by 2 (class 1, largest coordinate 1)
    # 0.5499999 < 0.55: torchvision keeps both; rounding 0 suppresses one.
    reg2 = torch.zeros(2, 4)
    cls2 = torch.tensor([[0.0, 2.0], [0.0, 1.0]])
    anchors2 = torch.tensor([[0.0, 0.0, 1.0, 1.0], [0.0, 0.0, 0.55, 1.0]])
    n = compare("iou-0.55f-torchvision-rounding", args.check, args.workdir, model, reg2,
                cls2, anchors2, 0.001, 0.55, 300, 300)
    if n != 2:
        fail("the coordinate trick case should keep both boxes")
    out = os.path.join(args.workdir, "iou-plain.bin")
    case = os.path.join(args.workdir, "iou-0.55f-torchvision-rounding-")
    run_c(args.check, "postprocess", case + "reg.bin", case + "cls.bin", case + "anchors.bin",
          2, 2, "0.001", "0.55", 300, 300, 0, 0, 0, out)
    plain = read_dets(out)
    print(f"iou-0.55f-plain-rounding: {len(plain)} detection")
    if len(plain) != 1:
        fail("with torchvision_nms_rounding 0 the second box should be suppressed")

    if failures:
        print(f"{len(failures)} failures")
        return 1
    print("all ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
