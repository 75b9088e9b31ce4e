//===- Init.cpp - parameter initializers -----------------------------------===//
#include "frontend/Init.h"
#include "frontend/Values.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FormatVariadic.h"

#include <cmath>
#include <vector>

using namespace mlir::hnn::frontend;

namespace {
struct KindName {
  InitSpec::Kind kind;
  llvm::StringLiteral name;
};
const KindName kKinds[] = {
    {InitSpec::Kind::Zeros, "zeros"},
    {InitSpec::Kind::Ones, "ones"},
    {InitSpec::Kind::Constant, "constant"},
    {InitSpec::Kind::Uniform, "uniform"},
    {InitSpec::Kind::Normal, "normal"},
    {InitSpec::Kind::Knots, "knots"},
    {InitSpec::Kind::KaimingUniform, "kaiming_uniform"},
    {InitSpec::Kind::KaimingNormal, "kaiming_normal"},
    {InitSpec::Kind::XavierUniform, "xavier_uniform"},
    {InitSpec::Kind::XavierNormal, "xavier_normal"},
};

std::vector<llvm::StringRef> kindNames() {
  std::vector<llvm::StringRef> names;
  for (const KindName &k : kKinds)
    names.push_back(k.name);
  return names;
}

/// splitmix64 (Steele, Lea, Flood 2014): a 64-bit state advanced by a
/// constant, each output a bijective mix of the state.
struct SplitMix64 {
  uint64_t state;
  uint64_t next() {
    uint64_t z = (state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  /// Uniform in [0, 1) with 53 random bits.
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
  /// Standard normal by Box-Muller (the cosine half only).
  double normal() {
    double u1 = static_cast<double>((next() >> 11) + 1) * 0x1.0p-53; // (0, 1]
    double u2 = uniform();
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * M_PI * u2);
  }
};

/// FNV-1a, 64-bit, of the parameter name.
uint64_t hashName(llvm::StringRef name) {
  uint64_t h = 0xcbf29ce484222325ull;
  for (unsigned char c : name) {
    h ^= c;
    h *= 0x100000001b3ull;
  }
  return h;
}
} // namespace

llvm::StringRef InitSpec::name() const {
  for (const KindName &k : kKinds)
    if (k.kind == kind)
      return k.name;
  return "";
}

std::optional<InitSpec> mlir::hnn::frontend::parseInit(Diag &d, const YNode &node) {
  InitSpec spec;
  spec.loc = node.loc;
  if (std::optional<double> v = asNumber(node)) {
    spec.kind = InitSpec::Kind::Constant;
    spec.value = *v;
    return spec;
  }
  const YNode *kindNode = &node;
  if (node.isMapping()) {
    kindNode = node.get("kind");
    if (!kindNode) {
      d.error(node.loc, "missing required key 'kind' for an initializer");
      return std::nullopt;
    }
  }
  std::vector<llvm::StringRef> names = kindNames();
  const KindName *found = nullptr;
  if (kindNode->isScalar())
    for (const KindName &k : kKinds)
      if (k.name == kindNode->value)
        found = &k;
  if (!found) {
    d.error(kindNode->loc,
            "unknown initializer " + kindNode->describe() +
                (kindNode->isScalar() ? didYouMean(kindNode->value, names) : std::string()) +
                " (expected one of " + llvm::join(names, ", ") + ")");
    return std::nullopt;
  }
  spec.kind = found->kind;
  std::string owner = "initializer '" + found->name.str() + "'";
  if (!node.isMapping()) {
    if (spec.kind == InitSpec::Kind::Constant) {
      d.error(node.loc, "initializer 'constant' needs a value: {kind: constant, value: V}");
      return std::nullopt;
    }
    return spec;
  }
  std::vector<llvm::StringRef> keys = {"kind"};
  switch (spec.kind) {
  case InitSpec::Kind::KaimingUniform:
  case InitSpec::Kind::KaimingNormal:
    keys.insert(keys.end(), {"a", "mode"});
    break;
  case InitSpec::Kind::XavierUniform:
  case InitSpec::Kind::XavierNormal:
    keys.push_back("gain");
    break;
  case InitSpec::Kind::Constant:
    keys.push_back("value");
    break;
  case InitSpec::Kind::Uniform:
    keys.insert(keys.end(), {"low", "high"});
    break;
  case InitSpec::Kind::Normal:
    keys.insert(keys.end(), {"mean", "std"});
    break;
  case InitSpec::Kind::Knots:
    keys.insert(keys.end(), {"low", "step"});
    break;
  default:
    break;
  }
  if (!checkKeys(d, node, keys, owner))
    return std::nullopt;
  Attrs attrs(d, node, owner);
  spec.a = attrs.getNumber("a", 0);
  spec.fanOut = attrs.getChoice("mode", {"fan_in", "fan_out"}, "fan_in") == "fan_out";
  spec.gain = attrs.getNumber("gain", 1);
  if (spec.kind == InitSpec::Kind::Constant && attrs.require("value"))
    spec.value = attrs.getNumber("value", 0);
  spec.low = attrs.getNumber("low", 0);
  spec.high = attrs.getNumber("high", 1);
  spec.mean = attrs.getNumber("mean", 0);
  spec.std = attrs.getNumber("std", 1);
  spec.step = attrs.getNumber("step", 1);
  if (!attrs.ok())
    return std::nullopt;
  if (spec.kind == InitSpec::Kind::Uniform && spec.low > spec.high) {
    d.error(node.loc, "initializer 'uniform' needs low <= high, got low " + formatNumber(spec.low) +
                          " and high " + formatNumber(spec.high));
    return std::nullopt;
  }
  if (spec.kind == InitSpec::Kind::Knots && spec.step <= 0) {
    d.error(node.loc, "initializer 'knots' needs a positive 'step', got " + formatNumber(spec.step));
    return std::nullopt;
  }
  if (spec.std < 0 || spec.gain < 0) {
    d.error(node.loc, owner + " needs a non-negative " + (spec.std < 0 ? "'std'" : "'gain'"));
    return std::nullopt;
  }
  return spec;
}

mlir::DenseElementsAttr mlir::hnn::frontend::initialValue(const InitSpec &spec,
                                                          mlir::RankedTensorType type,
                                                          llvm::StringRef name, uint64_t seed) {
  auto splat = [&](double v) {
    float f = static_cast<float>(v);
    return mlir::DenseElementsAttr::get(type, llvm::ArrayRef<float>(f));
  };
  switch (spec.kind) {
  case InitSpec::Kind::Zeros:
    return splat(0);
  case InitSpec::Kind::Ones:
    return splat(1);
  case InitSpec::Kind::Constant:
    return splat(spec.value);
  default:
    break;
  }
  llvm::ArrayRef<int64_t> shape = type.getShape();
  double fanIn = 1, fanOut = 1;
  if (shape.size() >= 2) {
    double receptive = 1;
    for (int64_t s : shape.drop_front(2))
      receptive *= static_cast<double>(s);
    fanIn = static_cast<double>(shape[1]) * receptive;
    fanOut = static_cast<double>(shape[0]) * receptive;
  }
  double kaimingFan = spec.fanOut ? fanOut : fanIn;
  double kaimingGain = std::sqrt(2.0 / (1.0 + spec.a * spec.a));

  SplitMix64 rng{seed * 0x9E3779B97F4A7C15ull ^ hashName(name)};
  int64_t count = type.getNumElements();
  std::vector<float> values(static_cast<size_t>(count));
  auto fillUniform = [&](double low, double high) {
    for (float &v : values)
      v = static_cast<float>(low + (high - low) * rng.uniform());
  };
  auto fillNormal = [&](double mean, double std) {
    for (float &v : values)
      v = static_cast<float>(mean + std * rng.normal());
  };
  switch (spec.kind) {
  case InitSpec::Kind::Uniform:
    fillUniform(spec.low, spec.high);
    break;
  case InitSpec::Kind::Normal:
    fillNormal(spec.mean, spec.std);
    break;
  case InitSpec::Kind::Knots: {
    int64_t row = shape.empty() ? 1 : shape.back();
    for (int64_t i = 0; i < count; ++i)
      values[i] = static_cast<float>(spec.low + static_cast<double>(i % row) * spec.step);
    break;
  }
  case InitSpec::Kind::KaimingUniform: {
    double bound = kaimingGain * std::sqrt(3.0 / kaimingFan);
    fillUniform(-bound, bound);
    break;
  }
  case InitSpec::Kind::KaimingNormal:
    fillNormal(0, kaimingGain / std::sqrt(kaimingFan));
    break;
  case InitSpec::Kind::XavierUniform: {
    double bound = spec.gain * std::sqrt(6.0 / (fanIn + fanOut));
    fillUniform(-bound, bound);
    break;
  }
  case InitSpec::Kind::XavierNormal:
    fillNormal(0, spec.gain * std::sqrt(2.0 / (fanIn + fanOut)));
    break;
  default:
    break;
  }
  return mlir::DenseElementsAttr::get(type, llvm::ArrayRef<float>(values));
}
