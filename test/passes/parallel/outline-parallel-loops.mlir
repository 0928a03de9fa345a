// outline-parallel-loops: each mnc.parallel loop of the entry becomes a task
// function over a range of its iterations, called through
// @mnc_parallel_for with the entry's new context argument.
// RUN: mnc-opt %s -split-input-file -outline-parallel-loops -verify-diagnostics | FileCheck %s
// RUN: not mnc-opt %s -split-input-file -outline-parallel-loops=entry-function=nope 2>&1 | FileCheck %s --check-prefix=NOENTRY

// NOENTRY: error: outline-parallel-loops: no function 'nope' with a body in the module

// A kernel loop (lower bound 2, step 3: four iterations) reading a view of
// the workspace and a global, writing the output. The task recomputes the
// view and the global from its own arguments and runs iterations
// [begin, end): induction variables 2 + 3 * begin up to
// min(11, 2 + 3 * end).
// CHECK: module attributes {mnc.parallel_tasks = [@main_task_0]}
// CHECK-LABEL: func.func @main
// CHECK-SAME:    (%[[IN:[^:]*]]: memref<16xf32>, %[[OUT:[^:]*]]: memref<16xf32>, %[[WS:[^:]*]]: memref<64xi8>, %[[CTX:[^:]*]]: !llvm.ptr)
// CHECK-NOT:     scf.for
// CHECK:         %[[SPAN:.*]] = arith.subi %[[C11:.*]], %[[C2:.*]] : index
// CHECK:         %[[COUNT:.*]] = arith.ceildivsi %[[SPAN]], %[[C3:.*]] : index
// CHECK:         %[[TASK:.*]] = arith.constant 0 : i32
// CHECK:         call @mnc_parallel_for(%[[CTX]], %[[TASK]], %[[COUNT]]) : (!llvm.ptr, i32, index) -> ()
// CHECK-NOT:     scf.for
// CHECK:         return
// CHECK-LABEL: func.func private @main_task_0
// CHECK-SAME:    (%[[TIN:[^:]*]]: memref<16xf32>, %[[TOUT:[^:]*]]: memref<16xf32>, %[[TWS:[^:]*]]: memref<64xi8>, %[[BEGIN:[^:]*]]: index, %[[END:[^:]*]]: index)
// CHECK-DAG:     %[[TC0:.*]] = arith.constant 0 : index
// CHECK-DAG:     %[[VIEW:.*]] = memref.view %[[TWS]][%[[TC0]]][] : memref<64xi8> to memref<16xf32>
// CHECK-DAG:     %[[GLOBAL:.*]] = memref.get_global @table : memref<16xf32>
// CHECK-DAG:     %[[TC2:.*]] = arith.constant 2 : index
// CHECK-DAG:     %[[TC3:.*]] = arith.constant 3 : index
// CHECK-DAG:     %[[TC11:.*]] = arith.constant 11 : index
// CHECK:         %[[SKIP:.*]] = arith.muli %[[BEGIN]], %[[TC3]] : index
// CHECK:         %[[FROM:.*]] = arith.addi %[[TC2]], %[[SKIP]] : index
// CHECK:         %[[UPTO:.*]] = arith.muli %[[END]], %[[TC3]] : index
// CHECK:         %[[LAST:.*]] = arith.addi %[[TC2]], %[[UPTO]] : index
// CHECK:         %[[TO:.*]] = arith.minsi %[[TC11]], %[[LAST]] : index
// CHECK:         scf.for %[[I:.*]] = %[[FROM]] to %[[TO]] step %[[TC3]] {
// CHECK:           %[[A:.*]] = memref.load %[[TIN]][%[[I]]]
// CHECK:           %[[B:.*]] = memref.load %[[VIEW]][%[[I]]]
// CHECK:           %[[C:.*]] = memref.load %[[GLOBAL]][%[[I]]]
// CHECK:           memref.store %{{.*}}, %[[TOUT]][%[[I]]]
// CHECK:         }
// CHECK-NEXT:    return
// CHECK:       func.func private @mnc_parallel_for(!llvm.ptr, i32, index)
memref.global "private" constant @table : memref<16xf32> = dense<1.0>
func.func @main(%in: memref<16xf32>, %out: memref<16xf32>, %ws: memref<64xi8>) {
  %c0 = arith.constant 0 : index
  %c2 = arith.constant 2 : index
  %c3 = arith.constant 3 : index
  %c11 = arith.constant 11 : index
  %view = memref.view %ws[%c0][] : memref<64xi8> to memref<16xf32>
  %table = memref.get_global @table : memref<16xf32>
  scf.for %i = %c2 to %c11 step %c3 {
    %a = memref.load %in[%i] : memref<16xf32>
    %b = memref.load %view[%i] : memref<16xf32>
    %c = memref.load %table[%i] : memref<16xf32>
    %ab = arith.addf %a, %b : f32
    %abc = arith.mulf %ab, %c : f32
    memref.store %abc, %out[%i] : memref<16xf32>
  } {mnc.parallel}
  return
}

// -----

// Near misses stay serial loops in the entry, untouched: a loop without the
// attribute, a marked loop carrying a value, a marked loop whose bound is
// loaded from memory, and a marked loop using an enclosing loop's induction
// variable. The entry still gets its context argument; no task, no
// dispatcher.
// CHECK-NOT: mnc.parallel_tasks
// CHECK-LABEL: func.func @near_misses
// CHECK-SAME:    %{{[^:]*}}: !llvm.ptr)
// CHECK-NOT:     call
// CHECK:         scf.for
// CHECK-NOT:     mnc.parallel
// CHECK:         scf.for {{.*}} iter_args
// CHECK:         } {mnc.parallel}
// CHECK:         memref.load
// CHECK:         scf.for
// CHECK:         } {mnc.parallel}
// CHECK:         scf.for
// CHECK:           scf.for
// CHECK:           } {mnc.parallel}
// CHECK:         }
// CHECK-NOT:   func.func
func.func @near_misses(%in: memref<16xf32>, %out: memref<16xf32>, %bounds: memref<1xindex>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %c16 = arith.constant 16 : index
  %zero = arith.constant 0.0 : f32
  scf.for %i = %c0 to %c16 step %c1 {
    %a = memref.load %in[%i] : memref<16xf32>
    memref.store %a, %out[%i] : memref<16xf32>
  }
  %sum = scf.for %i = %c0 to %c16 step %c1 iter_args(%acc = %zero) -> (f32) {
    %a = memref.load %in[%i] : memref<16xf32>
    %next = arith.addf %acc, %a : f32
    scf.yield %next : f32
  } {mnc.parallel}
  memref.store %sum, %out[%c0] : memref<16xf32>
  %n = memref.load %bounds[%c0] : memref<1xindex>
  scf.for %i = %c0 to %n step %c1 {
    %a = memref.load %in[%i] : memref<16xf32>
    memref.store %a, %out[%i] : memref<16xf32>
  } {mnc.parallel}
  scf.for %i = %c0 to %c16 step %c4 {
    scf.for %j = %c0 to %c4 step %c1 {
      %k = arith.addi %i, %j : index
      %a = memref.load %in[%k] : memref<16xf32>
      memref.store %a, %out[%k] : memref<16xf32>
    } {mnc.parallel}
  }
  return
}

// -----

// Two kernels: tasks 0 and 1, in order. A marked loop inside an outlined
// one is part of the outer task; a marked loop inside an unmarked loop is
// outlined when it does not use the outer induction variable (the call
// stays in the loop).
// CHECK: module attributes {mnc.parallel_tasks = [@two_task_0, @two_task_1, @two_task_2]}
// CHECK-LABEL: func.func @two
// CHECK-SAME:    %[[CTX:[^:]*]]: !llvm.ptr)
// CHECK:         %[[K0:.*]] = arith.constant 0 : i32
// CHECK:         call @mnc_parallel_for(%[[CTX]], %[[K0]], %{{.*}})
// CHECK:         %[[K1:.*]] = arith.constant 1 : i32
// CHECK:         call @mnc_parallel_for(%[[CTX]], %[[K1]], %{{.*}})
// CHECK:         scf.for
// CHECK:           %[[K2:.*]] = arith.constant 2 : i32
// CHECK:           call @mnc_parallel_for(%[[CTX]], %[[K2]], %{{.*}})
// CHECK:         }
// CHECK-LABEL: func.func private @two_task_0
// CHECK:         scf.for
// CHECK:           arith.negf
// CHECK-LABEL: func.func private @two_task_1
// CHECK:         scf.for
// CHECK:           scf.for
// CHECK:             math.exp
// CHECK:           } {mnc.parallel}
// CHECK-LABEL: func.func private @two_task_2
// CHECK:         scf.for
// CHECK:           math.sqrt
func.func @two(%in: memref<16xf32>, %out: memref<16xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %c16 = arith.constant 16 : index
  scf.for %i = %c0 to %c16 step %c1 {
    %a = memref.load %in[%i] : memref<16xf32>
    %b = arith.negf %a : f32
    memref.store %b, %out[%i] : memref<16xf32>
  } {mnc.parallel}
  scf.for %i = %c0 to %c16 step %c4 {
    scf.for %j = %c0 to %c4 step %c1 {
      %k = arith.addi %i, %j : index
      %a = memref.load %in[%k] : memref<16xf32>
      %b = math.exp %a : f32
      memref.store %b, %out[%k] : memref<16xf32>
    } {mnc.parallel}
  } {mnc.parallel}
  scf.for %r = %c0 to %c4 step %c1 {
    scf.for %i = %c0 to %c16 step %c1 {
      %a = memref.load %out[%i] : memref<16xf32>
      %b = math.sqrt %a : f32
      memref.store %b, %out[%i] : memref<16xf32>
    } {mnc.parallel}
  }
  return
}

// -----

// The dispatcher's name is reserved.
// expected-error@+1 {{outline-parallel-loops: 'mnc_parallel_for' is reserved for the task dispatcher, of type '(!llvm.ptr, i32, index) -> ()'}}
func.func private @mnc_parallel_for(i32)
func.func @clash(%out: memref<16xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c16 = arith.constant 16 : index
  %zero = arith.constant 0.0 : f32
  scf.for %i = %c0 to %c16 step %c1 {
    memref.store %zero, %out[%i] : memref<16xf32>
  } {mnc.parallel}
  return
}
