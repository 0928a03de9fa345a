#!/usr/bin/python3
"""Print a histogram of the ops defined in MLIR text.

Usage:  count_ops.py [FILE] [--dialect mnc | --all]

Reads FILE (or stdin) and prints one line per op name, sorted by name:
    mnc.conv2d 62
An op is counted where it starts a statement:
    %0 = mnc.conv2d ...      %a:2 = mnc.foo ...      %x, %y = mnc.bar ...
    mnc.foo ...              (no result)
    %0 = "mnc.conv2d"(...)   (generic form)
Whole-line comments (//) and attribute/type aliases (#..., !...) are ignored.
By default only ops of dialect `mnc` are counted; --all counts every dialect
(the prefix-less custom forms `module` and `return` count as builtin.module
and func.return).
"""

import argparse
import collections
import re
import sys

# Optional result list: `%0 = `, `%0:2 = `, `%a, %b = `.
_RESULTS = r"(?:%[\w$.-]+(?::\d+)?(?:\s*,\s*%[\w$.-]+(?::\d+)?)*\s*=\s*)?"
# Op name, custom (`dialect.op`) or generic (`"dialect.op"`), then a delimiter.
_OP = re.compile(r"^" + _RESULTS
                 + r"(?:\"([A-Za-z_][\w$.]*)\"|([A-Za-z_][\w$]*\.[\w$.]+))"
                 + r"(?=[\s({<\[:]|$)")
# Ops that the custom printer writes without their dialect prefix.
_BARE = {"module": "builtin.module", "return": "func.return"}
_BARE_RE = re.compile(r"^(module|return)(?=[\s{@]|$)")


def count_ops(lines, dialect="mnc"):
    """Return a Counter op name -> count; dialect=None counts every dialect."""
    hist = collections.Counter()
    for line in lines:
        s = line.strip()
        if not s or s.startswith(("//", "#", "!")):
            continue
        m = _OP.match(s)
        b = None if m else _BARE_RE.match(s)
        name = (m.group(1) or m.group(2)) if m else (_BARE[b.group(1)] if b else None)
        if name and (dialect is None or name.startswith(dialect + ".")):
            hist[name] += 1
    return hist


def main(argv=None):
    ap = argparse.ArgumentParser(description="Histogram of ops in MLIR text.")
    ap.add_argument("file", nargs="?", help="MLIR file (default: stdin)")
    g = ap.add_mutually_exclusive_group()
    g.add_argument("--dialect", default="mnc", help="count ops of this dialect (default mnc)")
    g.add_argument("--all", action="store_true", help="count ops of every dialect")
    args = ap.parse_args(argv)
    f = open(args.file) if args.file else sys.stdin
    with f:
        hist = count_ops(f, None if args.all else args.dialect)
    for name in sorted(hist):
        print(f"{name} {hist[name]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
