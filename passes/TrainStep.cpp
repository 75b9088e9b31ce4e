//===- TrainStep.cpp - compiled training and evaluation steps -------------===//
//
// From `@forward` and the module's `hnn.training` sections, builds
//
//   @train_step(inputs..., labels, params..., slots..., lr, step)
//       -> (loss, outputs..., updated params, states and slots..., gradsq...)
//   @eval_step(inputs..., labels, params...) -> (loss, outputs...)
//
// The train step is the forward computation with BatchNorm in training mode,
// the loss, the reverse pass (Autodiff.h) for the trainable parameters, and
// the optimizer update, all in hnn ops, so that one pipeline lowers and fuses
// the whole step. Each updated value is an `update` result named after its
// argument: the runtime hands the argument's buffer in as the result's, and
// the step runs in place. That is safe because every read of a parameter or
// slot precedes, in program order, the elementwise op that writes its new
// value, and that op reads and writes each element at the same index.
//
//===----------------------------------------------------------------------===//
#include "passes/Autodiff.h"
#include "passes/Passes.h"

#include "dialect/Builders.h"
#include "dialect/HNNOps.h"
#include "dialect/KANExpand.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/IRMapping.h"

#include <cmath>

namespace mlir::hnn {
#define GEN_PASS_DEF_HNNBUILDTRAINSTEP
#include "passes/Passes.h.inc"
} // namespace mlir::hnn

using namespace mlir;
using namespace mlir::hnn;

namespace {

struct Config {
  std::string loss;
  std::string labels;
  std::string output; // empty: the first result of forward
  Reduction reduction = Reduction::mean;
  double labelSmoothing = 0;
  Type labelsType;

  std::string optimizer;
  double weightDecay = 0, momentum = 0, beta1 = 0.9, beta2 = 0.999, eps = 1e-8;
  bool nesterov = false;
  std::optional<double> clip;
};

/// Reads `hnn.training`; reports what is missing on the module.
FailureOr<Config> readConfig(ModuleOp module) {
  auto training = module->getAttrOfType<DictionaryAttr>(HNNDialect::getTrainingAttrName());
  if (!training)
    return module.emitError("the model has no training sections (a 'loss:' and an "
                            "'optimizer:' in the model file)");
  auto loss = training.getAs<DictionaryAttr>("loss");
  auto opt = training.getAs<DictionaryAttr>("optimizer");
  if (!loss || !opt)
    return module.emitError("training needs both a 'loss:' and an 'optimizer:' section");
  Config c;
  auto str = [](DictionaryAttr d, StringRef key) {
    auto s = d.getAs<StringAttr>(key);
    return s ? s.getValue().str() : std::string();
  };
  auto num = [](DictionaryAttr d, StringRef key, double dflt) {
    auto f = d.getAs<FloatAttr>(key);
    return f ? f.getValueAsDouble() : dflt;
  };
  c.loss = str(loss, "type");
  c.labels = str(loss, "labels");
  c.output = str(loss, "output");
  std::string reduction = str(loss, "reduction");
  if (reduction == "sum")
    c.reduction = Reduction::sum;
  else if (!reduction.empty() && reduction != "mean")
    return module.emitError("the training loss must reduce to a scalar (reduction mean or "
                            "sum), got '")
           << reduction << "'";
  c.labelSmoothing = num(loss, "label_smoothing", 0);
  if (auto t = loss.getAs<TypeAttr>("labels_type"))
    c.labelsType = t.getValue();
  if (c.loss != "cross_entropy" && c.loss != "mse" && c.loss != "relative_l2")
    return module.emitError("unknown loss type '") << c.loss << "'";
  if (c.labels.empty())
    return module.emitError("the loss names no 'labels' input");

  c.optimizer = str(opt, "type");
  if (c.optimizer != "sgd" && c.optimizer != "adam" && c.optimizer != "adamw")
    return module.emitError("unknown optimizer type '") << c.optimizer << "'";
  c.weightDecay = num(opt, "weight_decay", 0);
  c.momentum = num(opt, "momentum", 0);
  c.eps = num(opt, "eps", 1e-8);
  if (auto n = opt.getAs<BoolAttr>("nesterov"))
    c.nesterov = n.getValue();
  if (auto betas = opt.getAs<ArrayAttr>("betas"); betas && betas.size() == 2) {
    c.beta1 = cast<FloatAttr>(betas[0]).getValueAsDouble();
    c.beta2 = cast<FloatAttr>(betas[1]).getValueAsDouble();
  }
  if (auto clip = opt.getAs<FloatAttr>("clip_grad_norm"))
    c.clip = clip.getValueAsDouble();
  return c;
}

bool isF32Tensor(Type t) {
  auto rt = dyn_cast<RankedTensorType>(t);
  return rt && rt.getElementType().isF32();
}

/// The arguments of `@forward` by role.
struct Signature {
  SmallVector<unsigned> inputs, params, trainable;
  int labelsArg = -1; // forward reads the labels itself
  int output = 0;     // the result the loss reads
};

FailureOr<Signature> classify(func::FuncOp forward, const Config &c) {
  Signature s;
  for (unsigned i = 0; i < forward.getNumArguments(); ++i) {
    if (auto p = forward.getArgAttrOfType<ParamAttr>(i, HNNDialect::getParamAttrName())) {
      if (p.getKind() == ParamKind::optimizer || p.getKind() == ParamKind::hyper)
        return forward.emitError("@forward argument ")
               << i << " is an " << stringifyParamKind(p.getKind())
               << " value; only a train step takes those";
      s.params.push_back(i);
      if (p.getKind() == ParamKind::trainable) {
        if (!isF32Tensor(forward.getArgumentTypes()[i]))
          return forward.emitError("trainable parameter '")
                 << p.getName() << "' is " << forward.getArgumentTypes()[i]
                 << "; training supports f32 parameters";
        s.trainable.push_back(i);
      }
      continue;
    }
    auto name = forward.getArgAttrOfType<StringAttr>(i, HNNDialect::getInputAttrName());
    if (name && name.getValue() == c.labels)
      s.labelsArg = i;
    s.inputs.push_back(i);
  }
  if (s.trainable.empty())
    return forward.emitError("@forward has no trainable parameter to train");
  if (!c.output.empty()) {
    s.output = -1;
    for (unsigned i = 0; i < forward.getNumResults(); ++i)
      if (auto r = forward.getResultAttrOfType<ResultAttr>(i, HNNDialect::getResultAttrName()))
        if (r.getName() == c.output)
          s.output = i;
    if (s.output < 0)
      return forward.emitError("the loss reads output '") << c.output << "', which @forward "
                                                             "does not return";
  }
  if (forward.getNumResults() == 0)
    return forward.emitError("@forward returns nothing to compute a loss from");
  return s;
}

/// Rank-0 f32 constant.
Value scalar(OpBuilder &b, Location loc, double v) {
  return build::scalar(b, loc, b.getF32Type(), v);
}

/// The loss of `pred` against `labels`.
FailureOr<Value> buildLoss(OpBuilder &b, Location loc, const Config &c, Value pred, Value labels) {
  auto reduction = ReductionAttr::get(b.getContext(), c.reduction);
  Operation *op;
  if (c.loss == "cross_entropy")
    op = CrossEntropyOp::create(b, loc, pred, labels, b.getF64FloatAttr(c.labelSmoothing),
                                reduction);
  else if (c.loss == "mse")
    op = MseOp::create(b, loc, pred, labels, reduction);
  else
    op = RelativeL2Op::create(b, loc, pred, labels, reduction);
  Value loss = op->getResult(0);
  if (!isF32Tensor(loss.getType()) || cast<RankedTensorType>(loss.getType()).getRank() != 0)
    return op->emitError("the training loss must be a rank-0 f32 tensor, got ")
           << loss.getType();
  return loss;
}

class StepBuilder {
public:
  StepBuilder(ModuleOp module, func::FuncOp forward, const Config &c, const Signature &s)
      : module(module), forward(forward), c(c), s(s), b(module.getContext()),
        loc(forward.getLoc()) {}

  LogicalResult buildTrain();
  LogicalResult buildEval();
  /// `@kan_features`: the input of every B-spline basis whose knots are a
  /// parameter, named by that parameter (what a grid update refits on).
  LogicalResult buildKANFeatures();

private:
  ModuleOp module;
  func::FuncOp forward;
  const Config &c;
  const Signature &s;
  OpBuilder b;
  Location loc;

  struct Arg {
    Type type;
    NamedAttribute attr;
  };
  SmallVector<Arg> args;
  SmallVector<Value> results;
  SmallVector<std::pair<std::string, ResultKind>> resultRoles;

  Arg inputArg(StringRef name, Type type) {
    return {type, b.getNamedAttr(HNNDialect::getInputAttrName(), b.getStringAttr(name))};
  }
  Arg paramArg(StringRef name, ParamKind kind, Type type) {
    return {type, b.getNamedAttr(HNNDialect::getParamAttrName(),
                                 ParamAttr::get(b.getContext(), name, kind))};
  }
  StringRef paramName(unsigned forwardArg) {
    return forward.getArgAttrOfType<ParamAttr>(forwardArg, HNNDialect::getParamAttrName())
        .getName();
  }
  void result(Value v, StringRef name, ResultKind kind) {
    results.push_back(v);
    resultRoles.push_back({name.str(), kind});
  }

  /// Starts a new entry point: the data inputs then the parameters of
  /// forward; the labels come after the inputs unless forward reads them.
  LogicalResult startEntry();
  /// The loss of the cloned forward ops; records it and the outputs as the
  /// first results.
  FailureOr<Value> lossAndOutputs(Block *body, IRMapping &map);
  /// A function over `args` whose body `fill` builds into `results`.
  LogicalResult emit(StringRef name, llvm::function_ref<LogicalResult(Block *, IRMapping &)> fill);
  /// Clones forward's ops; `training` flips BatchNorm to batch statistics.
  SmallVector<Operation *> cloneForward(IRMapping &map, bool training);
  /// The optimizer update of one parameter; returns (new param, new slots).
  std::pair<Value, SmallVector<Value>> update(Value p, Value g, ArrayRef<Value> slots,
                                               Value lr, Value bc1, Value bc2sqrt);
  SmallVector<StringRef> slotNames() const {
    if (c.optimizer != "sgd")
      return {"exp_avg", "exp_avg_sq"};
    if (c.momentum > 0)
      return {"momentum_buffer"};
    return {};
  }
};

LogicalResult StepBuilder::startEntry() {
  if (s.labelsArg < 0 && !c.labelsType)
    return module.emitError("the loss reads input '")
           << c.labels << "', which @forward does not take; give its type as "
           << "labels_type in the loss section";
  args.clear();
  results.clear();
  resultRoles.clear();
  for (unsigned i : s.inputs) {
    auto name = forward.getArgAttrOfType<StringAttr>(i, HNNDialect::getInputAttrName());
    args.push_back(inputArg(name ? name.getValue() : ("arg" + std::to_string(i)),
                            forward.getArgumentTypes()[i]));
  }
  if (s.labelsArg < 0)
    args.push_back(inputArg(c.labels, c.labelsType));
  for (unsigned i : s.params) {
    auto p = forward.getArgAttrOfType<ParamAttr>(i, HNNDialect::getParamAttrName());
    args.push_back(paramArg(p.getName(), p.getKind(), forward.getArgumentTypes()[i]));
  }
  return success();
}

FailureOr<Value> StepBuilder::lossAndOutputs(Block *body, IRMapping &map) {
  auto ret = cast<func::ReturnOp>(forward.getBody().front().getTerminator());
  Value labels = s.labelsArg >= 0 ? map.lookup(forward.getArgument(s.labelsArg))
                                  : body->getArgument(s.inputs.size());
  FailureOr<Value> loss = buildLoss(b, loc, c, map.lookup(ret.getOperand(s.output)), labels);
  if (failed(loss))
    return failure();
  result(*loss, "loss", ResultKind::loss);
  for (auto [i, v] : llvm::enumerate(ret.getOperands())) {
    auto r = forward.getResultAttrOfType<ResultAttr>(i, HNNDialect::getResultAttrName());
    result(map.lookup(v), r ? r.getName() : ("output" + std::to_string(i)), ResultKind::output);
  }
  return loss;
}

LogicalResult StepBuilder::emit(StringRef name,
                                llvm::function_ref<LogicalResult(Block *, IRMapping &)> fill) {
  b.setInsertionPointToEnd(module.getBody());
  SmallVector<Type> argTypes;
  for (const Arg &a : args)
    argTypes.push_back(a.type);
  auto f = func::FuncOp::create(b, loc, name, b.getFunctionType(argTypes, {}));
  for (auto [i, a] : llvm::enumerate(args))
    f.setArgAttrs(i, ArrayRef<NamedAttribute>{a.attr});
  Block *body = f.addEntryBlock();
  b.setInsertionPointToEnd(body);
  IRMapping map;
  unsigned next = 0;
  for (unsigned i : s.inputs)
    map.map(forward.getArgument(i), body->getArgument(next++));
  if (s.labelsArg < 0)
    ++next;
  for (unsigned i : s.params)
    map.map(forward.getArgument(i), body->getArgument(next++));
  if (failed(fill(body, map))) {
    f.erase();
    return failure();
  }
  func::ReturnOp::create(b, loc, results);
  f.setType(b.getFunctionType(argTypes, ValueRange(results).getTypes()));
  for (auto [i, role] : llvm::enumerate(resultRoles))
    f.setResultAttr(i, HNNDialect::getResultAttrName(),
                    ResultAttr::get(b.getContext(), role.first, role.second));
  return success();
}

SmallVector<Operation *> StepBuilder::cloneForward(IRMapping &map, bool training) {
  SmallVector<Operation *> ops;
  for (Operation &op : forward.getBody().front()) {
    if (isa<func::ReturnOp>(op))
      continue;
    Operation *clone = b.clone(op, map);
    if (auto bn = dyn_cast<BatchNormOp>(clone))
      bn.setTraining(training);
    ops.push_back(clone);
  }
  return ops;
}

std::pair<Value, SmallVector<Value>> StepBuilder::update(Value p, Value g, ArrayRef<Value> slots,
                                                          Value lr, Value bc1, Value bc2sqrt) {
  auto mulS = [&](Value x, double k) { return MulOp::create(b, loc, x, scalar(b, loc, k)); };
  SmallVector<Value> newSlots;
  if (c.optimizer == "adamw" && c.weightDecay > 0) {
    // Decoupled decay: p · (1 − lr·wd) before the Adam step.
    Value keep = SubOp::create(b, loc, scalar(b, loc, 1.0), mulS(lr, c.weightDecay));
    p = MulOp::create(b, loc, p, keep);
  } else if (c.weightDecay > 0) {
    g = AddOp::create(b, loc, g, mulS(p, c.weightDecay));
  }
  Value step;
  if (c.optimizer == "sgd") {
    step = g;
    if (c.momentum > 0) {
      Value buf = AddOp::create(b, loc, mulS(slots[0], c.momentum), g);
      newSlots.push_back(buf);
      step = c.nesterov ? Value(AddOp::create(b, loc, g, mulS(buf, c.momentum))) : buf;
    }
    step = MulOp::create(b, loc, step, lr);
  } else {
    Value m = AddOp::create(b, loc, mulS(slots[0], c.beta1), mulS(g, 1.0 - c.beta1));
    Value v = AddOp::create(b, loc, mulS(slots[1], c.beta2),
                            mulS(MulOp::create(b, loc, g, g), 1.0 - c.beta2));
    newSlots.append({m, v});
    // lr/bc1 · m / (sqrt(v)/sqrt(bc2) + eps), as torch.optim.Adam.
    Value denom = AddOp::create(b, loc, DivOp::create(b, loc, SqrtOp::create(b, loc, v), bc2sqrt),
                                scalar(b, loc, c.eps));
    step = MulOp::create(b, loc, DivOp::create(b, loc, m, denom), DivOp::create(b, loc, lr, bc1));
  }
  return {SubOp::create(b, loc, p, step), newSlots};
}

LogicalResult StepBuilder::buildTrain() {
  if (failed(startEntry()))
    return failure();
  unsigned firstSlot = args.size();
  SmallVector<StringRef> slots = slotNames();
  SmallVector<std::string> slotArgNames;
  for (unsigned i : s.trainable)
    for (StringRef slot : slots) {
      slotArgNames.push_back((paramName(i) + "." + slot).str());
      args.push_back(paramArg(slotArgNames.back(), ParamKind::optimizer,
                              forward.getArgumentTypes()[i]));
    }
  auto scalarType = RankedTensorType::get({}, b.getF32Type());
  args.push_back(paramArg("lr", ParamKind::hyper, scalarType));
  args.push_back(paramArg("step", ParamKind::hyper, scalarType));

  return emit("train_step", [&](Block *body, IRMapping &map) -> LogicalResult {
    SmallVector<Operation *> ops = cloneForward(map, /*training=*/true);
    FailureOr<Value> loss = lossAndOutputs(body, map);
    if (failed(loss))
      return failure();
    ops.push_back(loss->getDefiningOp());

    // Gradients of the trainable parameters.
    SmallVector<Value> params;
    for (unsigned i : s.trainable)
      params.push_back(map.lookup(forward.getArgument(i)));
    FailureOr<SmallVector<Value>> grads =
        buildAdjoints(b, ops, {{*loss, scalar(b, loc, 1.0)}}, params);
    if (failed(grads))
      return failure();
    SmallVector<Value> gradsq;
    for (auto [p, g] : llvm::zip(params, *grads)) {
      if (!g)
        g = zerosLike(b, loc, p);
      auto rank = cast<RankedTensorType>(g.getType()).getRank();
      auto dims = llvm::to_vector(llvm::seq<int64_t>(0, rank));
      gradsq.push_back(
          ReduceSumOp::create(b, loc, MulOp::create(b, loc, g, g), dims, false).getResult());
    }

    // Clipping by the global norm, as torch.nn.utils.clip_grad_norm_.
    if (c.clip) {
      Value total = gradsq[0];
      for (Value sq : llvm::drop_begin(gradsq))
        total = AddOp::create(b, loc, total, sq);
      Value norm = AddOp::create(b, loc, SqrtOp::create(b, loc, total), scalar(b, loc, 1e-6));
      Value coef = DivOp::create(b, loc, scalar(b, loc, *c.clip), norm);
      coef = ClampOp::create(b, loc, coef, FloatAttr(), b.getF64FloatAttr(1.0));
      for (Value &g : *grads)
        g = MulOp::create(b, loc, g, coef);
    }

    // Bias corrections 1 − β^step, computed once per step.
    Value lr = body->getArgument(args.size() - 2), step = body->getArgument(args.size() - 1);
    Value bc1, bc2sqrt;
    if (c.optimizer != "sgd") {
      auto correction = [&](double beta) -> Value {
        Value pow = ExpOp::create(b, loc, MulOp::create(b, loc, step, scalar(b, loc, std::log(beta))));
        return SubOp::create(b, loc, scalar(b, loc, 1.0), pow);
      };
      bc1 = correction(c.beta1);
      bc2sqrt = SqrtOp::create(b, loc, correction(c.beta2));
    }

    SmallVector<std::pair<Value, std::string>> newSlots;
    for (auto [k, i] : llvm::enumerate(s.trainable)) {
      SmallVector<Value> old;
      for (size_t j = 0; j < slots.size(); ++j)
        old.push_back(body->getArgument(firstSlot + k * slots.size() + j));
      auto [p, updated] = update(params[k], (*grads)[k], old, lr, bc1, bc2sqrt);
      result(p, paramName(i), ResultKind::update);
      for (auto [j, v] : llvm::enumerate(updated))
        newSlots.push_back({v, slotArgNames[k * slots.size() + j]});
    }
    // Running statistics of BatchNorm layers.
    for (Operation *op : ops)
      if (auto bn = dyn_cast<BatchNormOp>(op))
        for (auto [stat, updated] : {std::pair<Value, Value>{bn.getRunningMean(),
                                                             bn.getNewRunningMean()},
                                     {bn.getRunningVar(), bn.getNewRunningVar()}}) {
          auto arg = dyn_cast<BlockArgument>(stat);
          if (!arg || arg.getOwner() != body)
            continue;
          auto p = cast<func::FuncOp>(body->getParentOp())
                       .getArgAttrOfType<ParamAttr>(arg.getArgNumber(),
                                                    HNNDialect::getParamAttrName());
          if (!p || p.getKind() != ParamKind::state)
            continue;
          if (llvm::any_of(resultRoles, [&](auto &r) { return r.first == p.getName(); }))
            return bn.emitError("running statistic '")
                   << p.getName() << "' is updated by two batch_norm layers";
          result(updated, p.getName(), ResultKind::update);
        }
    for (auto &[v, name] : newSlots)
      result(v, name, ResultKind::update);
    for (auto [k, i] : llvm::enumerate(s.trainable))
      result(gradsq[k], paramName(i), ResultKind::gradsq);
    return success();
  });
}

LogicalResult StepBuilder::buildEval() {
  if (failed(startEntry()))
    return failure();
  return emit("eval_step", [&](Block *body, IRMapping &map) -> LogicalResult {
    cloneForward(map, /*training=*/false);
    return lossAndOutputs(body, map);
  });
}

LogicalResult StepBuilder::buildKANFeatures() {
  // Each B-spline layer's input, named by its grid parameter (f32 layers
  // expand to kan_spline, other precisions to bspline_basis).
  SmallVector<std::pair<Value, StringRef>> bases;
  forward.walk([&](Operation *op) {
    Value grid, input;
    if (auto basis = dyn_cast<BsplineBasisOp>(op))
      grid = basis.getGrid(), input = basis.getInput();
    else if (auto spline = dyn_cast<KanSplineOp>(op))
      grid = spline.getGrid(), input = spline.getInput();
    auto arg = dyn_cast_or_null<BlockArgument>(grid);
    if (!arg || arg.getOwner()->getParentOp() != forward)
      return;
    if (auto p = forward.getArgAttrOfType<ParamAttr>(arg.getArgNumber(),
                                                     HNNDialect::getParamAttrName()))
      bases.push_back({input, p.getName()});
  });
  if (bases.empty())
    return success();
  if (failed(startEntry()))
    return failure();
  return emit("kan_features", [&](Block *, IRMapping &map) -> LogicalResult {
    cloneForward(map, /*training=*/false);
    for (auto [input, name] : bases)
      result(map.lookup(input), name, ResultKind::output);
    return success();
  });
}

struct BuildTrainStepPass : hnn::impl::HNNBuildTrainStepBase<BuildTrainStepPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    for (StringRef name : {"train_step", "eval_step", "kan_features"})
      if (module.lookupSymbol(name)) {
        module.emitError("the module already defines @") << name;
        return signalPassFailure();
      }
    auto forward = module.lookupSymbol<func::FuncOp>("forward");
    // The reverse pass and the grid update see KAN layers as primitives.
    if (forward)
      expandKanLayers(forward);
    if (!forward || forward.isExternal() || !forward.getBody().hasOneBlock()) {
      module.emitError("training needs a single-block @forward function");
      return signalPassFailure();
    }
    FailureOr<Config> c = readConfig(module);
    if (failed(c))
      return signalPassFailure();
    FailureOr<Signature> s = classify(forward, *c);
    if (failed(s))
      return signalPassFailure();
    StepBuilder builder(module, forward, *c, *s);
    if (failed(builder.buildTrain()) || failed(builder.buildEval()) ||
        failed(builder.buildKANFeatures()))
      return signalPassFailure();
  }
};

} // namespace
