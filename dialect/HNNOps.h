//===- HNNOps.h - hnn op classes --------------------------------*- C++ -*-===//
//
// The op classes generated from HNNOps.td and the gradient interface every op
// implements.
//
//===----------------------------------------------------------------------===//
#ifndef HNN_DIALECT_HNNOPS_H
#define HNN_DIALECT_HNNOPS_H

#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/IR/OpImplementation.h"
#include "mlir/Interfaces/InferTypeOpInterface.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

#include "dialect/Gradients.h"
#include "dialect/HNNDialect.h"
#include "dialect/HNNInterfaces.h.inc"
#include "dialect/ShapeInference.h"

#define GET_OP_CLASSES
#include "dialect/HNNOps.h.inc"

#endif // HNN_DIALECT_HNNOPS_H
