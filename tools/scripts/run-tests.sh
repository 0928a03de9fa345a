#!/usr/bin/env bash
# The single test command: installs what is missing (setup.sh), builds (build.sh), then runs the
# lit suite (ninja target check-mnc). Exits with the first failing phase's status.
# At the end it prints the wall time of each phase and, when lit printed its summary, one line
# "lit: N passed, N failed[, N skipped]".
set -uo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
SCRIPTS="$REPO/tools/scripts"
cd "$REPO"

PHASES=()
TIMES=()
LIT_LOG="$(mktemp "${TMPDIR:-/tmp}/mnc-check.XXXXXX")"
trap 'rm -f "$LIT_LOG"' EXIT

summary() {
  echo
  echo "== phase times"
  local i
  for i in "${!PHASES[@]}"; do
    printf '  %-10s %7ss\n' "${PHASES[$i]}" "${TIMES[$i]}"
  done
}

# run NAME CMD...: runs a phase, records its wall time; on failure prints the summary and exits.
run() {
  local name=$1; shift
  echo "== $name: $*"
  local t0=$SECONDS rc=0
  "$@" || rc=$?
  PHASES+=("$name"); TIMES+=("$((SECONDS - t0))")
  if ((rc != 0)); then
    summary
    echo "run-tests: $name failed (exit $rc)" >&2
    exit "$rc"
  fi
}

# lit's closing counts ("  Passed     : 12 (100.00%)" ...) as one plain line.
lit_counts() {
  awk '
    /^ *(Passed|Expectedly Failed) *: *[0-9]+/                           { p += $(NF-1) ; found=1 }
    /^ *(Failed|Unresolved|Timed Out|Unexpectedly Passed) *: *[0-9]+/    { f += $(NF-1) ; found=1 }
    /^ *(Unsupported|Skipped|Excluded) *: *[0-9]+/                       { s += $(NF-1) ; found=1 }
    END { if (found) { printf "lit: %d passed, %d failed", p, f; if (s) printf ", %d skipped", s; printf "\n" } }
  ' "$LIT_LOG"
}

check() {
  bash "$SCRIPTS/build.sh" check-mnc 2>&1 | tee "$LIT_LOG"
  return "${PIPESTATUS[0]}"
}

run setup bash "$SCRIPTS/setup.sh"
run build bash "$SCRIPTS/build.sh"
t0=$SECONDS
echo "== check: build.sh check-mnc"
rc=0
check || rc=$?
PHASES+=(check); TIMES+=("$((SECONDS - t0))")
summary
lit_counts
if ((rc != 0)); then
  echo "run-tests: check failed (exit $rc)" >&2
fi
exit "$rc"
