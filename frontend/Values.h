//===- Values.h - typed reads of YAML values with diagnostics ----*- C++ -*-===//
//
// Reading a key of a mapping as an integer, a number, a boolean, a choice or
// a list, with an error at the value when it has the wrong form ("expected an
// integer for 'out_features', got 'abc'") and at the mapping when a required
// key is missing. Unknown keys are reported with a did-you-mean suggestion.
//
//===----------------------------------------------------------------------===//
#ifndef HNN_FRONTEND_VALUES_H
#define HNN_FRONTEND_VALUES_H

#include "frontend/YAMLTree.h"

#include "llvm/ADT/SmallVector.h"

namespace mlir::hnn::frontend {

/// Integers in a model (sizes, strides, dimensions) are limited to this
/// magnitude so that shape arithmetic cannot overflow.
constexpr int64_t kMaxInt = (int64_t(1) << 31) - 1;

/// Scalar conversions; nullopt (no error) when `node` does not have the form.
std::optional<int64_t> asInt(const YNode &node);
std::optional<double> asNumber(const YNode &node);
std::optional<bool> asBool(const YNode &node);

/// A number as people write it ("0.5", "1e-08", "2").
std::string formatNumber(double v);

/// A name usable in the model: letters, digits and '_'.
bool isName(llvm::StringRef s);

/// Reports every key of mapping `map` that is not in `allowed`, suggesting
/// the closest allowed one: "unknown key 'x' in <where>; did you mean 'y'?".
/// Returns false when there was one.
bool checkKeys(Diag &d, const YNode &map, llvm::ArrayRef<llvm::StringRef> allowed,
               const llvm::Twine &where);

/// Reads the keys of one mapping. Errors name `owner` ("layer type 'conv2d'",
/// "the optimizer"); after any error ok() is false.
class Attrs {
public:
  Attrs(Diag &d, const YNode &map, std::string owner) : d(d), map(map), owner(std::move(owner)) {}

  bool has(llvm::StringRef key) const;
  /// Where errors about `key` point: its value, or the mapping when absent.
  llvm::SMLoc locOf(llvm::StringRef key) const;
  const YNode *node(llvm::StringRef key) const;

  /// Reports a missing required key and returns false.
  bool require(llvm::StringRef key);
  void error(llvm::StringRef key, const llvm::Twine &message);

  std::optional<int64_t> optInt(llvm::StringRef key, int64_t min = -kMaxInt);
  int64_t getInt(llvm::StringRef key, int64_t dflt, int64_t min = -kMaxInt);
  std::optional<double> optNumber(llvm::StringRef key);
  double getNumber(llvm::StringRef key, double dflt);
  bool getBool(llvm::StringRef key, bool dflt);
  /// An integer or a list of `n` integers ([h, w] for n = 2).
  std::optional<llvm::SmallVector<int64_t>> optTuple(llvm::StringRef key, unsigned n, int64_t min);
  llvm::SmallVector<int64_t> getTuple(llvm::StringRef key, unsigned n, int64_t dflt, int64_t min);
  /// An integer or a list of integers of any length.
  std::optional<llvm::SmallVector<int64_t>> optList(llvm::StringRef key, int64_t min = -kMaxInt);
  /// One of `options`.
  std::string getChoice(llvm::StringRef key, llvm::ArrayRef<llvm::StringRef> options,
                        llvm::StringRef dflt);

  bool ok() const { return okFlag; }
  void fail() { okFlag = false; }
  Diag &diag() { return d; }
  const YNode &mapping() const { return map; }
  const std::string &ownerName() const { return owner; }

private:
  std::optional<int64_t> intOf(llvm::StringRef key, const YNode &value, int64_t min,
                               llvm::StringRef expected);

  Diag &d;
  const YNode &map;
  std::string owner;
  bool okFlag = true;
};

} // namespace mlir::hnn::frontend

#endif // HNN_FRONTEND_VALUES_H
