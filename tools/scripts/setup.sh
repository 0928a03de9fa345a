#!/usr/bin/env bash
# Installs what a fresh Debian bookworm machine lacks to build and test mnc:
#   - Debian packages (LLVM/MLIR 19, clang/lld 19, ONNX, protobuf, aarch64 cross tools, qemu,
#     pkgconf for the installed tree's mnc.pc,
#     numpy/torch/torchvision for the test-model generators);
#   - onnxruntime-node (reference runtime for tests and benchmarks) into <repo>/.deps/ort.
# Idempotent: when everything is present it prints one line and exits in well under a second.
# node and npm come with the machine image; they are never installed from apt here (conflicts).
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

APT_PACKAGES=(
  cmake build-essential ninja-build ccache python3
  llvm-19-dev libmlir-19-dev mlir-19-tools clang-19 lld-19 libclang-rt-19-dev
  libonnx-dev libprotobuf-dev protobuf-compiler python3-onnx python3-numpy
  libonnx-testdata
  gcc-aarch64-linux-gnu g++-aarch64-linux-gnu qemu-user
  pkgconf
  python3-torch python3-torchvision
  debootstrap  # tools/scripts/check-fresh-machine.sh builds its chroot with it
)
ORT_VERSION=1.30.0
ORT_DIR="$REPO/.deps/ort"
ORT_PKG="$ORT_DIR/node_modules/onnxruntime-node"

log() { echo "setup: $*"; }
die() { echo "setup: error: $*" >&2; exit 1; }

did_something=0

# ---------------------------------------------------------------- Debian packages
missing_apt() {
  # One dpkg-query call for all packages; a package counts as present only if fully installed.
  local installed
  installed="$(dpkg-query -W -f='${Package} ${db:Status-Abbrev}\n' "${APT_PACKAGES[@]}" 2>/dev/null \
               | awk '$2 ~ /^ii/ {print $1}' || true)"
  local p
  for p in "${APT_PACKAGES[@]}"; do
    grep -qx -- "$p" <<<"$installed" || echo "$p"
  done
}

command -v dpkg-query >/dev/null || die "dpkg-query not found: this script expects Debian bookworm"
mapfile -t MISSING < <(missing_apt)
if ((${#MISSING[@]})); then
  did_something=1
  SUDO=()
  if [[ $(id -u) -ne 0 ]]; then
    command -v sudo >/dev/null \
      || die "not root and no sudo; install as root: apt-get install ${MISSING[*]}"
    SUDO=(sudo)
  fi
  log "installing Debian packages: ${MISSING[*]}"
  "${SUDO[@]}" apt-get update -q
  "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -q --no-install-recommends "${MISSING[@]}"
  mapfile -t STILL < <(missing_apt)
  ((${#STILL[@]} == 0)) || die "still missing after apt-get install: ${STILL[*]}"
fi

# ---------------------------------------------------------------- onnxruntime-node
ort_installed_version() {
  # Version from package.json, and only if the native binding is there too.
  [[ -f "$ORT_PKG/package.json" ]] || return 0
  compgen -G "$ORT_PKG/bin/napi-v*/linux/*/onnxruntime_binding.node" >/dev/null || return 0
  sed -n 's/^[[:space:]]*"version":[[:space:]]*"\([^"]*\)".*/\1/p' "$ORT_PKG/package.json" | head -n1
}

if [[ "$(ort_installed_version)" != "$ORT_VERSION" ]]; then
  did_something=1
  command -v node >/dev/null || die "node not found (node 20 is expected from the machine image; do not apt-get install nodejs)"
  command -v npm >/dev/null || die "npm not found (expected from the machine image; do not apt-get install npm)"
  log "installing onnxruntime-node@$ORT_VERSION into ${ORT_DIR#"$REPO"/}"
  mkdir -p "$ORT_DIR"
  # A package.json of its own keeps npm from walking up to some other project root.
  [[ -f "$ORT_DIR/package.json" ]] \
    || printf '{\n  "name": "mnc-deps-ort",\n  "private": true\n}\n' >"$ORT_DIR/package.json"
  # --ignore-scripts: the postinstall script tries to download GPU binaries and fails offline;
  # the CPU library (libonnxruntime.so) ships inside the package.
  (cd "$ORT_DIR" && npm install --ignore-scripts --no-audit --no-fund --save-exact \
      --loglevel=error "onnxruntime-node@$ORT_VERSION") \
    || die "npm install onnxruntime-node@$ORT_VERSION failed"
  [[ "$(ort_installed_version)" == "$ORT_VERSION" ]] \
    || die "onnxruntime-node@$ORT_VERSION not found in $ORT_PKG after npm install"
  node -e "require(process.argv[1])" "$ORT_PKG" \
    || die "onnxruntime-node installed but cannot be loaded by node"
  log "onnxruntime-node@$ORT_VERSION loads in node $(node --version)"
fi

if ((did_something)); then
  log "done"
else
  echo "setup: all dependencies present"
fi
