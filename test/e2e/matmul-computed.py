# Gemm and MatMul whose operands are computed at run time, against ONNX
# Runtime: the weight of the fully connected layer is then B (or its
# transpose) at run time, alpha scales the product, and beta * C of any shape
# that broadcasts to [M, N] (a full [M, N] matrix, a column [M, 1], computed
# or constant) is added after it. Also MatMul with 1-D operands.
# RUN: %python %s %t.gemm.onnx gemm
# RUN: %python %testlib/multi_check.py --compiler mnc-compile --model %t.gemm.onnx --workdir %t.gemm | FileCheck %s
# RUN: %if aarch64-cross %{ %python %testlib/multi_check.py --compiler mnc-compile --model %t.gemm.onnx --workdir %t.gemm-a64 --cross aarch64 | FileCheck %s %}
# RUN: %python %s %t.matmul.onnx matmul
# RUN: %python %testlib/multi_check.py --compiler mnc-compile --model %t.matmul.onnx --workdir %t.matmul | FileCheck %s
# RUN: %python %testlib/multi_check.py --compiler mnc-compile --model %t.matmul.onnx --workdir %t.matmul-par --parallel | FileCheck %s
# Batched products of two computed tensors, rank 3 and rank 4 (stored NHWC
# inside the library), and a batched B whose batch dimensions differ (refused
# in one line).
# RUN: %python %s %t.batched.onnx batched
# RUN: %python %testlib/multi_check.py --compiler mnc-compile --model %t.batched.onnx --workdir %t.batched | FileCheck %s
# RUN: %if aarch64-cross %{ %python %testlib/multi_check.py --compiler mnc-compile --model %t.batched.onnx --workdir %t.batched-a64 --cross aarch64 | FileCheck %s %}
# RUN: %python %s %t.mismatch.onnx mismatch
# RUN: not mnc-compile %t.mismatch.onnx --emit=mnc 2>&1 | FileCheck %s --check-prefix=MISMATCH -DFILE=%t.mismatch.onnx
# RUN: mnc-compile %t.gemm.onnx --emit=mnc | FileCheck %s --check-prefix=IMPORT
# CHECK: PASS

# MISMATCH: [[FILE]]: error: node 0 'bmm' (MatMul): a batched B needs the same batch dimensions on both sides, got [2, 3, 4] x [1, 4, 5]

# The constant-B Gemm keeps its per-column bias; the others add C after.
# IMPORT-LABEL: func.func @main
# IMPORT: mnc.fully_connected %{{.*}}, %{{.*}} bias(%{{.*}}) : (tensor<3x5xf32>, tensor<4x5xf32>, tensor<4xf32>) -> tensor<3x4xf32>
# IMPORT: mnc.transpose
# IMPORT: mnc.fully_connected %{{.*}}, %{{.*}} : (tensor<3x5xf32>, tensor<4x5xf32>) -> tensor<3x4xf32>
# IMPORT: mnc.mul
# IMPORT: mnc.add

import sys

from onnx import helper

from onnx_testlib import make_model, rand, save

variant = sys.argv[2]
if variant == "gemm":
    nodes = [
        helper.make_node("Relu", ["a"], ["ra"], name="relu_a"),
        helper.make_node("Relu", ["b"], ["rb"], name="relu_b"),
        # Constant B, per-column C: a fully connected layer with a bias.
        helper.make_node("Gemm", ["ra", "w", "c"], ["y0"], name="gemm_const", transB=1),
        # Computed B (transposed at run time), computed [M, N] C, alpha, beta.
        helper.make_node("Gemm", ["ra", "rb", "full"], ["y1"], name="gemm_computed",
                         alpha=0.5, beta=2.0),
        # transA and transB with a constant column C.
        helper.make_node("Transpose", ["ra"], ["at"], name="t", perm=[1, 0]),
        helper.make_node("Relu", ["bt_in"], ["bt"], name="relu_bt"),
        helper.make_node("Gemm", ["at", "bt", "col"], ["y2"], name="gemm_trans", transA=1,
                         transB=1, beta=0.25),
    ]
    inputs = [("a", "float32", [3, 5]), ("b", "float32", [5, 4]), ("full", "float32", [3, 4]),
              ("bt_in", "float32", [4, 5])]
    outputs = [("y0", "float32", [3, 4]), ("y1", "float32", [3, 4]), ("y2", "float32", [3, 4])]
    inits = {"w": rand([4, 5], seed=1), "c": rand([4], seed=2), "col": rand([3, 1], seed=3)}
elif variant == "batched":
    nodes = [
        helper.make_node("Sigmoid", ["a"], ["sa"], name="sig_a"),
        helper.make_node("MatMul", ["sa", "b"], ["p3"], name="bmm3"),
        helper.make_node("Conv", ["img", "w"], ["feat"], name="conv", kernel_shape=[1, 1]),
        helper.make_node("MatMul", ["feat", "c"], ["p4"], name="bmm4"),
    ]
    inputs = [("a", "float32", [2, 3, 4]), ("b", "float32", [2, 4, 5]),
              ("img", "float32", [1, 3, 6, 4]), ("c", "float32", [1, 2, 4, 7])]
    outputs = [("p3", "float32", [2, 3, 5]), ("p4", "float32", [1, 2, 6, 7])]
    inits = {"w": rand([2, 3, 1, 1], seed=4)}
elif variant == "mismatch":
    nodes = [helper.make_node("MatMul", ["a", "b"], ["y"], name="bmm")]
    inputs = [("a", "float32", [2, 3, 4]), ("b", "float32", [1, 4, 5])]
    outputs = [("y", "float32", [2, 3, 5])]
    inits = {}
else:
    nodes = [
        helper.make_node("Sigmoid", ["x"], ["sx"], name="sig_x"),
        helper.make_node("Sigmoid", ["y"], ["sy"], name="sig_y"),
        # [2, 3, 5] x [5, 6]: rows flattened and back.
        helper.make_node("MatMul", ["sx", "sy"], ["p"], name="batched_a"),
        # [5] x [5, 6] and [2, 3, 5] x [5].
        helper.make_node("MatMul", ["v", "sy"], ["q"], name="vector_a"),
        helper.make_node("MatMul", ["sx", "v"], ["r"], name="vector_b"),
    ]
    inputs = [("x", "float32", [2, 3, 5]), ("y", "float32", [5, 6]), ("v", "float32", [5])]
    outputs = [("p", "float32", [2, 3, 6]), ("q", "float32", [6]), ("r", "float32", [2, 3])]
    inits = {}
save(make_model(nodes, inputs, outputs, inits, opset=13), sys.argv[1])
