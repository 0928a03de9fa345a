//===- Passes.h - mnc passes ----------------------------------------------===//

#ifndef MNC_PASSES_PASSES_H
#define MNC_PASSES_PASSES_H

#include "dialects/MncAbi.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/Pass/Pass.h"

namespace mnc {

#define GEN_PASS_DECL
#include "passes/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "passes/Passes.h.inc"

/// The analysis of plan-kernel-outputs on one function body: sets
/// `abi::kOutputPaddingAttr` and `abi::kRowSumsAttr` on the convolutions
/// whose vector kernels write for their consumers.
void planKernelOutputs(mlir::Region &body);

} // namespace mnc

#endif // MNC_PASSES_PASSES_H
