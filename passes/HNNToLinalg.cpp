//===- HNNToLinalg.cpp - the conversion pass and its shared builders ------===//
#include "passes/HNNToLinalg.h"
#include "passes/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Transforms/DialectConversion.h"
#include "llvm/ADT/DenseSet.h"

namespace mlir::hnn {
#define GEN_PASS_DEF_CONVERTHNNTOLINALG
#define GEN_PASS_DEF_HNNCHECKLOWERABLE
#include "passes/Passes.h.inc"
} // namespace mlir::hnn

using namespace mlir;
using namespace mlir::hnn;
using namespace mlir::hnn::lowering;

//===----------------------------------------------------------------------===//
// Shared builders
//===----------------------------------------------------------------------===//

Value lowering::floatConst(OpBuilder &b, Location loc, Type type, double value) {
  return arith::ConstantOp::create(b, loc, type, b.getFloatAttr(type, value));
}

Type lowering::accumulatorType(Type elt) {
  return elt.isF32() ? elt : Float32Type::get(elt.getContext());
}

Value lowering::extendToF32(OpBuilder &b, Location loc, Value v) {
  if (v.getType().isF32())
    return v;
  return arith::ExtFOp::create(b, loc, b.getF32Type(), v);
}

Value lowering::truncateFromF32(OpBuilder &b, Location loc, Value v, Type type) {
  if (v.getType() == type)
    return v;
  return arith::TruncFOp::create(b, loc, type, v);
}

bool lowering::staticBeyondBatch(TypeRange types) {
  for (Type t : types) {
    auto rt = cast<RankedTensorType>(t);
    for (int64_t d = 1; d < rt.getRank(); ++d)
      if (rt.isDynamicDim(d))
        return false;
  }
  return true;
}

Value lowering::indexConst(OpBuilder &b, Location loc, int64_t value) {
  return arith::ConstantIndexOp::create(b, loc, value);
}

SmallVector<Value> lowering::dynamicSizesFrom(OpBuilder &b, Location loc, Value source,
                                              RankedTensorType type) {
  SmallVector<Value> sizes;
  for (int64_t i = 0; i < type.getRank(); ++i)
    if (type.isDynamicDim(i))
      sizes.push_back(tensor::DimOp::create(b, loc, source, i));
  return sizes;
}

/// Reassociation merging dimensions [0, n) of a rank-`rank` tensor.
static SmallVector<ReassociationIndices> leadingGroup(int64_t rank, int64_t n) {
  SmallVector<ReassociationIndices> reassoc(1);
  for (int64_t d = 0; d < n; ++d)
    reassoc[0].push_back(d);
  for (int64_t d = n; d < rank; ++d)
    reassoc.push_back({d});
  return reassoc;
}

/// `type` with dimensions [0, n) multiplied into one (dynamic if one is).
RankedTensorType lowering::collapsedType(RankedTensorType type, int64_t n) {
  int64_t lead = 1;
  for (int64_t d = 0; d < n; ++d)
    lead = type.isDynamicDim(d) || ShapedType::isDynamic(lead) ? ShapedType::kDynamic
                                                               : lead * type.getDimSize(d);
  SmallVector<int64_t> shape = {lead};
  llvm::append_range(shape, type.getShape().drop_front(n));
  return RankedTensorType::get(shape, type.getElementType());
}

/// Collapses dimensions [0, n) of `v` into one (n >= 1); the others stay.
Value lowering::collapseLeading(OpBuilder &b, Location loc, Value v, int64_t n) {
  auto type = cast<RankedTensorType>(v.getType());
  if (n == 1)
    return v;
  return tensor::CollapseShapeOp::create(b, loc, v, leadingGroup(type.getRank(), n));
}

/// Expands dimension 0 of `v` back into the first `n` dimensions of
/// `resultType`; a dynamic batch is read from dimension 0 of `source`.
Value lowering::expandLeading(OpBuilder &b, Location loc, Value v, RankedTensorType resultType, int64_t n,
                    Value source) {
  if (n == 1)
    return v;
  SmallVector<OpFoldResult> sizes;
  for (int64_t d = 0; d < resultType.getRank(); ++d)
    sizes.push_back(resultType.isDynamicDim(d)
                        ? OpFoldResult(tensor::DimOp::create(b, loc, source, d).getResult())
                        : OpFoldResult(b.getIndexAttr(resultType.getDimSize(d))));
  return tensor::ExpandShapeOp::create(b, loc, resultType, v, leadingGroup(resultType.getRank(), n),
                                       sizes);
}

Value lowering::emptyTensor(OpBuilder &b, Location loc, RankedTensorType type,
                            Value shapeSource) {
  return tensor::EmptyOp::create(b, loc, type.getShape(), type.getElementType(),
                                 dynamicSizesFrom(b, loc, shapeSource, type));
}

Value lowering::filledTensor(OpBuilder &b, Location loc, RankedTensorType type,
                             Value shapeSource, double value) {
  Value empty = emptyTensor(b, loc, type, shapeSource);
  Value scalar = floatConst(b, loc, type.getElementType(), value);
  return linalg::FillOp::create(b, loc, scalar, empty).getResult(0);
}

Value lowering::transpose(OpBuilder &b, Location loc, Value v, ArrayRef<int64_t> perm) {
  auto type = cast<RankedTensorType>(v.getType());
  SmallVector<int64_t> shape;
  SmallVector<Value> dyn;
  for (int64_t p : perm) {
    shape.push_back(type.getDimSize(p));
    if (type.isDynamicDim(p))
      dyn.push_back(tensor::DimOp::create(b, loc, v, p));
  }
  Value init = tensor::EmptyOp::create(b, loc, shape, type.getElementType(), dyn);
  return linalg::TransposeOp::create(b, loc, v, init, perm).getResult()[0];
}

Value lowering::elementwise(OpBuilder &b, Location loc, RankedTensorType resultType,
                            ValueRange inputs, BodyFn body) {
  int64_t rank = resultType.getRank();
  MLIRContext *ctx = b.getContext();
  SmallVector<AffineMap> maps;
  SmallVector<Value> dynSizes;
  SmallVector<bool> haveSize(rank, false);
  for (Value in : inputs) {
    auto t = cast<RankedTensorType>(in.getType());
    SmallVector<AffineExpr> exprs;
    int64_t offset = rank - t.getRank();
    for (int64_t d = 0; d < t.getRank(); ++d) {
      int64_t r = d + offset;
      // A size-1 dimension that the result stretches reads index 0.
      if (t.getDimSize(d) == 1 && resultType.getDimSize(r) != 1)
        exprs.push_back(getAffineConstantExpr(0, ctx));
      else
        exprs.push_back(getAffineDimExpr(r, ctx));
    }
    maps.push_back(AffineMap::get(rank, 0, exprs, ctx));
  }
  // Dynamic result sizes come from an input that has that dimension dynamic.
  for (int64_t r = 0; r < rank; ++r) {
    if (!resultType.isDynamicDim(r))
      continue;
    for (Value in : inputs) {
      auto t = cast<RankedTensorType>(in.getType());
      int64_t d = r - (rank - t.getRank());
      if (d >= 0 && t.isDynamicDim(d)) {
        dynSizes.push_back(tensor::DimOp::create(b, loc, in, d));
        break;
      }
    }
  }
  maps.push_back(b.getMultiDimIdentityMap(rank));
  Value init = tensor::EmptyOp::create(b, loc, resultType.getShape(),
                                       resultType.getElementType(), dynSizes);
  SmallVector<utils::IteratorType> iters(rank, utils::IteratorType::parallel);
  auto generic = linalg::GenericOp::create(
      b, loc, TypeRange{resultType}, inputs, ValueRange{init}, maps, iters,
      [&](OpBuilder &nb, Location nloc, ValueRange args) {
        Value v = body(nb, nloc, args.drop_back());
        linalg::YieldOp::create(nb, nloc, v);
      });
  return generic.getResult(0);
}

/// Source index along one dimension of size `n` for padded index `i` (already
/// shifted by the low padding), in a mode that reads inside the input.
static Value borderIndex(OpBuilder &b, Location loc, Value i, int64_t n, PaddingMode mode) {
  Value zero = indexConst(b, loc, 0);
  Value last = indexConst(b, loc, n - 1);
  Value size = indexConst(b, loc, n);
  Value below = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::slt, i, zero);
  Value above = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::sgt, i, last);
  Value lo, hi;
  switch (mode) {
  case PaddingMode::reflect: // -i and 2(n-1) - i
    lo = arith::SubIOp::create(b, loc, zero, i);
    hi = arith::SubIOp::create(b, loc, indexConst(b, loc, 2 * (n - 1)), i);
    break;
  case PaddingMode::replicate:
    lo = zero;
    hi = last;
    break;
  case PaddingMode::circular: // i + n and i - n (pads never exceed n)
    lo = arith::AddIOp::create(b, loc, i, size);
    hi = arith::SubIOp::create(b, loc, i, size);
    break;
  case PaddingMode::zeros:
    llvm_unreachable("zeros padding uses tensor.pad");
  }
  Value v = arith::SelectOp::create(b, loc, below, lo, i);
  return arith::SelectOp::create(b, loc, above, hi, v);
}

Value lowering::padTensor(OpBuilder &b, Location loc, Value input, ArrayRef<int64_t> low,
                          ArrayRef<int64_t> high, PaddingMode mode, double value) {
  auto type = cast<RankedTensorType>(input.getType());
  if (llvm::all_of(low, [](int64_t v) { return v == 0; }) &&
      llvm::all_of(high, [](int64_t v) { return v == 0; }))
    return input;
  SmallVector<int64_t> shape;
  for (int64_t d = 0; d < type.getRank(); ++d)
    shape.push_back(type.isDynamicDim(d) ? ShapedType::kDynamic
                                         : type.getDimSize(d) + low[d] + high[d]);
  auto resultType = RankedTensorType::get(shape, type.getElementType());
  if (mode == PaddingMode::zeros) {
    SmallVector<OpFoldResult> lo, hi;
    for (int64_t d = 0; d < type.getRank(); ++d) {
      lo.push_back(b.getIndexAttr(low[d]));
      hi.push_back(b.getIndexAttr(high[d]));
    }
    Value pad = floatConst(b, loc, type.getElementType(), value);
    return tensor::PadOp::create(b, loc, resultType, input, lo, hi, pad).getResult();
  }
  Value init = emptyTensor(b, loc, resultType, input);
  SmallVector<utils::IteratorType> iters(type.getRank(), utils::IteratorType::parallel);
  auto generic = linalg::GenericOp::create(
      b, loc, TypeRange{resultType}, ValueRange{}, ValueRange{init},
      SmallVector<AffineMap>{b.getMultiDimIdentityMap(type.getRank())}, iters,
      [&](OpBuilder &nb, Location nloc, ValueRange) {
        SmallVector<Value> idx;
        for (int64_t d = 0; d < type.getRank(); ++d) {
          Value i = linalg::IndexOp::create(nb, nloc, d);
          if (low[d] == 0 && high[d] == 0) {
            idx.push_back(i);
            continue;
          }
          i = arith::SubIOp::create(nb, nloc, i, indexConst(nb, nloc, low[d]));
          idx.push_back(borderIndex(nb, nloc, i, type.getDimSize(d), mode));
        }
        Value v = tensor::ExtractOp::create(nb, nloc, input, idx);
        linalg::YieldOp::create(nb, nloc, v);
      });
  return generic.getResult(0);
}

Value lowering::reduce(OpBuilder &b, Location loc, Value input, ArrayRef<int64_t> dims,
                       double init,
                       llvm::function_ref<Value(OpBuilder &, Location, Value, Value)> combine) {
  auto type = cast<RankedTensorType>(input.getType());
  SmallVector<int64_t> shape;
  SmallVector<Value> dynSizes;
  for (int64_t d = 0; d < type.getRank(); ++d) {
    if (llvm::is_contained(dims, d))
      continue;
    shape.push_back(type.getDimSize(d));
    if (type.isDynamicDim(d))
      dynSizes.push_back(tensor::DimOp::create(b, loc, input, d));
  }
  auto resultType = RankedTensorType::get(shape, type.getElementType());
  Value empty = tensor::EmptyOp::create(b, loc, shape, type.getElementType(), dynSizes);
  Value fill =
      linalg::FillOp::create(b, loc, floatConst(b, loc, type.getElementType(), init), empty)
          .getResult(0);
  auto op = linalg::ReduceOp::create(
      b, loc, ValueRange{input}, ValueRange{fill}, dims,
      [&](OpBuilder &nb, Location nloc, ValueRange args) {
        linalg::YieldOp::create(nb, nloc, combine(nb, nloc, args[0], args[1]));
      });
  (void)resultType;
  return op.getResult(0);
}

void hnn::populateHNNToLinalgPatterns(RewritePatternSet &patterns) {
  populateHNNToLinalgElementwisePatterns(patterns);
  populateHNNToLinalgContractionPatterns(patterns);
  populateHNNToLinalgConvPatterns(patterns);
  populateHNNToLinalgPoolPatterns(patterns);
  populateHNNToLinalgNormPatterns(patterns);
  populateHNNToLinalgShapePatterns(patterns);
  populateHNNToLinalgReducePatterns(patterns);
  populateHNNToLinalgKANPatterns(patterns);
}

//===----------------------------------------------------------------------===//
// Passes
//===----------------------------------------------------------------------===//

namespace {

struct ConvertHNNToLinalgPass : hnn::impl::ConvertHNNToLinalgBase<ConvertHNNToLinalgPass> {
  void runOnOperation() override {
    MLIRContext *ctx = &getContext();
    ConversionTarget target(*ctx);
    target.addIllegalDialect<HNNDialect>();
    target.addLegalDialect<linalg::LinalgDialect, tensor::TensorDialect, arith::ArithDialect,
                           math::MathDialect, func::FuncDialect, scf::SCFDialect>();
    RewritePatternSet patterns(ctx);
    populateHNNToLinalgPatterns(patterns);
    if (failed(applyPartialConversion(getOperation(), target, std::move(patterns))))
      signalPassFailure();
  }
};

struct HNNCheckLowerablePass : hnn::impl::HNNCheckLowerableBase<HNNCheckLowerablePass> {
  // Dialects whose ops the CPU pipeline compiles. hnn ops all have a lowering.
  static constexpr llvm::StringLiteral kCompiled[] = {"hnn",    "builtin", "func", "arith",
                                                      "math",   "tensor",  "linalg", "scf"};

  /// Only the leading (batch) dimension may be dynamic, and tensors are ranked.
  static bool checkType(Operation *op, Type t, const Twine &what) {
    if (isa<UnrankedTensorType>(t)) {
      op->emitError() << what << " has unranked type " << t << ", which cannot be compiled";
      return false;
    }
    auto rt = dyn_cast<RankedTensorType>(t);
    for (int64_t d = 1; rt && d < rt.getRank(); ++d)
      if (rt.isDynamicDim(d)) {
        op->emitError() << what << " has type " << rt << ", dynamic in dimension " << d
                        << "; only the batch (dimension 0) may be dynamic";
        return false;
      }
    return true;
  }

  /// Whether `op` makes a dynamic size that is not the batch: a concat along
  /// the batch, or a flatten that merges it with other dimensions.
  static bool mergesBatch(Operation *op) {
    if (auto concat = dyn_cast<ConcatOp>(op)) {
      auto t = concat.getOutput().getType();
      return t.isDynamicDim(0) && normalizeDim(concat.getDim(), t.getRank()) == 0;
    }
    if (auto flatten = dyn_cast<FlattenOp>(op)) {
      auto in = flatten.getInput().getType();
      int64_t rank = std::max<int64_t>(in.getRank(), 1);
      auto start = normalizeDim(flatten.getStartDim(), rank);
      auto end = normalizeDim(flatten.getEndDim(), rank);
      return in.getRank() > 0 && in.isDynamicDim(0) && start == 0 && end && *end > 0;
    }
    return false;
  }

  /// The runtime sizes every dynamic result dimension by the batch, so a
  /// returned value whose dynamic size is something else (traced forward
  /// from where it is made) would be mis-sized.
  static bool checkReturnedSizes(func::FuncOp func) {
    llvm::DenseSet<Value> notBatch;
    bool ok = true;
    func.walk([&](Operation *op) {
      if (auto ret = dyn_cast<func::ReturnOp>(op)) {
        for (auto [i, v] : llvm::enumerate(ret.getOperands()))
          if (notBatch.contains(v)) {
            ret.emitError() << "result " << i
                            << " has a dynamic size that is not the batch (the batch is "
                               "concatenated or merged with other dimensions); fix the "
                               "batch at compile time (hnnc --batch=N)";
            ok = false;
          }
        return;
      }
      bool tainted = mergesBatch(op) ||
                     llvm::any_of(op->getOperands(), [&](Value v) { return notBatch.contains(v); });
      if (!tainted)
        return;
      for (Value r : op->getResults())
        if (auto t = dyn_cast<RankedTensorType>(r.getType()); t && !t.hasStaticShape())
          notBatch.insert(r);
    });
    return ok;
  }

  void runOnOperation() override {
    bool ok = true;
    for (auto func : getOperation().getOps<func::FuncOp>())
      if (func.isPublic() && !func.isExternal())
        ok &= checkReturnedSizes(func);
    getOperation().walk([&](Operation *op) {
      StringRef ns = op->getName().getDialectNamespace();
      if (!llvm::is_contained(kCompiled, ns)) {
        op->emitError() << "'" << op->getName()
                        << "' cannot be compiled: the pipeline lowers only the hnn, func, "
                           "arith, math, tensor, linalg and scf dialects";
        ok = false;
        return;
      }
      for (auto [i, t] : llvm::enumerate(op->getResultTypes()))
        ok &= checkType(op, t, "result " + Twine(i));
      for (Region &region : op->getRegions())
        for (Block &block : region)
          for (BlockArgument arg : block.getArguments())
            ok &= checkType(op, arg.getType(), "argument " + Twine(arg.getArgNumber()));
    });
    if (!ok)
      signalPassFailure();
  }
};

} // namespace
