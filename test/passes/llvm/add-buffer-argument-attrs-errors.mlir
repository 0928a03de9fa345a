// add-buffer-argument-attrs fails on a module without the lowered entry or
// with a listed task that is not a lowered task.
// RUN: mnc-opt %s -split-input-file -add-buffer-argument-attrs -verify-diagnostics

// expected-error @below {{add-buffer-argument-attrs: expected the lowered entry function 'void main(ptr input, ..., ptr output, ..., ptr workspace, ptr context)'}}
module {
  llvm.func @entry(%input: !llvm.ptr, %output: !llvm.ptr, %workspace: !llvm.ptr, %context: !llvm.ptr) {
    llvm.return
  }
}

// -----

// Not lowered yet: no context argument.
// expected-error @below {{add-buffer-argument-attrs: expected the lowered entry function 'void main(ptr input, ..., ptr output, ..., ptr workspace, ptr context)'}}
module {
  llvm.func @main(%input: !llvm.ptr, %output: !llvm.ptr, %workspace: !llvm.ptr) {
    llvm.return
  }
}

// -----

// A declaration.
// expected-error @below {{add-buffer-argument-attrs: expected the lowered entry function 'void main(ptr input, ..., ptr output, ..., ptr workspace, ptr context)'}}
module {
  llvm.func @main(!llvm.ptr, !llvm.ptr, !llvm.ptr, !llvm.ptr)
}

// -----

// A result.
// expected-error @below {{add-buffer-argument-attrs: expected the lowered entry function 'void main(ptr input, ..., ptr output, ..., ptr workspace, ptr context)'}}
module {
  llvm.func @main(%input: !llvm.ptr, %output: !llvm.ptr, %workspace: !llvm.ptr, %context: !llvm.ptr) -> i32 {
    %0 = llvm.mlir.constant(0 : i32) : i32
    llvm.return %0 : i32
  }
}

// -----

// expected-error @below {{add-buffer-argument-attrs: expected the parallel task @main_task_1 with a body and 5 arguments}}
module attributes {mnc.parallel_tasks = [@main_task_0, @main_task_1]} {
  llvm.func @main(%input: !llvm.ptr, %output: !llvm.ptr, %workspace: !llvm.ptr, %context: !llvm.ptr) {
    llvm.return
  }
  llvm.func private @main_task_0(%input: !llvm.ptr, %output: !llvm.ptr, %workspace: !llvm.ptr, %begin: i64, %end: i64) {
    llvm.return
  }
}

// -----

// expected-error @below {{add-buffer-argument-attrs: expected the parallel task @main_task_0 with a body and 5 arguments}}
module attributes {mnc.parallel_tasks = [@main_task_0]} {
  llvm.func @main(%input: !llvm.ptr, %output: !llvm.ptr, %workspace: !llvm.ptr, %context: !llvm.ptr) {
    llvm.return
  }
  llvm.func private @main_task_0(%input: !llvm.ptr, %output: !llvm.ptr, %workspace: !llvm.ptr, %begin: i64)  {
    llvm.return
  }
}
