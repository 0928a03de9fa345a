//===- Passes.td - mnc passes ------------------------------*- tablegen -*-===//

#ifndef MNC_PASSES_TD
#define MNC_PASSES_TD

include "mlir/Pass/PassBase.td"

def ConvertMncToLinalg : Pass<"convert-mnc-to-linalg", "mlir::ModuleOp"> {
  let summary = "Lowers mnc operations to linalg, tensor and arith on NHWC tensors";
  let description = [{
    Decides the internal layout once: every rank-4 activation is NHWC inside
    the function, so channels are contiguous for vectorization. The entry
    function keeps the model's NCHW signature; transposes at its boundary
    convert. Weights are re-laid out at compile time to match (HWCF for
    convolutions, HWC for depthwise ones, [K, N] for fully connected layers).
    Bias, fused activation and residual add become one elementwise epilogue.
    Operations that cannot be lowered are reported, all of them, with their
    locations.
  }];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::linalg::LinalgDialect",
    "::mlir::math::MathDialect",
    "::mlir::tensor::TensorDialect",
  ];
}

def PlanWorkspace : Pass<"plan-workspace", "mlir::ModuleOp"> {
  let summary = "Places every buffer of the entry function in one workspace";
  let description = [{
    After bufferization, replaces each `memref.alloc` of the entry function
    by a view into a caller-provided workspace argument (appended as the last
    argument, `memref<Nxi8>`), at an offset chosen from the buffers'
    liveness, so that buffers whose lifetimes do not overlap share memory.
    Records the workspace size in bytes as the module attribute
    `mnc.workspace_size`. Fails, naming the buffer, on an allocation it
    cannot place (dynamic size, inside a loop).
  }];
  let options = [
    Option<"alignment", "alignment", "int64_t", /*default=*/"64",
           "Byte alignment of every buffer's offset in the workspace">,
  ];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::memref::MemRefDialect",
  ];
}

#endif // MNC_PASSES_TD
