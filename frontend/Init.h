//===- Init.h - parameter initializers ----------------------------*- C++ -*-===//
//
// Initial parameter values, computed on the host and returned by the `@init`
// function as constants. PyTorch's default schemes are the defaults; `init:`
// on a layer overrides them per parameter. Values are deterministic: each
// parameter draws from its own splitmix64 stream seeded by the model's
// `seed` and the parameter's name (see docs/model-format.md), so adding a
// layer does not change the values of the others. They follow PyTorch's
// distributions, not its random numbers.
//
//===----------------------------------------------------------------------===//
#ifndef HNN_FRONTEND_INIT_H
#define HNN_FRONTEND_INIT_H

#include "frontend/YAMLTree.h"

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinTypes.h"

namespace mlir::hnn::frontend {

struct InitSpec {
  enum class Kind {
    Zeros,
    Ones,
    Constant,
    Uniform,
    Normal,
    Knots, // KAN grids: every row low, low + step, low + 2·step, …
    KaimingUniform,
    KaimingNormal,
    XavierUniform,
    XavierNormal,
  };
  Kind kind = Kind::Zeros;
  double a = 0;             // kaiming: negative slope of the leaky ReLU
  bool fanOut = false;      // kaiming: mode fan_out
  double gain = 1;          // xavier
  double value = 0;         // constant
  double low = 0, high = 1; // uniform
  double mean = 0, std = 1; // normal
  double step = 1;          // knots (with low)
  llvm::SMLoc loc;          // where an `init:` override was written

  static InitSpec constant(double v) {
    InitSpec s;
    s.kind = Kind::Constant;
    s.value = v;
    return s;
  }
  static InitSpec uniform(double low, double high) {
    InitSpec s;
    s.kind = Kind::Uniform;
    s.low = low;
    s.high = high;
    return s;
  }
  static InitSpec knots(double low, double step) {
    InitSpec s;
    s.kind = Kind::Knots;
    s.low = low;
    s.step = step;
    return s;
  }
  static InitSpec kaimingUniform(double a) {
    InitSpec s;
    s.kind = Kind::KaimingUniform;
    s.a = a;
    return s;
  }
  /// Whether the scheme reads fan-in/fan-out (needs at least 2 dimensions).
  bool needsFans() const { return kind >= Kind::KaimingUniform; }
  llvm::StringRef name() const;
};

/// Reads one `init:` entry: a kind name (`zeros`), a number (a constant), or
/// a mapping `{kind: ..., options}`. Reports errors and returns nullopt.
std::optional<InitSpec> parseInit(Diag &d, const YNode &node);

/// The initial value of parameter `name` with type `type`.
mlir::DenseElementsAttr initialValue(const InitSpec &spec, mlir::RankedTensorType type,
                                     llvm::StringRef name, uint64_t seed);

} // namespace mlir::hnn::frontend

#endif // HNN_FRONTEND_INIT_H
