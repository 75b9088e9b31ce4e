//===- Dataset.h - the data sets of hnn-run train ---------------*- C++ -*-===//
//
// A data set holds one tensor per data input of a model's train_step, all
// with the same number of samples (dimension 0), each already in the input's
// dtype and per-sample shape. It comes from
//   - a directory of MNIST-style IDX files: train-images-idx3-ubyte[.gz] and
//     train-labels-idx1-ubyte[.gz] (t10k-* for a test set); the labels feed
//     the labels input of the training line, the images the other input;
//   - `NAME=FILE,NAME=FILE`: NPY or IDX files (told apart by their first
//     bytes) for the inputs called NAME;
//   - a .safetensors file whose tensors are named like the inputs.
// Samples are reshaped to the input's shape when their element counts agree
// ([N, 28, 28] feeds [batch, 1, 28, 28] or [batch, 784]); integer data
// converts between i32 and i64.
//
//===----------------------------------------------------------------------===//
#ifndef HNN_TOOLS_HNN_RUN_DATASET_H
#define HNN_TOOLS_HNN_RUN_DATASET_H

#include "Common.h"

#include <string>
#include <vector>

namespace hnnrun {

struct Dataset {
  std::vector<std::string> names; // the trainer's inputs, in order
  std::vector<Tensor> tensors;    // [samples, per-sample shape of the input]
  int64_t samples = 0;
  std::string source; // for messages
};

/// Loads `spec` for the inputs of `trainer`. `labels` names the labels input
/// (for directories); `test` reads the t10k-* files of a directory; `limit`
/// keeps the first samples (negative: all). On failure returns false with a
/// one-line `error`.
bool loadDataset(const std::string &spec, const hnn_trainer *trainer, const std::string &labels,
                 bool test, int64_t limit, Dataset &out, std::string &error);

/// Gathers samples `indices[begin, end)` of `data` into batch tensors,
/// reusing them while the batch size stays the same.
class Batcher {
public:
  explicit Batcher(const Dataset &data) : data(data) {}
  /// The batch's inputs, valid until the next call; null (error set) when a
  /// tensor cannot be created.
  bool gather(const std::vector<int64_t> &indices, size_t begin, size_t end,
              std::vector<hnn_tensor *> &out, std::string &error);

private:
  const Dataset &data;
  std::vector<Tensor> batch;
  int64_t size = -1;
};

/// Correct predictions of a batch: argmax over each sample's row of
/// `prediction` against integer `labels`; -1 when the shapes do not fit.
int64_t countCorrect(const hnn_tensor *prediction, const hnn_tensor *labels);

} // namespace hnnrun

#endif
