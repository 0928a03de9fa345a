//===- MncOps.h - mnc dialect attributes, interfaces and operations -------===//

#ifndef MNC_DIALECTS_MNCOPS_H
#define MNC_DIALECTS_MNCOPS_H

#include "dialects/MncDialect.h"
#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/Interfaces/InferTypeOpInterface.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

#include "dialects/MncEnums.h.inc"

#define GET_ATTRDEF_CLASSES
#include "dialects/MncAttrs.h.inc"

#include "dialects/MncInterfaces.h.inc"

#define GET_OP_CLASSES
#include "dialects/MncOps.h.inc"

namespace mnc {

/// The shape of `value`, a ranked tensor (as every mnc operand and result
/// is); for an mnc value, its ONNX ("logical", NCHW) shape.
llvm::ArrayRef<int64_t> shapeOf(mlir::Value value);

/// Whether `activation` is absent or the identity (kind `none`): the one
/// test for "no activation" that every pass uses.
bool isIdentityActivation(ActivationAttr activation);

} // namespace mnc

#endif // MNC_DIALECTS_MNCOPS_H
