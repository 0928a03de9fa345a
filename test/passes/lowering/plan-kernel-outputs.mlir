// RUN: mnc-opt %s -split-input-file -plan-kernel-outputs | FileCheck %s

// A result that only convolutions padding alike read (one of them may add it
// as its residual) is written padded. Not: a result an unpadded conv reads,
// or one that the return also reads.
// CHECK-LABEL: func.func @padded_producer
// CHECK:         %[[A:.*]] = mnc.conv2d %arg0, %{{.*}} {{{.*}}mnc.output_padding = array<i64: 1, 1, 1, 1>{{.*}}}
// CHECK:         %[[B:.*]] = mnc.conv2d %[[A]]
// CHECK-NOT:       mnc.output_padding
// CHECK-SAME:      -> tensor<1x16x4x4xf32>
// CHECK:         %[[C:.*]] = mnc.conv2d %[[B]], %{{.*}} residual(%[[A]])
// CHECK-NOT:       mnc.output_padding
// CHECK-SAME:      -> tensor<1x16x4x4xf32>
// CHECK:         mnc.conv2d %[[C]]
// CHECK-NOT:       mnc.output_padding
// CHECK-SAME:      -> tensor<1x16x4x4xf32>
func.func @padded_producer(%x: tensor<1x16x4x4xf32>) -> (tensor<1x16x4x4xf32>, tensor<1x16x4x4xf32>) {
  %w = arith.constant dense<0.5> : tensor<16x16x1x1xf32>
  %dw = arith.constant dense<0.25> : tensor<16x1x3x3xf32>
  %a = mnc.conv2d %x, %w {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x16x4x4xf32>, tensor<16x16x1x1xf32>) -> tensor<1x16x4x4xf32>
  %b = mnc.conv2d %a, %dw {dilations = array<i64: 1, 1>, groups = 16 : i64, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 1, 1>} : (tensor<1x16x4x4xf32>, tensor<16x1x3x3xf32>) -> tensor<1x16x4x4xf32>
  %c = mnc.conv2d %b, %w residual(%a) {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x16x4x4xf32>, tensor<16x16x1x1xf32>, tensor<1x16x4x4xf32>) -> tensor<1x16x4x4xf32>
  %d = mnc.conv2d %c, %dw {dilations = array<i64: 1, 1>, groups = 16 : i64, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 1, 1>} : (tensor<1x16x4x4xf32>, tensor<16x1x3x3xf32>) -> tensor<1x16x4x4xf32>
  return %c, %d : tensor<1x16x4x4xf32>, tensor<1x16x4x4xf32>
}

// -----

// Consumers that pad differently, or not at all: no padded result.
// CHECK-LABEL: func.func @mixed_padding
// CHECK-NOT:     mnc.output_padding
// CHECK:         return
func.func @mixed_padding(%x: tensor<1x16x4x4xf32>) -> (tensor<1x16x4x4xf32>, tensor<1x16x3x3xf32>, tensor<1x16x4x4xf32>) {
  %w = arith.constant dense<0.5> : tensor<16x16x1x1xf32>
  %dw = arith.constant dense<0.25> : tensor<16x1x3x3xf32>
  %a = mnc.conv2d %x, %w {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x16x4x4xf32>, tensor<16x16x1x1xf32>) -> tensor<1x16x4x4xf32>
  %b = mnc.conv2d %a, %dw {dilations = array<i64: 1, 1>, groups = 16 : i64, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 1, 1>} : (tensor<1x16x4x4xf32>, tensor<16x1x3x3xf32>) -> tensor<1x16x4x4xf32>
  %c = mnc.conv2d %a, %dw {dilations = array<i64: 1, 1>, groups = 16 : i64, pads = array<i64: 0, 0, 1, 1>, strides = array<i64: 1, 1>} : (tensor<1x16x4x4xf32>, tensor<16x1x3x3xf32>) -> tensor<1x16x3x3xf32>
  %d = mnc.conv2d %x, %w {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x16x4x4xf32>, tensor<16x16x1x1xf32>) -> tensor<1x16x4x4xf32>
  %e = mnc.conv2d %d, %w {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x16x4x4xf32>, tensor<16x16x1x1xf32>) -> tensor<1x16x4x4xf32>
  return %b, %c, %e : tensor<1x16x4x4xf32>, tensor<1x16x3x3xf32>, tensor<1x16x4x4xf32>
}

// -----

// A depthwise result only a squeeze-and-excite reads gets row sums; one the
// return reads too does not.
// CHECK-LABEL: func.func @row_sums
// CHECK:         %[[DW:.*]] = mnc.conv2d %arg0, %{{.*}} {{{.*}}mnc.row_sums{{.*}}}
// CHECK:         mnc.squeeze_excite %[[DW]]
// CHECK:         mnc.conv2d %arg0
// CHECK-NOT:       mnc.row_sums
// CHECK-SAME:      -> tensor<1x20x4x5xf32>
func.func @row_sums(%x: tensor<1x20x4x5xf32>) -> (tensor<1x20x4x5xf32>, tensor<1x20x4x5xf32>, tensor<1x20x4x5xf32>) {
  %dw = arith.constant dense<0.25> : tensor<20x1x3x3xf32>
  %w1 = arith.constant dense<0.5> : tensor<5x20xf32>
  %b1 = arith.constant dense<0.1> : tensor<5xf32>
  %w2 = arith.constant dense<0.25> : tensor<20x5xf32>
  %b2 = arith.constant dense<0.3> : tensor<20xf32>
  %0 = mnc.conv2d %x, %dw {dilations = array<i64: 1, 1>, groups = 20 : i64, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 1, 1>} : (tensor<1x20x4x5xf32>, tensor<20x1x3x3xf32>) -> tensor<1x20x4x5xf32>
  %1 = mnc.squeeze_excite %0, %w1, %b1, %w2, %b2 {expand_activation = #mnc.activation<hardsigmoid, 0.166666672, 5.000000e-01>, reduce_activation = #mnc.activation<relu>} : (tensor<1x20x4x5xf32>, tensor<5x20xf32>, tensor<5xf32>, tensor<20x5xf32>, tensor<20xf32>) -> tensor<1x20x4x5xf32>
  %2 = mnc.conv2d %x, %dw {dilations = array<i64: 1, 1>, groups = 20 : i64, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 1, 1>} : (tensor<1x20x4x5xf32>, tensor<20x1x3x3xf32>) -> tensor<1x20x4x5xf32>
  %3 = mnc.squeeze_excite %2, %w1, %b1, %w2, %b2 {expand_activation = #mnc.activation<hardsigmoid, 0.166666672, 5.000000e-01>, reduce_activation = #mnc.activation<relu>} : (tensor<1x20x4x5xf32>, tensor<5x20xf32>, tensor<5xf32>, tensor<20x5xf32>, tensor<20xf32>) -> tensor<1x20x4x5xf32>
  return %1, %2, %3 : tensor<1x20x4x5xf32>, tensor<1x20x4x5xf32>, tensor<1x20x4x5xf32>
}
