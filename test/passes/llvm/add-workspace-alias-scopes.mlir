// add-workspace-alias-scopes: each view of the workspace (a constant-offset
// GEP of it, the aligned pointer of a memref descriptor with constant offset,
// sizes and strides) gets an alias scope; each load and store through a view
// is in its scope and does not alias the views with disjoint byte ranges.
// RUN: mnc-opt %s -split-input-file -add-workspace-alias-scopes | FileCheck %s

// Two views of 16 floats, bytes [0, 64) and [64, 128): disjoint. An access
// through one does not alias the other; an access to the input is left
// alone.
// CHECK: #[[DOMAIN:.+]] = #llvm.alias_scope_domain<id = distinct[{{[0-9]+}}]<>, description = "mnc.workspace">
// CHECK-COUNT-2: = #llvm.alias_scope<id = distinct[{{[0-9]+}}]<>, domain = #[[DOMAIN]]>
// CHECK-NOT: #llvm.alias_scope
!desc = !llvm.struct<(ptr, ptr, i64, array<1 x i64>, array<1 x i64>)>
module attributes {mnc.workspace_size = 128 : i64} {
  // CHECK-LABEL: llvm.func @main
  llvm.func @main(%input: !llvm.ptr, %output: !llvm.ptr, %workspace: !llvm.ptr, %context: !llvm.ptr) {
    %c0 = llvm.mlir.constant(0 : index) : i64
    %c1 = llvm.mlir.constant(1 : index) : i64
    %c3 = llvm.mlir.constant(3 : index) : i64
    %c16 = llvm.mlir.constant(16 : index) : i64
    %c64 = llvm.mlir.constant(64 : index) : i64
    %undef = llvm.mlir.undef : !desc
    %pa = llvm.getelementptr %workspace[%c0] : (!llvm.ptr, i64) -> !llvm.ptr, i8
    %a0 = llvm.insertvalue %workspace, %undef[0] : !desc
    %a1 = llvm.insertvalue %pa, %a0[1] : !desc
    %a2 = llvm.insertvalue %c0, %a1[2] : !desc
    %a3 = llvm.insertvalue %c16, %a2[3, 0] : !desc
    %a = llvm.insertvalue %c1, %a3[4, 0] : !desc
    %pb = llvm.getelementptr %workspace[%c64] : (!llvm.ptr, i64) -> !llvm.ptr, i8
    %b0 = llvm.insertvalue %workspace, %undef[0] : !desc
    %b1 = llvm.insertvalue %pb, %b0[1] : !desc
    %b2 = llvm.insertvalue %c0, %b1[2] : !desc
    %b3 = llvm.insertvalue %c16, %b2[3, 0] : !desc
    %b = llvm.insertvalue %c1, %b3[4, 0] : !desc
    %ra = llvm.extractvalue %a[1] : !desc
    %ea = llvm.getelementptr %ra[%c3] : (!llvm.ptr, i64) -> !llvm.ptr, f32
    // CHECK: llvm.load %{{.*}} {alias_scopes = [#[[A:alias_scope[0-9]*]]], noalias_scopes = [#[[B:alias_scope[0-9]*]]]} : !llvm.ptr -> f32
    %x = llvm.load %ea : !llvm.ptr -> f32
    // CHECK: llvm.load %{{[^ ]*}} : !llvm.ptr -> f32
    %y = llvm.load %input : !llvm.ptr -> f32
    %rb = llvm.extractvalue %b[1] : !desc
    %eb = llvm.getelementptr %rb[%c3] : (!llvm.ptr, i64) -> !llvm.ptr, f32
    // CHECK: llvm.store %{{.*}} {alias_scopes = [#[[B]]], noalias_scopes = [#[[A]]]} : f32, !llvm.ptr
    llvm.store %x, %eb : f32, !llvm.ptr
    // CHECK: llvm.store %{{[^ ]*}}, %{{[^ ]*}} : f32, !llvm.ptr
    llvm.store %y, %output : f32, !llvm.ptr
    llvm.return
  }
}

// -----

// The widest access sizes a view's elements: 16 elements read as
// vector<4xf32> reach 256 bytes, past the view at byte 64. Views that
// overlap are in their own scopes and alias each other.
!desc = !llvm.struct<(ptr, ptr, i64, array<1 x i64>, array<1 x i64>)>
module attributes {mnc.workspace_size = 320 : i64} {
  // CHECK-LABEL: llvm.func @main
  llvm.func @main(%input: !llvm.ptr, %output: !llvm.ptr, %workspace: !llvm.ptr, %context: !llvm.ptr) {
    %c0 = llvm.mlir.constant(0 : index) : i64
    %c1 = llvm.mlir.constant(1 : index) : i64
    %c16 = llvm.mlir.constant(16 : index) : i64
    %c64 = llvm.mlir.constant(64 : index) : i64
    %undef = llvm.mlir.undef : !desc
    %pa = llvm.getelementptr %workspace[%c0] : (!llvm.ptr, i64) -> !llvm.ptr, i8
    %a1 = llvm.insertvalue %pa, %undef[1] : !desc
    %a2 = llvm.insertvalue %c0, %a1[2] : !desc
    %a3 = llvm.insertvalue %c16, %a2[3, 0] : !desc
    %a = llvm.insertvalue %c1, %a3[4, 0] : !desc
    %pb = llvm.getelementptr %workspace[%c64] : (!llvm.ptr, i64) -> !llvm.ptr, i8
    %b1 = llvm.insertvalue %pb, %undef[1] : !desc
    %b2 = llvm.insertvalue %c0, %b1[2] : !desc
    %b3 = llvm.insertvalue %c16, %b2[3, 0] : !desc
    %b = llvm.insertvalue %c1, %b3[4, 0] : !desc
    %ra = llvm.extractvalue %a[1] : !desc
    // CHECK: llvm.load %{{.*}} {alias_scopes = [#{{.*}}], noalias_scopes = []} : !llvm.ptr -> vector<4xf32>
    %x = llvm.load %ra : !llvm.ptr -> vector<4xf32>
    %rb = llvm.extractvalue %b[1] : !desc
    // CHECK: llvm.store %{{.*}} {alias_scopes = [#{{.*}}], noalias_scopes = []} : f32, !llvm.ptr
    %s = llvm.extractelement %x[%c0 : i64] : vector<4xf32>
    llvm.store %s, %rb : f32, !llvm.ptr
    llvm.return
  }
}

// -----

// Near misses, no scopes: a view at a non-constant offset (and every other
// view of the same pointer), a descriptor with a non-constant size, a
// descriptor of the workspace itself, and a view of a pointer that is not
// the workspace. With no access through a known view, no scope is made.
// CHECK-NOT: #llvm.alias_scope
!desc = !llvm.struct<(ptr, ptr, i64, array<1 x i64>, array<1 x i64>)>
module attributes {mnc.workspace_size = 128 : i64} {
  // CHECK-LABEL: llvm.func @main
  llvm.func @main(%input: !llvm.ptr, %output: !llvm.ptr, %workspace: !llvm.ptr, %context: !llvm.ptr) {
    %c0 = llvm.mlir.constant(0 : index) : i64
    %c1 = llvm.mlir.constant(1 : index) : i64
    %c16 = llvm.mlir.constant(16 : index) : i64
    %c64 = llvm.mlir.constant(64 : index) : i64
    %undef = llvm.mlir.undef : !desc
    %n = llvm.load %input : !llvm.ptr -> i64
    // A dynamic offset.
    %pa = llvm.getelementptr %workspace[%n] : (!llvm.ptr, i64) -> !llvm.ptr, i8
    %a1 = llvm.insertvalue %pa, %undef[1] : !desc
    %a2 = llvm.insertvalue %c0, %a1[2] : !desc
    %a3 = llvm.insertvalue %c16, %a2[3, 0] : !desc
    %a = llvm.insertvalue %c1, %a3[4, 0] : !desc
    // A dynamic size, on the view at 64 that another descriptor sizes.
    %pb = llvm.getelementptr %workspace[%c64] : (!llvm.ptr, i64) -> !llvm.ptr, i8
    %b1 = llvm.insertvalue %pb, %undef[1] : !desc
    %b2 = llvm.insertvalue %c0, %b1[2] : !desc
    %b3 = llvm.insertvalue %n, %b2[3, 0] : !desc
    %b = llvm.insertvalue %c1, %b3[4, 0] : !desc
    %b3c = llvm.insertvalue %c16, %b2[3, 0] : !desc
    %bc = llvm.insertvalue %c1, %b3c[4, 0] : !desc
    // The workspace itself.
    %w1 = llvm.insertvalue %workspace, %undef[1] : !desc
    %w2 = llvm.insertvalue %c0, %w1[2] : !desc
    %w3 = llvm.insertvalue %c16, %w2[3, 0] : !desc
    %w = llvm.insertvalue %c1, %w3[4, 0] : !desc
    // Not the workspace.
    %po = llvm.getelementptr %output[%c64] : (!llvm.ptr, i64) -> !llvm.ptr, i8
    %o1 = llvm.insertvalue %po, %undef[1] : !desc
    %o2 = llvm.insertvalue %c0, %o1[2] : !desc
    %o3 = llvm.insertvalue %c16, %o2[3, 0] : !desc
    %o = llvm.insertvalue %c1, %o3[4, 0] : !desc
    %ra = llvm.extractvalue %a[1] : !desc
    %rb = llvm.extractvalue %b[1] : !desc
    %rbc = llvm.extractvalue %bc[1] : !desc
    %rw = llvm.extractvalue %w[1] : !desc
    %ro = llvm.extractvalue %o[1] : !desc
    // CHECK: llvm.load %{{[^ ]*}} : !llvm.ptr -> f32
    %x = llvm.load %ra : !llvm.ptr -> f32
    // CHECK: llvm.store %{{[^ ]*}}, %{{[^ ]*}} : f32, !llvm.ptr
    llvm.store %x, %rb : f32, !llvm.ptr
    // CHECK: llvm.store %{{[^ ]*}}, %{{[^ ]*}} : f32, !llvm.ptr
    llvm.store %x, %rbc : f32, !llvm.ptr
    // CHECK: llvm.store %{{[^ ]*}}, %{{[^ ]*}} : f32, !llvm.ptr
    llvm.store %x, %rw : f32, !llvm.ptr
    // CHECK: llvm.store %{{[^ ]*}}, %{{[^ ]*}} : f32, !llvm.ptr
    llvm.store %x, %ro : f32, !llvm.ptr
    llvm.return
  }
}

// -----

// Tasks: the workspace is their third argument too, each task gets its own
// domain; a function the task list does not name is left alone.
// CHECK-COUNT-2: = #llvm.alias_scope_domain<id = distinct[{{[0-9]+}}]<>, description = "mnc.workspace">
// CHECK-NOT: #llvm.alias_scope_domain
!desc = !llvm.struct<(ptr, ptr, i64, array<1 x i64>, array<1 x i64>)>
module attributes {mnc.parallel_tasks = [@main_task_0], mnc.workspace_size = 128 : i64} {
  // CHECK-LABEL: llvm.func @main
  llvm.func @main(%input: !llvm.ptr, %output: !llvm.ptr, %workspace: !llvm.ptr, %context: !llvm.ptr) {
    %c0 = llvm.mlir.constant(0 : index) : i64
    %c1 = llvm.mlir.constant(1 : index) : i64
    %c16 = llvm.mlir.constant(16 : index) : i64
    %undef = llvm.mlir.undef : !desc
    %p = llvm.getelementptr %workspace[%c0] : (!llvm.ptr, i64) -> !llvm.ptr, i8
    %d1 = llvm.insertvalue %p, %undef[1] : !desc
    %d2 = llvm.insertvalue %c0, %d1[2] : !desc
    %d3 = llvm.insertvalue %c16, %d2[3, 0] : !desc
    %d = llvm.insertvalue %c1, %d3[4, 0] : !desc
    %r = llvm.extractvalue %d[1] : !desc
    // CHECK: llvm.load %{{.*}} {alias_scopes = [#{{.*}}], noalias_scopes = []} : !llvm.ptr -> f32
    %x = llvm.load %r : !llvm.ptr -> f32
    llvm.store %x, %output : f32, !llvm.ptr
    llvm.return
  }
  // CHECK-LABEL: llvm.func private @main_task_0
  llvm.func private @main_task_0(%input: !llvm.ptr, %output: !llvm.ptr, %workspace: !llvm.ptr, %begin: i64, %end: i64) {
    %c0 = llvm.mlir.constant(0 : index) : i64
    %c1 = llvm.mlir.constant(1 : index) : i64
    %c16 = llvm.mlir.constant(16 : index) : i64
    %c64 = llvm.mlir.constant(64 : index) : i64
    %undef = llvm.mlir.undef : !desc
    %pa = llvm.getelementptr %workspace[%c0] : (!llvm.ptr, i64) -> !llvm.ptr, i8
    %a1 = llvm.insertvalue %pa, %undef[1] : !desc
    %a2 = llvm.insertvalue %c0, %a1[2] : !desc
    %a3 = llvm.insertvalue %c16, %a2[3, 0] : !desc
    %a = llvm.insertvalue %c1, %a3[4, 0] : !desc
    %pb = llvm.getelementptr %workspace[%c64] : (!llvm.ptr, i64) -> !llvm.ptr, i8
    %b1 = llvm.insertvalue %pb, %undef[1] : !desc
    %b2 = llvm.insertvalue %c0, %b1[2] : !desc
    %b3 = llvm.insertvalue %c16, %b2[3, 0] : !desc
    %b = llvm.insertvalue %c1, %b3[4, 0] : !desc
    %ra = llvm.extractvalue %a[1] : !desc
    %ea = llvm.getelementptr %ra[%begin] : (!llvm.ptr, i64) -> !llvm.ptr, f32
    // CHECK: llvm.load %{{.*}} {alias_scopes = [#[[TA:alias_scope[0-9]*]]], noalias_scopes = [#[[TB:alias_scope[0-9]*]]]} : !llvm.ptr -> f32
    %x = llvm.load %ea : !llvm.ptr -> f32
    %rb = llvm.extractvalue %b[1] : !desc
    %eb = llvm.getelementptr %rb[%begin] : (!llvm.ptr, i64) -> !llvm.ptr, f32
    // CHECK: llvm.store %{{.*}} {alias_scopes = [#[[TB]]], noalias_scopes = [#[[TA]]]} : f32, !llvm.ptr
    llvm.store %x, %eb : f32, !llvm.ptr
    llvm.return
  }
  // CHECK-LABEL: llvm.func private @main_task_1
  llvm.func private @main_task_1(%input: !llvm.ptr, %output: !llvm.ptr, %workspace: !llvm.ptr, %begin: i64, %end: i64) {
    %c0 = llvm.mlir.constant(0 : index) : i64
    %c1 = llvm.mlir.constant(1 : index) : i64
    %c16 = llvm.mlir.constant(16 : index) : i64
    %undef = llvm.mlir.undef : !desc
    %p = llvm.getelementptr %workspace[%c0] : (!llvm.ptr, i64) -> !llvm.ptr, i8
    %d1 = llvm.insertvalue %p, %undef[1] : !desc
    %d2 = llvm.insertvalue %c0, %d1[2] : !desc
    %d3 = llvm.insertvalue %c16, %d2[3, 0] : !desc
    %d = llvm.insertvalue %c1, %d3[4, 0] : !desc
    %r = llvm.extractvalue %d[1] : !desc
    // CHECK: llvm.load %{{[^ ]*}} : !llvm.ptr -> f32
    %x = llvm.load %r : !llvm.ptr -> f32
    llvm.store %x, %output : f32, !llvm.ptr
    llvm.return
  }
}
