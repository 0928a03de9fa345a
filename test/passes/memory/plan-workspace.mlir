// plan-workspace: every buffer of the entry function becomes a view into one
// workspace argument; buffers whose live ranges do not overlap share bytes.
// RUN: mnc-opt %s -split-input-file -plan-workspace -verify-diagnostics | FileCheck %s
// RUN: mnc-opt %s -split-input-file -plan-workspace=alignment=16 -verify-diagnostics | FileCheck %s --check-prefix=ALIGN16
// RUN: not mnc-opt %s -split-input-file -plan-workspace=alignment=24 2>&1 | FileCheck %s --check-prefix=BADALIGN
// RUN: not mnc-opt %s -split-input-file -plan-workspace=entry-function=nope 2>&1 | FileCheck %s --check-prefix=NOENTRY

// BADALIGN: error: plan-workspace: alignment must be a power of two, got 24
// NOENTRY: error: plan-workspace: no function 'nope' with a body in the module

// A chain: each buffer dies when the next is written, so the third reuses
// the first one's bytes. The plan records each buffer's offset and size.
// CHECK: module attributes {mnc.workspace_plan = [{name = "", offset = 0 : i64, size = 64 : i64}, {name = "", offset = 64 : i64, size = 64 : i64}, {name = "", offset = 0 : i64, size = 64 : i64}], mnc.workspace_size = 128 : i64}
// CHECK-LABEL: func.func @chain
// CHECK-SAME:    (%[[IN:.*]]: memref<16xf32>, %[[OUT:.*]]: memref<16xf32>, %[[WS:.*]]: memref<128xi8>)
// CHECK-NOT:     memref.alloc
// CHECK:         %[[C0:.*]] = arith.constant 0 : index
// CHECK:         %[[A:.*]] = memref.view %[[WS]][%[[C0]]][] : memref<128xi8> to memref<16xf32>
// CHECK:         linalg.copy ins(%[[IN]] : memref<16xf32>) outs(%[[A]] : memref<16xf32>)
// CHECK:         %[[C64:.*]] = arith.constant 64 : index
// CHECK:         %[[B:.*]] = memref.view %[[WS]][%[[C64]]][] : memref<128xi8> to memref<16xf32>
// CHECK:         %[[C0_2:.*]] = arith.constant 0 : index
// CHECK:         %[[C:.*]] = memref.view %[[WS]][%[[C0_2]]][] : memref<128xi8> to memref<16xf32>
// CHECK:         linalg.copy ins(%[[C]] : memref<16xf32>) outs(%[[OUT]] : memref<16xf32>)
// CHECK-NEXT:    return

// With 16-byte alignment the 64-byte buffers pack the same way.
// ALIGN16: module attributes {mnc.workspace_plan = {{.*}}, mnc.workspace_size = 128 : i64}
// ALIGN16-LABEL: func.func @chain
func.func @chain(%in: memref<16xf32>, %out: memref<16xf32>) {
  %a = memref.alloc() : memref<16xf32>
  linalg.copy ins(%in : memref<16xf32>) outs(%a : memref<16xf32>)
  %b = memref.alloc() : memref<16xf32>
  linalg.copy ins(%a : memref<16xf32>) outs(%b : memref<16xf32>)
  %c = memref.alloc() : memref<16xf32>
  linalg.copy ins(%b : memref<16xf32>) outs(%c : memref<16xf32>)
  linalg.copy ins(%c : memref<16xf32>) outs(%out : memref<16xf32>)
  return
}

// -----

// Three buffers alive at once (one operation reads two and writes the
// third): three disjoint places.
// CHECK: module attributes {mnc.workspace_plan = {{.*}}, mnc.workspace_size = 192 : i64}
// CHECK-LABEL: func.func @overlapping
// CHECK-SAME:    %[[WS:[^:]*]]: memref<192xi8>)
// CHECK:         %[[C0:.*]] = arith.constant 0 : index
// CHECK-NEXT:    memref.view %[[WS]][%[[C0]]][]
// CHECK:         %[[C64:.*]] = arith.constant 64 : index
// CHECK-NEXT:    memref.view %[[WS]][%[[C64]]][]
// CHECK:         %[[C128:.*]] = arith.constant 128 : index
// CHECK-NEXT:    memref.view %[[WS]][%[[C128]]][]
#id = affine_map<(d0) -> (d0)>
func.func @overlapping(%in: memref<16xf32>, %out: memref<16xf32>) {
  %a = memref.alloc() : memref<16xf32>
  linalg.copy ins(%in : memref<16xf32>) outs(%a : memref<16xf32>)
  %b = memref.alloc() : memref<16xf32>
  linalg.copy ins(%in : memref<16xf32>) outs(%b : memref<16xf32>)
  %c = memref.alloc() : memref<16xf32>
  linalg.generic {indexing_maps = [#id, #id, #id], iterator_types = ["parallel"]}
      ins(%a, %b : memref<16xf32>, memref<16xf32>) outs(%c : memref<16xf32>) {
  ^bb0(%x: f32, %y: f32, %z: f32):
    %s = arith.addf %x, %y : f32
    linalg.yield %s : f32
  }
  linalg.copy ins(%c : memref<16xf32>) outs(%out : memref<16xf32>)
  return
}

// -----

// First fit, largest first: the 256-byte buffer goes first; %small1 lives
// with it and goes behind it; %small2 comes after %big is dead and takes
// offset 0.
// CHECK: module attributes {mnc.workspace_plan = {{.*}}, mnc.workspace_size = 320 : i64}
// CHECK-LABEL: func.func @first_fit
// CHECK:         %[[C0:.*]] = arith.constant 0 : index
// CHECK-NEXT:    memref.view %{{.*}}[%[[C0]]][] : memref<320xi8> to memref<64xf32>
// CHECK:         %[[C256:.*]] = arith.constant 256 : index
// CHECK-NEXT:    memref.view %{{.*}}[%[[C256]]][] : memref<320xi8> to memref<4xf32>
// CHECK:         %[[C0_1:.*]] = arith.constant 0 : index
// CHECK-NEXT:    memref.view %{{.*}}[%[[C0_1]]][] : memref<320xi8> to memref<8xf32>

// ALIGN16: module attributes {mnc.workspace_plan = {{.*}}, mnc.workspace_size = 272 : i64}
// ALIGN16-LABEL: func.func @first_fit
// ALIGN16:       arith.constant 256 : index
// ALIGN16-NEXT:  memref.view %{{.*}} : memref<272xi8> to memref<4xf32>
func.func @first_fit(%in: memref<64xf32>, %in4: memref<4xf32>, %out: memref<8xf32>) {
  %big = memref.alloc() : memref<64xf32>
  linalg.copy ins(%in : memref<64xf32>) outs(%big : memref<64xf32>)
  %small1 = memref.alloc() : memref<4xf32>
  linalg.copy ins(%in4 : memref<4xf32>) outs(%small1 : memref<4xf32>)
  %sub = memref.subview %big[0] [8] [1] : memref<64xf32> to memref<8xf32, strided<[1]>>
  linalg.copy ins(%sub : memref<8xf32, strided<[1]>>) outs(%out : memref<8xf32>)
  %small2 = memref.alloc() : memref<8xf32>
  linalg.copy ins(%out : memref<8xf32>) outs(%small2 : memref<8xf32>)
  %sub2 = memref.subview %small2[0] [4] [1] : memref<8xf32> to memref<4xf32, strided<[1]>>
  linalg.copy ins(%small1 : memref<4xf32>) outs(%sub2 : memref<4xf32, strided<[1]>>)
  linalg.copy ins(%small2 : memref<8xf32>) outs(%out : memref<8xf32>)
  return
}

// -----

// A buffer stays live as long as any alias of it is used: %a's expanded
// view is read inside a loop after %b is written, so %b cannot take %a's
// place.
// CHECK: module attributes {mnc.workspace_plan = {{.*}}, mnc.workspace_size = 128 : i64}
// CHECK-LABEL: func.func @aliases_and_regions
// CHECK:         arith.constant 0 : index
// CHECK:         arith.constant 64 : index
// CHECK-NOT:     memref.alloc
// CHECK:         scf.for
func.func @aliases_and_regions(%in: memref<16xf32>, %out: memref<4x4xf32>) {
  %a = memref.alloc() : memref<16xf32>
  linalg.copy ins(%in : memref<16xf32>) outs(%a : memref<16xf32>)
  %cast = memref.cast %a : memref<16xf32> to memref<?xf32>
  %expanded = memref.expand_shape %a [[0, 1]] output_shape [4, 4] : memref<16xf32> into memref<4x4xf32>
  %b = memref.alloc() : memref<16xf32>
  linalg.copy ins(%in : memref<16xf32>) outs(%b : memref<16xf32>)
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  scf.for %i = %c0 to %c4 step %c1 {
    %row = memref.subview %expanded[%i, 0] [1, 4] [1, 1] : memref<4x4xf32> to memref<4xf32, strided<[1], offset: ?>>
    %dst = memref.subview %out[%i, 0] [1, 4] [1, 1] : memref<4x4xf32> to memref<4xf32, strided<[1], offset: ?>>
    linalg.copy ins(%row : memref<4xf32, strided<[1], offset: ?>>) outs(%dst : memref<4xf32, strided<[1], offset: ?>>)
  }
  %bx = memref.expand_shape %b [[0, 1]] output_shape [4, 4] : memref<16xf32> into memref<4x4xf32>
  linalg.copy ins(%bx : memref<4x4xf32>) outs(%out : memref<4x4xf32>)
  return
}

// -----

// Deallocations go; a buffer nothing but a dealloc uses needs no memory;
// static allocas are placed like allocs; an alloc's own alignment wins when
// it is larger than the pass's.
// CHECK: module attributes {mnc.workspace_plan = {{.*}}, mnc.workspace_size = 192 : i64}
// CHECK-LABEL: func.func @dealloc_alloca_alignment
// CHECK-SAME:    memref<192xi8>
// CHECK-NOT:     memref.alloc
// CHECK-NOT:     memref.dealloc
// CHECK:         arith.constant 0 : index
// CHECK:         arith.constant 128 : index
// CHECK-NEXT:    memref.view %{{.*}} : memref<192xi8> to memref<4xf32>
// CHECK-NOT:     memref.dealloc
func.func @dealloc_alloca_alignment(%in: memref<4xf32>, %out: memref<4xf32>) {
  %unused = memref.alloc() : memref<1024xf32>
  memref.dealloc %unused : memref<1024xf32>
  %a = memref.alloca() : memref<4xf32>
  linalg.copy ins(%in : memref<4xf32>) outs(%a : memref<4xf32>)
  %b = memref.alloc() {alignment = 128 : i64} : memref<4xf32>
  linalg.copy ins(%a : memref<4xf32>) outs(%b : memref<4xf32>)
  memref.dealloc %a : memref<4xf32>
  linalg.copy ins(%b : memref<4xf32>) outs(%out : memref<4xf32>)
  memref.dealloc %b : memref<4xf32>
  return
}

// -----

// Only the entry function (the only public one) gets a workspace; no
// buffers: an empty workspace.
// CHECK: module attributes {mnc.workspace_plan = {{.*}}, mnc.workspace_size = 0 : i64}
// CHECK-LABEL: func.func private @helper
// CHECK:         memref.alloc
// CHECK-LABEL: func.func @no_buffers
// CHECK-SAME:    (%{{.*}}: memref<4xf32>, %{{.*}}: memref<4xf32>, %{{.*}}: memref<0xi8>)
func.func private @helper(%in: memref<4xf32>) {
  %a = memref.alloc() : memref<4xf32>
  linalg.copy ins(%in : memref<4xf32>) outs(%a : memref<4xf32>)
  return
}
func.func @no_buffers(%in: memref<4xf32>, %out: memref<4xf32>) {
  linalg.copy ins(%in : memref<4xf32>) outs(%out : memref<4xf32>)
  return
}

// -----

// Errors: each names the buffer.

func.func @dynamic_shape(%n: index, %out: memref<?xf32>) {
  // expected-error @below {{plan-workspace: cannot place buffer 'memref<?xf32>' in the workspace: its shape is dynamic}}
  %a = memref.alloc(%n) : memref<?xf32>
  linalg.copy ins(%a : memref<?xf32>) outs(%out : memref<?xf32>)
  return
}

// -----

func.func @strided_layout(%out: memref<4x4xf32, strided<[8, 1]>>) {
  // expected-error @below {{cannot place buffer 'memref<4x4xf32, strided<[8, 1]>>' in the workspace: its layout is not the identity}}
  %a = memref.alloc() : memref<4x4xf32, strided<[8, 1]>>
  linalg.copy ins(%a : memref<4x4xf32, strided<[8, 1]>>) outs(%out : memref<4x4xf32, strided<[8, 1]>>)
  return
}

// -----

func.func @memory_space(%out: memref<4xf32, 1>) {
  // expected-error @below {{cannot place buffer 'memref<4xf32, 1>' in the workspace: it is not in the default memory space}}
  %a = memref.alloc() : memref<4xf32, 1>
  linalg.copy ins(%a : memref<4xf32, 1>) outs(%out : memref<4xf32, 1>)
  return
}

// -----

func.func @inside_loop(%out: memref<4xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  scf.for %i = %c0 to %c4 step %c1 {
    // expected-error @below {{cannot place buffer 'memref<4xf32>' in the workspace: it is allocated inside a region (loop or branch)}}
    %a = memref.alloc() : memref<4xf32>
    linalg.copy ins(%a : memref<4xf32>) outs(%out : memref<4xf32>)
  }
  return
}

// -----

func.func @returned() -> memref<4xf32> {
  // expected-error @below {{cannot place buffer 'memref<4xf32>' in the workspace: it is returned from the function}}
  %a = memref.alloc() : memref<4xf32>
  %cast = memref.cast %a : memref<4xf32> to memref<?xf32>
  %back = memref.cast %cast : memref<?xf32> to memref<4xf32>
  return %back : memref<4xf32>
}

// -----

func.func @other_allocation(%in: memref<4xf32>, %out: memref<4xf32>) {
  // expected-error @below {{plan-workspace: cannot place the memory that 'bufferization.clone' allocates in the workspace}}
  %copy = bufferization.clone %in : memref<4xf32> to memref<4xf32>
  linalg.copy ins(%copy : memref<4xf32>) outs(%out : memref<4xf32>)
  return
}

// -----

// expected-error @below {{plan-workspace: the entry function must have a single block}}
func.func @two_blocks(%out: memref<4xf32>) {
  cf.br ^next
^next:
  return
}

// -----

// expected-error @below {{plan-workspace: expected one public function with a body, found 2; name the entry with entry-function=NAME}}
module {
  func.func @first() {
    return
  }
  func.func @second() {
    return
  }
}

// -----

// A value that may be either of two buffers keeps both alive, and its
// deallocation goes once.
// CHECK: module attributes {mnc.workspace_plan = {{.*}}, mnc.workspace_size = 128 : i64}
// CHECK-LABEL: func.func @select_of_two
// CHECK-NOT:     memref.dealloc
// CHECK:         arith.select
// CHECK-NOT:     memref.dealloc
func.func @select_of_two(%cond: i1, %in: memref<16xf32>, %out: memref<16xf32>) {
  %a = memref.alloc() : memref<16xf32>
  linalg.copy ins(%in : memref<16xf32>) outs(%a : memref<16xf32>)
  %b = memref.alloc() : memref<16xf32>
  linalg.copy ins(%in : memref<16xf32>) outs(%b : memref<16xf32>)
  %either = arith.select %cond, %a, %b : memref<16xf32>
  linalg.copy ins(%either : memref<16xf32>) outs(%out : memref<16xf32>)
  memref.dealloc %either : memref<16xf32>
  return
}

// -----

// The plan names each buffer after the node its location carries.
// CHECK: module attributes {mnc.workspace_plan = [{name = "/features/0/Conv", offset = 0 : i64, size = 64 : i64}], mnc.workspace_size = 64 : i64}
// CHECK-LABEL: func.func @named
func.func @named(%in: memref<16xf32>, %out: memref<16xf32>) {
  %a = memref.alloc() : memref<16xf32> loc("/features/0/Conv"("model.onnx":0:0))
  linalg.copy ins(%in : memref<16xf32>) outs(%a : memref<16xf32>)
  linalg.copy ins(%a : memref<16xf32>) outs(%out : memref<16xf32>)
  return
}
