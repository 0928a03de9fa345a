// An error a pass finds after the import is one line naming the file and the
// ONNX node (index, name, op type) that the importer's location carries,
// without MLIR's dump of the operation, which --mlir-print-op-on-diagnostic
// still adds as a note when asked for. (The operation, as an imported ONNX
// Conv would carry it, is one the lowering refuses: a convolution whose
// filter is computed at run time.)
// RUN: not mnc-compile %s -o %t.out/libm.a 2>&1 | FileCheck %s
// RUN: not mnc-compile %s -o %t.out/libm.a 2>&1 | count 1
// RUN: not mnc-compile %s -o %t.out/libm.a --mlir-print-op-on-diagnostic 2>&1 | FileCheck %s --check-prefix=DUMP
// Nothing was written.
// RUN: not ls %t.out/libm.a

// CHECK: model.onnx: error: node 1 'conv' (Conv): cannot lower 'mnc.conv2d': its filter is computed at run time; only constant filters are supported
// DUMP:      model.onnx: error: node 1 'conv' (Conv): cannot lower 'mnc.conv2d'
// DUMP-NEXT: model.onnx: note: node 1 'conv' (Conv): see current operation: {{.*}}"mnc.conv2d"

func.func @main(%x: tensor<1x4x3x3xf32>, %w: tensor<4x4x3x3xf32>) -> tensor<1x4x3x3xf32> {
  %0 = mnc.conv2d %x, %w {dilations = array<i64: 1, 1>, groups = 1 : i64, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 1, 1>} : (tensor<1x4x3x3xf32>, tensor<4x4x3x3xf32>) -> tensor<1x4x3x3xf32> loc(#conv)
  return %0 : tensor<1x4x3x3xf32>
}
#conv = loc(fused<"node 1 'conv' (Conv)">["conv"("model.onnx":0:0)])
