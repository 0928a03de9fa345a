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

// -----

// A zero pad of H and W before a convolution (tf2onnx's explicit Pad before
// a stride-2 conv) becomes the convolution's own padding, added to the pads
// it already has (pad order [N, C, H, W] begins then ends; conv pads [top,
// left, bottom, right]).
// CHECK-LABEL: func.func @zero_pad_into_conv
// CHECK-NOT:     mnc.pad
// CHECK:         %[[A:.*]] = mnc.conv2d %arg0, %arg1 {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>} : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x4x4xf32>
// CHECK:         %[[B:.*]] = mnc.conv2d %arg0, %arg1 {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 1, 2, 2, 1>, strides = array<i64: 1, 1>} : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x9x9xf32>
// CHECK-NEXT:    return %[[A]], %[[B]]
func.func @zero_pad_into_conv(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) -> (tensor<1x4x4x4xf32>, tensor<1x4x9x9xf32>) {
  %p = mnc.pad %x {pads = array<i64: 0, 0, 1, 1, 0, 0, 1, 1>, value = 0.0 : f32} : (tensor<1x3x8x8xf32>) -> tensor<1x3x10x10xf32>
  %0 = mnc.conv2d %p, %w {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 2, 2>} : (tensor<1x3x10x10xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x4x4xf32>
  // Asymmetric pad (top 0, left 1, bottom 1, right 0) on a conv with pads 1.
  %q = mnc.pad %x {pads = array<i64: 0, 0, 0, 1, 0, 0, 1, 0>, value = 0.0 : f32} : (tensor<1x3x8x8xf32>) -> tensor<1x3x9x9xf32>
  %1 = mnc.conv2d %q, %w {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 1, 1>} : (tensor<1x3x9x9xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x9x9xf32>
  return %0, %1 : tensor<1x4x4x4xf32>, tensor<1x4x9x9xf32>
}

// -----

// A pad with other users stays for them; the convolution still reads the
// unpadded input.
// CHECK-LABEL: func.func @shared_zero_pad
// CHECK:         %[[P:.*]] = mnc.pad %arg0
// CHECK:         %[[C:.*]] = mnc.conv2d %arg0, %arg1 {{.*}}pads = array<i64: 1, 1, 1, 1>
// CHECK-NEXT:    return %[[C]], %[[P]]
func.func @shared_zero_pad(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) -> (tensor<1x4x4x4xf32>, tensor<1x3x10x10xf32>) {
  %p = mnc.pad %x {pads = array<i64: 0, 0, 1, 1, 0, 0, 1, 1>, value = 0.0 : f32} : (tensor<1x3x8x8xf32>) -> tensor<1x3x10x10xf32>
  %0 = mnc.conv2d %p, %w {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 2, 2>} : (tensor<1x3x10x10xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x4x4xf32>
  return %0, %p : tensor<1x4x4x4xf32>, tensor<1x3x10x10xf32>
}

// -----

// Near misses: a non-zero pad value, and a pad of the channels.
// CHECK-LABEL: func.func @pad_near_misses
// CHECK:         %[[P:.*]] = mnc.pad %arg0 {pads = array<i64: 0, 0, 1, 1, 0, 0, 1, 1>, value = 1.000000e+00 : f32}
// CHECK:         mnc.conv2d %[[P]], %arg1 {{.*}}pads = array<i64: 0, 0, 0, 0>
// CHECK:         %[[Q:.*]] = mnc.pad %arg0 {pads = array<i64: 0, 1, 0, 0, 0, 0, 0, 0>, value = 0.000000e+00 : f32}
// CHECK:         mnc.conv2d %[[Q]], %arg2 {{.*}}pads = array<i64: 0, 0, 0, 0>
func.func @pad_near_misses(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>, %w4: tensor<4x4x3x3xf32>) -> (tensor<1x4x4x4xf32>, tensor<1x4x6x6xf32>) {
  %p = mnc.pad %x {pads = array<i64: 0, 0, 1, 1, 0, 0, 1, 1>, value = 1.0 : f32} : (tensor<1x3x8x8xf32>) -> tensor<1x3x10x10xf32>
  %0 = mnc.conv2d %p, %w {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 2, 2>} : (tensor<1x3x10x10xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x4x4xf32>
  %q = mnc.pad %x {pads = array<i64: 0, 1, 0, 0, 0, 0, 0, 0>, value = 0.0 : f32} : (tensor<1x3x8x8xf32>) -> tensor<1x4x8x8xf32>
  %1 = mnc.conv2d %q, %w4 {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x4x8x8xf32>, tensor<4x4x3x3xf32>) -> tensor<1x4x6x6xf32>
  return %0, %1 : tensor<1x4x4x4xf32>, tensor<1x4x6x6xf32>
}

// -----

// A normalize_input that changes nothing (the NCHW float input, mean 0,
// std 1) is its input; any mean, std, layout or element type keeps it.
// CHECK-LABEL: func.func @normalize_input_identity
// CHECK-NEXT:    %[[M:.*]] = mnc.normalize_input %arg0 {mean = array<f32: 1.000000e+00, 0.000000e+00>
// CHECK-NEXT:    %[[S:.*]] = mnc.normalize_input %arg0 {mean = array<f32: 0.000000e+00, 0.000000e+00>, std = array<f32: 2.000000e+00, 1.000000e+00>}
// CHECK-NEXT:    %[[L:.*]] = mnc.normalize_input %arg1 {channels_last
// CHECK-NEXT:    %[[B:.*]] = mnc.normalize_input %arg2 {mean
// CHECK-NEXT:    return %arg0, %[[M]], %[[S]], %[[L]], %[[B]]
func.func @normalize_input_identity(%x: tensor<1x2x3x4xf32>, %nhwc: tensor<1x3x4x2xf32>, %bytes: tensor<1x2x3x4xi8>) -> (tensor<1x2x3x4xf32>, tensor<1x2x3x4xf32>, tensor<1x2x3x4xf32>, tensor<1x2x3x4xf32>, tensor<1x2x3x4xf32>) {
  %0 = mnc.normalize_input %x {mean = array<f32: 0.0, 0.0>, std = array<f32: 1.0, 1.0>} : (tensor<1x2x3x4xf32>) -> tensor<1x2x3x4xf32>
  %1 = mnc.normalize_input %x {mean = array<f32: 1.0, 0.0>, std = array<f32: 1.0, 1.0>} : (tensor<1x2x3x4xf32>) -> tensor<1x2x3x4xf32>
  %2 = mnc.normalize_input %x {mean = array<f32: 0.0, 0.0>, std = array<f32: 2.0, 1.0>} : (tensor<1x2x3x4xf32>) -> tensor<1x2x3x4xf32>
  %3 = mnc.normalize_input %nhwc {channels_last, mean = array<f32: 0.0, 0.0>, std = array<f32: 1.0, 1.0>} : (tensor<1x3x4x2xf32>) -> tensor<1x2x3x4xf32>
  %4 = mnc.normalize_input %bytes {mean = array<f32: 0.0, 0.0>, std = array<f32: 1.0, 1.0>} : (tensor<1x2x3x4xi8>) -> tensor<1x2x3x4xf32>
  return %0, %1, %2, %3, %4 : tensor<1x2x3x4xf32>, tensor<1x2x3x4xf32>, tensor<1x2x3x4xf32>, tensor<1x2x3x4xf32>, tensor<1x2x3x4xf32>
}
