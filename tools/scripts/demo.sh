#!/usr/bin/env bash
# The quick start: installs what is missing, builds mnc, compiles the bundled
# default model (a torchvision MobileNetV3-Small with seeded random weights,
# made by test/models/export_torchvision.py), links tools/demo/classify.c
# against the library with a plain C compiler, runs it on a seeded input and
# compares its scores with ONNX Runtime's on the same input.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BUILD="${MNC_BUILD_DIR:-$REPO/build}"
DEMO="$BUILD/demo"
PY=/usr/bin/python3

bash "$REPO/tools/scripts/setup.sh"
bash "$REPO/tools/scripts/build.sh" mnc-compile

mkdir -p "$DEMO"
MODEL="$DEMO/mnv3_small_op17.onnx"
if [[ ! -f "$MODEL" ]]; then
  echo "demo: exporting the default model (MobileNetV3-Small, seeded weights)"
  "$PY" "$REPO/test/models/export_torchvision.py" --out-dir "$DEMO" --only mnv3_small_op17 >/dev/null
fi

echo "demo: mnc-compile $MODEL -o $DEMO/out/libmnv3.a"
mkdir -p "$DEMO/out"
"$BUILD/bin/mnc-compile" "$MODEL" -o "$DEMO/out/libmnv3.a"

echo "demo: cc -std=c99 -O2 -I $DEMO/out tools/demo/classify.c $DEMO/out/libmnv3.a -lm"
cc -std=c99 -O2 -I "$DEMO/out" "$REPO/tools/demo/classify.c" "$DEMO/out/libmnv3.a" -lm \
  -o "$DEMO/classify"

"$PY" "$REPO/test/lib/make_input.py" --shape 1x3x224x224 --seed 7 "$DEMO/input.bin"
"$DEMO/classify" "$DEMO/input.bin" "$DEMO/scores.bin"

node "$REPO/test/lib/ort_run.js" "$MODEL" --input "$DEMO/input.bin" --output "$DEMO/ort.bin" >/dev/null
echo -n "error against ONNX Runtime: "
"$PY" "$REPO/test/lib/compare_outputs.py" "$DEMO/scores.bin" "$DEMO/ort.bin"
