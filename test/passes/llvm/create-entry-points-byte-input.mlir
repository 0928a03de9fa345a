// create-entry-points with an input of bytes (a library compiled with
// --input-type uint8): input-element-bytes sizes its overlap checks, 150
// one-byte elements are 150 bytes, not 600.
// RUN: mnc-opt %s -create-entry-points="library-name=net input-sizes=150 input-element-bytes=1 output-sizes=2" | FileCheck %s
// Without input-element-bytes, an input of 150 elements is 150 floats.
// RUN: mnc-opt %s -create-entry-points="library-name=net input-sizes=150 output-sizes=2" | FileCheck %s --check-prefix=FLOATS
// One size per input, positive.
// RUN: not mnc-opt %s -create-entry-points="library-name=net input-sizes=150 input-element-bytes=1,4 output-sizes=2" 2>&1 | FileCheck %s --check-prefix=COUNT
// RUN: not mnc-opt %s -create-entry-points="library-name=net input-sizes=150 input-element-bytes=0 output-sizes=2" 2>&1 | FileCheck %s --check-prefix=COUNT
// COUNT: error: create-entry-points: input-element-bytes needs one positive size per input (1), got

module attributes {mnc.workspace_size = 64 : i64} {
  llvm.func @main(%input: !llvm.ptr, %output: !llvm.ptr, %workspace: !llvm.ptr, %context: !llvm.ptr) {
    llvm.return
  }
}

// The input (150 bytes) against the output (8 bytes); nothing counts the
// input as 600 bytes.
// CHECK-LABEL: llvm.func @net_run
// CHECK-SAME: (%[[IN:[^:]*]]: !llvm.ptr {llvm.nocapture, llvm.readonly}, %[[OUT:[^:]*]]: !llvm.ptr {llvm.nocapture}, %[[WS:[^:]*]]: !llvm.ptr {llvm.nocapture}) -> i32
// CHECK-DAG: %[[A:.*]] = llvm.ptrtoint %[[IN]]
// CHECK-DAG: %[[B:.*]] = llvm.ptrtoint %[[OUT]]
// CHECK: %[[C8:.*]] = llvm.mlir.constant(8 : i64)
// CHECK: llvm.add %[[B]], %[[C8]]
// CHECK: %[[C150:.*]] = llvm.mlir.constant(150 : i64)
// CHECK: llvm.add %[[A]], %[[C150]]
// CHECK-NOT: 600
// CHECK-LABEL: llvm.func @net_run_parallel

// FLOATS-LABEL: llvm.func @net_run
// FLOATS: llvm.mlir.constant(600 : i64)
