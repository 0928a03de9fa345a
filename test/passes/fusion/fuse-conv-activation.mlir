// RUN: mnc-opt %s -split-input-file -fuse-conv-activation | FileCheck %s

// relu after a convolution becomes its activation attribute.
// CHECK-LABEL: func.func @conv_relu
// CHECK-SAME:    (%[[X:.*]]: tensor<1x2x3x3xf32>)
// CHECK-DAG:     %[[W:.*]] = arith.constant dense<{{\[}}{{\[}}{{\[}}[1.000000e+00]], {{\[}}[2.000000e+00]]], {{\[}}{{\[}}[3.000000e+00]], {{\[}}[4.000000e+00]]]]> : tensor<2x2x1x1xf32>
// CHECK-DAG:     %[[B:.*]] = arith.constant dense<[5.000000e-01, -5.000000e-01]> : tensor<2xf32>
// CHECK:         %[[Y:.*]] = mnc.conv2d %[[X]], %[[W]] bias(%[[B]]) {activation = #mnc.activation<relu>, dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x2x3x3xf32>, tensor<2x2x1x1xf32>, tensor<2xf32>) -> tensor<1x2x3x3xf32>
// CHECK-NOT:     mnc.relu
// CHECK:         return %[[Y]]
func.func @conv_relu(%x: tensor<1x2x3x3xf32>) -> tensor<1x2x3x3xf32> {
  %w = arith.constant dense<[[[[1.0]], [[2.0]]], [[[3.0]], [[4.0]]]]> : tensor<2x2x1x1xf32>
  %b = arith.constant dense<[0.5, -0.5]> : tensor<2xf32>
  %0 = mnc.conv2d %x, %w bias(%b) {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x2x3x3xf32>, tensor<2x2x1x1xf32>, tensor<2xf32>) -> tensor<1x2x3x3xf32>
  %1 = mnc.relu %0 : tensor<1x2x3x3xf32>
  return %1 : tensor<1x2x3x3xf32>
}

// -----

// relu6 is clip 0..6; a depthwise convolution fuses like any other.
// CHECK-LABEL: func.func @depthwise_relu6
// CHECK:         %[[Y:.*]] = mnc.conv2d %{{.*}}, %{{.*}} {activation = #mnc.activation<clip, 0.000000e+00, 6.000000e+00>, dilations = array<i64: 1, 1>, groups = 2 : i64, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>}
// CHECK-NOT:     mnc.clip
// CHECK:         return %[[Y]]
func.func @depthwise_relu6(%x: tensor<1x2x4x4xf32>) -> tensor<1x2x2x2xf32> {
  %w = arith.constant dense<1.0> : tensor<2x1x3x3xf32>
  %0 = mnc.conv2d %x, %w {dilations = array<i64: 1, 1>, groups = 2 : i64, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>} : (tensor<1x2x4x4xf32>, tensor<2x1x3x3xf32>) -> tensor<1x2x2x2xf32>
  %1 = mnc.clip %0 {min = 0.0 : f32, max = 6.0 : f32} : tensor<1x2x2x2xf32>
  return %1 : tensor<1x2x2x2xf32>
}

// -----

// hardswish and hardsigmoid keep their alpha and beta.
// CHECK-LABEL: func.func @hardswish_hardsigmoid
// CHECK:         %[[A:.*]] = mnc.conv2d {{.*}}activation = #mnc.activation<hardswish, 0.166666672, 5.000000e-01>
// CHECK:         %[[B:.*]] = mnc.conv2d %[[A]], {{.*}}activation = #mnc.activation<hardsigmoid, 2.000000e-01, 5.000000e-01>
// CHECK-NOT:     mnc.hard
// CHECK:         return %[[B]]
func.func @hardswish_hardsigmoid(%x: tensor<1x2x1x1xf32>) -> tensor<1x2x1x1xf32> {
  %w = arith.constant dense<1.0> : tensor<2x2x1x1xf32>
  %0 = mnc.conv2d %x, %w {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x2x1x1xf32>, tensor<2x2x1x1xf32>) -> tensor<1x2x1x1xf32>
  %1 = mnc.hardswish %0 : tensor<1x2x1x1xf32>
  %2 = mnc.conv2d %1, %w {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x2x1x1xf32>, tensor<2x2x1x1xf32>) -> tensor<1x2x1x1xf32>
  %3 = mnc.hardsigmoid %2 {alpha = 0.2 : f32, beta = 0.5 : f32} : tensor<1x2x1x1xf32>
  return %3 : tensor<1x2x1x1xf32>
}

// -----

// A fully connected layer takes its activation too (the classifier head).
// CHECK-LABEL: func.func @fc_hardswish
// CHECK:         %[[Y:.*]] = mnc.fully_connected %{{.*}}, %{{.*}} bias(%{{.*}}) {activation = #mnc.activation<hardswish, 0.166666672, 5.000000e-01>} : (tensor<1x3xf32>, tensor<2x3xf32>, tensor<2xf32>) -> tensor<1x2xf32>
// CHECK-NOT:     mnc.hardswish
// CHECK:         return %[[Y]]
func.func @fc_hardswish(%x: tensor<1x3xf32>) -> tensor<1x2xf32> {
  %w = arith.constant dense<[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]> : tensor<2x3xf32>
  %b = arith.constant dense<[0.0, 1.0]> : tensor<2xf32>
  %0 = mnc.fully_connected %x, %w bias(%b) : (tensor<1x3xf32>, tensor<2x3xf32>, tensor<2xf32>) -> tensor<1x2xf32>
  %1 = mnc.hardswish %0 : tensor<1x2xf32>
  return %1 : tensor<1x2xf32>
}

// -----

// sigmoid fuses; an explicit `none` activation counts as no activation.
// CHECK-LABEL: func.func @sigmoid_over_none
// CHECK:         mnc.conv2d {{.*}}{activation = #mnc.activation<sigmoid>,
// CHECK-NOT:     mnc.sigmoid
func.func @sigmoid_over_none(%x: tensor<1x2x1x1xf32>) -> tensor<1x2x1x1xf32> {
  %w = arith.constant dense<1.0> : tensor<2x2x1x1xf32>
  %0 = mnc.conv2d %x, %w {activation = #mnc.activation<none>, dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x2x1x1xf32>, tensor<2x2x1x1xf32>) -> tensor<1x2x1x1xf32>
  %1 = mnc.sigmoid %0 : tensor<1x2x1x1xf32>
  return %1 : tensor<1x2x1x1xf32>
}

// -----

// Near miss: the convolution has a second user, which needs the value
// before the activation.
// CHECK-LABEL: func.func @two_users
// CHECK:         %[[C:.*]] = mnc.conv2d %arg0, %{{.*}} {dilations
// CHECK:         %[[R:.*]] = mnc.relu %[[C]]
// CHECK:         mnc.add %[[R]], %[[C]]
func.func @two_users(%x: tensor<1x2x3x3xf32>) -> tensor<1x2x3x3xf32> {
  %w = arith.constant dense<1.0> : tensor<2x2x1x1xf32>
  %0 = mnc.conv2d %x, %w {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x2x3x3xf32>, tensor<2x2x1x1xf32>) -> tensor<1x2x3x3xf32>
  %1 = mnc.relu %0 : tensor<1x2x3x3xf32>
  %2 = mnc.add %1, %0 : (tensor<1x2x3x3xf32>, tensor<1x2x3x3xf32>) -> tensor<1x2x3x3xf32>
  return %2 : tensor<1x2x3x3xf32>
}

// -----

// Near miss: the convolution has an activation already; a second one stays
// standalone.
// CHECK-LABEL: func.func @already_activated
// CHECK:         %[[C:.*]] = mnc.conv2d {{.*}}activation = #mnc.activation<relu>
// CHECK:         mnc.sigmoid %[[C]]
func.func @already_activated(%x: tensor<1x2x3x3xf32>) -> tensor<1x2x3x3xf32> {
  %w = arith.constant dense<1.0> : tensor<2x2x1x1xf32>
  %0 = mnc.conv2d %x, %w {activation = #mnc.activation<relu>, dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x2x3x3xf32>, tensor<2x2x1x1xf32>) -> tensor<1x2x3x3xf32>
  %1 = mnc.sigmoid %0 : tensor<1x2x3x3xf32>
  return %1 : tensor<1x2x3x3xf32>
}

// -----

// Near miss: with a residual, the fused activation would apply before the
// residual is added, which is not relu(conv + residual).
// CHECK-LABEL: func.func @residual
// CHECK:         %[[C:.*]] = mnc.conv2d %{{.*}}, %{{.*}} residual(%{{.*}}) {dilations
// CHECK:         mnc.relu %[[C]]
func.func @residual(%x: tensor<1x2x3x3xf32>) -> tensor<1x2x3x3xf32> {
  %w = arith.constant dense<1.0> : tensor<2x2x1x1xf32>
  %0 = mnc.conv2d %x, %w residual(%x) {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x2x3x3xf32>, tensor<2x2x1x1xf32>, tensor<1x2x3x3xf32>) -> tensor<1x2x3x3xf32>
  %1 = mnc.relu %0 : tensor<1x2x3x3xf32>
  return %1 : tensor<1x2x3x3xf32>
}

// -----

// Near miss: an activation of something else (here a function argument and
// an add) is left alone.
// CHECK-LABEL: func.func @not_a_conv
// CHECK:         mnc.relu %arg0
// CHECK:         mnc.hardswish
func.func @not_a_conv(%x: tensor<1x2x3x3xf32>) -> tensor<1x2x3x3xf32> {
  %0 = mnc.relu %x : tensor<1x2x3x3xf32>
  %1 = mnc.add %0, %x : (tensor<1x2x3x3xf32>, tensor<1x2x3x3xf32>) -> tensor<1x2x3x3xf32>
  %2 = mnc.hardswish %1 : tensor<1x2x3x3xf32>
  return %2 : tensor<1x2x3x3xf32>
}

// -----

// leaky_relu fuses with its alpha.
// CHECK-LABEL: func.func @conv_leaky_relu
// CHECK:         %[[Y:.*]] = mnc.conv2d {{.*}}activation = #mnc.activation<leaky_relu, 1.000000e-01, 0.000000e+00>
// CHECK-NOT:     mnc.leaky_relu
// CHECK:         return %[[Y]]
func.func @conv_leaky_relu(%x: tensor<1x2x3x3xf32>) -> tensor<1x2x3x3xf32> {
  %w = arith.constant dense<1.0> : tensor<2x2x1x1xf32>
  %0 = mnc.conv2d %x, %w {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x2x3x3xf32>, tensor<2x2x1x1xf32>) -> tensor<1x2x3x3xf32>
  %1 = mnc.leaky_relu %0 {alpha = 0.1 : f32} : tensor<1x2x3x3xf32>
  return %1 : tensor<1x2x3x3xf32>
}

// -----

// Average pooling absorbs the activation after it, with its parameters.
// CHECK-LABEL: func.func @avg_pool_hardswish
// CHECK:         %[[A:.*]] = mnc.avg_pool %arg0 {activation = #mnc.activation<hardswish, 0.166666672, 5.000000e-01>, ceil_mode = false, count_include_pad = false, dilations = array<i64: 1, 1>, kernel = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 2, 2>}
// CHECK-NOT:     mnc.hardswish
// CHECK:         return %[[A]]
func.func @avg_pool_hardswish(%x: tensor<1x2x4x4xf32>) -> tensor<1x2x2x2xf32> {
  %0 = mnc.avg_pool %x {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, ceil_mode = false, count_include_pad = false} : (tensor<1x2x4x4xf32>) -> tensor<1x2x2x2xf32>
  %1 = mnc.hardswish %0 : tensor<1x2x2x2xf32>
  return %1 : tensor<1x2x2x2xf32>
}

// -----

// Near misses: an average pool that already has an activation keeps the
// second one standalone; an average pool result with another use, global
// max pooling, and max pooling followed by an activation that does not
// commute with the maximum (hardswish) are left alone.
// CHECK-LABEL: func.func @pool_near_misses
// CHECK:         %[[A:.*]] = mnc.avg_pool %arg0 {activation = #mnc.activation<relu>,
// CHECK:         mnc.sigmoid %[[A]]
// CHECK:         %[[B:.*]] = mnc.avg_pool %arg0 {ceil_mode
// CHECK:         mnc.relu %[[B]]
// CHECK:         %[[G:.*]] = mnc.global_max_pool
// CHECK:         mnc.relu %[[G]]
// CHECK:         %[[M:.*]] = mnc.max_pool %arg0 {ceil_mode
// CHECK:         mnc.hardswish %[[M]]
func.func @pool_near_misses(%x: tensor<1x2x4x4xf32>) -> (tensor<1x2x3x3xf32>, tensor<1x2x3x3xf32>, tensor<1x2x3x3xf32>, tensor<1x2x1x1xf32>, tensor<1x2x3x3xf32>) {
  %0 = mnc.avg_pool %x {kernel = array<i64: 2, 2>, strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, ceil_mode = false, count_include_pad = true, activation = #mnc.activation<relu>} : (tensor<1x2x4x4xf32>) -> tensor<1x2x3x3xf32>
  %1 = mnc.sigmoid %0 : tensor<1x2x3x3xf32>
  %2 = mnc.avg_pool %x {kernel = array<i64: 2, 2>, strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, ceil_mode = false, count_include_pad = false} : (tensor<1x2x4x4xf32>) -> tensor<1x2x3x3xf32>
  %3 = mnc.relu %2 : tensor<1x2x3x3xf32>
  %4 = mnc.global_max_pool %x : (tensor<1x2x4x4xf32>) -> tensor<1x2x1x1xf32>
  %5 = mnc.relu %4 : tensor<1x2x1x1xf32>
  %6 = mnc.max_pool %x {kernel = array<i64: 2, 2>, strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, ceil_mode = false} : (tensor<1x2x4x4xf32>) -> tensor<1x2x3x3xf32>
  %7 = mnc.hardswish %6 : tensor<1x2x3x3xf32>
  return %1, %3, %2, %5, %7 : tensor<1x2x3x3xf32>, tensor<1x2x3x3xf32>, tensor<1x2x3x3xf32>, tensor<1x2x1x1xf32>, tensor<1x2x3x3xf32>
}

// -----

// A transposed convolution takes the activation after it too; a second
// activation stays (near miss).
// CHECK-LABEL: func.func @conv_transpose_relu
// CHECK:         %[[Y:.*]] = mnc.conv_transpose {{.*}}activation = #mnc.activation<relu>
// CHECK-NEXT:    %[[Z:.*]] = mnc.hardswish %[[Y]]
// CHECK:         return %[[Z]]
func.func @conv_transpose_relu(%x: tensor<1x2x3x3xf32>) -> tensor<1x4x6x6xf32> {
  %w = arith.constant dense<1.0> : tensor<2x4x2x2xf32>
  %0 = mnc.conv_transpose %x, %w {dilations = array<i64: 1, 1>, groups = 1 : i64, output_padding = array<i64: 0, 0>, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 2, 2>} : (tensor<1x2x3x3xf32>, tensor<2x4x2x2xf32>) -> tensor<1x4x6x6xf32>
  %1 = mnc.relu %0 : tensor<1x4x6x6xf32>
  %2 = mnc.hardswish %1 : tensor<1x4x6x6xf32>
  return %2 : tensor<1x4x6x6xf32>
}

// -----

// relu and clip commute with the maximum: max pooling takes them.
// CHECK-LABEL: func.func @max_pool_relu_clip
// CHECK:         %[[A:.*]] = mnc.max_pool %arg0 {activation = #mnc.activation<relu>
// CHECK:         %[[B:.*]] = mnc.max_pool %arg0 {activation = #mnc.activation<clip, 0.000000e+00, 6.000000e+00>
// CHECK-NOT:     mnc.relu
// CHECK-NOT:     mnc.clip
// CHECK:         return %[[A]], %[[B]]
func.func @max_pool_relu_clip(%x: tensor<1x2x4x4xf32>) -> (tensor<1x2x3x3xf32>, tensor<1x2x3x3xf32>) {
  %0 = mnc.max_pool %x {kernel = array<i64: 2, 2>, strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, ceil_mode = false} : (tensor<1x2x4x4xf32>) -> tensor<1x2x3x3xf32>
  %1 = mnc.relu %0 : tensor<1x2x3x3xf32>
  %2 = mnc.max_pool %x {kernel = array<i64: 2, 2>, strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, ceil_mode = false} : (tensor<1x2x4x4xf32>) -> tensor<1x2x3x3xf32>
  %3 = mnc.clip %2 {min = 0.0 : f32, max = 6.0 : f32} : tensor<1x2x3x3xf32>
  return %1, %3 : tensor<1x2x3x3xf32>, tensor<1x2x3x3xf32>
}
