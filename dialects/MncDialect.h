//===- MncDialect.h - the mnc dialect -------------------------------------===//

#ifndef MNC_DIALECTS_MNCDIALECT_H
#define MNC_DIALECTS_MNCDIALECT_H

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/IR/Dialect.h"

#include "dialects/MncDialect.h.inc"

#endif // MNC_DIALECTS_MNCDIALECT_H
