//===- YAMLTree.cpp - a model file as a tree of located values -------------===//
#include "frontend/YAMLTree.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/YAMLParser.h"

using namespace mlir::hnn::frontend;

const YNode *YNode::get(llvm::StringRef key) const {
  for (const auto &[k, v] : entries)
    if (k.value == key)
      return &v;
  return nullptr;
}

YNode *YNode::get(llvm::StringRef key) {
  for (auto &[k, v] : entries)
    if (k.value == key)
      return &v;
  return nullptr;
}

const YNode *YNode::getKey(llvm::StringRef key) const {
  for (const auto &[k, v] : entries)
    if (k.value == key)
      return &k;
  return nullptr;
}

std::string YNode::describe() const {
  switch (kind) {
  case Kind::Null:
    return "nothing";
  case Kind::Scalar:
    return "'" + value + "'";
  case Kind::Sequence:
    return "a list";
  case Kind::Mapping:
    return "a mapping";
  }
  return "";
}

namespace {
// Models are shallow (model > blocks > block > layers > layer > init > kind);
// the limit keeps hostile inputs from exhausting the stack.
constexpr unsigned kMaxDepth = 64;

class Converter {
public:
  explicit Converter(Diag &d) : d(d) {}

  bool convert(llvm::yaml::Node *node, YNode &out, unsigned depth, llvm::SMLoc where = {}) {
    if (!node) {
      out.kind = YNode::Kind::Null;
      return true;
    }
    out.loc = node->getSourceRange().Start;
    if (depth > kMaxDepth) {
      d.error(out.loc,
              "the document is nested more than " + llvm::Twine(kMaxDepth) + " levels deep");
      return false;
    }
    if (auto *scalar = llvm::dyn_cast<llvm::yaml::ScalarNode>(node)) {
      llvm::SmallString<64> storage;
      llvm::StringRef text = scalar->getValue(storage);
      llvm::StringRef raw = scalar->getRawValue();
      out.quoted = !raw.empty() && (raw.front() == '"' || raw.front() == '\'');
      if (!out.quoted && (text == "~" || text == "null" || text == "Null" || text == "NULL")) {
        out.kind = YNode::Kind::Null;
        return true;
      }
      out.kind = YNode::Kind::Scalar;
      out.value = text.str();
      return true;
    }
    if (auto *block = llvm::dyn_cast<llvm::yaml::BlockScalarNode>(node)) {
      out.kind = YNode::Kind::Scalar;
      out.quoted = true;
      out.value = block->getValue().str();
      return true;
    }
    if (llvm::isa<llvm::yaml::NullNode>(node)) {
      out.kind = YNode::Kind::Null;
      return true;
    }
    if (llvm::isa<llvm::yaml::AliasNode>(node)) {
      // An alias node's range is not reliable: point at its key or list.
      d.error(where.isValid() ? where : out.loc,
              "YAML aliases ('*name') are not supported; use a block instead");
      return false;
    }
    if (auto *seq = llvm::dyn_cast<llvm::yaml::SequenceNode>(node)) {
      out.kind = YNode::Kind::Sequence;
      for (llvm::yaml::Node &item : *seq) {
        out.items.emplace_back();
        if (!convert(&item, out.items.back(), depth + 1, out.loc))
          return false;
      }
      return true;
    }
    if (auto *map = llvm::dyn_cast<llvm::yaml::MappingNode>(node)) {
      out.kind = YNode::Kind::Mapping;
      llvm::StringSet<> seen;
      for (llvm::yaml::KeyValueNode &kv : *map) {
        llvm::yaml::Node *key = kv.getKey();
        YNode keyNode;
        if (!key || !llvm::isa<llvm::yaml::ScalarNode>(key)) {
          d.error(key ? key->getSourceRange().Start : out.loc, "mapping keys must be plain names");
          return false;
        }
        if (!convert(key, keyNode, depth + 1))
          return false;
        keyNode.kind = YNode::Kind::Scalar;
        if (!seen.insert(keyNode.value).second) {
          d.error(keyNode.loc, "duplicate key '" + keyNode.value + "'");
          return false;
        }
        YNode valueNode;
        llvm::yaml::Node *value = kv.getValue();
        if (!convert(value, valueNode, depth + 1, keyNode.loc))
          return false;
        if (!valueNode.loc.isValid())
          valueNode.loc = keyNode.loc;
        out.entries.emplace_back(std::move(keyNode), std::move(valueNode));
      }
      return true;
    }
    d.error(out.loc, "unsupported YAML node");
    return false;
  }

private:
  Diag &d;
};
} // namespace

std::optional<YNode> mlir::hnn::frontend::parseYAMLTree(Diag &d, llvm::SourceMgr &sourceMgr,
                                                        unsigned bufferId) {
  llvm::MemoryBufferRef buffer = sourceMgr.getMemoryBuffer(bufferId)->getMemBufferRef();
  llvm::yaml::Stream stream(buffer, sourceMgr, /*ShowColors=*/false);
  llvm::yaml::document_iterator doc = stream.begin();
  if (doc == stream.end() || stream.failed()) {
    d.markFailed();
    if (!stream.failed())
      d.error(llvm::SMLoc::getFromPointer(buffer.getBufferStart()), "the model file is empty");
    return std::nullopt;
  }
  YNode root;
  bool ok = Converter(d).convert(doc->getRoot(), root, 0);
  if (stream.failed()) {
    d.markFailed();
    return std::nullopt;
  }
  if (!ok)
    return std::nullopt;
  if (++doc != stream.end()) {
    if (!stream.failed())
      d.error(doc->getRoot() ? doc->getRoot()->getSourceRange().Start : root.loc,
              "a model file holds one YAML document");
    d.markFailed();
    return std::nullopt;
  }
  if (stream.failed()) {
    d.markFailed();
    return std::nullopt;
  }
  if (!root.loc.isValid())
    root.loc = llvm::SMLoc::getFromPointer(buffer.getBufferStart());
  return root;
}
