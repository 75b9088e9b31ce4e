//===- Train.cpp - hnn-run train: epochs over a data set ------------------===//
//
//   hnn-run train MODEL.so --data DATASET --epochs N --batch B [--lr X]
//       [--seed S] [--val-fraction F] [--test DATASET] [--limit N]
//       [--weights W.safetensors] [--checkpoint PATH --checkpoint-every N]
//       [--resume PATH] [--stop-after N] [--log loss.csv] [--plot loss.svg]
//       [--kan-grid-update EVERY:UNTIL]
//       [--export trained.safetensors] [--progress auto|bar|lines|none]
//
// The data order is a pure function of the seed (TrainSupport.h): the
// validation split is drawn once, each epoch shuffles the rest with
// seed + epoch. A checkpoint records the position (epoch, batches done in
// it) and the settings the order depends on, so --resume skips the consumed
// batches and ends with the parameters of an uninterrupted run, bit for bit.
// See docs/training.md.
//
//===----------------------------------------------------------------------===//
#include "Train.h"
#include "Common.h"
#include "Dataset.h"
#include "TrainSupport.h"

#include "runtime/internal.h"

#include "llvm/Support/CommandLine.h"
#include "llvm/Support/Format.h"

#include <chrono>
#include <cmath>
#include <csignal>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <time.h>
#include <unistd.h>

namespace cl = llvm::cl;

namespace hnnrun {
namespace {

enum class Progress { Auto, Bar, Lines, None };

cl::SubCommand trainCmd("train", "Train a model compiled with hnnc --train on a data set");
cl::opt<std::string> modelPath(cl::Positional, cl::desc("<model.so>"), cl::Required,
                               cl::sub(trainCmd));
cl::opt<std::string> prefix("prefix", cl::desc("Symbol prefix the model was compiled with"),
                            cl::init(""), cl::sub(trainCmd));
cl::opt<std::string> dataSpec("data",
                              cl::desc("Training data: a directory of MNIST-style IDX files "
                                       "(train-*), NAME=FILE.npy,NAME=FILE.npy pairs, or a "
                                       ".safetensors file of tensors named like the inputs"),
                              cl::value_desc("dataset"), cl::Required, cl::sub(trainCmd));
cl::opt<int64_t> epochs("epochs", cl::desc("Train until this many epochs are complete"),
                        cl::value_desc("N"), cl::Required, cl::sub(trainCmd));
cl::opt<int64_t> batchSize("batch",
                           cl::desc("Samples per step (the last batch of an epoch may be "
                                    "smaller; with --resume, default: the checkpoint's)"),
                           cl::value_desc("B"), cl::init(0), cl::sub(trainCmd));
cl::opt<double> lrOverride("lr",
                           cl::desc("Base learning rate instead of the manifest's (scales the "
                                    "whole schedule)"),
                           cl::value_desc("X"), cl::init(0), cl::sub(trainCmd));
cl::opt<uint64_t> seed("seed", cl::desc("Seed of the validation split and the shuffles"),
                       cl::value_desc("S"), cl::init(0), cl::sub(trainCmd));
cl::opt<double> valFraction("val-fraction",
                            cl::desc("Fraction of the training data held out for validation "
                                     "(0: none)"),
                            cl::init(0.1), cl::sub(trainCmd));
cl::opt<std::string> testSpec("test",
                              cl::desc("Evaluate on this data set after training (a directory: "
                                       "its t10k-* files)"),
                              cl::value_desc("dataset"), cl::sub(trainCmd));
cl::opt<int64_t> limit("limit", cl::desc("Use only the first N training samples"),
                       cl::value_desc("N"), cl::init(-1), cl::sub(trainCmd));
cl::opt<std::string> weightsPath("weights",
                                 cl::desc("Initial parameters (safetensors) instead of init"),
                                 cl::value_desc("file"), cl::sub(trainCmd));
cl::opt<std::string> checkpointPath("checkpoint",
                                    cl::desc("Checkpoint file, written every "
                                             "--checkpoint-every steps, after each epoch "
                                             "and on Ctrl-C"),
                                    cl::value_desc("file"), cl::sub(trainCmd));
cl::opt<int64_t> checkpointEvery("checkpoint-every",
                                 cl::desc("Steps between checkpoints (0: only after epochs)"),
                                 cl::value_desc("N"), cl::init(0), cl::sub(trainCmd));
cl::opt<int64_t> stopAfter("stop-after",
                           cl::desc("Stop once N updates are done in all (over resumes), "
                                    "writing the checkpoint as Ctrl-C does"),
                           cl::value_desc("N"), cl::init(0), cl::sub(trainCmd));
cl::opt<std::string> gridUpdate(
    "kan-grid-update",
    cl::desc("Refit the B-spline KAN layers' grids to the batch every E updates until update U "
             "(before the update, as efficient-kan does; grid_eps 0.02, margin 0.01)"),
    cl::value_desc("E:U"), cl::sub(trainCmd));
cl::opt<std::string> resumePath("resume", cl::desc("Continue from this checkpoint"),
                                cl::value_desc("file"), cl::sub(trainCmd));
cl::opt<std::string> logPath("log", cl::desc("CSV log: step,epoch,loss,lr,val_loss,val_acc"),
                             cl::value_desc("file.csv"), cl::sub(trainCmd));
cl::opt<std::string> plotPath("plot", cl::desc("SVG chart of the training and validation loss"),
                              cl::value_desc("file.svg"), cl::sub(trainCmd));
cl::opt<std::string> exportPath("export",
                                cl::desc("Write the trained parameters, without the "
                                         "optimizer state (for hnn-run infer --weights and "
                                         "hnnc --weights)"),
                                cl::value_desc("file"), cl::sub(trainCmd));
cl::opt<Progress>
    progressMode("progress", cl::desc("Progress on stderr"), cl::init(Progress::Auto),
                 cl::values(clEnumValN(Progress::Auto, "auto", "a bar on a terminal, else lines"),
                            clEnumValN(Progress::Bar, "bar", "one updating line per epoch"),
                            clEnumValN(Progress::Lines, "lines", "a line every 10% of an epoch"),
                            clEnumValN(Progress::None, "none", "nothing")),
                 cl::sub(trainCmd));

volatile std::sig_atomic_t interrupted = 0;
struct timespec firstInterrupt;

/// The first SIGINT asks the loop to stop after its step; one more, a second
/// or more later, ends the process at once. (Signals that come together, as
/// from `timeout`, which signals the process and its group, count once.)
extern "C" void onInterrupt(int) {
  struct timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  if (!interrupted) {
    firstInterrupt = now;
    interrupted = 1;
  } else if (now.tv_sec - firstInterrupt.tv_sec >= 2) {
    std::signal(SIGINT, SIG_DFL);
    std::raise(SIGINT);
  }
}

std::string fmt(const char *format, double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, format, v);
  return buf;
}

/// "850", "1.2e4": samples per second.
std::string rate(double v) {
  if (!std::isfinite(v))
    return "?";
  if (v < 1e4)
    return fmt("%.0f", v);
  int exponent = int(std::floor(std::log10(v)));
  double mantissa = v / std::pow(10.0, exponent);
  if (fmt("%.1f", mantissa) == "10.0") {
    ++exponent;
    mantissa /= 10;
  }
  return fmt("%.1f", mantissa) + "e" + std::to_string(exponent);
}

/// Loss and accuracy sums over an epoch or an evaluation.
struct Totals {
  double lossSum = 0; // sum over batches of loss * batch size
  int64_t samples = 0, correct = 0;
  bool counted = true; // accuracy measured on every batch
  double loss() const { return samples ? lossSum / double(samples) : NAN; }
  double accuracy() const { return counted && samples ? double(correct) / samples : NAN; }
};

/// Everything the loop needs.
struct Run {
  hnn_model *model = nullptr;
  hnn_trainer *trainer = nullptr;
  Dataset data;
  Split split;
  int labelsInput = -1;
  bool accuracy = false;
  LossLog log;
  int64_t startEpoch = 1, startBatch = 0;
  Totals epochTotals;
  std::string lrText; // --lr as recorded in the checkpoint ("" for none)
  int64_t gridEvery = 0, gridUntil = 0; // --kan-grid-update
};

std::string metaKey(const char *name) { return std::string("hnn-run.") + name; }

/// Records the position `epoch` / `batch` and the settings in the trainer.
hnn_status setPosition(Run &r, int64_t epoch, int64_t batch) {
  std::pair<const char *, std::string> entries[] = {
      {"epoch", std::to_string(epoch)},
      {"batch_in_epoch", std::to_string(batch)},
      {"seed", std::to_string(seed)},
      {"batch", std::to_string(batchSize)},
      {"val_fraction", fmt("%.17g", valFraction)},
      {"limit", std::to_string(limit)},
      {"lr", r.lrText},
      {"samples", std::to_string(r.data.samples)},
      {"epoch_loss_sum", fmt("%.17g", r.epochTotals.lossSum)},
      {"epoch_samples", std::to_string(r.epochTotals.samples)},
      {"epoch_correct", std::to_string(r.epochTotals.counted ? r.epochTotals.correct : -1)},
  };
  for (auto &[key, value] : entries)
    if (hnn_status s = hnn_trainer_set_metadata(r.trainer, metaKey(key).c_str(), value.c_str()))
      return s;
  return HNN_OK;
}

int saveCheckpoint(Run &r, const std::string &path, int64_t epoch, int64_t batch) {
  if (hnn_status s = setPosition(r, epoch, batch))
    return failStatus(s);
  if (hnn_status s = hnn_trainer_save(r.trainer, path.c_str()))
    return failStatus(s);
  return 0;
}

/// The logs so far: CSV and SVG, each written atomically.
int writeLogs(const Run &r) {
  std::string error;
  if (!logPath.empty() && !writeFileAtomically(logPath, r.log.csv(), error))
    return fail(error);
  if (!plotPath.empty() && !writeFileAtomically(plotPath, r.log.svg(), error))
    return fail(error);
  return 0;
}

/// Reads a checkpoint's value of hnn-run.`name` as a number.
bool metaNumber(const Run &r, const char *name, double &out) {
  const char *text = hnn_trainer_metadata(r.trainer, metaKey(name).c_str());
  if (!text || !*text)
    return false;
  char *end = nullptr;
  out = std::strtod(text, &end);
  return *end == 0;
}

/// Loads --resume and takes its settings (rejecting conflicting options).
int resume(Run &r) {
  if (hnn_status s = hnn_trainer_load(r.trainer, resumePath.c_str()))
    return failStatus(s);
  double epoch, batch, ckSeed, ckBatch, ckFraction, ckLimit;
  if (!metaNumber(r, "epoch", epoch) || !metaNumber(r, "batch_in_epoch", batch) ||
      !metaNumber(r, "seed", ckSeed) || !metaNumber(r, "batch", ckBatch) ||
      !metaNumber(r, "val_fraction", ckFraction) || !metaNumber(r, "limit", ckLimit))
    return fail(resumePath + " was not written by hnn-run train (no position metadata)");
  auto conflict = [&](const char *option, std::string mine, std::string theirs) {
    return fail("--" + std::string(option) + " " + mine + " differs from " + theirs +
                " in the checkpoint " + resumePath);
  };
  const char *seedText = hnn_trainer_metadata(r.trainer, metaKey("seed").c_str());
  if (seed.getNumOccurrences() && std::to_string(seed) != seedText)
    return conflict("seed", std::to_string(seed), seedText);
  seed = std::strtoull(seedText, nullptr, 10);
  if (batchSize.getNumOccurrences() && double(batchSize) != ckBatch)
    return conflict("batch", std::to_string(batchSize), fmt("%.0f", ckBatch));
  batchSize = int64_t(ckBatch);
  if (valFraction.getNumOccurrences() && valFraction != ckFraction)
    return conflict("val-fraction", fmt("%g", valFraction), fmt("%g", ckFraction));
  valFraction = ckFraction;
  if (limit.getNumOccurrences() && double(limit) != ckLimit)
    return conflict("limit", std::to_string(limit), fmt("%.0f", ckLimit));
  limit = int64_t(ckLimit);
  const char *lr = hnn_trainer_metadata(r.trainer, metaKey("lr").c_str());
  std::string ckLr = lr ? lr : "";
  if (lrOverride.getNumOccurrences() && fmt("%.17g", lrOverride) != ckLr)
    return conflict("lr", fmt("%g", lrOverride), ckLr.empty() ? "the manifest's" : ckLr);
  if (!ckLr.empty())
    lrOverride = std::strtod(ckLr.c_str(), nullptr);
  r.startEpoch = int64_t(epoch);
  r.startBatch = int64_t(batch);
  double lossSum = 0, samples = 0, correct = 0;
  metaNumber(r, "epoch_loss_sum", lossSum);
  metaNumber(r, "epoch_samples", samples);
  metaNumber(r, "epoch_correct", correct);
  r.epochTotals = {lossSum, int64_t(samples), int64_t(correct), correct >= 0};
  return 0;
}

/// Restores the rows of --log that the checkpoint had seen.
void resumeLog(Run &r) {
  std::ifstream in(logPath);
  if (logPath.empty() || !in)
    return;
  std::string line;
  std::getline(in, line); // the header
  int64_t steps = hnn_trainer_steps(r.trainer);
  while (std::getline(in, line)) {
    std::vector<std::string> f;
    std::stringstream ss(line);
    for (std::string cell; std::getline(ss, cell, ',');)
      f.push_back(cell);
    f.resize(6);
    int64_t step = std::atoll(f[0].c_str()), epoch = std::atoll(f[1].c_str());
    if (!f[2].empty() && step <= steps)
      r.log.steps.push_back({step, epoch, std::atof(f[2].c_str()), std::atof(f[3].c_str())});
    else if (f[2].empty() && !f[4].empty() && epoch < r.startEpoch)
      r.log.validations.push_back(
          {step, epoch, std::atof(f[4].c_str()), f[5].empty() ? NAN : std::atof(f[5].c_str())});
  }
}

/// Loss (and accuracy) of the trainer over `indices` of `data`, in batches.
bool evaluate(Run &r, const Dataset &data, const std::vector<int64_t> &indices, Totals &out,
              std::string &error) {
  Batcher batcher(data);
  std::vector<hnn_tensor *> inputs;
  for (size_t begin = 0; begin < indices.size(); begin += size_t(batchSize)) {
    size_t end = std::min(indices.size(), begin + size_t(batchSize));
    if (!batcher.gather(indices, begin, end, inputs, error))
      return false;
    hnn_step_result res;
    if (hnn_status s = hnn_trainer_eval(r.trainer, inputs.data(), (int)inputs.size(), &res)) {
      error = std::string(hnn_status_name(s)) + ": " + hnn_last_error();
      return false;
    }
    out.lossSum += double(res.loss) * double(end - begin);
    out.samples += int64_t(end - begin);
    int64_t correct = r.accuracy ? countCorrect(res.output, inputs[r.labelsInput]) : -1;
    out.counted &= correct >= 0;
    out.correct += std::max<int64_t>(correct, 0);
  }
  return true;
}

std::string lossAndAccuracy(const Totals &t, const char *accWord) {
  std::string s = "loss " + fmt("%.4f", t.loss());
  if (!std::isnan(t.accuracy()))
    s += std::string(" ") + accWord + " " + fmt("%.1f", 100 * t.accuracy()) + "%";
  return s;
}

/// Ctrl-C or --stop-after: the checkpoint of position `epoch` / `batch`.
int stopExit(Run &r, int64_t epoch, int64_t batch, bool signalled) {
  std::string path = checkpointPath;
  if (path.empty())
    path = "hnn-interrupted.ckpt.safetensors";
  if (int rc = saveCheckpoint(r, path, epoch, batch))
    return rc;
  if (int rc = writeLogs(r))
    return rc;
  llvm::outs().flush();
  llvm::errs() << "hnn-run: " << (signalled ? "interrupted" : "stopped") << " after step "
               << hnn_trainer_steps(r.trainer) << " (epoch " << epoch << "); checkpoint written to "
               << path << "; continue with --resume " << path << "\n";
  return signalled ? 130 : -1;
}

/// One epoch's progress display on stderr.
struct ProgressLine {
  Progress mode = Progress::None;
  int64_t epoch = 0, batches = 0, shownTenth = 0;
  std::chrono::steady_clock::time_point start = std::chrono::steady_clock::now(), last;
  int64_t doneHere = 0, samplesHere = 0; // by this process
  size_t width = 0;

  void update(int64_t done, double loss, bool force) {
    if (mode == Progress::None)
      return;
    auto now = std::chrono::steady_clock::now();
    double elapsed = std::chrono::duration<double>(now - start).count();
    int64_t tenth = batches ? done * 10 / batches : 10;
    if (mode == Progress::Lines && tenth <= shownTenth && !force)
      return;
    if (mode == Progress::Bar && !force && std::chrono::duration<double>(now - last).count() < 0.1)
      return;
    last = now;
    shownTenth = tenth;
    double eta = doneHere ? elapsed / double(doneHere) * double(batches - done) : NAN;
    std::string text = "epoch " + std::to_string(epoch) + "/" + std::to_string(epochs) + " " +
                       (mode == Progress::Bar ? progressBar(done, batches, 16) + " " : "") +
                       std::to_string(done) + "/" + std::to_string(batches) + " loss " +
                       fmt("%.4f", loss) + " " + rate(double(samplesHere) / elapsed) +
                       " samples/s ETA " + formatDuration(eta);
    if (mode == Progress::Bar) {
      size_t pad = width > text.size() ? width - text.size() : 0;
      width = text.size();
      llvm::errs() << "\r" << text << std::string(pad, ' ');
    } else {
      llvm::errs() << text << "\n";
    }
  }
  void finish() {
    if (mode == Progress::Bar && width)
      llvm::errs() << "\n";
    width = 0;
  }
};

int trainLoop(Run &r) {
  std::vector<hnn_tensor *> inputs;
  Batcher batcher(r.data);
  std::string error;
  int64_t perEpoch = (int64_t(r.split.train.size()) + batchSize - 1) / batchSize;
  Progress mode = progressMode;
  if (mode == Progress::Auto)
    mode = isatty(2) ? Progress::Bar : Progress::Lines;
  for (int64_t epoch = r.startEpoch; epoch <= epochs; ++epoch) {
    auto start = std::chrono::steady_clock::now();
    std::vector<int64_t> order = epochOrder(r.split.train, seed, epoch);
    int64_t first = epoch == r.startEpoch ? r.startBatch : 0;
    if (epoch != r.startEpoch)
      r.epochTotals = Totals();
    ProgressLine progress;
    progress.mode = mode;
    progress.epoch = epoch;
    progress.batches = perEpoch;
    for (int64_t b = first; b < perEpoch; ++b) {
      size_t begin = size_t(b * batchSize);
      size_t end = std::min(order.size(), begin + size_t(batchSize));
      if (!batcher.gather(order, begin, end, inputs, error))
        return fail(error);
      int64_t done = hnn_trainer_steps(r.trainer);
      if (r.gridEvery > 0 && done % r.gridEvery == 0 && done < r.gridUntil) {
        int layers = 0;
        if (hnn_status s = hnn_trainer_kan_grid_update(r.trainer, inputs.data(),
                                                       (int)inputs.size(), 0.02, 0.01, &layers))
          return failStatus(s);
        if (layers == 0)
          return fail("--kan-grid-update: the model has no B-spline KAN layer");
      }
      double lr = hnn_trainer_lr(r.trainer, done);
      hnn_step_result res;
      if (hnn_status s = hnn_trainer_step(r.trainer, inputs.data(), (int)inputs.size(), &res))
        return failStatus(s);
      int64_t step = hnn_trainer_steps(r.trainer);
      r.log.steps.push_back({step, epoch, double(res.loss), lr});
      if (res.nonfinite_param) {
        progress.finish();
        writeLogs(r);
        return fail("loss is not finite at step " + std::to_string(step) + " (epoch " +
                    std::to_string(epoch) + "); " +
                    (*res.nonfinite_param
                         ? "first non-finite gradient: " + std::string(res.nonfinite_param)
                         : std::string("gradients are finite")));
      }
      r.epochTotals.lossSum += double(res.loss) * double(end - begin);
      r.epochTotals.samples += int64_t(end - begin);
      int64_t correct = r.accuracy ? countCorrect(res.output, inputs[r.labelsInput]) : -1;
      r.epochTotals.counted &= correct >= 0;
      r.epochTotals.correct += std::max<int64_t>(correct, 0);
      ++progress.doneHere;
      progress.samplesHere += int64_t(end - begin);
      progress.update(b + 1, r.epochTotals.loss(), b + 1 == perEpoch);
      if (checkpointEvery > 0 && step % checkpointEvery == 0 && !checkpointPath.empty())
        if (int rc = saveCheckpoint(r, checkpointPath, epoch, b + 1))
          return rc;
      if (interrupted || (stopAfter > 0 && step >= stopAfter)) {
        progress.finish();
        return stopExit(r, epoch, b + 1, interrupted);
      }
    }
    progress.finish();
    Totals val;
    if (!r.split.validation.empty() && !evaluate(r, r.data, r.split.validation, val, error))
      return fail(error);
    double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    llvm::outs() << "epoch " << epoch << "/" << epochs << ": train "
                 << lossAndAccuracy(r.epochTotals, "acc");
    if (val.samples)
      llvm::outs() << " | val " << lossAndAccuracy(val, "acc");
    llvm::outs() << " | " << fmt("%.1f", seconds) << " s\n";
    llvm::outs().flush();
    if (val.samples)
      r.log.validations.push_back(
          {hnn_trainer_steps(r.trainer), epoch, val.loss(), val.accuracy()});
    r.epochTotals = Totals();
    if (!checkpointPath.empty())
      if (int rc = saveCheckpoint(r, checkpointPath, epoch + 1, 0))
        return rc;
    if (int rc = writeLogs(r))
      return rc;
    if (interrupted && epoch < epochs)
      return stopExit(r, epoch + 1, 0, true);
  }
  return 0;
}

} // namespace

bool trainSelected() { return bool(trainCmd); }

int train() {
  if (epochs < 0)
    return fail("--epochs must not be negative");
  if (!resumePath.empty() && !weightsPath.empty())
    return fail("--resume restores the parameters: drop --weights");
  if (resumePath.empty() && batchSize < 1)
    return fail("give a batch size of at least 1: --batch B");
  if (batchSize.getNumOccurrences() && batchSize < 1)
    return fail("--batch must be at least 1");
  if (limit.getNumOccurrences() && limit < 1)
    return fail("--limit must be at least 1");
  if (!(valFraction >= 0 && valFraction < 1))
    return fail("--val-fraction must be in [0, 1)");
  if (lrOverride.getNumOccurrences() && !(lrOverride > 0))
    return fail("--lr must be positive");
  if (checkpointEvery < 0 || stopAfter < 0)
    return fail("--checkpoint-every and --stop-after must not be negative");
  if (checkpointEvery > 0 && checkpointPath.empty())
    return fail("--checkpoint-every needs --checkpoint PATH");
  int64_t gridEvery = 0, gridUntil = 0;
  if (!gridUpdate.empty()) {
    char tail = 0;
    long long e = 0, u = 0;
    if (std::sscanf(gridUpdate.c_str(), "%lld:%lld%c", &e, &u, &tail) != 2 || e < 1 || u < 0)
      return fail("--kan-grid-update takes EVERY:UNTIL (EVERY >= 1), got '" + gridUpdate + "'");
    gridEvery = e;
    gridUntil = u;
  }
  hnn_model *rawModel = nullptr;
  if (hnn_status s = hnn_model_load(modelPath.c_str(), prefix.c_str(), &rawModel))
    return failStatus(s);
  std::unique_ptr<hnn_model, ModelDeleter> model(rawModel);
  Weights initial;
  if (!weightsPath.empty()) {
    hnn_weights *w = nullptr;
    if (hnn_status s = hnn_weights_load(weightsPath.c_str(), &w))
      return failStatus(s);
    initial.reset(w);
  }
  hnn_trainer *rawTrainer = nullptr;
  if (hnn_status s = hnn_trainer_create(model.get(), initial.get(), &rawTrainer))
    return failStatus(s);
  Trainer trainer(rawTrainer);
  initial.reset();
  Run r;
  r.gridEvery = gridEvery;
  r.gridUntil = gridUntil;
  r.model = model.get();
  r.trainer = trainer.get();
  if (!resumePath.empty())
    if (int rc = resume(r))
      return rc;
  if (lrOverride > 0) {
    r.lrText = fmt("%.17g", lrOverride);
    if (hnn_status s = hnn_trainer_set_lr(r.trainer, lrOverride))
      return failStatus(s);
  }
  const char *labels = hnn_model_training_value(r.model, "labels");
  const char *loss = hnn_model_training_value(r.model, "loss");
  std::string error;
  if (!loadDataset(dataSpec, r.trainer, labels ? labels : "", false, limit, r.data, error))
    return fail(error);
  if (!resumePath.empty()) {
    double samples = 0;
    if (metaNumber(r, "samples", samples) && int64_t(samples) != r.data.samples)
      return fail("the checkpoint " + resumePath + " was written for " + fmt("%.0f", samples) +
                  " training samples, " + dataSpec + " has " + std::to_string(r.data.samples));
  }
  for (size_t k = 0; k < r.data.names.size(); ++k)
    if (labels && r.data.names[k] == labels)
      r.labelsInput = int(k);
  r.accuracy = loss && std::string(loss) == "cross_entropy" && r.labelsInput >= 0;
  r.split = splitValidation(r.data.samples, valFraction, seed);
  resumeLog(r);

  struct sigaction action = {};
  action.sa_handler = onInterrupt;
  sigemptyset(&action.sa_mask);
  sigaction(SIGINT, &action, nullptr);
  int rc = trainLoop(r);
  std::signal(SIGINT, SIG_DFL);
  if (rc)
    return rc < 0 ? 0 : rc; // -1: --stop-after, a success without the final steps

  if (!testSpec.empty()) {
    Dataset test;
    if (!loadDataset(testSpec, r.trainer, labels ? labels : "", true, -1, test, error))
      return fail(error);
    std::vector<int64_t> all(size_t(test.samples));
    for (int64_t i = 0; i < test.samples; ++i)
      all[size_t(i)] = i;
    Totals t;
    if (!evaluate(r, test, all, t, error))
      return fail(error);
    llvm::outs() << "test " << lossAndAccuracy(t, "accuracy") << "\n";
  }
  if (!exportPath.empty()) {
    if (hnn_status s = hnn_trainer_export(r.trainer, exportPath.c_str()))
      return failStatus(s);
    llvm::outs() << "exported the parameters to " << exportPath << "\n";
  }
  return 0;
}

} // namespace hnnrun
