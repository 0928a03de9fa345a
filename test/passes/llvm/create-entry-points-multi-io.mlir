// create-entry-points with two inputs and two outputs: NAME_run takes the
// buffers in the entry's order (inputs, outputs, workspace), checks every
// one for NULL, checks every pair that includes an output or the workspace
// for overlap (two inputs may share memory), and the context and each task's
// trampoline carry all of them.
// RUN: mnc-opt %s -create-entry-points="library-name=net input-sizes=4,6 output-sizes=2,3" | FileCheck %s

module attributes {mnc.parallel_tasks = [@main_task_0], mnc.workspace_size = 128 : i64} {
  // CHECK-LABEL: llvm.func internal @net_task_0
  // CHECK-SAME: (%[[CTX:.*]]: !llvm.ptr, %[[BEGIN:.*]]: i64, %[[END:.*]]: i64)
  // CHECK-COUNT-5: llvm.getelementptr inbounds %[[CTX]][0, {{[2-6]}}] : (!llvm.ptr) -> !llvm.ptr, !llvm.struct<(ptr, ptr, ptr, ptr, ptr, ptr, ptr)>
  // CHECK: llvm.call @net_main_task_0(%{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %[[BEGIN]], %[[END]])
  llvm.func @mnc_parallel_for(!llvm.ptr, i32, i64) attributes {sym_visibility = "private"}
  llvm.func @main(%in0: !llvm.ptr, %in1: !llvm.ptr, %out0: !llvm.ptr, %out1: !llvm.ptr, %workspace: !llvm.ptr, %context: !llvm.ptr) {
    %task = llvm.mlir.constant(0 : i32) : i32
    %count = llvm.mlir.constant(8 : i64) : i64
    llvm.call @mnc_parallel_for(%context, %task, %count) : (!llvm.ptr, i32, i64) -> ()
    llvm.return
  }
  llvm.func @main_task_0(%in0: !llvm.ptr, %in1: !llvm.ptr, %out0: !llvm.ptr, %out1: !llvm.ptr, %workspace: !llvm.ptr, %begin: i64, %end: i64) {
    llvm.return
  }
}

// CHECK-LABEL: llvm.func @net_run
// CHECK-SAME: (%[[I0:[^:]*]]: !llvm.ptr {llvm.nocapture, llvm.readonly}, %[[I1:[^:]*]]: !llvm.ptr {llvm.nocapture, llvm.readonly}, %[[O0:[^:]*]]: !llvm.ptr {llvm.nocapture}, %[[O1:[^:]*]]: !llvm.ptr {llvm.nocapture}, %[[WS:[^:]*]]: !llvm.ptr {llvm.nocapture}) -> i32
// Five NULL checks.
// CHECK-COUNT-5: llvm.icmp "eq"
// CHECK: llvm.return %{{.*}} : i32
// The overlap checks: input k against each output, output 0 against output
// 1, the workspace against the 4 others; none of input 0 against input 1.
// CHECK-DAG: %[[A0:.*]] = llvm.ptrtoint %[[I0]]
// CHECK-DAG: %[[A1:.*]] = llvm.ptrtoint %[[I1]]
// CHECK-DAG: %[[B0:.*]] = llvm.ptrtoint %[[O0]]
// CHECK-DAG: %[[B1:.*]] = llvm.ptrtoint %[[O1]]
// input 0 (16 bytes) against output 0 (8 bytes): a < b + 8 && b < a + 16.
// CHECK: %[[C8:.*]] = llvm.mlir.constant(8 : i64)
// CHECK: llvm.add %[[B0]], %[[C8]]
// CHECK: %[[C16:.*]] = llvm.mlir.constant(16 : i64)
// CHECK: llvm.add %[[A0]], %[[C16]]
// 9 pairs, 2 additions each: 16 more (20 if the inputs were checked too).
// CHECK-COUNT-16: llvm.add
// CHECK-NOT: llvm.add
// CHECK: llvm.return %{{.*}} : i32
// The context holds hook, pool and the five buffers; the entry gets them.
// CHECK: llvm.call @net_main(%[[I0]], %[[I1]], %[[O0]], %[[O1]], %[[WS]], %{{.*}})

// CHECK-LABEL: llvm.func @net_run_parallel
// CHECK-SAME: (%{{.*}}: !llvm.ptr {llvm.nocapture, llvm.readonly}, %{{.*}}: !llvm.ptr {llvm.nocapture, llvm.readonly}, %{{.*}}: !llvm.ptr {llvm.nocapture}, %{{.*}}: !llvm.ptr {llvm.nocapture}, %{{.*}}: !llvm.ptr {llvm.nocapture}, %{{.*}}: !llvm.ptr, %{{.*}}: !llvm.ptr) -> i32
