//===- Train.h - the training commands of hnn-run ---------------*- C++ -*-===//
//
// `train`, `train-step` and `compare` (docs/training.md), and what `info`
// adds for a model compiled with hnnc --train.
//
//===----------------------------------------------------------------------===//
#ifndef HNN_TOOLS_HNN_RUN_TRAIN_H
#define HNN_TOOLS_HNN_RUN_TRAIN_H

#include "runtime/hnnrt.h"

#include <optional>

namespace hnnrun {

/// Runs `train` (Train.cpp), `train-step` or `compare` (TrainTools.cpp) when
/// the command line named one; its exit status, or nullopt.
std::optional<int> runTrainingCommand();
int train();
int trainStep();
int compareWeights();

/// For `info`: the optimizer, schedule and loss of the training line, the
/// bytes of the parameters and of the optimizer state, and the peak memory of
/// one train_step at batch 64 (measured on zeros). Nothing without train_step.
int describeTraining(hnn_model *model);

} // namespace hnnrun

#endif
