//===- TrainerTest.cpp - hnn_trainer over a hand-written probe model ------===//
//
// The probe's entry points follow the ABI of hnnc --train but record what
// they were given: train_step writes the lr and step it received, and
// whether every update result is apart from its argument, into its state `seen`;
// its gradsq results are x[0]^2 and x[1]^2, so NaN inputs make them
// non-finite. Parameters move by fixed amounts (p[i] -= lr * (i + 1),
// q -= 2 lr), and the optimizer slots count up.
//
//===----------------------------------------------------------------------===//
#include "runtime/internal.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <string>
#include <unistd.h>
#include <vector>

namespace {

const char manifest[] = "hnn-manifest 2\n"
                        "entry forward 2 1\n"
                        "arg input x f32 1 -1\n"
                        "arg trainable p f32 1 2\n"
                        "result output y f32 1 -1\n"
                        "training optimizer=sgd lr=0.1 momentum=0.9 schedule=step step_size=2 "
                        "gamma=0.5 warmup_steps=1 loss=mse labels=y\n"
                        "entry train_step 10 9\n"
                        "arg input x f32 1 -1\n"
                        "arg input y i64 1 -1\n"
                        "arg trainable p f32 1 2\n"
                        "arg trainable q f32 1 1\n"
                        "arg state seen f32 1 3\n"
                        "arg frozen k f32 1 1\n"
                        "arg optimizer p.momentum_buffer f32 1 2\n"
                        "arg optimizer q.momentum_buffer f32 1 1\n"
                        "arg hyper lr f32 0\n"
                        "arg hyper step f32 0\n"
                        "result loss loss f32 0\n"
                        "result output out f32 1 -1\n"
                        "result update p f32 1 2\n"
                        "result update q f32 1 1\n"
                        "result update seen f32 1 3\n"
                        "result update p.momentum_buffer f32 1 2\n"
                        "result update q.momentum_buffer f32 1 1\n"
                        "result gradsq p f32 0\n"
                        "result gradsq q f32 0\n"
                        "entry eval_step 6 2\n"
                        "arg input x f32 1 -1\n"
                        "arg input y i64 1 -1\n"
                        "arg trainable p f32 1 2\n"
                        "arg trainable q f32 1 1\n"
                        "arg state seen f32 1 3\n"
                        "arg frozen k f32 1 1\n"
                        "result loss loss f32 0\n"
                        "result output out f32 1 -1\n"
                        "entry init 0 4\n"
                        "result output p f32 1 2\n"
                        "result output q f32 1 1\n"
                        "result output seen f32 1 3\n"
                        "result output k f32 1 1\n";

hnn_alloc_fn allocFn;
hnn_free_fn freeFn;
void setAllocator(hnn_alloc_fn a, hnn_free_fn f) {
  allocFn = a;
  freeFn = f;
}

float *f32(void **args, int i) {
  int64_t *d = static_cast<int64_t *>(args[i]);
  return reinterpret_cast<float *>(d[1]) + d[2];
}
int64_t dim0(void **args, int i) { return static_cast<int64_t *>(args[i])[3]; }

void forward(void **args) {
  for (int64_t i = 0; i < dim0(args, 0); ++i)
    f32(args, 2)[i] = f32(args, 0)[i] * f32(args, 1)[0];
}

void trainStep(void **args) {
  enum { X, Y, P, Q, SEEN, K, PM, QM, LR, STEP, LOSS, OUT, NP, NQ, NSEEN, NPM, NQM, GP, GQ };
  int64_t batch = dim0(args, X);
  float *x = f32(args, X), lr = f32(args, LR)[0];
  float sum = f32(args, K)[0];
  for (int64_t i = 0; i < batch; ++i) {
    sum += x[i];
    f32(args, OUT)[i] = 2 * x[i];
  }
  // Compiled code may use a result buffer as scratch before the final value,
  // so no update result may share memory with the argument it replaces.
  bool distinct = f32(args, P) != f32(args, NP) && f32(args, Q) != f32(args, NQ) &&
                  f32(args, SEEN) != f32(args, NSEEN) && f32(args, PM) != f32(args, NPM) &&
                  f32(args, QM) != f32(args, NQM);
  // 3 MiB of intermediates at once, for the peak-memory counter.
  void *a = allocFn(64, 1 << 20), *b = allocFn(64, 2 << 20);
  std::memset(a, 0, 1 << 20);
  std::memset(b, 0, 2 << 20);
  freeFn(a);
  freeFn(b);
  f32(args, LOSS)[0] = sum;
  for (int i = 0; i < 2; ++i) {
    f32(args, NP)[i] = f32(args, P)[i] - lr * float(i + 1);
    f32(args, NPM)[i] = f32(args, PM)[i] + 1;
  }
  f32(args, NQ)[0] = f32(args, Q)[0] - 2 * lr;
  f32(args, NQM)[0] = f32(args, QM)[0] + 2;
  f32(args, NSEEN)[0] = lr;
  f32(args, NSEEN)[1] = f32(args, STEP)[0];
  f32(args, NSEEN)[2] = distinct ? 1.0f : 0.0f;
  f32(args, GP)[0] = x[0] * x[0];
  f32(args, GQ)[0] = batch > 1 ? x[1] * x[1] : 0;
}

void evalStep(void **args) {
  float sum = 0;
  for (int64_t i = 0; i < dim0(args, 0); ++i) {
    sum += f32(args, 0)[i];
    f32(args, 7)[i] = 3 * f32(args, 0)[i];
  }
  f32(args, 6)[0] = sum * f32(args, 2)[0];
}

void init(void **args) {
  f32(args, 0)[0] = 1, f32(args, 0)[1] = 2;
  f32(args, 1)[0] = 3;
  f32(args, 2)[0] = f32(args, 2)[1] = f32(args, 2)[2] = 0;
  f32(args, 3)[0] = 0.5f;
}

const hnn_entry_fn entries[] = {forward, trainStep, evalStep, init};

struct Probe {
  hnn_model *m = nullptr;
  hnn_trainer *t = nullptr;
  explicit Probe(const hnn_weights *w = nullptr) {
    EXPECT_EQ(hnn_model_open_static(manifest, entries, setAllocator, &m), HNN_OK)
        << hnn_last_error();
    EXPECT_EQ(hnn_trainer_create(m, w, &t), HNN_OK) << hnn_last_error();
  }
  ~Probe() {
    hnn_trainer_free(t);
    hnn_model_free(m);
  }
};

/// An owned batch: x (f32) and y (i64 zeros) of `values.size()` samples.
struct Batch {
  hnn_tensor *x = nullptr, *y = nullptr;
  explicit Batch(const std::vector<float> &values) {
    int64_t n = int64_t(values.size());
    hnn_tensor_create(HNN_F32, 1, &n, &x);
    hnn_tensor_create(HNN_I64, 1, &n, &y);
    std::memcpy(hnn_tensor_data(x), values.data(), values.size() * sizeof(float));
  }
  ~Batch() {
    hnn_tensor_free(x);
    hnn_tensor_free(y);
  }
  hnn_tensor *inputs[2];
  hnn_tensor *const *get() {
    inputs[0] = x, inputs[1] = y;
    return inputs;
  }
};

std::string tempPath(const char *name) {
  return testing::TempDir() + "/hnn-trainer-" + std::to_string(getpid()) + "-" + name;
}

/// The tensors of `path` as name -> floats.
std::vector<float> values(const hnn_weights *w, const char *name) {
  const hnn_tensor *t = hnn_weights_get(w, name);
  if (!t)
    return {};
  const float *p = static_cast<const float *>(hnn_tensor_data(t));
  return std::vector<float>(p, p + hnn_tensor_numel(t));
}

struct Loaded {
  hnn_weights *w = nullptr;
  explicit Loaded(const std::string &path) {
    EXPECT_EQ(hnn_weights_load(path.c_str(), &w), HNN_OK) << hnn_last_error();
  }
  ~Loaded() { hnn_weights_free(w); }
};

// hnn_model_run refuses result buffers that overlap an argument or another
// result, naming both, and writes nothing.
TEST(ModelRun, RejectsOverlappingBuffers) {
  hnn_model *m = nullptr;
  ASSERT_EQ(hnn_model_open_static(manifest, entries, setAllocator, &m), HNN_OK) << hnn_last_error();
  float storage[4] = {1, 2, 3, 4};
  int64_t two = 2;
  hnn_tensor *x = nullptr, *p = nullptr, *y = nullptr;
  ASSERT_EQ(hnn_tensor_wrap(HNN_F32, 1, &two, storage, &x), HNN_OK);
  ASSERT_EQ(hnn_tensor_wrap(HNN_F32, 1, &two, storage + 2, &p), HNN_OK);
  // y covers the second element of x and the first of p.
  ASSERT_EQ(hnn_tensor_wrap(HNN_F32, 1, &two, storage + 1, &y), HNN_OK);
  hnn_tensor *args[2] = {x, p};
  hnn_tensor *results[1] = {y};
  EXPECT_EQ(hnn_model_run(m, 0, args, 2, results, 1), HNN_ERR_INVALID_ARGUMENT);
  EXPECT_STREQ(hnn_last_error(), "forward: result 0 ('y') shares memory with argument 0 ('x')");
  EXPECT_EQ(storage[1], 2);
  // Disjoint buffers run.
  float out[2] = {0, 0};
  hnn_tensor *z = nullptr;
  ASSERT_EQ(hnn_tensor_wrap(HNN_F32, 1, &two, out, &z), HNN_OK);
  results[0] = z;
  EXPECT_EQ(hnn_model_run(m, 0, args, 2, results, 1), HNN_OK) << hnn_last_error();
  for (hnn_tensor *t : {x, p, y, z})
    hnn_tensor_free(t);
  hnn_model_free(m);
}

TEST(Trainer, StartsFromInit) {
  Probe probe;
  ASSERT_EQ(hnn_trainer_num_inputs(probe.t), 2);
  hnn_arg_info a;
  ASSERT_EQ(hnn_trainer_input_info(probe.t, 1, &a), HNN_OK);
  EXPECT_STREQ(a.name, "y");
  EXPECT_EQ(hnn_trainer_steps(probe.t), 0);
  std::string path = tempPath("init.safetensors");
  ASSERT_EQ(hnn_trainer_export(probe.t, path.c_str()), HNN_OK) << hnn_last_error();
  Loaded out(path);
  EXPECT_EQ(hnn_weights_count(out.w), 4) << "parameters only, no optimizer state";
  EXPECT_EQ(values(out.w, "p"), (std::vector<float>{1, 2}));
  EXPECT_EQ(values(out.w, "q"), (std::vector<float>{3}));
  EXPECT_EQ(values(out.w, "k"), (std::vector<float>{0.5f}));
  std::remove(path.c_str());
}

TEST(Trainer, StepsFeedTheScheduleAndSwapInTheUpdates) {
  Probe probe;
  // warmup 1, then 0.1 * 0.5^floor(u / 2): 0.1, 0.1, 0.1, 0.05, 0.05
  double want[] = {0.1, 0.1, 0.1, 0.05, 0.05};
  float p0 = 1;
  for (int s = 0; s < 5; ++s) {
    EXPECT_DOUBLE_EQ(hnn_trainer_lr(probe.t, s), want[s]) << s;
    Batch batch(s % 2 ? std::vector<float>{1, 2} : std::vector<float>{1, 2, 3});
    hnn_step_result r;
    ASSERT_EQ(hnn_trainer_step(probe.t, batch.get(), 2, &r), HNN_OK) << hnn_last_error();
    EXPECT_EQ(r.nonfinite_param, nullptr);
    EXPECT_FLOAT_EQ(r.loss, s % 2 ? 3.5f : 6.5f);
    ASSERT_NE(r.output, nullptr);
    ASSERT_EQ(hnn_tensor_shape(r.output)[0], s % 2 ? 2 : 3) << "the batch may change";
    EXPECT_EQ(static_cast<const float *>(hnn_tensor_data(r.output))[1], 4.0f);
    EXPECT_EQ(hnn_trainer_steps(probe.t), s + 1);
    p0 -= float(want[s]);
  }
  std::string path = tempPath("steps.safetensors");
  ASSERT_EQ(hnn_trainer_save(probe.t, path.c_str()), HNN_OK) << hnn_last_error();
  Loaded ck(path);
  std::vector<float> seen = values(ck.w, "seen");
  ASSERT_EQ(seen.size(), 3u);
  EXPECT_EQ(seen[0], 0.05f) << "the lr of the last update";
  EXPECT_EQ(seen[1], 5.0f) << "the 1-based step of the last update";
  EXPECT_EQ(seen[2], 1.0f) << "no update result aliases its argument";
  EXPECT_FLOAT_EQ(values(ck.w, "p")[0], p0);
  EXPECT_EQ(values(ck.w, "p.momentum_buffer"), (std::vector<float>{5, 5}));
  EXPECT_EQ(values(ck.w, "q.momentum_buffer"), (std::vector<float>{10}));
  EXPECT_STREQ(hnn_weights_metadata(ck.w, "hnn.steps"), "5");
  std::remove(path.c_str());
}

TEST(Trainer, ReportsTheFirstNonFiniteGradient) {
  Probe probe;
  hnn_step_result r;
  Batch nanFirst({NAN, 1});
  ASSERT_EQ(hnn_trainer_step(probe.t, nanFirst.get(), 2, &r), HNN_OK);
  ASSERT_NE(r.nonfinite_param, nullptr);
  EXPECT_STREQ(r.nonfinite_param, "p");
  Batch nanSecond({1, INFINITY});
  ASSERT_EQ(hnn_trainer_step(probe.t, nanSecond.get(), 2, &r), HNN_OK);
  ASSERT_NE(r.nonfinite_param, nullptr);
  EXPECT_STREQ(r.nonfinite_param, "q");
  Batch lossOnly({1, 2, INFINITY});
  ASSERT_EQ(hnn_trainer_step(probe.t, lossOnly.get(), 2, &r), HNN_OK);
  ASSERT_NE(r.nonfinite_param, nullptr);
  EXPECT_STREQ(r.nonfinite_param, "") << "the loss alone";
  Batch fine({1, 2});
  ASSERT_EQ(hnn_trainer_step(probe.t, fine.get(), 2, &r), HNN_OK);
  EXPECT_EQ(r.nonfinite_param, nullptr);
  EXPECT_EQ(hnn_trainer_steps(probe.t), 4) << "non-finite steps still count";
}

TEST(Trainer, EvaluatesWithoutUpdating) {
  Probe probe;
  Batch batch({1, 2, 3});
  hnn_step_result r;
  ASSERT_EQ(hnn_trainer_eval(probe.t, batch.get(), 2, &r), HNN_OK) << hnn_last_error();
  EXPECT_EQ(r.loss, 6.0f) << "sum(x) * p[0]";
  EXPECT_EQ(static_cast<const float *>(hnn_tensor_data(r.output))[2], 9.0f);
  EXPECT_EQ(r.nonfinite_param, nullptr);
  EXPECT_EQ(hnn_trainer_steps(probe.t), 0);
  EXPECT_EQ(hnn_trainer_eval(probe.t, batch.get(), 1, &r), HNN_ERR_INVALID_ARGUMENT);
}

TEST(Trainer, CheckpointsRestoreEverythingExactly) {
  Probe a;
  Batch batch({0.3f, 0.7f});
  hnn_step_result r;
  for (int s = 0; s < 3; ++s)
    ASSERT_EQ(hnn_trainer_step(a.t, batch.get(), 2, &r), HNN_OK);
  ASSERT_EQ(hnn_trainer_set_metadata(a.t, "epoch", "2"), HNN_OK);
  EXPECT_EQ(hnn_trainer_set_metadata(a.t, "hnn.steps", "9"), HNN_ERR_INVALID_ARGUMENT);
  std::string path = tempPath("ck.safetensors"), again = tempPath("ck2.safetensors");
  ASSERT_EQ(hnn_trainer_save(a.t, path.c_str()), HNN_OK) << hnn_last_error();
  Probe b;
  ASSERT_EQ(hnn_trainer_load(b.t, path.c_str()), HNN_OK) << hnn_last_error();
  EXPECT_EQ(hnn_trainer_steps(b.t), 3);
  EXPECT_STREQ(hnn_trainer_metadata(b.t, "epoch"), "2");
  EXPECT_EQ(hnn_trainer_metadata(b.t, "hnn.steps"), nullptr);
  ASSERT_EQ(hnn_trainer_save(b.t, again.c_str()), HNN_OK);
  Loaded x(path), y(again);
  for (const char *name : {"p", "q", "seen", "k", "p.momentum_buffer", "q.momentum_buffer"})
    EXPECT_EQ(values(x.w, name), values(y.w, name)) << name;
  // Both continue alike.
  ASSERT_EQ(hnn_trainer_step(a.t, batch.get(), 2, &r), HNN_OK);
  ASSERT_EQ(hnn_trainer_step(b.t, batch.get(), 2, &r), HNN_OK);
  ASSERT_EQ(hnn_trainer_save(a.t, path.c_str()), HNN_OK);
  ASSERT_EQ(hnn_trainer_save(b.t, again.c_str()), HNN_OK);
  Loaded x2(path), y2(again);
  EXPECT_EQ(values(x2.w, "p"), values(y2.w, "p"));
  EXPECT_EQ(values(x2.w, "seen"), values(y2.w, "seen"));
  std::remove(path.c_str());
  std::remove(again.c_str());
}

/// A weight set with p, q, seen and k (shape of p: `pShape`), and with
/// `slots` the optimizer state.
hnn_weights *makeWeights(int64_t pShape, bool slots, bool withK = true) {
  hnn_weights *w = nullptr;
  hnn_weights_create(&w);
  auto put = [&](const char *name, int64_t n, float value) {
    hnn_tensor *t = nullptr;
    hnn_tensor_create(HNN_F32, 1, &n, &t);
    for (int64_t i = 0; i < n; ++i)
      static_cast<float *>(hnn_tensor_data(t))[i] = value;
    hnn_weights_put(w, name, t);
    hnn_tensor_free(t);
  };
  put("p", pShape, 7), put("q", 1, 8), put("seen", 3, 0);
  if (withK)
    put("k", 1, 0.25f);
  if (slots)
    put("p.momentum_buffer", 2, 40), put("q.momentum_buffer", 1, 50);
  return w;
}

TEST(Trainer, TakesWeightsWithOptionalOptimizerState) {
  hnn_weights *w = makeWeights(2, false), *ws = makeWeights(2, true);
  {
    Probe probe(w);
    std::string path = tempPath("w.safetensors");
    ASSERT_EQ(hnn_trainer_save(probe.t, path.c_str()), HNN_OK);
    Loaded ck(path);
    EXPECT_EQ(values(ck.w, "p"), (std::vector<float>{7, 7}));
    EXPECT_EQ(values(ck.w, "p.momentum_buffer"), (std::vector<float>{0, 0}));
    std::remove(path.c_str());
  }
  {
    Probe probe(ws);
    std::string path = tempPath("ws.safetensors");
    ASSERT_EQ(hnn_trainer_save(probe.t, path.c_str()), HNN_OK);
    Loaded ck(path);
    EXPECT_EQ(values(ck.w, "q.momentum_buffer"), (std::vector<float>{50}));
    std::remove(path.c_str());
  }
  hnn_weights_free(w);
  hnn_weights_free(ws);
}

TEST(Trainer, ListsEveryWeightProblem) {
  hnn_model *m = nullptr;
  ASSERT_EQ(hnn_model_open_static(manifest, entries, setAllocator, &m), HNN_OK);
  hnn_weights *w = makeWeights(3, false, false);
  hnn_trainer *t = nullptr;
  EXPECT_EQ(hnn_trainer_create(m, w, &t), HNN_ERR_SHAPE);
  EXPECT_EQ(t, nullptr);
  EXPECT_STREQ(hnn_last_error(),
               "entry 'train_step': 2 problems binding weights:\n"
               "  mismatch: 'p' is f32[3] in the weights, the model expects f32[2]\n"
               "  missing: 'k' (frozen f32[1])");
  hnn_weights_free(w);
  hnn_model_free(m);
}

TEST(Trainer, LoadNamesTheTensorAndTheFile) {
  Probe probe;
  std::string path = tempPath("bad.safetensors");
  hnn_weights *w = makeWeights(3, true);
  hnn_weights_set_metadata(w, "hnn.steps", "4");
  ASSERT_EQ(hnn_weights_save(w, path.c_str()), HNN_OK);
  EXPECT_EQ(hnn_trainer_load(probe.t, path.c_str()), HNN_ERR_SHAPE);
  EXPECT_EQ(
      std::string(hnn_last_error()),
      "checkpoint " + path +
          " does not fit the model: entry 'train_step': 1 problem "
          "binding weights:\n  mismatch: 'p' is f32[3] in the weights, the model expects f32[2]");
  hnn_weights_free(w);
  w = makeWeights(2, false);
  hnn_weights_set_metadata(w, "hnn.steps", "4");
  ASSERT_EQ(hnn_weights_save(w, path.c_str()), HNN_OK);
  EXPECT_EQ(hnn_trainer_load(probe.t, path.c_str()), HNN_ERR_NOT_FOUND);
  EXPECT_EQ(std::string(hnn_last_error()),
            "checkpoint " + path + " has no optimizer state 'p.momentum_buffer'");
  hnn_weights_free(w);
  w = makeWeights(2, true);
  ASSERT_EQ(hnn_weights_save(w, path.c_str()), HNN_OK);
  EXPECT_EQ(hnn_trainer_load(probe.t, path.c_str()), HNN_ERR_FORMAT);
  EXPECT_EQ(std::string(hnn_last_error()),
            path + " is not a training checkpoint (no 'hnn.steps' metadata)");
  hnn_weights_free(w);
  EXPECT_EQ(hnn_trainer_steps(probe.t), 0) << "a failed load changes nothing";
  std::remove(path.c_str());
}

TEST(Trainer, ScalesTheSchedule) {
  Probe probe;
  ASSERT_EQ(hnn_trainer_set_lr(probe.t, 0.3), HNN_OK);
  EXPECT_NEAR(hnn_trainer_lr(probe.t, 0), 0.3, 1e-15);
  EXPECT_NEAR(hnn_trainer_lr(probe.t, 3), 0.15, 1e-15);
  EXPECT_EQ(hnn_trainer_set_lr(probe.t, 0), HNN_ERR_INVALID_ARGUMENT);
}

TEST(Trainer, NeedsTrainStep) {
  hnn_model *m = nullptr;
  ASSERT_EQ(hnn_model_open_static("hnn-manifest 2\nentry forward 1 1\narg input x f32 1 -1\n"
                                  "result output y f32 1 -1\n",
                                  entries, nullptr, &m),
            HNN_OK);
  hnn_trainer *t = nullptr;
  EXPECT_EQ(hnn_trainer_create(m, nullptr, &t), HNN_ERR_NOT_FOUND);
  EXPECT_STREQ(hnn_last_error(), "model was not compiled with --train (no train_step entry)");
  hnn_model_free(m);
}

TEST(Memory, PeakCountsLiveBlocksOnly) {
  Probe probe;
  Batch batch({1, 2});
  hnn_step_result r;
  ASSERT_EQ(hnn_trainer_step(probe.t, batch.get(), 2, &r), HNN_OK); // fills the cache
  size_t live = hnn_alloc_live_bytes();
  hnn_memory_reset_peak();
  EXPECT_EQ(hnn_memory_peak_bytes(), live);
  ASSERT_EQ(hnn_trainer_step(probe.t, batch.get(), 2, &r), HNN_OK);
  EXPECT_EQ(hnn_memory_peak_bytes(), live + (3u << 20)) << "1 MiB and 2 MiB at once";
  EXPECT_EQ(hnn_alloc_live_bytes(), live) << "cached blocks are not in use";
  void *big = hnn_buffer_alloc(64, 5 << 20);
  EXPECT_EQ(hnn_memory_peak_bytes(), live + (5u << 20));
  hnn_buffer_free(big);
  hnn_memory_reset_peak();
  EXPECT_EQ(hnn_memory_peak_bytes(), live);
}

} // namespace
