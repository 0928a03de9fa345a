// RUN: mnc-opt %s -split-input-file -fold-input-normalization | FileCheck %s

// The frame's 1 / std moves into the stem's filter, per input channel: the
// weights of channel 0 are divided by 2, of channel 1 by 4. The mean stays
// in the op (std becomes 1); bias, padding and activation stay as they are.
// CHECK-LABEL: func.func @stem
// CHECK-DAG:     %[[N:.*]] = mnc.normalize_input %arg0 {channels_last, mean = array<f32: 1.000000e+01, 2.000000e+01>, std = array<f32: 1.000000e+00, 1.000000e+00>}
// CHECK-DAG:     %[[W:.*]] = arith.constant dense<{{\[\[\[\[}}5.000000e-01, 1.000000e+00]], {{\[\[}}2.500000e-01, 5.000000e-01]]], {{\[\[\[}}1.500000e+00, 2.000000e+00]], {{\[\[}}1.250000e+00, 1.500000e+00]]]]> : tensor<2x2x1x2xf32>
// CHECK:         mnc.conv2d %[[N]], %[[W]] bias(%{{.*}}) {activation = #mnc.activation<relu>, dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 0, 1, 0, 0>, strides = array<i64: 1, 1>}
func.func @stem(%frame: tensor<1x3x3x2xi8>) -> tensor<1x2x3x3xf32> {
  %x = mnc.normalize_input %frame {channels_last, mean = array<f32: 10.0, 20.0>, std = array<f32: 2.0, 4.0>} : (tensor<1x3x3x2xi8>) -> tensor<1x2x3x3xf32>
  %w = arith.constant dense<[[[[1.0, 2.0]], [[1.0, 2.0]]], [[[3.0, 4.0]], [[5.0, 6.0]]]]> : tensor<2x2x1x2xf32>
  %b = arith.constant dense<0.5> : tensor<2xf32>
  %0 = mnc.conv2d %x, %w bias(%b) {activation = #mnc.activation<relu>, dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 0, 1, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x2x3x3xf32>, tensor<2x2x1x2xf32>, tensor<2xf32>) -> tensor<1x2x3x3xf32>
  return %0 : tensor<1x2x3x3xf32>
}

// -----

// A depthwise first layer: filter row f reads input channel f. A float
// NCHW input without a mean is then the model's own: the op folds away.
// CHECK-LABEL: func.func @depthwise
// CHECK-NOT:     mnc.normalize_input
// CHECK:         %[[W:.*]] = arith.constant dense<{{\[\[\[\[}}5.000000e-01]]], {{\[\[\[}}2.500000e-01]]]]> : tensor<2x1x1x1xf32>
// CHECK:         mnc.conv2d %arg0, %[[W]] {dilations = array<i64: 1, 1>, groups = 2 : i64
func.func @depthwise(%x: tensor<1x2x3x3xf32>) -> tensor<1x2x3x3xf32> {
  %n = mnc.normalize_input %x {mean = array<f32: 0.0, 0.0>, std = array<f32: 2.0, 4.0>} : (tensor<1x2x3x3xf32>) -> tensor<1x2x3x3xf32>
  %w = arith.constant dense<1.0> : tensor<2x1x1x1xf32>
  %0 = mnc.conv2d %n, %w {dilations = array<i64: 1, 1>, groups = 2 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x2x3x3xf32>, tensor<2x1x1x1xf32>) -> tensor<1x2x3x3xf32>
  return %0 : tensor<1x2x3x3xf32>
}

// -----

// Groups of two input channels (4 channels, 2 groups, 2 filters each):
// filters 0 and 1 read channels 0 and 1, filters 2 and 3 channels 2 and 3.
// CHECK-LABEL: func.func @grouped
// CHECK:         arith.constant dense<{{\[\[\[\[}}1.000000e+00]], {{\[\[}}5.000000e-01]]], {{\[\[\[}}1.000000e+00]], {{\[\[}}5.000000e-01]]], {{\[\[\[}}2.500000e-01]], {{\[\[}}1.250000e-01]]], {{\[\[\[}}2.500000e-01]], {{\[\[}}1.250000e-01]]]]> : tensor<4x2x1x1xf32>
func.func @grouped(%x: tensor<1x4x2x2xf32>) -> tensor<1x4x2x2xf32> {
  %n = mnc.normalize_input %x {mean = array<f32: 0.0, 0.0, 0.0, 0.0>, std = array<f32: 1.0, 2.0, 4.0, 8.0>} : (tensor<1x4x2x2xf32>) -> tensor<1x4x2x2xf32>
  %w = arith.constant dense<1.0> : tensor<4x2x1x1xf32>
  %0 = mnc.conv2d %n, %w {dilations = array<i64: 1, 1>, groups = 2 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x4x2x2xf32>, tensor<4x2x1x1xf32>) -> tensor<1x4x2x2xf32>
  return %0 : tensor<1x4x2x2xf32>
}

// -----

// Near misses: two users (a conv and a pool), a user that is not a
// convolution, the input as a conv's residual, a computed filter. Nothing
// changes.
// CHECK-LABEL: func.func @near_misses
// CHECK-COUNT-4: std = array<f32: 2.000000e+00>
// CHECK-NOT:     std = array<f32: 1.000000e+00>
func.func @near_misses(%a: tensor<1x1x2x2xf32>, %b: tensor<1x1x2x2xf32>, %c: tensor<1x1x2x2xf32>, %d: tensor<1x1x2x2xf32>, %w: tensor<1x1x1x1xf32>) -> (tensor<1x1x2x2xf32>, tensor<1x1x1x1xf32>, tensor<1x1x2x2xf32>, tensor<1x1x2x2xf32>, tensor<1x1x2x2xf32>) {
  %k = arith.constant dense<3.0> : tensor<1x1x1x1xf32>
  %na = mnc.normalize_input %a {mean = array<f32: 0.0>, std = array<f32: 2.0>} : (tensor<1x1x2x2xf32>) -> tensor<1x1x2x2xf32>
  %0 = mnc.conv2d %na, %k {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x1x2x2xf32>, tensor<1x1x1x1xf32>) -> tensor<1x1x2x2xf32>
  %1 = mnc.global_avg_pool %na : (tensor<1x1x2x2xf32>) -> tensor<1x1x1x1xf32>
  %nb = mnc.normalize_input %b {mean = array<f32: 0.0>, std = array<f32: 2.0>} : (tensor<1x1x2x2xf32>) -> tensor<1x1x2x2xf32>
  %2 = mnc.relu %nb : tensor<1x1x2x2xf32>
  %nc = mnc.normalize_input %c {mean = array<f32: 0.0>, std = array<f32: 2.0>} : (tensor<1x1x2x2xf32>) -> tensor<1x1x2x2xf32>
  %3 = mnc.conv2d %a, %k residual(%nc) {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x1x2x2xf32>, tensor<1x1x1x1xf32>, tensor<1x1x2x2xf32>) -> tensor<1x1x2x2xf32>
  %nd = mnc.normalize_input %d {mean = array<f32: 0.0>, std = array<f32: 2.0>} : (tensor<1x1x2x2xf32>) -> tensor<1x1x2x2xf32>
  %4 = mnc.conv2d %nd, %w {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x1x2x2xf32>, tensor<1x1x1x1xf32>) -> tensor<1x1x2x2xf32>
  return %0, %1, %2, %3, %4 : tensor<1x1x2x2xf32>, tensor<1x1x1x1xf32>, tensor<1x1x2x2xf32>, tensor<1x1x2x2xf32>, tensor<1x1x2x2xf32>
}
