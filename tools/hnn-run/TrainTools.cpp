//===- TrainTools.cpp - hnn-run train-step, compare, and info's training --===//
//
//   hnn-run train-step MODEL.so [--weights W.safetensors] --input NAME=FILE.npy ...
//                      [--steps K] [-o checkpoint.safetensors] [--time]
//   hnn-run compare A.safetensors B.safetensors [--rtol R] [--atol A]
//   hnn-run kan-extend W.safetensors --grid-size G -o W2.safetensors
//   hnn-run skan-select W.safetensors --keep K -o W2.safetensors
//
// `train-step` applies K optimizer updates on one batch through the trainer
// (parameters from --weights, else from init) and prints each loss; -o saves
// the parameters and the optimizer state as a checkpoint, with the losses as
// the f32 [K] tensor `hnn.losses`. `compare` checks
// every tensor of B against the tensor of A with its name:
// |a - b| <= atol + rtol * |b|, NaN matching only NaN.
//
//===----------------------------------------------------------------------===//
#include "Common.h"
#include "Dataset.h"
#include "Train.h"

#include "runtime/internal.h"

#include "llvm/Support/CommandLine.h"
#include "llvm/Support/Format.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <vector>

namespace cl = llvm::cl;

namespace hnnrun {
bool trainSelected();

namespace {

cl::SubCommand trainStepCmd("train-step",
                            "Apply optimizer updates on one batch (a model of hnnc --train)");
cl::SubCommand compareCmd("compare", "Compare the tensors of two safetensors files");
cl::SubCommand selectCmd("skan-select",
                         "S-KAN: keep each unit's K largest-logit candidates (sets mix_mask)");
cl::SubCommand extendCmd("kan-extend",
                         "Refit the B-spline KAN layers of a weights file on a finer grid");

cl::opt<std::string> stepModel(cl::Positional, cl::desc("<model.so>"), cl::Required,
                               cl::sub(trainStepCmd));
cl::opt<std::string> stepPrefix("prefix", cl::desc("Symbol prefix the model was compiled with"),
                                cl::init(""), cl::sub(trainStepCmd));
cl::opt<std::string> stepWeights("weights",
                                 cl::desc("Initial parameters (and optionally optimizer "
                                          "state) instead of init"),
                                 cl::value_desc("file"), cl::sub(trainStepCmd));
cl::list<std::string> stepInputs("input",
                                 cl::desc("NAME=FILE.npy (or IDX) for the data input NAME"),
                                 cl::value_desc("NAME=FILE"), cl::sub(trainStepCmd));
cl::opt<int64_t> stepCount("steps", cl::desc("Updates on the same batch"), cl::init(1),
                           cl::value_desc("K"), cl::sub(trainStepCmd));
cl::opt<bool> stepTime("time",
                       cl::desc("Time the steps instead of printing their losses: min and "
                                "median ms per step after 3 warm-up steps, and the peak memory "
                                "of one step"),
                       cl::init(false), cl::sub(trainStepCmd));
cl::opt<bool> stepGridUpdate(
    "kan-grid-update",
    cl::desc("Before the updates, refit every B-spline KAN layer's grid and coefficients to "
             "the batch (grid_eps 0.02, margin 0.01); --steps 0 does only that"),
    cl::init(false), cl::sub(trainStepCmd));
cl::opt<std::string> stepOut("o",
                             cl::desc("Save the parameters and optimizer state (a checkpoint) "
                                      "and the losses (tensor hnn.losses)"),
                             cl::value_desc("file"), cl::sub(trainStepCmd));

cl::opt<std::string> extendIn(cl::Positional, cl::desc("<weights.safetensors>"), cl::Required,
                              cl::sub(extendCmd));
cl::opt<int> extendGrid("grid-size", cl::desc("The new number of grid intervals G'"),
                        cl::Required, cl::value_desc("G"), cl::sub(extendCmd));
cl::opt<std::string> extendOut("o", cl::desc("The weights for the model with grid_size G'"),
                               cl::Required, cl::value_desc("file"), cl::sub(extendCmd));

cl::opt<std::string> selectIn(cl::Positional, cl::desc("<weights.safetensors>"), cl::Required,
                              cl::sub(selectCmd));
cl::opt<int> selectKeep("keep", cl::desc("Candidates each unit keeps (1: the pruned phase)"),
                        cl::Required, cl::value_desc("K"), cl::sub(selectCmd));
cl::opt<std::string> selectOut("o", cl::desc("The weights with the new masks"), cl::Required,
                               cl::value_desc("file"), cl::sub(selectCmd));

cl::opt<std::string> compareA(cl::Positional, cl::desc("<A.safetensors>"), cl::Required,
                              cl::sub(compareCmd));
cl::opt<std::string> compareB(cl::Positional, cl::desc("<B.safetensors>"), cl::Required,
                              cl::sub(compareCmd));
cl::opt<double> compareRtol("rtol", cl::desc("Relative tolerance"), cl::init(1e-4),
                            cl::sub(compareCmd));
cl::opt<double> compareAtol("atol", cl::desc("Absolute tolerance"), cl::init(1e-4),
                            cl::sub(compareCmd));

/// Element `i` of `t` as a double (f16 and bf16 decoded).
double elementAt(const hnn_tensor *t, int64_t i) {
  const void *p = hnn_tensor_data(t);
  switch (hnn_tensor_dtype(t)) {
  case HNN_F32: return static_cast<const float *>(p)[i];
  case HNN_I32: return static_cast<const int32_t *>(p)[i];
  case HNN_I64: return double(static_cast<const int64_t *>(p)[i]);
  case HNN_BF16: {
    uint32_t bits = uint32_t(static_cast<const uint16_t *>(p)[i]) << 16;
    float f;
    std::memcpy(&f, &bits, sizeof f);
    return f;
  }
  case HNN_F16: {
    uint16_t h = static_cast<const uint16_t *>(p)[i];
    int exponent = (h >> 10) & 0x1f, mantissa = h & 0x3ff;
    double v = exponent == 0    ? std::ldexp(mantissa, -24)
               : exponent == 31 ? (mantissa ? NAN : INFINITY)
                                : std::ldexp(mantissa + 1024, exponent - 25);
    return h & 0x8000 ? -v : v;
  }
  }
  return NAN;
}

bool sameShape(const hnn_tensor *a, const hnn_tensor *b) {
  return hnn_tensor_dtype(a) == hnn_tensor_dtype(b) && hnn_tensor_rank(a) == hnn_tensor_rank(b) &&
         std::equal(hnn_tensor_shape(a), hnn_tensor_shape(a) + hnn_tensor_rank(a),
                    hnn_tensor_shape(b));
}

/// A trainer for `model`, with --weights-style initial parameters from `path`.
int makeTrainer(hnn_model *model, const std::string &path, Trainer &out) {
  Weights initial;
  if (!path.empty()) {
    hnn_weights *w = nullptr;
    if (hnn_status s = hnn_weights_load(path.c_str(), &w))
      return failStatus(s);
    initial.reset(w);
  }
  hnn_trainer *t = nullptr;
  if (hnn_status s = hnn_trainer_create(model, initial.get(), &t))
    return failStatus(s);
  out.reset(t);
  return 0;
}

std::string mib(double bytes) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", bytes / (1024.0 * 1024.0));
  return buf;
}

/// The peak memory of one train_step at `batch` on zeros (labels 0), with a
/// fresh trainer: parameters from init, or zeros when it is absent.
hnn_status measureStep(hnn_model *m, int train, int64_t batch, double &peak) {
  Weights zeros;
  if (hnn_model_find_entry(m, "init") < 0) {
    hnn_weights *w = nullptr;
    if (hnn_status s = hnn_weights_create(&w))
      return s;
    zeros.reset(w);
    for (int i = 0; i < hnn_model_num_args(m, train); ++i) {
      hnn_arg_info a;
      hnn_model_arg_info(m, train, i, &a);
      if (a.kind == HNN_ARG_INPUT || a.kind == HNN_ARG_HYPER)
        continue;
      hnn_tensor *t = nullptr;
      if (hnn_status s = hnn_tensor_create(a.dtype, a.rank, a.shape, &t))
        return s;
      Tensor owned(t);
      if (hnn_status s = hnn_weights_put(w, a.name, t))
        return s;
    }
  }
  hnn_trainer *raw = nullptr;
  if (hnn_status s = hnn_trainer_create(m, zeros.get(), &raw))
    return s;
  Trainer trainer(raw);
  std::vector<Tensor> owned;
  std::vector<hnn_tensor *> inputs;
  for (int k = 0; k < hnn_trainer_num_inputs(raw); ++k) {
    hnn_arg_info a;
    hnn_trainer_input_info(raw, k, &a);
    std::vector<int64_t> shape(a.shape, a.shape + a.rank);
    for (int64_t &d : shape)
      d = d < 0 ? batch : d;
    hnn_tensor *t = nullptr;
    if (hnn_status s = hnn_tensor_create(a.dtype, a.rank, shape.data(), &t))
      return s;
    owned.emplace_back(t);
    inputs.push_back(t);
  }
  hnn_memory_reset_peak();
  hnn_step_result res;
  if (hnn_status s = hnn_trainer_step(raw, inputs.data(), (int)inputs.size(), &res))
    return s;
  peak = double(hnn_memory_peak_bytes());
  return HNN_OK;
}

} // namespace

int trainStep() {
  if (stepCount < (stepGridUpdate ? 0 : 1))
    return fail(stepGridUpdate ? "--steps must not be negative" : "--steps must be at least 1");
  hnn_model *raw = nullptr;
  if (hnn_status s = hnn_model_load(stepModel.c_str(), stepPrefix.c_str(), &raw))
    return failStatus(s);
  std::unique_ptr<hnn_model, ModelDeleter> model(raw);
  Trainer trainer;
  if (int rc = makeTrainer(model.get(), stepWeights, trainer))
    return rc;
  std::string spec, error;
  for (const std::string &input : stepInputs) {
    if (input.find('=') == std::string::npos)
      return fail("--input takes NAME=FILE, got '" + input + "'");
    spec += (spec.empty() ? "" : ",") + input;
  }
  if (spec.empty())
    return fail("give the batch: --input NAME=FILE.npy for each data input");
  const char *labels = hnn_model_training_value(model.get(), "labels");
  Dataset batch;
  if (!loadDataset(spec, trainer.get(), labels ? labels : "", false, -1, batch, error))
    return fail(error);
  std::vector<hnn_tensor *> inputs;
  for (Tensor &t : batch.tensors)
    inputs.push_back(t.get());
  if (stepGridUpdate) {
    int layers = 0;
    if (hnn_status s = hnn_trainer_kan_grid_update(trainer.get(), inputs.data(), (int)inputs.size(),
                                                   0.02, 0.01, &layers))
      return failStatus(s);
    if (layers == 0)
      return fail("--kan-grid-update: the model has no B-spline KAN layer (no kan_features entry)");
    llvm::outs() << "grid update: " << layers << (layers == 1 ? " layer\n" : " layers\n");
  }
  if (stepTime) {
    // Warm-up: the allocator's cache and the OpenMP threads settle.
    std::vector<double> ms;
    for (int64_t k = -3; k < stepCount; ++k) {
      hnn_memory_reset_peak();
      auto t0 = std::chrono::steady_clock::now();
      hnn_step_result res;
      if (hnn_status s = hnn_trainer_step(trainer.get(), inputs.data(), (int)inputs.size(), &res))
        return failStatus(s);
      auto t1 = std::chrono::steady_clock::now();
      if (k >= 0)
        ms.push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
    }
    std::sort(ms.begin(), ms.end());
    llvm::outs() << "train_step batch " << hnn_tensor_shape(inputs[0])[0] << ": min "
                 << llvm::format("%.4f", ms.front()) << " ms, median "
                 << llvm::format("%.4f", ms[ms.size() / 2]) << " ms, peak memory "
                 << mib(double(hnn_memory_peak_bytes())) << " MiB\n";
    return 0;
  }
  std::vector<float> losses;
  for (int64_t k = 1; k <= stepCount; ++k) {
    hnn_step_result res;
    if (hnn_status s = hnn_trainer_step(trainer.get(), inputs.data(), (int)inputs.size(), &res))
      return failStatus(s);
    losses.push_back(res.loss);
    llvm::outs() << "step " << k << ": loss " << llvm::format("%.6f", double(res.loss)) << "\n";
    if (res.nonfinite_param)
      return fail("loss is not finite at step " + std::to_string(k) + "; " +
                  (*res.nonfinite_param
                       ? "first non-finite gradient: " + std::string(res.nonfinite_param)
                       : std::string("gradients are finite")));
  }
  if (stepOut.empty())
    return 0;
  // The checkpoint, plus the losses as the tensor hnn.losses.
  if (hnn_status s = hnn_trainer_save(trainer.get(), stepOut.c_str()))
    return failStatus(s);
  if (losses.empty())
    return 0;
  hnn_weights *rawSaved = nullptr;
  if (hnn_status s = hnn_weights_load(stepOut.c_str(), &rawSaved))
    return failStatus(s);
  Weights saved(rawSaved);
  int64_t count = int64_t(losses.size());
  hnn_tensor *t = nullptr;
  if (hnn_status s = hnn_tensor_wrap(HNN_F32, 1, &count, losses.data(), &t))
    return failStatus(s);
  Tensor view(t);
  if (hnn_status s = hnn_weights_put(rawSaved, "hnn.losses", t))
    return failStatus(s);
  if (hnn_status s = hnn_weights_save(rawSaved, stepOut.c_str()))
    return failStatus(s);
  return 0;
}

int compareWeights() {
  hnn_weights *rawA = nullptr, *rawB = nullptr;
  if (hnn_status s = hnn_weights_load(compareA.c_str(), &rawA))
    return failStatus(s);
  Weights a(rawA);
  if (hnn_status s = hnn_weights_load(compareB.c_str(), &rawB))
    return failStatus(s);
  Weights b(rawB);
  bool ok = true;
  for (int i = 0; i < hnn_weights_count(b.get()); ++i) {
    const char *name = hnn_weights_name(b.get(), i);
    const hnn_tensor *want = hnn_weights_get(b.get(), name);
    const hnn_tensor *got = hnn_weights_get(a.get(), name);
    llvm::outs() << name << ": ";
    if (!got) {
      llvm::outs() << "MISMATCH (not in " << compareA << ")\n";
      ok = false;
      continue;
    }
    if (!sameShape(got, want)) {
      llvm::outs() << "MISMATCH (" << describe(got) << " in " << compareA << ", " << describe(want)
                   << " in " << compareB << ")\n";
      ok = false;
      continue;
    }
    double maxAbs = 0;
    int64_t bad = -1, n = hnn_tensor_numel(want);
    for (int64_t k = 0; k < n; ++k) {
      double x = elementAt(got, k), y = elementAt(want, k);
      if (std::isnan(x) || std::isnan(y)) {
        if (!(std::isnan(x) && std::isnan(y)) && bad < 0)
          bad = k;
        continue;
      }
      double err = x == y ? 0 : std::fabs(x - y);
      maxAbs = std::max(maxAbs, err);
      if (!(err <= compareAtol + compareRtol * std::fabs(y)) && bad < 0)
        bad = k;
    }
    if (bad >= 0) {
      llvm::outs() << "MISMATCH at flat index " << bad << ": "
                   << llvm::format("%.9g", elementAt(got, bad)) << " vs "
                   << llvm::format("%.9g", elementAt(want, bad)) << " (" << n
                   << " elements, max abs err " << llvm::format("%.3g", maxAbs) << ")\n";
      ok = false;
    } else {
      llvm::outs() << "ok (" << n << " elements, max abs err " << llvm::format("%.3g", maxAbs)
                   << ")\n";
    }
  }
  return ok ? 0 : 1;
}

int describeTraining(hnn_model *m) {
  int train = hnn_model_find_entry(m, "train_step");
  if (train < 0)
    return 0;
  static const char *const groups[][10] = {
      {"optimizer", "lr", "weight_decay", "momentum", "nesterov", "beta1", "beta2", "eps",
       "clip_grad_norm", nullptr},
      {"schedule", "warmup_steps", "step_size", "gamma", "total_steps", "min_lr", "max_lr",
       "pct_start", nullptr},
      {"loss", "labels", nullptr},
  };
  llvm::outs() << "training\n";
  for (const auto &group : groups) {
    const char *head = hnn_model_training_value(m, group[0]);
    llvm::outs() << "  " << group[0] << ": "
                 << (head                                  ? head
                     : group[0] == std::string("schedule") ? "constant"
                                                           : "?");
    for (int k = 1; group[k]; ++k)
      if (const char *v = hnn_model_training_value(m, group[k]))
        llvm::outs() << " " << group[k] << "=" << v;
    llvm::outs() << "\n";
  }
  double paramBytes = 0, slotBytes = 0;
  for (int i = 0; i < hnn_model_num_args(m, train); ++i) {
    hnn_arg_info a;
    hnn_model_arg_info(m, train, i, &a);
    double bytes = double(hnn_dtype_size(a.dtype));
    for (int d = 0; d < a.rank; ++d)
      bytes *= double(std::max<int64_t>(a.shape[d], 0));
    if (a.kind == HNN_ARG_TRAINABLE || a.kind == HNN_ARG_FROZEN || a.kind == HNN_ARG_STATE)
      paramBytes += bytes;
    else if (a.kind == HNN_ARG_OPTIMIZER)
      slotBytes += bytes;
  }
  llvm::outs() << "  parameters: " << mib(paramBytes) << " MiB (" << int64_t(paramBytes)
               << " bytes)\n";
  llvm::outs() << "  optimizer state: " << mib(slotBytes) << " MiB (" << int64_t(slotBytes)
               << " bytes)\n";

  const int64_t batch = 64;
  double peak = 0;
  llvm::outs() << "  peak memory of train_step at batch " << batch << ": ";
  if (hnn_status s = measureStep(m, train, batch, peak))
    llvm::outs() << "not measured (" << hnn_status_name(s) << ": " << hnn_last_error() << ")\n";
  else
    llvm::outs() << mib(peak) << " MiB (measured)\n";
  return 0;
}

int kanExtend() {
  hnn_weights *raw = nullptr;
  if (hnn_status s = hnn_weights_load(extendIn.c_str(), &raw))
    return failStatus(s);
  std::unique_ptr<hnn_weights, void (*)(hnn_weights *)> in(raw, hnn_weights_free);
  hnn_weights *out = nullptr;
  if (hnn_status s = hnn_kan_extend_grid(in.get(), extendGrid, &out))
    return failStatus(s);
  std::unique_ptr<hnn_weights, void (*)(hnn_weights *)> keep(out, hnn_weights_free);
  if (hnn_status s = hnn_weights_save(out, extendOut.c_str()))
    return failStatus(s);
  return 0;
}

/// For every `<layer>.mix_logits` [units, M] with its `<layer>.mix_mask`:
/// each unit keeps its K allowed candidates of largest logit.
int skanSelect() {
  if (selectKeep < 1)
    return fail("--keep must be at least 1");
  hnn_weights *raw = nullptr;
  if (hnn_status s = hnn_weights_load(selectIn.c_str(), &raw))
    return failStatus(s);
  std::unique_ptr<hnn_weights, void (*)(hnn_weights *)> w(raw, hnn_weights_free);
  int layers = 0;
  for (int i = 0; i < hnn_weights_count(w.get()); ++i) {
    std::string name = hnn_weights_name(w.get(), i);
    const std::string suffix = ".mix_logits";
    if (name.size() <= suffix.size() || name.compare(name.size() - suffix.size(), suffix.size(), suffix))
      continue;
    std::string maskName = name.substr(0, name.size() - suffix.size()) + ".mix_mask";
    const hnn_tensor *logits = hnn_weights_get(w.get(), name.c_str());
    const hnn_tensor *mask = hnn_weights_get(w.get(), maskName.c_str());
    if (!mask || hnn_tensor_rank(logits) != 2 || hnn_tensor_dtype(logits) != HNN_F32 ||
        hnn_tensor_dtype(mask) != HNN_F32 || hnn_tensor_nbytes(mask) != hnn_tensor_nbytes(logits))
      return fail(name + " needs a " + maskName + " of its f32 [units, candidates] shape");
    int64_t units = hnn_tensor_shape(logits)[0], m = hnn_tensor_shape(logits)[1];
    const float *l = static_cast<const float *>(hnn_tensor_data(logits));
    std::vector<float> next(static_cast<const float *>(hnn_tensor_data(mask)),
                            static_cast<const float *>(hnn_tensor_data(mask)) + units * m);
    for (int64_t u = 0; u < units; ++u) {
      std::vector<int64_t> order;
      for (int64_t c = 0; c < m; ++c)
        if (next[u * m + c] != 0)
          order.push_back(c);
      std::stable_sort(order.begin(), order.end(),
                       [&](int64_t a, int64_t b) { return l[u * m + a] > l[u * m + b]; });
      for (size_t r = 0; r < order.size(); ++r)
        next[u * m + order[r]] = r < size_t(selectKeep) ? 1.0f : 0.0f;
    }
    hnn_tensor *t = nullptr;
    if (hnn_status s = hnn_tensor_wrap(HNN_F32, 2, hnn_tensor_shape(logits), next.data(), &t))
      return failStatus(s);
    hnn_status s = hnn_weights_put(w.get(), maskName.c_str(), t);
    hnn_tensor_free(t);
    if (s)
      return failStatus(s);
    ++layers;
  }
  if (layers == 0)
    return fail(selectIn + " has no '<layer>.mix_logits' (an S-KAN layer's weights)");
  if (hnn_status s = hnn_weights_save(w.get(), selectOut.c_str()))
    return failStatus(s);
  llvm::outs() << "selected: " << layers << (layers == 1 ? " layer\n" : " layers\n");
  return 0;
}

std::optional<int> runTrainingCommand() {
  if (trainSelected())
    return train();
  if (trainStepCmd)
    return trainStep();
  if (compareCmd)
    return compareWeights();
  if (extendCmd)
    return kanExtend();
  if (selectCmd)
    return skanSelect();
  return std::nullopt;
}

} // namespace hnnrun
