# A model of one input and two outputs (a detector's head in miniature), so
# that a header of the numbered form (NAME_INPUT0_SIZE, NAME_OUTPUT1_SIZE)
# exists for the README's snippets.
import sys

from onnx_testlib import helper, make_model, rand, save

nodes = [helper.make_node("Relu", ["x"], ["a"], name="relu"),
         helper.make_node("Sigmoid", ["x"], ["b"], name="sigmoid")]
save(make_model(nodes, [("x", "float32", [1, 8])],
                [("a", "float32", [1, 8]), ("b", "float32", [1, 8])], {}),
     sys.argv[1])
