//===- HNNDialect.h - the hnn dialect, its enums and attributes -*- C++ -*-===//
//
// Include this for the dialect class, the enums (padding modes, reductions,
// parameter kinds) and `#hnn.param`. Ops are in HNNOps.h.
//
//===----------------------------------------------------------------------===//
#ifndef HNN_DIALECT_HNNDIALECT_H
#define HNN_DIALECT_HNNDIALECT_H

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Dialect.h"

#include "dialect/HNNDialect.h.inc"
#include "dialect/HNNEnums.h.inc"

#define GET_ATTRDEF_CLASSES
#include "dialect/HNNAttrs.h.inc"

#endif // HNN_DIALECT_HNNDIALECT_H
