// Canonicalization patterns and folders of the mnc ops.
// RUN: mnc-opt %s -canonicalize -split-input-file | FileCheck %s

// A mean over H and W that keeps dimensions is a global average pool.
// CHECK-LABEL: func.func @reduce_mean_hw
// CHECK:         %[[P:.*]] = mnc.global_avg_pool %arg0 : (tensor<1x8x4x4xf32>) -> tensor<1x8x1x1xf32>
// CHECK-NEXT:    return %[[P]]
func.func @reduce_mean_hw(%x: tensor<1x8x4x4xf32>) -> tensor<1x8x1x1xf32> {
  %0 = mnc.reduce_mean %x {axes = array<i64: 2, 3>, keepdims = true} : (tensor<1x8x4x4xf32>) -> tensor<1x8x1x1xf32>
  return %0 : tensor<1x8x1x1xf32>
}

// -----

// Near misses: dropped dimensions, other axes, other ranks stay means.
// CHECK-LABEL: func.func @reduce_mean_near_misses
// CHECK-NOT:     mnc.global_avg_pool
// CHECK-COUNT-3: mnc.reduce_mean
// CHECK-NOT:     mnc.global_avg_pool
func.func @reduce_mean_near_misses(%x: tensor<1x8x4x4xf32>, %y: tensor<8x4x4xf32>) -> (tensor<1x8xf32>, tensor<1x1x4x1xf32>, tensor<8x1x1xf32>) {
  %0 = mnc.reduce_mean %x {axes = array<i64: 2, 3>, keepdims = false} : (tensor<1x8x4x4xf32>) -> tensor<1x8xf32>
  %1 = mnc.reduce_mean %x {axes = array<i64: 1, 3>, keepdims = true} : (tensor<1x8x4x4xf32>) -> tensor<1x1x4x1xf32>
  %2 = mnc.reduce_mean %y {axes = array<i64: 1, 2>, keepdims = true} : (tensor<8x4x4xf32>) -> tensor<8x1x1xf32>
  return %0, %1, %2 : tensor<1x8xf32>, tensor<1x1x4x1xf32>, tensor<8x1x1xf32>
}

// -----

// CHECK-LABEL: func.func @reshape_chain
// CHECK:         %[[R:.*]] = mnc.reshape %arg0 : (tensor<1x16x1x1xf32>) -> tensor<16xf32>
// CHECK-NEXT:    return %arg0, %[[R]]
func.func @reshape_chain(%x: tensor<1x16x1x1xf32>) -> (tensor<1x16x1x1xf32>, tensor<16xf32>) {
  %0 = mnc.reshape %x : (tensor<1x16x1x1xf32>) -> tensor<1x16x1x1xf32>
  %1 = mnc.reshape %0 : (tensor<1x16x1x1xf32>) -> tensor<1x16xf32>
  %2 = mnc.reshape %1 : (tensor<1x16xf32>) -> tensor<16xf32>
  return %0, %2 : tensor<1x16x1x1xf32>, tensor<16xf32>
}
