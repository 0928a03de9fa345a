// RUN: mnc-opt %s -split-input-file -drop-padding-taps | FileCheck %s

// An ASPP-like conv (3x3, dilation 4, padding 4) on a 3x3 map: only the
// centre tap ever reads the input, so the conv becomes pointwise (the centre
// weight, no padding, no dilation); bias and activation stay.
// CHECK-LABEL: func.func @aspp_to_pointwise
// CHECK:         %[[W:.*]] = arith.constant dense<5.000000e+00> : tensor<1x1x1x1xf32>
// CHECK:         mnc.conv2d %arg0, %[[W]] bias(%{{.*}}) {activation = #mnc.activation<relu>, dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x1x3x3xf32>, tensor<1x1x1x1xf32>, tensor<1xf32>) -> tensor<1x1x3x3xf32>
func.func @aspp_to_pointwise(%x: tensor<1x1x3x3xf32>) -> tensor<1x1x3x3xf32> {
  %w = arith.constant dense<[[[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0], [7.0, 8.0, 9.0]]]]> : tensor<1x1x3x3xf32>
  %b = arith.constant dense<0.5> : tensor<1xf32>
  %0 = mnc.conv2d %x, %w bias(%b) {activation = #mnc.activation<relu>, dilations = array<i64: 4, 4>, groups = 1 : i64, pads = array<i64: 4, 4, 4, 4>, strides = array<i64: 1, 1>} : (tensor<1x1x3x3xf32>, tensor<1x1x3x3xf32>, tensor<1xf32>) -> tensor<1x1x3x3xf32>
  return %0 : tensor<1x1x3x3xf32>
}

// -----

// Rows all read the 5-row input; of the columns (a 2-wide input, dilation 2,
// padding 2) only the middle one does: a 3x1 filter (the middle column),
// column padding 0 and column dilation 1.
// CHECK-LABEL: func.func @columns_only
// CHECK:         %[[W:.*]] = arith.constant dense<{{\[\[\[\[}}2.000000e+00], [5.000000e+00], [8.000000e+00]]]]> : tensor<1x1x3x1xf32>
// CHECK:         mnc.conv2d %arg0, %[[W]] {dilations = array<i64: 2, 1>, groups = 1 : i64, pads = array<i64: 2, 0, 2, 0>, strides = array<i64: 1, 1>} : (tensor<1x1x5x2xf32>, tensor<1x1x3x1xf32>) -> tensor<1x1x5x2xf32>
func.func @columns_only(%x: tensor<1x1x5x2xf32>) -> tensor<1x1x5x2xf32> {
  %w = arith.constant dense<[[[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0], [7.0, 8.0, 9.0]]]]> : tensor<1x1x3x3xf32>
  %0 = mnc.conv2d %x, %w {dilations = array<i64: 2, 2>, groups = 1 : i64, pads = array<i64: 2, 2, 2, 2>, strides = array<i64: 1, 1>} : (tensor<1x1x5x2xf32>, tensor<1x1x3x3xf32>) -> tensor<1x1x5x2xf32>
  return %0 : tensor<1x1x5x2xf32>
}

// -----

// Near miss: every tap of an ordinary padded 3x3 conv reads the input.
// CHECK-LABEL: func.func @all_taps_useful
// CHECK:         mnc.conv2d %arg0, %{{.*}} {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 1, 1>} : (tensor<1x1x3x3xf32>, tensor<1x1x3x3xf32>)
func.func @all_taps_useful(%x: tensor<1x1x3x3xf32>) -> tensor<1x1x3x3xf32> {
  %w = arith.constant dense<1.0> : tensor<1x1x3x3xf32>
  %0 = mnc.conv2d %x, %w {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 1, 1>} : (tensor<1x1x3x3xf32>, tensor<1x1x3x3xf32>) -> tensor<1x1x3x3xf32>
  return %0 : tensor<1x1x3x3xf32>
}

// -----

// Near miss: a filter that is not a constant cannot be sliced.
// CHECK-LABEL: func.func @computed_filter
// CHECK:         mnc.conv2d %arg0, %arg1 {dilations = array<i64: 4, 4>, groups = 1 : i64, pads = array<i64: 4, 4, 4, 4>
func.func @computed_filter(%x: tensor<1x1x3x3xf32>, %w: tensor<1x1x3x3xf32>) -> tensor<1x1x3x3xf32> {
  %0 = mnc.conv2d %x, %w {dilations = array<i64: 4, 4>, groups = 1 : i64, pads = array<i64: 4, 4, 4, 4>, strides = array<i64: 1, 1>} : (tensor<1x1x3x3xf32>, tensor<1x1x3x3xf32>) -> tensor<1x1x3x3xf32>
  return %0 : tensor<1x1x3x3xf32>
}

// -----

// Near miss: only the first row reads the 2-row input (padding 1 before, 5
// after, dilation 3), but dropping the other two would leave -1 rows of
// padding after it, which a conv cannot express.
// CHECK-LABEL: func.func @negative_padding
// CHECK:         mnc.conv2d %arg0, %{{.*}} {dilations = array<i64: 3, 1>, groups = 1 : i64, pads = array<i64: 1, 0, 5, 0>, strides = array<i64: 1, 1>} : (tensor<1x1x2x1xf32>, tensor<1x1x3x1xf32>)
func.func @negative_padding(%x: tensor<1x1x2x1xf32>) -> tensor<1x1x2x1xf32> {
  %w = arith.constant dense<1.0> : tensor<1x1x3x1xf32>
  %0 = mnc.conv2d %x, %w {dilations = array<i64: 3, 1>, groups = 1 : i64, pads = array<i64: 1, 0, 5, 0>, strides = array<i64: 1, 1>} : (tensor<1x1x2x1xf32>, tensor<1x1x3x1xf32>) -> tensor<1x1x2x1xf32>
  return %0 : tensor<1x1x2x1xf32>
}

// -----

// Every plane of a filter of several output and input channels keeps its
// centre weight (filter values 1..36 in order: 5, 14, 23, 32).
// CHECK-LABEL: func.func @channels
// CHECK:         %[[W:.*]] = arith.constant dense<{{.*}}5.000000e+00{{.*}}1.400000e+01{{.*}}2.300000e+01{{.*}}3.200000e+01{{.*}}> : tensor<2x2x1x1xf32>
// CHECK:         mnc.conv2d %arg0, %[[W]] {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x2x3x3xf32>, tensor<2x2x1x1xf32>) -> tensor<1x2x3x3xf32>
func.func @channels(%x: tensor<1x2x3x3xf32>) -> tensor<1x2x3x3xf32> {
  %w = arith.constant dense<[[[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0], [7.0, 8.0, 9.0]], [[10.0, 11.0, 12.0], [13.0, 14.0, 15.0], [16.0, 17.0, 18.0]]], [[[19.0, 20.0, 21.0], [22.0, 23.0, 24.0], [25.0, 26.0, 27.0]], [[28.0, 29.0, 30.0], [31.0, 32.0, 33.0], [34.0, 35.0, 36.0]]]]> : tensor<2x2x3x3xf32>
  %0 = mnc.conv2d %x, %w {dilations = array<i64: 4, 4>, groups = 1 : i64, pads = array<i64: 4, 4, 4, 4>, strides = array<i64: 1, 1>} : (tensor<1x2x3x3xf32>, tensor<2x2x3x3xf32>) -> tensor<1x2x3x3xf32>
  return %0 : tensor<1x2x3x3xf32>
}

// -----

// Near miss: no row of the window ever reads the one-row input (padding 1
// before, 9 after, dilation 5): the output is the bias alone, which this
// pass does not rewrite.
// CHECK-LABEL: func.func @no_useful_tap
// CHECK:         mnc.conv2d %arg0, %{{.*}} {dilations = array<i64: 5, 1>, groups = 1 : i64, pads = array<i64: 1, 0, 9, 0>, strides = array<i64: 1, 1>} : (tensor<1x1x1x1xf32>, tensor<1x1x3x1xf32>)
func.func @no_useful_tap(%x: tensor<1x1x1x1xf32>) -> tensor<1x1x1x1xf32> {
  %w = arith.constant dense<1.0> : tensor<1x1x3x1xf32>
  %0 = mnc.conv2d %x, %w {dilations = array<i64: 5, 1>, groups = 1 : i64, pads = array<i64: 1, 0, 9, 0>, strides = array<i64: 1, 1>} : (tensor<1x1x1x1xf32>, tensor<1x1x3x1xf32>) -> tensor<1x1x1x1xf32>
  return %0 : tensor<1x1x1x1xf32>
}
