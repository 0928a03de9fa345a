#!/usr/bin/python3
"""Writes a seeded random float32 input file (raw little-endian, C order).

    /usr/bin/python3 test/lib/make_input.py --shape 1x3x224x224 --seed 0 OUT.bin

Values are uniform in [-1, 1] by default (numpy.random.default_rng(seed).uniform(-1, 1)),
drawn in float64 and rounded to float32; --dist normal gives standard normal values instead.
The same seed and shape always give the same bytes.
"""
import argparse
import sys

import numpy as np


def parse_shape(text):
    try:
        dims = [int(d) for d in text.replace(",", "x").split("x")]
    except ValueError:
        dims = []
    if not dims or any(d < 0 for d in dims):
        raise argparse.ArgumentTypeError(f"bad shape '{text}' (expected e.g. 1x3x224x224)")
    return dims


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--shape", type=parse_shape, required=True, help="e.g. 1x3x224x224")
    p.add_argument("--seed", type=int, default=0, help="RNG seed (default 0)")
    p.add_argument("--dist", choices=("uniform", "normal"), default="uniform",
                   help="uniform in [-1, 1] (default) or standard normal")
    p.add_argument("output", help="output file (raw little-endian float32)")
    a = p.parse_args(argv)

    rng = np.random.default_rng(a.seed)
    if a.dist == "uniform":
        x = rng.uniform(-1.0, 1.0, size=a.shape)
    else:
        x = rng.standard_normal(size=a.shape)
    x.astype("<f4").tofile(a.output)
    return 0


if __name__ == "__main__":
    sys.exit(main())
