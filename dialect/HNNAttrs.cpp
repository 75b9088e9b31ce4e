//===- HNNAttrs.cpp - hnn enums and attributes ----------------------------===//
#include "dialect/HNNDialect.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/DialectImplementation.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace mlir::hnn;

#include "dialect/HNNEnums.cpp.inc"

#define GET_ATTRDEF_CLASSES
#include "dialect/HNNAttrs.cpp.inc"

void HNNDialect::registerAttributes() {
  addAttributes<
#define GET_ATTRDEF_LIST
#include "dialect/HNNAttrs.cpp.inc"
      >();
}

// Parameter names are dotted paths of identifiers ("stage1.block0.conv1.weight"),
// the form PyTorch state_dict keys take.
static LogicalResult verifyDottedName(function_ref<InFlightDiagnostic()> emitError,
                                     StringRef what, StringRef name) {
  if (name.empty())
    return emitError() << what << " name must not be empty";
  for (char c : name)
    if (!llvm::isAlnum(c) && c != '_' && c != '.')
      return emitError() << what << " name '" << name << "' contains '" << c
                         << "'; use letters, digits, '_' and '.'";
  if (name.front() == '.' || name.back() == '.' || name.contains(".."))
    return emitError() << what << " name '" << name << "' has an empty path component";
  return success();
}

LogicalResult ParamAttr::verify(function_ref<InFlightDiagnostic()> emitError, StringRef name,
                                ParamKind kind) {
  return verifyDottedName(emitError, "parameter", name);
}

LogicalResult ResultAttr::verify(function_ref<InFlightDiagnostic()> emitError, StringRef name,
                                 ResultKind kind) {
  return verifyDottedName(emitError, "result", name);
}
