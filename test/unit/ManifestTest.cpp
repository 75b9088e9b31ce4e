//===- ManifestTest.cpp - manifest version 2 ------------------------------===//
//
// The argument and result kinds of hnnc --train, the training line, and the
// rejection of the version 1 manifest.
//
//===----------------------------------------------------------------------===//
#include "runtime/internal.h"

#include <gtest/gtest.h>

#include <string>

namespace {

const hnn_entry_fn entries[4] = {nullptr, nullptr, nullptr, nullptr};

struct Model {
  hnn_model *m = nullptr;
  hnn_status status;
  explicit Model(const std::string &text) {
    status = hnn_model_open_static(text.c_str(), entries, nullptr, &m);
  }
  ~Model() { hnn_model_free(m); }
};

TEST(Manifest, ReadsEveryKind) {
  Model model("hnn-manifest 2\n"
              "training optimizer=adam lr=0.001 labels=y\n"
              "entry train_step 7 5\n"
              "flops 12\n"
              "arg input x f32 2 -1 3\n"
              "arg input y i64 1 -1\n"
              "arg trainable w f32 1 3\n"
              "arg frozen f f32 0\n"
              "arg state s f32 1 2\n"
              "arg optimizer w.exp_avg f32 1 3\n"
              "arg hyper lr f32 0\n"
              "result loss loss f32 0\n"
              "result output out f32 2 -1 3\n"
              "result update w f32 1 3\n"
              "result update w.exp_avg f32 1 3\n"
              "result gradsq w f32 0\n");
  ASSERT_EQ(model.status, HNN_OK) << hnn_last_error();
  hnn_arg_kind argKinds[] = {HNN_ARG_INPUT, HNN_ARG_INPUT,     HNN_ARG_TRAINABLE, HNN_ARG_FROZEN,
                             HNN_ARG_STATE, HNN_ARG_OPTIMIZER, HNN_ARG_HYPER};
  for (int i = 0; i < 7; ++i) {
    hnn_arg_info a;
    ASSERT_EQ(hnn_model_arg_info(model.m, 0, i, &a), HNN_OK);
    EXPECT_EQ(a.kind, argKinds[i]) << a.name;
    EXPECT_EQ(a.result_kind, HNN_RESULT_OUTPUT) << a.name;
  }
  hnn_result_kind resultKinds[] = {HNN_RESULT_LOSS, HNN_RESULT_OUTPUT, HNN_RESULT_UPDATE,
                                   HNN_RESULT_UPDATE, HNN_RESULT_GRADSQ};
  const char *names[] = {"loss", "out", "w", "w.exp_avg", "w"};
  for (int i = 0; i < 5; ++i) {
    hnn_arg_info r;
    ASSERT_EQ(hnn_model_result_info(model.m, 0, i, &r), HNN_OK);
    EXPECT_EQ(r.result_kind, resultKinds[i]) << i;
    EXPECT_EQ(r.kind, HNN_ARG_INPUT) << i;
    EXPECT_STREQ(r.name, names[i]);
  }
  EXPECT_EQ(hnn_model_flops_per_sample(model.m, 0), 12);
  EXPECT_STREQ(hnn_model_training_value(model.m, "optimizer"), "adam");
  EXPECT_STREQ(hnn_model_training_value(model.m, "lr"), "0.001");
  EXPECT_STREQ(hnn_model_training_value(model.m, "labels"), "y");
  EXPECT_EQ(hnn_model_training_value(model.m, "momentum"), nullptr);
  EXPECT_EQ(hnn_model_training_value(model.m, nullptr), nullptr);
}

TEST(Manifest, TrainingLineMayComeLastOrNotAtAll) {
  Model last("hnn-manifest 2\nentry f 0 1\nresult output y f32 0\ntraining loss=mse\n");
  ASSERT_EQ(last.status, HNN_OK) << hnn_last_error();
  EXPECT_STREQ(hnn_model_training_value(last.m, "loss"), "mse");
  Model none("hnn-manifest 2\nentry f 0 1\nresult output y f32 0\n");
  ASSERT_EQ(none.status, HNN_OK) << hnn_last_error();
  EXPECT_EQ(hnn_model_training_value(none.m, "loss"), nullptr);
}

TEST(Manifest, RejectsVersion1AndMalformedLines) {
  struct {
    const char *text, *message;
  } cases[] = {
      {"hnn-manifest 1\nentry f 0 1\nresult y f32 0\n",
       "manifest: expected 'hnn-manifest 2' on line 1"},
      {"hnn-manifest 2\nentry f 0 1\nresult y f32 0\n", "manifest line 3: bad result kind"},
      {"hnn-manifest 2\nentry f 1 0\narg param w f32 0\n", "manifest line 3: bad argument kind"},
      {"hnn-manifest 2\ntraining lr=1\ntraining lr=2\n", "manifest line 3: a second training line"},
      {"hnn-manifest 2\ntraining lr\n", "manifest line 2: expected KEY=VALUE, got 'lr'"},
      {"hnn-manifest 2\ntraining =1\n", "manifest line 2: expected KEY=VALUE, got '=1'"},
      {"hnn-manifest 2\ntraining lr=1 lr=2\n", "manifest line 2: training key 'lr' given twice"},
  };
  for (const auto &c : cases) {
    Model model(c.text);
    EXPECT_EQ(model.status, HNN_ERR_FORMAT) << c.text;
    EXPECT_STREQ(hnn_last_error(), c.message);
  }
}

} // namespace
