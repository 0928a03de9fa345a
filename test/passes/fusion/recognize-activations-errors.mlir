// A negative tolerance is rejected, at the module.
// RUN: mnc-opt %s -recognize-activations=tolerance=-1 -verify-diagnostics

// expected-error @+1 {{recognize-activations: tolerance must be >= 0, got -1.000000e+00}}
module {
  func.func @f(%x: tensor<2xf32>) -> tensor<2xf32> {
    return %x : tensor<2xf32>
  }
}
