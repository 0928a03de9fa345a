// Every verifier error the mnc ops can report.
// RUN: mnc-opt %s -split-input-file -verify-diagnostics

func.func @conv_groups_do_not_divide(%x: tensor<1x6x8x8xf32>, %w: tensor<8x3x3x3xf32>) -> tensor<1x8x8x8xf32> {
  // expected-error @+1 {{groups (4) must divide the input channels (6)}}
  %0 = mnc.conv2d %x, %w {dilations = array<i64: 1, 1>, groups = 4 : i64, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 1, 1>} : (tensor<1x6x8x8xf32>, tensor<8x3x3x3xf32>) -> tensor<1x8x8x8xf32>
  return %0 : tensor<1x8x8x8xf32>
}

// -----

func.func @conv_output_channels(%x: tensor<1x6x8x8xf32>, %w: tensor<9x2x3x3xf32>) -> tensor<1x9x8x8xf32> {
  // expected-error @+1 {{groups (2) must divide the output channels (9)}}
  %0 = mnc.conv2d %x, %w {dilations = array<i64: 1, 1>, groups = 2 : i64, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 1, 1>} : (tensor<1x6x8x8xf32>, tensor<9x2x3x3xf32>) -> tensor<1x9x8x8xf32>
  return %0 : tensor<1x9x8x8xf32>
}

// -----

func.func @conv_filter_channels(%x: tensor<1x6x8x8xf32>, %w: tensor<8x4x3x3xf32>) -> tensor<1x8x8x8xf32> {
  // expected-error @+1 {{filter expects 4 input channels (4 x 1 groups), input has 6}}
  %0 = mnc.conv2d %x, %w {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 1, 1>} : (tensor<1x6x8x8xf32>, tensor<8x4x3x3xf32>) -> tensor<1x8x8x8xf32>
  return %0 : tensor<1x8x8x8xf32>
}

// -----

func.func @conv_result_shape(%x: tensor<1x3x8x8xf32>, %w: tensor<8x3x3x3xf32>) -> tensor<1x8x8x8xf32> {
  // expected-error @+1 {{result shape [1, 8, 8, 8] does not match the expected [1, 8, 4, 4]}}
  %0 = mnc.conv2d %x, %w {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>} : (tensor<1x3x8x8xf32>, tensor<8x3x3x3xf32>) -> tensor<1x8x8x8xf32>
  return %0 : tensor<1x8x8x8xf32>
}

// -----

func.func @conv_rank(%x: tensor<3x8x8xf32>, %w: tensor<8x3x3x3xf32>) -> tensor<1x8x8x8xf32> {
  // expected-error @+1 {{input must be rank 4 (NCHW), got rank 3}}
  %0 = mnc.conv2d %x, %w {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 1, 1>} : (tensor<3x8x8xf32>, tensor<8x3x3x3xf32>) -> tensor<1x8x8x8xf32>
  return %0 : tensor<1x8x8x8xf32>
}

// -----

func.func @conv_filter_rank(%x: tensor<1x3x8x8xf32>, %w: tensor<8x3x3xf32>) -> tensor<1x8x8x8xf32> {
  // expected-error @+1 {{filter must be rank 4 (OIHW), got rank 3}}
  %0 = mnc.conv2d %x, %w {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 1, 1>} : (tensor<1x3x8x8xf32>, tensor<8x3x3xf32>) -> tensor<1x8x8x8xf32>
  return %0 : tensor<1x8x8x8xf32>
}

// -----

func.func @conv_strides(%x: tensor<1x3x8x8xf32>, %w: tensor<8x3x3x3xf32>) -> tensor<1x8x8x8xf32> {
  // expected-error @+1 {{strides must be >= 1, got [0, 1]}}
  %0 = mnc.conv2d %x, %w {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 0, 1>} : (tensor<1x3x8x8xf32>, tensor<8x3x3x3xf32>) -> tensor<1x8x8x8xf32>
  return %0 : tensor<1x8x8x8xf32>
}

// -----

func.func @conv_pads_count(%x: tensor<1x3x8x8xf32>, %w: tensor<8x3x3x3xf32>) -> tensor<1x8x8x8xf32> {
  // expected-error @+1 {{pads must have 4 values, got 2}}
  %0 = mnc.conv2d %x, %w {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 1, 1>, strides = array<i64: 1, 1>} : (tensor<1x3x8x8xf32>, tensor<8x3x3x3xf32>) -> tensor<1x8x8x8xf32>
  return %0 : tensor<1x8x8x8xf32>
}

// -----

func.func @conv_negative_pad(%x: tensor<1x3x8x8xf32>, %w: tensor<8x3x3x3xf32>) -> tensor<1x8x8x8xf32> {
  // expected-error @+1 {{pads must be >= 0, got [-1, 1, 1, 1]}}
  %0 = mnc.conv2d %x, %w {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: -1, 1, 1, 1>, strides = array<i64: 1, 1>} : (tensor<1x3x8x8xf32>, tensor<8x3x3x3xf32>) -> tensor<1x8x8x8xf32>
  return %0 : tensor<1x8x8x8xf32>
}

// -----

func.func @conv_dilations(%x: tensor<1x3x8x8xf32>, %w: tensor<8x3x3x3xf32>) -> tensor<1x8x8x8xf32> {
  // expected-error @+1 {{dilations must have 2 values, got 3}}
  %0 = mnc.conv2d %x, %w {dilations = array<i64: 1, 1, 1>, groups = 1 : i64, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 1, 1>} : (tensor<1x3x8x8xf32>, tensor<8x3x3x3xf32>) -> tensor<1x8x8x8xf32>
  return %0 : tensor<1x8x8x8xf32>
}

// -----

func.func @conv_kernel_too_large(%x: tensor<1x3x4x4xf32>, %w: tensor<8x3x7x7xf32>) -> tensor<1x8x1x1xf32> {
  // expected-error @+1 {{the height of the dilated kernel (7) exceeds the padded input (4)}}
  %0 = mnc.conv2d %x, %w {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 1, 1>} : (tensor<1x3x4x4xf32>, tensor<8x3x7x7xf32>) -> tensor<1x8x1x1xf32>
  return %0 : tensor<1x8x1x1xf32>
}

// -----

func.func @conv_groups_positive(%x: tensor<1x3x8x8xf32>, %w: tensor<8x3x3x3xf32>) -> tensor<1x8x8x8xf32> {
  // expected-error @+1 {{attribute 'groups' failed to satisfy constraint}}
  %0 = mnc.conv2d %x, %w {dilations = array<i64: 1, 1>, groups = 0 : i64, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 1, 1>} : (tensor<1x3x8x8xf32>, tensor<8x3x3x3xf32>) -> tensor<1x8x8x8xf32>
  return %0 : tensor<1x8x8x8xf32>
}

// -----

func.func @conv_bias_shape(%x: tensor<1x3x8x8xf32>, %w: tensor<8x3x3x3xf32>, %b: tensor<4xf32>) -> tensor<1x8x8x8xf32> {
  // expected-error @+1 {{bias must have shape [8], got [4]}}
  %0 = mnc.conv2d %x, %w bias(%b) {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 1, 1>} : (tensor<1x3x8x8xf32>, tensor<8x3x3x3xf32>, tensor<4xf32>) -> tensor<1x8x8x8xf32>
  return %0 : tensor<1x8x8x8xf32>
}

// -----

func.func @conv_residual_type(%x: tensor<1x3x8x8xf32>, %w: tensor<8x3x3x3xf32>, %r: tensor<1x8x4x4xf32>) -> tensor<1x8x8x8xf32> {
  // expected-error @+1 {{residual type 'tensor<1x8x4x4xf32>' must match the result type 'tensor<1x8x8x8xf32>'}}
  %0 = mnc.conv2d %x, %w residual(%r) {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 1, 1>} : (tensor<1x3x8x8xf32>, tensor<8x3x3x3xf32>, tensor<1x8x4x4xf32>) -> tensor<1x8x8x8xf32>
  return %0 : tensor<1x8x8x8xf32>
}

// -----

func.func @conv_not_f32(%x: tensor<1x3x8x8xf16>, %w: tensor<8x3x3x3xf32>) -> tensor<1x8x8x8xf32> {
  // expected-error @+1 {{operand #0 must be statically shaped tensor of 32-bit float values}}
  %0 = mnc.conv2d %x, %w {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 1, 1>} : (tensor<1x3x8x8xf16>, tensor<8x3x3x3xf32>) -> tensor<1x8x8x8xf32>
  return %0 : tensor<1x8x8x8xf32>
}

// -----

func.func @activation_unknown() attributes {act = #mnc.activation<gelu>} {
  // expected-error @-1 {{unknown activation 'gelu'}}
  return
}

// -----

// expected-error @+1 {{activation 'relu' takes no parameters}}
func.func @activation_parameters() attributes {act = #mnc.activation<relu, 1.0, 2.0>} {
  return
}

// -----

// expected-error @+1 {{activation 'leaky_relu' takes alpha only (its second parameter must be 0)}}
func.func @activation_leaky_relu_beta() attributes {act = #mnc.activation<leaky_relu, 0.1, 1.0>} {
  return
}

// -----

// expected-error @+1 {{activation 'leaky_relu' needs its two parameters}}
func.func @activation_leaky_relu_alpha() attributes {act = #mnc.activation<leaky_relu>} {
  return
}

// -----

// expected-error @+1 {{clip minimum 6.000000e+00 exceeds its maximum 0.000000e+00}}
func.func @activation_clip_order() attributes {act = #mnc.activation<clip, 6.0, 0.0>} {
  return
}

// -----

func.func @batch_norm_param(%x: tensor<1x8x4x4xf32>, %p: tensor<8xf32>, %q: tensor<4xf32>) -> tensor<1x8x4x4xf32> {
  // expected-error @+1 {{variance must have shape [8], got [4]}}
  %0 = mnc.batch_norm %x, %p, %p, %p, %q {epsilon = 1.0e-5 : f32} : (tensor<1x8x4x4xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<4xf32>) -> tensor<1x8x4x4xf32>
  return %0 : tensor<1x8x4x4xf32>
}

// -----

func.func @batch_norm_rank(%x: tensor<8xf32>, %p: tensor<8xf32>) -> tensor<8xf32> {
  // expected-error @+1 {{input must have rank >= 2, got rank 1}}
  %0 = mnc.batch_norm %x, %p, %p, %p, %p {epsilon = 1.0e-5 : f32} : (tensor<8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>) -> tensor<8xf32>
  return %0 : tensor<8xf32>
}

// -----

func.func @batch_norm_result(%x: tensor<1x8x4x4xf32>, %p: tensor<8xf32>) -> tensor<1x8x2x2xf32> {
  // expected-error @+1 {{result type must match the input type}}
  %0 = mnc.batch_norm %x, %p, %p, %p, %p {epsilon = 1.0e-5 : f32} : (tensor<1x8x4x4xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>) -> tensor<1x8x2x2xf32>
  return %0 : tensor<1x8x2x2xf32>
}

// -----

func.func @batch_norm_epsilon(%x: tensor<1x8x4x4xf32>, %p: tensor<8xf32>) -> tensor<1x8x4x4xf32> {
  // expected-error @+1 {{epsilon must be >= 0, got -1.000000e+00}}
  %0 = mnc.batch_norm %x, %p, %p, %p, %p {epsilon = -1.0 : f32} : (tensor<1x8x4x4xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>) -> tensor<1x8x4x4xf32>
  return %0 : tensor<1x8x4x4xf32>
}

// -----

func.func @fully_connected_k(%x: tensor<1x16xf32>, %w: tensor<10x8xf32>) -> tensor<1x10xf32> {
  // expected-error @+1 {{input has K = 16 but the weight has K = 8}}
  %0 = mnc.fully_connected %x, %w : (tensor<1x16xf32>, tensor<10x8xf32>) -> tensor<1x10xf32>
  return %0 : tensor<1x10xf32>
}

// -----

func.func @fully_connected_rank(%x: tensor<1x16x1x1xf32>, %w: tensor<10x16xf32>) -> tensor<1x10xf32> {
  // expected-error @+1 {{input must be rank 2 ([M, K]), got rank 4}}
  %0 = mnc.fully_connected %x, %w : (tensor<1x16x1x1xf32>, tensor<10x16xf32>) -> tensor<1x10xf32>
  return %0 : tensor<1x10xf32>
}

// -----

func.func @fully_connected_weight_rank(%x: tensor<1x16xf32>, %w: tensor<160xf32>) -> tensor<1x10xf32> {
  // expected-error @+1 {{weight must be rank 2 ([N, K]), got rank 1}}
  %0 = mnc.fully_connected %x, %w : (tensor<1x16xf32>, tensor<160xf32>) -> tensor<1x10xf32>
  return %0 : tensor<1x10xf32>
}

// -----

func.func @fully_connected_bias(%x: tensor<1x16xf32>, %w: tensor<10x16xf32>, %b: tensor<16xf32>) -> tensor<1x10xf32> {
  // expected-error @+1 {{bias must have shape [10], got [16]}}
  %0 = mnc.fully_connected %x, %w bias(%b) : (tensor<1x16xf32>, tensor<10x16xf32>, tensor<16xf32>) -> tensor<1x10xf32>
  return %0 : tensor<1x10xf32>
}

// -----

func.func @squeeze_excite_rank(%x: tensor<16x8x8xf32>, %w1: tensor<4x16xf32>, %b1: tensor<4xf32>, %w2: tensor<16x4xf32>, %b2: tensor<16xf32>) -> tensor<16x8x8xf32> {
  // expected-error @+1 {{input must be rank 4 (NCHW), got rank 3}}
  %0 = mnc.squeeze_excite %x, %w1, %b1, %w2, %b2 {reduce_activation = #mnc.activation<relu>, expand_activation = #mnc.activation<sigmoid>} : (tensor<16x8x8xf32>, tensor<4x16xf32>, tensor<4xf32>, tensor<16x4xf32>, tensor<16xf32>) -> tensor<16x8x8xf32>
  return %0 : tensor<16x8x8xf32>
}

// -----

func.func @squeeze_excite_result(%x: tensor<1x16x8x8xf32>, %w1: tensor<4x16xf32>, %b1: tensor<4xf32>, %w2: tensor<16x4xf32>, %b2: tensor<16xf32>) -> tensor<1x16x4x4xf32> {
  // expected-error @+1 {{result type must match the input type}}
  %0 = mnc.squeeze_excite %x, %w1, %b1, %w2, %b2 {reduce_activation = #mnc.activation<relu>, expand_activation = #mnc.activation<sigmoid>} : (tensor<1x16x8x8xf32>, tensor<4x16xf32>, tensor<4xf32>, tensor<16x4xf32>, tensor<16xf32>) -> tensor<1x16x4x4xf32>
  return %0 : tensor<1x16x4x4xf32>
}

// -----

func.func @squeeze_excite_reduce(%x: tensor<1x16x8x8xf32>, %w1: tensor<4x8xf32>, %b1: tensor<4xf32>, %w2: tensor<16x4xf32>, %b2: tensor<16xf32>) -> tensor<1x16x8x8xf32> {
  // expected-error @+1 {{reduce_weight must be [R, 16], got [4, 8]}}
  %0 = mnc.squeeze_excite %x, %w1, %b1, %w2, %b2 {reduce_activation = #mnc.activation<relu>, expand_activation = #mnc.activation<sigmoid>} : (tensor<1x16x8x8xf32>, tensor<4x8xf32>, tensor<4xf32>, tensor<16x4xf32>, tensor<16xf32>) -> tensor<1x16x8x8xf32>
  return %0 : tensor<1x16x8x8xf32>
}

// -----

func.func @squeeze_excite_expand(%x: tensor<1x16x8x8xf32>, %w1: tensor<4x16xf32>, %b1: tensor<4xf32>, %w2: tensor<16x8xf32>, %b2: tensor<16xf32>) -> tensor<1x16x8x8xf32> {
  // expected-error @+1 {{expand_weight must be [16, 4], got [16, 8]}}
  %0 = mnc.squeeze_excite %x, %w1, %b1, %w2, %b2 {reduce_activation = #mnc.activation<relu>, expand_activation = #mnc.activation<sigmoid>} : (tensor<1x16x8x8xf32>, tensor<4x16xf32>, tensor<4xf32>, tensor<16x8xf32>, tensor<16xf32>) -> tensor<1x16x8x8xf32>
  return %0 : tensor<1x16x8x8xf32>
}

// -----

func.func @squeeze_excite_bias(%x: tensor<1x16x8x8xf32>, %w1: tensor<4x16xf32>, %b1: tensor<8xf32>, %w2: tensor<16x4xf32>, %b2: tensor<16xf32>) -> tensor<1x16x8x8xf32> {
  // expected-error @+1 {{reduce_bias must have shape [4], got [8]}}
  %0 = mnc.squeeze_excite %x, %w1, %b1, %w2, %b2 {reduce_activation = #mnc.activation<relu>, expand_activation = #mnc.activation<sigmoid>} : (tensor<1x16x8x8xf32>, tensor<4x16xf32>, tensor<8xf32>, tensor<16x4xf32>, tensor<16xf32>) -> tensor<1x16x8x8xf32>
  return %0 : tensor<1x16x8x8xf32>
}

// -----

func.func @clip_bounds(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{min 6.000000e+00 exceeds max 0.000000e+00}}
  %0 = mnc.clip %x {min = 6.0 : f32, max = 0.0 : f32} : tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @add_broadcast(%x: tensor<1x8x4x4xf32>, %y: tensor<3x1x1xf32>) -> tensor<1x8x4x4xf32> {
  // expected-error @+1 {{shapes [1, 8, 4, 4] and [3, 1, 1] do not broadcast}}
  %0 = mnc.add %x, %y : (tensor<1x8x4x4xf32>, tensor<3x1x1xf32>) -> tensor<1x8x4x4xf32>
  return %0 : tensor<1x8x4x4xf32>
}

// -----

func.func @mul_result(%x: tensor<1x8x4x4xf32>, %y: tensor<8x1x1xf32>) -> tensor<8x4x4xf32> {
  // expected-error @+1 {{result shape [8, 4, 4] does not match the expected [1, 8, 4, 4]}}
  %0 = mnc.mul %x, %y : (tensor<1x8x4x4xf32>, tensor<8x1x1xf32>) -> tensor<8x4x4xf32>
  return %0 : tensor<8x4x4xf32>
}

// -----

func.func @global_avg_pool_rank(%x: tensor<8x4x4xf32>) -> tensor<8x1x1xf32> {
  // expected-error @+1 {{input must be rank 4 (NCHW), got rank 3}}
  %0 = mnc.global_avg_pool %x : (tensor<8x4x4xf32>) -> tensor<8x1x1xf32>
  return %0 : tensor<8x1x1xf32>
}

// -----

func.func @global_avg_pool_result(%x: tensor<1x8x4x4xf32>) -> tensor<1x8xf32> {
  // expected-error @+1 {{result shape [1, 8] does not match the expected [1, 8, 1, 1]}}
  %0 = mnc.global_avg_pool %x : (tensor<1x8x4x4xf32>) -> tensor<1x8xf32>
  return %0 : tensor<1x8xf32>
}

// -----

func.func @avg_pool_pads(%x: tensor<1x8x4x4xf32>) -> tensor<1x8x4x4xf32> {
  // expected-error @+1 {{pads [2, 2, 2, 2] must be smaller than the kernel [2, 2]}}
  %0 = mnc.avg_pool %x {kernel = array<i64: 2, 2>, strides = array<i64: 1, 1>, pads = array<i64: 2, 2, 2, 2>, dilations = array<i64: 1, 1>, ceil_mode = false, count_include_pad = false} : (tensor<1x8x4x4xf32>) -> tensor<1x8x4x4xf32>
  return %0 : tensor<1x8x4x4xf32>
}

// -----

func.func @avg_pool_kernel(%x: tensor<1x8x4x4xf32>) -> tensor<1x8x1x1xf32> {
  // expected-error @+1 {{the height of the dilated kernel (5) exceeds the padded input (4)}}
  %0 = mnc.avg_pool %x {kernel = array<i64: 5, 5>, strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, ceil_mode = false, count_include_pad = false} : (tensor<1x8x4x4xf32>) -> tensor<1x8x1x1xf32>
  return %0 : tensor<1x8x1x1xf32>
}

// -----

func.func @avg_pool_rank(%x: tensor<8x4x4xf32>) -> tensor<8x2x2xf32> {
  // expected-error @+1 {{input must be rank 4 (NCHW), got rank 3}}
  %0 = mnc.avg_pool %x {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, ceil_mode = false, count_include_pad = false} : (tensor<8x4x4xf32>) -> tensor<8x2x2xf32>
  return %0 : tensor<8x2x2xf32>
}

// -----

func.func @avg_pool_dilations(%x: tensor<1x8x4x4xf32>) -> tensor<1x8x3x3xf32> {
  // expected-error @+1 {{dilations must be >= 1, got [1, 0]}}
  %0 = mnc.avg_pool %x {kernel = array<i64: 2, 2>, strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 0>, ceil_mode = false, count_include_pad = false} : (tensor<1x8x4x4xf32>) -> tensor<1x8x3x3xf32>
  return %0 : tensor<1x8x3x3xf32>
}

// -----

// Dilation 2 makes the 3-wide kernel 5 wide: it fits the 4 + 1 padded
// columns but not the 4 rows.
func.func @max_pool_dilated_kernel(%x: tensor<1x8x4x4xf32>) -> tensor<1x8x1x1xf32> {
  // expected-error @+1 {{the height of the dilated kernel (5) exceeds the padded input (4)}}
  %0 = mnc.max_pool %x {kernel = array<i64: 3, 3>, strides = array<i64: 1, 1>, pads = array<i64: 0, 1, 0, 0>, dilations = array<i64: 2, 2>, ceil_mode = false} : (tensor<1x8x4x4xf32>) -> tensor<1x8x1x1xf32>
  return %0 : tensor<1x8x1x1xf32>
}

// -----

// With ceil_mode, ceil((5 + 2 - 2) / 2) + 1 = 4, but the fourth window would
// start at 6 >= 5 + 1, in the end padding: 3.
func.func @max_pool_ceil_mode(%x: tensor<1x8x5x5xf32>) -> tensor<1x8x4x4xf32> {
  // expected-error @+1 {{result shape [1, 8, 4, 4] does not match the expected [1, 8, 3, 3]}}
  %0 = mnc.max_pool %x {kernel = array<i64: 2, 2>, strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>, ceil_mode = true} : (tensor<1x8x5x5xf32>) -> tensor<1x8x4x4xf32>
  return %0 : tensor<1x8x4x4xf32>
}

// -----

func.func @max_pool_strides(%x: tensor<1x8x4x4xf32>) -> tensor<1x8x3x3xf32> {
  // expected-error @+1 {{strides must have 2 values, got 1}}
  %0 = mnc.max_pool %x {kernel = array<i64: 2, 2>, strides = array<i64: 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, ceil_mode = false} : (tensor<1x8x4x4xf32>) -> tensor<1x8x3x3xf32>
  return %0 : tensor<1x8x3x3xf32>
}

// -----

func.func @global_max_pool_rank(%x: tensor<8x4x4xf32>) -> tensor<8x1x1xf32> {
  // expected-error @+1 {{input must be rank 4 (NCHW), got rank 3}}
  %0 = mnc.global_max_pool %x : (tensor<8x4x4xf32>) -> tensor<8x1x1xf32>
  return %0 : tensor<8x1x1xf32>
}

// -----

func.func @global_max_pool_result(%x: tensor<1x8x4x4xf32>) -> tensor<1x8x4x1xf32> {
  // expected-error @+1 {{result shape [1, 8, 4, 1] does not match the expected [1, 8, 1, 1]}}
  %0 = mnc.global_max_pool %x : (tensor<1x8x4x4xf32>) -> tensor<1x8x4x1xf32>
  return %0 : tensor<1x8x4x1xf32>
}

// -----

func.func @reduce_mean_axes(%x: tensor<1x8x4x4xf32>) -> tensor<1x8x1x1xf32> {
  // expected-error @+1 {{axes [3, 2] must be sorted and unique}}
  %0 = mnc.reduce_mean %x {axes = array<i64: 3, 2>, keepdims = true} : (tensor<1x8x4x4xf32>) -> tensor<1x8x1x1xf32>
  return %0 : tensor<1x8x1x1xf32>
}

// -----

func.func @reduce_mean_range(%x: tensor<1x8x4x4xf32>) -> tensor<1x8x4x4xf32> {
  // expected-error @+1 {{axis 4 is out of range for rank 4}}
  %0 = mnc.reduce_mean %x {axes = array<i64: 4>, keepdims = true} : (tensor<1x8x4x4xf32>) -> tensor<1x8x4x4xf32>
  return %0 : tensor<1x8x4x4xf32>
}

// -----

func.func @softmax_axis(%x: tensor<1x10xf32>) -> tensor<1x10xf32> {
  // expected-error @+1 {{axis 2 is out of range for rank 2}}
  %0 = mnc.softmax %x {axis = 2 : i64} : tensor<1x10xf32>
  return %0 : tensor<1x10xf32>
}

// -----

func.func @reshape_elements(%x: tensor<1x16x1x1xf32>) -> tensor<1x15xf32> {
  // expected-error @+1 {{input has 16 elements, result has 15}}
  %0 = mnc.reshape %x : (tensor<1x16x1x1xf32>) -> tensor<1x15xf32>
  return %0 : tensor<1x15xf32>
}

// -----

func.func @transpose_perm(%x: tensor<1x2x3xf32>) -> tensor<1x2x3xf32> {
  // expected-error @+1 {{perm [0, 1, 1] is not a permutation}}
  %0 = mnc.transpose %x {perm = array<i64: 0, 1, 1>} : (tensor<1x2x3xf32>) -> tensor<1x2x3xf32>
  return %0 : tensor<1x2x3xf32>
}

// -----

func.func @transpose_size(%x: tensor<1x2x3xf32>) -> tensor<1x2x3xf32> {
  // expected-error @+1 {{perm [0, 1] must have 3 entries}}
  %0 = mnc.transpose %x {perm = array<i64: 0, 1>} : (tensor<1x2x3xf32>) -> tensor<1x2x3xf32>
  return %0 : tensor<1x2x3xf32>
}

// -----

func.func @concat_mismatch(%x: tensor<1x4x6x6xf32>, %y: tensor<1x2x5x6xf32>) -> tensor<1x6x6x6xf32> {
  // expected-error @+1 {{input shapes [1, 4, 6, 6] and [1, 2, 5, 6] differ outside axis 1}}
  %0 = mnc.concat %x, %y {axis = 1 : i64} : (tensor<1x4x6x6xf32>, tensor<1x2x5x6xf32>) -> tensor<1x6x6x6xf32>
  return %0 : tensor<1x6x6x6xf32>
}

// -----

func.func @concat_rank(%x: tensor<1x4x6x6xf32>, %y: tensor<4x6x6xf32>) -> tensor<1x8x6x6xf32> {
  // expected-error @+1 {{inputs must have the same rank}}
  %0 = mnc.concat %x, %y {axis = 1 : i64} : (tensor<1x4x6x6xf32>, tensor<4x6x6xf32>) -> tensor<1x8x6x6xf32>
  return %0 : tensor<1x8x6x6xf32>
}

// -----

func.func @concat_axis(%x: tensor<1x4xf32>) -> tensor<1x4xf32> {
  // expected-error @+1 {{axis 2 is out of range for rank 2}}
  %0 = mnc.concat %x {axis = 2 : i64} : (tensor<1x4xf32>) -> tensor<1x4xf32>
  return %0 : tensor<1x4xf32>
}

// -----

func.func @concat_empty() -> tensor<1x4xf32> {
  // expected-error @+1 {{needs at least one input}}
  %0 = mnc.concat {axis = 0 : i64} : () -> tensor<1x4xf32>
  return %0 : tensor<1x4xf32>
}

// -----

func.func @pad_count(%x: tensor<1x4xf32>) -> tensor<1x6xf32> {
  // expected-error @+1 {{pads must have 4 values, got 2}}
  %0 = mnc.pad %x {pads = array<i64: 1, 1>, value = 0.0 : f32} : (tensor<1x4xf32>) -> tensor<1x6xf32>
  return %0 : tensor<1x6xf32>
}

// -----

func.func @resize_channels(%x: tensor<1x4x6x6xf32>) -> tensor<1x8x12x12xf32> {
  // expected-error @+1 {{resizes only H and W}}
  %0 = mnc.resize %x {mode = #mnc.resize_mode<nearest>, coordinate_transform = #mnc.coordinate_transform<asymmetric>, nearest_rounding = #mnc.nearest_rounding<floor>, scale_h = 2.0 : f32, scale_w = 2.0 : f32} : (tensor<1x4x6x6xf32>) -> tensor<1x8x12x12xf32>
  return %0 : tensor<1x8x12x12xf32>
}

// -----

func.func @resize_rank(%x: tensor<4x6x6xf32>) -> tensor<4x12x12xf32> {
  // expected-error @+1 {{input and result must be rank 4 (NCHW)}}
  %0 = mnc.resize %x {mode = #mnc.resize_mode<nearest>, coordinate_transform = #mnc.coordinate_transform<asymmetric>, nearest_rounding = #mnc.nearest_rounding<floor>, scale_h = 2.0 : f32, scale_w = 2.0 : f32} : (tensor<4x6x6xf32>) -> tensor<4x12x12xf32>
  return %0 : tensor<4x12x12xf32>
}

// -----

func.func @resize_scale(%x: tensor<1x4x6x6xf32>) -> tensor<1x4x12x12xf32> {
  // expected-error @+1 {{scales must be positive}}
  %0 = mnc.resize %x {mode = #mnc.resize_mode<nearest>, coordinate_transform = #mnc.coordinate_transform<asymmetric>, nearest_rounding = #mnc.nearest_rounding<floor>, scale_h = 0.0 : f32, scale_w = 2.0 : f32} : (tensor<1x4x6x6xf32>) -> tensor<1x4x12x12xf32>
  return %0 : tensor<1x4x12x12xf32>
}

// -----

func.func @activation_missing_parameters() attributes {act = #mnc.activation<hardsigmoid>} {
  // expected-error @-1 {{activation 'hardsigmoid' needs its two parameters}}
  return
}

// -----

func.func @conv_transpose_shape(%x: tensor<1x4x5x5xf32>, %w: tensor<4x3x3x3xf32>) -> tensor<1x6x9x9xf32> {
  // expected-error @+1 {{'mnc.conv_transpose' op result shape [1, 6, 9, 9] does not match the expected [1, 6, 11, 11]}}
  %0 = mnc.conv_transpose %x, %w {dilations = array<i64: 1, 1>, groups = 2 : i64, output_padding = array<i64: 0, 0>, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 2, 2>} : (tensor<1x4x5x5xf32>, tensor<4x3x3x3xf32>) -> tensor<1x6x9x9xf32>
  return %0 : tensor<1x6x9x9xf32>
}

// -----

func.func @conv_transpose_channels(%x: tensor<1x4x5x5xf32>, %w: tensor<3x3x3x3xf32>) -> tensor<1x3x11x11xf32> {
  // expected-error @+1 {{'mnc.conv_transpose' op filter has 3 input channels, input has 4}}
  %0 = mnc.conv_transpose %x, %w {dilations = array<i64: 1, 1>, groups = 1 : i64, output_padding = array<i64: 0, 0>, pads = array<i64: 0, 0, 0, 0>, strides = array<i64: 2, 2>} : (tensor<1x4x5x5xf32>, tensor<3x3x3x3xf32>) -> tensor<1x3x11x11xf32>
  return %0 : tensor<1x3x11x11xf32>
}

// -----

func.func @batch_matmul_batches(%a: tensor<2x3x4xf32>, %b: tensor<3x4x5xf32>) -> tensor<2x3x5xf32> {
  // expected-error @+1 {{'mnc.batch_matmul' op batch dimensions differ}}
  %0 = mnc.batch_matmul %a, %b : (tensor<2x3x4xf32>, tensor<3x4x5xf32>) -> tensor<2x3x5xf32>
  return %0 : tensor<2x3x5xf32>
}

// -----

func.func @resize_addend(%x: tensor<1x4x6x6xf32>, %r: tensor<1x4x6x6xf32>) -> tensor<1x4x12x12xf32> {
  // expected-error @+1 {{addend type 'tensor<1x4x6x6xf32>' must match the result type 'tensor<1x4x12x12xf32>'}}
  %0 = mnc.resize %x addend(%r) {mode = #mnc.resize_mode<nearest>, coordinate_transform = #mnc.coordinate_transform<asymmetric>, nearest_rounding = #mnc.nearest_rounding<floor>, scale_h = 2.0 : f32, scale_w = 2.0 : f32} : (tensor<1x4x6x6xf32>, tensor<1x4x6x6xf32>) -> tensor<1x4x12x12xf32>
  return %0 : tensor<1x4x12x12xf32>
}

// -----

func.func @max_pool_hardswish(%x: tensor<1x2x4x4xf32>) -> tensor<1x2x3x3xf32> {
  // expected-error @+1 {{fuses only relu or clip, which commute with the maximum, got #mnc.activation<hardswish, 0.166666672, 5.000000e-01>}}
  %0 = mnc.max_pool %x {activation = #mnc.activation<hardswish, 0.166666672, 0.5>, kernel = array<i64: 2, 2>, strides = array<i64: 1, 1>, pads = array<i64: 0, 0, 0, 0>, dilations = array<i64: 1, 1>, ceil_mode = false} : (tensor<1x2x4x4xf32>) -> tensor<1x2x3x3xf32>
  return %0 : tensor<1x2x3x3xf32>
}

// -----

func.func @normalize_input_shape(%x: tensor<1x5x7x3xi8>) -> tensor<1x3x7x5xf32> {
  // expected-error @+1 {{result shape [1, 3, 7, 5] does not match the expected [1, 3, 5, 7]}}
  %0 = mnc.normalize_input %x {channels_last, mean = array<f32: 0.0, 0.0, 0.0>, std = array<f32: 1.0, 1.0, 1.0>} : (tensor<1x5x7x3xi8>) -> tensor<1x3x7x5xf32>
  return %0 : tensor<1x3x7x5xf32>
}

// -----

func.func @normalize_input_channels(%x: tensor<1x5x7x3xi8>) -> tensor<1x3x5x7xf32> {
  // expected-error @+1 {{expects one mean per channel (3), got 1}}
  %0 = mnc.normalize_input %x {channels_last, mean = array<f32: 0.0>, std = array<f32: 1.0, 1.0, 1.0>} : (tensor<1x5x7x3xi8>) -> tensor<1x3x5x7xf32>
  return %0 : tensor<1x3x5x7xf32>
}

// -----

func.func @normalize_input_std(%x: tensor<1x3x5x7xf32>) -> tensor<1x3x5x7xf32> {
  // expected-error @+1 {{expects positive finite stds, got 0}}
  %0 = mnc.normalize_input %x {mean = array<f32: 0.0, 0.0, 0.0>, std = array<f32: 1.0, 0.0, 1.0>} : (tensor<1x3x5x7xf32>) -> tensor<1x3x5x7xf32>
  return %0 : tensor<1x3x5x7xf32>
}

// -----

func.func @normalize_input_rank(%x: tensor<5x7x3xi8>) -> tensor<1x3x5x7xf32> {
  // expected-error @+1 {{expects a 4-D input, got rank 3}}
  %0 = mnc.normalize_input %x {channels_last, mean = array<f32: 0.0, 0.0, 0.0>, std = array<f32: 1.0, 1.0, 1.0>} : (tensor<5x7x3xi8>) -> tensor<1x3x5x7xf32>
  return %0 : tensor<1x3x5x7xf32>
}

// -----

func.func @normalize_input_element_type(%x: tensor<1x5x7x3xi16>) -> tensor<1x3x5x7xf32> {
  // expected-error @+1 {{operand #0 must be statically shaped tensor of 8-bit signless integer or 32-bit float values}}
  %0 = mnc.normalize_input %x {channels_last, mean = array<f32: 0.0, 0.0, 0.0>, std = array<f32: 1.0, 1.0, 1.0>} : (tensor<1x5x7x3xi16>) -> tensor<1x3x5x7xf32>
  return %0 : tensor<1x3x5x7xf32>
}
