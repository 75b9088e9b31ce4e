//===- Training.cpp - the loss: and optimizer: sections --------------------===//
//
// Checked here and kept on the module as a dictionary attribute for the
// training milestone:
//
//   hnn.training = {loss = {type = "cross_entropy", labels = "y", ...},
//                    optimizer = {type = "adamw", lr = 1.0e-03 : f64, ...}}
//
// Defaults are filled in, so the consumer needs no second copy of them.
//
//===----------------------------------------------------------------------===//
#include "frontend/Builder.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FormatVariadic.h"

#include <cmath>

using namespace mlir::hnn::frontend;
using namespace mlir;

namespace {

class Section {
public:
  Section(Diag &d, const YNode &map, std::string owner)
      : attrs(d, map, std::move(owner)), b(d.getContext()) {}

  Attrs attrs;
  Builder b;
  llvm::SmallVector<NamedAttribute> fields;

  void str(llvm::StringRef key, llvm::StringRef value) {
    fields.push_back(b.getNamedAttr(key, b.getStringAttr(value)));
  }
  /// A number in [min, max] (`open` excludes the bounds).
  void number(llvm::StringRef key, std::optional<double> dflt, double min, double max,
              bool openMin = false, bool openMax = false) {
    std::optional<double> v = attrs.optNumber(key);
    if (!v && attrs.has(key))
      return;
    if (v && ((openMin ? *v <= min : *v < min) || (openMax ? *v >= max : *v > max))) {
      if (std::isinf(max))
        attrs.error(key, "'" + key + "' must be " + (openMin ? "greater than " : "at least ") +
                             fmt(min) + ", got " + fmt(*v));
      else
        attrs.error(key, "'" + key + "' must be in " + (openMin ? "(" : "[") + fmt(min) + ", " +
                             fmt(max) + (openMax ? ")" : "]") + ", got " + fmt(*v));
      return;
    }
    if (!v)
      v = dflt;
    if (v)
      fields.push_back(b.getNamedAttr(key, b.getF64FloatAttr(*v)));
  }
  void integer(llvm::StringRef key, std::optional<int64_t> dflt, int64_t min) {
    std::optional<int64_t> v = attrs.optInt(key, min);
    if (!v && attrs.has(key))
      return;
    if (!v)
      v = dflt;
    if (v)
      fields.push_back(b.getNamedAttr(key, b.getI64IntegerAttr(*v)));
  }
  void boolean(llvm::StringRef key, bool dflt) {
    fields.push_back(b.getNamedAttr(key, b.getBoolAttr(attrs.getBool(key, dflt))));
  }
  DictionaryAttr dict() { return b.getDictionaryAttr(fields); }

  static std::string fmt(double v) { return formatNumber(v); }
};

/// The `type:` of a section, one of `types`.
std::optional<std::string> sectionType(Diag &d, const YNode &map, llvm::StringRef section,
                                       llvm::ArrayRef<llvm::StringRef> types) {
  const YNode *type = map.get("type");
  if (!type) {
    d.error(map.loc, "missing required key 'type' for the " + section);
    return std::nullopt;
  }
  if (type->isScalar() && llvm::is_contained(types, type->value))
    return type->value;
  d.error(type->loc, "unknown " + section + " type " + type->describe() +
                         (type->isScalar() ? didYouMean(type->value, types) : std::string()) +
                         " (expected one of " + llvm::join(types, ", ") + ")");
  return std::nullopt;
}

DictionaryAttr buildLoss(Diag &d, const ModelSpec &model, const YNode &map) {
  std::optional<std::string> type =
      sectionType(d, map, "loss", {"cross_entropy", "mse", "relative_l2"});
  if (!type)
    return nullptr;
  std::vector<llvm::StringRef> keys = {"type", "labels", "output", "reduction"};
  if (*type == "cross_entropy")
    keys.push_back("label_smoothing");
  std::string owner = "the " + *type + " loss";
  if (!checkKeys(d, map, keys, owner))
    return nullptr;
  Section s(d, map, owner);
  s.str("type", *type);
  // What the loss compares against: a model input (the labels or targets).
  if (s.attrs.require("labels")) {
    const YNode *labels = map.get("labels");
    const InputSpec *input = nullptr;
    std::vector<llvm::StringRef> names;
    for (const InputSpec &in : model.inputs) {
      names.push_back(in.name);
      if (labels->isScalar() && in.name == labels->value)
        input = &in;
    }
    if (!input) {
      s.attrs.error("labels",
                    "'labels' must name a model input, got " + labels->describe() +
                        (labels->isScalar() ? didYouMean(labels->value, names) : std::string()));
    } else if (*type == "cross_entropy" && input->dtype != "i32" && input->dtype != "i64") {
      s.attrs.error("labels", "the cross_entropy loss needs integer class labels; input '" +
                                  input->name + "' has dtype " + input->dtype);
    } else {
      s.str("labels", input->name);
      // The forward function does not take the labels; the train step does.
      s.fields.push_back(
          s.b.getNamedAttr("labels_type", TypeAttr::get(inputType(s.b, *input))));
    }
  }
  // Which output of the model is the prediction (default: the first).
  if (const YNode *output = map.get("output")) {
    if (!output->isScalar() || !isName(output->value))
      s.attrs.error("output",
                    "expected the name of a model output for 'output', got " + output->describe());
    else
      s.str("output", output->value);
  }
  s.str("reduction", s.attrs.getChoice("reduction", {"mean", "sum"}, "mean"));
  if (*type == "cross_entropy")
    s.number("label_smoothing", 0.0, 0.0, 1.0, false, true);
  return s.attrs.ok() ? s.dict() : nullptr;
}

DictionaryAttr buildSchedule(Diag &d, const YNode &map) {
  if (!map.isMapping()) {
    d.error(map.loc, "'schedule' must be a mapping like {type: cosine, total_steps: 1000}, got " +
                         map.describe());
    return nullptr;
  }
  std::optional<std::string> type =
      sectionType(d, map, "schedule", {"constant", "step", "cosine", "one_cycle"});
  if (!type)
    return nullptr;
  std::vector<llvm::StringRef> keys = {"type", "warmup_steps"};
  if (*type == "step")
    keys.insert(keys.end(), {"step_size", "gamma"});
  else if (*type == "cosine")
    keys.insert(keys.end(), {"total_steps", "min_lr"});
  else if (*type == "one_cycle")
    keys.insert(keys.end(), {"total_steps", "max_lr", "pct_start"});
  std::string owner = "the " + *type + " schedule";
  if (!checkKeys(d, map, keys, owner))
    return nullptr;
  Section s(d, map, owner);
  s.str("type", *type);
  s.integer("warmup_steps", 0, 0);
  if (*type == "step") {
    s.attrs.require("step_size");
    s.integer("step_size", std::nullopt, 1);
    s.number("gamma", 0.1, 0.0, 1.0, true, false);
  } else if (*type == "cosine") {
    s.attrs.require("total_steps");
    s.integer("total_steps", std::nullopt, 1);
    s.number("min_lr", 0.0, 0.0, INFINITY);
  } else if (*type == "one_cycle") {
    s.attrs.require("total_steps");
    s.attrs.require("max_lr");
    s.integer("total_steps", std::nullopt, 1);
    s.number("max_lr", std::nullopt, 0.0, INFINITY, true);
    s.number("pct_start", 0.3, 0.0, 1.0, true, true);
  }
  return s.attrs.ok() ? s.dict() : nullptr;
}

DictionaryAttr buildOptimizer(Diag &d, const YNode &map) {
  std::optional<std::string> type = sectionType(d, map, "optimizer", {"sgd", "adam", "adamw"});
  if (!type)
    return nullptr;
  std::vector<llvm::StringRef> keys = {"type", "lr", "weight_decay", "clip_grad_norm", "schedule"};
  if (*type == "sgd")
    keys.insert(keys.end(), {"momentum", "nesterov"});
  else
    keys.insert(keys.end(), {"betas", "eps"});
  std::string owner = "optimizer '" + *type + "'";
  if (!checkKeys(d, map, keys, owner))
    return nullptr;
  Section s(d, map, owner);
  s.str("type", *type);
  s.attrs.require("lr");
  s.number("lr", std::nullopt, 0.0, INFINITY, true);
  s.number("weight_decay", *type == "adamw" ? 0.01 : 0.0, 0.0, INFINITY);
  s.number("clip_grad_norm", std::nullopt, 0.0, INFINITY, true);
  if (*type == "sgd") {
    s.number("momentum", 0.0, 0.0, 1.0, false, true);
    bool nesterov = s.attrs.getBool("nesterov", false);
    std::optional<double> momentum = asNumber(map.get("momentum") ? *map.get("momentum") : YNode());
    if (nesterov && (!momentum || *momentum <= 0))
      s.attrs.error("nesterov", "'nesterov' needs a positive 'momentum'");
    s.fields.push_back(s.b.getNamedAttr("nesterov", s.b.getBoolAttr(nesterov)));
  } else {
    std::optional<llvm::SmallVector<int64_t>> unused;
    const YNode *betas = map.get("betas");
    double b1 = 0.9, b2 = 0.999;
    if (betas) {
      std::optional<double> v1, v2;
      if (betas->isSequence() && betas->items.size() == 2) {
        v1 = asNumber(betas->items[0]);
        v2 = asNumber(betas->items[1]);
      }
      if (!v1 || !v2 || *v1 < 0 || *v1 >= 1 || *v2 < 0 || *v2 >= 1)
        s.attrs.error("betas",
                      "'betas' must be a pair [beta1, beta2] of numbers in [0, 1), got " +
                          (betas->isScalar() ? betas->describe() : std::string("another value")));
      else {
        b1 = *v1;
        b2 = *v2;
      }
    }
    s.fields.push_back(s.b.getNamedAttr(
        "betas", s.b.getArrayAttr({s.b.getF64FloatAttr(b1), s.b.getF64FloatAttr(b2)})));
    s.number("eps", 1e-8, 0.0, INFINITY, true);
  }
  if (const YNode *schedule = map.get("schedule")) {
    DictionaryAttr attr = buildSchedule(d, *schedule);
    if (!attr)
      s.attrs.fail();
    else
      s.fields.push_back(s.b.getNamedAttr("schedule", attr));
  }
  return s.attrs.ok() ? s.dict() : nullptr;
}

} // namespace

DictionaryAttr mlir::hnn::frontend::buildTrainingAttr(Diag &d, const ModelSpec &model) {
  Builder b(d.getContext());
  llvm::SmallVector<NamedAttribute> fields;
  bool ok = true;
  if (model.loss && model.loss->isMapping()) {
    if (DictionaryAttr loss = buildLoss(d, model, *model.loss))
      fields.push_back(b.getNamedAttr("loss", loss));
    else
      ok = false;
  }
  if (model.optimizer && model.optimizer->isMapping()) {
    if (DictionaryAttr optimizer = buildOptimizer(d, *model.optimizer))
      fields.push_back(b.getNamedAttr("optimizer", optimizer));
    else
      ok = false;
  }
  if (!ok || fields.empty())
    return nullptr;
  return b.getDictionaryAttr(fields);
}
