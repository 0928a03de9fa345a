# The generated header: the contract macros and prototype, an include guard,
# C++ linkage, and mnc_runtime.h beside it. The name comes from the archive's
# file name: "lib" and the extension go, other characters become '_'.
# Both headers compile cleanly as strict C99 and as C++.
# RUN: rm -rf %t && mkdir -p %t/out
# RUN: %python %s %t/model.onnx
# RUN: mnc-compile %t/model.onnx -o %t/out/libmy-model.v2.a
# RUN: ls %t/out | FileCheck %s --check-prefix=FILES
# RUN: FileCheck %s < %t/out/my_model_v2.h
# RUN: diff %t/out/mnc_runtime.h %S/../../../runtime/mnc_runtime.h
# RUN: cc -std=c99 -pedantic -Wall -Wextra -Werror -fsyntax-only -x c %t/out/my_model_v2.h
# RUN: c++ -std=c++11 -pedantic -Wall -Wextra -Werror -fsyntax-only -x c++ %t/out/my_model_v2.h
# RUN: cc -std=c99 -pedantic -Wall -Wextra -Werror -fsyntax-only -x c %S/../../../runtime/mnc_runtime.h

from onnx_testlib import helper, make_model, rand, save
import sys

nodes = [helper.make_node("Gemm", ["x", "w", "b"], ["h"], name="fc", transB=1),
         helper.make_node("Relu", ["h"], ["y"], name="relu")]
save(make_model(nodes, [("x", "float32", [3, 16])], [("y", "float32", [3, 8])],
                {"w": rand([8, 16], seed=1), "b": rand([8], seed=2)}),
     sys.argv[1])

# FILES:      libmy-model.v2.a
# FILES-NEXT: mnc_runtime.h
# FILES-NEXT: my_model_v2.h
# FILES-NOT:  {{.}}

# CHECK:      /*
# CHECK-NEXT:  * my_model_v2.h - the model model.onnx, compiled by mnc-compile into
# CHECK-NEXT:  * libmy-model.v2.a. Generated file; do not edit.
# CHECK:       * Target: {{.*}}, cpu {{.*}}
# CHECK:       */
# CHECK-NEXT: #ifndef MY_MODEL_V2_H
# CHECK-NEXT: #define MY_MODEL_V2_H
# CHECK-EMPTY:
# CHECK-NEXT: #include "mnc_runtime.h"
# CHECK-EMPTY:
# CHECK-NEXT: #ifdef __cplusplus
# CHECK-NEXT: extern "C" {
# CHECK-NEXT: #endif
# CHECK-EMPTY:
# CHECK-NEXT: /* The input 'x'. */
# CHECK-NEXT: #define MY_MODEL_V2_INPUT_SIZE 48 /* float elements, in the ONNX input's layout */
# CHECK-NEXT: #define MY_MODEL_V2_INPUT_RANK 2
# CHECK-NEXT: #define MY_MODEL_V2_INPUT_SHAPE {3, 16}
# CHECK-EMPTY:
# CHECK-NEXT: /* The output 'y'. */
# CHECK-NEXT: #define MY_MODEL_V2_OUTPUT_SIZE 24 /* float elements, in the ONNX output's layout */
# CHECK-NEXT: #define MY_MODEL_V2_OUTPUT_RANK 2
# CHECK-NEXT: #define MY_MODEL_V2_OUTPUT_SHAPE {3, 8}
# CHECK-EMPTY:
# CHECK-NEXT: /* Scratch memory for my_model_v2_run. */
# CHECK-NEXT: #define MY_MODEL_V2_WORKSPACE_SIZE {{[0-9]+}} /* bytes the caller provides, 64-byte aligned */
# CHECK:      int my_model_v2_run(const float *input, float *output, void *workspace); /* 0 on success */
# CHECK-EMPTY:
# CHECK-NEXT: /*
# CHECK-NEXT:  * Runs the model like my_model_v2_run (same buffers, same results, same
# CHECK:      (mnc_parallel_for_fn in mnc_runtime.h).
# CHECK:       *   mnc_threadpool *pool = mnc_threadpool_create(2);
# CHECK-NEXT:  *   int status = my_model_v2_run_parallel(input, output, workspace,
# CHECK:       */
# CHECK-NEXT: int my_model_v2_run_parallel(const float *input, float *output, void *workspace,
# CHECK-NEXT:                              mnc_parallel_for_fn parallel_for, void *pool);
# CHECK-EMPTY:
# CHECK-NEXT: #ifdef __cplusplus
# CHECK-NEXT: } /* extern "C" */
# CHECK-NEXT: #endif
# CHECK-EMPTY:
# CHECK-NEXT: #endif /* MY_MODEL_V2_H */
