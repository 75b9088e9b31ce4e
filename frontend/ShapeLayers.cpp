//===- ShapeLayers.cpp - shape, data movement and reductions ---------------===//
#include "frontend/Builder.h"

#include "dialect/ShapeInference.h"

using namespace mlir::hnn::frontend;
using namespace mlir;

namespace {

Value result(Operation *op) { return LayerContext::result(op); }

NamedAttribute named(LayerContext &c, llvm::StringRef name, Attribute value) {
  return c.builder().getNamedAttr(name, value);
}
Attribute array(LayerContext &c, llvm::ArrayRef<int64_t> v) {
  return c.builder().getDenseI64ArrayAttr(v);
}

/// `shape:` entries are sizes, -1 (inferred, at most one) or `batch` (the
/// dynamic batch dimension).
Value buildReshape(LayerContext &c) {
  Attrs &a = c.attrs;
  if (!a.require("shape"))
    return Value();
  const YNode *node = a.node("shape");
  if (!node->isSequence())
    return a.error("shape", "expected a list of sizes for 'shape', got " + node->describe()),
           Value();
  llvm::SmallVector<int64_t> shape;
  int inferred = -1;
  for (const YNode &item : node->items) {
    if (item.isScalar() && item.value == "batch") {
      shape.push_back(ShapedType::kDynamic);
      continue;
    }
    std::optional<int64_t> v = asInt(item);
    if (!v || *v == 0 || *v < -1 || *v > kMaxInt) {
      c.attrs.diag().error(item.loc,
                           "expected a size, -1 or 'batch' in 'shape', got " + item.describe());
      a.fail();
      return Value();
    }
    if (*v == -1) {
      if (inferred >= 0)
        return a.error("shape", "'shape' may hold one -1"), Value();
      inferred = static_cast<int>(shape.size());
    }
    shape.push_back(*v);
  }
  if (!c.ready())
    return Value();
  RankedTensorType in = c.type();
  if (inferred >= 0) {
    int64_t inKnown = 1, outKnown = 1;
    int inDynamic = 0, outDynamic = 0;
    for (int64_t d : in.getShape()) {
      if (ShapedType::isDynamic(d))
        ++inDynamic;
      else
        inKnown *= d;
    }
    for (size_t i = 0; i < shape.size(); ++i) {
      if (ShapedType::isDynamic(shape[i]))
        ++outDynamic;
      else if (static_cast<int>(i) != inferred)
        outKnown *= shape[i];
    }
    if (inDynamic != outDynamic || outKnown == 0 || inKnown % outKnown != 0)
      return c.error("cannot reshape " + mlir::hnn::typeStr(in) + " into shape " +
                     mlir::hnn::shapeStr(shape) + " (write the batch dimension as 'batch')");
    shape[inferred] = inKnown / outKnown;
  }
  OperationState state(c.loc, mlir::hnn::ReshapeOp::getOperationName());
  state.addOperands(c.inputs[0]);
  state.addTypes(RankedTensorType::get(shape, in.getElementType()));
  return result(c.createTyped(state));
}

Value buildTranspose(LayerContext &c) {
  c.attrs.require("permutation");
  auto perm = c.attrs.optList("permutation");
  if (!c.ready() || !perm)
    return Value();
  return result(
      c.create<mlir::hnn::TransposeOp>(c.inputs, {named(c, "permutation", array(c, *perm))}));
}

Value buildFlatten(LayerContext &c) {
  int64_t start = c.attrs.getInt("start_dim", 1);
  int64_t end = c.attrs.getInt("end_dim", -1);
  if (!c.ready())
    return Value();
  auto &b = c.builder();
  return result(
      c.create<mlir::hnn::FlattenOp>(c.inputs, {named(c, "start_dim", b.getI64IntegerAttr(start)),
                                                named(c, "end_dim", b.getI64IntegerAttr(end))}));
}

Value buildConcat(LayerContext &c) {
  c.attrs.require("dim");
  int64_t dim = c.attrs.getInt("dim", 0);
  if (!c.ready())
    return Value();
  return result(c.create<mlir::hnn::ConcatOp>(
      c.inputs, {named(c, "dim", c.builder().getI64IntegerAttr(dim))}));
}

Value buildSlice(LayerContext &c) {
  Attrs &a = c.attrs;
  a.require("dims");
  a.require("starts");
  a.require("ends");
  auto dims = a.optList("dims");
  auto starts = a.optList("starts");
  auto ends = a.optList("ends");
  auto steps = a.optList("steps", 1);
  if (!c.ready() || !dims || !starts || !ends)
    return Value();
  for (auto [key, list] : {std::pair("starts", &*starts), std::pair("ends", &*ends),
                           std::pair("steps", steps ? &*steps : nullptr)})
    if (list && list->size() != dims->size())
      return a.error(key, "'" + llvm::Twine(key) + "' has " + llvm::Twine(list->size()) +
                              " entries but 'dims' has " + llvm::Twine(dims->size())),
             Value();
  llvm::SmallVector<NamedAttribute> attrs = {named(c, "dims", array(c, *dims)),
                                             named(c, "starts", array(c, *starts)),
                                             named(c, "ends", array(c, *ends))};
  if (steps)
    attrs.push_back(named(c, "steps", array(c, *steps)));
  return result(c.create<mlir::hnn::SliceOp>(c.inputs, attrs));
}

/// `low`/`high` (one entry per dimension) or PyTorch's `padding` (pairs from
/// the last dimension backwards, as torch.nn.functional.pad).
Value buildPad(LayerContext &c) {
  Attrs &a = c.attrs;
  auto padding = a.optList("padding", 0);
  auto lowList = a.optList("low", 0);
  auto highList = a.optList("high", 0);
  std::string mode =
      a.getChoice("mode", {"zeros", "constant", "reflect", "replicate", "circular"}, "zeros");
  double value = a.getNumber("value", 0.0);
  if (!c.ready())
    return Value();
  int64_t rank = c.type().getRank();
  llvm::SmallVector<int64_t> low(rank, 0), high(rank, 0);
  if (padding && (lowList || highList))
    return a.error("padding", "give either 'padding' or 'low'/'high', not both"), Value();
  if (padding) {
    if (padding->size() % 2 != 0 || static_cast<int64_t>(padding->size()) > 2 * rank)
      return a.error("padding", "'padding' holds (before, after) pairs from the last dimension, "
                                "at most " +
                                    llvm::Twine(rank) + " of them; got " +
                                    llvm::Twine(padding->size()) + " values"),
             Value();
    for (size_t i = 0; i < padding->size() / 2; ++i) {
      low[rank - 1 - i] = (*padding)[2 * i];
      high[rank - 1 - i] = (*padding)[2 * i + 1];
    }
  } else if (lowList || highList) {
    if (!lowList || !highList)
      return a.error(lowList ? "low" : "high", "'low' and 'high' go together"), Value();
    for (auto [key, list] : {std::pair("low", &*lowList), std::pair("high", &*highList)})
      if (static_cast<int64_t>(list->size()) != rank)
        return a.error(key, "'" + llvm::Twine(key) + "' needs one entry per dimension (" +
                                llvm::Twine(rank) + "), got " + llvm::Twine(list->size())),
               Value();
    low = *lowList;
    high = *highList;
  } else {
    return a.error("padding", "missing required key 'padding' (or 'low' and 'high') for "
                              "layer type 'pad'"),
           Value();
  }
  if (mode == "constant")
    mode = "zeros";
  auto &b = c.builder();
  return result(c.create<mlir::hnn::PadOp>(
      c.inputs,
      {named(c, "low", array(c, low)), named(c, "high", array(c, high)),
       named(c, "padding_mode",
             mlir::hnn::PaddingModeAttr::get(c.ctx(), *mlir::hnn::symbolizePaddingMode(mode))),
       named(c, "value", b.getF64FloatAttr(value))}));
}

Value buildUnfold(LayerContext &c) {
  Attrs &a = c.attrs;
  a.require("kernel_size");
  auto kernel = a.getTuple("kernel_size", 2, 1, 1);
  auto stride = a.getTuple("stride", 2, 1, 1);
  auto padding = a.getTuple("padding", 2, 0, 0);
  auto dilation = a.getTuple("dilation", 2, 1, 1);
  if (!c.ready())
    return Value();
  return result(c.create<mlir::hnn::UnfoldOp>(
      c.inputs,
      {named(c, "kernel_size", array(c, kernel)), named(c, "stride", array(c, stride)),
       named(c, "padding", array(c, padding)), named(c, "dilation", array(c, dilation))}));
}

Value buildUpsample(LayerContext &c) {
  c.attrs.require("scale_factor");
  auto scale = c.attrs.getTuple("scale_factor", 2, 1, 1);
  if (!c.ready())
    return Value();
  return result(c.create<mlir::hnn::UpsampleNearestOp>(
      c.inputs, {named(c, "scale_factor", array(c, scale))}));
}

template <typename OpTy, bool HasCorrection> Value buildReduce(LayerContext &c) {
  Attrs &a = c.attrs;
  a.require("dims");
  auto dims = a.optList("dims");
  bool keepdim = a.getBool("keepdim", false);
  int64_t correction = HasCorrection ? a.getInt("correction", 1, 0) : 0;
  if (!c.ready() || !dims)
    return Value();
  llvm::SmallVector<NamedAttribute> attrs = {named(c, "dims", array(c, *dims))};
  if (keepdim)
    attrs.push_back(named(c, "keepdim", c.builder().getUnitAttr()));
  if (HasCorrection)
    attrs.push_back(named(c, "correction", c.builder().getI64IntegerAttr(correction)));
  return result(c.create<OpTy>(c.inputs, attrs));
}

} // namespace

void mlir::hnn::frontend::addShapeLayers(std::vector<LayerDef> &defs) {
  using namespace mlir::hnn;
  defs.push_back({"reshape", 1, 1, {"shape"}, {}, buildReshape});
  defs.push_back({"transpose", 1, 1, {"permutation"}, {}, buildTranspose});
  defs.push_back({"flatten", 1, 1, {"start_dim", "end_dim"}, {}, buildFlatten});
  defs.push_back({"concat", 1, 0, {"dim"}, {}, buildConcat});
  defs.push_back({"slice", 1, 1, {"dims", "starts", "ends", "steps"}, {}, buildSlice});
  defs.push_back({"pad", 1, 1, {"padding", "low", "high", "mode", "value"}, {}, buildPad});
  defs.push_back(
      {"unfold", 1, 1, {"kernel_size", "stride", "padding", "dilation"}, {}, buildUnfold});
  defs.push_back({"upsample_nearest", 1, 1, {"scale_factor"}, {}, buildUpsample});
  defs.push_back({"reduce_sum", 1, 1, {"dims", "keepdim"}, {}, buildReduce<ReduceSumOp, false>});
  defs.push_back({"reduce_mean", 1, 1, {"dims", "keepdim"}, {}, buildReduce<ReduceMeanOp, false>});
  defs.push_back({"reduce_max", 1, 1, {"dims", "keepdim"}, {}, buildReduce<ReduceMaxOp, false>});
  defs.push_back(
      {"reduce_var", 1, 1, {"dims", "keepdim", "correction"}, {}, buildReduce<ReduceVarOp, true>});
}
