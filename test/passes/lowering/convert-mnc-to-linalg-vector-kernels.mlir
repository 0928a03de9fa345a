// RUN: mnc-opt %s -split-input-file -plan-kernel-outputs -convert-mnc-to-linalg="vector-lanes=16 tile-rows=4" -canonicalize -cse | FileCheck %s
// RUN: mnc-opt %s -split-input-file -plan-kernel-outputs -convert-mnc-to-linalg="vector-lanes=4 tile-vectors=1 tile-rows=2 depthwise-columns=2" -canonicalize -cse | FileCheck %s --check-prefix=NARROW
// RUN: mnc-opt %s -split-input-file -convert-mnc-to-linalg | FileCheck %s --check-prefix=NAMED

// A pointwise conv over 3x3 pixels sees them as one row of 9: two tiles of
// 4 pixels in a loop, then a tile of 1. The filter is packed per channel
// tile: row k of the tile's weights at k * 24. 24 channels are one 16-lane and one
// 8-lane vector (never 24 lanes); the bias starts the accumulators, the K
// loop (unrolled by 4) carries them, relu and the residual are applied
// before the store.
// CHECK-LABEL: func.func @pointwise
// CHECK:         %[[IN:.*]] = tensor.expand_shape %{{.*}} output_shape [1, 1, 9, 8]
// CHECK:         %[[RES:.*]] = tensor.expand_shape %{{.*}} output_shape [1, 1, 9, 24]
// CHECK:         scf.for %[[P:.*]] = %c0 to %c8 step %c4 iter_args(%[[OUT:.*]] = %{{.*}}) -> (tensor<1x1x9x24xf32>)
// CHECK:           %[[B16:.*]] = vector.transfer_read %[[BIAS:.*]][%c0], %{{.*}} : tensor<24xf32>, vector<16xf32>
// CHECK:           %[[B8:.*]] = vector.transfer_read %[[BIAS]][%c16], %{{.*}} : tensor<24xf32>, vector<8xf32>
// CHECK:           %[[ACC:.*]]:8 = scf.for %[[K:.*]] = %c0 to %c8 step %c4 iter_args(%[[A0:.*]] = %[[B16]], %[[A1:.*]] = %[[B8]], %{{.*}} = %[[B16]], %{{.*}} = %[[B8]], %{{.*}} = %[[B16]], %{{.*}} = %[[B8]], %{{.*}} = %[[B16]], %{{.*}} = %[[B8]])
// CHECK:             %[[ROW:.*]] = arith.muli %[[K]], %c24 : index
// CHECK:             %[[W16:.*]] = vector.transfer_read %[[PACKED:.*]][%[[ROW]]], %{{.*}} : tensor<192xf32>, vector<16xf32>
// CHECK:             %[[ROW16:.*]] = arith.addi %[[ROW]], %c16 : index
// CHECK:             %[[W8:.*]] = vector.transfer_read %[[PACKED]][%[[ROW16]]], %{{.*}} : tensor<192xf32>, vector<8xf32>
// CHECK:             %[[X:.*]] = tensor.extract %[[IN]][%c0, %c0, %[[P]], %[[K]]]
// CHECK:             %[[X16:.*]] = vector.broadcast %[[X]] : f32 to vector<16xf32>
// CHECK:             vector.fma %[[X16]], %[[W16]], %[[A0]] : vector<16xf32>
// CHECK:             %[[X8:.*]] = vector.broadcast %[[X]] : f32 to vector<8xf32>
// CHECK:             vector.fma %[[X8]], %[[W8]], %[[A1]] : vector<8xf32>
// CHECK-COUNT-6:     vector.fma
// CHECK:             %[[K1:.*]] = arith.addi %[[K]], %c1 : index
// CHECK:             %[[ROW1:.*]] = arith.muli %[[K1]], %c24 : index
// CHECK:             vector.transfer_read %[[PACKED]][%[[ROW1]]]
// CHECK-COUNT-24:    vector.fma
// CHECK:             scf.yield
// CHECK:           %[[R:.*]] = arith.maximumf %[[ACC]]#0, %{{.*}} : vector<16xf32>
// CHECK:           %[[S:.*]] = vector.transfer_read %[[RES]][%c0, %c0, %[[P]], %c0]
// CHECK:           %[[SUM:.*]] = arith.addf %[[R]], %[[S]] : vector<16xf32>
// CHECK:           vector.transfer_write %[[SUM]], %[[OUT]][%c0, %c0, %[[P]], %c0] {in_bounds = [true]} : vector<16xf32>, tensor<1x1x9x24xf32>
// CHECK-COUNT-7:   vector.transfer_write
// CHECK:           scf.yield
// The last pixel: one row of accumulators.
// CHECK:         scf.for %{{.*}} = %c0 to %c8 step %c4 iter_args(%{{.*}} = %{{.*}}, %{{.*}} = %{{.*}}) -> (vector<16xf32>, vector<8xf32>)
// CHECK:           tensor.extract %[[IN]][%c0, %c0, %c8, %{{.*}}]
// CHECK:         tensor.collapse_shape %{{.*}} {{\[}}[0], [1, 2], [3]] : tensor<1x1x9x24xf32> into tensor<1x9x24xf32>
// CHECK:         tensor.expand_shape %{{.*}} output_shape [1, 3, 3, 24]
// CHECK-NOT:     linalg.conv
// Four lanes, one vector per tile: 24 channels are six full tiles; with 4
// pixel tiles of 2, the 24 (pixel tile, channel tile) pairs are one loop,
// then the last pixel's six channel tiles.
// NARROW-LABEL: func.func @pointwise
// NARROW:         scf.for %[[PAIR:.*]] = %c0 to %c24 step %c1
// NARROW:           arith.divui %[[PAIR]], %c6 : index
// NARROW:           scf.for %{{.*}} = %c0 to %c8 step %c4 iter_args({{.*}}) -> (vector<4xf32>, vector<4xf32>)
// NARROW:         } {mnc.parallel}
// NARROW:         scf.for %{{.*}} = %c0 to %c24 step %c4
// NARROW-NOT:     vector<8xf32>
// Without vector lanes, the named op.
// NAMED-LABEL: func.func @pointwise
// NAMED:         linalg.conv_2d_nhwc_hwcf
func.func @pointwise(%x: tensor<1x8x3x3xf32>, %r: tensor<1x24x3x3xf32>) -> tensor<1x24x3x3xf32> {
  %w = arith.constant dense<0.5> : tensor<24x8x1x1xf32>
  %b = arith.constant dense<0.25> : tensor<24xf32>
  %0 = mnc.conv2d %x, %w bias(%b) residual(%r) {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>, activation = #mnc.activation<relu>} : (tensor<1x8x3x3xf32>, tensor<24x8x1x1xf32>, tensor<24xf32>, tensor<1x24x3x3xf32>) -> tensor<1x24x3x3xf32>
  return %0 : tensor<1x24x3x3xf32>
}

// -----

// A strided 3x3 conv keeps its rows: loops over output rows and the filter
// rows and columns; its 3 input channels are unrolled. It reads the
// function's NCHW argument in place, never transposed and never padded: the
// input row and column are the output's times the stride plus the tap minus
// the padding. Its one column tile reaches the left padding, so every read
// is checked (clamped, and zero outside the image), and a filter row or tap
// whose input is all padding is skipped (scf.if) rather than adding zeros.
// CHECK-LABEL: func.func @full
// CHECK-NOT:     linalg.transpose ins(%arg0
// CHECK-NOT:     tensor.pad
// CHECK:         scf.for %[[OH:.*]] = %c0 to %c3 step %c1
// CHECK:           %[[TOP:.*]] = arith.addi %{{.*}}, %c-1 : index
// CHECK:           scf.for %[[KH:.*]] = %c0 to %c3 step %c1
// CHECK:             %[[IH:.*]] = arith.addi %[[TOP]], %[[KH]] : index
// CHECK:             arith.cmpi sge, %[[IH]], %c0 : index
// CHECK:             arith.cmpi slt, %[[IH]], %c6 : index
// CHECK:             scf.if
// CHECK:               scf.for %[[KW:.*]] = %c0 to %c3 step %c1
// CHECK:                 %[[IW:.*]] = arith.addi %[[KW]], %c-1 : index
// CHECK:                 arith.cmpi sge, %[[IW]], %c0 : index
// CHECK:                 arith.cmpi slt, %[[IW]], %c6 : index
// CHECK:                 scf.if
// CHECK:                   %[[TAP:.*]] = arith.muli %{{.*}}, %c12 : index
// CHECK:                   vector.transfer_read %[[W:.*]][%[[TAP]]], %{{.*}} : tensor<108xf32>, vector<4xf32>
// CHECK:                   %[[X:.*]] = tensor.extract %arg0[%c0, %c0, %{{.*}}, %{{.*}}] : tensor<1x3x6x6xf32>
// CHECK:                   arith.select %{{.*}}, %[[X]], %{{.*}} : f32
// CHECK:                   vector.fma {{.*}} : vector<4xf32>
// CHECK:                   tensor.extract %arg0[%c0, %c1, %{{.*}}, %{{.*}}] : tensor<1x3x6x6xf32>
// CHECK:                 } else {
// CHECK-NEXT:              scf.yield %{{.*}} : vector<4xf32>
// CHECK-NOT:     linalg.conv
func.func @full(%x: tensor<1x3x6x6xf32>) -> tensor<1x4x3x3xf32> {
  %w = arith.constant dense<0.5> : tensor<4x3x3x3xf32>
  %0 = mnc.conv2d %x, %w {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>} : (tensor<1x3x6x6xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x3x3xf32>
  return %0 : tensor<1x4x3x3xf32>
}

// Output column 0 reaches the left padding: it is computed alone, every
// read checked (one accumulator). The tiles after it (columns 1 to 8, then
// 9 to 14) check once whether their row is inside the image (scf.if), then
// read directly; no column reaches the right padding.
// CHECK-LABEL: func.func @full_interior
// CHECK:         scf.for %[[OH:.*]] = %c0 to %c6 step %c1
// CHECK:           scf.for {{.*}} -> (vector<4xf32>)
// CHECK:           arith.select
// CHECK:           scf.if %{{.*}} -> (tensor<1x6x15x4xf32>) {
// CHECK:             scf.for {{.*}} -> (vector<4xf32>, vector<4xf32>, vector<4xf32>, vector<4xf32>, vector<4xf32>, vector<4xf32>, vector<4xf32>, vector<4xf32>)
// CHECK-NOT:         arith.select
// CHECK:             tensor.extract %arg0[%c0, %c0, %{{.*}}, %{{.*}}] : tensor<1x3x12x30xf32>
// CHECK-NOT:         arith.select
// CHECK:           } else {
// CHECK:             arith.select
func.func @full_interior(%x: tensor<1x3x12x30xf32>) -> tensor<1x4x6x15xf32> {
  %w = arith.constant dense<0.5> : tensor<4x3x3x3xf32>
  %0 = mnc.conv2d %x, %w {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>} : (tensor<1x3x12x30xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x6x15xf32>
  return %0 : tensor<1x4x6x15xf32>
}

// -----

// Depthwise: vectors along the channels (3 = 2 + 1 lanes), the 9 taps
// unrolled, one accumulator per output column, h-swish before the store.
// NARROW-LABEL: func.func @depthwise
// NARROW:         %[[PAD:.*]] = tensor.pad
// NARROW:         scf.for %[[OH:.*]] = %c0 to %c3 step %c1
// NARROW:           %[[W:.*]] = vector.transfer_read %{{.*}}[%c0, %c0, %c0], %{{.*}} : tensor<3x3x3xf32>, vector<2xf32>
// NARROW:           %[[X:.*]] = vector.transfer_read %[[PAD]][%c0, %{{.*}}, %c0, %c0], %{{.*}} : tensor<1x7x7x3xf32>, vector<2xf32>
// NARROW:           vector.fma %[[X]], %[[W]], %{{.*}} : vector<2xf32>
// NARROW-COUNT-17:  vector.fma {{.*}} : vector<2xf32>
// NARROW:           arith.minimumf {{.*}} : vector<2xf32>
// NARROW:           vector.transfer_write {{.*}} : vector<2xf32>, tensor<1x3x3x3xf32>
// NARROW:           vector.transfer_read %{{.*}}[%c0, %c0, %c2], %{{.*}} : tensor<3x3x3xf32>, vector<1xf32>
// NARROW-NOT:     linalg.depthwise
// NAMED-LABEL: func.func @depthwise
// NAMED:         linalg.depthwise_conv_2d_nhwc_hwc
func.func @depthwise(%x: tensor<1x3x5x5xf32>) -> tensor<1x3x3x3xf32> {
  %w = arith.constant dense<0.5> : tensor<3x1x3x3xf32>
  %0 = mnc.conv2d %x, %w {dilations = array<i64: 1, 1>, groups = 3 : i64, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>, activation = #mnc.activation<hardswish, 0.166666672, 0.5>} : (tensor<1x3x5x5xf32>, tensor<3x1x3x3xf32>) -> tensor<1x3x3x3xf32>
  return %0 : tensor<1x3x3x3xf32>
}

// -----

// A fully connected layer is the pointwise kernel on one row of M pixels;
// at one vector per tile, 5 outputs are a tile of 4 lanes and a tail of 1,
// the two iterations of a parallel loop. K = 6 is short enough to unroll
// completely; each tile streams its packed weights (24 floats for the first
// tile, 6 for the tail after them).
// NARROW-LABEL: func.func @fully_connected
// NARROW:         %[[IN:.*]] = tensor.expand_shape %{{.*}} {{\[}}[0, 1, 2], [3]] output_shape [1, 1, 1, 6]
// NARROW:         scf.for %{{.*}} = %c0 to %c2 step %c1
// NARROW:           scf.if
// NARROW:             %[[ROW:.*]] = arith.muli %{{.*}}, %c24 : index
// NARROW:             vector.transfer_read %[[W:.*]][%[[ROW]]], %{{.*}} : tensor<30xf32>, vector<4xf32>
// NARROW:             tensor.extract %[[IN]][%c0, %c0, %{{.*}}, %c0]
// NARROW:             %[[ROW1:.*]] = arith.addi %[[ROW]], %c4 : index
// NARROW:             vector.transfer_read %[[W]][%[[ROW1]]], %{{.*}} : tensor<30xf32>, vector<4xf32>
// NARROW:             tensor.extract %[[IN]][%c0, %c0, %{{.*}}, %c1]
// NARROW:           } else {
// NARROW:             vector.transfer_read %[[W]][%c24], %{{.*}} : tensor<30xf32>, vector<1xf32>
// NARROW:             vector.transfer_read %[[W]][%c25], %{{.*}} : tensor<30xf32>, vector<1xf32>
// NARROW:         } {mnc.parallel}
// NARROW:         tensor.collapse_shape %{{.*}} {{\[}}[0, 1, 2], [3]] : tensor<1x1x1x5xf32> into tensor<1x5xf32>
// NARROW-NOT:     linalg.matmul
// A weight computed at run time keeps the named op.
// NARROW-LABEL: func.func @runtime_weight
// NARROW:         linalg.matmul_transpose_b
func.func @fully_connected(%x: tensor<1x6xf32>) -> tensor<1x5xf32> {
  %w = arith.constant dense<0.5> : tensor<5x6xf32>
  %b = arith.constant dense<0.5> : tensor<5xf32>
  %0 = mnc.fully_connected %x, %w bias(%b) {activation = #mnc.activation<relu>} : (tensor<1x6xf32>, tensor<5x6xf32>, tensor<5xf32>) -> tensor<1x5xf32>
  return %0 : tensor<1x5xf32>
}
func.func @runtime_weight(%x: tensor<1x6xf32>, %w: tensor<5x6xf32>) -> tensor<1x5xf32> {
  %0 = mnc.fully_connected %x, %w : (tensor<1x6xf32>, tensor<5x6xf32>) -> tensor<1x5xf32>
  return %0 : tensor<1x5xf32>
}

// -----

// Squeeze-and-excite: the channel sums accumulate in registers over the
// pixel loop (19 channels: 16 + 2 + 1 lanes in one group), the two matrix
// kernels make the gate, and the gate scales the input in place, pixel by
// pixel, 16 + 2 + 1 lanes at a time.
// CHECK-LABEL: func.func @squeeze_excite
// CHECK:         %[[ROWS:.*]] = tensor.expand_shape %{{.*}} output_shape [1, 1, 6, 19]
// CHECK:         %[[SUMS:.*]]:3 = scf.for %[[P:.*]] = %c0 to %c6 step %c1 iter_args({{.*}}) -> (vector<16xf32>, vector<2xf32>, vector<1xf32>)
// CHECK:           vector.transfer_read %[[ROWS]][%c0, %c0, %[[P]], %c0]
// CHECK:           arith.addf {{.*}} : vector<16xf32>
// CHECK:         arith.mulf %[[SUMS]]#0, %{{.*}} : vector<16xf32>
// CHECK:         vector.transfer_write {{.*}} : vector<16xf32>, tensor<1x19xf32>
// CHECK:         vector.fma
// CHECK:         vector.fma
// CHECK:         %[[GATE:.*]] = tensor.collapse_shape %{{.*}} : tensor<1x1x1x19xf32> into tensor<1x19xf32>
// CHECK:         scf.for %[[Q:.*]] = %c0 to %c6 step %c1 iter_args(%[[OUT:.*]] = %[[ROWS]]) -> (tensor<1x1x6x19xf32>)
// CHECK:           %[[X:.*]] = vector.transfer_read %[[OUT]][%c0, %c0, %[[Q]], %c0]
// CHECK:           %[[G:.*]] = vector.transfer_read %[[GATE]][%c0, %c0]
// CHECK:           %[[XG:.*]] = arith.mulf %[[X]], %[[G]] : vector<16xf32>
// CHECK:           vector.transfer_write %[[XG]], %[[OUT]][%c0, %c0, %[[Q]], %c0]
// CHECK:         } {mnc.parallel}
// CHECK-NOT:     linalg.generic
func.func @squeeze_excite(%x: tensor<1x19x2x3xf32>) -> tensor<1x19x2x3xf32> {
  %w1 = arith.constant dense<0.5> : tensor<5x19xf32>
  %b1 = arith.constant dense<0.1> : tensor<5xf32>
  %w2 = arith.constant dense<0.25> : tensor<19x5xf32>
  %b2 = arith.constant dense<0.3> : tensor<19xf32>
  %0 = mnc.squeeze_excite %x, %w1, %b1, %w2, %b2 {expand_activation = #mnc.activation<hardsigmoid, 0.166666672, 5.000000e-01>, reduce_activation = #mnc.activation<relu>} : (tensor<1x19x2x3xf32>, tensor<5x19xf32>, tensor<5xf32>, tensor<19x5xf32>, tensor<19xf32>) -> tensor<1x19x2x3xf32>
  return %0 : tensor<1x19x2x3xf32>
}

// -----

// A result whose consumers pad it alike (the depthwise conv) is written
// padded by its producer: zero borders, the interior at an offset of the
// padding, and no tensor.pad. The conv that adds it as a residual reads the
// interior in place (extract_slice). A result also used by something else
// (the return) stays unpadded, and its consumer pads it.
// Each row of the (parallel) row loop zeroes its own left and right border,
// the first and last rows the top and bottom padding rows.
// CHECK-LABEL: func.func @padded_producer
// CHECK:         %[[EMPTY:.*]] = tensor.empty() : tensor<1x6x6x16xf32>
// CHECK:         %[[PADDED:.*]] = scf.for %[[OH:.*]] = %c0 to %c4 step %c1 iter_args(%[[T:.*]] = %[[EMPTY]])
// CHECK:           %[[ROW:.*]] = arith.addi %[[OH]], %c1 : index
// CHECK:           %[[L:.*]] = vector.transfer_write %[[ZERO:.*]], %[[T]][%c0, %[[ROW]], %c0, %c0]
// CHECK:           %[[R:.*]] = vector.transfer_write %[[ZERO]], %[[L]][%c0, %[[ROW]], %c5, %c0]
// CHECK:           %[[FIRST:.*]] = arith.cmpi eq, %[[OH]], %c0 : index
// CHECK:           %[[TOP:.*]] = scf.if %[[FIRST]]
// CHECK:             vector.transfer_write %[[ZERO]], %{{.*}}[%c0, %c0, %{{.*}}, %c0]
// CHECK:           %[[LAST:.*]] = arith.cmpi eq, %[[OH]], %c3 : index
// CHECK:           scf.if %[[LAST]]
// CHECK:             vector.transfer_write %[[ZERO]], %{{.*}}[%c0, %c5, %{{.*}}, %c0]
// CHECK:           vector.transfer_write %{{.*}}, %{{.*}}[%c0, %[[ROW]], %c1, %c0] {in_bounds = [true]} : vector<16xf32>, tensor<1x6x6x16xf32>
// CHECK:         } {mnc.parallel}
// CHECK:         %[[INTERIOR:.*]] = tensor.extract_slice %[[PADDED]][0, 1, 1, 0] [1, 4, 4, 16] [1, 1, 1, 1]
// CHECK-NOT:     tensor.pad
// CHECK:         vector.transfer_read %[[PADDED]]
// CHECK:         vector.transfer_read %[[INTERIOR]]
// CHECK:         tensor.pad
// CHECK:         return
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

// Threads share each kernel's outer loop, marked mnc.parallel. A pointwise
// conv with few pixel tiles (under 16: a 7x7 stage's 7 would split 4/3 over
// two threads) shares its (pixel tile, channel tile) pairs; a depthwise conv
// with under 8 rows and more than one channel vector shares its (row,
// channel vector) pairs, row-major.
// CHECK-LABEL: func.func @parallel_loops
// Pointwise, 4 pixels (one tile) x 2 channel tiles of 32: 2 pairs.
// CHECK:         scf.for %[[PAIR:.*]] = %c0 to %c2 step %c1
// CHECK:           %[[P:.*]] = arith.divui %[[PAIR]], %c2 : index
// CHECK:           %[[C:.*]] = arith.remui %[[PAIR]], %c2 : index
// CHECK:           scf.for %{{.*}} = %c0 to %c64 step %c4
// CHECK:         } {mnc.parallel}
// Depthwise, 3 rows, 4 channel vectors: 12 pairs.
// CHECK:         scf.for %[[PAIR:.*]] = %c0 to %c12 step %c1
// CHECK:           %[[ROW:.*]] = arith.divui %[[PAIR]], %c4 : index
// CHECK:           %[[VECTOR:.*]] = arith.remui %[[PAIR]], %c4 : index
// CHECK:           %[[C:.*]] = arith.muli %[[VECTOR]], %c16 : index
// CHECK:           vector.transfer_read %{{.*}}[%c0, %{{.*}}, %c0, %[[C]]]
// CHECK:         } {mnc.parallel}
// Depthwise, 3 rows, 1 channel vector: the rows outside.
// CHECK:         scf.for %{{.*}} = %c0 to %c3 step %c1
// CHECK-NOT:       scf.for
// CHECK:         } {mnc.parallel}
func.func @parallel_loops(%x: tensor<1x64x2x2xf32>, %y: tensor<1x64x3x3xf32>, %z: tensor<1x16x3x3xf32>) -> (tensor<1x64x2x2xf32>, tensor<1x64x3x3xf32>, tensor<1x16x3x3xf32>) {
  %w = arith.constant dense<0.5> : tensor<64x64x1x1xf32>
  %dw = arith.constant dense<0.25> : tensor<64x1x3x3xf32>
  %dw16 = arith.constant dense<0.25> : tensor<16x1x3x3xf32>
  %a = mnc.conv2d %x, %w {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x64x2x2xf32>, tensor<64x64x1x1xf32>) -> tensor<1x64x2x2xf32>
  %b = mnc.conv2d %y, %dw {dilations = array<i64: 1, 1>, groups = 64 : i64, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 1, 1>} : (tensor<1x64x3x3xf32>, tensor<64x1x3x3xf32>) -> tensor<1x64x3x3xf32>
  %c = mnc.conv2d %z, %dw16 {dilations = array<i64: 1, 1>, groups = 16 : i64, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 1, 1>} : (tensor<1x16x3x3xf32>, tensor<16x1x3x3xf32>) -> tensor<1x16x3x3xf32>
  return %a, %b, %c : tensor<1x64x2x2xf32>, tensor<1x64x3x3xf32>, tensor<1x16x3x3xf32>
}

// -----

// A depthwise conv read only by a squeeze-and-excite adds up the rows of its
// result (after the activation) while the tiles are in registers: each row
// of the parallel row loop zeroes its sums (16 + 4 lanes), each tile adds
// the sum of its columns to them. The squeeze then adds up 8 row sums per
// channel and scales by 1/40, instead of reading the 40 pixels again.
// CHECK-LABEL: func.func @depthwise_row_sums
// CHECK-DAG:     %[[FORTIETH:.*]] = arith.constant dense<2.500000e-02> : vector<16xf32>
// CHECK-DAG:     %[[EMPTY:.*]] = tensor.empty() : tensor<1x8x20xf32>
// CHECK:         %[[DW:.*]]:2 = scf.for %[[OH:.*]] = %c0 to %c8 step %c1 iter_args(%{{.*}} = %{{.*}}, %[[S:.*]] = %[[EMPTY]]) -> (tensor<1x8x5x20xf32>, tensor<1x8x20xf32>)
// CHECK:           %[[Z16:.*]] = vector.transfer_write %{{.*}}, %[[S]][%c0, %[[OH]], %c0] {{.*}} : vector<16xf32>, tensor<1x8x20xf32>
// CHECK:           %[[Z4:.*]] = vector.transfer_write %{{.*}}, %[[Z16]][%c0, %[[OH]], %c16] {{.*}} : vector<4xf32>, tensor<1x8x20xf32>
// CHECK:           %[[Y0:.*]] = arith.maximumf
// CHECK:           %[[Y1:.*]] = arith.maximumf
// CHECK:           arith.addf %[[Y0]], %[[Y1]] : vector<16xf32>
// CHECK:           %[[OLD:.*]] = vector.transfer_read %[[Z4]][%c0, %[[OH]], %c0]
// CHECK:           %[[NEW:.*]] = arith.addf %[[OLD]], %{{.*}} : vector<16xf32>
// CHECK:           vector.transfer_write %[[NEW]], %[[Z4]][%c0, %[[OH]], %c0]
// CHECK:         } {mnc.parallel}
// CHECK:         %[[ROWS:.*]] = tensor.expand_shape %[[DW]]#1 {{.*}} into tensor<1x1x8x20xf32>
// CHECK:         %[[MEAN:.*]]:2 = scf.for %{{.*}} = %c0 to %c8 step %c1
// CHECK:           vector.transfer_read %[[ROWS]]
// CHECK:         arith.mulf %[[MEAN]]#0, %[[FORTIETH]] : vector<16xf32>
func.func @depthwise_row_sums(%x: tensor<1x20x8x5xf32>) -> tensor<1x20x8x5xf32> {
  %dw = arith.constant dense<0.25> : tensor<20x1x3x3xf32>
  %w1 = arith.constant dense<0.5> : tensor<5x20xf32>
  %b1 = arith.constant dense<0.1> : tensor<5xf32>
  %w2 = arith.constant dense<0.25> : tensor<20x5xf32>
  %b2 = arith.constant dense<0.3> : tensor<20xf32>
  %0 = mnc.conv2d %x, %dw {dilations = array<i64: 1, 1>, groups = 20 : i64, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 1, 1>, activation = #mnc.activation<relu>} : (tensor<1x20x8x5xf32>, tensor<20x1x3x3xf32>) -> tensor<1x20x8x5xf32>
  %1 = mnc.squeeze_excite %0, %w1, %b1, %w2, %b2 {expand_activation = #mnc.activation<hardsigmoid, 0.166666672, 5.000000e-01>, reduce_activation = #mnc.activation<relu>} : (tensor<1x20x8x5xf32>, tensor<5x20xf32>, tensor<5xf32>, tensor<20x5xf32>, tensor<20xf32>) -> tensor<1x20x8x5xf32>
  return %1 : tensor<1x20x8x5xf32>
}

// With under 8 rows the (row, channel vector) pairs are what threads share;
// each pair zeroes and adds to its own part of its row's sums (the tail of
// 4 lanes is the second "vector" of each row).
// CHECK-LABEL: func.func @depthwise_row_sums_pairs
// CHECK:         %[[EMPTY:.*]] = tensor.empty() : tensor<1x4x20xf32>
// CHECK:         %[[DW:.*]]:2 = scf.for %[[PAIR:.*]] = %c0 to %c8 step %c1 iter_args(%{{.*}} = %{{.*}}, %[[S:.*]] = %[[EMPTY]])
// CHECK:           %[[OH:.*]] = arith.divui %[[PAIR]], %c2 : index
// CHECK:           %[[WHICH:.*]] = arith.remui %[[PAIR]], %c2 : index
// CHECK:           %[[FULL:.*]] = arith.cmpi ult, %[[WHICH]], %c1 : index
// CHECK:           scf.if %[[FULL]] -> (tensor<1x4x5x20xf32>, tensor<1x4x20xf32>) {
// CHECK:             %[[C:.*]] = arith.muli %[[WHICH]], %c16 : index
// CHECK:             vector.transfer_write %{{.*}}, %[[S]][%c0, %[[OH]], %[[C]]] {{.*}} : vector<16xf32>, tensor<1x4x20xf32>
// CHECK:           } else {
// CHECK:             vector.transfer_write %{{.*}}, %[[S]][%c0, %[[OH]], %c16] {{.*}} : vector<4xf32>, tensor<1x4x20xf32>
// CHECK:         } {mnc.parallel}
// CHECK:         tensor.expand_shape %[[DW]]#1
func.func @depthwise_row_sums_pairs(%x: tensor<1x20x4x5xf32>) -> tensor<1x20x4x5xf32> {
  %dw = arith.constant dense<0.25> : tensor<20x1x3x3xf32>
  %w1 = arith.constant dense<0.5> : tensor<5x20xf32>
  %b1 = arith.constant dense<0.1> : tensor<5xf32>
  %w2 = arith.constant dense<0.25> : tensor<20x5xf32>
  %b2 = arith.constant dense<0.3> : tensor<20xf32>
  %0 = mnc.conv2d %x, %dw {dilations = array<i64: 1, 1>, groups = 20 : i64, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 1, 1>, activation = #mnc.activation<relu>} : (tensor<1x20x4x5xf32>, tensor<20x1x3x3xf32>) -> tensor<1x20x4x5xf32>
  %1 = mnc.squeeze_excite %0, %w1, %b1, %w2, %b2 {expand_activation = #mnc.activation<hardsigmoid, 0.166666672, 5.000000e-01>, reduce_activation = #mnc.activation<relu>} : (tensor<1x20x4x5xf32>, tensor<5x20xf32>, tensor<5xf32>, tensor<20x5xf32>, tensor<20xf32>) -> tensor<1x20x4x5xf32>
  return %1 : tensor<1x20x4x5xf32>
}

// Near miss: a depthwise result that something else reads too keeps no row
// sums; the squeeze reads the tensor.
// CHECK-LABEL: func.func @depthwise_shared
// CHECK:         scf.for %{{.*}} = %c0 to %c8 step %c1 iter_args(%{{.*}} = %{{.*}}) -> (tensor<1x8x5x20xf32>)
// CHECK:         } {mnc.parallel}
// CHECK-NOT:     tensor<1x8x20xf32>
// CHECK:         scf.for %{{.*}} = %c0 to %c40 step %c1 iter_args({{.*}}) -> (vector<16xf32>, vector<4xf32>)
func.func @depthwise_shared(%x: tensor<1x20x8x5xf32>) -> (tensor<1x20x8x5xf32>, tensor<1x20x8x5xf32>) {
  %dw = arith.constant dense<0.25> : tensor<20x1x3x3xf32>
  %w1 = arith.constant dense<0.5> : tensor<5x20xf32>
  %b1 = arith.constant dense<0.1> : tensor<5xf32>
  %w2 = arith.constant dense<0.25> : tensor<20x5xf32>
  %b2 = arith.constant dense<0.3> : tensor<20xf32>
  %0 = mnc.conv2d %x, %dw {dilations = array<i64: 1, 1>, groups = 20 : i64, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 1, 1>} : (tensor<1x20x8x5xf32>, tensor<20x1x3x3xf32>) -> tensor<1x20x8x5xf32>
  %1 = mnc.squeeze_excite %0, %w1, %b1, %w2, %b2 {expand_activation = #mnc.activation<hardsigmoid, 0.166666672, 5.000000e-01>, reduce_activation = #mnc.activation<relu>} : (tensor<1x20x8x5xf32>, tensor<5x20xf32>, tensor<5xf32>, tensor<20x5xf32>, tensor<20xf32>) -> tensor<1x20x8x5xf32>
  return %0, %1 : tensor<1x20x8x5xf32>, tensor<1x20x8x5xf32>
}

// -----

// A conv with fewer rows than threads share evenly (3; under 8) and more
// than one channel tile shares (row, group of channel tiles) pairs: 72
// channels are 2 tiles of 32 and a tail of 8, in 3 groups of one here, so
// 3 x 3 pairs. The first group of each row zeroes the row's borders (left
// and right, and the top or bottom padding rows); each group then computes
// the row's pixels for its channel tiles in a loop, the tail last.
// CHECK-LABEL: func.func @few_rows_padded
// CHECK:         %[[EMPTY:.*]] = tensor.empty() : tensor<1x5x5x72xf32>
// CHECK:         scf.for %[[PAIR:.*]] = %c0 to %c9 step %c1 iter_args(%[[T:.*]] = %[[EMPTY]])
// CHECK:           %[[OH:.*]] = arith.divui %[[PAIR]], %c3 : index
// CHECK:           %[[GROUP:.*]] = arith.remui %[[PAIR]], %c3 : index
// CHECK:           %[[FIRST:.*]] = arith.cmpi eq, %[[GROUP]], %c0 : index
// CHECK:           %[[ZEROED:.*]] = scf.if %[[FIRST]]
// CHECK:             %[[ROW:.*]] = arith.addi %[[OH]], %c1 : index
// CHECK:             vector.transfer_write %{{.*}}, %[[T]][%c0, %[[ROW]], %c0, %c0] {{.*}} : vector<16xf32>
// CHECK:             vector.transfer_write %{{.*}}[%c0, %[[ROW]], %c0, %c64] {{.*}} : vector<8xf32>
// CHECK:             arith.cmpi eq, %[[OH]], %c0 : index
// CHECK:             arith.cmpi eq, %[[OH]], %c2 : index
// CHECK:           } else {
// CHECK:             scf.yield %[[T]]
// CHECK:           %[[END:.*]] = arith.addi %[[GROUP]], %c1 : index
// CHECK:           %[[LAST:.*]] = arith.minui %[[END]], %c3 : index
// CHECK:           scf.for %[[WHICH:.*]] = %[[GROUP]] to %[[LAST]] step %c1 iter_args(%{{.*}} = %[[ZEROED]])
// CHECK:             %[[F:.*]] = arith.muli %[[WHICH]], %c32 : index
// CHECK:             %[[FULL:.*]] = arith.cmpi ult, %[[WHICH]], %c2 : index
// CHECK:             scf.if %[[FULL]]
// CHECK:               vector.fma
// CHECK:               vector.transfer_write %{{.*}}[%c0, %{{.*}}, %c1, %[[F]]] {{.*}} : vector<16xf32>
// CHECK:             } else {
// CHECK:               vector.transfer_write %{{.*}}[%c0, %{{.*}}, %c1, %c64] {{.*}} : vector<8xf32>
// CHECK:         } {mnc.parallel}
// CHECK-NOT:     tensor.pad
// CHECK:         return
func.func @few_rows_padded(%x: tensor<1x16x3x3xf32>) -> tensor<1x72x3x3xf32> {
  %w = arith.constant dense<0.5> : tensor<72x16x1x1xf32>
  %dw = arith.constant dense<0.25> : tensor<72x1x3x3xf32>
  %a = mnc.conv2d %x, %w {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x16x3x3xf32>, tensor<72x16x1x1xf32>) -> tensor<1x72x3x3xf32>
  %b = mnc.conv2d %a, %dw {dilations = array<i64: 1, 1>, groups = 72 : i64, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 1, 1>} : (tensor<1x72x3x3xf32>, tensor<72x1x3x3xf32>) -> tensor<1x72x3x3xf32>
  return %b : tensor<1x72x3x3xf32>
}

// -----

// One input channel with groups = 1 is an ordinary convolution (a grayscale
// image's stem), not a depthwise one with a channel multiplier: the full
// conv kernel reads the NCHW argument in place, its filter packed as one
// [3 * 3 * 1] x 16 block, one broadcast input scalar per FMA.
// CHECK-LABEL: func.func @one_input_channel
// CHECK-NOT:     linalg.transpose ins(%arg0
// CHECK:         %[[W:.*]] = arith.constant dense<5.000000e-01> : tensor<144xf32>
// CHECK:         scf.for
// CHECK:           vector.transfer_read %[[W]]
// CHECK:           tensor.extract %arg0[%c0, %c0, %{{.*}}, %{{.*}}] : tensor<1x1x8x8xf32>
// CHECK:           vector.broadcast %{{.*}} : f32 to vector<16xf32>
// CHECK:           vector.fma
// CHECK-NOT:     depthwise
// NARROW-LABEL: func.func @one_input_channel
// NARROW:         arith.constant dense<5.000000e-01> : tensor<144xf32>
// NARROW:         tensor.extract %arg0[%c0, %c0, %{{.*}}, %{{.*}}] : tensor<1x1x8x8xf32>
// NAMED-LABEL: func.func @one_input_channel
// NAMED-NOT:     depthwise
// NAMED:         linalg.conv_2d_nhwc_hwcf {{.*}} ins(%{{.*}}, %{{.*}} : tensor<1x10x10x1xf32>, tensor<3x3x1x16xf32>)
// NAMED-NOT:     depthwise
func.func @one_input_channel(%x: tensor<1x1x8x8xf32>) -> tensor<1x16x8x8xf32> {
  %w = arith.constant dense<0.5> : tensor<16x1x3x3xf32>
  %0 = mnc.conv2d %x, %w {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 1, 1>} : (tensor<1x1x8x8xf32>, tensor<16x1x3x3xf32>) -> tensor<1x16x8x8xf32>
  return %0 : tensor<1x16x8x8xf32>
}
