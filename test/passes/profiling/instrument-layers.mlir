// instrument-layers: a call of the hook before every mnc operation of the
// entry function, with the layer's index, and one with the layer count before
// the return; the layers are listed in the module attribute mnc.layers.
// RUN: mnc-opt %s -split-input-file -instrument-layers | FileCheck %s
// RUN: mnc-opt %s -split-input-file -instrument-layers=hook=net_profile_mark | FileCheck %s --check-prefix=HOOK

// Convolutions are named by what their speed depends on (kernel, stride,
// depthwise or not); constants between layers are not layers.
// CHECK:       module attributes {mnc.layers = [
// CHECK-SAME:    {bytes = 1024 : i64, kind = "conv 3x3 s2", macs = 1728 : i64, node = "stem", op = "conv2d", shape = "1x4x4x4"},
// CHECK-SAME:    {bytes = 512 : i64, kind = "depthwise 3x3 s1", macs = 576 : i64, node = "dw", op = "conv2d", shape = "1x4x4x4"},
// CHECK-SAME:    {bytes = 768 : i64, kind = "pointwise", macs = 512 : i64, node = "pw", op = "conv2d", shape = "1x8x4x4"},
// CHECK-SAME:    {bytes = 1024 : i64, kind = "relu", macs = 0 : i64, node = "act", op = "relu", shape = "1x8x4x4"}]}
// CHECK-LABEL: func.func @main
// CHECK-NEXT:    %[[W0:.*]] = arith.constant dense<1.000000e+00> : tensor<4x3x3x3xf32>
// CHECK-NEXT:    %[[I0:.*]] = arith.constant 0 : i32
// CHECK-NEXT:    call @mnc_profile_mark(%[[I0]]) : (i32) -> ()
// CHECK-NEXT:    %[[STEM:.*]] = mnc.conv2d %arg0, %[[W0]]
// CHECK-NEXT:    %[[W1:.*]] = arith.constant dense<2.000000e+00> : tensor<4x1x3x3xf32>
// CHECK-NEXT:    %[[I1:.*]] = arith.constant 1 : i32
// CHECK-NEXT:    call @mnc_profile_mark(%[[I1]]) : (i32) -> ()
// CHECK-NEXT:    %[[DW:.*]] = mnc.conv2d %[[STEM]], %[[W1]]
// CHECK-NEXT:    %[[W2:.*]] = arith.constant dense<3.000000e+00> : tensor<8x4x1x1xf32>
// CHECK-NEXT:    %[[I2:.*]] = arith.constant 2 : i32
// CHECK-NEXT:    call @mnc_profile_mark(%[[I2]]) : (i32) -> ()
// CHECK-NEXT:    %[[PW:.*]] = mnc.conv2d %[[DW]], %[[W2]]
// CHECK-NEXT:    %[[I3:.*]] = arith.constant 3 : i32
// CHECK-NEXT:    call @mnc_profile_mark(%[[I3]]) : (i32) -> ()
// CHECK-NEXT:    %[[ACT:.*]] = mnc.relu %[[PW]]
// CHECK-NEXT:    %[[END:.*]] = arith.constant 4 : i32
// CHECK-NEXT:    call @mnc_profile_mark(%[[END]]) : (i32) -> ()
// CHECK-NEXT:    return %[[ACT]]
// CHECK:       func.func private @mnc_profile_mark(i32)
// CHECK-NOT:   func.func

// HOOK:       func.func @main
// HOOK-COUNT-5: call @net_profile_mark(%{{.*}}) : (i32) -> ()
// HOOK-NOT:   call
// HOOK:       func.func private @net_profile_mark(i32)
// HOOK-NOT:   @mnc_profile_mark
// HOOK:       {{^}}// {{-{5}$}}
func.func @main(%x: tensor<1x3x8x8xf32>) -> tensor<1x8x4x4xf32> {
  %w0 = arith.constant dense<1.0> : tensor<4x3x3x3xf32>
  %0 = mnc.conv2d %x, %w0 {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>} : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x4x4xf32> loc("stem")
  %w1 = arith.constant dense<2.0> : tensor<4x1x3x3xf32>
  %1 = mnc.conv2d %0, %w1 {dilations = array<i64: 1, 1>, groups = 4 : i64, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 1, 1>} : (tensor<1x4x4x4xf32>, tensor<4x1x3x3xf32>) -> tensor<1x4x4x4xf32> loc("dw")
  %w2 = arith.constant dense<3.0> : tensor<8x4x1x1xf32>
  %2 = mnc.conv2d %1, %w2 {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x4x4x4xf32>, tensor<8x4x1x1xf32>) -> tensor<1x8x4x4xf32> loc("pw")
  %3 = mnc.relu %2 : tensor<1x8x4x4xf32> loc("act")
  return %3 : tensor<1x8x4x4xf32>
}

// -----

// Only the entry (the one public function with a body) is instrumented: a
// private helper keeps its mnc operations uninstrumented, and one without mnc
// operations stays as it is. A fused layer is named by the first node of its
// location; strided pointwise convolutions, fully connected layers and
// squeeze-and-excite blocks have kinds of their own.
// CHECK:       module attributes {mnc.layers = [
// CHECK-SAME:    {bytes = 288 : i64, kind = "pointwise s2", macs = 32 : i64, node = "first", op = "conv2d", shape = "1x2x2x2"},
// CHECK-SAME:    {bytes = 64 : i64, kind = "squeeze-excite", macs = 4 : i64, node = "se", op = "squeeze_excite", shape = "1x2x2x2"},
// CHECK-SAME:    {bytes = 64 : i64, kind = "reshape", macs = 0 : i64, node = "flat", op = "reshape", shape = "1x8"},
// CHECK-SAME:    {bytes = 44 : i64, kind = "fully connected", macs = 24 : i64, node = "fc", op = "fully_connected", shape = "1x3"}]}
// CHECK-LABEL: func.func private @helper
// CHECK-NOT:     call
// CHECK:         mnc.relu
// CHECK-NEXT:    return
// CHECK-LABEL: func.func private @no_layers
// CHECK-NEXT:    arith.addf
// CHECK-NEXT:    return
// CHECK-LABEL: func.func @entry
// CHECK-COUNT-4: call @mnc_profile_mark
// CHECK:         mnc.fully_connected
// CHECK-NEXT:    %[[END:.*]] = arith.constant 4 : i32
// CHECK-NEXT:    call @mnc_profile_mark(%[[END]])
// CHECK-NEXT:    return
func.func private @helper(%x: tensor<1x8xf32>) -> tensor<1x8xf32> {
  %0 = mnc.relu %x : tensor<1x8xf32>
  return %0 : tensor<1x8xf32>
}
func.func private @no_layers(%a: f32) -> f32 {
  %0 = arith.addf %a, %a : f32
  return %0 : f32
}
func.func @entry(%x: tensor<1x4x4x4xf32>) -> tensor<1x3xf32> {
  %w = arith.constant dense<1.0> : tensor<2x4x1x1xf32>
  %0 = mnc.conv2d %x, %w {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 2, 2>} : (tensor<1x4x4x4xf32>, tensor<2x4x1x1xf32>) -> tensor<1x2x2x2xf32> loc(fused["first", "second"])
  %rw = arith.constant dense<1.0> : tensor<1x2xf32>
  %rb = arith.constant dense<0.0> : tensor<1xf32>
  %ew = arith.constant dense<1.0> : tensor<2x1xf32>
  %eb = arith.constant dense<0.0> : tensor<2xf32>
  %1 = mnc.squeeze_excite %0, %rw, %rb, %ew, %eb {reduce_activation = #mnc.activation<relu>, expand_activation = #mnc.activation<hardsigmoid, 0.166666672, 0.5>} : (tensor<1x2x2x2xf32>, tensor<1x2xf32>, tensor<1xf32>, tensor<2x1xf32>, tensor<2xf32>) -> tensor<1x2x2x2xf32> loc("se")
  %2 = mnc.reshape %1 {shape = array<i64: 1, 8>} : (tensor<1x2x2x2xf32>) -> tensor<1x8xf32> loc("flat")
  %fw = arith.constant dense<1.0> : tensor<3x8xf32>
  %3 = mnc.fully_connected %2, %fw : (tensor<1x8xf32>, tensor<3x8xf32>) -> tensor<1x3xf32> loc("fc")
  return %3 : tensor<1x3xf32>
}

// -----

// A declaration of the hook that is already there is used, not duplicated.
// CHECK-LABEL: func.func private @mnc_profile_mark(i32)
// CHECK-LABEL: func.func @main
// CHECK:         call @mnc_profile_mark
// CHECK:         mnc.relu
// CHECK:         call @mnc_profile_mark
// CHECK:         return
// CHECK-NOT:   func.func private @mnc_profile_mark
func.func private @mnc_profile_mark(i32)
func.func @main(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = mnc.relu %x : tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// The layers around a backbone (segmentation and detection heads) have kinds
// that say what their speed depends on: a dilated conv its dilation, a
// transposed conv its window and stride (its MACs count every input pixel's
// scattered window: 1x2x3x3 inputs x 4x2x2 taps = 288), pooling its window,
// a resize its interpolation and whether it adds. Layers that compute little
// show their cost as the bytes of activations they read and write (the resize
// reads 36 inputs and 144 addends and writes 144 floats: 1296 bytes).
// CHECK:       module attributes {mnc.layers = [
// CHECK-SAME:    {bytes = 216 : i64, kind = "conv 3x3 s1 d2", macs = 648 : i64, node = "aspp", op = "conv2d", shape = "1x4x3x3"},
// CHECK-SAME:    {bytes = 648 : i64, kind = "transposed 2x2 s2", macs = 288 : i64, node = "up", op = "conv_transpose", shape = "1x4x6x6"},
// CHECK-SAME:    {bytes = 720 : i64, kind = "max pool 3x3 s2", macs = 0 : i64, node = "pool", op = "max_pool", shape = "1x4x3x3"},
// CHECK-SAME:    {bytes = 1296 : i64, kind = "resize bilinear +add", macs = 0 : i64, node = "fpn", op = "resize", shape = "1x4x6x6"},
// CHECK-SAME:    {bytes = 2304 : i64, kind = "concat", macs = 0 : i64, node = "cat", op = "concat", shape = "1x8x6x6"}]}
func.func @main(%x: tensor<1x2x3x3xf32>) -> tensor<1x8x6x6xf32> {
  %w = arith.constant dense<1.0> : tensor<4x2x3x3xf32>
  %0 = mnc.conv2d %x, %w {dilations = array<i64: 2, 2>, groups = 1 : i64, pads = array<i64: 2, 2, 2, 2>, strides = array<i64: 1, 1>} : (tensor<1x2x3x3xf32>, tensor<4x2x3x3xf32>) -> tensor<1x4x3x3xf32> loc("aspp")
  %t = arith.constant dense<1.0> : tensor<2x4x2x2xf32>
  %1 = mnc.conv_transpose %x, %t {dilations = array<i64: 1, 1>, groups = 1 : i64, output_padding = array<i64: 0, 0>, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 2, 2>} : (tensor<1x2x3x3xf32>, tensor<2x4x2x2xf32>) -> tensor<1x4x6x6xf32> loc("up")
  %2 = mnc.max_pool %1 {kernel = array<i64: 3, 3>, strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>, ceil_mode = false} : (tensor<1x4x6x6xf32>) -> tensor<1x4x3x3xf32> loc("pool")
  %3 = mnc.resize %2 addend(%1) {mode = #mnc.resize_mode<bilinear>, coordinate_transform = #mnc.coordinate_transform<half_pixel>, nearest_rounding = #mnc.nearest_rounding<floor>, scale_h = 2.0 : f32, scale_w = 2.0 : f32} : (tensor<1x4x3x3xf32>, tensor<1x4x6x6xf32>) -> tensor<1x4x6x6xf32> loc("fpn")
  %4 = mnc.concat %3, %1 {axis = 1 : i64} : (tensor<1x4x6x6xf32>, tensor<1x4x6x6xf32>) -> tensor<1x8x6x6xf32> loc("cat")
  return %4 : tensor<1x8x6x6xf32>
}
