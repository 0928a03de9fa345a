#!/usr/bin/python3
"""Helpers of tools/scripts/demo-detect.sh.

    detect_reference.py picture OUT.ppm
        writes a synthetic 480 x 360 picture (sky, ground, a few shapes) as a
        binary PPM; the same bytes every time.
    detect_reference.py compare IMAGE.ppm DETECTIONS.txt [--seed N]
        runs torchvision's whole ssdlite320_mobilenet_v3_large (the seeded
        model of test/models/export_ssdlite_head.py: transform, backbone,
        head, default boxes, postprocess_detections, transform.postprocess)
        on the image and compares its detections with the C program's
        ("label score x1 y1 x2 y2" lines).
"""

import argparse
import os
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "test", "models"))


def picture(path, width=480, height=360):
    y, x = np.mgrid[0:height, 0:width].astype(np.float64)
    img = np.zeros((height, width, 3))
    sky = y < 0.6 * height
    img[..., 0] = np.where(sky, 110 + 60 * y / height, 90)
    img[..., 1] = np.where(sky, 160 + 50 * y / height, 140 + 30 * np.sin(x / 9.0))
    img[..., 2] = np.where(sky, 235, 70)
    # A red "car": body, cabin, two wheels.
    img[(x > 60) & (x < 220) & (y > 200) & (y < 250)] = (200, 30, 40)
    img[(x > 95) & (x < 185) & (y > 170) & (y <= 200)] = (170, 40, 50)
    for cx in (95, 185):
        img[(x - cx) ** 2 + (y - 252) ** 2 < 18 ** 2] = (25, 25, 25)
    # A yellow ball, a grey post with a white sign, a green tree.
    img[(x - 330) ** 2 + (y - 270) ** 2 < 28 ** 2] = (240, 210, 30)
    img[(x > 400) & (x < 410) & (y > 120) & (y < 300)] = (120, 120, 120)
    img[(x > 375) & (x < 435) & (y > 90) & (y < 130)] = (245, 245, 245)
    img[(x - 300) ** 2 + (y - 120) ** 2 < 45 ** 2] = (40, 130, 50)
    img[(x > 294) & (x < 306) & (y > 160) & (y < 215)] = (100, 70, 40)
    rgb = np.clip(np.rint(img), 0, 255).astype(np.uint8)
    with open(path, "wb") as f:
        f.write(b"P6\n%d %d\n255\n" % (width, height))
        f.write(rgb.tobytes())


def read_ppm(path):
    data = open(path, "rb").read()
    fields, pos = [], 0
    while len(fields) < 4:
        while data[pos:pos + 1].isspace():
            pos += 1
        if data[pos:pos + 1] == b"#":
            pos = data.index(b"\n", pos)
            continue
        end = pos
        while not data[end:end + 1].isspace():
            end += 1
        fields.append(data[pos:end])
        pos = end
    pos += 1
    assert fields[0] == b"P6" and int(fields[3]) <= 255, "8-bit P6 only"
    w, h = int(fields[1]), int(fields[2])
    return np.frombuffer(data[pos:pos + w * h * 3], np.uint8).reshape(h, w, 3), int(fields[3])


def compare(image_path, detections_path, seed, shown=10):
    import torch
    import export_ssdlite_head
    torch.set_num_threads(1)
    rgb, maxval = read_ppm(image_path)
    img = torch.from_numpy(rgb.copy()).permute(2, 0, 1).float() / maxval
    model = export_ssdlite_head.make_model(seed)
    with torch.no_grad():
        ref = model([img])[0]
    boxes, scores, labels = ref["boxes"].numpy(), ref["scores"].numpy(), ref["labels"].numpy()
    mine = np.loadtxt(detections_path, ndmin=2)
    n = min(shown, len(labels), len(mine))
    print(f"torchvision (the whole SSD model in Python, same weights): {len(labels)} detections, "
          f"the C program {len(mine)}")
    same = n > 0 and np.array_equal(mine[:n, 0].astype(int), labels[:n])
    box_diff = float(np.abs(mine[:n, 2:] - boxes[:n]).max()) if n else 0.0
    score_diff = float(np.abs(mine[:n, 1] - scores[:n]).max()) if n else 0.0
    print(f"best {n}: labels {'equal' if same else 'DIFFER'}, max |box diff| {box_diff:.3g} px, "
          f"max |score diff| {score_diff:.3g}")
    if len(mine) == len(labels):
        differ = np.nonzero(mine[:, 0].astype(int) != labels)[0]
        if not len(differ):
            print(f"all {len(labels)}: labels equal, max |box diff| "
                  f"{float(np.abs(mine[:, 2:] - boxes).max()):.3g} px, max |score diff| "
                  f"{float(np.abs(mine[:, 1] - scores).max()):.3g}")
        else:
            # The two networks' outputs differ in the last float bits, which can swap
            # detections whose scores (nearly) tie further down the list.
            k = int(differ[0])
            print(f"all {len(labels)}: labels equal down to rank {k}; from there {len(differ)} "
                  f"differ in order (scores there: C {mine[k, 1]:.6g}, torchvision {scores[k]:.6g})")
    return 0 if same and box_diff < 1e-2 and score_diff < 1e-3 else 1


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("picture")
    p.add_argument("out")
    c = sub.add_parser("compare")
    c.add_argument("image")
    c.add_argument("detections")
    c.add_argument("--seed", type=int, default=None)
    args = ap.parse_args()
    if args.cmd == "picture":
        picture(args.out)
        return 0
    import export_ssdlite_head
    return compare(args.image, args.detections,
                   export_ssdlite_head.DEFAULT_SEED if args.seed is None else args.seed)


if __name__ == "__main__":
    sys.exit(main())
