//===- Dataset.cpp - the data sets of hnn-run train -----------------------===//
#include "Dataset.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <map>
#include <sys/stat.h>

namespace hnnrun {
namespace {

std::string shapeText(const int64_t *shape, int rank) {
  std::string s = "[";
  for (int d = 0; d < rank; ++d)
    s += (d ? ", " : "") + std::to_string(shape[d]);
  return s + "]";
}

bool isDirectory(const std::string &path) {
  struct stat st;
  return stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode);
}

bool exists(const std::string &path) {
  struct stat st;
  return stat(path.c_str(), &st) == 0;
}

std::string statusMessage(hnn_status s) {
  return std::string(hnn_status_name(s)) + ": " + hnn_last_error();
}

/// Loads an NPY or IDX file (by its first bytes), keeping `limit` samples.
bool loadFile(const std::string &path, int64_t limit, Tensor &out, std::string &error) {
  char magic[6] = {0};
  FILE *f = std::fopen(path.c_str(), "rb");
  if (!f) {
    error = "cannot open " + path + ": " + std::strerror(errno);
    return false;
  }
  size_t got = std::fread(magic, 1, sizeof magic, f);
  std::fclose(f);
  bool npy = got == sizeof magic && std::memcmp(magic, "\x93NUMPY", 6) == 0;
  hnn_tensor *t = nullptr;
  if (hnn_status s =
          npy ? hnn_npy_load(path.c_str(), &t) : hnn_idx_load_first(path.c_str(), limit, &t)) {
    error = statusMessage(s);
    return false;
  }
  out.reset(t);
  return true;
}

/// `t` limited to `limit` samples, in `want`'s dtype and per-sample shape.
bool conform(const std::string &name, const std::string &from, Tensor t, const hnn_arg_info &want,
             int64_t limit, Tensor &out, std::string &error) {
  int rank = hnn_tensor_rank(t.get());
  const int64_t *shape = hnn_tensor_shape(t.get());
  if (want.rank < 1 || want.shape[0] != -1) {
    error = "input '" + name + "' has no batch dimension (" + describe(want) + ")";
    return false;
  }
  for (int d = 1; d < want.rank; ++d)
    if (want.shape[d] < 0) {
      error = "input '" + name + "' has a dynamic dimension besides the batch";
      return false;
    }
  if (rank < 1) {
    error = from + ": '" + name + "' is a scalar, it has no samples";
    return false;
  }
  int64_t samples = limit >= 0 ? std::min(shape[0], limit) : shape[0];
  int64_t have = 1, need = 1;
  for (int d = 1; d < rank; ++d)
    have *= shape[d];
  for (int d = 1; d < want.rank; ++d)
    need *= want.shape[d];
  if (have != need) {
    error = from + ": '" + name + "' has samples of shape " + shapeText(shape + 1, rank - 1) +
            ", the model input '" + name + "' takes " + shapeText(want.shape + 1, want.rank - 1);
    return false;
  }
  hnn_dtype dtype = hnn_tensor_dtype(t.get());
  bool integers =
      (dtype == HNN_I32 || dtype == HNN_I64) && (want.dtype == HNN_I32 || want.dtype == HNN_I64);
  if (dtype != want.dtype && !integers) {
    error = from + ": '" + name + "' is " + hnn_dtype_name(dtype) + ", the model input '" + name +
            "' takes " + hnn_dtype_name(want.dtype);
    return false;
  }
  std::vector<int64_t> target(want.shape, want.shape + want.rank);
  target[0] = samples;
  hnn_tensor *made = nullptr;
  if (hnn_status s = hnn_tensor_create(want.dtype, want.rank, target.data(), &made)) {
    error = statusMessage(s);
    return false;
  }
  out.reset(made);
  int64_t n = samples * need;
  const void *src = hnn_tensor_data(t.get());
  void *dst = hnn_tensor_data(made);
  if (dtype == want.dtype)
    std::memcpy(dst, src, size_t(n) * hnn_dtype_size(dtype));
  else if (dtype == HNN_I32)
    for (int64_t i = 0; i < n; ++i)
      static_cast<int64_t *>(dst)[i] = static_cast<const int32_t *>(src)[i];
  else
    for (int64_t i = 0; i < n; ++i)
      static_cast<int32_t *>(dst)[i] = (int32_t) static_cast<const int64_t *>(src)[i];
  return true;
}

/// The IDX pair of a directory: PREFIX-images-idx3-ubyte[.gz], PREFIX-labels-idx1-ubyte[.gz].
bool idxPath(const std::string &dir, const std::string &stem, std::string &out,
             std::string &error) {
  for (const char *suffix : {"", ".gz"}) {
    out = dir + "/" + stem + suffix;
    if (exists(out))
      return true;
  }
  error = "no " + stem + "[.gz] in " + dir;
  return false;
}

} // namespace

bool loadDataset(const std::string &spec, const hnn_trainer *trainer, const std::string &labels,
                 bool test, int64_t limit, Dataset &out, std::string &error) {
  int n = hnn_trainer_num_inputs(trainer);
  std::vector<hnn_arg_info> infos(n);
  std::string inputNames;
  for (int i = 0; i < n; ++i) {
    hnn_trainer_input_info(trainer, i, &infos[i]);
    inputNames += (i ? ", " : "") + std::string(infos[i].name);
  }
  std::map<std::string, std::string> files; // input name -> file
  std::map<std::string, Tensor> loaded;
  Weights set;
  out.source = spec;
  if (isDirectory(spec)) {
    const char *prefix = test ? "t10k" : "train";
    bool hasLabels = false;
    for (const hnn_arg_info &a : infos)
      hasLabels |= labels == a.name;
    if (n != 2 || !hasLabels) {
      error = "a directory of IDX files feeds an images input and the labels input '" + labels +
              "'; the model's inputs are " + inputNames;
      return false;
    }
    std::string images, labelFile;
    if (!idxPath(spec, std::string(prefix) + "-images-idx3-ubyte", images, error) ||
        !idxPath(spec, std::string(prefix) + "-labels-idx1-ubyte", labelFile, error))
      return false;
    for (const hnn_arg_info &a : infos)
      files[a.name] = labels == a.name ? labelFile : images;
  } else if (spec.find('=') != std::string::npos) {
    size_t start = 0;
    while (start <= spec.size()) {
      size_t comma = spec.find(',', start);
      std::string item = spec.substr(start, comma == std::string::npos ? comma : comma - start);
      size_t eq = item.find('=');
      if (eq == std::string::npos || eq == 0 || eq + 1 == item.size()) {
        error = "expected NAME=FILE in the data set list, got '" + item + "'";
        return false;
      }
      std::string name = item.substr(0, eq);
      if (files.count(name)) {
        error = "input '" + name + "' is given twice in the data set list";
        return false;
      }
      files[name] = item.substr(eq + 1);
      if (comma == std::string::npos)
        break;
      start = comma + 1;
    }
  } else {
    hnn_weights *raw = nullptr;
    if (hnn_status s = hnn_weights_load(spec.c_str(), &raw)) {
      error = statusMessage(s);
      return false;
    }
    set.reset(raw);
  }
  for (const auto &[name, file] : files) {
    bool known = false;
    for (const hnn_arg_info &a : infos)
      known |= name == a.name;
    if (!known) {
      error = "the model has no input '" + name + "' (its inputs: " + inputNames + ")";
      return false;
    }
  }
  out.names.clear();
  out.tensors.clear();
  std::string firstName;
  for (const hnn_arg_info &a : infos) {
    Tensor raw;
    std::string from = spec;
    if (set) {
      const hnn_tensor *t = hnn_weights_get(set.get(), a.name);
      if (t) {
        hnn_tensor *copy = nullptr;
        if (hnn_status s = hnn_tensor_create(hnn_tensor_dtype(t), hnn_tensor_rank(t),
                                             hnn_tensor_shape(t), &copy)) {
          error = statusMessage(s);
          return false;
        }
        std::memcpy(hnn_tensor_data(copy), hnn_tensor_data(t), hnn_tensor_nbytes(t));
        raw.reset(copy);
      }
    } else if (files.count(a.name)) {
      from = files[a.name];
      if (!loadFile(from, limit, raw, error))
        return false;
    }
    if (!raw) {
      bool isLabels = labels == a.name;
      error = std::string("the data set ") + spec + " has no " +
              (isLabels ? "labels input '" : "input '") + a.name +
              "' (the model's inputs: " + inputNames + ")";
      return false;
    }
    Tensor t;
    if (!conform(a.name, from, std::move(raw), a, limit, t, error))
      return false;
    int64_t samples = hnn_tensor_shape(t.get())[0];
    if (out.tensors.empty()) {
      out.samples = samples;
      firstName = a.name;
    } else if (samples != out.samples) {
      error = "the data set's inputs have different sample counts: '" + firstName + "' has " +
              std::to_string(out.samples) + ", '" + a.name + "' has " + std::to_string(samples);
      return false;
    }
    out.names.push_back(a.name);
    out.tensors.push_back(std::move(t));
  }
  if (out.samples < 1) {
    error = "the data set " + spec + " has no samples";
    return false;
  }
  return true;
}

bool Batcher::gather(const std::vector<int64_t> &indices, size_t begin, size_t end,
                     std::vector<hnn_tensor *> &out, std::string &error) {
  int64_t n = int64_t(end - begin);
  if (n != size) {
    batch.clear();
    for (const Tensor &t : data.tensors) {
      std::vector<int64_t> shape(hnn_tensor_shape(t.get()),
                                 hnn_tensor_shape(t.get()) + hnn_tensor_rank(t.get()));
      shape[0] = n;
      hnn_tensor *made = nullptr;
      if (hnn_status s = hnn_tensor_create(hnn_tensor_dtype(t.get()), (int)shape.size(),
                                           shape.data(), &made)) {
        error = statusMessage(s);
        return false;
      }
      batch.emplace_back(made);
    }
    size = n;
  }
  out.clear();
  for (size_t k = 0; k < data.tensors.size(); ++k) {
    const hnn_tensor *src = data.tensors[k].get();
    size_t bytes = hnn_tensor_nbytes(src) / size_t(std::max<int64_t>(data.samples, 1));
    const char *from = static_cast<const char *>(hnn_tensor_data(src));
    char *to = static_cast<char *>(hnn_tensor_data(batch[k].get()));
    for (size_t i = begin; i < end; ++i)
      std::memcpy(to + (i - begin) * bytes, from + size_t(indices[i]) * bytes, bytes);
    out.push_back(batch[k].get());
  }
  return true;
}

int64_t countCorrect(const hnn_tensor *prediction, const hnn_tensor *labels) {
  if (!prediction || !labels || hnn_tensor_dtype(prediction) != HNN_F32 ||
      hnn_tensor_rank(prediction) < 1 || hnn_tensor_rank(labels) != 1)
    return -1;
  int64_t batch = hnn_tensor_shape(labels)[0];
  if (hnn_tensor_shape(prediction)[0] != batch || batch == 0)
    return -1;
  int64_t classes = hnn_tensor_numel(prediction) / batch;
  const float *p = static_cast<const float *>(hnn_tensor_data(prediction));
  int64_t correct = 0;
  for (int64_t n = 0; n < batch; ++n) {
    int64_t best = 0;
    for (int64_t c = 1; c < classes; ++c)
      if (p[n * classes + c] > p[n * classes + best])
        best = c;
    int64_t label = hnn_tensor_dtype(labels) == HNN_I64
                        ? static_cast<const int64_t *>(hnn_tensor_data(labels))[n]
                        : static_cast<const int32_t *>(hnn_tensor_data(labels))[n];
    correct += best == label;
  }
  return correct;
}

} // namespace hnnrun
