// A constant variance + epsilon that is not positive would divide by zero (or
// take the square root of a negative number) and bake inf or NaN into the
// folded weights: every such batch_norm is reported, at its op.
// RUN: mnc-opt %s -split-input-file -fold-batchnorm -verify-diagnostics

func.func @zero_variance(%x: tensor<1x2x2x2xf32>) -> tensor<1x2x2x2xf32> {
  %one = arith.constant dense<1.0> : tensor<2xf32>
  %var = arith.constant dense<[1.0, 0.0]> : tensor<2xf32>
  // expected-error @+1 {{fold-batchnorm: variance + epsilon must be positive, got 0.000000e+00 + 0.000000e+00 for channel 1}}
  %0 = mnc.batch_norm %x, %one, %one, %one, %var {epsilon = 0.0 : f32} : (tensor<1x2x2x2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<1x2x2x2xf32>
  return %0 : tensor<1x2x2x2xf32>
}

// -----

func.func @negative_variance(%x: tensor<1x1x2x2xf32>, %y: tensor<3x2xf32>) -> (tensor<1x2x2x2xf32>, tensor<3x2xf32>) {
  %w = arith.constant dense<1.0> : tensor<2x1x1x1xf32>
  %one = arith.constant dense<1.0> : tensor<2xf32>
  %var = arith.constant dense<[-2.0, 1.0]> : tensor<2xf32>
  %0 = mnc.conv2d %x, %w {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x1x2x2xf32>, tensor<2x1x1x1xf32>) -> tensor<1x2x2x2xf32>
  // expected-error @+1 {{fold-batchnorm: variance + epsilon must be positive, got -2.000000e+00 + 1.000000e+00 for channel 0}}
  %1 = mnc.batch_norm %0, %one, %one, %one, %var {epsilon = 1.0 : f32} : (tensor<1x2x2x2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<1x2x2x2xf32>
  // expected-error @+1 {{fold-batchnorm: variance + epsilon must be positive, got -2.000000e+00 + 2.000000e+00 for channel 0}}
  %2 = mnc.batch_norm %y, %one, %one, %one, %var {epsilon = 2.0 : f32} : (tensor<3x2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<3x2xf32>
  return %1, %2 : tensor<1x2x2x2xf32>, tensor<3x2xf32>
}

// -----

func.func @nan_variance(%x: tensor<2x2xf32>) -> tensor<2x2xf32> {
  %one = arith.constant dense<1.0> : tensor<2xf32>
  %var = arith.constant dense<[1.0, 0x7FC00000]> : tensor<2xf32>
  // expected-error @+1 {{fold-batchnorm: variance + epsilon must be positive, got nan + 1.000000e-03 for channel 1}}
  %0 = mnc.batch_norm %x, %one, %one, %one, %var {epsilon = 1.0e-3 : f32} : (tensor<2x2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<2x2xf32>
  return %0 : tensor<2x2xf32>
}
