"""Helpers for per-op lit tests that build a tiny ONNX model.

A test is a python file that builds a model and saves it to argv[1]:

    # RUN: %python %s %t.onnx && mnc-compile %t.onnx --emit=mnc | FileCheck %s
    from onnx_testlib import make_single_op_model, main_save, rand
    main_save(make_single_op_model(
        "Conv", [("x", "float32", [1, 8, 14, 14])], [("y", "float32", [1, 16, 14, 14])],
        attrs={"pads": [1, 1, 1, 1]}, initializers={"w": rand([16, 8, 3, 3], seed=1)},
        node_inputs=["x", "w"]))
    # CHECK: mnc.conv2d

test/lib must be importable: put it on PYTHONPATH in the lit config (or
sys.path.insert it in the test).  Models are saved without running the ONNX
checker (libonnx 1.12 knows opsets up to 17 only, and tests may build invalid
models on purpose); call check() where a valid model is intended.
"""

import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

__all__ = ["elem_type", "value_info", "make_single_op_model", "make_model",
           "save", "main_save", "check", "rand", "TensorProto", "helper"]


def elem_type(t):
    """ONNX element type from a TensorProto enum int, a numpy dtype/type, or a
    dtype name such as "float32" or "int64"."""
    if isinstance(t, int):
        return t
    return onnx.mapping.NP_TYPE_TO_TENSOR_TYPE[np.dtype(t)]


def value_info(name, t, shape):
    """Tensor ValueInfoProto. shape: list of ints and/or strings (dynamic dims,
    e.g. "N"), None for an unknown dim; shape=None for unknown rank."""
    return helper.make_tensor_value_info(name, elem_type(t), shape)


def make_model(nodes, inputs, outputs, initializers=None, opset=13,
               name="test", value_infos=None):
    """Model from a list of NodeProtos.

    inputs/outputs: lists of (name, elem type, shape) as for value_info().
    initializers:  dict name -> numpy array (or an ordered list of TensorProto).
    opset:         default-domain opset version.
    value_infos:   optional list of (name, elem type, shape) for intermediate
                   tensors."""
    inits = initializers or {}
    if isinstance(inits, dict):
        inits = [numpy_helper.from_array(np.asarray(v), k) for k, v in inits.items()]
    graph = helper.make_graph(
        list(nodes), name,
        [value_info(*i) for i in inputs],
        [value_info(*o) for o in outputs],
        initializer=inits,
        value_info=[value_info(*v) for v in (value_infos or [])])
    # IR version 8 is what opsets 17/18 shipped with; it loads everywhere we care.
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", opset)],
                             ir_version=8, producer_name="mnc-onnx-testlib")


def make_single_op_model(op_type, inputs, outputs, attrs=None, initializers=None,
                         opset=13, extra_nodes=None, node_inputs=None,
                         node_outputs=None):
    """Model with one `op_type` node.

    inputs/outputs: lists of (name, elem type, shape); shapes may hold strings
                    for dynamic dims.
    attrs:          dict of node attributes (helper.make_node kwargs).
    initializers:   dict name -> numpy array (constant weights, axes, ...).
    node_inputs:    the node's inputs (default: graph input names, then the
                    initializer names in dict order); use "" for an omitted
                    optional input.
    node_outputs:   the node's outputs (default: graph output names).
    extra_nodes:    NodeProtos appended after the main node (e.g. to consume
                    its result); they may also refer to the graph tensors."""
    initializers = initializers or {}
    if node_inputs is None:
        node_inputs = [i[0] for i in inputs] + list(initializers)
    if node_outputs is None:
        node_outputs = [o[0] for o in outputs]
    node = helper.make_node(op_type, list(node_inputs), list(node_outputs),
                            name=op_type.lower() + "_0", **(attrs or {}))
    return make_model([node] + list(extra_nodes or []), inputs, outputs,
                      initializers, opset, name="test_" + op_type.lower())


def check(model):
    """Run the ONNX checker (with shape inference); only for opset <= 17."""
    onnx.checker.check_model(model, full_check=True)
    return model


def save(model, path):
    """Save without running the checker."""
    onnx.save(model, path)


def main_save(model):
    """Save to sys.argv[1] (the lit %t.onnx)."""
    if len(sys.argv) != 2:
        sys.exit(f"usage: {sys.argv[0]} OUT.onnx")
    save(model, sys.argv[1])


def rand(shape, seed, dtype=np.float32, low=-1.0, high=1.0):
    """Deterministic uniform random array in [low, high) (ints: [low, high))."""
    rng = np.random.default_rng(seed)
    if np.issubdtype(np.dtype(dtype), np.integer):
        return rng.integers(int(low), int(high), size=shape).astype(dtype)
    return rng.uniform(low, high, size=shape).astype(dtype)
