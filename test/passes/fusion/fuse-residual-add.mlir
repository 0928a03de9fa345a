// RUN: mnc-opt %s -split-input-file -fuse-residual-add | FileCheck %s

// The projection convolution of an inverted residual block takes the
// block's input as its residual; bias and attributes are kept.
// CHECK-LABEL: func.func @residual
// CHECK-SAME:    (%[[X:.*]]: tensor<1x2x3x3xf32>)
// CHECK-DAG:     %[[W:.*]] = arith.constant dense<{{\[}}{{\[}}{{\[}}[1.000000e+00]], {{\[}}[2.000000e+00]]], {{\[}}{{\[}}[3.000000e+00]], {{\[}}[4.000000e+00]]]]> : tensor<2x2x1x1xf32>
// CHECK-DAG:     %[[B:.*]] = arith.constant dense<[5.000000e-01, -5.000000e-01]> : tensor<2xf32>
// CHECK:         %[[Y:.*]] = mnc.conv2d %[[X]], %[[W]] bias(%[[B]]) residual(%[[X]]) {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x2x3x3xf32>, tensor<2x2x1x1xf32>, tensor<2xf32>, tensor<1x2x3x3xf32>) -> tensor<1x2x3x3xf32>
// CHECK-NOT:     mnc.add
// CHECK:         return %[[Y]]
func.func @residual(%x: tensor<1x2x3x3xf32>) -> tensor<1x2x3x3xf32> {
  %w = arith.constant dense<[[[[1.0]], [[2.0]]], [[[3.0]], [[4.0]]]]> : tensor<2x2x1x1xf32>
  %b = arith.constant dense<[0.5, -0.5]> : tensor<2xf32>
  %0 = mnc.conv2d %x, %w bias(%b) {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x2x3x3xf32>, tensor<2x2x1x1xf32>, tensor<2xf32>) -> tensor<1x2x3x3xf32>
  %1 = mnc.add %0, %x : (tensor<1x2x3x3xf32>, tensor<1x2x3x3xf32>) -> tensor<1x2x3x3xf32>
  return %1 : tensor<1x2x3x3xf32>
}

// -----

// The conv on the right, the residual computed after the convolution (the
// fused op is built where the add was), and a fused activation that stays:
// add(hardswish(conv), r) is conv {hardswish} residual(r).
// CHECK-LABEL: func.func @rhs_later_residual_activation
// CHECK-SAME:    (%[[X:.*]]: tensor<1x2x3x3xf32>, %[[Z:.*]]: tensor<1x2x3x3xf32>)
// CHECK:         %[[R:.*]] = mnc.relu %[[Z]]
// CHECK:         %[[Y:.*]] = mnc.conv2d %[[X]], %{{.*}} residual(%[[R]]) {activation = #mnc.activation<hardswish, 0.166666672, 5.000000e-01>, dilations = array<i64: 1, 1>, groups = 2 : i64, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 1, 1>} : (tensor<1x2x3x3xf32>, tensor<2x1x3x3xf32>, tensor<1x2x3x3xf32>) -> tensor<1x2x3x3xf32>
// CHECK-NOT:     mnc.add
// CHECK:         return %[[Y]]
func.func @rhs_later_residual_activation(%x: tensor<1x2x3x3xf32>, %z: tensor<1x2x3x3xf32>) -> tensor<1x2x3x3xf32> {
  %w = arith.constant dense<1.0> : tensor<2x1x3x3xf32>
  %0 = mnc.conv2d %x, %w {activation = #mnc.activation<hardswish, 0.166666672, 0.5>, dilations = array<i64: 1, 1>, groups = 2 : i64, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 1, 1>} : (tensor<1x2x3x3xf32>, tensor<2x1x3x3xf32>) -> tensor<1x2x3x3xf32>
  %1 = mnc.relu %z : tensor<1x2x3x3xf32>
  %2 = mnc.add %1, %0 : (tensor<1x2x3x3xf32>, tensor<1x2x3x3xf32>) -> tensor<1x2x3x3xf32>
  return %2 : tensor<1x2x3x3xf32>
}

// -----

// Two convolutions: the first one that qualifies (lhs) takes the other as
// its residual.
// CHECK-LABEL: func.func @two_convs
// CHECK:         %[[A:.*]] = mnc.conv2d %arg0, %{{.*}} {dilations
// CHECK:         %[[B:.*]] = mnc.conv2d %arg1, %{{.*}} residual(%[[A]])
// CHECK-NOT:     mnc.add
// CHECK:         return %[[B]]
func.func @two_convs(%x: tensor<1x2x3x3xf32>, %y: tensor<1x2x3x3xf32>) -> tensor<1x2x3x3xf32> {
  %w = arith.constant dense<1.0> : tensor<2x2x1x1xf32>
  %0 = mnc.conv2d %x, %w {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x2x3x3xf32>, tensor<2x2x1x1xf32>) -> tensor<1x2x3x3xf32>
  %1 = mnc.conv2d %y, %w {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x2x3x3xf32>, tensor<2x2x1x1xf32>) -> tensor<1x2x3x3xf32>
  %2 = mnc.add %1, %0 : (tensor<1x2x3x3xf32>, tensor<1x2x3x3xf32>) -> tensor<1x2x3x3xf32>
  return %2 : tensor<1x2x3x3xf32>
}

// -----

// Near miss: the convolution has a second user.
// CHECK-LABEL: func.func @two_users
// CHECK:         %[[C:.*]] = mnc.conv2d %arg0, %{{.*}} {dilations
// CHECK:         %[[S:.*]] = mnc.add %[[C]], %arg0
// CHECK:         return %[[S]], %[[C]]
func.func @two_users(%x: tensor<1x2x3x3xf32>) -> (tensor<1x2x3x3xf32>, tensor<1x2x3x3xf32>) {
  %w = arith.constant dense<1.0> : tensor<2x2x1x1xf32>
  %0 = mnc.conv2d %x, %w {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x2x3x3xf32>, tensor<2x2x1x1xf32>) -> tensor<1x2x3x3xf32>
  %1 = mnc.add %0, %x : (tensor<1x2x3x3xf32>, tensor<1x2x3x3xf32>) -> tensor<1x2x3x3xf32>
  return %1, %0 : tensor<1x2x3x3xf32>, tensor<1x2x3x3xf32>
}

// -----

// Near miss: a broadcasting add (per-channel constant) is not a residual.
// CHECK-LABEL: func.func @broadcast
// CHECK:         %[[C:.*]] = mnc.conv2d %arg0, %{{.*}} {dilations
// CHECK:         mnc.add %[[C]], %{{.*}} : (tensor<1x2x3x3xf32>, tensor<2x1x1xf32>)
func.func @broadcast(%x: tensor<1x2x3x3xf32>) -> tensor<1x2x3x3xf32> {
  %w = arith.constant dense<1.0> : tensor<2x2x1x1xf32>
  %c = arith.constant dense<[[[1.0]], [[2.0]]]> : tensor<2x1x1xf32>
  %0 = mnc.conv2d %x, %w {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x2x3x3xf32>, tensor<2x2x1x1xf32>) -> tensor<1x2x3x3xf32>
  %1 = mnc.add %0, %c : (tensor<1x2x3x3xf32>, tensor<2x1x1xf32>) -> tensor<1x2x3x3xf32>
  return %1 : tensor<1x2x3x3xf32>
}

// -----

// Near miss: neither operand is a convolution.
// CHECK-LABEL: func.func @no_conv
// CHECK:         %[[R:.*]] = mnc.relu %arg0
// CHECK:         mnc.add %[[R]], %arg1
func.func @no_conv(%x: tensor<1x2x3x3xf32>, %y: tensor<1x2x3x3xf32>) -> tensor<1x2x3x3xf32> {
  %0 = mnc.relu %x : tensor<1x2x3x3xf32>
  %1 = mnc.add %0, %y : (tensor<1x2x3x3xf32>, tensor<1x2x3x3xf32>) -> tensor<1x2x3x3xf32>
  return %1 : tensor<1x2x3x3xf32>
}

// -----

// Near miss: the convolution has a residual already; a second add stays.
// CHECK-LABEL: func.func @has_residual
// CHECK:         %[[C:.*]] = mnc.conv2d %arg0, %{{.*}} residual(%arg0)
// CHECK:         mnc.add %[[C]], %arg1
func.func @has_residual(%x: tensor<1x2x3x3xf32>, %y: tensor<1x2x3x3xf32>) -> tensor<1x2x3x3xf32> {
  %w = arith.constant dense<1.0> : tensor<2x2x1x1xf32>
  %0 = mnc.conv2d %x, %w residual(%x) {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x2x3x3xf32>, tensor<2x2x1x1xf32>, tensor<1x2x3x3xf32>) -> tensor<1x2x3x3xf32>
  %1 = mnc.add %0, %y : (tensor<1x2x3x3xf32>, tensor<1x2x3x3xf32>) -> tensor<1x2x3x3xf32>
  return %1 : tensor<1x2x3x3xf32>
}

// -----

// add(resize(x), r) in either order: the resize takes r as its addend.
// CHECK-LABEL: func.func @resize_add
// CHECK:         %[[A:.*]] = mnc.resize %arg0 addend(%arg1) {{.*}}scale_h = 2.000000e+00
// CHECK-NEXT:    %[[B:.*]] = mnc.resize %arg0 addend(%[[A]])
// CHECK-NOT:     mnc.add
// CHECK:         return %[[B]]
func.func @resize_add(%x: tensor<1x2x3x3xf32>, %r: tensor<1x2x6x6xf32>) -> tensor<1x2x6x6xf32> {
  %0 = mnc.resize %x {mode = #mnc.resize_mode<nearest>, coordinate_transform = #mnc.coordinate_transform<asymmetric>, nearest_rounding = #mnc.nearest_rounding<floor>, scale_h = 2.0 : f32, scale_w = 2.0 : f32} : (tensor<1x2x3x3xf32>) -> tensor<1x2x6x6xf32>
  %1 = mnc.add %0, %r : (tensor<1x2x6x6xf32>, tensor<1x2x6x6xf32>) -> tensor<1x2x6x6xf32>
  %2 = mnc.resize %x {mode = #mnc.resize_mode<bilinear>, coordinate_transform = #mnc.coordinate_transform<half_pixel>, nearest_rounding = #mnc.nearest_rounding<round_prefer_floor>, scale_h = 2.0 : f32, scale_w = 2.0 : f32} : (tensor<1x2x3x3xf32>) -> tensor<1x2x6x6xf32>
  %3 = mnc.add %1, %2 : (tensor<1x2x6x6xf32>, tensor<1x2x6x6xf32>) -> tensor<1x2x6x6xf32>
  return %3 : tensor<1x2x6x6xf32>
}

// -----

// Near misses: a broadcasting add, and a resize with another use, stay.
// CHECK-LABEL: func.func @resize_add_near_misses
// CHECK:         %[[A:.*]] = mnc.resize %arg0 {
// CHECK:         mnc.add %[[A]], %arg1
// CHECK:         %[[B:.*]] = mnc.resize %arg0 {
// CHECK:         mnc.add %[[B]], %arg2
func.func @resize_add_near_misses(%x: tensor<1x2x3x3xf32>, %b: tensor<1x2x1x1xf32>, %r: tensor<1x2x6x6xf32>) -> (tensor<1x2x6x6xf32>, tensor<1x2x6x6xf32>, tensor<1x2x6x6xf32>) {
  %0 = mnc.resize %x {mode = #mnc.resize_mode<nearest>, coordinate_transform = #mnc.coordinate_transform<asymmetric>, nearest_rounding = #mnc.nearest_rounding<floor>, scale_h = 2.0 : f32, scale_w = 2.0 : f32} : (tensor<1x2x3x3xf32>) -> tensor<1x2x6x6xf32>
  %1 = mnc.add %0, %b : (tensor<1x2x6x6xf32>, tensor<1x2x1x1xf32>) -> tensor<1x2x6x6xf32>
  %2 = mnc.resize %x {mode = #mnc.resize_mode<nearest>, coordinate_transform = #mnc.coordinate_transform<asymmetric>, nearest_rounding = #mnc.nearest_rounding<floor>, scale_h = 2.0 : f32, scale_w = 2.0 : f32} : (tensor<1x2x3x3xf32>) -> tensor<1x2x6x6xf32>
  %3 = mnc.add %2, %r : (tensor<1x2x6x6xf32>, tensor<1x2x6x6xf32>) -> tensor<1x2x6x6xf32>
  return %1, %3, %2 : tensor<1x2x6x6xf32>, tensor<1x2x6x6xf32>, tensor<1x2x6x6xf32>
}
