//===- MncDialect.cpp - the mnc dialect -----------------------------------===//

#include "dialects/MncDialect.h"
#include "dialects/MncOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/DialectImplementation.h"
#include "llvm/ADT/TypeSwitch.h"


using namespace mlir;
using namespace mnc;

#include "dialects/MncDialect.cpp.inc"
#include "dialects/MncEnums.cpp.inc"

#define GET_ATTRDEF_CLASSES
#include "dialects/MncAttrs.cpp.inc"

void MncDialect::initialize() {
  addAttributes<
#define GET_ATTRDEF_LIST
#include "dialects/MncAttrs.cpp.inc"
      >();
  addOperations<
#define GET_OP_LIST
#include "dialects/MncOps.cpp.inc"
      >();
}
