"""A model of two inputs, an image 'image' [1, 3, 8, 8] and a vector 'shift'
[1, 8]: Conv + GlobalAveragePool + Flatten, plus the vector; for the tests
of the input format options (not a test itself)."""
import sys

from onnx import helper

from onnx_testlib import make_model, rand, save

nodes = [
    helper.make_node("Conv", ["image", "w", "b"], ["c"], name="conv", pads=[1, 1, 1, 1]),
    helper.make_node("GlobalAveragePool", ["c"], ["p"], name="pool"),
    helper.make_node("Flatten", ["p"], ["f"], name="flatten"),
    helper.make_node("Add", ["f", "shift"], ["y"], name="add"),
]
save(make_model(nodes, [("image", "float32", [1, 3, 8, 8]), ("shift", "float32", [1, 8])],
                [("y", "float32", [1, 8])],
                {"w": rand([8, 3, 3, 3], seed=1), "b": rand([8], seed=2)}, opset=13),
     sys.argv[1])
