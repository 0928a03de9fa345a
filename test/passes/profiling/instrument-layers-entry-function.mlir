// instrument-layers=entry-function=NAME instruments that function, also in a
// module with other public functions, and refuses a name that is not a
// function with a body.
// RUN: mnc-opt %s -split-input-file -instrument-layers=entry-function=main -verify-diagnostics | FileCheck %s

// CHECK:       module attributes {mnc.layers = [
// CHECK-SAME:    {bytes = 32 : i64, kind = "relu", macs = 0 : i64, node = "", op = "relu", shape = "4"}]}
// CHECK-LABEL: func.func @helper
// CHECK-NOT:     call
// CHECK:         mnc.sigmoid
// CHECK-NOT:     call
// CHECK-LABEL: func.func @main
// CHECK:         call @mnc_profile_mark
// CHECK-NEXT:    mnc.relu
// CHECK:         call @mnc_profile_mark
// CHECK-NEXT:    return
module {
  func.func @helper(%x: tensor<4xf32>) -> tensor<4xf32> {
    %0 = mnc.sigmoid %x : tensor<4xf32>
    return %0 : tensor<4xf32>
  }
  func.func @main(%x: tensor<4xf32>) -> tensor<4xf32> {
    %0 = mnc.relu %x : tensor<4xf32>
    return %0 : tensor<4xf32>
  }
}

// -----

// expected-error @below {{instrument-layers: no function 'main' with a body in the module}}
module {
  func.func private @main(tensor<4xf32>) -> tensor<4xf32>
  func.func @other(%x: tensor<4xf32>) -> tensor<4xf32> {
    %0 = mnc.relu %x : tensor<4xf32>
    return %0 : tensor<4xf32>
  }
}
