//===- TrainSupportTest.cpp - data order, loss log and chart of hnn-run train -===//
//
// The data order must be a pure function of (seed, epoch), for --resume to
// reproduce a run bit for bit; the CSV and SVG files have fixed formats.
//
//===----------------------------------------------------------------------===//
#include "tools/hnn-run/TrainSupport.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <numeric>
#include <sstream>
#include <unistd.h>

using namespace hnnrun;

namespace {

TEST(DataOrder, SplitMix64MatchesTheReference) {
  // The first outputs for seed 0 of the reference implementation (Vigna).
  uint64_t state = 0;
  EXPECT_EQ(splitmix64(state), 0xe220a8397b1dcdafull);
  EXPECT_EQ(splitmix64(state), 0x6e789e6aa1b965f4ull);
  EXPECT_EQ(splitmix64(state), 0x06c45d188009454full);
}

TEST(DataOrder, ShuffleIsASeededPermutation) {
  std::vector<int64_t> items(1000);
  std::iota(items.begin(), items.end(), 0);
  std::vector<int64_t> a = items, b = items, c = items;
  shuffle(a, 42);
  shuffle(b, 42);
  shuffle(c, 43);
  EXPECT_EQ(a, b) << "the same seed gives the same order";
  EXPECT_NE(a, c);
  EXPECT_NE(a, items);
  std::sort(a.begin(), a.end());
  EXPECT_EQ(a, items) << "a permutation";
  std::vector<int64_t> small = {7, 8, 9};
  shuffle(small, 1);
  // Fixed for all time: a changed shuffle would break resuming old checkpoints.
  EXPECT_EQ(small, (std::vector<int64_t>{7, 9, 8}));
}

TEST(DataOrder, ValidationSplit) {
  Split s = splitValidation(100, 0.1, 5);
  EXPECT_EQ(s.validation.size(), 10u);
  EXPECT_EQ(s.train.size(), 90u);
  std::vector<int64_t> all = s.train;
  all.insert(all.end(), s.validation.begin(), s.validation.end());
  std::sort(all.begin(), all.end());
  for (int64_t i = 0; i < 100; ++i)
    ASSERT_EQ(all[size_t(i)], i);
  EXPECT_TRUE(std::is_sorted(s.train.begin(), s.train.end()));
  EXPECT_EQ(splitValidation(100, 0.1, 5).validation, s.validation);
  EXPECT_NE(splitValidation(100, 0.1, 6).validation, s.validation);
  EXPECT_TRUE(splitValidation(100, 0, 5).validation.empty());
  EXPECT_EQ(splitValidation(3, 0.01, 5).validation.size(), 1u) << "at least one";
  EXPECT_EQ(splitValidation(3, 0.99, 5).train.size(), 1u) << "never everything";
  EXPECT_TRUE(splitValidation(1, 0.5, 5).validation.empty());
}

TEST(DataOrder, EpochOrderDependsOnSeedAndEpochOnly) {
  std::vector<int64_t> train = {0, 2, 3, 5, 8, 13, 21, 34};
  EXPECT_EQ(epochOrder(train, 7, 3), epochOrder(train, 7, 3));
  EXPECT_NE(epochOrder(train, 7, 3), epochOrder(train, 7, 4));
  EXPECT_EQ(epochOrder(train, 7, 3), epochOrder(train, 8, 2)) << "seeded with seed + epoch";
  std::vector<int64_t> order = epochOrder(train, 7, 3);
  std::sort(order.begin(), order.end());
  EXPECT_EQ(order, train);
}

TEST(LossLog, CsvInterleavesValidationRows) {
  LossLog log;
  log.steps = {{1, 1, 2.5, 0.1}, {2, 1, 1.25, 0.1}, {3, 2, 0.5, 0.05}};
  log.validations = {{2, 1, 1.5, 0.75}, {3, 2, 0.25, NAN}};
  EXPECT_EQ(log.csv(), "step,epoch,loss,lr,val_loss,val_acc\n"
                       "1,1,2.5,0.1,,\n"
                       "2,1,1.25,0.1,,\n"
                       "2,1,,,1.5,0.750000\n"
                       "3,2,0.5,0.05,,\n"
                       "3,2,,,0.25,\n");
}

TEST(LossLog, SvgIsAChartWithTicks) {
  LossLog log;
  for (int64_t s = 1; s <= 2500; ++s)
    log.steps.push_back({s, 1 + (s - 1) / 1000, 2.0 / double(s), 0.1});
  log.steps[10].loss = NAN; // skipped
  log.validations = {{1000, 1, 0.3, 0.9}, {2000, 2, 0.2, 0.95}};
  std::string svg = log.svg();
  EXPECT_EQ(svg.rfind("<?xml", 0), 0u);
  EXPECT_NE(svg.find("<svg xmlns=\"http://www.w3.org/2000/svg\""), std::string::npos);
  EXPECT_NE(svg.find("</svg>"), std::string::npos);
  EXPECT_EQ(svg.find("nan,"), std::string::npos);
  EXPECT_EQ(svg.find(",nan"), std::string::npos);
  EXPECT_EQ(svg.find("href"), std::string::npos) << "self-contained";
  // At most 1000 points in the line, two validation dots plus the legend's.
  size_t begin = svg.find("points=\""), end = svg.find('"', begin + 8);
  ASSERT_NE(begin, std::string::npos);
  std::string points = svg.substr(begin + 8, end - begin - 8);
  EXPECT_LE(std::count(points.begin(), points.end(), ' ') + 1, 1000);
  size_t circles = 0;
  for (size_t at = svg.find("<circle"); at != std::string::npos; at = svg.find("<circle", at + 1))
    ++circles;
  EXPECT_EQ(circles, 3u);
  for (const char *label : {">0<", ">1000<", ">2500<", ">0.5<", ">1.5<", ">step<", ">loss<"})
    EXPECT_NE(svg.find(label), std::string::npos) << label;
}

TEST(LossLog, EmptyLogStillDraws) {
  std::string svg = LossLog().svg();
  EXPECT_NE(svg.find("</svg>"), std::string::npos);
  EXPECT_EQ(svg.find("<polyline"), std::string::npos);
}

void expectTicks(const std::vector<double> &got, const std::vector<double> &want) {
  ASSERT_EQ(got.size(), want.size());
  for (size_t i = 0; i < got.size(); ++i)
    EXPECT_NEAR(got[i], want[i], 1e-12 * std::max(1.0, std::fabs(want[i]))) << i;
}

TEST(Ticks, AreNiceNumbers) {
  expectTicks(niceTicks(0, 1, 5), {0, 0.2, 0.4, 0.6, 0.8, 1});
  expectTicks(niceTicks(0, 2500, 6), {0, 500, 1000, 1500, 2000, 2500});
  expectTicks(niceTicks(0.3, 2.1, 4), {0, 0.5, 1, 1.5, 2, 2.5});
  expectTicks(niceTicks(-0.07, 0.3, 4), {-0.1, 0, 0.1, 0.2, 0.3});
  expectTicks(niceTicks(0, 1.22, 5), {0, 0.5, 1, 1.5});
  EXPECT_FALSE(std::signbit(niceTicks(-0.07, 0.3, 4)[1])) << "no '-0' label";
  expectTicks(niceTicks(5, 5, 5), {5, 5.2, 5.4, 5.6, 5.8, 6});
}

TEST(Progress, Pieces) {
  EXPECT_EQ(formatDuration(7.4), "0:07");
  EXPECT_EQ(formatDuration(754), "12:34");
  EXPECT_EQ(formatDuration(3723), "1:02:03");
  EXPECT_EQ(formatDuration(NAN), "?");
  EXPECT_EQ(progressBar(512, 844, 16), "[#########.......]");
  EXPECT_EQ(progressBar(0, 10, 4), "[....]");
  EXPECT_EQ(progressBar(10, 10, 4), "[####]");
}

TEST(AtomicWrite, ReplacesTheFileWhole) {
  std::string path = testing::TempDir() + "/hnn-atomic-" + std::to_string(getpid()) + ".txt";
  std::string error;
  ASSERT_TRUE(writeFileAtomically(path, "first\n", error)) << error;
  ASSERT_TRUE(writeFileAtomically(path, "second\n", error)) << error;
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  EXPECT_EQ(text.str(), "second\n");
  std::remove(path.c_str());
  EXPECT_FALSE(writeFileAtomically("/nonexistent-dir/x.csv", "x", error));
  EXPECT_EQ(error, "cannot write /nonexistent-dir/x.csv: No such file or directory");
}

} // namespace
