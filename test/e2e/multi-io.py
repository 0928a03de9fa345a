# Several inputs and outputs, end to end against ONNX Runtime: NAME_run takes
# the inputs, then the outputs, then the workspace, in graph order, and writes
# every output in full, also one that is an input passed through (Dropout),
# a view of another output (Flatten) or the same tensor (Identity).
#
# Three outputs of two inputs: a conv (NCHW output), a pooled sum with the
# second input, and the second input through Dropout.
# RUN: %python %s %t.three.onnx three
# RUN: %python %testlib/multi_check.py --compiler mnc-compile --model %t.three.onnx --workdir %t.three | FileCheck %s
# RUN: %python %testlib/multi_check.py --compiler mnc-compile --model %t.three.onnx --workdir %t.three-par --parallel | FileCheck %s
# RUN: %python %testlib/multi_check.py --compiler mnc-compile --model %t.three.onnx --workdir %t.three-unfused -- --fuse=false | FileCheck %s
# RUN: %if aarch64-cross %{ %python %testlib/multi_check.py --compiler mnc-compile --model %t.three.onnx --workdir %t.three-a64 --cross aarch64 | FileCheck %s %}
# RUN: FileCheck %s --check-prefix=HEADER < %t.three/model.h
#
# One computed tensor as three outputs: itself, flattened, and through Identity.
# RUN: %python %s %t.views.onnx views
# RUN: %python %testlib/multi_check.py --compiler mnc-compile --model %t.views.onnx --workdir %t.views | FileCheck %s --check-prefix=VIEWS
#
# A one-input, one-output model whose output is its input keeps the
# unnumbered interface, and writes the output.
# RUN: %python %s %t.identity.onnx identity
# RUN: %python %testlib/e2e_check.py --compiler mnc-compile --model %t.identity.onnx --workdir %t.identity --min-std 0 | FileCheck %s
# RUN: FileCheck %s --check-prefix=SINGLE < %t.identity/model.h

# CHECK: PASS

# HEADER:      /* 2 inputs and 3 outputs, in the order of the ONNX graph and of model_run's arguments. */
# HEADER-NEXT: #define MODEL_INPUT_COUNT 2
# HEADER-NEXT: #define MODEL_OUTPUT_COUNT 3
# HEADER:      /* The input 0 'image'. */
# HEADER-NEXT: #define MODEL_INPUT0_SIZE 768 /* float elements, in the ONNX input's layout */
# HEADER-NEXT: #define MODEL_INPUT0_RANK 4
# HEADER-NEXT: #define MODEL_INPUT0_SHAPE {1, 3, 16, 16}
# HEADER:      /* The input 1 'bias'. */
# HEADER-NEXT: #define MODEL_INPUT1_SIZE 8
# HEADER:      /* The output 0 'features'. */
# HEADER-NEXT: #define MODEL_OUTPUT0_SIZE 2048
# HEADER-NEXT: #define MODEL_OUTPUT0_RANK 4
# HEADER-NEXT: #define MODEL_OUTPUT0_SHAPE {1, 8, 16, 16}
# HEADER:      /* The output 1 'mixed'. */
# HEADER-NEXT: #define MODEL_OUTPUT1_SIZE 8
# HEADER-NEXT: #define MODEL_OUTPUT1_RANK 2
# HEADER-NEXT: #define MODEL_OUTPUT1_SHAPE {1, 8}
# HEADER:      /* The output 2 'passthrough'. */
# HEADER-NEXT: #define MODEL_OUTPUT2_SIZE 8
# HEADER:      int model_run(const float *input0, const float *input1, float *output0, float *output1, float *output2, void *workspace);
# HEADER:      int model_run_parallel(const float *input0, const float *input1, float *output0, float *output1, float *output2, void *workspace,
# HEADER-NEXT:                        mnc_parallel_for_fn parallel_for, void *pool);

# VIEWS: output 0 'features': {{.*}} ok
# VIEWS: output 1 'flat': {{.*}} ok
# VIEWS: output 2 'copy': {{.*}} ok
# VIEWS: PASS

# SINGLE:     #define MODEL_INPUT_SIZE 12
# SINGLE:     #define MODEL_OUTPUT_SIZE 12
# SINGLE:     int model_run(const float *input, float *output, void *workspace);
# SINGLE-NOT: INPUT_COUNT

import sys

from onnx_testlib import check, helper, make_model, rand, save

variant = sys.argv[2]
conv = [
    helper.make_node("Conv", ["image", "w", "b"], ["c"], name="conv", kernel_shape=[3, 3],
                     pads=[1, 1, 1, 1]),
    helper.make_node("Relu", ["c"], ["features"], name="relu"),
]
weights = {"w": rand([8, 3, 3, 3], seed=1), "b": rand([8], seed=2)}
if variant == "three":
    nodes = conv + [
        helper.make_node("GlobalAveragePool", ["features"], ["pooled"], name="pool"),
        helper.make_node("Flatten", ["pooled"], ["flat"], name="flatten"),
        helper.make_node("Add", ["flat", "bias"], ["mixed"], name="add"),
        helper.make_node("Dropout", ["bias"], ["passthrough"], name="dropout"),
    ]
    model = make_model(nodes, [("image", "float32", [1, 3, 16, 16]), ("bias", "float32", [1, 8])],
                       [("features", "float32", [1, 8, 16, 16]), ("mixed", "float32", [1, 8]),
                        ("passthrough", "float32", [1, 8])], weights, opset=13)
elif variant == "views":
    nodes = conv + [
        helper.make_node("Flatten", ["features"], ["flat"], name="flatten"),
        helper.make_node("Identity", ["features"], ["copy"], name="identity"),
    ]
    model = make_model(nodes, [("image", "float32", [1, 3, 16, 16])],
                       [("features", "float32", [1, 8, 16, 16]), ("flat", "float32", [1, 2048]),
                        ("copy", "float32", [1, 8, 16, 16])], weights, opset=13)
else:
    nodes = [helper.make_node("Dropout", ["x"], ["y"], name="dropout")]
    model = make_model(nodes, [("x", "float32", [3, 4])], [("y", "float32", [3, 4])], opset=13)
save(check(model), sys.argv[1])
