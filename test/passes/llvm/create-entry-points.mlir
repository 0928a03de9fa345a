// create-entry-points: the exported NAME_run and NAME_run_parallel check
// their buffers and call the entry with a parallel context; the dispatcher
// hands the caller's hook a trampoline per task; everything else becomes
// internal and is named after the library.
// RUN: mnc-opt %s -split-input-file -create-entry-points="library-name=net input-sizes=4 output-sizes=2" | FileCheck %s

// A workspace of 256 bytes and one task.
// CHECK: module attributes {mnc.parallel_tasks = [@net_main_task_0]
module attributes {mnc.parallel_tasks = [@main_task_0], mnc.workspace_size = 256 : i64} {
  // The weights stay private, libm stays external.
  // CHECK: llvm.mlir.global private constant @weights
  llvm.mlir.global private constant @weights(dense<1.0> : tensor<4xf32>) : !llvm.array<4 x f32>
  // CHECK: llvm.func @tanhf(f32) -> f32
  llvm.func @tanhf(f32) -> f32 attributes {sym_visibility = "private"}

  // The dispatcher: if (count > 0) hook(pool, net_tasks[task], context, count).
  // CHECK-LABEL: llvm.func internal @net_parallel_for
  // CHECK-SAME: (%[[CTX:.*]]: !llvm.ptr, %[[TASK:.*]]: i32, %[[COUNT:.*]]: i64)
  // CHECK:   %[[POSITIVE:.*]] = llvm.icmp "sgt" %[[COUNT]], %{{.*}} : i64
  // CHECK:   llvm.cond_br %[[POSITIVE]], ^[[BODY:.*]], ^[[DONE:.*]]
  // CHECK: ^[[BODY]]:
  // CHECK:   %[[INDEX:.*]] = llvm.zext %[[TASK]] : i32 to i64
  // CHECK:   %[[TABLE:.*]] = llvm.mlir.addressof @net_tasks : !llvm.ptr
  // CHECK:   %[[SLOT:.*]] = llvm.getelementptr inbounds %[[TABLE]][%{{.*}}, %[[INDEX]]] : (!llvm.ptr, i64, i64) -> !llvm.ptr, !llvm.array<1 x ptr>
  // CHECK:   %[[TRAMPOLINE:.*]] = llvm.load %[[SLOT]] : !llvm.ptr -> !llvm.ptr
  // CHECK:   %[[HOOKP:.*]] = llvm.getelementptr inbounds %[[CTX]][0, 0] : (!llvm.ptr) -> !llvm.ptr, !llvm.struct<(ptr, ptr, ptr, ptr, ptr)>
  // CHECK:   %[[HOOK:.*]] = llvm.load %[[HOOKP]] : !llvm.ptr -> !llvm.ptr
  // CHECK:   %[[POOLP:.*]] = llvm.getelementptr inbounds %[[CTX]][0, 1] : (!llvm.ptr) -> !llvm.ptr, !llvm.struct<(ptr, ptr, ptr, ptr, ptr)>
  // CHECK:   %[[POOL:.*]] = llvm.load %[[POOLP]] : !llvm.ptr -> !llvm.ptr
  // CHECK:   llvm.call %[[HOOK]](%[[POOL]], %[[TRAMPOLINE]], %[[CTX]], %[[COUNT]]) : !llvm.ptr, (!llvm.ptr, !llvm.ptr, !llvm.ptr, i64) -> ()
  // CHECK:   llvm.br ^[[DONE]]
  // CHECK: ^[[DONE]]:
  // CHECK:   llvm.return
  llvm.func @mnc_parallel_for(!llvm.ptr, i32, i64) attributes {sym_visibility = "private"}

  // CHECK-LABEL: llvm.func internal @net_main
  // CHECK: llvm.call @net_parallel_for
  llvm.func @main(%input: !llvm.ptr, %output: !llvm.ptr, %workspace: !llvm.ptr, %context: !llvm.ptr) {
    %task = llvm.mlir.constant(0 : i32) : i32
    %count = llvm.mlir.constant(8 : i64) : i64
    llvm.call @mnc_parallel_for(%context, %task, %count) : (!llvm.ptr, i32, i64) -> ()
    llvm.return
  }
  // CHECK-LABEL: llvm.func internal @net_main_task_0
  llvm.func @main_task_0(%input: !llvm.ptr, %output: !llvm.ptr, %workspace: !llvm.ptr, %begin: i64, %end: i64) attributes {sym_visibility = "private"} {
    llvm.return
  }

  // Task 0's trampoline reads the buffers out of the context.
  // CHECK-LABEL: llvm.func internal @net_task_0
  // CHECK-SAME: (%[[TCTX:.*]]: !llvm.ptr, %[[BEGIN:.*]]: i64, %[[END:.*]]: i64)
  // CHECK:   llvm.getelementptr inbounds %[[TCTX]][0, 2]
  // CHECK:   %[[IN:.*]] = llvm.load
  // CHECK:   llvm.getelementptr inbounds %[[TCTX]][0, 3]
  // CHECK:   %[[OUT:.*]] = llvm.load
  // CHECK:   llvm.getelementptr inbounds %[[TCTX]][0, 4]
  // CHECK:   %[[WS:.*]] = llvm.load
  // CHECK:   llvm.call @net_main_task_0(%[[IN]], %[[OUT]], %[[WS]], %[[BEGIN]], %[[END]])

  // CHECK-LABEL: llvm.mlir.global internal constant @net_tasks() {{.*}} : !llvm.array<1 x ptr>
  // CHECK:   llvm.mlir.addressof @net_task_0 : !llvm.ptr

  // The serial hook runs the whole range: task(task_context, 0, count).
  // CHECK-LABEL: llvm.func internal @net_serial_for
  // CHECK-SAME: (%{{.*}}: !llvm.ptr, %[[STASK:.*]]: !llvm.ptr, %[[SCTX:.*]]: !llvm.ptr, %[[SCOUNT:.*]]: i64)
  // CHECK:   %[[ZERO:.*]] = llvm.mlir.constant(0 : i64) : i64
  // CHECK:   llvm.call %[[STASK]](%[[SCTX]], %[[ZERO]], %[[SCOUNT]]) : !llvm.ptr, (!llvm.ptr, i64, i64) -> ()

  // NAME_run: NULL (1), misaligned (2), overlapping (3; 16 input bytes, 8
  // output bytes, 256 workspace bytes), then the entry with the serial hook.
  // CHECK-LABEL: llvm.func @net_run
  // CHECK-SAME: (%[[RIN:.*]]: !llvm.ptr {llvm.nocapture, llvm.readonly}, %[[ROUT:.*]]: !llvm.ptr {llvm.nocapture}, %[[RWS:.*]]: !llvm.ptr {llvm.nocapture}) -> i32
  // CHECK:   %[[RCTX:.*]] = llvm.alloca %{{.*}} x !llvm.struct<(ptr, ptr, ptr, ptr, ptr)> : (i32) -> !llvm.ptr
  // CHECK:   llvm.icmp "eq" %[[RIN]]
  // CHECK:   llvm.icmp "eq" %[[ROUT]]
  // CHECK:   llvm.icmp "eq" %[[RWS]]
  // CHECK:   llvm.cond_br
  // CHECK:   llvm.mlir.constant(1 : i32) : i32
  // CHECK:   llvm.return
  // CHECK:   llvm.mlir.constant(63 : i64) : i64
  // CHECK:   llvm.and
  // CHECK:   llvm.icmp "ne"
  // CHECK:   llvm.mlir.constant(2 : i32) : i32
  // CHECK:   llvm.return
  // CHECK:   llvm.mlir.constant(8 : i64) : i64
  // CHECK:   llvm.mlir.constant(16 : i64) : i64
  // CHECK:   llvm.mlir.constant(256 : i64) : i64
  // CHECK:   llvm.mlir.constant(3 : i32) : i32
  // CHECK:   llvm.return
  // CHECK:   %[[SERIAL:.*]] = llvm.mlir.addressof @net_serial_for : !llvm.ptr
  // CHECK:   %[[NOPOOL:.*]] = llvm.mlir.zero : !llvm.ptr
  // CHECK:   llvm.store %[[SERIAL]]
  // CHECK:   llvm.store %[[NOPOOL]]
  // CHECK:   llvm.store %[[RIN]]
  // CHECK:   llvm.store %[[ROUT]]
  // CHECK:   llvm.store %[[RWS]]
  // CHECK:   llvm.call @net_main(%[[RIN]], %[[ROUT]], %[[RWS]], %[[RCTX]])
  // CHECK:   llvm.mlir.constant(0 : i32) : i32
  // CHECK:   llvm.return

  // NAME_run_parallel: the caller's hook, which must not be NULL either.
  // CHECK-LABEL: llvm.func @net_run_parallel
  // CHECK-SAME: (%[[PIN:.*]]: !llvm.ptr {llvm.nocapture, llvm.readonly}, %[[POUT:.*]]: !llvm.ptr {llvm.nocapture}, %[[PWS:.*]]: !llvm.ptr {llvm.nocapture}, %[[PHOOK:.*]]: !llvm.ptr, %[[PPOOL:.*]]: !llvm.ptr) -> i32
  // CHECK:   llvm.icmp "eq" %[[PHOOK]]
  // CHECK:   llvm.store %[[PHOOK]]
  // CHECK:   llvm.store %[[PPOOL]]
  // CHECK:   llvm.call @net_main(%[[PIN]], %[[POUT]], %[[PWS]], %{{.*}})
}

// -----

// No workspace: neither its NULL and alignment checks nor its overlaps. No
// dispatcher declared: no table, no trampolines.
// CHECK-NOT: @net_tasks
// CHECK-LABEL: llvm.func @net_run(
// CHECK:   llvm.icmp "eq"
// CHECK:   llvm.icmp "eq"
// CHECK-NOT: llvm.icmp "eq"
// CHECK:   llvm.mlir.constant(1 : i32) : i32
// CHECK-NOT: llvm.and %{{.*}}, %{{.*}} : i64
// CHECK:   llvm.mlir.constant(3 : i32) : i32
// CHECK-LABEL: llvm.func @net_run_parallel
module attributes {mnc.workspace_size = 0 : i64} {
  llvm.func @main(%input: !llvm.ptr, %output: !llvm.ptr, %workspace: !llvm.ptr, %context: !llvm.ptr) {
    llvm.return
  }
}
