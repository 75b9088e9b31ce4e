//===- YAMLTree.h - a model file as a tree of located values -----*- C++ -*-===//
//
// The model file parsed with LLVM's YAML parser (JSON is accepted as the
// subset it is) into a small owned tree. Every node keeps the position where
// it starts, so any later error can point at it. Owning the tree (rather than
// keeping llvm::yaml nodes alive) lets block instantiation copy a layer and
// substitute `$param` references in place.
//
//===----------------------------------------------------------------------===//
#ifndef HNN_FRONTEND_YAMLTREE_H
#define HNN_FRONTEND_YAMLTREE_H

#include "frontend/Diagnostics.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/SMLoc.h"

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace mlir::hnn::frontend {

struct YNode {
  enum class Kind { Null, Scalar, Sequence, Mapping };
  Kind kind = Kind::Null;
  /// Scalar text (unescaped).
  std::string value;
  /// A quoted scalar is always a string, never a number or a boolean.
  bool quoted = false;
  llvm::SMLoc loc;
  std::vector<YNode> items;                     // Sequence
  std::vector<std::pair<YNode, YNode>> entries; // Mapping: (scalar key, value)

  bool isNull() const { return kind == Kind::Null; }
  bool isScalar() const { return kind == Kind::Scalar; }
  bool isSequence() const { return kind == Kind::Sequence; }
  bool isMapping() const { return kind == Kind::Mapping; }

  /// The value of `key` in a mapping, or null.
  const YNode *get(llvm::StringRef key) const;
  YNode *get(llvm::StringRef key);
  /// The key node of `key` (for errors about the key itself), or null.
  const YNode *getKey(llvm::StringRef key) const;

  /// How the node reads in an error message: 'text' for a scalar, else
  /// "a list", "a mapping" or "nothing".
  std::string describe() const;
};

/// Parses the whole buffer `bufferId` of `sourceMgr` as one YAML document.
/// YAML syntax errors are printed through the SourceMgr; structural errors
/// (duplicate keys, aliases, non-scalar keys, nesting too deep) through `d`.
/// Returns nullopt after an error.
std::optional<YNode> parseYAMLTree(Diag &d, llvm::SourceMgr &sourceMgr, unsigned bufferId);

} // namespace mlir::hnn::frontend

#endif // HNN_FRONTEND_YAMLTREE_H
