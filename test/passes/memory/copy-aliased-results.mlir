// copy-aliased-results: a result of a function that is an argument, a
// view of one, a constant, or a buffer an earlier result already returns
// becomes a copy into a fresh tensor; computed results stay as they are.
// RUN: mnc-opt %s -split-input-file -copy-aliased-results | FileCheck %s
// The whole buffer pipeline then writes each output buffer (it crashed on, or
// silently dropped, such results before).
// RUN: mnc-opt %s -split-input-file -mnc-linalg-to-llvm | FileCheck %s --check-prefix=LLVM

// CHECK-LABEL: func.func @main(
// CHECK-SAME:    %[[X:[^:]*]]: tensor<3x4xf32>
// CHECK:         %[[E:.*]] = tensor.empty() : tensor<3x4xf32>
// CHECK:         %[[C:.*]] = linalg.copy ins(%[[X]] : tensor<3x4xf32>) outs(%[[E]] : tensor<3x4xf32>)
// CHECK:         return %[[C]]
// LLVM-LABEL: llvm.func @main
// LLVM:         llvm.load
// LLVM:         llvm.store
func.func @main(%x: tensor<3x4xf32>) -> tensor<3x4xf32> {
  return %x : tensor<3x4xf32>
}

// -----

// A reshape of the input is a view of its buffer too.
// CHECK-LABEL: func.func @main(
// CHECK:         %[[R:.*]] = tensor.collapse_shape
// CHECK:         %[[C:.*]] = linalg.copy ins(%[[R]] : tensor<12xf32>)
// CHECK:         return %[[C]]
// LLVM-LABEL: llvm.func @main
// LLVM:         llvm.store
func.func @main(%x: tensor<3x4xf32>) -> tensor<12xf32> {
  %r = tensor.collapse_shape %x [[0, 1]] : tensor<3x4xf32> into tensor<12xf32>
  return %r : tensor<12xf32>
}

// -----

// The same tensor as two outputs, and a constant output.
// CHECK-LABEL: func.func @main(
// CHECK:         %[[N:.*]] = linalg.negf
// CHECK:         %[[K:.*]] = arith.constant
// CHECK:         %[[C1:.*]] = linalg.copy ins(%[[N]] : tensor<4xf32>)
// CHECK:         %[[C2:.*]] = linalg.copy ins(%[[K]] : tensor<4xf32>)
// CHECK:         return %[[N]], %[[C1]], %[[C2]]
// LLVM-LABEL: llvm.func @main
// LLVM-SAME:    (%{{.*}}: !llvm.ptr{{.*}}, %{{.*}}: !llvm.ptr{{.*}}, %{{.*}}: !llvm.ptr{{.*}}, %{{.*}}: !llvm.ptr{{.*}}, %{{.*}}: !llvm.ptr
func.func @main(%x: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) {
  %e = tensor.empty() : tensor<4xf32>
  %n = linalg.negf ins(%x : tensor<4xf32>) outs(%e : tensor<4xf32>) -> tensor<4xf32>
  %k = arith.constant dense<[1.0, 2.0, 3.0, 4.0]> : tensor<4xf32>
  return %n, %n, %k : tensor<4xf32>, tensor<4xf32>, tensor<4xf32>
}

// -----

// Near miss: computed results, also a view of one, are left alone.
// CHECK-LABEL: func.func @main(
// CHECK-NOT:     linalg.copy
// CHECK:         return
func.func @main(%x: tensor<4xf32>) -> (tensor<4xf32>, tensor<2x2xf32>) {
  %e = tensor.empty() : tensor<4xf32>
  %n = linalg.negf ins(%x : tensor<4xf32>) outs(%e : tensor<4xf32>) -> tensor<4xf32>
  %f = linalg.exp ins(%x : tensor<4xf32>) outs(%e : tensor<4xf32>) -> tensor<4xf32>
  %r = tensor.expand_shape %f [[0, 1]] output_shape [2, 2] : tensor<4xf32> into tensor<2x2xf32>
  return %n, %r : tensor<4xf32>, tensor<2x2xf32>
}
