//===- Common.h - helpers shared by the hnn-run commands --------*- C++ -*-===//
//
// Owning handles for the runtime's objects, the one-line error exit and the
// `f32[batch, 10]` spelling of shapes.
//
//===----------------------------------------------------------------------===//
#ifndef HNN_TOOLS_HNN_RUN_COMMON_H
#define HNN_TOOLS_HNN_RUN_COMMON_H

#include "runtime/hnnrt.h"

#include "llvm/ADT/Twine.h"
#include "llvm/Support/raw_ostream.h"

#include <memory>
#include <string>

namespace hnnrun {

struct TensorDeleter {
  void operator()(hnn_tensor *t) const { hnn_tensor_free(t); }
};
using Tensor = std::unique_ptr<hnn_tensor, TensorDeleter>;
struct ModelDeleter {
  void operator()(hnn_model *m) const { hnn_model_free(m); }
};
struct WeightsDeleter {
  void operator()(hnn_weights *w) const { hnn_weights_free(w); }
};
using Weights = std::unique_ptr<hnn_weights, WeightsDeleter>;
struct TrainerDeleter {
  void operator()(hnn_trainer *t) const { hnn_trainer_free(t); }
};
using Trainer = std::unique_ptr<hnn_trainer, TrainerDeleter>;

/// Prints `hnn-run: error: MESSAGE` and returns the exit status 1.
inline int fail(const llvm::Twine &message) {
  llvm::outs().flush();
  llvm::errs() << "hnn-run: error: " << message << "\n";
  return 1;
}

/// fail() with the runtime's message for `s`.
inline int failStatus(hnn_status s) {
  return fail(llvm::Twine(hnn_status_name(s)) + ": " + hnn_last_error());
}

/// `f32[batch, 10]`: dtype and shape, -1 dimensions spelled `batch`.
inline std::string describe(hnn_dtype dtype, int rank, const int64_t *shape) {
  std::string s = std::string(hnn_dtype_name(dtype)) + "[";
  for (int d = 0; d < rank; ++d)
    s += (d ? ", " : "") + (shape[d] < 0 ? std::string("batch") : std::to_string(shape[d]));
  return s + "]";
}

inline std::string describe(const hnn_arg_info &info) {
  return describe(info.dtype, info.rank, info.shape);
}

inline std::string describe(const hnn_tensor *t) {
  return describe(hnn_tensor_dtype(t), hnn_tensor_rank(t), hnn_tensor_shape(t));
}

} // namespace hnnrun

#endif
