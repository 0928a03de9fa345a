// Every op prints and parses back to the same text.
// RUN: mnc-opt %s | mnc-opt | FileCheck %s

// CHECK-LABEL: func.func @batch_matmul
func.func @batch_matmul(%a: tensor<2x3x4xf32>, %b: tensor<2x4x5xf32>) -> tensor<2x3x5xf32> {
  // CHECK: mnc.batch_matmul %{{.*}}, %{{.*}} : (tensor<2x3x4xf32>, tensor<2x4x5xf32>) -> tensor<2x3x5xf32>
  %0 = mnc.batch_matmul %a, %b : (tensor<2x3x4xf32>, tensor<2x4x5xf32>) -> tensor<2x3x5xf32>
  return %0 : tensor<2x3x5xf32>
}

// CHECK-LABEL: func.func @conv_transpose
func.func @conv_transpose(%x: tensor<1x4x5x5xf32>, %w: tensor<4x3x3x3xf32>, %b: tensor<6xf32>) -> tensor<1x6x10x10xf32> {
  // CHECK: mnc.conv_transpose %{{.*}}, %{{.*}} bias(%{{.*}}) {activation = #mnc.activation<relu>, dilations = array<i64: 1, 1>, groups = 2 : i64, output_padding = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>}
  %0 = mnc.conv_transpose %x, %w bias(%b) {activation = #mnc.activation<relu>, dilations = array<i64: 1, 1>, groups = 2 : i64, output_padding = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>} : (tensor<1x4x5x5xf32>, tensor<4x3x3x3xf32>, tensor<6xf32>) -> tensor<1x6x10x10xf32>
  return %0 : tensor<1x6x10x10xf32>
}

// CHECK-LABEL: func.func @conv
func.func @conv(%x: tensor<1x16x56x56xf32>, %w: tensor<16x1x3x3xf32>, %b: tensor<16xf32>, %r: tensor<1x16x56x56xf32>) -> tensor<1x16x56x56xf32> {
  // CHECK: mnc.conv2d %{{.*}}, %{{.*}} bias(%{{.*}}) residual(%{{.*}}) {activation = #mnc.activation<hardswish, 0.166666672, 5.000000e-01>, dilations = array<i64: 1, 1>, groups = 16 : i64, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 1, 1>}
  %0 = mnc.conv2d %x, %w bias(%b) residual(%r) {activation = #mnc.activation<hardswish, 0.166666672, 0.5>, dilations = array<i64: 1, 1>, groups = 16 : i64, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 1, 1>} : (tensor<1x16x56x56xf32>, tensor<16x1x3x3xf32>, tensor<16xf32>, tensor<1x16x56x56xf32>) -> tensor<1x16x56x56xf32>
  // CHECK: mnc.conv2d %{{.*}}, %{{.*}} {dilations
  %1 = mnc.conv2d %0, %w {dilations = array<i64: 1, 1>, groups = 16 : i64, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 1, 1>} : (tensor<1x16x56x56xf32>, tensor<16x1x3x3xf32>) -> tensor<1x16x56x56xf32>
  return %1 : tensor<1x16x56x56xf32>
}

// CHECK-LABEL: func.func @activations
func.func @activations(%x: tensor<2x8xf32>) -> tensor<2x8xf32> {
  // CHECK: mnc.relu %{{.*}} : tensor<2x8xf32>
  %0 = mnc.relu %x : tensor<2x8xf32>
  // CHECK: mnc.clip %{{.*}} {max = 6.000000e+00 : f32, min = 0.000000e+00 : f32} : tensor<2x8xf32>
  %1 = mnc.clip %0 {min = 0.0 : f32, max = 6.0 : f32} : tensor<2x8xf32>
  // CHECK: mnc.hardsigmoid %{{.*}} {alpha = 2.000000e-01 : f32, beta = 5.000000e-01 : f32}
  %2 = mnc.hardsigmoid %1 {alpha = 0.2 : f32, beta = 0.5 : f32} : tensor<2x8xf32>
  // CHECK: mnc.hardswish %{{.*}} : tensor<2x8xf32>
  %3 = mnc.hardswish %2 : tensor<2x8xf32>
  // CHECK: mnc.sigmoid %{{.*}} : tensor<2x8xf32>
  %4 = mnc.sigmoid %3 : tensor<2x8xf32>
  // CHECK: mnc.leaky_relu %{{.*}} {alpha = 2.000000e-01 : f32} : tensor<2x8xf32>
  %5 = mnc.leaky_relu %4 {alpha = 0.2 : f32} : tensor<2x8xf32>
  // CHECK: mnc.leaky_relu %{{.*}} : tensor<2x8xf32>
  %6 = mnc.leaky_relu %5 : tensor<2x8xf32>
  return %6 : tensor<2x8xf32>
}

// CHECK-LABEL: func.func @binary_and_bn
func.func @binary_and_bn(%x: tensor<1x8x4x4xf32>, %c: tensor<8x1x1xf32>, %p: tensor<8xf32>) -> tensor<1x8x4x4xf32> {
  // CHECK: mnc.add %{{.*}}, %{{.*}} : (tensor<1x8x4x4xf32>, tensor<8x1x1xf32>) -> tensor<1x8x4x4xf32>
  %0 = mnc.add %x, %c : (tensor<1x8x4x4xf32>, tensor<8x1x1xf32>) -> tensor<1x8x4x4xf32>
  %1 = mnc.sub %0, %c : (tensor<1x8x4x4xf32>, tensor<8x1x1xf32>) -> tensor<1x8x4x4xf32>
  %2 = mnc.mul %c, %1 : (tensor<8x1x1xf32>, tensor<1x8x4x4xf32>) -> tensor<1x8x4x4xf32>
  %3 = mnc.div %2, %c : (tensor<1x8x4x4xf32>, tensor<8x1x1xf32>) -> tensor<1x8x4x4xf32>
  // CHECK: mnc.batch_norm %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}}, %{{.*}} {epsilon = 1.000000e-03 : f32}
  %4 = mnc.batch_norm %3, %p, %p, %p, %p {epsilon = 1.0e-3 : f32} : (tensor<1x8x4x4xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>) -> tensor<1x8x4x4xf32>
  return %4 : tensor<1x8x4x4xf32>
}

// CHECK-LABEL: func.func @squeeze_excite
func.func @squeeze_excite(%x: tensor<1x16x8x8xf32>, %w1: tensor<4x16xf32>, %b1: tensor<4xf32>, %w2: tensor<16x4xf32>, %b2: tensor<16xf32>) -> tensor<1x16x8x8xf32> {
  // CHECK: mnc.squeeze_excite {{.*}} {expand_activation = #mnc.activation<hardsigmoid, 0.166666672, 5.000000e-01>, reduce_activation = #mnc.activation<relu>}
  %0 = mnc.squeeze_excite %x, %w1, %b1, %w2, %b2 {reduce_activation = #mnc.activation<relu>, expand_activation = #mnc.activation<hardsigmoid, 0.166666672, 0.5>} : (tensor<1x16x8x8xf32>, tensor<4x16xf32>, tensor<4xf32>, tensor<16x4xf32>, tensor<16xf32>) -> tensor<1x16x8x8xf32>
  return %0 : tensor<1x16x8x8xf32>
}

// CHECK-LABEL: func.func @pooling_and_head
func.func @pooling_and_head(%x: tensor<1x16x7x7xf32>, %w: tensor<10x16xf32>, %b: tensor<10xf32>) -> tensor<1x10xf32> {
  // CHECK: mnc.avg_pool %{{.*}} {ceil_mode = false, count_include_pad = true, dilations = array<i64: 1, 1>, kernel = array<i64: 3, 3>, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>} : (tensor<1x16x7x7xf32>) -> tensor<1x16x4x4xf32>
  %p = mnc.avg_pool %x {kernel = array<i64: 3, 3>, strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>, ceil_mode = false, count_include_pad = true} : (tensor<1x16x7x7xf32>) -> tensor<1x16x4x4xf32>
  // Dilated windows of 5: (7 + 2 - 5) / 2 + 1 = 3 rows; ceil((7 + 2 - 5) / 3) + 1 = 3
  // columns, the last starting at 6, inside the input.
  // CHECK: mnc.max_pool %{{.*}} {ceil_mode = true, dilations = array<i64: 2, 2>, kernel = array<i64: 3, 3>, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 3>} : (tensor<1x16x7x7xf32>) -> tensor<1x16x3x3xf32>
  %q = mnc.max_pool %x {kernel = array<i64: 3, 3>, strides = array<i64: 2, 3>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 2, 2>, ceil_mode = true} : (tensor<1x16x7x7xf32>) -> tensor<1x16x3x3xf32>
  // A fused activation.
  // CHECK: mnc.avg_pool %{{.*}} {activation = #mnc.activation<clip, 0.000000e+00, 6.000000e+00>, ceil_mode = true, count_include_pad = false, dilations = array<i64: 1, 1>, kernel = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 2, 2>} : (tensor<1x16x7x7xf32>) -> tensor<1x16x4x4xf32>
  %r = mnc.avg_pool %x {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, ceil_mode = true, count_include_pad = false, activation = #mnc.activation<clip, 0.0, 6.0>} : (tensor<1x16x7x7xf32>) -> tensor<1x16x4x4xf32>
  // CHECK: mnc.global_max_pool %{{.*}} : (tensor<1x16x7x7xf32>) -> tensor<1x16x1x1xf32>
  %g = mnc.global_max_pool %x : (tensor<1x16x7x7xf32>) -> tensor<1x16x1x1xf32>
  // CHECK: mnc.reduce_mean %{{.*}} {axes = array<i64: 2, 3>, keepdims = false}
  %m = mnc.reduce_mean %x {axes = array<i64: 2, 3>, keepdims = false} : (tensor<1x16x7x7xf32>) -> tensor<1x16xf32>
  // CHECK: mnc.global_avg_pool
  %0 = mnc.global_avg_pool %x : (tensor<1x16x7x7xf32>) -> tensor<1x16x1x1xf32>
  // CHECK: mnc.reshape
  %1 = mnc.reshape %0 : (tensor<1x16x1x1xf32>) -> tensor<1x16xf32>
  // CHECK: mnc.fully_connected %{{.*}}, %{{.*}} bias(%{{.*}}) {activation = #mnc.activation<clip, 0.000000e+00, 6.000000e+00>}
  %2 = mnc.fully_connected %1, %w bias(%b) {activation = #mnc.activation<clip, 0.0, 6.0>} : (tensor<1x16xf32>, tensor<10x16xf32>, tensor<10xf32>) -> tensor<1x10xf32>
  // CHECK: mnc.softmax %{{.*}} {axis = 1 : i64} : tensor<1x10xf32>
  %3 = mnc.softmax %2 {axis = 1 : i64} : tensor<1x10xf32>
  return %3 : tensor<1x10xf32>
}

// CHECK-LABEL: func.func @data_movement
func.func @data_movement(%x: tensor<1x4x6x6xf32>, %y: tensor<1x2x6x6xf32>) -> tensor<1x12x12x6xf32> {
  // CHECK: mnc.concat %{{.*}}, %{{.*}} {axis = 1 : i64} : (tensor<1x4x6x6xf32>, tensor<1x2x6x6xf32>) -> tensor<1x6x6x6xf32>
  %0 = mnc.concat %x, %y {axis = 1 : i64} : (tensor<1x4x6x6xf32>, tensor<1x2x6x6xf32>) -> tensor<1x6x6x6xf32>
  // CHECK: mnc.pad %{{.*}} {pads = array<i64: 0, 0, 0, 0, 0, 0, 1, 1>, value = 0.000000e+00 : f32}
  %1 = mnc.pad %0 {pads = array<i64: 0, 0, 0, 0, 0, 0, 1, 1>, value = 0.0 : f32} : (tensor<1x6x6x6xf32>) -> tensor<1x6x7x7xf32>
  // CHECK: mnc.resize %{{.*}} {coordinate_transform = #mnc.coordinate_transform<half_pixel>, mode = #mnc.resize_mode<bilinear>, nearest_rounding = #mnc.nearest_rounding<round_prefer_floor>, scale_h = 2.000000e+00 : f32, scale_w = 2.000000e+00 : f32}
  %2 = mnc.resize %0 {mode = #mnc.resize_mode<bilinear>, coordinate_transform = #mnc.coordinate_transform<half_pixel>, nearest_rounding = #mnc.nearest_rounding<round_prefer_floor>, scale_h = 2.0 : f32, scale_w = 2.0 : f32} : (tensor<1x6x6x6xf32>) -> tensor<1x6x12x12xf32>
  // CHECK: mnc.transpose %{{.*}} {perm = array<i64: 0, 2, 1, 3>} : (tensor<1x6x12x12xf32>) -> tensor<1x12x6x12xf32>
  %3 = mnc.transpose %2 {perm = array<i64: 0, 2, 1, 3>} : (tensor<1x6x12x12xf32>) -> tensor<1x12x6x12xf32>
  %4 = mnc.transpose %3 {perm = array<i64: 0, 1, 3, 2>} : (tensor<1x12x6x12xf32>) -> tensor<1x12x12x6xf32>
  return %4 : tensor<1x12x12x6xf32>
}

// A camera frame as the graph's input: 8-bit NHWC pixels, or an NCHW float
// image, normalized per channel.
// CHECK-LABEL: func.func @normalize_input
func.func @normalize_input(%frame: tensor<1x5x7x3xi8>, %image: tensor<1x3x5x7xf32>) -> (tensor<1x3x5x7xf32>, tensor<1x3x5x7xf32>) {
  // CHECK: mnc.normalize_input %{{.*}} {channels_last, mean = array<f32: 1.236750e+02, 1.162800e+02, 1.035300e+02>, std = array<f32: 5.839500e+01, 5.712000e+01, 5.737500e+01>} : (tensor<1x5x7x3xi8>) -> tensor<1x3x5x7xf32>
  %0 = mnc.normalize_input %frame {channels_last, mean = array<f32: 123.675, 116.28, 103.53>, std = array<f32: 58.395, 57.12, 57.375>} : (tensor<1x5x7x3xi8>) -> tensor<1x3x5x7xf32>
  // CHECK: mnc.normalize_input %{{.*}} {mean = array<f32: 5.000000e-01, 5.000000e-01, 5.000000e-01>, std = array<f32: 1.000000e+00, 1.000000e+00, 1.000000e+00>} : (tensor<1x3x5x7xf32>) -> tensor<1x3x5x7xf32>
  %1 = mnc.normalize_input %image {mean = array<f32: 0.5, 0.5, 0.5>, std = array<f32: 1.0, 1.0, 1.0>} : (tensor<1x3x5x7xf32>) -> tensor<1x3x5x7xf32>
  return %0, %1 : tensor<1x3x5x7xf32>, tensor<1x3x5x7xf32>
}
