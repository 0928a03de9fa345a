// Operations the lowering cannot handle are all reported, each at its op.
// RUN: mnc-opt %s -split-input-file -convert-mnc-to-linalg -verify-diagnostics

func.func @computed_filters(%x: tensor<1x4x3x3xf32>, %y: tensor<1x4x3x3xf32>, %w: tensor<4x4x1x1xf32>, %g: tensor<4x2x1x1xf32>) -> (tensor<1x4x3x3xf32>, tensor<1x4x3x3xf32>) {
  // expected-error @+1 {{cannot lower 'mnc.conv2d': its filter is computed at run time; only constant filters are supported}}
  %0 = mnc.conv2d %x, %g {dilations = array<i64: 1, 1>, groups = 2 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x4x3x3xf32>, tensor<4x2x1x1xf32>) -> tensor<1x4x3x3xf32>
  // expected-error @+1 {{cannot lower 'mnc.conv2d': its filter is computed at run time; only constant filters are supported}}
  %1 = mnc.conv2d %y, %w {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x4x3x3xf32>, tensor<4x4x1x1xf32>) -> tensor<1x4x3x3xf32>
  return %0, %1 : tensor<1x4x3x3xf32>, tensor<1x4x3x3xf32>
}
