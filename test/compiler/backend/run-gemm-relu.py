# A tiny ONNX model (Gemm + Relu) through the whole compiler, built into a
# C99 program as a user does and run; the output matches numpy.
# RUN: rm -rf %t && mkdir -p %t/out
# RUN: %python %s %t
# RUN: mnc-compile %t/model.onnx -o %t/out/libmodel.a
# RUN: cp %S/Inputs/driver.c %t/app.c
# RUN: cd %t && cc -std=c99 -I out app.c out/libmodel.a -lm
# RUN: cd %t && ./a.out input.bin output.bin | FileCheck %s
# RUN: %python %S/Inputs/compare.py %t/output.bin %t/expected.bin 1e-5

import os
import sys

import numpy as np
from onnx_testlib import helper, make_model, rand, save

out = sys.argv[1]
w, b = rand([24, 40], seed=1), rand([24], seed=2)
x = rand([4, 40], seed=3)
nodes = [helper.make_node("Gemm", ["x", "w", "b"], ["h"], name="fc", transB=1),
         helper.make_node("Relu", ["h"], ["y"], name="relu")]
save(make_model(nodes, [("x", "float32", [4, 40])], [("y", "float32", [4, 24])],
                {"w": w, "b": b}), os.path.join(out, "model.onnx"))
x.astype("<f4").tofile(os.path.join(out, "input.bin"))
y = np.maximum(x.astype(np.float64) @ w.T.astype(np.float64) + b, 0)
y.astype("<f4").tofile(os.path.join(out, "expected.bin"))

# CHECK:      shapes agree: yes
# CHECK:      run: 0 (success)
# CHECK-NEXT: rerun: 0, same output: yes
# CHECK-NEXT: null input: 1, untouched: 1
# CHECK-NEXT: null output: 1
# CHECK-NEXT: null workspace: 1, untouched: 1
# CHECK-NEXT: misaligned workspace: 2, untouched: 1
# CHECK-NEXT: output overlaps input: 3, untouched: 1
