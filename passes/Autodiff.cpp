//===- Autodiff.cpp - reverse-mode differentiation of hnn functions -------===//
#include "passes/Autodiff.h"
#include "passes/Passes.h"

#include "dialect/HNNOps.h"
#include "dialect/KANExpand.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/IRMapping.h"
#include "llvm/ADT/DenseMap.h"

namespace mlir::hnn {
#define GEN_PASS_DEF_HNNAUTODIFF
#include "passes/Passes.h.inc"
} // namespace mlir::hnn

using namespace mlir;
using namespace mlir::hnn;

static bool isFloatTensor(Type t) {
  auto rt = dyn_cast<RankedTensorType>(t);
  return rt && isa<FloatType>(rt.getElementType());
}

Value hnn::zerosLike(OpBuilder &b, Location loc, Value like) {
  auto type = cast<RankedTensorType>(like.getType());
  auto zeroAttr = [&](RankedTensorType t) {
    return DenseElementsAttr::get(t, b.getFloatAttr(t.getElementType(), 0.0));
  };
  if (type.hasStaticShape())
    return ConstantOp::create(b, loc, zeroAttr(type));
  Value zero = ConstantOp::create(b, loc, zeroAttr(RankedTensorType::get({}, type.getElementType())));
  return MulOp::create(b, loc, like, zero);
}

FailureOr<SmallVector<Value>> hnn::buildAdjoints(OpBuilder &b, ArrayRef<Operation *> forward,
                                                 ArrayRef<std::pair<Value, Value>> seeds,
                                                 ValueRange wrt) {
  // Rules may move the insertion point; each starts where the pass began.
  Block *block = b.getInsertionBlock();
  Block::iterator point = b.getInsertionPoint();
  llvm::DenseMap<Value, Value> adjoint;
  auto accumulate = [&](Value v, Value grad) {
    auto [it, inserted] = adjoint.try_emplace(v, grad);
    if (!inserted)
      it->second = AddOp::create(b, grad.getLoc(), it->second, grad);
  };
  for (auto [value, seed] : seeds)
    if (isFloatTensor(value.getType()))
      accumulate(value, seed);

  for (Operation *op : llvm::reverse(forward)) {
    SmallVector<Value> resultGrads;
    bool any = false;
    for (Value r : op->getResults()) {
      Value gr = adjoint.lookup(r);
      resultGrads.push_back(gr);
      any |= static_cast<bool>(gr);
    }
    if (!any)
      continue;
    auto diff = dyn_cast<DifferentiableOpInterface>(op);
    if (!diff)
      return op->emitError("hnn-autodiff cannot differentiate through '")
             << op->getName() << "'";
    b.setInsertionPoint(block, point);
    SmallVector<Value> operandGrads;
    if (failed(diff.buildGradient(b, resultGrads, operandGrads)))
      return failure();
    for (auto [operand, grad] : llvm::zip(op->getOperands(), operandGrads)) {
      if (!grad)
        continue;
      if (grad.getType() != operand.getType())
        return op->emitError("gradient rule produced ")
               << grad.getType() << " for an operand of type " << operand.getType();
      accumulate(operand, grad);
    }
  }
  b.setInsertionPoint(block, point);
  SmallVector<Value> result;
  for (Value v : wrt)
    result.push_back(adjoint.lookup(v));
  return result;
}

namespace {

/// Builds `@<name>_grad` for `f`, or fails with a diagnostic.
LogicalResult differentiate(func::FuncOp f, OpBuilder &b) {
  MLIRContext *ctx = f.getContext();
  Location loc = f.getLoc();
  SmallVector<Type> argTypes(f.getArgumentTypes()), resultTypes(f.getResultTypes());
  SmallVector<unsigned> floatArgs;
  for (auto [i, t] : llvm::enumerate(argTypes))
    if (isFloatTensor(t))
      floatArgs.push_back(i);
  SmallVector<Type> gradArgTypes(argTypes);
  llvm::append_range(gradArgTypes, resultTypes); // one seed per result
  SmallVector<Type> gradResultTypes(resultTypes);
  for (unsigned i : floatArgs)
    gradResultTypes.push_back(argTypes[i]);

  b.setInsertionPointAfter(f);
  auto g = func::FuncOp::create(b, loc, (f.getSymName() + "_grad").str(),
                                FunctionType::get(ctx, gradArgTypes, gradResultTypes));
  for (unsigned i = 0; i < f.getNumArguments(); ++i)
    g.setArgAttrs(i, f.getArgAttrDict(i));
  for (unsigned i = 0; i < resultTypes.size(); ++i)
    g.setArgAttr(f.getNumArguments() + i, HNNDialect::getInputAttrName(),
                 b.getStringAttr("seed" + std::to_string(i)));
  Block *body = g.addEntryBlock();
  b.setInsertionPointToEnd(body);

  // The forward computation.
  IRMapping map;
  for (unsigned i = 0; i < f.getNumArguments(); ++i)
    map.map(f.getArgument(i), body->getArgument(i));
  SmallVector<Operation *> forward;
  func::ReturnOp ret;
  for (Operation &op : f.getBody().front()) {
    if (auto r = dyn_cast<func::ReturnOp>(op)) {
      ret = r;
      continue;
    }
    forward.push_back(b.clone(op, map));
  }
  if (!ret)
    return f.emitError("hnn-autodiff needs a single-block function");

  // Backwards from the results, seeded by the extra arguments.
  SmallVector<Value> results;
  SmallVector<std::pair<Value, Value>> seeds;
  for (auto [i, v] : llvm::enumerate(ret.getOperands())) {
    results.push_back(map.lookupOrDefault(v));
    seeds.push_back({results.back(), body->getArgument(f.getNumArguments() + i)});
  }
  SmallVector<Value> wrt;
  for (unsigned i : floatArgs)
    wrt.push_back(body->getArgument(i));
  FailureOr<SmallVector<Value>> grads = buildAdjoints(b, forward, seeds, wrt);
  if (failed(grads))
    return failure();

  SmallVector<Value> outs(results);
  for (auto [arg, grad] : llvm::zip(wrt, *grads))
    outs.push_back(grad ? grad : zerosLike(b, loc, arg));
  func::ReturnOp::create(b, loc, outs);
  return success();
}

struct AutodiffPass : hnn::impl::HNNAutodiffBase<AutodiffPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    SmallVector<func::FuncOp> todo;
    for (auto f : module.getOps<func::FuncOp>())
      if (f.isPublic() && !f.isExternal() &&
          llvm::any_of(f.getResultTypes(), isFloatTensor) &&
          !module.lookupSymbol((f.getSymName() + "_grad").str()))
        todo.push_back(f);
    OpBuilder b(module.getContext());
    for (func::FuncOp f : todo)
      expandKanLayers(f);
    for (func::FuncOp f : todo)
      if (failed(differentiate(f, b)))
        return signalPassFailure();
  }
};

} // namespace
