// RUN: mnc-opt %s -split-input-file -convert-mnc-to-linalg | FileCheck %s
// RUN: mnc-opt %s -split-input-file -convert-mnc-to-linalg -canonicalize -cse | FileCheck %s --check-prefix=CANON

// The signature keeps NCHW; transposes convert at the boundary, even when
// C == H == W makes both layouts the same type. The filter is packed HWCF,
// the bias initializes the accumulator and the activation is the epilogue.
// CHECK-LABEL: func.func @conv_relu(%arg0: tensor<1x2x3x3xf32>) -> tensor<1x3x2x2xf32>
// CHECK:         %[[IN:.*]] = linalg.transpose ins(%arg0 : tensor<1x2x3x3xf32>) outs(%{{.*}} : tensor<1x3x3x2xf32>) permutation = [0, 2, 3, 1]
// CHECK:         %[[PAD:.*]] = tensor.pad %[[IN]] low[0, 0, 0, 0] high[0, 1, 1, 0]
// CHECK:         %[[W:.*]] = arith.constant dense<{{\[}}{{\[}}{{\[}}[1.000000e+00, 3.000000e+00, 5.000000e+00], [2.000000e+00, 4.000000e+00, 6.000000e+00]]]]> : tensor<1x1x2x3xf32>
// CHECK:         %[[ACC:.*]] = linalg.generic {{.*}} ins(%{{.*}} : tensor<3xf32>) outs(%{{.*}} : tensor<1x2x2x3xf32>)
// CHECK:         %[[CONV:.*]] = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : vector<2xi64>, strides = dense<2> : vector<2xi64>} ins(%[[PAD]], %[[W]] : tensor<1x4x4x2xf32>, tensor<1x1x2x3xf32>) outs(%[[ACC]] : tensor<1x2x2x3xf32>)
// CHECK:         %[[ACT:.*]] = linalg.generic {{.*}} ins(%[[CONV]] : tensor<1x2x2x3xf32>)
// CHECK:           arith.maximumf
// CHECK:         %[[OUT:.*]] = linalg.transpose ins(%[[ACT]] : tensor<1x2x2x3xf32>) outs(%{{.*}} : tensor<1x3x2x2xf32>) permutation = [0, 3, 1, 2]
// CHECK:         return %[[OUT]]
func.func @conv_relu(%x: tensor<1x2x3x3xf32>) -> tensor<1x3x2x2xf32> {
  %w = arith.constant dense<[[[[1.0]], [[2.0]]], [[[3.0]], [[4.0]]], [[[5.0]], [[6.0]]]]> : tensor<3x2x1x1xf32>
  %b = arith.constant dense<[0.5, 0.25, 0.125]> : tensor<3xf32>
  %0 = mnc.conv2d %x, %w bias(%b) {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 0, 0, 1, 1>, strides = array<i64: 2, 2>, activation = #mnc.activation<relu>} : (tensor<1x2x3x3xf32>, tensor<3x2x1x1xf32>, tensor<3xf32>) -> tensor<1x3x2x2xf32>
  return %0 : tensor<1x3x2x2xf32>
}

// -----

// A depthwise filter is packed HWC; a residual is added after the activation.
// CHECK-LABEL: func.func @depthwise_residual
// CHECK:         %[[W:.*]] = arith.constant dense<{{\[}}{{\[}}[1.000000e+00, 5.000000e+00], [2.000000e+00, 6.000000e+00]], {{\[}}[3.000000e+00, 7.000000e+00], [4.000000e+00, 8.000000e+00]]]> : tensor<2x2x2xf32>
// CHECK:         %[[FILL:.*]] = linalg.fill
// CHECK:         %[[DW:.*]] = linalg.depthwise_conv_2d_nhwc_hwc {{.*}} ins(%{{.*}}, %[[W]] : tensor<1x4x4x2xf32>, tensor<2x2x2xf32>) outs(%[[FILL]] : tensor<1x3x3x2xf32>)
// CHECK:         linalg.generic {{.*}} ins(%[[DW]], %{{.*}} : tensor<1x3x3x2xf32>, tensor<1x3x3x2xf32>)
// CHECK:           %[[H:.*]] = arith.mulf %{{.*}}, %{{.*}} : f32
// CHECK:           arith.addf %[[H]], %{{.*}} : f32
func.func @depthwise_residual(%x: tensor<1x2x3x3xf32>) -> tensor<1x2x3x3xf32> {
  %w = arith.constant dense<[[[[1.0, 2.0], [3.0, 4.0]]], [[[5.0, 6.0], [7.0, 8.0]]]]> : tensor<2x1x2x2xf32>
  %0 = mnc.conv2d %x, %w residual(%x) {dilations = array<i64: 1, 1>, groups = 2 : i64, pads = array<i64: 0, 0, 1, 1>, strides = array<i64: 1, 1>, activation = #mnc.activation<hardswish, 0.166666672, 0.5>} : (tensor<1x2x3x3xf32>, tensor<2x1x2x2xf32>, tensor<1x2x3x3xf32>) -> tensor<1x2x3x3xf32>
  return %0 : tensor<1x2x3x3xf32>
}

// -----

// Broadcast operands index the NHWC loop space; a rank-4 constant is
// re-laid out at compile time.
// CHECK-DAG:   #[[ID:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
// CHECK-DAG:   #[[PERCHANNEL:.*]] = affine_map<(d0, d1, d2, d3) -> (d3, 0, 0)>
// CHECK-DAG:   #[[ROW:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, 0, d2, d3)>
// CHECK-LABEL: func.func @broadcast
// CHECK:         linalg.generic {indexing_maps = [#[[ID]], #[[PERCHANNEL]], #[[ID]]]
// CHECK:           arith.addf
// CHECK:         %[[K:.*]] = arith.constant dense<{{\[}}{{\[}}{{\[}}[1.000000e+00, 4.000000e+00], [2.000000e+00, 5.000000e+00], [3.000000e+00, 6.000000e+00]]]]> : tensor<1x1x3x2xf32>
// CHECK:         linalg.generic {indexing_maps = [#[[ID]], #[[ROW]], #[[ID]]]{{.*}} ins(%{{.*}}, %[[K]] :
// CHECK:           arith.mulf
func.func @broadcast(%x: tensor<1x2x3x3xf32>) -> tensor<1x2x3x3xf32> {
  %c = arith.constant dense<[[[1.0]], [[2.0]]]> : tensor<2x1x1xf32>
  %k = arith.constant dense<[[[[1.0, 2.0, 3.0]], [[4.0, 5.0, 6.0]]]]> : tensor<1x2x1x3xf32>
  %0 = mnc.add %x, %c : (tensor<1x2x3x3xf32>, tensor<2x1x1xf32>) -> tensor<1x2x3x3xf32>
  %1 = mnc.mul %0, %k : (tensor<1x2x3x3xf32>, tensor<1x2x1x3xf32>) -> tensor<1x2x3x3xf32>
  return %1 : tensor<1x2x3x3xf32>
}

// -----

// The classifier head: the pool reduces H and W, the flatten of a 1x1 map
// needs no transpose, the fully connected weight is packed [K, N].
// CHECK-LABEL: func.func @head
// CHECK:         linalg.generic {{.*}} iterator_types = ["parallel", "reduction", "reduction", "parallel"]
// CHECK:           arith.addf
// CHECK:         linalg.generic
// CHECK:           arith.mulf %{{.*}}, %{{.*}} : f32
// CHECK-NOT:     linalg.transpose
// CHECK:         tensor.collapse_shape %{{.*}} {{\[}}[0, 1, 2, 3]] : tensor<1x1x1x2xf32> into tensor<2xf32>
// CHECK:         tensor.expand_shape %{{.*}} {{\[}}[0, 1]] output_shape [1, 2] : tensor<2xf32> into tensor<1x2xf32>
// CHECK:         %[[W:.*]] = arith.constant dense<{{\[}}[1.000000e+00, 3.000000e+00, 5.000000e+00], [2.000000e+00, 4.000000e+00, 6.000000e+00]]> : tensor<2x3xf32>
// CHECK:         linalg.matmul ins(%{{.*}}, %[[W]] : tensor<1x2xf32>, tensor<2x3xf32>)
// CHECK:         math.exp
// CHECK:         return %{{.*}} : tensor<1x3xf32>
func.func @head(%x: tensor<1x2x3x3xf32>) -> tensor<1x3xf32> {
  %w = arith.constant dense<[[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]> : tensor<3x2xf32>
  %0 = mnc.global_avg_pool %x : (tensor<1x2x3x3xf32>) -> tensor<1x2x1x1xf32>
  %1 = mnc.reshape %0 : (tensor<1x2x1x1xf32>) -> tensor<1x2xf32>
  %2 = mnc.fully_connected %1, %w {activation = #mnc.activation<sigmoid>} : (tensor<1x2xf32>, tensor<3x2xf32>) -> tensor<1x3xf32>
  %3 = mnc.softmax %2 {axis = 1 : i64} : tensor<1x3xf32>
  return %3 : tensor<1x3xf32>
}

// -----

// Flattening a map with C > 1 and H * W > 1 reads it in NCHW order.
// CHECK-LABEL: func.func @flatten
// CHECK:         %[[T:.*]] = linalg.transpose ins(%{{.*}} : tensor<1x3x3x2xf32>) outs(%{{.*}} : tensor<1x2x3x3xf32>) permutation = [0, 3, 1, 2]
// CHECK:         tensor.collapse_shape %[[T]]
func.func @flatten(%x: tensor<1x2x3x3xf32>) -> tensor<1x18xf32> {
  %0 = mnc.relu %x : tensor<1x2x3x3xf32>
  %1 = mnc.reshape %0 : (tensor<1x2x3x3xf32>) -> tensor<1x18xf32>
  return %1 : tensor<1x18xf32>
}

// -----

// Concatenation along C is along the last storage dimension.
// CHECK-LABEL: func.func @concat
// CHECK:         tensor.insert_slice %{{.*}} into %{{.*}}[0, 0, 0, 0] [1, 3, 3, 2] [1, 1, 1, 1] : tensor<1x3x3x2xf32> into tensor<1x3x3x3xf32>
// CHECK:         tensor.insert_slice %{{.*}} into %{{.*}}[0, 0, 0, 2] [1, 3, 3, 1] [1, 1, 1, 1] : tensor<1x3x3x1xf32> into tensor<1x3x3x3xf32>
func.func @concat(%x: tensor<1x2x3x3xf32>, %y: tensor<1x1x3x3xf32>) -> tensor<1x3x3x3xf32> {
  %0 = mnc.concat %x, %y {axis = 1 : i64} : (tensor<1x2x3x3xf32>, tensor<1x1x3x3xf32>) -> tensor<1x3x3x3xf32>
  return %0 : tensor<1x3x3x3xf32>
}

// -----

// Batch normalization computes per channel along the last storage dimension.
// CHECK-LABEL: func.func @batch_norm
// CHECK-COUNT-4: tensor.expand_shape %{{.*}} : tensor<2xf32> into tensor<2x1x1xf32>
// CHECK:         linalg.generic
// CHECK:           arith.subf
// CHECK:           math.sqrt
// CHECK:           arith.divf
// CANON-LABEL: func.func @batch_norm
// CANON-NOT:     mnc.
func.func @batch_norm(%x: tensor<1x2x3x3xf32>, %p: tensor<2xf32>) -> tensor<1x2x3x3xf32> {
  %0 = mnc.batch_norm %x, %p, %p, %p, %p {epsilon = 1.0e-3 : f32} : (tensor<1x2x3x3xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<1x2x3x3xf32>
  return %0 : tensor<1x2x3x3xf32>
}

// -----

// Squeeze-and-excite: the mean over H and W gives [N, C] values; each stage
// is a matmul with its weight packed [in, out] at compile time, its bias as
// the accumulator and its activation as an epilogue; the gate scales x over
// the NHWC loop space, indexed (n, c).
// CHECK-DAG:   #[[ID4:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
// CHECK-DAG:   #[[NC:.*]] = affine_map<(d0, d1, d2, d3) -> (d0, d3)>
// CHECK-LABEL: func.func @squeeze_excite
// CHECK:         %[[IN:.*]] = linalg.transpose ins(%arg0 : tensor<1x3x2x2xf32>)
// CHECK:         %[[SUM:.*]] = linalg.generic {indexing_maps = [#[[ID4]], #[[NC]]], iterator_types = ["parallel", "reduction", "reduction", "parallel"]} ins(%[[IN]] : tensor<1x2x2x3xf32>) outs(%{{.*}} : tensor<1x3xf32>)
// CHECK:           arith.addf
// CHECK:         %[[MEAN:.*]] = linalg.generic {{.*}} ins(%[[SUM]] : tensor<1x3xf32>)
// CHECK:           arith.constant 2.500000e-01 : f32
// CHECK:         %[[ACC1:.*]] = linalg.generic {{.*}} ins(%{{.*}} : tensor<2xf32>) outs(%{{.*}} : tensor<1x2xf32>)
// CHECK:         %[[W1:.*]] = arith.constant dense<{{\[}}[1.000000e+00, 4.000000e+00], [2.000000e+00, 5.000000e+00], [3.000000e+00, 6.000000e+00]]> : tensor<3x2xf32>
// CHECK:         %[[MM1:.*]] = linalg.matmul ins(%[[MEAN]], %[[W1]] : tensor<1x3xf32>, tensor<3x2xf32>) outs(%[[ACC1]] : tensor<1x2xf32>)
// CHECK:         %[[HID:.*]] = linalg.generic {{.*}} ins(%[[MM1]] : tensor<1x2xf32>)
// CHECK:           arith.maximumf
// CHECK:         %[[ACC2:.*]] = linalg.generic {{.*}} ins(%{{.*}} : tensor<3xf32>) outs(%{{.*}} : tensor<1x3xf32>)
// CHECK:         %[[W2:.*]] = arith.constant dense<{{\[}}[7.000000e+00, 9.000000e+00, 1.100000e+01], [8.000000e+00, 1.000000e+01, 1.200000e+01]]> : tensor<2x3xf32>
// CHECK:         %[[MM2:.*]] = linalg.matmul ins(%[[HID]], %[[W2]] : tensor<1x2xf32>, tensor<2x3xf32>) outs(%[[ACC2]] : tensor<1x3xf32>)
// CHECK:         %[[GATE:.*]] = linalg.generic {{.*}} ins(%[[MM2]] : tensor<1x3xf32>)
// CHECK:           arith.constant 0.166666672 : f32
// CHECK:           arith.minimumf
// CHECK:         %[[OUT:.*]] = linalg.generic {indexing_maps = [#[[ID4]], #[[NC]], #[[ID4]]], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%[[IN]], %[[GATE]] : tensor<1x2x2x3xf32>, tensor<1x3xf32>) outs(%{{.*}} : tensor<1x2x2x3xf32>)
// CHECK:           arith.mulf
// CHECK:         %[[T:.*]] = linalg.transpose ins(%[[OUT]] : tensor<1x2x2x3xf32>) outs(%{{.*}} : tensor<1x3x2x2xf32>) permutation = [0, 3, 1, 2]
// CHECK:         return %[[T]]
// CANON-LABEL: func.func @squeeze_excite
// CANON-NOT:     mnc.
func.func @squeeze_excite(%x: tensor<1x3x2x2xf32>) -> tensor<1x3x2x2xf32> {
  %w1 = arith.constant dense<[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]> : tensor<2x3xf32>
  %b1 = arith.constant dense<[0.1, 0.2]> : tensor<2xf32>
  %w2 = arith.constant dense<[[7.0, 8.0], [9.0, 10.0], [11.0, 12.0]]> : tensor<3x2xf32>
  %b2 = arith.constant dense<[0.3, 0.4, 0.5]> : tensor<3xf32>
  %0 = mnc.squeeze_excite %x, %w1, %b1, %w2, %b2 {expand_activation = #mnc.activation<hardsigmoid, 0.166666672, 5.000000e-01>, reduce_activation = #mnc.activation<relu>} : (tensor<1x3x2x2xf32>, tensor<2x3xf32>, tensor<2xf32>, tensor<3x2xf32>, tensor<3xf32>) -> tensor<1x3x2x2xf32>
  return %0 : tensor<1x3x2x2xf32>
}

// -----

// Weights computed at run time are read transposed; a `none` reduce
// activation adds no epilogue.
// CHECK-LABEL: func.func @squeeze_excite_computed_weights
// CHECK:         %[[MM1:.*]] = linalg.matmul_transpose_b ins(%{{.*}}, %arg1 : tensor<1x2xf32>, tensor<1x2xf32>) outs(%{{.*}} : tensor<1x1xf32>)
// CHECK-NEXT:    %[[ACC2:.*]] = tensor.empty() : tensor<1x2xf32>
// CHECK:         linalg.matmul_transpose_b ins(%[[MM1]], %arg2 : tensor<1x1xf32>, tensor<2x1xf32>)
// CHECK:           math.exp
func.func @squeeze_excite_computed_weights(%x: tensor<1x2x3x3xf32>, %w1: tensor<1x2xf32>, %w2: tensor<2x1xf32>) -> tensor<1x2x3x3xf32> {
  %b1 = arith.constant dense<0.0> : tensor<1xf32>
  %b2 = arith.constant dense<0.0> : tensor<2xf32>
  %0 = mnc.squeeze_excite %x, %w1, %b1, %w2, %b2 {expand_activation = #mnc.activation<sigmoid>, reduce_activation = #mnc.activation<none>} : (tensor<1x2x3x3xf32>, tensor<1x2xf32>, tensor<1xf32>, tensor<2x1xf32>, tensor<2xf32>) -> tensor<1x2x3x3xf32>
  return %0 : tensor<1x2x3x3xf32>
}

// -----

// One input channel with groups = 1 is an ordinary convolution (HWCF filter),
// not a depthwise one with a channel multiplier (a grayscale image's stem).
// CHECK-LABEL: func.func @one_input_channel
// CHECK-NOT:     depthwise
// CHECK:         linalg.conv_2d_nhwc_hwcf {{.*}} ins(%{{.*}}, %{{.*}} : tensor<1x10x10x1xf32>, tensor<3x3x1x16xf32>) outs(%{{.*}} : tensor<1x8x8x16xf32>)
// CHECK-NOT:     depthwise
func.func @one_input_channel(%x: tensor<1x1x8x8xf32>) -> tensor<1x16x8x8xf32> {
  %w = arith.constant dense<0.5> : tensor<16x1x3x3xf32>
  %0 = mnc.conv2d %x, %w {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 1, 1>} : (tensor<1x1x8x8xf32>, tensor<16x1x3x3xf32>) -> tensor<1x16x8x8xf32>
  return %0 : tensor<1x16x8x8xf32>
}

// -----

// A grouped convolution splits the channels into [groups, per group] (an
// expand_shape, no copy) and contracts over (kh, kw, c) of each group with
// the filter packed [KH, KW, G, C/G, F/G]; strides and dilations go into the
// input's indexing map.
// CHECK-DAG:   #[[IN:.*]] = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d0, d1 * 2 + d5, d2 * 2 + d6 * 2, d3, d7)>
// CHECK-DAG:   #[[W:.*]] = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d5, d6, d3, d7, d4)>
// CHECK-DAG:   #[[OUT:.*]] = affine_map<(d0, d1, d2, d3, d4, d5, d6, d7) -> (d0, d1, d2, d3, d4)>
// CHECK-LABEL: func.func @grouped
// CHECK:         %[[PAD:.*]] = tensor.pad
// CHECK:         %[[FILTER:.*]] = arith.constant dense<{{.*}}> : tensor<3x3x2x2x3xf32>
// CHECK:         %[[SPLIT:.*]] = tensor.expand_shape %[[PAD]] {{\[\[}}0], [1], [2], [3, 4]] {{.*}} : tensor<1x9x9x4xf32> into tensor<1x9x9x2x2xf32>
// CHECK:         %[[ACC:.*]] = tensor.expand_shape %{{.*}} {{\[\[}}0], [1], [2], [3, 4]] {{.*}} : tensor<1x4x3x6xf32> into tensor<1x4x3x2x3xf32>
// CHECK:         %[[G:.*]] = linalg.generic {indexing_maps = [#[[IN]], #[[W]], #[[OUT]]], iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel", "reduction", "reduction", "reduction"]} ins(%[[SPLIT]], %[[FILTER]] : {{.*}}) outs(%[[ACC]] : tensor<1x4x3x2x3xf32>)
// CHECK:         tensor.collapse_shape %[[G]] {{\[\[}}0], [1], [2], [3, 4]] : tensor<1x4x3x2x3xf32> into tensor<1x4x3x6xf32>
// Near miss: a depthwise convolution (groups = channels, one output channel
// each) keeps its named op.
// CHECK-LABEL: func.func @depthwise_not_grouped
// CHECK:         linalg.depthwise_conv_2d_nhwc_hwc
// CHECK-NOT:     linalg.generic {{.*}}reduction", "reduction", "reduction"
func.func @grouped(%x: tensor<1x4x7x7xf32>) -> tensor<1x6x4x3xf32> {
  %w = arith.constant dense<0.5> : tensor<6x2x3x3xf32>
  %0 = mnc.conv2d %x, %w {dilations = array<i64: 1, 2>, groups = 2 : i64, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>} : (tensor<1x4x7x7xf32>, tensor<6x2x3x3xf32>) -> tensor<1x6x4x3xf32>
  return %0 : tensor<1x6x4x3xf32>
}
func.func @depthwise_not_grouped(%x: tensor<1x4x7x7xf32>) -> tensor<1x4x7x7xf32> {
  %w = arith.constant dense<0.5> : tensor<4x1x3x3xf32>
  %0 = mnc.conv2d %x, %w {dilations = array<i64: 1, 1>, groups = 4 : i64, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 1, 1>} : (tensor<1x4x7x7xf32>, tensor<4x1x3x3xf32>) -> tensor<1x4x7x7xf32>
  return %0 : tensor<1x4x7x7xf32>
}

// -----

// A depthwise convolution with a channel multiplier (groups = channels, two
// output channels each) is a grouped one of one input channel per group.
// CHECK-LABEL: func.func @channel_multiplier
// CHECK:         arith.constant dense<{{.*}}> : tensor<1x1x2x1x2xf32>
// CHECK:         linalg.generic {{.*}} outs(%{{.*}} : tensor<1x3x3x2x2xf32>)
func.func @channel_multiplier(%x: tensor<1x2x3x3xf32>) -> tensor<1x4x3x3xf32> {
  %w = arith.constant dense<1.0> : tensor<4x1x1x1xf32>
  %0 = mnc.conv2d %x, %w {dilations = array<i64: 1, 1>, groups = 2 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x2x3x3xf32>, tensor<4x1x1x1xf32>) -> tensor<1x4x3x3xf32>
  return %0 : tensor<1x4x3x3xf32>
}

// -----

// A batched product of rank 3 is linalg.batch_matmul as it is; rank 4
// operands (stored NHWC) are brought back to row-major order and collapsed
// to one batch dimension, and the result expanded and stored NHWC again.
// CHECK-LABEL: func.func @batch_matmul3
// CHECK:         linalg.batch_matmul ins(%arg0, %arg1 : tensor<2x3x4xf32>, tensor<2x4x5xf32>) outs(%{{.*}} : tensor<2x3x5xf32>)
// CHECK-LABEL: func.func @batch_matmul4
// CHECK:         %[[A:.*]] = tensor.expand_shape {{.*}} into tensor<6x3x4xf32>
// CHECK:         %[[B:.*]] = tensor.expand_shape {{.*}} into tensor<6x4x5xf32>
// CHECK:         linalg.batch_matmul ins(%[[A]], %[[B]] : tensor<6x3x4xf32>, tensor<6x4x5xf32>) outs(%{{.*}} : tensor<6x3x5xf32>)
func.func @batch_matmul3(%a: tensor<2x3x4xf32>, %b: tensor<2x4x5xf32>) -> tensor<2x3x5xf32> {
  %0 = mnc.batch_matmul %a, %b : (tensor<2x3x4xf32>, tensor<2x4x5xf32>) -> tensor<2x3x5xf32>
  return %0 : tensor<2x3x5xf32>
}
func.func @batch_matmul4(%a: tensor<2x3x3x4xf32>, %b: tensor<2x3x4x5xf32>) -> tensor<2x3x3x5xf32> {
  %0 = mnc.batch_matmul %a, %b : (tensor<2x3x3x4xf32>, tensor<2x3x4x5xf32>) -> tensor<2x3x3x5xf32>
  return %0 : tensor<2x3x3x5xf32>
}

// -----

// A standalone leaky_relu is an elementwise linalg.generic: alpha * x where
// x < 0, else x.
// CHECK-LABEL: func.func @leaky_relu
// CHECK:         linalg.generic
// CHECK:           %[[NEG:.*]] = arith.cmpf olt, %[[X:.*]], %{{.*}} : f32
// CHECK:           %[[SCALED:.*]] = arith.mulf %[[X]], %{{.*}} : f32
// CHECK:           arith.select %[[NEG]], %[[SCALED]], %[[X]] : f32
func.func @leaky_relu(%x: tensor<2x8xf32>) -> tensor<2x8xf32> {
  %0 = mnc.leaky_relu %x {alpha = 0.2 : f32} : tensor<2x8xf32>
  return %0 : tensor<2x8xf32>
}

// -----

// Average pooling: a sum over the windows with the loops (n, oh, ow, kh, kw,
// c), the channels innermost; windows that never reach the padding need
// none, and a divisor that is the same for every window is one scalar
// reciprocal.
// CHECK:         #[[WINDOWS:.*]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1 * 2 + d3, d2 * 2 + d4, d5)>
// CHECK:         #[[KERNEL:.*]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d3, d4)>
// CHECK:         #[[OUT:.*]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1, d2, d5)>
// CHECK-LABEL: func.func @avg_pool_uniform
// CHECK:         %[[IN:.*]] = linalg.transpose
// CHECK-NOT:     tensor.pad
// CHECK:         %[[ZERO:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%{{.*}} : tensor<1x2x2x2xf32>)
// CHECK:         %[[SUM:.*]] = linalg.generic {indexing_maps = [#[[WINDOWS]], #[[KERNEL]], #[[OUT]]], iterator_types = ["parallel", "parallel", "parallel", "reduction", "reduction", "parallel"]} ins(%[[IN]], %{{.*}} : tensor<1x4x4x2xf32>, tensor<2x2xf32>) outs(%[[ZERO]] : tensor<1x2x2x2xf32>)
// CHECK:           %[[ADD:.*]] = arith.addf %{{.*}}, %{{.*}} : f32
// CHECK:           linalg.yield %[[ADD]] : f32
// CHECK:         linalg.generic {{.*}} ins(%[[SUM]] : tensor<1x2x2x2xf32>)
// CHECK:           arith.constant 2.500000e-01 : f32
// CHECK:           arith.mulf
func.func @avg_pool_uniform(%x: tensor<1x2x4x4xf32>) -> tensor<1x2x2x2xf32> {
  %0 = mnc.avg_pool %x {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, ceil_mode = false, count_include_pad = false} : (tensor<1x2x4x4xf32>) -> tensor<1x2x2x2xf32>
  return %0 : tensor<1x2x2x2xf32>
}

// -----

// count_include_pad: every window counts its 9 taps, padding included.
// CHECK-LABEL: func.func @avg_pool_count_include_pad
// CHECK:         %[[ZERO:.*]] = arith.constant 0.000000e+00 : f32
// CHECK:         %[[PAD:.*]] = tensor.pad %{{.*}} low[0, 1, 1, 0] high[0, 1, 1, 0]
// CHECK:           tensor.yield %[[ZERO]] : f32
// CHECK:         %[[SUM:.*]] = linalg.generic {{.*}}iterator_types = ["parallel", "parallel", "parallel", "reduction", "reduction", "parallel"]} ins(%[[PAD]], %{{.*}} : tensor<1x7x7x2xf32>, tensor<3x3xf32>)
// CHECK:         linalg.generic {{.*}} ins(%[[SUM]] : tensor<1x3x3x2xf32>)
// CHECK:           arith.constant 0.111111112 : f32
func.func @avg_pool_count_include_pad(%x: tensor<1x2x5x5xf32>) -> tensor<1x2x3x3xf32> {
  %0 = mnc.avg_pool %x {kernel = array<i64: 3, 3>, strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>, ceil_mode = false, count_include_pad = true} : (tensor<1x2x5x5xf32>) -> tensor<1x2x3x3xf32>
  return %0 : tensor<1x2x3x3xf32>
}

// -----

// Without count_include_pad, the border windows count only their 4 or 6 taps
// inside the input: a constant of reciprocals, [1, OH, OW, 1] in storage
// order, broadcast over the channels.
// CHECK-LABEL: func.func @avg_pool_exclude_pad
// CHECK:         %[[SUM:.*]] = linalg.generic {{.*}}iterator_types = ["parallel", "parallel", "parallel", "reduction", "reduction", "parallel"]}
// CHECK:         %[[SCALE:.*]] = arith.constant dense<{{\[}}{{\[}}{{\[}}[2.500000e-01], [0.166666672], [2.500000e-01]], {{\[}}[0.166666672], [0.111111112], [0.166666672]], {{\[}}[2.500000e-01], [0.166666672], [2.500000e-01]]]]> : tensor<1x3x3x1xf32>
// CHECK:         linalg.generic {{.*}} ins(%[[SUM]], %[[SCALE]] : tensor<1x3x3x2xf32>, tensor<1x3x3x1xf32>)
// CHECK:           arith.mulf
func.func @avg_pool_exclude_pad(%x: tensor<1x2x5x5xf32>) -> tensor<1x2x3x3xf32> {
  %0 = mnc.avg_pool %x {kernel = array<i64: 3, 3>, strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>, ceil_mode = false, count_include_pad = false} : (tensor<1x2x5x5xf32>) -> tensor<1x2x3x3xf32>
  return %0 : tensor<1x2x3x3xf32>
}

// -----

// ceil_mode: the last row of windows starts at 4 and reaches row 5, past the
// input (no end pad): padded for it, but that row counts in no divisor, even
// with count_include_pad.
// CHECK-LABEL: func.func @avg_pool_ceil
// CHECK:         tensor.pad %{{.*}} low[0, 0, 0, 0] high[0, 1, 0, 0]
// CHECK:         linalg.generic {{.*}}iterator_types = ["parallel", "parallel", "parallel", "reduction", "reduction", "parallel"]} ins(%{{.*}}, %{{.*}} : tensor<1x6x4x2xf32>, tensor<2x2xf32>)
// CHECK:         arith.constant dense<{{\[}}{{\[}}{{\[}}[2.500000e-01], [2.500000e-01]], {{\[}}[2.500000e-01], [2.500000e-01]], {{\[}}[5.000000e-01], [5.000000e-01]]]]> : tensor<1x3x2x1xf32>
func.func @avg_pool_ceil(%x: tensor<1x2x5x4xf32>) -> tensor<1x2x3x2xf32> {
  %0 = mnc.avg_pool %x {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, ceil_mode = true, count_include_pad = true} : (tensor<1x2x5x4xf32>) -> tensor<1x2x3x2xf32>
  return %0 : tensor<1x2x3x2xf32>
}

// -----

// The last window ends at the input's end: the end pads are not materialized,
// but with count_include_pad they still count (1/9 everywhere).
// CHECK-LABEL: func.func @avg_pool_unused_end_pad
// CHECK:         tensor.pad %{{.*}} low[0, 1, 1, 0] high[0, 0, 0, 0]
// CHECK:         linalg.generic {{.*}}iterator_types = ["parallel", "parallel", "parallel", "reduction", "reduction", "parallel"]} ins(%{{.*}}, %{{.*}} : tensor<1x7x7x2xf32>, tensor<3x3xf32>)
// CHECK:           arith.constant 0.111111112 : f32
func.func @avg_pool_unused_end_pad(%x: tensor<1x2x6x6xf32>) -> tensor<1x2x3x3xf32> {
  %0 = mnc.avg_pool %x {kernel = array<i64: 3, 3>, strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>, ceil_mode = false, count_include_pad = true} : (tensor<1x2x6x6xf32>) -> tensor<1x2x3x3xf32>
  return %0 : tensor<1x2x3x3xf32>
}

// -----

// Max pooling pads with the lowest float, which no input loses to, and starts
// from it; strides and dilations are in the windows' map. No division.
// CHECK:         #[[WINDOWS:.*]] = affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1 * 2 + d3 * 2, d2 * 3 + d4 * 3, d5)>
// CHECK-LABEL: func.func @max_pool_dilated
// CHECK:         %[[LOWEST:.*]] = arith.constant -3.40282347E+38 : f32
// CHECK:         %[[PAD:.*]] = tensor.pad %{{.*}} low[0, 1, 0, 0] high[0, 1, 0, 0]
// CHECK:           tensor.yield %[[LOWEST]] : f32
// CHECK:         %[[INIT:.*]] = linalg.fill ins(%{{.*}} : f32) outs(%{{.*}} : tensor<1x4x3x2xf32>)
// CHECK:         %[[MAX:.*]] = linalg.generic {indexing_maps = [#[[WINDOWS]], {{.*}}], {{.*}} ins(%[[PAD]], %{{.*}} : tensor<1x11x10x2xf32>, tensor<3x2xf32>) outs(%[[INIT]] : tensor<1x4x3x2xf32>)
// CHECK:           arith.maximumf
// CHECK-NOT:     arith.mulf
// CHECK:         linalg.transpose ins(%[[MAX]]
func.func @max_pool_dilated(%x: tensor<1x2x9x10xf32>) -> tensor<1x2x4x3xf32> {
  %0 = mnc.max_pool %x {kernel = array<i64: 3, 2>, strides = array<i64: 2, 3>, pads = array<i64: 1, 0, 1, 0>, dilations = array<i64: 2, 3>, ceil_mode = false} : (tensor<1x2x9x10xf32>) -> tensor<1x2x4x3xf32>
  return %0 : tensor<1x2x4x3xf32>
}

// -----

// Global max pooling is one window as large as the map.
// CHECK-LABEL: func.func @global_max_pool
// CHECK-NOT:     tensor.pad
// CHECK:         linalg.generic {{.*}}iterator_types = ["parallel", "parallel", "parallel", "reduction", "reduction", "parallel"]} ins(%{{.*}}, %{{.*}} : tensor<1x3x4x2xf32>, tensor<3x4xf32>) outs(%{{.*}} : tensor<1x1x1x2xf32>)
// CHECK:           arith.maximumf
func.func @global_max_pool(%x: tensor<1x2x3x4xf32>) -> tensor<1x2x1x1xf32> {
  %0 = mnc.global_max_pool %x : (tensor<1x2x3x4xf32>) -> tensor<1x2x1x1xf32>
  return %0 : tensor<1x2x1x1xf32>
}

// -----

// A fused activation applies in the pass that divides, after the division.
// CHECK-LABEL: func.func @avg_pool_relu6
// CHECK:         %[[SUM:.*]] = linalg.generic {{.*}}iterator_types = ["parallel", "parallel", "parallel", "reduction", "reduction", "parallel"]}
// CHECK:         %[[OUT:.*]] = linalg.generic {{.*}} ins(%[[SUM]] : tensor<1x2x2x2xf32>)
// CHECK:           %[[MEAN:.*]] = arith.mulf
// CHECK:           %[[LOW:.*]] = arith.maximumf %[[MEAN]], %{{.*}} : f32
// CHECK:           %[[HIGH:.*]] = arith.minimumf %[[LOW]], %{{.*}} : f32
// CHECK:           linalg.yield %[[HIGH]] : f32
// CHECK:         linalg.transpose ins(%[[OUT]]
func.func @avg_pool_relu6(%x: tensor<1x2x4x4xf32>) -> tensor<1x2x2x2xf32> {
  %0 = mnc.avg_pool %x {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, ceil_mode = false, count_include_pad = false, activation = #mnc.activation<clip, 0.0, 6.0>} : (tensor<1x2x4x4xf32>) -> tensor<1x2x2x2xf32>
  return %0 : tensor<1x2x2x2xf32>
}

// -----

// A max pool with a fused clip starts every window (and pads) at clip's min
// and clamps each tap to its max; the near miss without activation starts
// at the lowest float and clamps nothing.
// CHECK-LABEL: func.func @max_pool_clip
// CHECK:         tensor.pad {{.*}} {
// CHECK:           tensor.yield %[[LO:.*]] : f32
// CHECK:         linalg.fill ins(%{{.*}} : f32)
// CHECK:         linalg.generic
// CHECK:           %[[T:.*]] = arith.minimumf %{{.*}}, %{{.*}} : f32
// CHECK:           arith.maximumf %{{.*}}, %[[T]] : f32
// CHECK-LABEL: func.func @max_pool_plain
// CHECK:         linalg.generic
// CHECK-NOT:       arith.minimumf
// CHECK:           arith.maximumf
func.func @max_pool_clip(%x: tensor<1x2x4x4xf32>) -> tensor<1x2x4x4xf32> {
  %0 = mnc.max_pool %x {activation = #mnc.activation<clip, -1.0, 2.0>, kernel = array<i64: 3, 3>, strides = array<i64: 1, 1>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>, ceil_mode = false} : (tensor<1x2x4x4xf32>) -> tensor<1x2x4x4xf32>
  return %0 : tensor<1x2x4x4xf32>
}
func.func @max_pool_plain(%x: tensor<1x2x4x4xf32>) -> tensor<1x2x3x3xf32> {
  %0 = mnc.max_pool %x {kernel = array<i64: 2, 2>, strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, ceil_mode = false} : (tensor<1x2x4x4xf32>) -> tensor<1x2x3x3xf32>
  return %0 : tensor<1x2x3x3xf32>
}
