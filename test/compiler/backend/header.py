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
# The provenance: the model's SHA-256 (checked against the file's), the
# compiler's version and the command line, quoted so a shell takes it back
# ("*/" in it cannot end the comment, nor "/*" make -Wcomment warn).
# RUN: %python %s --check-provenance %t/model.onnx %t/out/my_model_v2.h
# RUN: mnc-compile %t/model.onnx -o '%t/odd/*lib it*/x.a' --name odd
# RUN: cc -std=c99 -pedantic -Wall -Wextra -Werror -fsyntax-only -x c '%t/odd/*lib it*/odd.h'
# RUN: FileCheck %s --check-prefix=QUOTED < '%t/odd/*lib it*/odd.h'
# QUOTED: mnc-compile {{.*}}/model.onnx -o '{{.*}}/odd/ *lib it* /x.a' --name odd

import hashlib
import re
import sys

if sys.argv[1] == "--check-provenance":
    model, header = sys.argv[2], sys.argv[3]
    with open(model, "rb") as f:
        digest = hashlib.sha256(f.read()).hexdigest()
    text = open(header).read()
    macro = re.search(r'#define MY_MODEL_V2_MODEL_SHA256 "([0-9a-f]{64})"', text)
    assert macro and macro.group(1) == digest, (macro, digest)
    comment = " ".join(line.strip(" *") for line in text.split("*/")[0].splitlines())
    assert re.search(r"Compiled by mnc \d+\.\d+\.\d+ \(git [^,]+, LLVM 19\.\d+\.\d+\) from "
                     r"model\.onnx \(SHA-256 " + digest + r"\) with:", comment), comment
    assert re.search(r"mnc-compile \S*/model\.onnx -o \S*/out/libmy-model\.v2\.a", comment), comment
    print("provenance ok")
    sys.exit(0)

from onnx_testlib import helper, make_model, rand, save

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
# CHECK-NEXT: /* The SHA-256 of the model file the library was compiled from. */
# CHECK-NEXT: #define MY_MODEL_V2_MODEL_SHA256 "{{[0-9a-f]+}}"
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
# CHECK-NEXT: /* The --mcpu name of the code path my_model_v2_run runs on this CPU, or NULL
# CHECK-NEXT:    when the CPU lacks features every path needs (MNC_ERROR_UNSUPPORTED_CPU). */
# CHECK-NEXT: const char *my_model_v2_cpu_path(void);
# CHECK-EMPTY:
# CHECK-NEXT: #ifdef __cplusplus
# CHECK-NEXT: } /* extern "C" */
# CHECK-NEXT: #endif
# CHECK-EMPTY:
# CHECK-NEXT: #endif /* MY_MODEL_V2_H */
