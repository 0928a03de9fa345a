// buildLinalgToLLVMPipeline (mnc-opt --mnc-linalg-to-llvm): linalg on
// tensors becomes LLVM dialect only; the entry takes bare pointers (input,
// output, workspace); weights are read-only globals; the padded copy becomes
// loops (no call into MLIR's runtime); no heap allocation is left; math.tanh
// calls libm; the buffers and the workspace's views are marked disjoint.
// RUN: mnc-opt %s --mnc-linalg-to-llvm | FileCheck %s
// RUN: mnc-opt %s --mnc-linalg-to-llvm | not grep -E "malloc|free|memrefCopy|func\.func|unrealized_conversion_cast|memref\.|linalg\."
// The stages, as --mlir-print-ir-after-all shows them:
// RUN: mnc-opt %s --mnc-linalg-to-llvm --mlir-print-ir-after=plan-workspace 2>&1 >/dev/null | FileCheck %s --check-prefix=PLANNED

// CHECK:     module attributes {mnc.workspace_plan = {{.*}}, mnc.workspace_size = 640 : i64}
// CHECK-DAG: llvm.func @tanhf(f32) -> f32
// CHECK-DAG: llvm.mlir.global private constant @{{.*}}(dense<{{.*}}> : tensor<1x1x3x8xf32>) {{{.*}}alignment = 64 : i64{{.*}}} : !llvm.array<1 x array<1 x array<3 x array<8 x f32>>>>
// The buffers NAME_run checks are noalias, the workspace aligned; the two
// views of the workspace (the transposed and the padded input) are disjoint.
// CHECK:     llvm.func @main(%{{[^:]*}}: !llvm.ptr {llvm.noalias}, %{{[^:]*}}: !llvm.ptr {llvm.noalias}, %{{[^:]*}}: !llvm.ptr {llvm.align = 64 : i64, llvm.noalias}, %{{[^:]*}}: !llvm.ptr)
// CHECK:       llvm.store {{.*}} {alias_scopes = [#[[VIEW0:alias_scope[0-9]*]]], noalias_scopes = [#[[VIEW1:alias_scope[0-9]*]]]} : f32, !llvm.ptr
// CHECK:       llvm.store {{.*}} {alias_scopes = [#[[VIEW1]]], noalias_scopes = [#[[VIEW0]]]} : f32, !llvm.ptr
// CHECK:       llvm.call @tanhf

// The output is written in place (the result became an out-parameter), the
// input is read only, and each intermediate buffer is a view into the
// workspace.
// PLANNED:     func.func @main(%[[IN:.*]]: memref<1x3x4x4xf32>, %[[OUT:.*]]: memref<1x6x6x8xf32>, %[[WS:.*]]: memref<640xi8>)
// PLANNED-NOT: memref.alloc
// PLANNED:     memref.view %[[WS]]
// PLANNED:     linalg.transpose ins(%[[IN]] : memref<1x3x4x4xf32>)
// PLANNED:     linalg.copy
// PLANNED:     linalg.conv_2d_nhwc_hwcf
// PLANNED:     outs(%[[OUT]] : memref<1x6x6x8xf32>)
// PLANNED-NOT: memref.alloc
#id = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
func.func @main(%arg0: tensor<1x3x4x4xf32>) -> tensor<1x6x6x8xf32> {
  %zero = arith.constant 0.0 : f32
  %w = arith.constant dense<[[[[0.5, -0.5, 0.25, 1.0, 2.0, -1.0, 0.0, 0.75],
                               [1.5, 0.5, -0.25, 0.0, 1.0, 1.0, 0.5, -0.75],
                               [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8]]]]> : tensor<1x1x3x8xf32>
  %e0 = tensor.empty() : tensor<1x4x4x3xf32>
  %t = linalg.transpose ins(%arg0 : tensor<1x3x4x4xf32>) outs(%e0 : tensor<1x4x4x3xf32>) permutation = [0, 2, 3, 1]
  %p = tensor.pad %t low[0, 1, 1, 0] high[0, 1, 1, 0] {
  ^bb0(%a: index, %b: index, %c: index, %d: index):
    tensor.yield %zero : f32
  } : tensor<1x4x4x3xf32> to tensor<1x6x6x3xf32>
  %e1 = tensor.empty() : tensor<1x6x6x8xf32>
  %f1 = linalg.fill ins(%zero : f32) outs(%e1 : tensor<1x6x6x8xf32>) -> tensor<1x6x6x8xf32>
  %c = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
      ins(%p, %w : tensor<1x6x6x3xf32>, tensor<1x1x3x8xf32>) outs(%f1 : tensor<1x6x6x8xf32>) -> tensor<1x6x6x8xf32>
  %r = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%c : tensor<1x6x6x8xf32>) outs(%e1 : tensor<1x6x6x8xf32>) {
  ^bb0(%in: f32, %out: f32):
    %y = math.tanh %in : f32
    linalg.yield %y : f32
  } -> tensor<1x6x6x8xf32>
  return %r : tensor<1x6x6x8xf32>
}
