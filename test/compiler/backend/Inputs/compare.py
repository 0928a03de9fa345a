"""Compares two raw float32 files: compare.py ACTUAL.bin EXPECTED.bin [TOL]

Prints "match: N values, max abs error E" and exits 0 when every value is
within TOL (default 1e-4) of the expected one, relative to max(1, |expected|);
otherwise prints the worst value and exits 1.
"""
import sys

import numpy as np

actual = np.fromfile(sys.argv[1], dtype="<f4").astype(np.float64)
expected = np.fromfile(sys.argv[2], dtype="<f4").astype(np.float64)
tolerance = float(sys.argv[3]) if len(sys.argv) > 3 else 1e-4
if actual.shape != expected.shape:
    sys.exit(f"size mismatch: {actual.size} values, expected {expected.size}")
error = np.abs(actual - expected) / np.maximum(1.0, np.abs(expected))
if not np.all(np.isfinite(actual)) or error.max() > tolerance:
    i = int(np.nanargmax(error)) if np.all(np.isfinite(actual)) else int(np.argmin(np.isfinite(actual)))
    sys.exit(f"mismatch at {i}: {actual[i]} expected {expected[i]} (tolerance {tolerance})")
print(f"match: {actual.size} values, max abs error {np.abs(actual - expected).max():.3g}")
