//===- ShapeInference.cpp - shape arithmetic shared by the ops ------------===//
#include "dialect/ShapeInference.h"

#include "mlir/IR/Diagnostics.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallSet.h"
#include "llvm/Support/raw_ostream.h"

using namespace mlir;

static constexpr int64_t kDyn = ShapedType::kDynamic;

std::optional<int64_t> hnn::normalizeDim(int64_t dim, int64_t rank) {
  if (dim < -rank || dim >= rank)
    return std::nullopt;
  return dim < 0 ? dim + rank : dim;
}

std::optional<SmallVector<int64_t>> hnn::broadcastShapes(ArrayRef<int64_t> a,
                                                         ArrayRef<int64_t> b) {
  size_t rank = std::max(a.size(), b.size());
  SmallVector<int64_t> out(rank);
  for (size_t i = 0; i < rank; ++i) {
    // Walk both shapes from the right; a missing dimension acts as 1.
    int64_t x = i < a.size() ? a[a.size() - 1 - i] : 1;
    int64_t y = i < b.size() ? b[b.size() - 1 - i] : 1;
    int64_t r;
    if (x == 1)
      r = y;
    else if (y == 1)
      r = x;
    else if (x == kDyn)
      r = y;
    else if (y == kDyn || x == y)
      r = x;
    else
      return std::nullopt;
    out[rank - 1 - i] = r;
  }
  return out;
}

static int64_t ceilDiv(int64_t a, int64_t b) { return a >= 0 ? (a + b - 1) / b : -((-a) / b); }
static int64_t floorDiv(int64_t a, int64_t b) { return a >= 0 ? a / b : -((-a + b - 1) / b); }

int64_t hnn::windowOutputSize(int64_t in, int64_t kernel, int64_t stride, int64_t padLow,
                              int64_t padHigh, int64_t dilation, bool ceilMode) {
  if (in == kDyn)
    return kDyn;
  // span may be negative: the kernel overhangs the input; floor then gives
  // no window and ceil at most one (which PyTorch keeps if it starts inside).
  int64_t span = in + padLow + padHigh - dilation * (kernel - 1) - 1;
  int64_t out = (ceilMode ? ceilDiv(span, stride) : floorDiv(span, stride)) + 1;
  // PyTorch drops a last window that would start in the high padding.
  if (ceilMode && (out - 1) * stride >= in + padLow)
    --out;
  return out;
}

int64_t hnn::convTransposeOutputSize(int64_t in, int64_t kernel, int64_t stride, int64_t pad,
                                     int64_t dilation, int64_t outputPadding) {
  if (in == kDyn)
    return kDyn;
  return (in - 1) * stride - 2 * pad + dilation * (kernel - 1) + outputPadding + 1;
}

SmallVector<int64_t, 2> hnn::pairOr(std::optional<ArrayRef<int64_t>> attr, int64_t dflt) {
  if (!attr)
    return {dflt, dflt};
  return SmallVector<int64_t, 2>(attr->begin(), attr->end());
}

LogicalResult hnn::emitInferError(std::optional<Location> loc, StringRef opName,
                                  const Twine &message) {
  return emitOptionalError(loc, "'", opName, "' op ", message);
}

std::string hnn::shapeStr(ArrayRef<int64_t> shape) {
  if (shape.empty())
    return "scalar (rank 0)";
  std::string s;
  llvm::raw_string_ostream os(s);
  llvm::interleave(
      shape, os, [&](int64_t d) { d == kDyn ? os << '?' : os << d; }, "x");
  return s;
}

std::string hnn::typeStr(Type type) {
  std::string s;
  llvm::raw_string_ostream os(s);
  os << type;
  return s;
}

LogicalResult hnn::inferBroadcastType(std::optional<Location> loc, StringRef opName, Type lhs,
                                      Type rhs, SmallVectorImpl<Type> &types) {
  auto a = dyn_cast<RankedTensorType>(lhs);
  auto b = dyn_cast<RankedTensorType>(rhs);
  if (!a || !b)
    return emitInferError(loc, opName, "expects ranked tensor operands");
  if (a.getElementType() != b.getElementType())
    return emitInferError(loc, opName,
                          "expects operands of one element type, got " +
                              llvm::Twine(typeStr(a.getElementType())) + " and " +
                              typeStr(b.getElementType()));
  auto shape = broadcastShapes(a.getShape(), b.getShape());
  if (!shape)
    return emitInferError(loc, opName,
                          "operand shapes " + shapeStr(a.getShape()) + " and " +
                              shapeStr(b.getShape()) + " do not broadcast");
  types.push_back(RankedTensorType::get(*shape, a.getElementType()));
  return success();
}

LogicalResult hnn::inferReductionType(std::optional<Location> loc, StringRef opName,
                                      Type input, ArrayRef<int64_t> dims, bool keepdim,
                                      SmallVectorImpl<Type> &types) {
  auto t = dyn_cast<RankedTensorType>(input);
  if (!t)
    return emitInferError(loc, opName, "expects a ranked tensor");
  int64_t rank = t.getRank();
  if (dims.empty())
    return emitInferError(loc, opName, "expects at least one dimension in 'dims'");
  llvm::SmallSet<int64_t, 4> seen;
  for (int64_t d : dims) {
    auto nd = normalizeDim(d, rank);
    if (!nd)
      return emitInferError(loc, opName,
                            "dimension " + Twine(d) + " is out of range for rank " +
                                Twine(rank));
    if (!seen.insert(*nd).second)
      return emitInferError(loc, opName, "dimension " + Twine(d) + " is reduced twice");
  }
  SmallVector<int64_t> shape;
  for (int64_t i = 0; i < rank; ++i) {
    if (!seen.contains(i))
      shape.push_back(t.getDimSize(i));
    else if (keepdim)
      shape.push_back(1);
  }
  types.push_back(RankedTensorType::get(shape, t.getElementType()));
  return success();
}

LogicalResult hnn::checkSameElementType(std::optional<Location> loc, StringRef opName,
                                        ArrayRef<std::pair<StringRef, Type>> types) {
  Type first;
  StringRef firstName;
  for (auto [name, type] : types) {
    if (!type)
      continue;
    auto t = dyn_cast<RankedTensorType>(type);
    if (!t)
      return emitInferError(loc, opName, "expects '" + name + "' to be a ranked tensor");
    if (!first) {
      first = t.getElementType();
      firstName = name;
    } else if (t.getElementType() != first) {
      return emitInferError(loc, opName,
                            "expects '" + name + "' to have the element type of '" +
                                firstName + "' (" + typeStr(first) + "), got " +
                                typeStr(t.getElementType()));
    }
  }
  return success();
}
