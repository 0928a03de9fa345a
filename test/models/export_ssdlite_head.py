#!/usr/bin/python3
"""torchvision's ssdlite320_mobilenet_v3_large, seeded, and its network up to
the head exported to ONNX.

Usage:
    /usr/bin/python3 test/models/export_ssdlite_head.py --out FILE.onnx [--seed N] [--opset 13]

The exported graph is export_applications.SsdHead: the model's backbone (MobileNetV3
Large features + SSDLite extra blocks) and its SSDLite head, one input
`image` [1, 3, 320, 320] (already resized and normalized as the model's
GeneralizedRCNNTransform does: (x - 0.5) / 0.5 for x in [0, 1]) and two
outputs, `bbox_regression` [1, 3234, 4] and `cls_logits` [1, 3234, 91]. The
rest of torchvision's SSD (default boxes, decoding, softmax, non-maximum
suppression) is not a static graph; runtime/mnc_detect.{h,c} does it in C.

No pretrained weights (there is no network): make_model() builds the model
with weights=None, weights_backbone=None from a seed and re-initialises it so
that its outputs look like a detector's rather than like zeros (torchvision's
own init makes the head's outputs about 1e-15): the test models' weights
(export_torchvision.randomize_weights), and then the head's
last convolutions scaled so that the class logits have a standard deviation
of about LOGIT_STD and the regressions about REGRESSION_STD. The detections
are meaningless, but spread like real ones: scores over several decades,
boxes of every size, many overlaps. test/runtime/detect.test and
tools/scripts/demo-detect.sh use it.
"""

import argparse
import io
import sys
import warnings

import torch
import torchvision
from torchvision.models.detection import ssdlite320_mobilenet_v3_large
from torchvision.models.detection.image_list import ImageList

from export_applications import SsdHead
from export_torchvision import randomize_weights

SIZE = 320
DEFAULT_SEED = 2024
LOGIT_STD = 2.5
REGRESSION_STD = 1.0


def make_model(seed=DEFAULT_SEED):
    """The seeded, re-initialised ssdlite320_mobilenet_v3_large, in eval mode."""
    torch.manual_seed(seed)
    model = ssdlite320_mobilenet_v3_large(weights=None, weights_backbone=None)
    net = SsdHead(model)
    randomize_weights(net, lambda: net(torch.randn(4, 3, SIZE, SIZE)))
    with torch.no_grad():
        # The head's last convolutions: outputs of a chosen spread on a seeded
        # image-like input (uniform [0, 1], normalized).
        x = torch.rand(1, 3, SIZE, SIZE) * 2.0 - 1.0
        reg, cls = net(x)
        for heads, out, target in ((model.head.regression_head, reg, REGRESSION_STD),
                                   (model.head.classification_head, cls, LOGIT_STD)):
            factor = target / float(out.std())
            for seq in heads.module_list:
                seq[1].weight.mul_(factor)
                seq[1].bias.mul_(factor)
    model.eval()
    return model


def anchors_of(model, image):
    """torchvision's default boxes for a [1, 3, 320, 320] input: [3234, 4]."""
    with torch.no_grad():
        features = list(model.backbone(image).values())
        return model.anchor_generator(ImageList(image, [(SIZE, SIZE)]), features)[0]


def export(model, path, opset=13):
    net = SsdHead(model).eval()
    buf = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        torch.onnx.export(net, torch.zeros(1, 3, SIZE, SIZE), buf, opset_version=opset,
                          input_names=["image"],
                          output_names=["bbox_regression", "cls_logits"],
                          do_constant_folding=True)
    with open(path, "wb") as f:
        f.write(buf.getvalue())


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", required=True, help="the .onnx file to write")
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED)
    ap.add_argument("--opset", type=int, default=13)
    args = ap.parse_args(argv)
    model = make_model(args.seed)
    export(model, args.out, args.opset)
    g = torch.Generator().manual_seed(1)
    x = torch.rand(1, 3, SIZE, SIZE, generator=g) * 2.0 - 1.0
    with torch.no_grad():
        reg, cls = SsdHead(model)(x)
    print(f"{args.out}: ssdlite320_mobilenet_v3_large backbone + head, seed {args.seed}, "
          f"opset {args.opset}, torchvision {torchvision.__version__}; "
          f"bbox_regression {list(reg.shape)} std {float(reg.std()):.3f}, "
          f"cls_logits {list(cls.shape)} std {float(cls.std()):.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
