//===- HNNDialect.cpp - dialect registration and argument attributes -----===//
#include "dialect/HNNDialect.h"
#include "dialect/HNNOps.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/Interfaces/FunctionInterfaces.h"
#include "llvm/ADT/StringExtras.h"

using namespace mlir;
using namespace mlir::hnn;

#include "dialect/HNNDialect.cpp.inc"

void HNNDialect::initialize() {
  addOperations<
#define GET_OP_LIST
#include "dialect/HNNOps.cpp.inc"
      >();
  registerAttributes();
}

Operation *HNNDialect::materializeConstant(OpBuilder &builder, Attribute value, Type type,
                                           Location loc) {
  auto elements = dyn_cast<ElementsAttr>(value);
  if (!elements || elements.getType() != type)
    return nullptr;
  return ConstantOp::create(builder, loc, elements);
}

// `hnn.param` is the only hnn attribute a function argument may carry: a
// named, ranked-tensor parameter whose name no other argument uses.
LogicalResult HNNDialect::verifyRegionArgAttribute(Operation *op, unsigned regionIndex,
                                                   unsigned argIndex, NamedAttribute attr) {
  // `hnn.input = "x"` names a data input (the runtime shows the name).
  if (attr.getName() == getInputAttrName()) {
    auto name = dyn_cast<StringAttr>(attr.getValue());
    if (!name || name.getValue().empty() ||
        !llvm::all_of(name.getValue(), [](char c) { return llvm::isAlnum(c) || c == '_' || c == '.'; }))
      return op->emitError() << "'" << getInputAttrName()
                             << "' expects a name of letters, digits, '_' and '.', got "
                             << attr.getValue();
    return success();
  }
  if (attr.getName() != getParamAttrName())
    return op->emitError() << "unknown hnn argument attribute '" << attr.getName().getValue()
                           << "'";
  auto param = dyn_cast<ParamAttr>(attr.getValue());
  if (!param)
    return op->emitError() << "'" << getParamAttrName()
                           << "' expects a #hnn.param attribute, got " << attr.getValue();
  auto func = dyn_cast<FunctionOpInterface>(op);
  if (!func || regionIndex != 0)
    return op->emitError() << "'" << getParamAttrName()
                           << "' is only valid on function arguments";
  // Declarations have no body: read the signature. After bufferization a
  // parameter is a memref of the same shape.
  // Lowered functions (llvm.func) keep the mark but not the tensor type.
  Type type = func.getArgumentTypes()[argIndex];
  if (op->getName().getStringRef() == "func.func" && !isa<RankedTensorType, MemRefType>(type))
    return op->emitError() << "parameter '" << param.getName()
                           << "' must be a ranked tensor, got " << type;
  for (unsigned i = 0; i < argIndex; ++i) {
    auto other = func.getArgAttrOfType<ParamAttr>(i, getParamAttrName());
    if (other && other.getName() == param.getName())
      return op->emitError() << "parameter name '" << param.getName()
                             << "' is used by arguments " << i << " and " << argIndex;
  }
  return success();
}

// `hnn.result` names a function result and gives its role; an `update`
// result has the type of the argument it names.
LogicalResult HNNDialect::verifyRegionResultAttribute(Operation *op, unsigned regionIndex,
                                                      unsigned resultIndex, NamedAttribute attr) {
  if (attr.getName() != getResultAttrName())
    return op->emitError() << "'" << attr.getName().getValue()
                           << "' is not valid on a function result";
  auto result = dyn_cast<ResultAttr>(attr.getValue());
  auto func = dyn_cast<FunctionOpInterface>(op);
  if (!result)
    return op->emitError() << "'" << getResultAttrName()
                           << "' expects a #hnn.result attribute, got " << attr.getValue();
  if (!func || regionIndex != 0)
    return op->emitError() << "'" << getResultAttrName() << "' is only valid on function results";
  if (result.getKind() != ResultKind::update || op->getName().getStringRef() != "func.func")
    return success();
  for (unsigned i = 0; i < func.getNumArguments(); ++i) {
    auto param = func.getArgAttrOfType<ParamAttr>(i, getParamAttrName());
    if (!param || param.getName() != result.getName())
      continue;
    if (func.getArgumentTypes()[i] != func.getResultTypes()[resultIndex])
      return op->emitError() << "result " << resultIndex << " updates '" << result.getName()
                             << "' of type " << func.getArgumentTypes()[i] << " but has type "
                             << func.getResultTypes()[resultIndex];
    return success();
  }
  return op->emitError() << "result " << resultIndex << " updates '" << result.getName()
                         << "', which is not a parameter of the function";
}

LogicalResult HNNDialect::verifyOperationAttribute(Operation *op, NamedAttribute attr) {
  // The model's training sections, kept on the module for the train step.
  if (attr.getName() == getTrainingAttrName()) {
    if (!isa<ModuleOp>(op) || !isa<DictionaryAttr>(attr.getValue()))
      return op->emitError() << "'" << getTrainingAttrName()
                             << "' must be a dictionary on the module";
    return success();
  }
  return op->emitError() << "'" << attr.getName().getValue()
                         << "' is only valid on function arguments";
}
