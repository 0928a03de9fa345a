#!/usr/bin/env python3
"""Compares a compiled model's output with ONNX Runtime's.

    compare_outputs.py OURS.bin REFERENCE.bin [--rtol 1e-4] [--min-std 0.1]

Both files are raw float32. Prints the element count, max |diff|,
max |ref|, their ratio and the reference's standard deviation, and exits
non-zero when the ratio exceeds --rtol (the test's tolerance is relative to
the output's scale, so an absolute bound cannot pass a model whose outputs
are all tiny) or when the reference's spread is below --min-std (a test
model whose outputs barely vary would hide errors).
"""

import argparse
import sys

import numpy as np


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("ours")
    parser.add_argument("reference")
    parser.add_argument("--rtol", type=float, default=1e-4,
                        help="largest allowed max|diff| / max|ref|")
    parser.add_argument("--min-std", type=float, default=0.1,
                        help="smallest allowed standard deviation of the reference")
    args = parser.parse_args()

    ours = np.fromfile(args.ours, dtype=np.float32)
    ref = np.fromfile(args.reference, dtype=np.float32)
    if ours.size != ref.size or ref.size == 0:
        print(f"FAIL: sizes differ or are empty: ours {ours.size}, reference {ref.size}")
        return 1
    if not np.all(np.isfinite(ours)):
        print("FAIL: output holds non-finite values")
        return 1
    diff = np.abs(ours.astype(np.float64) - ref.astype(np.float64))
    max_diff = float(diff.max())
    max_ref = float(np.abs(ref).max())
    ratio = max_diff / max_ref if max_ref > 0 else float("inf")
    std = float(ref.std())
    print(f"elements={ref.size} max_abs_diff={max_diff:.3e} max_abs_ref={max_ref:.3e} "
          f"relative={ratio:.3e} ref_std={std:.3e}")
    if std < args.min_std:
        print(f"FAIL: reference std {std:.3e} < {args.min_std}: the test model's output has no real spread")
        return 1
    if ratio > args.rtol:
        print(f"FAIL: max|diff| / max|ref| = {ratio:.3e} exceeds {args.rtol:.1e}")
        return 1
    print("PASS")
    return 0


if __name__ == "__main__":
    sys.exit(main())
