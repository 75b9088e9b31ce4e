//===- Values.cpp - typed reads of YAML values with diagnostics ------------===//
#include "frontend/Values.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/raw_ostream.h"

#include <cmath>

using namespace mlir::hnn::frontend;

std::optional<int64_t> mlir::hnn::frontend::asInt(const YNode &node) {
  if (!node.isScalar() || node.quoted)
    return std::nullopt;
  int64_t value;
  if (llvm::StringRef(node.value).getAsInteger(10, value))
    return std::nullopt;
  return value;
}

std::optional<double> mlir::hnn::frontend::asNumber(const YNode &node) {
  if (!node.isScalar() || node.quoted)
    return std::nullopt;
  llvm::StringRef text = node.value;
  double value;
  if (text.empty() || text.getAsDouble(value, /*AllowInexact=*/true) || !std::isfinite(value))
    return std::nullopt;
  return value;
}

std::optional<bool> mlir::hnn::frontend::asBool(const YNode &node) {
  if (!node.isScalar() || node.quoted)
    return std::nullopt;
  if (node.value == "true" || node.value == "True" || node.value == "TRUE")
    return true;
  if (node.value == "false" || node.value == "False" || node.value == "FALSE")
    return false;
  return std::nullopt;
}

std::string mlir::hnn::frontend::formatNumber(double v) {
  if (std::isinf(v))
    return v > 0 ? "inf" : "-inf";
  std::string text;
  llvm::raw_string_ostream os(text);
  os << llvm::format("%g", v);
  return text;
}

bool mlir::hnn::frontend::isName(llvm::StringRef s) {
  return !s.empty() && s.size() <= 128 &&
         llvm::all_of(s, [](char c) { return llvm::isAlnum(c) || c == '_'; });
}

bool mlir::hnn::frontend::checkKeys(Diag &d, const YNode &map,
                                    llvm::ArrayRef<llvm::StringRef> allowed,
                                    const llvm::Twine &where) {
  bool ok = true;
  for (const auto &entry : map.entries) {
    llvm::StringRef key = entry.first.value;
    if (llvm::is_contained(allowed, key))
      continue;
    d.error(entry.first.loc, "unknown key '" + key + "' in " + where + didYouMean(key, allowed));
    ok = false;
  }
  return ok;
}

bool Attrs::has(llvm::StringRef key) const { return map.get(key) != nullptr; }

const YNode *Attrs::node(llvm::StringRef key) const { return map.get(key); }

llvm::SMLoc Attrs::locOf(llvm::StringRef key) const {
  if (const YNode *value = map.get(key))
    return value->loc;
  return map.loc;
}

bool Attrs::require(llvm::StringRef key) {
  if (has(key))
    return true;
  d.error(map.loc, "missing required key '" + key + "' for " + owner);
  okFlag = false;
  return false;
}

void Attrs::error(llvm::StringRef key, const llvm::Twine &message) {
  d.error(locOf(key), message);
  okFlag = false;
}

std::optional<int64_t> Attrs::intOf(llvm::StringRef key, const YNode &value, int64_t min,
                                    llvm::StringRef expected) {
  std::optional<int64_t> v = asInt(value);
  if (!v) {
    d.error(value.loc, "expected " + expected + " for '" + key + "', got " + value.describe());
    okFlag = false;
    return std::nullopt;
  }
  if (*v < min) {
    d.error(value.loc,
            "'" + key + "' must be at least " + llvm::Twine(min) + ", got " + llvm::Twine(*v));
    okFlag = false;
    return std::nullopt;
  }
  if (*v > kMaxInt || *v < -kMaxInt) {
    d.error(value.loc, "'" + key + "' is out of range: " + llvm::Twine(*v));
    okFlag = false;
    return std::nullopt;
  }
  return v;
}

std::optional<int64_t> Attrs::optInt(llvm::StringRef key, int64_t min) {
  const YNode *value = map.get(key);
  if (!value)
    return std::nullopt;
  return intOf(key, *value, min, "an integer");
}

int64_t Attrs::getInt(llvm::StringRef key, int64_t dflt, int64_t min) {
  return optInt(key, min).value_or(dflt);
}

std::optional<double> Attrs::optNumber(llvm::StringRef key) {
  const YNode *value = map.get(key);
  if (!value)
    return std::nullopt;
  std::optional<double> v = asNumber(*value);
  if (!v) {
    d.error(value->loc, "expected a number for '" + key + "', got " + value->describe());
    okFlag = false;
  }
  return v;
}

double Attrs::getNumber(llvm::StringRef key, double dflt) { return optNumber(key).value_or(dflt); }

bool Attrs::getBool(llvm::StringRef key, bool dflt) {
  const YNode *value = map.get(key);
  if (!value)
    return dflt;
  std::optional<bool> v = asBool(*value);
  if (!v) {
    d.error(value->loc, "expected true or false for '" + key + "', got " + value->describe());
    okFlag = false;
    return dflt;
  }
  return *v;
}

std::optional<llvm::SmallVector<int64_t>> Attrs::optTuple(llvm::StringRef key, unsigned n,
                                                          int64_t min) {
  const YNode *value = map.get(key);
  if (!value)
    return std::nullopt;
  std::string expected = n == 2 ? "an integer or a pair [h, w]"
                                : "an integer or a list of " + std::to_string(n) + " integers";
  if (value->isSequence()) {
    if (value->items.size() != n) {
      d.error(value->loc, "expected " + expected + " for '" + key + "', got a list of " +
                              llvm::Twine(value->items.size()));
      okFlag = false;
      return std::nullopt;
    }
    llvm::SmallVector<int64_t> result;
    for (const YNode &item : value->items) {
      std::optional<int64_t> v = intOf(key, item, min, expected);
      if (!v)
        return std::nullopt;
      result.push_back(*v);
    }
    return result;
  }
  std::optional<int64_t> v = intOf(key, *value, min, expected);
  if (!v)
    return std::nullopt;
  return llvm::SmallVector<int64_t>(n, *v);
}

llvm::SmallVector<int64_t> Attrs::getTuple(llvm::StringRef key, unsigned n, int64_t dflt,
                                           int64_t min) {
  if (auto v = optTuple(key, n, min))
    return *v;
  return llvm::SmallVector<int64_t>(n, dflt);
}

std::optional<llvm::SmallVector<int64_t>> Attrs::optList(llvm::StringRef key, int64_t min) {
  const YNode *value = map.get(key);
  if (!value)
    return std::nullopt;
  const char *expected = "an integer or a list of integers";
  llvm::SmallVector<int64_t> result;
  if (!value->isSequence()) {
    std::optional<int64_t> v = intOf(key, *value, min, expected);
    if (!v)
      return std::nullopt;
    result.push_back(*v);
    return result;
  }
  for (const YNode &item : value->items) {
    std::optional<int64_t> v = intOf(key, item, min, expected);
    if (!v)
      return std::nullopt;
    result.push_back(*v);
  }
  return result;
}

std::string Attrs::getChoice(llvm::StringRef key, llvm::ArrayRef<llvm::StringRef> options,
                             llvm::StringRef dflt) {
  const YNode *value = map.get(key);
  if (!value)
    return dflt.str();
  if (value->isScalar() && llvm::is_contained(options, value->value))
    return value->value;
  std::string list = llvm::join(options, ", ");
  std::string hint = value->isScalar() ? didYouMean(value->value, options) : "";
  d.error(value->loc,
          "expected one of " + list + " for '" + key + "', got " + value->describe() + hint);
  okFlag = false;
  return dflt.str();
}
