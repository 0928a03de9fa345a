#!/usr/bin/env bash
# The application networks at their full sizes on AArch64 under qemu, against
# ONNX Runtime on x86 (CI runs them at reduced sizes: qemu runs ~0.1 GMAC/s).
#   tools/scripts/check-applications.sh [MODEL_NAME...]   # default: every full-size model
# Models come from the build's mnc-test-models target (build/test/models); prints each
# model's comparison (max |diff|, max |ref| per output) and wall time; exit 1 if any fails.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BUILD="${MNC_BUILD_DIR:-$REPO/build}"
MODELS="$BUILD/test/models"
WORK="${MNC_WORK_DIR:-$BUILD/check-applications}"
PY=/usr/bin/python3

names=("$@")
if [[ ${#names[@]} -eq 0 ]]; then
  names=(lraspp_512 lraspp_375x500 deeplabv3_512 deeplabv3_375x500 ssdlite320)
fi

failed=0
for name in "${names[@]}"; do
  model="$MODELS/$name.onnx"
  [[ -f "$model" ]] || { echo "check-applications: error: $model not found (build mnc-test-models)" >&2; exit 1; }
  echo "== $name (aarch64, qemu)"
  start=$(date +%s)
  if ! "$PY" "$REPO/test/lib/multi_check.py" --compiler "$BUILD/bin/mnc-compile" \
      --model "$model" --workdir "$WORK/$name" --cross aarch64 --timeout 1800; then
    failed=1
  fi
  echo "   $(( $(date +%s) - start )) s"
done
exit $failed
