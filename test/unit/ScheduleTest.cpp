//===- ScheduleTest.cpp - learning-rate schedules against PyTorch ---------===//
//
// hnn_schedule_lr for every schedule type, with and without warm-up, against
// the rates PyTorch's schedulers give (ScheduleGoldens.inc, written by
// make_schedule_goldens.py), and how the training line fills the schedule.
//
//===----------------------------------------------------------------------===//
#include "runtime/internal.h"

#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

namespace {

struct Golden {
  const char *name;
  hnn_schedule schedule;
  std::vector<double> rates;
};

const Golden goldens[] = {
#include "ScheduleGoldens.inc"
};

TEST(Schedule, MatchesPyTorch) {
  for (const Golden &g : goldens)
    for (size_t s = 0; s < g.rates.size(); ++s)
      EXPECT_NEAR(hnn_schedule_lr(&g.schedule, int64_t(s)), g.rates[s],
                  1e-12 + 1e-9 * std::fabs(g.rates[s]))
          << g.name << " at update " << s;
}

TEST(Schedule, HoldsTheLastRateAfterTotalSteps) {
  hnn_schedule cosine = {HNN_SCHEDULE_COSINE, 0.1, 0.1, 0.002, 0, 0.3, 5, 0, 25};
  for (int64_t s : {25, 26, 100, 100000})
    EXPECT_DOUBLE_EQ(hnn_schedule_lr(&cosine, s), 0.002) << s;
  hnn_schedule cycle = {HNN_SCHEDULE_ONE_CYCLE, 0.1, 0.1, 0, 0.4, 0.3, 0, 0, 20};
  double last = hnn_schedule_lr(&cycle, 19);
  EXPECT_NEAR(last, 0.4 / 25 / 1e4, 1e-15);
  for (int64_t s : {20, 21, 1000})
    EXPECT_DOUBLE_EQ(hnn_schedule_lr(&cycle, s), last) << s;
}

TEST(Schedule, WarmupRisesToTheFirstRate) {
  hnn_schedule cycle = {HNN_SCHEDULE_ONE_CYCLE, 0.1, 0.1, 0, 0.4, 0.3, 4, 0, 24};
  double start = 0.4 / 25;
  for (int64_t s = 0; s < 4; ++s)
    EXPECT_NEAR(hnn_schedule_lr(&cycle, s), start * double(s + 1) / 4, 1e-15) << s;
  EXPECT_NEAR(hnn_schedule_lr(&cycle, 4), start, 1e-15);
}

/// A model with no entry and `training` as its training line.
struct Manifest {
  hnn_model *m = nullptr;
  hnn_status status;
  explicit Manifest(const std::string &training) {
    std::string text = "hnn-manifest 2\ntraining " + training + "\n";
    status = hnn_model_open_static(text.c_str(), noEntries(), nullptr, &m);
  }
  static const hnn_entry_fn *noEntries() {
    static const hnn_entry_fn none[1] = {nullptr};
    return none;
  }
  ~Manifest() { hnn_model_free(m); }
};

TEST(Schedule, ReadsTheTrainingLine) {
  Manifest m("optimizer=adamw lr=0.003 schedule=one_cycle total_steps=90 max_lr=0.03 "
             "warmup_steps=10");
  ASSERT_EQ(m.status, HNN_OK) << hnn_last_error();
  hnn_schedule s;
  ASSERT_EQ(hnn_schedule_from_model(m.m, &s), HNN_OK) << hnn_last_error();
  EXPECT_EQ(s.kind, HNN_SCHEDULE_ONE_CYCLE);
  EXPECT_EQ(s.lr, 0.003);
  EXPECT_EQ(s.max_lr, 0.03);
  EXPECT_EQ(s.total_steps, 90);
  EXPECT_EQ(s.warmup_steps, 10);
  EXPECT_EQ(s.pct_start, 0.3) << "PyTorch's default";
  EXPECT_EQ(s.gamma, 0.1);
  EXPECT_EQ(s.min_lr, 0.0);

  Manifest plain("optimizer=sgd lr=0.5");
  ASSERT_EQ(hnn_schedule_from_model(plain.m, &s), HNN_OK) << hnn_last_error();
  EXPECT_EQ(s.kind, HNN_SCHEDULE_CONSTANT);
  EXPECT_EQ(hnn_schedule_lr(&s, 123), 0.5);
}

TEST(Schedule, RejectsIncompleteSettings) {
  struct {
    const char *line, *message;
  } cases[] = {
      {"optimizer=sgd", "manifest training line: 'lr' is missing"},
      {"lr=0.1 schedule=step", "manifest training line: 'step_size' is missing"},
      {"lr=0.1 schedule=step step_size=0",
       "manifest training line: 'step_size' must be an integer >= 1, got 0"},
      {"lr=0.1 schedule=cosine", "manifest training line: 'total_steps' is missing"},
      {"lr=0.1 schedule=one_cycle total_steps=10", "manifest training line: 'max_lr' is missing"},
      {"lr=0.1 schedule=linear", "manifest training line: unknown schedule 'linear'"},
      {"lr=fast", "manifest training line: 'lr' is not a number: 'fast'"},
      {"lr=0.1 warmup_steps=2.5",
       "manifest training line: 'warmup_steps' must be an integer >= 0, got 2.5"},
  };
  for (const auto &c : cases) {
    Manifest m(c.line);
    ASSERT_EQ(m.status, HNN_OK) << hnn_last_error();
    hnn_schedule s;
    EXPECT_EQ(hnn_schedule_from_model(m.m, &s), HNN_ERR_FORMAT) << c.line;
    EXPECT_STREQ(hnn_last_error(), c.message);
  }
}

} // namespace
