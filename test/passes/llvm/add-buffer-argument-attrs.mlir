// add-buffer-argument-attrs: the lowered entry's and tasks' input, output and
// workspace arguments are noalias (NAME_run checked that they are disjoint),
// the workspace is aligned (NAME_run checked that too) when there is one;
// the entry's arguments stay aliasing when tasks reach the same buffers.
// RUN: mnc-opt %s -split-input-file -add-buffer-argument-attrs | FileCheck %s

// No tasks: all three buffers noalias, the workspace aligned; the context
// and other functions untouched.
module attributes {mnc.workspace_size = 128 : i64} {
  // CHECK-LABEL: llvm.func @main
  // CHECK-SAME: (%{{[^:]*}}: !llvm.ptr {llvm.noalias}, %{{[^:]*}}: !llvm.ptr {llvm.noalias}, %{{[^:]*}}: !llvm.ptr {llvm.align = 64 : i64, llvm.noalias}, %{{[^:]*}}: !llvm.ptr)
  llvm.func @main(%input: !llvm.ptr, %output: !llvm.ptr, %workspace: !llvm.ptr, %context: !llvm.ptr) {
    llvm.return
  }
  // CHECK-LABEL: llvm.func @helper
  // CHECK-SAME: (%{{[^:]*}}: !llvm.ptr, %{{[^:]*}}: !llvm.ptr, %{{[^:]*}}: !llvm.ptr, %{{[^:]*}}: !llvm.ptr)
  // CHECK-NOT: llvm.noalias
  llvm.func @helper(%input: !llvm.ptr, %output: !llvm.ptr, %workspace: !llvm.ptr, %context: !llvm.ptr) {
    llvm.return
  }
}

// -----

// No workspace (size 0): noalias only.
module attributes {mnc.workspace_size = 0 : i64} {
  // CHECK-LABEL: llvm.func @main
  // CHECK-SAME: (%{{[^:]*}}: !llvm.ptr {llvm.noalias}, %{{[^:]*}}: !llvm.ptr {llvm.noalias}, %{{[^:]*}}: !llvm.ptr {llvm.noalias}, %{{[^:]*}}: !llvm.ptr)
  llvm.func @main(%input: !llvm.ptr, %output: !llvm.ptr, %workspace: !llvm.ptr, %context: !llvm.ptr) {
    llvm.return
  }
}

// -----

// With tasks: the tasks' buffers are noalias and aligned, the entry's only
// aligned; a function the list does not name is left alone.
module attributes {mnc.parallel_tasks = [@main_task_0, @main_task_1], mnc.workspace_size = 64 : i64} {
  // CHECK-LABEL: llvm.func @main
  // CHECK-SAME: (%{{[^:]*}}: !llvm.ptr, %{{[^:]*}}: !llvm.ptr, %{{[^:]*}}: !llvm.ptr {llvm.align = 64 : i64}, %{{[^:]*}}: !llvm.ptr)
  llvm.func @main(%input: !llvm.ptr, %output: !llvm.ptr, %workspace: !llvm.ptr, %context: !llvm.ptr) {
    llvm.return
  }
  // CHECK-LABEL: llvm.func private @main_task_0
  // CHECK-SAME: (%{{[^:]*}}: !llvm.ptr {llvm.noalias}, %{{[^:]*}}: !llvm.ptr {llvm.noalias}, %{{[^:]*}}: !llvm.ptr {llvm.align = 64 : i64, llvm.noalias}, %{{[^:]*}}: i64, %{{[^:]*}}: i64)
  llvm.func private @main_task_0(%input: !llvm.ptr, %output: !llvm.ptr, %workspace: !llvm.ptr, %begin: i64, %end: i64) {
    llvm.return
  }
  // CHECK-LABEL: llvm.func private @main_task_1
  // CHECK-SAME: (%{{[^:]*}}: !llvm.ptr {llvm.noalias}, %{{[^:]*}}: !llvm.ptr {llvm.noalias}, %{{[^:]*}}: !llvm.ptr {llvm.align = 64 : i64, llvm.noalias}, %{{[^:]*}}: i64, %{{[^:]*}}: i64)
  llvm.func private @main_task_1(%input: !llvm.ptr, %output: !llvm.ptr, %workspace: !llvm.ptr, %begin: i64, %end: i64) {
    llvm.return
  }
  // CHECK-LABEL: llvm.func private @main_task_2
  // CHECK-SAME: (%{{[^:]*}}: !llvm.ptr, %{{[^:]*}}: !llvm.ptr, %{{[^:]*}}: !llvm.ptr, %{{[^:]*}}: i64, %{{[^:]*}}: i64)
  llvm.func private @main_task_2(%input: !llvm.ptr, %output: !llvm.ptr, %workspace: !llvm.ptr, %begin: i64, %end: i64) {
    llvm.return
  }
}

// -----

// An empty task list is no task: the entry's buffers are noalias. Without
// mnc.workspace_size the workspace's size is unknown: no alignment.
module attributes {mnc.parallel_tasks = []} {
  // CHECK-LABEL: llvm.func @main
  // CHECK-SAME: (%{{[^:]*}}: !llvm.ptr {llvm.noalias}, %{{[^:]*}}: !llvm.ptr {llvm.noalias}, %{{[^:]*}}: !llvm.ptr {llvm.noalias}, %{{[^:]*}}: !llvm.ptr)
  llvm.func @main(%input: !llvm.ptr, %output: !llvm.ptr, %workspace: !llvm.ptr, %context: !llvm.ptr) {
    llvm.return
  }
}
