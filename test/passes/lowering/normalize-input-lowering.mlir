// RUN: mnc-opt %s -split-input-file -convert-mnc-to-linalg="vector-lanes=8" -canonicalize -cse | FileCheck %s
// RUN: mnc-opt %s -split-input-file -convert-mnc-to-linalg | FileCheck %s --check-prefix=NAMED

// The stem reads the 8-bit NHWC frame in place: no pass over the image, the
// kernel looks each byte it reads up in its channel's table of the 256
// normalized values (channel 0: -10, -9, ...; channel 1 from 256 on: -20,
// ...; a constant channel: the 3 are unrolled); the border tiles select zero
// outside the frame. Without vector kernels, one generic makes the NHWC
// float image, which is padded and convolved.
// CHECK-LABEL: func.func @stem
// CHECK-NOT:     linalg.generic
// CHECK:         %[[T:.*]] = arith.constant dense<"0x000020C1000010C1{{.*}}"> : tensor<768xf32>
// CHECK:         %[[B:.*]] = tensor.extract %arg0[%c0, %{{.*}}, %{{.*}}, %c0] : tensor<1x8x8x3xi8>
// CHECK-NEXT:    %[[I:.*]] = arith.index_castui %[[B]] : i8 to index
// CHECK-NEXT:    tensor.extract %[[T]][%[[I]]] : tensor<768xf32>
// CHECK:         %[[B2:.*]] = tensor.extract %arg0[%c0, %{{.*}}, %{{.*}}, %c2] : tensor<1x8x8x3xi8>
// CHECK-NEXT:    %[[I2:.*]] = arith.index_castui %[[B2]] : i8 to index
// CHECK-NEXT:    %[[J2:.*]] = arith.addi %[[I2]], %c512 : index
// CHECK-NEXT:    tensor.extract %[[T]][%[[J2]]] : tensor<768xf32>
// CHECK:         arith.select
// CHECK-NOT:     linalg.generic
// CHECK-NOT:     arith.uitofp
// NAMED-LABEL: func.func @stem
// NAMED:         %[[IMG:.*]] = linalg.generic {{.*}} ins(%arg0, %{{.*}} : tensor<1x8x8x3xi8>, tensor<3xf32>) outs(%{{.*}} : tensor<1x8x8x3xf32>)
// NAMED:           arith.uitofp
// NAMED-NEXT:      arith.subf
// NAMED-NEXT:      linalg.yield
// NAMED:         tensor.pad %[[IMG]]
// NAMED:         linalg.conv_2d_nhwc_hwcf
func.func @stem(%frame: tensor<1x8x8x3xi8>) -> tensor<1x16x4x4xf32> {
  %x = mnc.normalize_input %frame {channels_last, mean = array<f32: 10.0, 20.0, 30.0>, std = array<f32: 1.0, 1.0, 1.0>} : (tensor<1x8x8x3xi8>) -> tensor<1x3x8x8xf32>
  %w = arith.constant dense<0.5> : tensor<16x3x3x3xf32>
  %0 = mnc.conv2d %x, %w {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>} : (tensor<1x3x8x8xf32>, tensor<16x3x3x3xf32>) -> tensor<1x16x4x4xf32>
  return %0 : tensor<1x16x4x4xf32>
}

// -----

// Not folded into the filter (fold-input-normalization did not run): the
// kernel also multiplies each value it reads by 1 / std.
// CHECK-LABEL: func.func @stem_with_std
// CHECK-NOT:     linalg.generic
// CHECK:         %[[X:.*]] = tensor.extract %arg0[%c0, %c0, %{{.*}}, %{{.*}}] : tensor<1x3x8x8xf32>
// CHECK-NEXT:    %[[D:.*]] = arith.subf %[[X]], %{{.*}} : f32
// CHECK-NEXT:    arith.mulf %[[D]], %{{.*}} : f32
func.func @stem_with_std(%image: tensor<1x3x8x8xf32>) -> tensor<1x16x4x4xf32> {
  %x = mnc.normalize_input %image {mean = array<f32: 10.0, 20.0, 30.0>, std = array<f32: 2.0, 4.0, 8.0>} : (tensor<1x3x8x8xf32>) -> tensor<1x3x8x8xf32>
  %w = arith.constant dense<0.5> : tensor<16x3x3x3xf32>
  %0 = mnc.conv2d %x, %w {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>} : (tensor<1x3x8x8xf32>, tensor<16x3x3x3xf32>) -> tensor<1x16x4x4xf32>
  return %0 : tensor<1x16x4x4xf32>
}

// -----

// A max pool reads the frame first: one generic converts, normalizes and
// re-lays out the image (here from 8-bit NCHW planes), then the pool reads
// its result.
// CHECK-LABEL: func.func @pool_first
// CHECK:         %[[IMG:.*]] = linalg.generic {indexing_maps = [#{{.*}}, #{{.*}}, #{{.*}}, #{{.*}}], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%arg0, %{{.*}}, %{{.*}} : tensor<1x3x8x8xi8>, tensor<3xf32>, tensor<3xf32>) outs(%{{.*}} : tensor<1x8x8x3xf32>)
// CHECK:           %[[F:.*]] = arith.uitofp %{{.*}} : i8 to f32
// CHECK-NEXT:      %[[D:.*]] = arith.subf %[[F]], %{{.*}} : f32
// CHECK-NEXT:      %[[S:.*]] = arith.mulf %[[D]], %{{.*}} : f32
// CHECK-NEXT:      linalg.yield %[[S]] : f32
// CHECK-NOT:     %arg0
func.func @pool_first(%frame: tensor<1x3x8x8xi8>) -> tensor<1x3x4x4xf32> {
  %x = mnc.normalize_input %frame {mean = array<f32: 10.0, 20.0, 30.0>, std = array<f32: 2.0, 4.0, 8.0>} : (tensor<1x3x8x8xi8>) -> tensor<1x3x8x8xf32>
  %0 = mnc.max_pool %x {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, ceil_mode = false} : (tensor<1x3x8x8xf32>) -> tensor<1x3x4x4xf32>
  return %0 : tensor<1x3x4x4xf32>
}

// -----

// Two readers (a convolution and a relu): the image is made once, and the
// convolution reads it like any activation.
// CHECK-LABEL: func.func @two_readers
// CHECK:         %[[IMG:.*]] = linalg.generic {{.*}} ins(%arg0, %{{.*}} : tensor<1x8x8x3xi8>, tensor<3xf32>)
// CHECK:         tensor.pad %[[IMG]]
// CHECK-NOT:     %arg0
func.func @two_readers(%frame: tensor<1x8x8x3xi8>) -> (tensor<1x16x4x4xf32>, tensor<1x3x8x8xf32>) {
  %x = mnc.normalize_input %frame {channels_last, mean = array<f32: 10.0, 20.0, 30.0>, std = array<f32: 1.0, 1.0, 1.0>} : (tensor<1x8x8x3xi8>) -> tensor<1x3x8x8xf32>
  %w = arith.constant dense<0.5> : tensor<16x3x3x3xf32>
  %0 = mnc.conv2d %x, %w {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>} : (tensor<1x3x8x8xf32>, tensor<16x3x3x3xf32>) -> tensor<1x16x4x4xf32>
  %1 = mnc.relu %x : tensor<1x3x8x8xf32>
  return %0, %1 : tensor<1x16x4x4xf32>, tensor<1x3x8x8xf32>
}

// -----

// A float NHWC frame that keeps its values is already the stored image: no
// pass at all; the relu reads the argument.
// CHECK-LABEL: func.func @float_nhwc
// CHECK:         linalg.generic {{.*}} ins(%arg0 : tensor<1x8x8x3xf32>)
// CHECK:           arith.maximumf
// CHECK-NOT:     linalg.generic
func.func @float_nhwc(%frame: tensor<1x8x8x3xf32>) -> tensor<1x3x8x8xf32> {
  %x = mnc.normalize_input %frame {channels_last, mean = array<f32: 0.0, 0.0, 0.0>, std = array<f32: 1.0, 1.0, 1.0>} : (tensor<1x8x8x3xf32>) -> tensor<1x3x8x8xf32>
  %0 = mnc.relu %x : tensor<1x3x8x8xf32>
  return %0 : tensor<1x3x8x8xf32>
}
