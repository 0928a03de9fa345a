#!/usr/bin/python3
"""Writes a copy of an ONNX model whose graph outputs are the named tensors.

    select_outputs.py IN.onnx OUT.onnx NAME [NAME...]

The outputs become exactly NAME..., in that order (a graph output keeps its
type and shape; any other tensor is declared float32 of unknown shape), so
that ONNX Runtime returns the tensors `mnc-compile --outputs NAME,...`
compiles, in the same order: the reference for multi_check.py --reference.
Every node stays (ONNX Runtime computes what the outputs need).
"""

import sys

import onnx
from onnx import TensorProto, helper


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__.strip().splitlines()[2].strip())
    source, target, names = sys.argv[1], sys.argv[2], sys.argv[3:]
    model = onnx.load(source)
    graph = model.graph
    produced = {out for node in graph.node for out in node.output}
    known = {o.name: o for o in graph.output}
    outputs = []
    for name in names:
        if name not in produced:
            sys.exit(f"select_outputs: error: no node of {source} produces '{name}'")
        outputs.append(known.get(name) or helper.make_tensor_value_info(name, TensorProto.FLOAT,
                                                                         None))
    del graph.output[:]
    graph.output.extend(outputs)
    onnx.save(model, target)


if __name__ == "__main__":
    main()
