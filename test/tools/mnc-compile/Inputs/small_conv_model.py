"""A Conv + BatchNormalization + Relu + GlobalAveragePool + Flatten + Gemm
model with seeded weights, for the driver's tests (not a test itself)."""
import sys

import numpy as np
from onnx import helper

from onnx_testlib import make_model, rand, save

nodes = [
    helper.make_node("Conv", ["x", "w", "b"], ["c"], name="conv", pads=[1, 1, 1, 1]),
    helper.make_node("BatchNormalization", ["c", "s", "t", "m", "v"], ["n"], name="bn"),
    helper.make_node("Relu", ["n"], ["r"], name="relu"),
    helper.make_node("GlobalAveragePool", ["r"], ["p"], name="pool"),
    helper.make_node("Flatten", ["p"], ["f"], name="flatten"),
    helper.make_node("Gemm", ["f", "g", "h"], ["y"], name="fc", transB=1),
]
weights = {
    "w": rand([8, 3, 3, 3], seed=1), "b": rand([8], seed=2),
    "s": rand([8], seed=3, low=0.5, high=1.5), "t": rand([8], seed=4),
    "m": rand([8], seed=5), "v": rand([8], seed=6, low=0.5, high=2.0),
    "g": rand([10, 8], seed=7), "h": rand([10], seed=8),
}
save(make_model(nodes, [("x", "float32", [1, 3, 8, 8])], [("y", "float32", [1, 10])],
                weights, opset=13), sys.argv[1])
