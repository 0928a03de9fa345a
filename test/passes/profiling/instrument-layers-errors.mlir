// instrument-layers refuses what it cannot instrument: each case names why.
// RUN: mnc-opt %s -split-input-file -instrument-layers -verify-diagnostics

// An entry without mnc operations has no layers: the module is already
// lowered, or never had any.
// expected-error @below {{instrument-layers: the entry function has no mnc operation to instrument (run the pass before convert-mnc-to-linalg)}}
func.func @lowered(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = arith.addf %x, %x : tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// expected-error @below {{instrument-layers: expected one public function with a body, found 2; name the entry with entry-function=NAME}}
module {
  func.func @first(%x: tensor<4xf32>) -> tensor<4xf32> {
    %0 = mnc.relu %x : tensor<4xf32>
    return %0 : tensor<4xf32>
  }
  func.func @second(%x: tensor<4xf32>) -> tensor<4xf32> {
    return %x : tensor<4xf32>
  }
}

// -----

// The marks need one straight-line body: a second block is refused.
// expected-error @below {{instrument-layers: expected a single block ending in func.return}}
func.func @branchy(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = mnc.relu %x : tensor<4xf32>
  return %0 : tensor<4xf32>
^unreachable:
  return %x : tensor<4xf32>
}

// -----

// The hook's name is taken by something that is not a (i32) -> () declaration.
// expected-error @below {{instrument-layers: the hook 'mnc_profile_mark' must be a declaration of type '(i32) -> ()'}}
func.func private @mnc_profile_mark(%layer: i64) {
  return
}
func.func @main(%x: tensor<4xf32>) -> tensor<4xf32> {
  %0 = mnc.relu %x : tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// Instrumenting twice would number the layers twice.
// expected-error @below {{instrument-layers: the module is already instrumented (it has 'mnc.layers')}}
module attributes {mnc.layers = []} {
  func.func @main(%x: tensor<4xf32>) -> tensor<4xf32> {
    %0 = mnc.relu %x : tensor<4xf32>
    return %0 : tensor<4xf32>
  }
}
