#!/usr/bin/env bash
# The benchmark command: installs what is missing (setup.sh), builds mnc-compile (build.sh), then
# runs tools/scripts/bench.py with all arguments, e.g.
#   tools/scripts/bench.sh MODEL.onnx [--rounds 15] [--runs 20] [--threads 1] [--cpu 0]
#                          [--peak-gmacs G] [--mnc-args ARG...]
# (see bench.py --help). Environment: MNC_BUILD_DIR (default <repo>/build), MNC_JOBS.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

bash "$REPO/tools/scripts/setup.sh" >&2
bash "$REPO/tools/scripts/build.sh" mnc-compile >&2
exec /usr/bin/python3 "$REPO/tools/scripts/bench.py" "$@"
