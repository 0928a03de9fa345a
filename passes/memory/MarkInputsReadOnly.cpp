//===- MarkInputsReadOnly.cpp - keep the caller's input untouched ---------===//
//
// One-shot bufferization with function boundaries may bufferize an operation
// that overwrites a function argument in place, writing into the argument's
// buffer. The library receives its input as `const float *`: this pass marks
// the tensor arguments of every public function not writable, so that
// bufferization copies instead.
//
//===----------------------------------------------------------------------===//

#include "passes/Passes.h"

#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"

namespace mnc {
#define GEN_PASS_DEF_MARKINPUTSREADONLY
#include "passes/Passes.h.inc"
} // namespace mnc

using namespace mlir;

namespace {
struct MarkInputsReadOnlyPass
    : public mnc::impl::MarkInputsReadOnlyBase<MarkInputsReadOnlyPass> {
  void runOnOperation() override {
    auto notWritable = BoolAttr::get(&getContext(), false);
    for (auto func : getOperation().getOps<func::FuncOp>()) {
      if (func.isExternal() || !func.isPublic())
        continue;
      for (auto [index, type] : llvm::enumerate(func.getArgumentTypes()))
        if (isa<TensorType>(type))
          func.setArgAttr(
              index, bufferization::BufferizationDialect::kWritableAttrName,
              notWritable);
    }
  }
};
} // namespace
