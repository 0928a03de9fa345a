// convert-mnc-to-linalg on mnc.conv_transpose: the NHWC input spread out
// (a strided insert_slice into zeros, offset by the padding the filter's
// reach leaves), then a stride-1 convolution with the flipped filter.
// RUN: mnc-opt %s -split-input-file -convert-mnc-to-linalg | FileCheck %s
// With vector kernels, windows that do not overlap (stride = kernel, no
// pads, one group) take the pointwise kernel instead; the others stay.
// RUN: mnc-opt %s -split-input-file -convert-mnc-to-linalg="vector-lanes=4 tile-vectors=1 tile-rows=2" -canonicalize -cse | FileCheck %s --check-prefix=VEC

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

// VEC-LABEL:   func.func @stride2
// VEC:           tensor.insert_slice {{.*}} [1, 2, 2, 1]
// VEC:           linalg.conv_2d_nhwc_hwcf
// VEC-LABEL:   func.func @crop
// VEC:           linalg.conv_2d_nhwc_hwcf
// VEC-LABEL:   func.func @grouped
// VEC:           linalg.generic

// -----

// A 2x2 stride-2 transposed convolution (C = 2 -> F = 3, bias, relu) with
// vector kernels: one pointwise kernel to 2 * 2 * 3 = 12 channels, channel
// (i, j, f) of input pixel (y, x) being output pixel (2y + i, 2x + j),
// channel f; its filter row c holds W[c, f, i, j] at (i * 2 + j) * 3 + f
// (W counts 1, 2, ... in [C, F, KH, KW] order), repacked per 4-lane channel
// tile; the bias repeats per (i, j); then [1, 3, 4, 2, 2, 3] is transposed to
// [1, 3, 2, 4, 2, 3] = NHWC [1, 6, 8, 3]. No zeros are spread, no linalg
// convolution is left.
// CHECK-LABEL: func.func @non_overlapping
// CHECK:         linalg.conv_2d_nhwc_hwcf
// VEC-LABEL:   func.func @non_overlapping
// VEC-NOT:       tensor.insert_slice
// VEC-DAG:       arith.constant dense<[1.000000e+00, 5.000000e+00, 9.000000e+00, 2.000000e+00, 1.300000e+01, 1.700000e+01, 2.100000e+01, 1.400000e+01, 6.000000e+00, 1.000000e+01, 3.000000e+00, 7.000000e+00, 1.800000e+01, 2.200000e+01, 1.500000e+01, 1.900000e+01, 1.100000e+01, 4.000000e+00, 8.000000e+00, 1.200000e+01, 2.300000e+01, 1.600000e+01, 2.000000e+01, 2.400000e+01]> : tensor<24xf32>
// VEC-DAG:       arith.constant dense<[5.000000e-01, -5.000000e-01, 1.500000e+00, 5.000000e-01, -5.000000e-01, 1.500000e+00, 5.000000e-01, -5.000000e-01, 1.500000e+00, 5.000000e-01, -5.000000e-01, 1.500000e+00]> : tensor<12xf32>
// VEC:           %[[K:.*]] = scf.for {{.*}} -> (tensor<1x1x12x12xf32>)
// VEC:             arith.maximumf
// VEC:           } {mnc.parallel}
// VEC:           %[[C:.*]] = tensor.collapse_shape %[[K]] {{.*}} into tensor<1x12x12xf32>
// VEC:           %[[E:.*]] = tensor.expand_shape %[[C]] {{\[}}[0], [1, 2], [3, 4, 5]] output_shape [1, 3, 4, 2, 2, 3]
// VEC:           %[[T:.*]] = linalg.transpose ins(%[[E]] : tensor<1x3x4x2x2x3xf32>) outs(%{{.*}} : tensor<1x3x2x4x2x3xf32>) permutation = [0, 1, 3, 2, 4, 5]
// VEC:           tensor.collapse_shape %[[T]] {{\[}}[0], [1, 2], [3, 4], [5]] : tensor<1x3x2x4x2x3xf32> into tensor<1x6x8x3xf32>
// VEC-NOT:       linalg.conv_2d_nhwc_hwcf
func.func @non_overlapping(%x: tensor<1x2x3x4xf32>) -> tensor<1x3x6x8xf32> {
  %w = arith.constant dense<[[[[1.0, 2.0], [3.0, 4.0]], [[5.0, 6.0], [7.0, 8.0]], [[9.0, 10.0], [11.0, 12.0]]], [[[13.0, 14.0], [15.0, 16.0]], [[17.0, 18.0], [19.0, 20.0]], [[21.0, 22.0], [23.0, 24.0]]]]> : tensor<2x3x2x2xf32>
  %b = arith.constant dense<[0.5, -0.5, 1.5]> : tensor<3xf32>
  %0 = mnc.conv_transpose %x, %w bias(%b) {activation = #mnc.activation<relu>, dilations = array<i64: 1, 1>, groups = 1 : i64, output_padding = array<i64: 0, 0>, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 2, 2>} : (tensor<1x2x3x4xf32>, tensor<2x3x2x2xf32>, tensor<3xf32>) -> tensor<1x3x6x8xf32>
  return %0 : tensor<1x3x6x8xf32>
}

// -----

// Near misses with vector kernels: stride 2 with a 3x3 filter (overlapping
// windows) and 2x2 stride 2 with pads keep the spread input.
// VEC-LABEL:   func.func @near_misses
// VEC-COUNT-2:   tensor.insert_slice
// VEC-NOT:       linalg.transpose {{.*}}permutation = [0, 1, 3, 2, 4, 5]
func.func @near_misses(%x: tensor<1x2x3x4xf32>) -> (tensor<1x3x7x9xf32>, tensor<1x3x4x6xf32>) {
  %w3 = arith.constant dense<1.0> : tensor<2x3x3x3xf32>
  %w2 = arith.constant dense<1.0> : tensor<2x3x2x2xf32>
  %0 = mnc.conv_transpose %x, %w3 {dilations = array<i64: 1, 1>, groups = 1 : i64, output_padding = array<i64: 0, 0>, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 2, 2>} : (tensor<1x2x3x4xf32>, tensor<2x3x3x3xf32>) -> tensor<1x3x7x9xf32>
  %1 = mnc.conv_transpose %x, %w2 {dilations = array<i64: 1, 1>, groups = 1 : i64, output_padding = array<i64: 0, 0>, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>} : (tensor<1x2x3x4xf32>, tensor<2x3x2x2xf32>) -> tensor<1x3x4x6xf32>
  return %0, %1 : tensor<1x3x7x9xf32>, tensor<1x3x4x6xf32>
}
