#!/usr/bin/python3
"""Rewrite torchvision MobileNetV3 exports into other exporters' idioms.

Usage:
    /usr/bin/python3 test/models/make_idiom_variants.py --in-dir DIR --out-dir DIR [--ort]

Reads the BatchNorm-kept exports that export_torchvision.py writes into
--in-dir and edits their graphs with onnx.helper (weights unchanged):

  mnv3_small_tf.onnx     from mnv3_small_op13_bn.onnx, tf2onnx style (opset 13):
      h-swish  x * Clip(x + 3, 0, 6) * 0.16666667, written three ways in turn:
               (x * clip) * k,  x * (clip * k),  k * (clip(3 + x) * x);
      SE gate  Clip(x + 3, 0, 6) * 0.16666667 and Clip(x + 3, 0, 6) / 6 in turn;
      pooling  ReduceMean(axes=[2, 3], keepdims=1) for every GlobalAveragePool
               (the SE blocks' and the head's);
      stride-2 convs get an explicit Pad node before them (pads an int64
               input [0, 0, t, l, 0, 0, b, r], mode constant, value 0; every
               other Pad also has the constant_value input) and pads 0 on
               the Conv: the same function;
      Relu and BatchNormalization as exported. Scalars are shared initializers.
  mnv3_large_paddle.onnx from mnv3_large_op13_bn.onnx, paddle2onnx style (opset 13):
      SE gate  HardSigmoid(alpha=0.2, beta=0.5) (PaddleClas' SE slope: this
               changes the function relative to torch's 1/6 on purpose, ONNX
               Runtime is the reference for this file);
      h-swish  Div(Mul(x, Clip(Add(x, 3), 0, 6)), 6): Relu6 is a Clip whose
               bounds are inputs, the scalars come from Constant nodes
               (one set per h-swish, as paddle2onnx writes them);
      BatchNormalization after every non-SE conv, GlobalAveragePool pooling,
      Relu, Flatten and Gemm as exported.

Both files pass onnx.checker (full_check). The output is byte-identical from
run to run. With --ort the script also runs ONNX Runtime
(node test/lib/ort_run.js) on a seeded input and fails unless the logits are
finite with std > 0.1.
"""

import argparse
import collections
import hashlib
import os
import subprocess
import sys
import tempfile

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

HERE = os.path.dirname(os.path.abspath(__file__))
ORT_RUN = os.path.join(HERE, "..", "lib", "ort_run.js")

K_SIXTH = np.float32(0.16666667)


# ------------------------------------------------------------- analysis ---

def consumers(graph):
    """tensor name -> list of (node index, node) that read it."""
    uses = collections.defaultdict(list)
    for i, n in enumerate(graph.node):
        for name in n.input:
            if name:
                uses[name].append((i, n))
    return uses


def classify_hardsigmoids(graph):
    """Splits the HardSigmoid nodes into h-swish pairs and gates.

    Returns (hswish, gates): hswish maps the HardSigmoid's index to the index
    of the Mul(x, HardSigmoid(x)) that completes it; gates is the set of
    indices of the other HardSigmoids (the SE gates)."""
    uses = consumers(graph)
    hswish, gates = {}, set()
    for i, n in enumerate(graph.node):
        if n.op_type != "HardSigmoid":
            continue
        x = n.input[0]
        users = uses[n.output[0]]
        pair = [j for j, u in users
                if u.op_type == "Mul" and sorted(u.input) == sorted([x, n.output[0]])]
        if len(users) == 1 and pair:
            hswish[i] = pair[0]
        else:
            gates.add(i)
    return hswish, gates


def attr(node, name, default=None):
    for a in node.attribute:
        if a.name == name:
            return helper.get_attribute_value(a)
    return default


def set_attr(node, name, value):
    for i, a in enumerate(node.attribute):
        if a.name == name:
            del node.attribute[i]
            break
    node.attribute.extend([helper.make_attribute(name, value)])
    # Attributes in name order, as exporters write them.
    ordered = sorted(node.attribute, key=lambda a: a.name)
    del node.attribute[:]
    node.attribute.extend(ordered)


def scope(node):
    """The node's name without its last component: '/a/b/Op' -> '/a/b'."""
    return node.name.rsplit("/", 1)[0] if "/" in node.name else node.name


def new_model(base, nodes, extra_initializers, producer):
    g = base.graph
    graph = helper.make_graph(
        nodes, g.name, list(g.input), list(g.output),
        initializer=list(g.initializer) + list(extra_initializers))
    m = helper.make_model(graph, opset_imports=list(base.opset_import),
                          producer_name=producer[0], producer_version=producer[1])
    m.ir_version = base.ir_version
    return m


# ---------------------------------------------------------------- tf2onnx ---

def make_tf(base):
    g = base.graph
    hswish, gates = classify_hardsigmoids(g)
    skip = set(hswish.values())
    inits = [
        numpy_helper.from_array(np.array(3.0, np.float32), "const_three"),
        numpy_helper.from_array(np.array(0.0, np.float32), "const_zero"),
        numpy_helper.from_array(np.array(6.0, np.float32), "const_six"),
        numpy_helper.from_array(K_SIXTH, "const_one_sixth"),
    ]
    nodes = []
    n_hswish = n_gate = n_pad = n_pool = 0
    pad_inits = {}
    for i, n in enumerate(g.node):
        if i in skip:
            continue
        s = scope(n)
        if i in hswish:
            x = n.input[0]
            y = g.node[hswish[i]].output[0]
            form = n_hswish % 3
            n_hswish += 1
            add, clip, mul, scaled = (s + "/add", s + "/Relu6", s + "/mul",
                                      s + "/mul_1")
            if form == 0:    # (x * relu6(x + 3)) * k
                nodes += [
                    helper.make_node("Add", [x, "const_three"], [add + ":0"], name=add),
                    helper.make_node("Clip", [add + ":0", "const_zero", "const_six"],
                                     [clip + ":0"], name=clip),
                    helper.make_node("Mul", [x, clip + ":0"], [mul + ":0"], name=mul),
                    helper.make_node("Mul", [mul + ":0", "const_one_sixth"], [y],
                                     name=scaled)]
            elif form == 1:  # x * (relu6(x + 3) * k)   (keras: x * hard_sigmoid(x))
                nodes += [
                    helper.make_node("Add", [x, "const_three"], [add + ":0"], name=add),
                    helper.make_node("Clip", [add + ":0", "const_zero", "const_six"],
                                     [clip + ":0"], name=clip),
                    helper.make_node("Mul", [clip + ":0", "const_one_sixth"],
                                     [mul + ":0"], name=mul),
                    helper.make_node("Mul", [x, mul + ":0"], [y], name=scaled)]
            else:            # k * (relu6(3 + x) * x)    (constants first)
                nodes += [
                    helper.make_node("Add", ["const_three", x], [add + ":0"], name=add),
                    helper.make_node("Clip", [add + ":0", "const_zero", "const_six"],
                                     [clip + ":0"], name=clip),
                    helper.make_node("Mul", [clip + ":0", x], [mul + ":0"], name=mul),
                    helper.make_node("Mul", ["const_one_sixth", mul + ":0"], [y],
                                     name=scaled)]
        elif i in gates:
            x, y = n.input[0], n.output[0]
            add, clip, last = s + "/add", s + "/Relu6", s + "/truediv"
            nodes += [
                helper.make_node("Add", [x, "const_three"], [add + ":0"], name=add),
                helper.make_node("Clip", [add + ":0", "const_zero", "const_six"],
                                 [clip + ":0"], name=clip)]
            if n_gate % 2 == 0:
                nodes.append(helper.make_node("Mul", [clip + ":0", "const_one_sixth"],
                                              [y], name=s + "/mul"))
            else:
                nodes.append(helper.make_node("Div", [clip + ":0", "const_six"], [y],
                                              name=last))
            n_gate += 1
        elif n.op_type == "GlobalAveragePool":
            nodes.append(helper.make_node(
                "ReduceMean", [n.input[0]], list(n.output),
                name=s + "/Mean", axes=[2, 3], keepdims=1))
            n_pool += 1
        elif n.op_type == "Conv" and attr(n, "strides", [1, 1]) != [1, 1] \
                and any(attr(n, "pads", [0, 0, 0, 0])):
            t, l, b, r = attr(n, "pads")
            key = (t, l, b, r)
            if key not in pad_inits:
                name = "pads_%d_%d_%d_%d" % key
                pad_inits[key] = name
                inits.append(numpy_helper.from_array(
                    np.array([0, 0, t, l, 0, 0, b, r], np.int64), name))
            padded = s + "/Pad:0"
            pad_inputs = [n.input[0], pad_inits[key]]
            if n_pad > 0:
                pad_inputs.append("const_zero")
            nodes.append(helper.make_node("Pad", pad_inputs, [padded],
                                          name=s + "/Pad", mode="constant"))
            conv = onnx.NodeProto()
            conv.CopyFrom(n)
            conv.input[0] = padded
            set_attr(conv, "pads", [0, 0, 0, 0])
            nodes.append(conv)
            n_pad += 1
        else:
            nodes.append(n)
    counts = dict(hswish=n_hswish, gates=n_gate, pads=n_pad, pools=n_pool)
    return new_model(base, nodes, inits, ("tf2onnx", "1.9.3")), counts


# ------------------------------------------------------------- paddle2onnx ---

def make_paddle(base):
    g = base.graph
    hswish, gates = classify_hardsigmoids(g)
    skip = set(hswish.values())
    nodes = []
    n_hswish = n_gate = 0

    def constant(name, value):
        out = name + ".tmp_0"
        nodes.append(helper.make_node(
            "Constant", [], [out], name=name,
            value=numpy_helper.from_array(np.array(value, np.float32), name + ".value")))
        return out

    for i, n in enumerate(g.node):
        if i in skip:
            continue
        s = scope(n)
        if i in hswish:
            x = n.input[0]
            y = g.node[hswish[i]].output[0]
            base_name = "hardswish_%d" % n_hswish
            n_hswish += 1
            three = constant(base_name + "/Constant", 3.0)
            zero = constant(base_name + "/Constant_1", 0.0)
            six = constant(base_name + "/Constant_2", 6.0)
            scale = constant(base_name + "/Constant_3", 6.0)
            nodes += [
                helper.make_node("Add", [x, three], [base_name + ".add"],
                                 name=base_name + "/Add"),
                helper.make_node("Clip", [base_name + ".add", zero, six],
                                 [base_name + ".relu6"], name=base_name + "/Clip"),
                helper.make_node("Mul", [x, base_name + ".relu6"],
                                 [base_name + ".mul"], name=base_name + "/Mul"),
                helper.make_node("Div", [base_name + ".mul", scale], [y],
                                 name=base_name + "/Div")]
        elif i in gates:
            nodes.append(helper.make_node(
                "HardSigmoid", list(n.input), list(n.output),
                name="hardsigmoid_%d" % n_gate, alpha=0.2, beta=0.5))
            n_gate += 1
        else:
            nodes.append(n)
    counts = dict(hswish=n_hswish, gates=n_gate)
    return new_model(base, nodes, [], ("PaddlePaddle", "2.1.0")), counts


# ------------------------------------------------------------------ main ---

VARIANTS = [
    # output name, base file, builder
    ("mnv3_small_tf", "mnv3_small_op13_bn", make_tf),
    ("mnv3_large_paddle", "mnv3_large_op13_bn", make_paddle),
]


def histogram(model):
    return collections.Counter(n.op_type for n in model.graph.node)


def ort_stats(path, out_dir):
    """Runs ONNX Runtime on a seeded input; returns (std, mean, max-abs, finite)."""
    shape = [d.dim_value for d in onnx.load(path, load_external_data=False)
             .graph.input[0].type.tensor_type.shape.dim]
    x = np.random.default_rng(1).uniform(-1.0, 1.0, int(np.prod(shape))).astype(np.float32)
    with tempfile.TemporaryDirectory(dir=out_dir) as tmp:
        inp, outp = os.path.join(tmp, "in.bin"), os.path.join(tmp, "out.bin")
        x.tofile(inp)
        subprocess.run(["node", ORT_RUN, path, "--input", inp, "--output", outp],
                       check=True)
        y = np.fromfile(outp, np.float32).astype(np.float64)
    return float(y.std()), float(y.mean()), float(np.abs(y).max()), bool(np.isfinite(y).all())


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--in-dir", required=True,
                    help="directory with export_torchvision.py's models")
    ap.add_argument("--out-dir", required=True)
    ap.add_argument("--ort", action="store_true",
                    help="also check the logits' spread with ONNX Runtime")
    args = ap.parse_args(argv)
    os.makedirs(args.out_dir, exist_ok=True)

    for name, base_name, build in VARIANTS:
        base = onnx.load(os.path.join(args.in_dir, base_name + ".onnx"))
        model, counts = build(base)
        onnx.checker.check_model(model, full_check=True)
        data = model.SerializeToString()
        path = os.path.join(args.out_dir, name + ".onnx")
        with open(path, "wb") as f:
            f.write(data)
        hist = histogram(model)
        print(f"{name}.onnx  from {base_name}  {len(data)} bytes  "
              f"sha256 {hashlib.sha256(data).hexdigest()[:16]}")
        print("  rewrote " + ", ".join(f"{k} {v}" for k, v in counts.items()))
        print("  ops " + ", ".join(f"{k} {v}" for k, v in sorted(hist.items()))
              + f"  (total {sum(hist.values())})")
        if args.ort:
            std, mean, maxabs, finite = ort_stats(path, args.out_dir)
            ok = finite and std > 0.1
            print(f"  ORT logits std {std:.3f}  mean {mean:.3f}  max-abs {maxabs:.3f}  "
                  f"{'ok' if ok else 'UNHEALTHY'}")
            if not ok:
                print(f"error: {name}: unhealthy logits", file=sys.stderr)
                return 1
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
