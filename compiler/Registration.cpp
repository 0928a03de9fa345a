//===- Registration.cpp - dialects and passes mnc tools use ---------------===//

#include "compiler/Registration.h"

#include "dialects/MncDialect.h"
#include "passes/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/Transforms/Passes.h"

void mnc::registerDialects(mlir::DialectRegistry &registry) {
  registry.insert<mnc::MncDialect, mlir::arith::ArithDialect,
                  mlir::func::FuncDialect, mlir::linalg::LinalgDialect,
                  mlir::math::MathDialect, mlir::memref::MemRefDialect,
                  mlir::tensor::TensorDialect>();
}

void mnc::registerPasses() {
  mlir::registerTransformsPasses();
  mnc::registerMncPasses();
}
