// Calls a function that is neither libc's nor libm's: code generation
// succeeds, and the symbol check after it must reject the object.
#id = affine_map<(d0, d1) -> (d0, d1)>
func.func private @not_in_libm(f32) -> f32
func.func @main(%arg0: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %e = tensor.empty() : tensor<2x3xf32>
  %r = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]}
      ins(%arg0 : tensor<2x3xf32>) outs(%e : tensor<2x3xf32>) {
  ^bb0(%in: f32, %out: f32):
    %m = func.call @not_in_libm(%in) : (f32) -> f32
    linalg.yield %m : f32
  } -> tensor<2x3xf32>
  return %r : tensor<2x3xf32>
}
