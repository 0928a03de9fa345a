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

#endif // MNC_DIALECTS_MNCOPS_H
