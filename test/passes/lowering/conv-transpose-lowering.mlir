// convert-mnc-to-linalg on mnc.conv_transpose: the NHWC input spread out
// (a strided insert_slice into zeros, offset by the padding the filter's
// reach leaves), then a stride-1 convolution with the flipped filter.
// RUN: mnc-opt %s -split-input-file -convert-mnc-to-linalg | FileCheck %s

// Stride 2, 3x3, pads 1 (reach 2): 5x5 spread to 9x9 at offset 1, in 11x12
// zeros (output_padding 1 on the right).
// CHECK-LABEL: func.func @stride2
// CHECK:         %[[Z:.*]] = linalg.fill {{.*}} -> tensor<1x11x12x2xf32>
// CHECK:         %[[S:.*]] = tensor.insert_slice %{{.*}} into %[[Z]][0, 1, 1, 0] [1, 5, 5, 2] [1, 2, 2, 1] : tensor<1x5x5x2xf32> into tensor<1x11x12x2xf32>
// The filter [C=2, F=3, 3, 3] flipped: element [c=0, f=0, 0, 0] = 1 lands at
// [2, 2, c=0, f=0] of the HWCF filter, i.e. its last row's last column.
// CHECK:         %[[W:.*]] = arith.constant dense<{{.*}}> : tensor<3x3x2x3xf32>
// CHECK:         linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : vector<2xi64>, strides = dense<1> : vector<2xi64>} ins(%[[S]], %[[W]] : tensor<1x11x12x2xf32>, tensor<3x3x2x3xf32>) outs(%{{.*}} : tensor<1x9x10x3xf32>)
func.func @stride2(%x: tensor<1x2x5x5xf32>) -> tensor<1x3x9x10xf32> {
  %w = arith.constant dense<1.0> : tensor<2x3x3x3xf32>
  %0 = mnc.conv_transpose %x, %w {dilations = array<i64: 1, 1>, groups = 1 : i64, output_padding = array<i64: 0, 1>, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>} : (tensor<1x2x5x5xf32>, tensor<2x3x3x3xf32>) -> tensor<1x3x9x10xf32>
  return %0 : tensor<1x3x9x10xf32>
}

// -----

// Pads beyond the reach (3 > 2 on the left) crop the spread input.
// CHECK-LABEL: func.func @crop
// CHECK:         %[[S:.*]] = tensor.insert_slice %{{.*}} into %{{.*}}[0, 2, 0, 0] [1, 4, 4, 1] [1, 1, 1, 1] : tensor<1x4x4x1xf32> into tensor<1x8x5x1xf32>
// CHECK:         %[[C:.*]] = tensor.extract_slice %[[S]][0, 0, 1, 0] [1, 8, 4, 1] [1, 1, 1, 1] : tensor<1x8x5x1xf32> to tensor<1x8x4x1xf32>
// CHECK:         linalg.conv_2d_nhwc_hwcf {{.*}} ins(%[[C]], %{{.*}} : tensor<1x8x4x1xf32>, tensor<3x3x1x1xf32>)
func.func @crop(%x: tensor<1x1x4x4xf32>) -> tensor<1x1x6x2xf32> {
  %w = arith.constant dense<1.0> : tensor<1x1x3x3xf32>
  %0 = mnc.conv_transpose %x, %w {dilations = array<i64: 1, 1>, groups = 1 : i64, output_padding = array<i64: 0, 0>, pads = array<i64: 0, 3, 0, 1>, strides = array<i64: 1, 1>} : (tensor<1x1x4x4xf32>, tensor<1x1x3x3xf32>) -> tensor<1x1x6x2xf32>
  return %0 : tensor<1x1x6x2xf32>
}

// -----

// Groups go to the grouped linalg.generic (near miss of the named op).
// CHECK-LABEL: func.func @grouped
// CHECK-NOT:     linalg.conv_2d_nhwc_hwcf
// CHECK:         linalg.generic {{.*}}"reduction", "reduction", "reduction"
func.func @grouped(%x: tensor<1x4x3x3xf32>) -> tensor<1x6x5x5xf32> {
  %w = arith.constant dense<1.0> : tensor<4x3x3x3xf32>
  %0 = mnc.conv_transpose %x, %w {dilations = array<i64: 1, 1>, groups = 2 : i64, output_padding = array<i64: 0, 0>, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x4x3x3xf32>, tensor<4x3x3x3xf32>) -> tensor<1x6x5x5xf32>
  return %0 : tensor<1x6x5x5xf32>
}
