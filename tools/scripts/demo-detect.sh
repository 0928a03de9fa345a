#!/usr/bin/env bash
# Object detection end to end in C. Installs what is missing, builds mnc,
# exports torchvision's ssdlite320_mobilenet_v3_large up to its head (seeded
# random weights: test/models/export_ssdlite_head.py), compiles it with
# mnc-compile (two outputs: box regressions and class logits), links
# tools/demo/detect.c with the library and runtime/mnc_detect.c using a plain
# C compiler, and runs it on a picture: PPM reading, resizing and
# normalization, the network, default boxes, decoding, softmax, per-class
# non-maximum suppression, boxes in the picture's pixels, all in C. Then runs
# torchvision's whole SSD model in Python on the same picture and compares.
#   tools/scripts/demo-detect.sh              # a synthetic 480 x 360 picture
#   tools/scripts/demo-detect.sh IMAGE.ppm    # your own (binary PPM, P6)
# With random weights the detections mean nothing; the pipeline is real.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BUILD="${MNC_BUILD_DIR:-$REPO/build}"
DEMO="$BUILD/demo-detect"
PY=/usr/bin/python3

bash "$REPO/tools/scripts/setup.sh"
bash "$REPO/tools/scripts/build.sh" mnc-compile

mkdir -p "$DEMO/out"
MODEL="$DEMO/ssdlite320_head.onnx"
if [[ ! -f "$MODEL" ]]; then
  echo "demo-detect: exporting ssdlite320_mobilenet_v3_large's backbone + head (seeded weights)"
  "$PY" "$REPO/test/models/export_ssdlite_head.py" --out "$MODEL"
fi

echo "demo-detect: mnc-compile $MODEL -o $DEMO/out/libssdlite.a"
"$BUILD/bin/mnc-compile" "$MODEL" -o "$DEMO/out/libssdlite.a"

echo "demo-detect: cc -std=c99 -O2 -I $DEMO/out -I runtime tools/demo/detect.c runtime/mnc_detect.c $DEMO/out/libssdlite.a -lm"
cc -std=c99 -O2 -I "$DEMO/out" -I "$REPO/runtime" "$REPO/tools/demo/detect.c" \
  "$REPO/runtime/mnc_detect.c" "$DEMO/out/libssdlite.a" -lm -o "$DEMO/detect"

IMAGE="${1:-}"
if [[ -z "$IMAGE" ]]; then
  IMAGE="$DEMO/picture.ppm"
  "$PY" "$REPO/tools/demo/detect_reference.py" picture "$IMAGE"
fi
"$DEMO/detect" "$IMAGE" "$DEMO/detections.txt" "$DEMO/annotated.ppm"
echo "demo-detect: all detections in $DEMO/detections.txt, the best 5 drawn in $DEMO/annotated.ppm"
echo "demo-detect: (random weights: the labels and boxes mean nothing, the pipeline is real)"

"$PY" "$REPO/tools/demo/detect_reference.py" compare "$IMAGE" "$DEMO/detections.txt"
