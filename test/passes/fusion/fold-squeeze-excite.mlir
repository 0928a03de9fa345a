// RUN: mnc-opt %s -split-input-file -fold-squeeze-excite | FileCheck %s

// The block as the importer emits it: pool, 1x1 conv, relu, 1x1 conv,
// hardsigmoid, mul. The [R, C, 1, 1] filters become [R, C] weights.
// CHECK-LABEL: func.func @standalone_activations
// CHECK-SAME:    (%[[X:.*]]: tensor<1x3x2x2xf32>)
// CHECK-DAG:     %[[B1:.*]] = arith.constant dense<[1.000000e-01, 2.000000e-01]> : tensor<2xf32>
// CHECK-DAG:     %[[B2:.*]] = arith.constant dense<[3.000000e-01, 4.000000e-01, 5.000000e-01]> : tensor<3xf32>
// CHECK-DAG:     %[[W1:.*]] = arith.constant dense<{{\[}}[1.000000e+00, 2.000000e+00, 3.000000e+00], [4.000000e+00, 5.000000e+00, 6.000000e+00]]> : tensor<2x3xf32>
// CHECK-DAG:     %[[W2:.*]] = arith.constant dense<{{\[}}[7.000000e+00, 8.000000e+00], [9.000000e+00, 1.000000e+01], [1.100000e+01, 1.200000e+01]]> : tensor<3x2xf32>
// CHECK:         %[[Y:.*]] = mnc.squeeze_excite %[[X]], %[[W1]], %[[B1]], %[[W2]], %[[B2]] {expand_activation = #mnc.activation<hardsigmoid, 0.166666672, 5.000000e-01>, reduce_activation = #mnc.activation<relu>} : (tensor<1x3x2x2xf32>, tensor<2x3xf32>, tensor<2xf32>, tensor<3x2xf32>, tensor<3xf32>) -> tensor<1x3x2x2xf32>
// CHECK-NOT:     mnc.global_avg_pool
// CHECK-NOT:     mnc.conv2d
// CHECK-NOT:     mnc.mul
// CHECK:         return %[[Y]]
func.func @standalone_activations(%x: tensor<1x3x2x2xf32>) -> tensor<1x3x2x2xf32> {
  %w1 = arith.constant dense<[[[[1.0]], [[2.0]], [[3.0]]], [[[4.0]], [[5.0]], [[6.0]]]]> : tensor<2x3x1x1xf32>
  %b1 = arith.constant dense<[0.1, 0.2]> : tensor<2xf32>
  %w2 = arith.constant dense<[[[[7.0]], [[8.0]]], [[[9.0]], [[10.0]]], [[[11.0]], [[12.0]]]]> : tensor<3x2x1x1xf32>
  %b2 = arith.constant dense<[0.3, 0.4, 0.5]> : tensor<3xf32>
  %0 = mnc.global_avg_pool %x : (tensor<1x3x2x2xf32>) -> tensor<1x3x1x1xf32>
  %1 = mnc.conv2d %0, %w1 bias(%b1) {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x3x1x1xf32>, tensor<2x3x1x1xf32>, tensor<2xf32>) -> tensor<1x2x1x1xf32>
  %2 = mnc.relu %1 : tensor<1x2x1x1xf32>
  %3 = mnc.conv2d %2, %w2 bias(%b2) {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x2x1x1xf32>, tensor<3x2x1x1xf32>, tensor<3xf32>) -> tensor<1x3x1x1xf32>
  %4 = mnc.hardsigmoid %3 {alpha = 0.166666672 : f32, beta = 0.5 : f32} : tensor<1x3x1x1xf32>
  %5 = mnc.mul %4, %x : (tensor<1x3x1x1xf32>, tensor<1x3x2x2xf32>) -> tensor<1x3x2x2xf32>
  return %5 : tensor<1x3x2x2xf32>
}

// -----

// After fuse-conv-activation: the activations are the convolutions'
// attributes. The mul has x first; convolutions without a bias get zeros;
// a sigmoid gate folds too.
// CHECK-LABEL: func.func @fused_activations
// CHECK-SAME:    (%[[X:.*]]: tensor<1x2x3x3xf32>)
// CHECK-DAG:     %[[W1:.*]] = arith.constant dense<{{\[}}[1.000000e+00, 2.000000e+00]]> : tensor<1x2xf32>
// CHECK-DAG:     %[[Z1:.*]] = arith.constant dense<0.000000e+00> : tensor<1xf32>
// CHECK-DAG:     %[[W2:.*]] = arith.constant dense<{{\[}}[3.000000e+00], [4.000000e+00]]> : tensor<2x1xf32>
// CHECK-DAG:     %[[Z2:.*]] = arith.constant dense<0.000000e+00> : tensor<2xf32>
// CHECK:         %[[Y:.*]] = mnc.squeeze_excite %[[X]], %[[W1]], %[[Z1]], %[[W2]], %[[Z2]] {expand_activation = #mnc.activation<sigmoid>, reduce_activation = #mnc.activation<clip, 0.000000e+00, 6.000000e+00>}
// CHECK-NOT:     mnc.conv2d
// CHECK:         return %[[Y]]
func.func @fused_activations(%x: tensor<1x2x3x3xf32>) -> tensor<1x2x3x3xf32> {
  %w1 = arith.constant dense<[[[[1.0]], [[2.0]]]]> : tensor<1x2x1x1xf32>
  %w2 = arith.constant dense<[[[[3.0]]], [[[4.0]]]]> : tensor<2x1x1x1xf32>
  %0 = mnc.global_avg_pool %x : (tensor<1x2x3x3xf32>) -> tensor<1x2x1x1xf32>
  %1 = mnc.conv2d %0, %w1 {activation = #mnc.activation<clip, 0.0, 6.0>, dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x2x1x1xf32>, tensor<1x2x1x1xf32>) -> tensor<1x1x1x1xf32>
  %2 = mnc.conv2d %1, %w2 {activation = #mnc.activation<sigmoid>, dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x1x1x1xf32>, tensor<2x1x1x1xf32>) -> tensor<1x2x1x1xf32>
  %3 = mnc.mul %x, %2 : (tensor<1x2x3x3xf32>, tensor<1x2x1x1xf32>) -> tensor<1x2x3x3xf32>
  return %3 : tensor<1x2x3x3xf32>
}

// -----

// reduce_mean over [2, 3] without keepdims feeding fully connected layers,
// and a reshape of the gate back to [N, C, 1, 1]: the weights are used as
// they are.
// CHECK-LABEL: func.func @reduce_mean_fully_connected
// CHECK-SAME:    (%[[X:.*]]: tensor<2x2x3x3xf32>)
// CHECK-DAG:     %[[W1:.*]] = arith.constant dense<{{\[}}[1.000000e+00, 2.000000e+00]]> : tensor<1x2xf32>
// CHECK-DAG:     %[[B1:.*]] = arith.constant dense<5.000000e-01> : tensor<1xf32>
// CHECK-DAG:     %[[W2:.*]] = arith.constant dense<{{\[}}[3.000000e+00], [4.000000e+00]]> : tensor<2x1xf32>
// CHECK-DAG:     %[[B2:.*]] = arith.constant dense<[-1.000000e+00, 1.000000e+00]> : tensor<2xf32>
// CHECK:         %[[Y:.*]] = mnc.squeeze_excite %[[X]], %[[W1]], %[[B1]], %[[W2]], %[[B2]] {expand_activation = #mnc.activation<hardsigmoid, 2.000000e-01, 5.000000e-01>, reduce_activation = #mnc.activation<relu>} : (tensor<2x2x3x3xf32>, tensor<1x2xf32>, tensor<1xf32>, tensor<2x1xf32>, tensor<2xf32>) -> tensor<2x2x3x3xf32>
// CHECK-NOT:     mnc.reduce_mean
// CHECK-NOT:     mnc.fully_connected
// CHECK-NOT:     mnc.reshape
// CHECK:         return %[[Y]]
func.func @reduce_mean_fully_connected(%x: tensor<2x2x3x3xf32>) -> tensor<2x2x3x3xf32> {
  %w1 = arith.constant dense<[[1.0, 2.0]]> : tensor<1x2xf32>
  %b1 = arith.constant dense<[0.5]> : tensor<1xf32>
  %w2 = arith.constant dense<[[3.0], [4.0]]> : tensor<2x1xf32>
  %b2 = arith.constant dense<[-1.0, 1.0]> : tensor<2xf32>
  %0 = mnc.reduce_mean %x {axes = array<i64: 2, 3>, keepdims = false} : (tensor<2x2x3x3xf32>) -> tensor<2x2xf32>
  %1 = mnc.fully_connected %0, %w1 bias(%b1) : (tensor<2x2xf32>, tensor<1x2xf32>, tensor<1xf32>) -> tensor<2x1xf32>
  %2 = mnc.relu %1 : tensor<2x1xf32>
  %3 = mnc.fully_connected %2, %w2 bias(%b2) {activation = #mnc.activation<hardsigmoid, 0.2, 0.5>} : (tensor<2x1xf32>, tensor<2x1xf32>, tensor<2xf32>) -> tensor<2x2xf32>
  %4 = mnc.reshape %3 : (tensor<2x2xf32>) -> tensor<2x2x1x1xf32>
  %5 = mnc.mul %4, %x : (tensor<2x2x1x1xf32>, tensor<2x2x3x3xf32>) -> tensor<2x2x3x3xf32>
  return %5 : tensor<2x2x3x3xf32>
}

// -----

// reduce_mean with keepdims (what canonicalization would turn into a pool),
// then reshape + fully connected; filters computed at run time are
// reshaped by an mnc.reshape.
// CHECK-LABEL: func.func @keepdims_computed_filter
// CHECK-SAME:    (%[[X:.*]]: tensor<1x2x3x3xf32>, %[[F:.*]]: tensor<2x1x1x1xf32>)
// CHECK-DAG:     %[[W1:.*]] = arith.constant dense<1.000000e+00> : tensor<1x2xf32>
// CHECK-DAG:     %[[W2:.*]] = mnc.reshape %[[F]] : (tensor<2x1x1x1xf32>) -> tensor<2x1xf32>
// CHECK:         %[[Y:.*]] = mnc.squeeze_excite %[[X]], %[[W1]], %{{.*}}, %[[W2]], %{{.*}} {expand_activation = #mnc.activation<hardsigmoid, 0.166666672, 5.000000e-01>, reduce_activation = #mnc.activation<relu>}
// CHECK-NOT:     mnc.reduce_mean
// CHECK:         return %[[Y]]
func.func @keepdims_computed_filter(%x: tensor<1x2x3x3xf32>, %f: tensor<2x1x1x1xf32>) -> tensor<1x2x3x3xf32> {
  %w1 = arith.constant dense<1.0> : tensor<1x2xf32>
  %0 = mnc.reduce_mean %x {axes = array<i64: 2, 3>, keepdims = true} : (tensor<1x2x3x3xf32>) -> tensor<1x2x1x1xf32>
  %1 = mnc.reshape %0 : (tensor<1x2x1x1xf32>) -> tensor<1x2xf32>
  %2 = mnc.fully_connected %1, %w1 {activation = #mnc.activation<relu>} : (tensor<1x2xf32>, tensor<1x2xf32>) -> tensor<1x1xf32>
  %3 = mnc.reshape %2 : (tensor<1x1xf32>) -> tensor<1x1x1x1xf32>
  %4 = mnc.conv2d %3, %f {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x1x1x1xf32>, tensor<2x1x1x1xf32>) -> tensor<1x2x1x1xf32>
  %5 = mnc.hardsigmoid %4 {alpha = 0.166666672 : f32, beta = 0.5 : f32} : tensor<1x2x1x1xf32>
  %6 = mnc.mul %x, %5 : (tensor<1x2x3x3xf32>, tensor<1x2x1x1xf32>) -> tensor<1x2x3x3xf32>
  return %6 : tensor<1x2x3x3xf32>
}

// -----

// Near miss: the mul scales a different tensor than the one pooled.
// CHECK-LABEL: func.func @different_tensor
// CHECK-NOT:     mnc.squeeze_excite
// CHECK:         mnc.global_avg_pool
// CHECK:         mnc.mul
func.func @different_tensor(%x: tensor<1x2x3x3xf32>, %y: tensor<1x2x3x3xf32>) -> tensor<1x2x3x3xf32> {
  %w1 = arith.constant dense<1.0> : tensor<1x2x1x1xf32>
  %w2 = arith.constant dense<1.0> : tensor<2x1x1x1xf32>
  %0 = mnc.global_avg_pool %x : (tensor<1x2x3x3xf32>) -> tensor<1x2x1x1xf32>
  %1 = mnc.conv2d %0, %w1 {activation = #mnc.activation<relu>, dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x2x1x1xf32>, tensor<1x2x1x1xf32>) -> tensor<1x1x1x1xf32>
  %2 = mnc.conv2d %1, %w2 {activation = #mnc.activation<hardsigmoid, 0.166666672, 0.5>, dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x1x1x1xf32>, tensor<2x1x1x1xf32>) -> tensor<1x2x1x1xf32>
  %3 = mnc.mul %2, %y : (tensor<1x2x1x1xf32>, tensor<1x2x3x3xf32>) -> tensor<1x2x3x3xf32>
  return %3 : tensor<1x2x3x3xf32>
}

// -----

// Near miss: a 3x3 convolution (padded, so the map stays 1x1) in the middle.
// CHECK-LABEL: func.func @three_by_three
// CHECK-NOT:     mnc.squeeze_excite
// CHECK:         mnc.global_avg_pool
// CHECK:         mnc.mul
func.func @three_by_three(%x: tensor<1x2x3x3xf32>) -> tensor<1x2x3x3xf32> {
  %w1 = arith.constant dense<1.0> : tensor<1x2x3x3xf32>
  %w2 = arith.constant dense<1.0> : tensor<2x1x1x1xf32>
  %0 = mnc.global_avg_pool %x : (tensor<1x2x3x3xf32>) -> tensor<1x2x1x1xf32>
  %1 = mnc.conv2d %0, %w1 {activation = #mnc.activation<relu>, dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 1, 1>} : (tensor<1x2x1x1xf32>, tensor<1x2x3x3xf32>) -> tensor<1x1x1x1xf32>
  %2 = mnc.conv2d %1, %w2 {activation = #mnc.activation<hardsigmoid, 0.166666672, 0.5>, dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x1x1x1xf32>, tensor<2x1x1x1xf32>) -> tensor<1x2x1x1xf32>
  %3 = mnc.mul %2, %x : (tensor<1x2x1x1xf32>, tensor<1x2x3x3xf32>) -> tensor<1x2x3x3xf32>
  return %3 : tensor<1x2x3x3xf32>
}

// -----

// Near miss: the gate has a second user.
// CHECK-LABEL: func.func @gate_used_twice
// CHECK-NOT:     mnc.squeeze_excite
// CHECK:         %[[G:.*]] = mnc.hardsigmoid
// CHECK:         mnc.mul %[[G]], %arg0
// CHECK:         return %{{.*}}, %[[G]]
func.func @gate_used_twice(%x: tensor<1x2x3x3xf32>) -> (tensor<1x2x3x3xf32>, tensor<1x2x1x1xf32>) {
  %w1 = arith.constant dense<1.0> : tensor<1x2x1x1xf32>
  %w2 = arith.constant dense<1.0> : tensor<2x1x1x1xf32>
  %0 = mnc.global_avg_pool %x : (tensor<1x2x3x3xf32>) -> tensor<1x2x1x1xf32>
  %1 = mnc.conv2d %0, %w1 {activation = #mnc.activation<relu>, dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x2x1x1xf32>, tensor<1x2x1x1xf32>) -> tensor<1x1x1x1xf32>
  %2 = mnc.conv2d %1, %w2 {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x1x1x1xf32>, tensor<2x1x1x1xf32>) -> tensor<1x2x1x1xf32>
  %3 = mnc.hardsigmoid %2 {alpha = 0.166666672 : f32, beta = 0.5 : f32} : tensor<1x2x1x1xf32>
  %4 = mnc.mul %3, %x : (tensor<1x2x1x1xf32>, tensor<1x2x3x3xf32>) -> tensor<1x2x3x3xf32>
  return %4, %3 : tensor<1x2x3x3xf32>, tensor<1x2x1x1xf32>
}

// -----

// Near miss: an intermediate value (the pooled mean) has a second user.
// CHECK-LABEL: func.func @pool_used_twice
// CHECK-NOT:     mnc.squeeze_excite
// CHECK:         mnc.mul
func.func @pool_used_twice(%x: tensor<1x2x3x3xf32>) -> (tensor<1x2x3x3xf32>, tensor<1x2x1x1xf32>) {
  %w1 = arith.constant dense<1.0> : tensor<1x2x1x1xf32>
  %w2 = arith.constant dense<1.0> : tensor<2x1x1x1xf32>
  %0 = mnc.global_avg_pool %x : (tensor<1x2x3x3xf32>) -> tensor<1x2x1x1xf32>
  %1 = mnc.conv2d %0, %w1 {activation = #mnc.activation<relu>, dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x2x1x1xf32>, tensor<1x2x1x1xf32>) -> tensor<1x1x1x1xf32>
  %2 = mnc.conv2d %1, %w2 {activation = #mnc.activation<hardsigmoid, 0.166666672, 0.5>, dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x1x1x1xf32>, tensor<2x1x1x1xf32>) -> tensor<1x2x1x1xf32>
  %3 = mnc.mul %2, %x : (tensor<1x2x1x1xf32>, tensor<1x2x3x3xf32>) -> tensor<1x2x3x3xf32>
  return %3, %0 : tensor<1x2x3x3xf32>, tensor<1x2x1x1xf32>
}

// -----

// Near miss: the last activation is not a gate (relu), and two stacked
// activations on one layer have no single fused form.
// CHECK-LABEL: func.func @not_a_gate
// CHECK-NOT:     mnc.squeeze_excite
// CHECK-LABEL: func.func @two_activations
// CHECK-NOT:     mnc.squeeze_excite
func.func @not_a_gate(%x: tensor<1x2x3x3xf32>) -> tensor<1x2x3x3xf32> {
  %w1 = arith.constant dense<1.0> : tensor<1x2x1x1xf32>
  %w2 = arith.constant dense<1.0> : tensor<2x1x1x1xf32>
  %0 = mnc.global_avg_pool %x : (tensor<1x2x3x3xf32>) -> tensor<1x2x1x1xf32>
  %1 = mnc.conv2d %0, %w1 {activation = #mnc.activation<relu>, dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x2x1x1xf32>, tensor<1x2x1x1xf32>) -> tensor<1x1x1x1xf32>
  %2 = mnc.conv2d %1, %w2 {activation = #mnc.activation<relu>, dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x1x1x1xf32>, tensor<2x1x1x1xf32>) -> tensor<1x2x1x1xf32>
  %3 = mnc.mul %2, %x : (tensor<1x2x1x1xf32>, tensor<1x2x3x3xf32>) -> tensor<1x2x3x3xf32>
  return %3 : tensor<1x2x3x3xf32>
}
func.func @two_activations(%x: tensor<1x2x3x3xf32>) -> tensor<1x2x3x3xf32> {
  %w1 = arith.constant dense<1.0> : tensor<1x2x1x1xf32>
  %w2 = arith.constant dense<1.0> : tensor<2x1x1x1xf32>
  %0 = mnc.global_avg_pool %x : (tensor<1x2x3x3xf32>) -> tensor<1x2x1x1xf32>
  %1 = mnc.conv2d %0, %w1 {activation = #mnc.activation<relu>, dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x2x1x1xf32>, tensor<1x2x1x1xf32>) -> tensor<1x1x1x1xf32>
  %2 = mnc.conv2d %1, %w2 {activation = #mnc.activation<relu>, dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x1x1x1xf32>, tensor<2x1x1x1xf32>) -> tensor<1x2x1x1xf32>
  %3 = mnc.hardsigmoid %2 {alpha = 0.166666672 : f32, beta = 0.5 : f32} : tensor<1x2x1x1xf32>
  %4 = mnc.mul %3, %x : (tensor<1x2x1x1xf32>, tensor<1x2x3x3xf32>) -> tensor<1x2x3x3xf32>
  return %4 : tensor<1x2x3x3xf32>
}
