// split-parallel-linalg: large linalg operations on buffers in the entry's
// body become scf.for loops of tiles marked mnc.parallel, split along their
// longest parallel dimension that indexes every output.
// RUN: mnc-opt %s -split-input-file -split-parallel-linalg=min-iterations=64 | FileCheck %s
// RUN: not mnc-opt %s -split-parallel-linalg=tile-count=1 2>&1 | FileCheck %s --check-prefix=BADCOUNT
// BADCOUNT: error: split-parallel-linalg: tile-count must be at least 2 and min-iterations at least 1

// An elementwise scaling in place, in the workspace: rows split 8 ways
// (step 2 of 16).
// CHECK-LABEL: func.func @in_place
// CHECK:         %[[VIEW:.*]] = memref.view
// CHECK:         %[[C16:.*]] = arith.constant 16 : index
// CHECK-NEXT:    %[[C2:.*]] = arith.constant 2 : index
// CHECK-NEXT:    scf.for %[[I:.*]] = %{{.*}} to %[[C16]] step %[[C2]] {
// CHECK:           %[[TILE:.*]] = memref.subview %[[VIEW]][0, %[[I]], 0] [1, 2, 8] [1, 1, 1]
// CHECK:           linalg.generic {{.*}} outs(%[[TILE]] :
// CHECK:         } {mnc.parallel}
// CHECK-NOT:     linalg.generic
// CHECK:         return
#id = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
func.func @in_place(%in: memref<4xf32>, %ws: memref<512xi8>) {
  %c0 = arith.constant 0 : index
  %view = memref.view %ws[%c0][] : memref<512xi8> to memref<1x16x8xf32>
  linalg.generic {indexing_maps = [#id], iterator_types = ["parallel", "parallel", "parallel"]}
      outs(%view : memref<1x16x8xf32>) {
  ^bb0(%out: f32):
    %twice = arith.addf %out, %out : f32
    linalg.yield %twice : f32
  }
  return
}

// -----

// A reduction over rows and columns into channels, from one workspace view
// into a disjoint one: split along the channels (the only parallel
// dimension longer than one), 16 in 8 tiles of 2.
// CHECK-LABEL: func.func @channel_sums
// CHECK:         scf.for %[[C:.*]] = %{{.*}} to %{{.*}} step %{{.*}} {
// CHECK:           memref.subview %{{.*}}[0, 0, 0, %[[C]]] [1, 4, 4, 2]
// CHECK:           memref.subview %{{.*}}[0, %[[C]]] [1, 2]
// CHECK:           linalg.generic {{.*}}iterator_types = ["parallel", "reduction", "reduction", "parallel"]
// CHECK:         } {mnc.parallel}
#in4 = affine_map<(n, h, w, c) -> (n, h, w, c)>
#out2 = affine_map<(n, h, w, c) -> (n, c)>
func.func @channel_sums(%ws: memref<2048xi8>) {
  %c0 = arith.constant 0 : index
  %c1024 = arith.constant 1024 : index
  %x = memref.view %ws[%c0][] : memref<2048xi8> to memref<1x4x4x16xf32>
  %sums = memref.view %ws[%c1024][] : memref<2048xi8> to memref<1x16xf32>
  linalg.generic {indexing_maps = [#in4, #out2], iterator_types = ["parallel", "reduction", "reduction", "parallel"]}
      ins(%x : memref<1x4x4x16xf32>) outs(%sums : memref<1x16xf32>) {
  ^bb0(%a: f32, %acc: f32):
    %s = arith.addf %a, %acc : f32
    linalg.yield %s : f32
  }
  return
}

// -----

// Near misses, untouched: too small; reading workspace bytes the output
// overlaps through another map (a transpose between overlapping views);
// inside a loop.
// CHECK-LABEL: func.func @near_misses
// CHECK-NOT:     mnc.parallel
// CHECK:         linalg.fill {{.*}} memref<2x8xf32>
// CHECK:         linalg.transpose
// CHECK:         scf.for
// CHECK-NEXT:      linalg.fill {{.*}} memref<16x16xf32>
// CHECK-NOT:     mnc.parallel
func.func @near_misses(%ws: memref<2048xi8>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c3 = arith.constant 3 : index
  %c64 = arith.constant 64 : index
  %zero = arith.constant 0.0 : f32
  %small = memref.view %ws[%c0][] : memref<2048xi8> to memref<2x8xf32>
  linalg.fill ins(%zero : f32) outs(%small : memref<2x8xf32>)
  %a = memref.view %ws[%c0][] : memref<2048xi8> to memref<16x16xf32>
  %b = memref.view %ws[%c64][] : memref<2048xi8> to memref<16x16xf32>
  linalg.transpose ins(%a : memref<16x16xf32>) outs(%b : memref<16x16xf32>) permutation = [1, 0]
  scf.for %i = %c0 to %c3 step %c1 {
    linalg.fill ins(%zero : f32) outs(%a : memref<16x16xf32>)
  }
  return
}
