// RUN: mnc-opt %s -split-input-file -recognize-activations | FileCheck %s
// RUN: mnc-opt %s -split-input-file -recognize-activations=tolerance=0.01 | FileCheck %s --check-prefix=TOL

//===----------------------------------------------------------------------===//
// Hard-sigmoid
//===----------------------------------------------------------------------===//

// torch's h_sigmoid: relu6(x + 3) / 6, with a scalar 3 and a [1] divisor.
// CHECK-LABEL: func.func @relu6_div
// CHECK-NEXT:    %[[Y:.*]] = mnc.hardsigmoid %arg0 {alpha = 0.166666672 : f32, beta = 5.000000e-01 : f32} : tensor<1x2x3x3xf32>
// CHECK-NEXT:    return %[[Y]]
func.func @relu6_div(%x: tensor<1x2x3x3xf32>) -> tensor<1x2x3x3xf32> {
  %c3 = arith.constant dense<3.0> : tensor<f32>
  %c6 = arith.constant dense<6.0> : tensor<1xf32>
  %0 = mnc.add %x, %c3 : (tensor<1x2x3x3xf32>, tensor<f32>) -> tensor<1x2x3x3xf32>
  %1 = mnc.clip %0 {min = 0.0 : f32, max = 6.0 : f32} : tensor<1x2x3x3xf32>
  %2 = mnc.div %1, %c6 : (tensor<1x2x3x3xf32>, tensor<1xf32>) -> tensor<1x2x3x3xf32>
  return %2 : tensor<1x2x3x3xf32>
}

// -----

// Multiplied by 0.1666667 instead, constants on the left: the parameters are
// the ones that constant gives (0.1666667 and 3 * 0.1666667), not 1/6 and 0.5.
// CHECK-LABEL: func.func @relu6_mul
// CHECK-NEXT:    %[[Y:.*]] = mnc.hardsigmoid %arg0 {alpha = 0.166666701 : f32, beta = 0.500000119 : f32} : tensor<1x2x3x3xf32>
// CHECK-NEXT:    return %[[Y]]
func.func @relu6_mul(%x: tensor<1x2x3x3xf32>) -> tensor<1x2x3x3xf32> {
  %c3 = arith.constant dense<3.0> : tensor<f32>
  %k = arith.constant dense<0.1666667> : tensor<1x1x1x1xf32>
  %0 = mnc.add %c3, %x : (tensor<f32>, tensor<1x2x3x3xf32>) -> tensor<1x2x3x3xf32>
  %1 = mnc.clip %0 {min = 0.0 : f32, max = 6.0 : f32} : tensor<1x2x3x3xf32>
  %2 = mnc.mul %k, %1 : (tensor<1x1x1x1xf32>, tensor<1x2x3x3xf32>) -> tensor<1x2x3x3xf32>
  return %2 : tensor<1x2x3x3xf32>
}

// -----

// The constant on the right of the multiplication; a per-channel constant
// whose elements are all equal counts as a scalar.
// CHECK-LABEL: func.func @relu6_mul_rhs_all_equal
// CHECK-NEXT:    %[[Y:.*]] = mnc.hardsigmoid %arg0 {alpha = 0.166666701 : f32, beta = 0.500000119 : f32} : tensor<1x2x3x3xf32>
// CHECK-NEXT:    return %[[Y]]
func.func @relu6_mul_rhs_all_equal(%x: tensor<1x2x3x3xf32>) -> tensor<1x2x3x3xf32> {
  %c3 = arith.constant dense<[[[3.0]], [[3.0]]]> : tensor<2x1x1xf32>
  %k = arith.constant dense<0.1666667> : tensor<f32>
  %0 = mnc.add %x, %c3 : (tensor<1x2x3x3xf32>, tensor<2x1x1xf32>) -> tensor<1x2x3x3xf32>
  %1 = mnc.clip %0 {min = 0.0 : f32, max = 6.0 : f32} : tensor<1x2x3x3xf32>
  %2 = mnc.mul %1, %k : (tensor<1x2x3x3xf32>, tensor<f32>) -> tensor<1x2x3x3xf32>
  return %2 : tensor<1x2x3x3xf32>
}

// -----

// The general form clip(x + b, 0, m) / m: alpha = 1/m, beta = b/m; and
// x - b is x + (-b).
// CHECK-LABEL: func.func @general_bound
// CHECK-NEXT:    %[[A:.*]] = mnc.hardsigmoid %arg0 {alpha = 2.500000e-01 : f32, beta = 5.000000e-01 : f32} : tensor<2x8xf32>
// CHECK-NEXT:    %[[B:.*]] = mnc.hardsigmoid %arg0 {alpha = 0.166666672 : f32, beta = 5.000000e-01 : f32} : tensor<2x8xf32>
// CHECK-NEXT:    return %[[A]], %[[B]]
func.func @general_bound(%x: tensor<2x8xf32>) -> (tensor<2x8xf32>, tensor<2x8xf32>) {
  %c2 = arith.constant dense<2.0> : tensor<f32>
  %c4 = arith.constant dense<4.0> : tensor<f32>
  %cm3 = arith.constant dense<-3.0> : tensor<8xf32>
  %c6 = arith.constant dense<6.0> : tensor<f32>
  %0 = mnc.add %x, %c2 : (tensor<2x8xf32>, tensor<f32>) -> tensor<2x8xf32>
  %1 = mnc.clip %0 {min = 0.0 : f32, max = 4.0 : f32} : tensor<2x8xf32>
  %2 = mnc.div %1, %c4 : (tensor<2x8xf32>, tensor<f32>) -> tensor<2x8xf32>
  %3 = mnc.sub %x, %cm3 : (tensor<2x8xf32>, tensor<8xf32>) -> tensor<2x8xf32>
  %4 = mnc.clip %3 {min = 0.0 : f32, max = 6.0 : f32} : tensor<2x8xf32>
  %5 = mnc.div %4, %c6 : (tensor<2x8xf32>, tensor<f32>) -> tensor<2x8xf32>
  return %2, %5 : tensor<2x8xf32>, tensor<2x8xf32>
}

// -----

// PaddlePaddle's hard_sigmoid: clip(0.2 x + 0.5, 0, 1), the multiplication
// on either side; and a scaled mul-then-add form clip(2 x + 1, 0, 5) / 5.
// CHECK-LABEL: func.func @affine_forms
// CHECK-NEXT:    %[[A:.*]] = mnc.hardsigmoid %arg0 {alpha = 2.000000e-01 : f32, beta = 5.000000e-01 : f32} : tensor<1x4xf32>
// CHECK-NEXT:    %[[B:.*]] = mnc.hardsigmoid %arg0 {alpha = 2.000000e-01 : f32, beta = 5.000000e-01 : f32} : tensor<1x4xf32>
// CHECK-NEXT:    %[[C:.*]] = mnc.hardsigmoid %arg0 {alpha = 4.000000e-01 : f32, beta = 2.000000e-01 : f32} : tensor<1x4xf32>
// CHECK-NEXT:    return %[[A]], %[[B]], %[[C]]
func.func @affine_forms(%x: tensor<1x4xf32>) -> (tensor<1x4xf32>, tensor<1x4xf32>, tensor<1x4xf32>) {
  %slope = arith.constant dense<0.2> : tensor<1xf32>
  %offset = arith.constant dense<0.5> : tensor<f32>
  %two = arith.constant dense<2.0> : tensor<f32>
  %one = arith.constant dense<1.0> : tensor<f32>
  %five = arith.constant dense<5.0> : tensor<f32>
  %0 = mnc.mul %x, %slope : (tensor<1x4xf32>, tensor<1xf32>) -> tensor<1x4xf32>
  %1 = mnc.add %0, %offset : (tensor<1x4xf32>, tensor<f32>) -> tensor<1x4xf32>
  %2 = mnc.clip %1 {min = 0.0 : f32, max = 1.0 : f32} : tensor<1x4xf32>
  %3 = mnc.mul %slope, %x : (tensor<1xf32>, tensor<1x4xf32>) -> tensor<1x4xf32>
  %4 = mnc.add %offset, %3 : (tensor<f32>, tensor<1x4xf32>) -> tensor<1x4xf32>
  %5 = mnc.clip %4 {min = 0.0 : f32, max = 1.0 : f32} : tensor<1x4xf32>
  %6 = mnc.mul %x, %two : (tensor<1x4xf32>, tensor<f32>) -> tensor<1x4xf32>
  %7 = mnc.add %6, %one : (tensor<1x4xf32>, tensor<f32>) -> tensor<1x4xf32>
  %8 = mnc.clip %7 {min = 0.0 : f32, max = 5.0 : f32} : tensor<1x4xf32>
  %9 = mnc.div %8, %five : (tensor<1x4xf32>, tensor<f32>) -> tensor<1x4xf32>
  return %2, %5, %9 : tensor<1x4xf32>, tensor<1x4xf32>, tensor<1x4xf32>
}

// -----

// A clip with other users stays for them.
// CHECK-LABEL: func.func @clip_other_user
// CHECK:         %[[ADD:.*]] = mnc.add %arg0
// CHECK-NEXT:    %[[CLIP:.*]] = mnc.clip %[[ADD]]
// CHECK-NEXT:    %[[Y:.*]] = mnc.hardsigmoid %arg0 {alpha = 0.166666672 : f32, beta = 5.000000e-01 : f32}
// CHECK-NEXT:    return %[[Y]], %[[CLIP]]
func.func @clip_other_user(%x: tensor<1x2x3x3xf32>) -> (tensor<1x2x3x3xf32>, tensor<1x2x3x3xf32>) {
  %c3 = arith.constant dense<3.0> : tensor<f32>
  %c6 = arith.constant dense<6.0> : tensor<f32>
  %0 = mnc.add %x, %c3 : (tensor<1x2x3x3xf32>, tensor<f32>) -> tensor<1x2x3x3xf32>
  %1 = mnc.clip %0 {min = 0.0 : f32, max = 6.0 : f32} : tensor<1x2x3x3xf32>
  %2 = mnc.div %1, %c6 : (tensor<1x2x3x3xf32>, tensor<f32>) -> tensor<1x2x3x3xf32>
  return %2, %1 : tensor<1x2x3x3xf32>, tensor<1x2x3x3xf32>
}

// -----

// Without a product to preserve, the deepest affine reading is absorbed:
// clip(2 y + 3, 0, 6) / 6 is hardsigmoid(y) with alpha 1/3, beta 0.5.
// CHECK-LABEL: func.func @deepest_reading
// CHECK-NEXT:    %[[Y:.*]] = mnc.hardsigmoid %arg0 {alpha = 0.333333343 : f32, beta = 5.000000e-01 : f32}
// CHECK-NEXT:    return %[[Y]]
func.func @deepest_reading(%y: tensor<1x2x3x3xf32>) -> tensor<1x2x3x3xf32> {
  %c2 = arith.constant dense<2.0> : tensor<f32>
  %c3 = arith.constant dense<3.0> : tensor<f32>
  %c6 = arith.constant dense<6.0> : tensor<f32>
  %x = mnc.mul %y, %c2 : (tensor<1x2x3x3xf32>, tensor<f32>) -> tensor<1x2x3x3xf32>
  %0 = mnc.add %x, %c3 : (tensor<1x2x3x3xf32>, tensor<f32>) -> tensor<1x2x3x3xf32>
  %1 = mnc.clip %0 {min = 0.0 : f32, max = 6.0 : f32} : tensor<1x2x3x3xf32>
  %2 = mnc.div %1, %c6 : (tensor<1x2x3x3xf32>, tensor<f32>) -> tensor<1x2x3x3xf32>
  return %2 : tensor<1x2x3x3xf32>
}

// -----

// Near misses stay as they are: clip max 5 with / 6; / 6.5; clip min -1;
// x * 0.17; clip(x, 0, 1) without an affine part; clip(0.2 x + 0.5, 0, 1.5)
// without a scaling; a divided constant (6 / clip); an added constant that is
// not uniform. With tolerance=0.01, the last one (/ 6.05) matches.
// CHECK-LABEL: func.func @near_misses
// CHECK-NOT:     mnc.hardsigmoid
// CHECK-NOT:     mnc.hardswish
// CHECK-COUNT-7: mnc.clip
// CHECK-NOT:     mnc.hardsigmoid
// CHECK-NOT:     mnc.hardswish
// CHECK:         return
// TOL-LABEL:   func.func @near_misses
// TOL-COUNT-6:   mnc.clip
// TOL-NOT:       mnc.clip
// TOL:           mnc.hardsigmoid %arg0 {alpha = 0.165289253 : f32, beta = 0.495867759 : f32}
// TOL-NOT:       mnc.clip
// TOL:           return
func.func @near_misses(%x: tensor<1x2x3x3xf32>) -> (tensor<1x2x3x3xf32>, tensor<1x2x3x3xf32>, tensor<1x2x3x3xf32>, tensor<1x2x3x3xf32>, tensor<1x2x3x3xf32>, tensor<1x2x3x3xf32>, tensor<1x2x3x3xf32>, tensor<1x2x3x3xf32>, tensor<1x2x3x3xf32>) {
  %c3 = arith.constant dense<3.0> : tensor<f32>
  %c6 = arith.constant dense<6.0> : tensor<f32>
  %c605 = arith.constant dense<6.05> : tensor<f32>
  %c65 = arith.constant dense<6.5> : tensor<f32>
  %k = arith.constant dense<0.17> : tensor<f32>
  %slope = arith.constant dense<0.2> : tensor<f32>
  %offset = arith.constant dense<0.5> : tensor<f32>
  %mixed = arith.constant dense<[[[3.0]], [[2.0]]]> : tensor<2x1x1xf32>
  %0 = mnc.add %x, %c3 : (tensor<1x2x3x3xf32>, tensor<f32>) -> tensor<1x2x3x3xf32>
  %1 = mnc.clip %0 {min = 0.0 : f32, max = 5.0 : f32} : tensor<1x2x3x3xf32>
  %2 = mnc.div %1, %c6 : (tensor<1x2x3x3xf32>, tensor<f32>) -> tensor<1x2x3x3xf32>
  %3 = mnc.clip %0 {min = 0.0 : f32, max = 6.0 : f32} : tensor<1x2x3x3xf32>
  %4 = mnc.div %3, %c65 : (tensor<1x2x3x3xf32>, tensor<f32>) -> tensor<1x2x3x3xf32>
  %5 = mnc.clip %0 {min = -1.0 : f32, max = 6.0 : f32} : tensor<1x2x3x3xf32>
  %6 = mnc.div %5, %c6 : (tensor<1x2x3x3xf32>, tensor<f32>) -> tensor<1x2x3x3xf32>
  %7 = mnc.mul %3, %k : (tensor<1x2x3x3xf32>, tensor<f32>) -> tensor<1x2x3x3xf32>
  %8 = mnc.clip %x {min = 0.0 : f32, max = 1.0 : f32} : tensor<1x2x3x3xf32>
  %9 = mnc.mul %x, %slope : (tensor<1x2x3x3xf32>, tensor<f32>) -> tensor<1x2x3x3xf32>
  %10 = mnc.add %9, %offset : (tensor<1x2x3x3xf32>, tensor<f32>) -> tensor<1x2x3x3xf32>
  %11 = mnc.clip %10 {min = 0.0 : f32, max = 1.5 : f32} : tensor<1x2x3x3xf32>
  %12 = mnc.div %c6, %3 : (tensor<f32>, tensor<1x2x3x3xf32>) -> tensor<1x2x3x3xf32>
  %13 = mnc.add %x, %mixed : (tensor<1x2x3x3xf32>, tensor<2x1x1xf32>) -> tensor<1x2x3x3xf32>
  %14 = mnc.clip %13 {min = 0.0 : f32, max = 6.0 : f32} : tensor<1x2x3x3xf32>
  %15 = mnc.div %14, %c6 : (tensor<1x2x3x3xf32>, tensor<f32>) -> tensor<1x2x3x3xf32>
  // Within tolerance=0.01 (but not the default), / 6.05 matches.
  %16 = mnc.clip %0 {min = 0.0 : f32, max = 6.0 : f32} : tensor<1x2x3x3xf32>
  %17 = mnc.div %16, %c605 : (tensor<1x2x3x3xf32>, tensor<f32>) -> tensor<1x2x3x3xf32>
  return %2, %4, %6, %7, %8, %11, %12, %15, %17 : tensor<1x2x3x3xf32>, tensor<1x2x3x3xf32>, tensor<1x2x3x3xf32>, tensor<1x2x3x3xf32>, tensor<1x2x3x3xf32>, tensor<1x2x3x3xf32>, tensor<1x2x3x3xf32>, tensor<1x2x3x3xf32>, tensor<1x2x3x3xf32>
}

// -----

// Constants that would enlarge the shape by broadcasting: the add turns a
// [1, 2, 1, 1] x into [1, 2, 3, 3]; the divisor turns [2] into [3, 2].
// CHECK-LABEL: func.func @broadcast_enlarges
// CHECK-NOT:     mnc.hardsigmoid
// CHECK:         return
func.func @broadcast_enlarges(%x: tensor<1x2x1x1xf32>, %y: tensor<2xf32>) -> (tensor<1x2x3x3xf32>, tensor<3x2xf32>) {
  %c3 = arith.constant dense<3.0> : tensor<1x2x3x3xf32>
  %c3s = arith.constant dense<3.0> : tensor<f32>
  %c6 = arith.constant dense<6.0> : tensor<f32>
  %c6b = arith.constant dense<6.0> : tensor<3x2xf32>
  %0 = mnc.add %x, %c3 : (tensor<1x2x1x1xf32>, tensor<1x2x3x3xf32>) -> tensor<1x2x3x3xf32>
  %1 = mnc.clip %0 {min = 0.0 : f32, max = 6.0 : f32} : tensor<1x2x3x3xf32>
  %2 = mnc.div %1, %c6 : (tensor<1x2x3x3xf32>, tensor<f32>) -> tensor<1x2x3x3xf32>
  %3 = mnc.add %y, %c3s : (tensor<2xf32>, tensor<f32>) -> tensor<2xf32>
  %4 = mnc.clip %3 {min = 0.0 : f32, max = 6.0 : f32} : tensor<2xf32>
  %5 = mnc.div %4, %c6b : (tensor<2xf32>, tensor<3x2xf32>) -> tensor<3x2xf32>
  return %2, %5 : tensor<1x2x3x3xf32>, tensor<3x2xf32>
}

//===----------------------------------------------------------------------===//
// Hard-swish
//===----------------------------------------------------------------------===//

// -----

// x * hardsigmoid(x) (opset < 14 exports), either order; the hardsigmoid's own
// alpha and beta carry over (the printer leaves out the defaults, ONNX
// HardSwish's 1/6 and 0.5).
// CHECK-LABEL: func.func @product_with_hardsigmoid
// CHECK-NEXT:    %[[A:.*]] = mnc.hardswish %arg0 : tensor<1x2x3x3xf32>
// CHECK-NEXT:    %[[B:.*]] = mnc.hardswish %arg0 {alpha = 2.000000e-01 : f32} : tensor<1x2x3x3xf32>
// CHECK-NEXT:    return %[[A]], %[[B]]
func.func @product_with_hardsigmoid(%x: tensor<1x2x3x3xf32>) -> (tensor<1x2x3x3xf32>, tensor<1x2x3x3xf32>) {
  %0 = mnc.hardsigmoid %x {alpha = 0.166666672 : f32, beta = 0.5 : f32} : tensor<1x2x3x3xf32>
  %1 = mnc.mul %x, %0 : (tensor<1x2x3x3xf32>, tensor<1x2x3x3xf32>) -> tensor<1x2x3x3xf32>
  %2 = mnc.hardsigmoid %x {alpha = 0.2 : f32, beta = 0.5 : f32} : tensor<1x2x3x3xf32>
  %3 = mnc.mul %2, %x : (tensor<1x2x3x3xf32>, tensor<1x2x3x3xf32>) -> tensor<1x2x3x3xf32>
  return %1, %3 : tensor<1x2x3x3xf32>, tensor<1x2x3x3xf32>
}

// -----

// A hardsigmoid with other users stays for them.
// CHECK-LABEL: func.func @gate_other_user
// CHECK-NEXT:    %[[G:.*]] = mnc.hardsigmoid %arg0 {alpha = 0.166666672 : f32, beta = 5.000000e-01 : f32}
// CHECK-NEXT:    %[[Y:.*]] = mnc.hardswish %arg0 : tensor<1x2x3x3xf32>
// CHECK-NEXT:    return %[[Y]], %[[G]]
func.func @gate_other_user(%x: tensor<1x2x3x3xf32>) -> (tensor<1x2x3x3xf32>, tensor<1x2x3x3xf32>) {
  %0 = mnc.hardsigmoid %x {alpha = 0.166666672 : f32, beta = 0.5 : f32} : tensor<1x2x3x3xf32>
  %1 = mnc.mul %x, %0 : (tensor<1x2x3x3xf32>, tensor<1x2x3x3xf32>) -> tensor<1x2x3x3xf32>
  return %1, %0 : tensor<1x2x3x3xf32>, tensor<1x2x3x3xf32>
}

// -----

// Older torch exports: x * relu6(x + 3) / 6, the product in either order,
// divided or multiplied by 1/6.
// CHECK-LABEL: func.func @relu6_product
// CHECK-NEXT:    %[[A:.*]] = mnc.hardswish %arg0 : tensor<1x2x3x3xf32>
// CHECK-NEXT:    %[[B:.*]] = mnc.hardswish %arg0 {alpha = 0.166666701 : f32, beta = 0.500000119 : f32} : tensor<1x2x3x3xf32>
// CHECK-NEXT:    return %[[A]], %[[B]]
func.func @relu6_product(%x: tensor<1x2x3x3xf32>) -> (tensor<1x2x3x3xf32>, tensor<1x2x3x3xf32>) {
  %c3 = arith.constant dense<3.0> : tensor<f32>
  %c6 = arith.constant dense<6.0> : tensor<f32>
  %k = arith.constant dense<0.1666667> : tensor<f32>
  %0 = mnc.add %x, %c3 : (tensor<1x2x3x3xf32>, tensor<f32>) -> tensor<1x2x3x3xf32>
  %1 = mnc.clip %0 {min = 0.0 : f32, max = 6.0 : f32} : tensor<1x2x3x3xf32>
  %2 = mnc.mul %x, %1 : (tensor<1x2x3x3xf32>, tensor<1x2x3x3xf32>) -> tensor<1x2x3x3xf32>
  %3 = mnc.div %2, %c6 : (tensor<1x2x3x3xf32>, tensor<f32>) -> tensor<1x2x3x3xf32>
  %4 = mnc.add %c3, %x : (tensor<f32>, tensor<1x2x3x3xf32>) -> tensor<1x2x3x3xf32>
  %5 = mnc.clip %4 {min = 0.0 : f32, max = 6.0 : f32} : tensor<1x2x3x3xf32>
  %6 = mnc.mul %5, %x : (tensor<1x2x3x3xf32>, tensor<1x2x3x3xf32>) -> tensor<1x2x3x3xf32>
  %7 = mnc.mul %k, %6 : (tensor<f32>, tensor<1x2x3x3xf32>) -> tensor<1x2x3x3xf32>
  return %3, %7 : tensor<1x2x3x3xf32>, tensor<1x2x3x3xf32>
}

// -----

// x * (relu6(x + 3) / 6): the quotient becomes a hardsigmoid of x, then the
// product a hardswish. Also when x is itself a scaled value (2 y): the
// hardsigmoid keeps x as its input, so that the product is still recognized.
// CHECK-LABEL: func.func @product_with_quotient
// CHECK-NEXT:    %[[C2:.*]] = arith.constant dense<2.000000e+00> : tensor<f32>
// CHECK-NEXT:    %[[A:.*]] = mnc.hardswish %arg0 : tensor<1x2x3x3xf32>
// CHECK-NEXT:    %[[X:.*]] = mnc.mul %arg0, %[[C2]]
// CHECK-NEXT:    %[[B:.*]] = mnc.hardswish %[[X]] : tensor<1x2x3x3xf32>
// CHECK-NEXT:    return %[[A]], %[[B]]
func.func @product_with_quotient(%x: tensor<1x2x3x3xf32>) -> (tensor<1x2x3x3xf32>, tensor<1x2x3x3xf32>) {
  %c2 = arith.constant dense<2.0> : tensor<f32>
  %c3 = arith.constant dense<3.0> : tensor<f32>
  %c6 = arith.constant dense<6.0> : tensor<f32>
  %0 = mnc.add %x, %c3 : (tensor<1x2x3x3xf32>, tensor<f32>) -> tensor<1x2x3x3xf32>
  %1 = mnc.clip %0 {min = 0.0 : f32, max = 6.0 : f32} : tensor<1x2x3x3xf32>
  %2 = mnc.div %1, %c6 : (tensor<1x2x3x3xf32>, tensor<f32>) -> tensor<1x2x3x3xf32>
  %3 = mnc.mul %x, %2 : (tensor<1x2x3x3xf32>, tensor<1x2x3x3xf32>) -> tensor<1x2x3x3xf32>
  %y = mnc.mul %x, %c2 : (tensor<1x2x3x3xf32>, tensor<f32>) -> tensor<1x2x3x3xf32>
  %4 = mnc.add %y, %c3 : (tensor<1x2x3x3xf32>, tensor<f32>) -> tensor<1x2x3x3xf32>
  %5 = mnc.clip %4 {min = 0.0 : f32, max = 6.0 : f32} : tensor<1x2x3x3xf32>
  %6 = mnc.div %5, %c6 : (tensor<1x2x3x3xf32>, tensor<f32>) -> tensor<1x2x3x3xf32>
  %7 = mnc.mul %6, %y : (tensor<1x2x3x3xf32>, tensor<1x2x3x3xf32>) -> tensor<1x2x3x3xf32>
  return %3, %7 : tensor<1x2x3x3xf32>, tensor<1x2x3x3xf32>
}

// -----

// The general form: x * clip(0.5 x + 1, 0, 2) / 2 is hardswish(0.25, 0.5).
// CHECK-LABEL: func.func @general_product
// CHECK-NEXT:    %[[Y:.*]] = mnc.hardswish %arg0 {alpha = 2.500000e-01 : f32} : tensor<4x8xf32>
// CHECK-NEXT:    return %[[Y]]
func.func @general_product(%x: tensor<4x8xf32>) -> tensor<4x8xf32> {
  %half = arith.constant dense<0.5> : tensor<f32>
  %one = arith.constant dense<1.0> : tensor<f32>
  %two = arith.constant dense<2.0> : tensor<f32>
  %0 = mnc.mul %x, %half : (tensor<4x8xf32>, tensor<f32>) -> tensor<4x8xf32>
  %1 = mnc.add %0, %one : (tensor<4x8xf32>, tensor<f32>) -> tensor<4x8xf32>
  %2 = mnc.clip %1 {min = 0.0 : f32, max = 2.0 : f32} : tensor<4x8xf32>
  %3 = mnc.mul %2, %x : (tensor<4x8xf32>, tensor<4x8xf32>) -> tensor<4x8xf32>
  %4 = mnc.div %3, %two : (tensor<4x8xf32>, tensor<f32>) -> tensor<4x8xf32>
  return %4 : tensor<4x8xf32>
}

// -----

// Hard-swish near misses: x * hardsigmoid(y) with y != x (a squeeze-excite
// gate); x * relu6(y + 3) / 6; x * relu6(x + 3) without the / 6;
// x * relu6(x + 3) / 6.5.
// CHECK-LABEL: func.func @product_near_misses
// CHECK-NOT:     mnc.hardswish
// CHECK:         %[[G:.*]] = mnc.hardsigmoid %arg1
// CHECK:         mnc.mul %arg0, %[[G]]
// CHECK-NOT:     mnc.hardswish
// CHECK:         return
func.func @product_near_misses(%x: tensor<1x2x3x3xf32>, %y: tensor<1x2x3x3xf32>) -> (tensor<1x2x3x3xf32>, tensor<1x2x3x3xf32>, tensor<1x2x3x3xf32>, tensor<1x2x3x3xf32>) {
  %c3 = arith.constant dense<3.0> : tensor<f32>
  %c6 = arith.constant dense<6.0> : tensor<f32>
  %c65 = arith.constant dense<6.5> : tensor<f32>
  %0 = mnc.hardsigmoid %y {alpha = 0.166666672 : f32, beta = 0.5 : f32} : tensor<1x2x3x3xf32>
  %1 = mnc.mul %x, %0 : (tensor<1x2x3x3xf32>, tensor<1x2x3x3xf32>) -> tensor<1x2x3x3xf32>
  %2 = mnc.add %y, %c3 : (tensor<1x2x3x3xf32>, tensor<f32>) -> tensor<1x2x3x3xf32>
  %3 = mnc.clip %2 {min = 0.0 : f32, max = 6.0 : f32} : tensor<1x2x3x3xf32>
  %4 = mnc.mul %x, %3 : (tensor<1x2x3x3xf32>, tensor<1x2x3x3xf32>) -> tensor<1x2x3x3xf32>
  %5 = mnc.div %4, %c6 : (tensor<1x2x3x3xf32>, tensor<f32>) -> tensor<1x2x3x3xf32>
  %6 = mnc.add %x, %c3 : (tensor<1x2x3x3xf32>, tensor<f32>) -> tensor<1x2x3x3xf32>
  %7 = mnc.clip %6 {min = 0.0 : f32, max = 6.0 : f32} : tensor<1x2x3x3xf32>
  %8 = mnc.mul %x, %7 : (tensor<1x2x3x3xf32>, tensor<1x2x3x3xf32>) -> tensor<1x2x3x3xf32>
  %9 = mnc.div %8, %c65 : (tensor<1x2x3x3xf32>, tensor<f32>) -> tensor<1x2x3x3xf32>
  return %1, %5, %8, %9 : tensor<1x2x3x3xf32>, tensor<1x2x3x3xf32>, tensor<1x2x3x3xf32>, tensor<1x2x3x3xf32>
}
