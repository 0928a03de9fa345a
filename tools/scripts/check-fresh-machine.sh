#!/usr/bin/env bash
# Runs the README's two quick-start commands on a machine where nothing was
# installed by hand: a fresh `debootstrap bookworm` chroot (minbase, Debian's
# mirrors), given only what the machine image brings besides Debian (node 20
# and npm, and the host's CA bundle so that npm can verify the registry).
#
#   tools/scripts/check-fresh-machine.sh [--keep] [--dir DIR] [--rev REV] [--demo-only | --tests-only]
#
# A clean clone of REV (default HEAD; committed work only, like CI) is copied
# into the chroot as /root/mnc, then `tools/scripts/demo.sh` and
# `tools/scripts/run-tests.sh` run there as root, each from nothing: setup.sh
# must install every Debian package the suite uses, or a phase fails. The
# chroot (default /var/tmp/mnc-fresh) is built anew every run unless --keep
# reuses one already made (then it is only as fresh as its first run).
# Prints the phase times; exits non-zero when a command fails.
# Needs root (debootstrap, chroot, mounts) and about 6 GB of disk; on this
# machine kind: ~2 min debootstrap, ~5 min of setup.sh's installs, ~25 min of
# build (no ccache in there), ~10 min of tests.
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
ROOT=/var/tmp/mnc-fresh
REV=HEAD
KEEP=0
RUN_DEMO=1
RUN_TESTS=1
while (($#)); do
  case "$1" in
    --keep) KEEP=1 ;;
    --dir) ROOT="$2"; shift ;;
    --rev) REV="$2"; shift ;;
    --demo-only) RUN_TESTS=0 ;;
    --tests-only) RUN_DEMO=0 ;;
    *) echo "check-fresh-machine: unknown argument '$1'" >&2; exit 2 ;;
  esac
  shift
done

log() { echo "check-fresh-machine: $*"; }
die() { echo "check-fresh-machine: error: $*" >&2; exit 1; }
[[ $(id -u) -eq 0 ]] || die "needs root (debootstrap, chroot, mount)"
command -v node >/dev/null || die "node not found: it comes with the machine image"

command -v debootstrap >/dev/null || die "debootstrap not found (run tools/scripts/setup.sh)"

unmount_all() {
  local point
  for point in dev/pts dev proc sys; do
    mountpoint -q "$ROOT/$point" && umount -l "$ROOT/$point" || true
  done
}
trap unmount_all EXIT

PHASES=()
TIMES=()
phase() {  # phase NAME CMD...: runs and times a phase; a failure ends the check.
  local name=$1 t0=$SECONDS rc=0; shift
  log "== $name"
  # In a subshell with -e: a failing step inside a function ends the phase
  # (a function called in an `||` list would otherwise run on).
  (set -e; "$@") || rc=$?
  PHASES+=("$name"); TIMES+=("$((SECONDS - t0))")
  if ((rc != 0)); then
    summary
    die "$name failed (exit $rc)"
  fi
}
summary() {
  local i
  log "phase times:"
  for i in "${!PHASES[@]}"; do printf '  %-12s %6ss\n' "${PHASES[$i]}" "${TIMES[$i]}"; done
}

make_chroot() {
  unmount_all
  rm -rf --one-file-system "$ROOT"
  debootstrap --variant=minbase bookworm "$ROOT" http://deb.debian.org/debian >"$ROOT.debootstrap.log" 2>&1 \
    || { tail -20 "$ROOT.debootstrap.log"; return 1; }
  # The sources a Debian machine of this kind has: updates and security too.
  cat >"$ROOT/etc/apt/sources.list" <<'EOF'
deb http://deb.debian.org/debian bookworm main
deb http://deb.debian.org/debian bookworm-updates main
deb http://deb.debian.org/debian-security bookworm-security main
EOF
  # What the machine image brings besides Debian: node 20 and npm, and the
  # CA bundle npm verifies the registry with.
  cp "$(command -v node)" "$ROOT/usr/bin/node"
  mkdir -p "$ROOT/usr/lib/node_modules"
  cp -a /usr/lib/node_modules/npm "$ROOT/usr/lib/node_modules/"
  ln -sf ../lib/node_modules/npm/bin/npm-cli.js "$ROOT/usr/bin/npm"
  mkdir -p "$ROOT/etc/ssl/certs"
  cp /etc/ssl/certs/ca-certificates.crt "$ROOT/etc/ssl/mnc-host-ca.crt"
}

copy_repository() {
  rm -rf "$ROOT/root/mnc"
  git clone -q --no-hardlinks "$REPO" "$ROOT/root/mnc"
  git -C "$ROOT/root/mnc" checkout -q "$(git -C "$REPO" rev-parse "$REV")"
  log "repository at $(git -C "$ROOT/root/mnc" log --oneline -1)"
}

mount_all() {
  unmount_all  # a kept chroot may still have them
  mount -t proc proc "$ROOT/proc"
  mount -t sysfs sys "$ROOT/sys"
  mount --bind /dev "$ROOT/dev"
  mount --bind /dev/pts "$ROOT/dev/pts"
  cp /etc/resolv.conf "$ROOT/etc/resolv.conf"
}

# in_chroot CMD: runs a command line in the chroot as a fresh root login would.
in_chroot() {
  chroot "$ROOT" /usr/bin/env -i HOME=/root TERM=dumb LANG=C.UTF-8 \
    PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    NODE_EXTRA_CA_CERTS=/etc/ssl/mnc-host-ca.crt \
    /bin/bash -c "cd /root/mnc && $1"
}

if ((KEEP)) && [[ -x "$ROOT/usr/bin/node" ]]; then
  log "reusing the chroot $ROOT (--keep)"
else
  phase debootstrap make_chroot
fi
phase clone copy_repository
mount_all
if ((RUN_DEMO)); then
  phase demo in_chroot "bash tools/scripts/demo.sh"
fi
if ((RUN_TESTS)); then
  phase tests in_chroot "CI=true bash tools/scripts/run-tests.sh"
fi
# What the two commands left installed, for the note.
in_chroot "dpkg-query -W -f='\${Package}\n' | wc -l | xargs echo packages installed in the chroot:"
summary
log "PASS: the quick start works on a fresh bookworm"
