// create-entry-points fails without its options, without the lowered entry,
// and on a dispatcher or task of another type.
// RUN: mnc-opt %s -split-input-file -create-entry-points="library-name=net input-sizes=4 output-sizes=2" -verify-diagnostics
// RUN: not mnc-opt %s -create-entry-points 2>&1 | FileCheck %s --check-prefix=NO-OPTIONS

// NO-OPTIONS: error: create-entry-points: needs library-name, input-sizes and output-sizes (positive element counts)

// expected-error @below {{create-entry-points: expected the lowered entry function 'void main(ptr input, ..., ptr output, ..., ptr workspace, ptr context)'}}
module {
  llvm.func @other(%input: !llvm.ptr, %output: !llvm.ptr, %workspace: !llvm.ptr, %context: !llvm.ptr) {
    llvm.return
  }
}

// -----

// expected-error @below {{create-entry-points: expected the task dispatcher 'void mnc_parallel_for(ptr, i32, i64)'}}
module {
  llvm.func @mnc_parallel_for(!llvm.ptr, i32) attributes {sym_visibility = "private"}
  llvm.func @main(%input: !llvm.ptr, %output: !llvm.ptr, %workspace: !llvm.ptr, %context: !llvm.ptr) {
    llvm.return
  }
}

// -----

// Already defined.
// expected-error @below {{create-entry-points: expected the task dispatcher 'void mnc_parallel_for(ptr, i32, i64)'}}
module {
  llvm.func @mnc_parallel_for(%context: !llvm.ptr, %task: i32, %count: i64) {
    llvm.return
  }
  llvm.func @main(%input: !llvm.ptr, %output: !llvm.ptr, %workspace: !llvm.ptr, %context: !llvm.ptr) {
    llvm.return
  }
}

// -----

// expected-error @below {{create-entry-points: expected the parallel task 'main_task_0' to be '!llvm.func<void (ptr, ptr, ptr, i64, i64)>' with a body}}
module attributes {mnc.parallel_tasks = [@main_task_0]} {
  llvm.func @mnc_parallel_for(!llvm.ptr, i32, i64) attributes {sym_visibility = "private"}
  llvm.func @main(%input: !llvm.ptr, %output: !llvm.ptr, %workspace: !llvm.ptr, %context: !llvm.ptr) {
    llvm.return
  }
  llvm.func @main_task_0(%input: !llvm.ptr, %output: !llvm.ptr, %workspace: !llvm.ptr, %begin: i32, %end: i32) {
    llvm.return
  }
}

// -----

// Sizes for one input and one output, but the entry takes three buffers
// before the workspace.
// expected-error @below {{create-entry-points: the entry takes 3 input and output buffers, but the options give 1 input and 1 output sizes}}
module {
  llvm.func @main(%input0: !llvm.ptr, %input1: !llvm.ptr, %output: !llvm.ptr, %workspace: !llvm.ptr, %context: !llvm.ptr) {
    llvm.return
  }
}
