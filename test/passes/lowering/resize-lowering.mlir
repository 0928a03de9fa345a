// mnc.resize on the NHWC storage form: per output row and column, the source
// indices (nearest) or the two neighbours and the weight of the second
// (bilinear) are constant tables computed at compile time; one linalg.generic
// over the NHWC output reads them and extracts the source pixels.
// RUN: mnc-opt %s -split-input-file -convert-mnc-to-linalg | FileCheck %s

// Integer factor, asymmetric, floor: each source row and column twice. Only
// the two index tables, no arithmetic.
// CHECK-LABEL: func.func @nearest_x2
// CHECK-DAG:     %[[ROWS:.*]] = arith.constant dense<[0, 0, 1, 1, 2, 2]> : tensor<6xi32>
// CHECK-DAG:     %[[COLS:.*]] = arith.constant dense<[0, 0, 1, 1, 2, 2, 3, 3]> : tensor<8xi32>
// CHECK:         %[[IN:.*]] = linalg.transpose ins(%arg0 : tensor<1x2x3x4xf32>) {{.*}} permutation = [0, 2, 3, 1]
// CHECK:         linalg.generic {indexing_maps = [#[[BYROW:.*]], #[[BYCOL:.*]], #{{.*}}], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%[[ROWS]], %[[COLS]] : tensor<6xi32>, tensor<8xi32>) outs(%{{.*}} : tensor<1x6x8x2xf32>)
// CHECK:           %[[N:.*]] = linalg.index 0
// CHECK:           %[[C:.*]] = linalg.index 3
// CHECK:           %[[R:.*]] = arith.index_cast %{{.*}} : i32 to index
// CHECK:           %[[W:.*]] = arith.index_cast %{{.*}} : i32 to index
// CHECK:           %[[V:.*]] = tensor.extract %[[IN]][%[[N]], %[[R]], %[[W]], %[[C]]] : tensor<1x3x4x2xf32>
// CHECK-NOT:       arith.subf
// CHECK:           linalg.yield %[[V]]
func.func @nearest_x2(%x: tensor<1x2x3x4xf32>) -> tensor<1x2x6x8xf32> {
  %0 = mnc.resize %x {mode = #mnc.resize_mode<nearest>, coordinate_transform = #mnc.coordinate_transform<asymmetric>, nearest_rounding = #mnc.nearest_rounding<floor>, scale_h = 2.0 : f32, scale_w = 2.0 : f32} : (tensor<1x2x3x4xf32>) -> tensor<1x2x6x8xf32>
  return %0 : tensor<1x2x6x8xf32>
}

// -----

// Half-pixel halving: the source coordinates 0.5 and 2.5 are halfway, and
// round_prefer_floor takes rows and columns 0 and 2...
// CHECK-LABEL: func.func @prefer_floor
// CHECK-COUNT-2: arith.constant dense<[0, 2]> : tensor<2xi32>
func.func @prefer_floor(%x: tensor<1x2x4x4xf32>) -> tensor<1x2x2x2xf32> {
  %0 = mnc.resize %x {mode = #mnc.resize_mode<nearest>, coordinate_transform = #mnc.coordinate_transform<half_pixel>, nearest_rounding = #mnc.nearest_rounding<round_prefer_floor>, scale_h = 0.5 : f32, scale_w = 0.5 : f32} : (tensor<1x2x4x4xf32>) -> tensor<1x2x2x2xf32>
  return %0 : tensor<1x2x2x2xf32>
}

// -----

// ... and round_prefer_ceil 1 and 3.
// CHECK-LABEL: func.func @prefer_ceil
// CHECK-COUNT-2: arith.constant dense<[1, 3]> : tensor<2xi32>
func.func @prefer_ceil(%x: tensor<1x2x4x4xf32>) -> tensor<1x2x2x2xf32> {
  %0 = mnc.resize %x {mode = #mnc.resize_mode<nearest>, coordinate_transform = #mnc.coordinate_transform<half_pixel>, nearest_rounding = #mnc.nearest_rounding<round_prefer_ceil>, scale_h = 0.5 : f32, scale_w = 0.5 : f32} : (tensor<1x2x4x4xf32>) -> tensor<1x2x2x2xf32>
  return %0 : tensor<1x2x2x2xf32>
}

// -----

// tf_half_pixel_for_nn: (x + 0.5) / 0.75 is 0.67, 2 and 3.33; ceil and the
// clamp to the last pixel give 1, 2, 3.
// CHECK-LABEL: func.func @tf_nearest_ceil
// CHECK-COUNT-2: arith.constant dense<[1, 2, 3]> : tensor<3xi32>
func.func @tf_nearest_ceil(%x: tensor<1x2x4x4xf32>) -> tensor<1x2x3x3xf32> {
  %0 = mnc.resize %x {mode = #mnc.resize_mode<nearest>, coordinate_transform = #mnc.coordinate_transform<tf_half_pixel_for_nn>, nearest_rounding = #mnc.nearest_rounding<ceil>, scale_h = 0.75 : f32, scale_w = 0.75 : f32} : (tensor<1x2x4x4xf32>) -> tensor<1x2x3x3xf32>
  return %0 : tensor<1x2x3x3xf32>
}

// -----

// align_corners: rows 0, 0.5, 1 of 2; columns 0, 0.5, 1, 1.5, 2 of 3. The
// tables are row and column low, high, weight; the body interpolates the two
// rows along W, then between them along H.
// CHECK-LABEL: func.func @bilinear_align_corners
// CHECK-DAG:     %[[ROW_LO:.*]] = arith.constant dense<[0, 0, 1]> : tensor<3xi32>
// CHECK-DAG:     %[[COL_LO:.*]] = arith.constant dense<[0, 0, 1, 1, 2]> : tensor<5xi32>
// CHECK-DAG:     %[[ROW_HI:.*]] = arith.constant dense<1> : tensor<3xi32>
// CHECK-DAG:     %[[COL_HI:.*]] = arith.constant dense<[1, 1, 2, 2, 2]> : tensor<5xi32>
// CHECK-DAG:     %[[ROW_W:.*]] = arith.constant dense<[0.000000e+00, 5.000000e-01, 0.000000e+00]> : tensor<3xf32>
// CHECK-DAG:     %[[COL_W:.*]] = arith.constant dense<[0.000000e+00, 5.000000e-01, 0.000000e+00, 5.000000e-01, 0.000000e+00]> : tensor<5xf32>
// CHECK:         linalg.generic {{.*}} ins(%[[ROW_LO]], %[[COL_LO]], %[[ROW_HI]], %[[COL_HI]], %[[ROW_W]], %[[COL_W]] : {{.*}}) outs(%{{.*}} : tensor<1x3x5x1xf32>)
// CHECK:         ^bb0(%{{.*}}: i32, %{{.*}}: i32, %{{.*}}: i32, %{{.*}}: i32, %[[WY:.*]]: f32, %[[WX:.*]]: f32, %{{.*}}: f32):
// CHECK:           %[[R0:.*]] = arith.index_cast
// CHECK:           %[[C0:.*]] = arith.index_cast
// CHECK:           %[[R1:.*]] = arith.index_cast
// CHECK:           %[[C1:.*]] = arith.index_cast
// CHECK:           %[[V00:.*]] = tensor.extract %{{.*}}[%{{.*}}, %[[R0]], %[[C0]], %{{.*}}]
// CHECK:           %[[V01:.*]] = tensor.extract %{{.*}}[%{{.*}}, %[[R0]], %[[C1]], %{{.*}}]
// CHECK:           %[[D0:.*]] = arith.subf %[[V01]], %[[V00]]
// CHECK:           %[[M0:.*]] = arith.mulf %[[D0]], %[[WX]]
// CHECK:           %[[TOP:.*]] = arith.addf %[[V00]], %[[M0]]
// CHECK:           %[[V10:.*]] = tensor.extract %{{.*}}[%{{.*}}, %[[R1]], %[[C0]], %{{.*}}]
// CHECK:           %[[V11:.*]] = tensor.extract %{{.*}}[%{{.*}}, %[[R1]], %[[C1]], %{{.*}}]
// CHECK:           %[[D1:.*]] = arith.subf %[[V11]], %[[V10]]
// CHECK:           %[[M1:.*]] = arith.mulf %[[D1]], %[[WX]]
// CHECK:           %[[BOTTOM:.*]] = arith.addf %[[V10]], %[[M1]]
// CHECK:           %[[D:.*]] = arith.subf %[[BOTTOM]], %[[TOP]]
// CHECK:           %[[M:.*]] = arith.mulf %[[D]], %[[WY]]
// CHECK:           %[[OUT:.*]] = arith.addf %[[TOP]], %[[M]]
// CHECK:           linalg.yield %[[OUT]]
func.func @bilinear_align_corners(%x: tensor<1x1x2x3xf32>) -> tensor<1x1x3x5xf32> {
  %0 = mnc.resize %x {mode = #mnc.resize_mode<bilinear>, coordinate_transform = #mnc.coordinate_transform<align_corners>, nearest_rounding = #mnc.nearest_rounding<round_prefer_floor>, scale_h = 1.5 : f32, scale_w = 1.66666663 : f32} : (tensor<1x1x2x3xf32>) -> tensor<1x1x3x5xf32>
  return %0 : tensor<1x1x3x5xf32>
}

// -----

// pytorch_half_pixel: rows -0.25, 0.25, 0.75, 1.25 clamp to [0, 1]; a single
// output column reads coordinate 0 (half_pixel would read 0.5).
// CHECK-LABEL: func.func @bilinear_half_pixel
// CHECK-DAG:     arith.constant dense<[0, 0, 0, 1]> : tensor<4xi32>
// CHECK-DAG:     arith.constant dense<[0.000000e+00, 2.500000e-01, 7.500000e-01, 0.000000e+00]> : tensor<4xf32>
// CHECK-DAG:     arith.constant dense<0.000000e+00> : tensor<1xf32>
// CHECK:         linalg.generic {{.*}} outs(%{{.*}} : tensor<1x4x1x3xf32>)
func.func @bilinear_half_pixel(%x: tensor<1x3x2x2xf32>) -> tensor<1x3x4x1xf32> {
  %0 = mnc.resize %x {mode = #mnc.resize_mode<bilinear>, coordinate_transform = #mnc.coordinate_transform<pytorch_half_pixel>, nearest_rounding = #mnc.nearest_rounding<round_prefer_floor>, scale_h = 2.0 : f32, scale_w = 0.5 : f32} : (tensor<1x3x2x2xf32>) -> tensor<1x3x4x1xf32>
  return %0 : tensor<1x3x4x1xf32>
}

// -----

// A fused addend is one more input of the generic, read at the output
// position and added to the resized pixel.
// CHECK-LABEL: func.func @with_addend
// CHECK:         linalg.generic {{.*}} ins(%{{.*}}, %{{.*}}, %[[ADD:.*]] : tensor<6xi32>, tensor<6xi32>, tensor<1x6x6x2xf32>)
// CHECK:           %[[P:.*]] = tensor.extract
// CHECK:           %[[S:.*]] = arith.addf %[[P]], %{{.*}} : f32
// CHECK:           linalg.yield %[[S]]
func.func @with_addend(%x: tensor<1x2x3x3xf32>, %r: tensor<1x2x6x6xf32>) -> tensor<1x2x6x6xf32> {
  %0 = mnc.resize %x addend(%r) {mode = #mnc.resize_mode<nearest>, coordinate_transform = #mnc.coordinate_transform<asymmetric>, nearest_rounding = #mnc.nearest_rounding<floor>, scale_h = 2.0 : f32, scale_w = 2.0 : f32} : (tensor<1x2x3x3xf32>, tensor<1x2x6x6xf32>) -> tensor<1x2x6x6xf32>
  return %0 : tensor<1x2x6x6xf32>
}
