# --emit stops after each stage and writes its form, to -o or standard
# output; only --emit=lib writes headers.
# RUN: rm -rf %t && mkdir -p %t
# RUN: %python %s %t/model.onnx
# RUN: mnc-compile %t/model.onnx --emit=mnc | FileCheck %s --check-prefix=MNC
# RUN: mnc-compile %t/model.onnx --emit=linalg | FileCheck %s --check-prefix=LINALG
# RUN: mnc-compile %t/model.onnx --emit=llvm-dialect | FileCheck %s --check-prefix=LLVMDIALECT
# RUN: mnc-compile %t/model.onnx --emit=llvm-ir --name gemm | FileCheck %s --check-prefix=IR
# RUN: mnc-compile %t/model.onnx --emit=asm --name gemm --target x86_64-linux-gnu | FileCheck %s --check-prefix=ASM
# RUN: mnc-compile %t/model.onnx --emit=asm --name gemm --target aarch64-linux-gnu | FileCheck %s --check-prefix=ASM-A64
# RUN: mnc-compile %t/model.onnx --emit=obj -o %t/gemm.o
# RUN: llvm-nm %t/gemm.o | FileCheck %s --check-prefix=OBJ
# RUN: llvm-readelf -h %t/gemm.o | FileCheck %s --check-prefix=ELF
# RUN: mnc-compile %t/model.onnx --emit=llvm-ir -o %t/gemm.ll
# RUN: FileCheck %s --check-prefix=IR < %t/gemm.ll
# RUN: ls %t | FileCheck %s --check-prefix=FILES

from onnx_testlib import helper, make_model, rand, save
import sys

nodes = [helper.make_node("Gemm", ["x", "w", "b"], ["h"], name="fc", transB=1),
         helper.make_node("Relu", ["h"], ["y"], name="relu")]
save(make_model(nodes, [("x", "float32", [2, 32])], [("y", "float32", [2, 64])],
                {"w": rand([64, 32], seed=1), "b": rand([64], seed=2)}),
     sys.argv[1])

# MNC:      func.func @main(%arg0: tensor<2x32xf32> {mnc.name = "x"})
# MNC:      = mnc.

# LINALG:      func.func @main(%arg0: tensor<2x32xf32> {mnc.name = "x"}) -> (tensor<2x64xf32> {mnc.name = "y"})
# LINALG-NOT:  = mnc.
# LINALG:      vector.fma
# LINALG-NOT:  linalg.matmul

# LLVMDIALECT:     module attributes {{{.*}}mnc.workspace_size = {{[0-9]+}} : i64
# LLVMDIALECT-NOT: func.func
# LLVMDIALECT:     llvm.mlir.global private constant @{{.*}}(dense<{{.*}}> : tensor<2048xf32>)
# LLVMDIALECT:     llvm.func @main(%{{[^:]*}}: !llvm.ptr{{[^,]*}}, %{{[^:]*}}: !llvm.ptr{{[^,]*}}, %{{[^:]*}}: !llvm.ptr{{[^,]*}}, %{{[^:]*}}: !llvm.ptr)
# LLVMDIALECT-NOT: malloc

# IR:     target triple = "{{.*}}"
# IR:     private unnamed_addr constant [2048 x float]
# IR:     define {{.*}}i32 @gemm_run(ptr {{[^,]*}}, ptr {{[^,]*}}, ptr {{[^,]*}})
# IR:     define {{.*}}i32 @gemm_run_parallel(ptr {{[^,]*}}, ptr {{[^,]*}}, ptr {{[^,]*}}, ptr {{[^,]*}}, ptr {{[^,]*}})
# IR-NOT: define {{.*}}@main(

# ASM:          .globl gemm_run
# ASM:      gemm_run:
# ASM:          .section .rodata
# ASM-A64:      .globl gemm_run
# ASM-A64:  gemm_run:
# ASM-A64:      ret

# OBJ: T gemm_run
# ELF: Type: REL (Relocatable file)

# FILES:      gemm.ll
# FILES-NEXT: gemm.o
# FILES-NEXT: model.onnx
# FILES-NOT:  {{.}}
