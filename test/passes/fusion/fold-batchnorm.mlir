// RUN: mnc-opt %s -split-input-file -fold-batchnorm | FileCheck %s
// RUN: mnc-opt %s -split-input-file -fold-batchnorm=scale-shift=false | FileCheck %s --check-prefix=NOSS

// A conv2d without bias: s = scale / sqrt(var + eps) = [2/2, 6/3] = [1, 2],
// W' = W * s = [1, 4], b' = (0 - mean) * s + beta = [-0.5, 3].
// CHECK-LABEL: func.func @conv_no_bias
// CHECK-DAG:     %[[W:.*]] = arith.constant dense<{{\[}}{{\[}}{{\[}}[1.000000e+00]]], {{\[}}{{\[}}[4.000000e+00]]]]> : tensor<2x1x1x1xf32>
// CHECK-DAG:     %[[B:.*]] = arith.constant dense<[-5.000000e-01, 3.000000e+00]> : tensor<2xf32>
// CHECK:         %[[Y:.*]] = mnc.conv2d %arg0, %[[W]] bias(%[[B]]) {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x1x2x2xf32>, tensor<2x1x1x1xf32>, tensor<2xf32>) -> tensor<1x2x2x2xf32>
// CHECK-NEXT:    return %[[Y]]
// CHECK-NOT:     mnc.batch_norm
// NOSS-LABEL:  func.func @conv_no_bias
// NOSS-NOT:      mnc.batch_norm
func.func @conv_no_bias(%x: tensor<1x1x2x2xf32>) -> tensor<1x2x2x2xf32> {
  %w = arith.constant dense<[[[[1.0]]], [[[2.0]]]]> : tensor<2x1x1x1xf32>
  %scale = arith.constant dense<[2.0, 6.0]> : tensor<2xf32>
  %beta = arith.constant dense<[0.5, -1.0]> : tensor<2xf32>
  %mean = arith.constant dense<[1.0, -2.0]> : tensor<2xf32>
  %var = arith.constant dense<[3.75, 8.75]> : tensor<2xf32>
  %0 = mnc.conv2d %x, %w {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x1x2x2xf32>, tensor<2x1x1x1xf32>) -> tensor<1x2x2x2xf32>
  %1 = mnc.batch_norm %0, %scale, %beta, %mean, %var {epsilon = 0.25 : f32} : (tensor<1x2x2x2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<1x2x2x2xf32>
  return %1 : tensor<1x2x2x2xf32>
}

// -----

// Values that do not fold exactly: computed in double from the f32 constants
// (epsilon is the f32 1e-3, inside the square root) and rounded once.
// s = [1.5 / sqrt(0.501), 0.9 / sqrt(2.001)]; W' = [0.1, -0.7] * s;
// b' = ([0.3, 0.2] - [0.2, -0.1]) * s + [0.05, -0.4].
// CHECK-LABEL: func.func @conv_bias_epsilon
// CHECK-DAG:     %[[W:.*]] = arith.constant dense<{{\[}}{{\[}}{{\[}}[0.211920217]]], {{\[}}{{\[}}[-0.445365936]]]]> : tensor<2x1x1x1xf32>
// CHECK-DAG:     %[[B:.*]] = arith.constant dense<[0.261920244, -0.209128886]> : tensor<2xf32>
// CHECK:         mnc.conv2d %arg0, %[[W]] bias(%[[B]])
// CHECK-NOT:     mnc.batch_norm
func.func @conv_bias_epsilon(%x: tensor<1x1x2x2xf32>) -> tensor<1x2x2x2xf32> {
  %w = arith.constant dense<[[[[0.1]]], [[[-0.7]]]]> : tensor<2x1x1x1xf32>
  %b = arith.constant dense<[0.3, 0.2]> : tensor<2xf32>
  %scale = arith.constant dense<[1.5, 0.9]> : tensor<2xf32>
  %beta = arith.constant dense<[0.05, -0.4]> : tensor<2xf32>
  %mean = arith.constant dense<[0.2, -0.1]> : tensor<2xf32>
  %var = arith.constant dense<[0.5, 2.0]> : tensor<2xf32>
  %0 = mnc.conv2d %x, %w bias(%b) {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x1x2x2xf32>, tensor<2x1x1x1xf32>, tensor<2xf32>) -> tensor<1x2x2x2xf32>
  %1 = mnc.batch_norm %0, %scale, %beta, %mean, %var {epsilon = 1.0e-3 : f32} : (tensor<1x2x2x2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<1x2x2x2xf32>
  return %1 : tensor<1x2x2x2xf32>
}

// -----

// A depthwise conv2d with bias, strides and padding kept: s = [1 / 0.5, -3 / 1]
// scales each 2x2 kernel; b' = [(1 - 0.5) * 2 + 0.25, (-1 - 1) * -3 + 2].
// CHECK-LABEL: func.func @depthwise_bias
// CHECK-DAG:     %[[W:.*]] = arith.constant dense<{{\[}}{{\[}}{{\[}}[2.000000e+00, 4.000000e+00], [6.000000e+00, 8.000000e+00]]], {{\[}}{{\[}}[-1.500000e+01, -1.800000e+01], [-2.100000e+01, -2.400000e+01]]]]> : tensor<2x1x2x2xf32>
// CHECK-DAG:     %[[B:.*]] = arith.constant dense<[1.250000e+00, 8.000000e+00]> : tensor<2xf32>
// CHECK:         mnc.conv2d %arg0, %[[W]] bias(%[[B]]) {dilations = array<i64: 1, 1>, groups = 2 : i64, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>} : (tensor<1x2x3x3xf32>, tensor<2x1x2x2xf32>, tensor<2xf32>) -> tensor<1x2x2x2xf32>
// CHECK-NOT:     mnc.batch_norm
func.func @depthwise_bias(%x: tensor<1x2x3x3xf32>) -> tensor<1x2x2x2xf32> {
  %w = arith.constant dense<[[[[1.0, 2.0], [3.0, 4.0]]], [[[5.0, 6.0], [7.0, 8.0]]]]> : tensor<2x1x2x2xf32>
  %b = arith.constant dense<[1.0, -1.0]> : tensor<2xf32>
  %scale = arith.constant dense<[1.0, -3.0]> : tensor<2xf32>
  %beta = arith.constant dense<[0.25, 2.0]> : tensor<2xf32>
  %mean = arith.constant dense<[0.5, 1.0]> : tensor<2xf32>
  %var = arith.constant dense<[0.1875, 0.9375]> : tensor<2xf32>
  %0 = mnc.conv2d %x, %w bias(%b) {dilations = array<i64: 1, 1>, groups = 2 : i64, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>} : (tensor<1x2x3x3xf32>, tensor<2x1x2x2xf32>, tensor<2xf32>) -> tensor<1x2x2x2xf32>
  %1 = mnc.batch_norm %0, %scale, %beta, %mean, %var {epsilon = 0.0625 : f32} : (tensor<1x2x2x2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<1x2x2x2xf32>
  return %1 : tensor<1x2x2x2xf32>
}

// -----

// A grouped conv2d (2 groups of 2 channels): each output channel's row is
// scaled by its own s = [1, 2, 0.5, -1] (variance 1, epsilon 0).
// CHECK-LABEL: func.func @grouped
// CHECK-DAG:     %[[W:.*]] = arith.constant dense<{{\[}}{{\[}}{{\[}}[1.000000e+00]], {{\[}}[2.000000e+00]]], {{\[}}{{\[}}[6.000000e+00]], {{\[}}[8.000000e+00]]], {{\[}}{{\[}}[2.500000e+00]], {{\[}}[3.000000e+00]]], {{\[}}{{\[}}[-7.000000e+00]], {{\[}}[-8.000000e+00]]]]> : tensor<4x2x1x1xf32>
// CHECK-DAG:     %[[B:.*]] = arith.constant dense<[0.000000e+00, -2.000000e+00, -1.000000e+00, 3.000000e+00]> : tensor<4xf32>
// CHECK:         mnc.conv2d %arg0, %[[W]] bias(%[[B]]) {{.*}}groups = 2 : i64
// CHECK-NOT:     mnc.batch_norm
func.func @grouped(%x: tensor<1x4x2x2xf32>) -> tensor<1x4x2x2xf32> {
  %w = arith.constant dense<[[[[1.0]], [[2.0]]], [[[3.0]], [[4.0]]], [[[5.0]], [[6.0]]], [[[7.0]], [[8.0]]]]> : tensor<4x2x1x1xf32>
  %scale = arith.constant dense<[1.0, 2.0, 0.5, -1.0]> : tensor<4xf32>
  %beta = arith.constant dense<0.0> : tensor<4xf32>
  %mean = arith.constant dense<[0.0, 1.0, 2.0, 3.0]> : tensor<4xf32>
  %var = arith.constant dense<1.0> : tensor<4xf32>
  %0 = mnc.conv2d %x, %w {dilations = array<i64: 1, 1>, groups = 2 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x4x2x2xf32>, tensor<4x2x1x1xf32>) -> tensor<1x4x2x2xf32>
  %1 = mnc.batch_norm %0, %scale, %beta, %mean, %var {epsilon = 0.0 : f32} : (tensor<1x4x2x2xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<1x4x2x2xf32>
  return %1 : tensor<1x4x2x2xf32>
}

// -----

// Two batch norms in a row both fold (the second one is not turned into a
// scale and shift before the first has folded): s1 = [2, 0.5] and bias 1,
// then s2 = 3 and bias (1 - 1) * 3 + 1 = 1.
// CHECK-LABEL: func.func @twice
// CHECK-DAG:     %[[W:.*]] = arith.constant dense<{{\[}}{{\[}}{{\[}}[6.000000e+00]]], {{\[}}{{\[}}[1.500000e+00]]]]> : tensor<2x1x1x1xf32>
// CHECK-DAG:     %[[B:.*]] = arith.constant dense<1.000000e+00> : tensor<2xf32>
// CHECK:         mnc.conv2d %arg0, %[[W]] bias(%[[B]])
// CHECK-NOT:     mnc.batch_norm
func.func @twice(%x: tensor<1x1x2x2xf32>) -> tensor<1x2x2x2xf32> {
  %w = arith.constant dense<1.0> : tensor<2x1x1x1xf32>
  %s1 = arith.constant dense<[2.0, 0.5]> : tensor<2xf32>
  %s2 = arith.constant dense<3.0> : tensor<2xf32>
  %zero = arith.constant dense<0.0> : tensor<2xf32>
  %one = arith.constant dense<1.0> : tensor<2xf32>
  %0 = mnc.conv2d %x, %w {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x1x2x2xf32>, tensor<2x1x1x1xf32>) -> tensor<1x2x2x2xf32>
  // y1 = x * s1 + 1
  %1 = mnc.batch_norm %0, %s1, %one, %zero, %one {epsilon = 0.0 : f32} : (tensor<1x2x2x2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<1x2x2x2xf32>
  // y2 = (y1 - 1) * 3 + 1
  %2 = mnc.batch_norm %1, %s2, %one, %one, %one {epsilon = 0.0 : f32} : (tensor<1x2x2x2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<1x2x2x2xf32>
  return %2 : tensor<1x2x2x2xf32>
}

// -----

// After a fully connected layer with bias: s = [2, 0.5] scales the weight
// rows; b' = [(1 - 1) * 2 + 0, (2 - 0) * 0.5 + 1].
// CHECK-LABEL: func.func @fully_connected
// CHECK-DAG:     %[[W:.*]] = arith.constant dense<{{\[}}[2.000000e+00, 4.000000e+00, 6.000000e+00], [2.000000e+00, 2.500000e+00, 3.000000e+00]]> : tensor<2x3xf32>
// CHECK-DAG:     %[[B:.*]] = arith.constant dense<[0.000000e+00, 2.000000e+00]> : tensor<2xf32>
// CHECK:         %[[Y:.*]] = mnc.fully_connected %arg0, %[[W]] bias(%[[B]]) : (tensor<4x3xf32>, tensor<2x3xf32>, tensor<2xf32>) -> tensor<4x2xf32>
// CHECK-NEXT:    return %[[Y]]
func.func @fully_connected(%x: tensor<4x3xf32>) -> tensor<4x2xf32> {
  %w = arith.constant dense<[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]> : tensor<2x3xf32>
  %b = arith.constant dense<[1.0, 2.0]> : tensor<2xf32>
  %scale = arith.constant dense<[2.0, 0.5]> : tensor<2xf32>
  %beta = arith.constant dense<[0.0, 1.0]> : tensor<2xf32>
  %mean = arith.constant dense<[1.0, 0.0]> : tensor<2xf32>
  %var = arith.constant dense<1.0> : tensor<2xf32>
  %0 = mnc.fully_connected %x, %w bias(%b) : (tensor<4x3xf32>, tensor<2x3xf32>, tensor<2xf32>) -> tensor<4x2xf32>
  %1 = mnc.batch_norm %0, %scale, %beta, %mean, %var {epsilon = 0.0 : f32} : (tensor<4x2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<4x2xf32>
  return %1 : tensor<4x2xf32>
}

// -----

// Without a bias, the fully connected layer gets b' = -mean * s + beta.
// CHECK-LABEL: func.func @fully_connected_no_bias
// CHECK-DAG:     %[[W:.*]] = arith.constant dense<{{\[}}[2.000000e+00, 4.000000e+00, 6.000000e+00], [2.000000e+00, 2.500000e+00, 3.000000e+00]]> : tensor<2x3xf32>
// CHECK-DAG:     %[[B:.*]] = arith.constant dense<[-2.000000e+00, 1.000000e+00]> : tensor<2xf32>
// CHECK:         mnc.fully_connected %arg0, %[[W]] bias(%[[B]])
// CHECK-NOT:     mnc.batch_norm
func.func @fully_connected_no_bias(%x: tensor<4x3xf32>) -> tensor<4x2xf32> {
  %w = arith.constant dense<[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]> : tensor<2x3xf32>
  %scale = arith.constant dense<[2.0, 0.5]> : tensor<2xf32>
  %beta = arith.constant dense<[0.0, 1.0]> : tensor<2xf32>
  %mean = arith.constant dense<[1.0, 0.0]> : tensor<2xf32>
  %var = arith.constant dense<1.0> : tensor<2xf32>
  %0 = mnc.fully_connected %x, %w : (tensor<4x3xf32>, tensor<2x3xf32>) -> tensor<4x2xf32>
  %1 = mnc.batch_norm %0, %scale, %beta, %mean, %var {epsilon = 0.0 : f32} : (tensor<4x2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<4x2xf32>
  return %1 : tensor<4x2xf32>
}

// -----

// A batch norm of a function argument becomes x * s + t per channel, with
// [C, 1, 1] constants for NCHW: s = [1, 2], t = beta - mean * s = [-0.5, 3].
// CHECK-LABEL: func.func @lone_nchw
// CHECK-DAG:     %[[S:.*]] = arith.constant dense<{{\[}}{{\[}}[1.000000e+00]], {{\[}}[2.000000e+00]]]> : tensor<2x1x1xf32>
// CHECK-DAG:     %[[T:.*]] = arith.constant dense<{{\[}}{{\[}}[-5.000000e-01]], {{\[}}[3.000000e+00]]]> : tensor<2x1x1xf32>
// CHECK:         %[[M:.*]] = mnc.mul %arg0, %[[S]] : (tensor<1x2x3x3xf32>, tensor<2x1x1xf32>) -> tensor<1x2x3x3xf32>
// CHECK:         %[[A:.*]] = mnc.add %[[M]], %[[T]] : (tensor<1x2x3x3xf32>, tensor<2x1x1xf32>) -> tensor<1x2x3x3xf32>
// CHECK:         return %[[A]]
// NOSS-LABEL:  func.func @lone_nchw
// NOSS:          mnc.batch_norm
// NOSS-NOT:      mnc.mul
func.func @lone_nchw(%x: tensor<1x2x3x3xf32>) -> tensor<1x2x3x3xf32> {
  %scale = arith.constant dense<[2.0, 6.0]> : tensor<2xf32>
  %beta = arith.constant dense<[0.5, -1.0]> : tensor<2xf32>
  %mean = arith.constant dense<[1.0, -2.0]> : tensor<2xf32>
  %var = arith.constant dense<[3.75, 8.75]> : tensor<2xf32>
  %0 = mnc.batch_norm %x, %scale, %beta, %mean, %var {epsilon = 0.25 : f32} : (tensor<1x2x3x3xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<1x2x3x3xf32>
  return %0 : tensor<1x2x3x3xf32>
}

// -----

// Rank 2: [C] constants; rank 3: [C, 1].
// CHECK-LABEL: func.func @lone_rank2_rank3
// CHECK-DAG:     %[[S2:.*]] = arith.constant dense<[1.000000e+00, 2.000000e+00]> : tensor<2xf32>
// CHECK-DAG:     %[[T2:.*]] = arith.constant dense<[-5.000000e-01, 3.000000e+00]> : tensor<2xf32>
// CHECK-DAG:     %[[S3:.*]] = arith.constant dense<{{\[}}[1.000000e+00], [2.000000e+00]]> : tensor<2x1xf32>
// CHECK-DAG:     %[[T3:.*]] = arith.constant dense<{{\[}}[-5.000000e-01], [3.000000e+00]]> : tensor<2x1xf32>
// CHECK:         %[[M2:.*]] = mnc.mul %arg0, %[[S2]] : (tensor<3x2xf32>, tensor<2xf32>) -> tensor<3x2xf32>
// CHECK:         mnc.add %[[M2]], %[[T2]] : (tensor<3x2xf32>, tensor<2xf32>) -> tensor<3x2xf32>
// CHECK:         %[[M3:.*]] = mnc.mul %arg1, %[[S3]] : (tensor<1x2x4xf32>, tensor<2x1xf32>) -> tensor<1x2x4xf32>
// CHECK:         mnc.add %[[M3]], %[[T3]] : (tensor<1x2x4xf32>, tensor<2x1xf32>) -> tensor<1x2x4xf32>
// CHECK-NOT:     mnc.batch_norm
func.func @lone_rank2_rank3(%x: tensor<3x2xf32>, %y: tensor<1x2x4xf32>) -> (tensor<3x2xf32>, tensor<1x2x4xf32>) {
  %scale = arith.constant dense<[2.0, 6.0]> : tensor<2xf32>
  %beta = arith.constant dense<[0.5, -1.0]> : tensor<2xf32>
  %mean = arith.constant dense<[1.0, -2.0]> : tensor<2xf32>
  %var = arith.constant dense<[3.75, 8.75]> : tensor<2xf32>
  %0 = mnc.batch_norm %x, %scale, %beta, %mean, %var {epsilon = 0.25 : f32} : (tensor<3x2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<3x2xf32>
  %1 = mnc.batch_norm %y, %scale, %beta, %mean, %var {epsilon = 0.25 : f32} : (tensor<1x2x4xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<1x2x4xf32>
  return %0, %1 : tensor<3x2xf32>, tensor<1x2x4xf32>
}

// -----

// Convolutions the batch norm cannot fold into keep their weights; the batch
// norm becomes a scale and shift: the conv2d result has another user, a fused
// activation (the batch norm follows the relu), a residual, a computed filter,
// a computed bias.
// CHECK-LABEL: func.func @no_fold
// CHECK-DAG:     %[[W:.*]] = arith.constant dense<{{\[}}{{\[}}{{\[}}[1.000000e+00]]], {{\[}}{{\[}}[2.000000e+00]]]]> : tensor<2x1x1x1xf32>
// CHECK-DAG:     %[[S:.*]] = arith.constant dense<{{\[}}{{\[}}[1.000000e+00]], {{\[}}[2.000000e+00]]]> : tensor<2x1x1xf32>
// CHECK-DAG:     %[[T:.*]] = arith.constant dense<{{\[}}{{\[}}[-5.000000e-01]], {{\[}}[3.000000e+00]]]> : tensor<2x1x1xf32>
// CHECK:         %[[C0:.*]] = mnc.conv2d %arg0, %[[W]] {
// CHECK:         %[[M0:.*]] = mnc.mul %[[C0]], %[[S]]
// CHECK:         mnc.add %[[M0]], %[[T]]
// CHECK:         %[[C1:.*]] = mnc.conv2d %arg0, %[[W]] {activation = #mnc.activation<relu>
// CHECK:         %[[M1:.*]] = mnc.mul %[[C1]], %[[S]]
// CHECK:         mnc.add %[[M1]], %[[T]]
// CHECK:         %[[C2:.*]] = mnc.conv2d %arg0, %[[W]] residual(%arg1)
// CHECK:         %[[M2:.*]] = mnc.mul %[[C2]], %[[S]]
// CHECK:         mnc.add %[[M2]], %[[T]]
// CHECK:         %[[C3:.*]] = mnc.conv2d %arg0, %arg2 {
// CHECK:         %[[M3:.*]] = mnc.mul %[[C3]], %[[S]]
// CHECK:         mnc.add %[[M3]], %[[T]]
// CHECK:         %[[C4:.*]] = mnc.conv2d %arg0, %[[W]] bias(%arg3)
// CHECK:         %[[M4:.*]] = mnc.mul %[[C4]], %[[S]]
// CHECK:         mnc.add %[[M4]], %[[T]]
// CHECK-NOT:     mnc.batch_norm
// NOSS-LABEL:  func.func @no_fold
// NOSS-COUNT-5:  mnc.batch_norm
func.func @no_fold(%x: tensor<1x1x2x2xf32>, %r: tensor<1x2x2x2xf32>, %wc: tensor<2x1x1x1xf32>, %bc: tensor<2xf32>) -> (tensor<1x2x2x2xf32>, tensor<1x2x2x2xf32>, tensor<1x2x2x2xf32>, tensor<1x2x2x2xf32>, tensor<1x2x2x2xf32>, tensor<1x2x2x2xf32>) {
  %w = arith.constant dense<[[[[1.0]]], [[[2.0]]]]> : tensor<2x1x1x1xf32>
  %scale = arith.constant dense<[2.0, 6.0]> : tensor<2xf32>
  %beta = arith.constant dense<[0.5, -1.0]> : tensor<2xf32>
  %mean = arith.constant dense<[1.0, -2.0]> : tensor<2xf32>
  %var = arith.constant dense<[3.75, 8.75]> : tensor<2xf32>
  %0 = mnc.conv2d %x, %w {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x1x2x2xf32>, tensor<2x1x1x1xf32>) -> tensor<1x2x2x2xf32>
  %1 = mnc.batch_norm %0, %scale, %beta, %mean, %var {epsilon = 0.25 : f32} : (tensor<1x2x2x2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<1x2x2x2xf32>
  %2 = mnc.conv2d %x, %w {activation = #mnc.activation<relu>, dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x1x2x2xf32>, tensor<2x1x1x1xf32>) -> tensor<1x2x2x2xf32>
  %3 = mnc.batch_norm %2, %scale, %beta, %mean, %var {epsilon = 0.25 : f32} : (tensor<1x2x2x2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<1x2x2x2xf32>
  %4 = mnc.conv2d %x, %w residual(%r) {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x1x2x2xf32>, tensor<2x1x1x1xf32>, tensor<1x2x2x2xf32>) -> tensor<1x2x2x2xf32>
  %5 = mnc.batch_norm %4, %scale, %beta, %mean, %var {epsilon = 0.25 : f32} : (tensor<1x2x2x2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<1x2x2x2xf32>
  %6 = mnc.conv2d %x, %wc {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x1x2x2xf32>, tensor<2x1x1x1xf32>) -> tensor<1x2x2x2xf32>
  %7 = mnc.batch_norm %6, %scale, %beta, %mean, %var {epsilon = 0.25 : f32} : (tensor<1x2x2x2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<1x2x2x2xf32>
  %8 = mnc.conv2d %x, %w bias(%bc) {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x1x2x2xf32>, tensor<2x1x1x1xf32>, tensor<2xf32>) -> tensor<1x2x2x2xf32>
  %9 = mnc.batch_norm %8, %scale, %beta, %mean, %var {epsilon = 0.25 : f32} : (tensor<1x2x2x2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<1x2x2x2xf32>
  return %0, %1, %3, %5, %7, %9 : tensor<1x2x2x2xf32>, tensor<1x2x2x2xf32>, tensor<1x2x2x2xf32>, tensor<1x2x2x2xf32>, tensor<1x2x2x2xf32>, tensor<1x2x2x2xf32>
}

// -----

// A standalone relu between conv2d and batch norm blocks the fold too, and a
// fully connected layer with a fused activation keeps its weights.
// CHECK-LABEL: func.func @after_activation
// CHECK:         mnc.conv2d
// CHECK-NEXT:    %[[R:.*]] = mnc.relu
// CHECK-NEXT:    %[[M:.*]] = mnc.mul %[[R]], %{{.*}} : (tensor<1x2x2x2xf32>, tensor<2x1x1xf32>)
// CHECK-NEXT:    mnc.add %[[M]], %{{.*}} : (tensor<1x2x2x2xf32>, tensor<2x1x1xf32>)
// CHECK:         %[[F:.*]] = mnc.fully_connected %arg1, %{{.*}} {activation = #mnc.activation<relu>}
// CHECK-NEXT:    %[[M2:.*]] = mnc.mul %[[F]], %{{.*}} : (tensor<4x2xf32>, tensor<2xf32>)
// CHECK-NEXT:    mnc.add %[[M2]], %{{.*}} : (tensor<4x2xf32>, tensor<2xf32>)
// CHECK-NOT:     mnc.batch_norm
func.func @after_activation(%x: tensor<1x1x2x2xf32>, %y: tensor<4x3xf32>) -> (tensor<1x2x2x2xf32>, tensor<4x2xf32>) {
  %w = arith.constant dense<[[[[1.0]]], [[[2.0]]]]> : tensor<2x1x1x1xf32>
  %wf = arith.constant dense<1.0> : tensor<2x3xf32>
  %scale = arith.constant dense<[2.0, 6.0]> : tensor<2xf32>
  %beta = arith.constant dense<[0.5, -1.0]> : tensor<2xf32>
  %mean = arith.constant dense<[1.0, -2.0]> : tensor<2xf32>
  %var = arith.constant dense<[3.75, 8.75]> : tensor<2xf32>
  %0 = mnc.conv2d %x, %w {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x1x2x2xf32>, tensor<2x1x1x1xf32>) -> tensor<1x2x2x2xf32>
  %1 = mnc.relu %0 : tensor<1x2x2x2xf32>
  %2 = mnc.batch_norm %1, %scale, %beta, %mean, %var {epsilon = 0.25 : f32} : (tensor<1x2x2x2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<1x2x2x2xf32>
  %3 = mnc.fully_connected %y, %wf {activation = #mnc.activation<relu>} : (tensor<4x3xf32>, tensor<2x3xf32>) -> tensor<4x2xf32>
  %4 = mnc.batch_norm %3, %scale, %beta, %mean, %var {epsilon = 0.25 : f32} : (tensor<4x2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<4x2xf32>
  return %2, %4 : tensor<1x2x2x2xf32>, tensor<4x2xf32>
}

// -----

// Computed batch norm parameters: nothing to fold, the op stays.
// CHECK-LABEL: func.func @computed_parameters
// CHECK:         %[[C:.*]] = mnc.conv2d
// CHECK-NEXT:    %[[Y:.*]] = mnc.batch_norm %[[C]], %arg1, %{{.*}}, %{{.*}}, %{{.*}} {epsilon = 2.500000e-01 : f32}
// CHECK-NEXT:    return %[[Y]]
func.func @computed_parameters(%x: tensor<1x1x2x2xf32>, %scale: tensor<2xf32>) -> tensor<1x2x2x2xf32> {
  %w = arith.constant dense<[[[[1.0]]], [[[2.0]]]]> : tensor<2x1x1x1xf32>
  %beta = arith.constant dense<[0.5, -1.0]> : tensor<2xf32>
  %mean = arith.constant dense<[1.0, -2.0]> : tensor<2xf32>
  %var = arith.constant dense<[3.75, 8.75]> : tensor<2xf32>
  %0 = mnc.conv2d %x, %w {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x1x2x2xf32>, tensor<2x1x1x1xf32>) -> tensor<1x2x2x2xf32>
  %1 = mnc.batch_norm %0, %scale, %beta, %mean, %var {epsilon = 0.25 : f32} : (tensor<1x2x2x2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<1x2x2x2xf32>
  return %1 : tensor<1x2x2x2xf32>
}

// -----

// After a conv_transpose (the DB head's upsampling): the filter is
// [C, F / groups, KH, KW] and output channel f = g * (F / groups) + j takes
// W[c, j] for the input channels c of group g. Groups 1: s = [1, 2] scales
// W[0, j] by s[j]; b' = ([0.5, 1] - [0, 1]) * s + [1, -1]. Groups 2 (2 input,
// 4 output channels): s = [1, 2, 3, 4], W[0, j] by s[j], W[1, j] by s[2 + j].
// CHECK-LABEL: func.func @conv_transpose
// CHECK-DAG:     %[[W1:.*]] = arith.constant dense<{{\[}}{{\[}}{{\[}}[1.000000e+00, 2.000000e+00]], {{\[}}[6.000000e+00, 8.000000e+00]]]]> : tensor<1x2x1x2xf32>
// CHECK-DAG:     %[[B1:.*]] = arith.constant dense<[1.500000e+00, -1.000000e+00]> : tensor<2xf32>
// CHECK-DAG:     %[[W2:.*]] = arith.constant dense<{{\[}}{{\[}}{{\[}}[1.000000e+00]], {{\[}}[2.000000e+00]]], {{\[}}{{\[}}[3.000000e+00]], {{\[}}[4.000000e+00]]]]> : tensor<2x2x1x1xf32>
// CHECK-DAG:     %[[B2:.*]] = arith.constant dense<[0.000000e+00, -2.000000e+00, -6.000000e+00, -1.200000e+01]> : tensor<4xf32>
// CHECK:         mnc.conv_transpose %arg0, %[[W1]] bias(%[[B1]]) {dilations = array<i64: 1, 1>, groups = 1 : i64, output_padding = array<i64: 0, 0>, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 2, 2>} : (tensor<1x1x2x2xf32>, tensor<1x2x1x2xf32>, tensor<2xf32>) -> tensor<1x2x3x4xf32>
// CHECK:         mnc.conv_transpose %arg1, %[[W2]] bias(%[[B2]]) {{.*}}groups = 2 : i64
// CHECK-NOT:     mnc.batch_norm
func.func @conv_transpose(%x: tensor<1x1x2x2xf32>, %y: tensor<1x2x2x2xf32>) -> (tensor<1x2x3x4xf32>, tensor<1x4x2x2xf32>) {
  %w1 = arith.constant dense<[[[[1.0, 2.0]], [[3.0, 4.0]]]]> : tensor<1x2x1x2xf32>
  %b1 = arith.constant dense<[0.5, 1.0]> : tensor<2xf32>
  %s1 = arith.constant dense<[1.0, 2.0]> : tensor<2xf32>
  %beta1 = arith.constant dense<[1.0, -1.0]> : tensor<2xf32>
  %m1 = arith.constant dense<[0.0, 1.0]> : tensor<2xf32>
  %v1 = arith.constant dense<1.0> : tensor<2xf32>
  %0 = mnc.conv_transpose %x, %w1 bias(%b1) {dilations = array<i64: 1, 1>, groups = 1 : i64, output_padding = array<i64: 0, 0>, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 2, 2>} : (tensor<1x1x2x2xf32>, tensor<1x2x1x2xf32>, tensor<2xf32>) -> tensor<1x2x3x4xf32>
  %1 = mnc.batch_norm %0, %s1, %beta1, %m1, %v1 {epsilon = 0.0 : f32} : (tensor<1x2x3x4xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<1x2x3x4xf32>
  %w2 = arith.constant dense<1.0> : tensor<2x2x1x1xf32>
  %s2 = arith.constant dense<[1.0, 2.0, 3.0, 4.0]> : tensor<4xf32>
  %beta2 = arith.constant dense<0.0> : tensor<4xf32>
  %m2 = arith.constant dense<[0.0, 1.0, 2.0, 3.0]> : tensor<4xf32>
  %v2 = arith.constant dense<1.0> : tensor<4xf32>
  %2 = mnc.conv_transpose %y, %w2 {dilations = array<i64: 1, 1>, groups = 2 : i64, output_padding = array<i64: 0, 0>, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x2x2x2xf32>, tensor<2x2x1x1xf32>) -> tensor<1x4x2x2xf32>
  %3 = mnc.batch_norm %2, %s2, %beta2, %m2, %v2 {epsilon = 0.0 : f32} : (tensor<1x4x2x2xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<1x4x2x2xf32>
  return %1, %3 : tensor<1x2x3x4xf32>, tensor<1x4x2x2xf32>
}

// -----

// A bias added separately (paddle2onnx 0.x: Add(Conv, Reshape(b, [1, -1, 1, 1])))
// becomes the layer's bias, in either operand order and for any constant
// over the channel axis only: [1, C, 1, 1] into a bias-free conv2d;
// [C, 1, 1] first, into a conv2d that has a bias (summed); [1, C, 1, 1] into
// a conv_transpose; [N] into a fully_connected.
// CHECK-LABEL: func.func @bias_add
// CHECK-DAG:     %[[B0:.*]] = arith.constant dense<[1.000000e+00, 2.000000e+00]> : tensor<2xf32>
// CHECK-DAG:     %[[B1:.*]] = arith.constant dense<[1.500000e+00, 3.000000e+00]> : tensor<2xf32>
// CHECK-DAG:     %[[B2:.*]] = arith.constant dense<[2.500000e-01, -2.500000e-01]> : tensor<2xf32>
// CHECK-DAG:     %[[B3:.*]] = arith.constant dense<[3.000000e+00, -3.000000e+00]> : tensor<2xf32>
// CHECK:         %[[Y0:.*]] = mnc.conv2d %arg0, %{{.*}} bias(%[[B0]]) {dilations
// CHECK:         %[[Y1:.*]] = mnc.conv2d %arg0, %{{.*}} bias(%[[B1]]) {dilations
// CHECK:         %[[Y2:.*]] = mnc.conv_transpose %arg0, %{{.*}} bias(%[[B2]]) {dilations
// CHECK:         %[[Y3:.*]] = mnc.fully_connected %arg1, %{{.*}} bias(%[[B3]]) :
// CHECK-NEXT:    return %[[Y0]], %[[Y1]], %[[Y2]], %[[Y3]]
// NOSS-LABEL:  func.func @bias_add
// NOSS-NOT:      mnc.add
func.func @bias_add(%x: tensor<1x1x2x2xf32>, %v: tensor<4x3xf32>) -> (tensor<1x2x2x2xf32>, tensor<1x2x2x2xf32>, tensor<1x2x2x2xf32>, tensor<4x2xf32>) {
  %w = arith.constant dense<[[[[1.0]]], [[[2.0]]]]> : tensor<2x1x1x1xf32>
  %wt = arith.constant dense<1.0> : tensor<1x2x1x1xf32>
  %wf = arith.constant dense<1.0> : tensor<2x3xf32>
  %b = arith.constant dense<[0.5, 1.0]> : tensor<2xf32>
  %k4 = arith.constant dense<[[[[1.0]], [[2.0]]]]> : tensor<1x2x1x1xf32>
  %k3 = arith.constant dense<[[[1.0]], [[2.0]]]> : tensor<2x1x1xf32>
  %k1 = arith.constant dense<[[[[0.25]], [[-0.25]]]]> : tensor<1x2x1x1xf32>
  %kf = arith.constant dense<[3.0, -3.0]> : tensor<2xf32>
  %0 = mnc.conv2d %x, %w {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x1x2x2xf32>, tensor<2x1x1x1xf32>) -> tensor<1x2x2x2xf32>
  %1 = mnc.add %0, %k4 : (tensor<1x2x2x2xf32>, tensor<1x2x1x1xf32>) -> tensor<1x2x2x2xf32>
  %2 = mnc.conv2d %x, %w bias(%b) {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x1x2x2xf32>, tensor<2x1x1x1xf32>, tensor<2xf32>) -> tensor<1x2x2x2xf32>
  %3 = mnc.add %k3, %2 : (tensor<2x1x1xf32>, tensor<1x2x2x2xf32>) -> tensor<1x2x2x2xf32>
  %4 = mnc.conv_transpose %x, %wt {dilations = array<i64: 1, 1>, groups = 1 : i64, output_padding = array<i64: 0, 0>, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x1x2x2xf32>, tensor<1x2x1x1xf32>) -> tensor<1x2x2x2xf32>
  %5 = mnc.add %4, %k1 : (tensor<1x2x2x2xf32>, tensor<1x2x1x1xf32>) -> tensor<1x2x2x2xf32>
  %6 = mnc.fully_connected %v, %wf : (tensor<4x3xf32>, tensor<2x3xf32>) -> tensor<4x2xf32>
  %7 = mnc.add %6, %kf : (tensor<4x2xf32>, tensor<2xf32>) -> tensor<4x2xf32>
  return %1, %3, %5, %7 : tensor<1x2x2x2xf32>, tensor<1x2x2x2xf32>, tensor<1x2x2x2xf32>, tensor<4x2xf32>
}

// -----

// A bias add, then a batch norm: both fold (the add first).
// b' = (0 + [1, 2] - mean [1, 1]) * s [2, 3] + beta [0, 1] = [0, 4].
// CHECK-LABEL: func.func @bias_add_then_batch_norm
// CHECK-DAG:     %[[W:.*]] = arith.constant dense<{{\[}}{{\[}}{{\[}}[2.000000e+00]], {{\[}}[6.000000e+00]]]]> : tensor<1x2x1x1xf32>
// CHECK-DAG:     %[[B:.*]] = arith.constant dense<[0.000000e+00, 4.000000e+00]> : tensor<2xf32>
// CHECK:         %[[Y:.*]] = mnc.conv_transpose %arg0, %[[W]] bias(%[[B]])
// CHECK-NEXT:    return %[[Y]]
// NOSS-LABEL:  func.func @bias_add_then_batch_norm
func.func @bias_add_then_batch_norm(%x: tensor<1x1x2x2xf32>) -> tensor<1x2x2x2xf32> {
  %w = arith.constant dense<[[[[1.0]], [[2.0]]]]> : tensor<1x2x1x1xf32>
  %k = arith.constant dense<[[[[1.0]], [[2.0]]]]> : tensor<1x2x1x1xf32>
  %s = arith.constant dense<[2.0, 3.0]> : tensor<2xf32>
  %beta = arith.constant dense<[0.0, 1.0]> : tensor<2xf32>
  %mean = arith.constant dense<1.0> : tensor<2xf32>
  %var = arith.constant dense<1.0> : tensor<2xf32>
  %0 = mnc.conv_transpose %x, %w {dilations = array<i64: 1, 1>, groups = 1 : i64, output_padding = array<i64: 0, 0>, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x1x2x2xf32>, tensor<1x2x1x1xf32>) -> tensor<1x2x2x2xf32>
  %1 = mnc.add %0, %k : (tensor<1x2x2x2xf32>, tensor<1x2x1x1xf32>) -> tensor<1x2x2x2xf32>
  %2 = mnc.batch_norm %1, %s, %beta, %mean, %var {epsilon = 0.0 : f32} : (tensor<1x2x2x2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<1x2x2x2xf32>
  return %2 : tensor<1x2x2x2xf32>
}

// -----

// Adds that stay: a constant that varies along H, a computed addend, a conv2d
// with a fused activation (the add follows the relu), a conv2d with another
// user, a conv2d with a residual, a conv2d whose bias is computed, a scalar
// and a one-element [1] constant (the hard-sigmoid idioms' x + 3: left for
// recognize-activations).
// CHECK-LABEL: func.func @bias_add_near_misses
// CHECK-COUNT-8: mnc.add
// CHECK-NOT:     mnc.add
func.func @bias_add_near_misses(%x: tensor<1x1x2x2xf32>, %a: tensor<1x2x1x1xf32>, %r: tensor<1x2x2x2xf32>, %bc: tensor<2xf32>) -> (tensor<1x2x2x2xf32>, tensor<1x2x2x2xf32>, tensor<1x2x2x2xf32>, tensor<1x2x2x2xf32>, tensor<1x2x2x2xf32>, tensor<1x2x2x2xf32>, tensor<1x2x2x2xf32>, tensor<1x2x2x2xf32>, tensor<1x2x2x2xf32>) {
  %w = arith.constant dense<[[[[1.0]]], [[[2.0]]]]> : tensor<2x1x1x1xf32>
  %kh = arith.constant dense<[[[[1.0], [2.0]]]]> : tensor<1x1x2x1xf32>
  %k = arith.constant dense<[[[[1.0]], [[2.0]]]]> : tensor<1x2x1x1xf32>
  %0 = mnc.conv2d %x, %w {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x1x2x2xf32>, tensor<2x1x1x1xf32>) -> tensor<1x2x2x2xf32>
  %1 = mnc.add %0, %kh : (tensor<1x2x2x2xf32>, tensor<1x1x2x1xf32>) -> tensor<1x2x2x2xf32>
  %2 = mnc.conv2d %x, %w {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x1x2x2xf32>, tensor<2x1x1x1xf32>) -> tensor<1x2x2x2xf32>
  %3 = mnc.add %2, %a : (tensor<1x2x2x2xf32>, tensor<1x2x1x1xf32>) -> tensor<1x2x2x2xf32>
  %4 = mnc.conv2d %x, %w {activation = #mnc.activation<relu>, dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x1x2x2xf32>, tensor<2x1x1x1xf32>) -> tensor<1x2x2x2xf32>
  %5 = mnc.add %4, %k : (tensor<1x2x2x2xf32>, tensor<1x2x1x1xf32>) -> tensor<1x2x2x2xf32>
  %6 = mnc.conv2d %x, %w {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x1x2x2xf32>, tensor<2x1x1x1xf32>) -> tensor<1x2x2x2xf32>
  %7 = mnc.add %6, %k : (tensor<1x2x2x2xf32>, tensor<1x2x1x1xf32>) -> tensor<1x2x2x2xf32>
  %8 = mnc.conv2d %x, %w residual(%r) {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x1x2x2xf32>, tensor<2x1x1x1xf32>, tensor<1x2x2x2xf32>) -> tensor<1x2x2x2xf32>
  %9 = mnc.add %8, %k : (tensor<1x2x2x2xf32>, tensor<1x2x1x1xf32>) -> tensor<1x2x2x2xf32>
  %10 = mnc.conv2d %x, %w bias(%bc) {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x1x2x2xf32>, tensor<2x1x1x1xf32>, tensor<2xf32>) -> tensor<1x2x2x2xf32>
  %11 = mnc.add %10, %k : (tensor<1x2x2x2xf32>, tensor<1x2x1x1xf32>) -> tensor<1x2x2x2xf32>
  %three = arith.constant dense<3.0> : tensor<f32>
  %12 = mnc.conv2d %x, %w {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x1x2x2xf32>, tensor<2x1x1x1xf32>) -> tensor<1x2x2x2xf32>
  %13 = mnc.add %12, %three : (tensor<1x2x2x2xf32>, tensor<f32>) -> tensor<1x2x2x2xf32>
  %three1 = arith.constant dense<3.0> : tensor<1xf32>
  %14 = mnc.conv2d %x, %w {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x1x2x2xf32>, tensor<2x1x1x1xf32>) -> tensor<1x2x2x2xf32>
  %15 = mnc.add %three1, %14 : (tensor<1xf32>, tensor<1x2x2x2xf32>) -> tensor<1x2x2x2xf32>
  return %1, %3, %5, %6, %7, %9, %11, %13, %15 : tensor<1x2x2x2xf32>, tensor<1x2x2x2xf32>, tensor<1x2x2x2xf32>, tensor<1x2x2x2xf32>, tensor<1x2x2x2xf32>, tensor<1x2x2x2xf32>, tensor<1x2x2x2xf32>, tensor<1x2x2x2xf32>, tensor<1x2x2x2xf32>
}
