// check-llvm-dialect: a module holding anything but LLVM dialect operations
// is an error, naming each kind of operation left with its count.
// RUN: mnc-opt %s -split-input-file -check-llvm-dialect -verify-diagnostics | FileCheck %s

// CHECK-LABEL: llvm.func @lowered
llvm.func @lowered(%arg0: !llvm.ptr) {
  llvm.return
}

// -----

llvm.func @half_lowered(%arg0: i64) -> i64 {
  // expected-error @below {{lowering to the LLVM dialect left 'builtin.unrealized_conversion_cast' behind (2 operations)}}
  %0 = builtin.unrealized_conversion_cast %arg0 : i64 to index
  %1 = builtin.unrealized_conversion_cast %0 : index to i64
  llvm.return %1 : i64
}

// -----

// expected-error @below {{lowering to the LLVM dialect left 'func.func' behind (1 operation)}}
func.func @not_lowered() {
  // expected-error @below {{lowering to the LLVM dialect left 'func.return' behind (1 operation)}}
  return
}
