// mark-inputs-readonly: tensor arguments of public functions become
// non-writable for bufferization, so an in-place update of the input is
// bufferized as a copy into a new buffer instead of a write to the caller's
// memory.
// RUN: mnc-opt %s -mark-inputs-readonly | FileCheck %s
// RUN: mnc-opt %s -mark-inputs-readonly -one-shot-bufferize="bufferize-function-boundaries function-boundary-type-conversion=identity-layout-map" | FileCheck %s --check-prefix=BUF

// CHECK-LABEL: func.func @main
// CHECK-SAME:    (%{{.*}}: tensor<4xf32> {bufferization.writable = false, mnc.name = "x"}, %{{.*}}: f32, %{{.*}}: memref<4xf32>)

// BUF-LABEL: func.func @main
// BUF-SAME:    (%[[X:[^:]*]]: memref<4xf32>
// BUF:         %[[COPY:.*]] = memref.alloc() {{.*}} : memref<4xf32>
// BUF:         memref.copy %[[X]], %[[COPY]]
// BUF:         linalg.generic {{.*}} outs(%[[COPY]] : memref<4xf32>)
// BUF-NOT:     outs(%[[X]]
#id = affine_map<(d0) -> (d0)>
func.func @main(%x: tensor<4xf32> {mnc.name = "x"}, %s: f32, %m: memref<4xf32>) -> tensor<4xf32> {
  %0 = linalg.generic {indexing_maps = [#id], iterator_types = ["parallel"]} outs(%x : tensor<4xf32>) {
  ^bb0(%out: f32):
    %1 = arith.mulf %out, %s : f32
    linalg.yield %1 : f32
  } -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// Private functions are left alone.
// CHECK-LABEL: func.func private @helper
// CHECK-SAME:    (%{{.*}}: tensor<4xf32>)
func.func private @helper(%x: tensor<4xf32>) -> tensor<4xf32> {
  return %x : tensor<4xf32>
}
