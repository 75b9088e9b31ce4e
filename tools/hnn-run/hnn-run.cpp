//===- hnn-run.cpp - run compiled hnn models from the command line --------===//
//
//   hnn-run info MODEL.so                       entry points, arguments, results
//   hnn-run run MODEL.so --entry F --input a.npy ... [-o out.npy ...]
//                        [--expect ref.npy ... --rtol R --atol A]
//   hnn-run run MODEL.so --entry F --golden DIR/CASE   (CASE.in<i>.npy, CASE.out<j>.npy)
//   hnn-run bench MODEL.so [--entry F] [--batch N] [--iterations K] [--flops F]
//
// `run` feeds NPY files to an entry point (arguments in order), writes the
// results and, with --expect, compares them elementwise:
// |got - want| <= atol + rtol * |want|, NaN matching only NaN.
//
//===----------------------------------------------------------------------===//
#include "runtime/hnnrt.h"

#include "llvm/Support/CommandLine.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/raw_ostream.h"

#include "llvm/Support/Format.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <memory>
#include <vector>

namespace cl = llvm::cl;

namespace {
cl::SubCommand infoCmd("info", "Describe the entry points of a compiled model");
cl::SubCommand runCmd("run", "Run an entry point on NPY inputs");
cl::SubCommand benchCmd("bench", "Time an entry point on random inputs");

cl::opt<std::string> modelPath(cl::Positional, cl::desc("<model.so>"), cl::Required,
                               cl::sub(infoCmd), cl::sub(runCmd), cl::sub(benchCmd));
cl::opt<std::string> prefix("prefix", cl::desc("Symbol prefix the model was compiled with"),
                            cl::init(""), cl::sub(infoCmd), cl::sub(runCmd),
                            cl::sub(benchCmd));
cl::opt<std::string> entryName("entry", cl::desc("Entry point (default: the first)"),
                               cl::sub(runCmd), cl::sub(benchCmd));
cl::opt<int64_t> benchBatch("batch", cl::desc("Batch size for dynamic dimensions"),
                            cl::init(1), cl::sub(benchCmd));
cl::opt<unsigned> benchIters("iterations", cl::desc("Timed calls"), cl::init(20),
                             cl::sub(benchCmd));
cl::opt<unsigned> benchWarmup("warmup", cl::desc("Untimed calls first"), cl::init(3),
                              cl::sub(benchCmd));
cl::opt<double> benchFlops("flops", cl::desc("FLOPs per call, to report GFLOP/s"),
                           cl::init(0), cl::sub(benchCmd));
cl::list<std::string> inputs("input", cl::desc("NPY file for the next argument"),
                             cl::sub(runCmd));
cl::list<std::string> outputs("o", cl::desc("NPY file for the next result"), cl::sub(runCmd));
cl::list<std::string> expects("expect", cl::desc("NPY file the next result must match"),
                              cl::sub(runCmd));
cl::opt<std::string> golden("golden",
                           cl::desc("Read arguments from PREFIX.in<i>.npy and expected "
                                    "results from PREFIX.out<j>.npy"),
                           cl::value_desc("PREFIX"), cl::sub(runCmd));
cl::opt<double> rtol("rtol", cl::desc("Relative tolerance for --expect"), cl::init(1e-5),
                     cl::sub(runCmd));
cl::opt<double> atol("atol", cl::desc("Absolute tolerance for --expect"), cl::init(1e-6),
                     cl::sub(runCmd));

struct TensorDeleter {
  void operator()(hnn_tensor *t) const { hnn_tensor_free(t); }
};
using Tensor = std::unique_ptr<hnn_tensor, TensorDeleter>;
struct ModelDeleter {
  void operator()(hnn_model *m) const { hnn_model_free(m); }
};

int fail(const llvm::Twine &message) {
  llvm::errs() << "hnn-run: error: " << message << "\n";
  return 1;
}

int failStatus(hnn_status s) {
  return fail(llvm::Twine(hnn_status_name(s)) + ": " + hnn_last_error());
}

std::string describe(const hnn_arg_info &info) {
  std::string s = std::string(hnn_dtype_name(info.dtype)) + "[";
  for (int d = 0; d < info.rank; ++d)
    s += (d ? ", " : "") + (info.shape[d] < 0 ? std::string("batch")
                                               : std::to_string(info.shape[d]));
  return s + "]";
}

int info(hnn_model *m) {
  static const char *kinds[] = {"input", "trainable", "frozen", "state"};
  llvm::outs() << "model: " << modelPath << "\n";
  for (int e = 0; e < hnn_model_num_entries(m); ++e) {
    llvm::outs() << "entry " << hnn_model_entry_name(m, e) << "\n";
    for (int i = 0; i < hnn_model_num_args(m, e); ++i) {
      hnn_arg_info a;
      hnn_model_arg_info(m, e, i, &a);
      llvm::outs() << "  arg    " << a.name << " (" << kinds[a.kind] << ") " << describe(a)
                   << "\n";
    }
    for (int i = 0; i < hnn_model_num_results(m, e); ++i) {
      hnn_arg_info a;
      hnn_model_result_info(m, e, i, &a);
      llvm::outs() << "  result " << a.name << " " << describe(a) << "\n";
    }
  }
  return 0;
}

double element(const hnn_tensor *t, int64_t i) {
  const void *p = hnn_tensor_data(t);
  switch (hnn_tensor_dtype(t)) {
  case HNN_F32: return static_cast<const float *>(p)[i];
  case HNN_I32: return static_cast<const int32_t *>(p)[i];
  case HNN_I64: return (double)static_cast<const int64_t *>(p)[i];
  default: return NAN;
  }
}

/// Compares `got` with `want`; prints a one-line verdict.
bool compare(int index, const hnn_tensor *got, const hnn_tensor *want) {
  llvm::outs() << "result " << index << ": ";
  if (hnn_tensor_dtype(got) != hnn_tensor_dtype(want) ||
      hnn_tensor_rank(got) != hnn_tensor_rank(want) ||
      !std::equal(hnn_tensor_shape(got), hnn_tensor_shape(got) + hnn_tensor_rank(got),
                  hnn_tensor_shape(want))) {
    llvm::outs() << "FAIL: dtype or shape differs from the expected tensor\n";
    return false;
  }
  double maxAbs = 0, maxRel = 0;
  int64_t bad = -1, n = hnn_tensor_numel(got);
  for (int64_t i = 0; i < n; ++i) {
    double g = element(got, i), w = element(want, i);
    if (std::isnan(g) || std::isnan(w)) {
      if (!(std::isnan(g) && std::isnan(w)) && bad < 0)
        bad = i;
      continue;
    }
    double err = std::fabs(g - w);
    maxAbs = std::max(maxAbs, err);
    if (w != 0)
      maxRel = std::max(maxRel, err / std::fabs(w));
    if (!(err <= atol + rtol * std::fabs(w)) && bad < 0)
      bad = i;
  }
  if (bad >= 0) {
    llvm::outs() << "FAIL at flat index " << bad << ": got " << element(got, bad)
                 << ", expected " << element(want, bad) << " (max abs err " << maxAbs
                 << ", max rel err " << maxRel << ")\n";
    return false;
  }
  llvm::outs() << "ok (" << n << " elements, max abs err " << maxAbs << ", max rel err "
               << maxRel << ")\n";
  return true;
}

int run(hnn_model *m) {
  int e = entryName.empty() ? 0 : hnn_model_find_entry(m, entryName.c_str());
  if (e < 0 || e >= hnn_model_num_entries(m))
    return fail("no entry point '" + entryName + "' in " + modelPath);
  int nargs = hnn_model_num_args(m, e), nres = hnn_model_num_results(m, e);
  if (!golden.empty()) {
    if (!inputs.empty() || !expects.empty())
      return fail("--golden replaces --input and --expect");
    for (int i = 0; i < nargs; ++i)
      inputs.push_back(golden + ".in" + std::to_string(i) + ".npy");
    for (int i = 0; i < nres; ++i)
      expects.push_back(golden + ".out" + std::to_string(i) + ".npy");
  }
  if ((int)inputs.size() != nargs)
    return fail(llvm::Twine(hnn_model_entry_name(m, e)) + " takes " + llvm::Twine(nargs) +
                " arguments, " + llvm::Twine(inputs.size()) + " --input given");
  if (outputs.size() > (size_t)nres || expects.size() > (size_t)nres)
    return fail("more -o/--expect files than the " + llvm::Twine(nres) + " results");
  std::vector<Tensor> args;
  std::vector<hnn_tensor *> argPtrs;
  for (const std::string &path : inputs) {
    hnn_tensor *t = nullptr;
    if (hnn_status s = hnn_npy_load(path.c_str(), &t))
      return failStatus(s);
    args.emplace_back(t);
    argPtrs.push_back(t);
  }
  std::vector<hnn_tensor *> results(nres, nullptr);
  if (hnn_status s = hnn_model_run(m, e, argPtrs.data(), nargs, results.data(), nres))
    return failStatus(s);
  std::vector<Tensor> owned(results.begin(), results.end());
  for (size_t i = 0; i < outputs.size(); ++i)
    if (hnn_status s = hnn_npy_save(outputs[i].c_str(), results[i]))
      return failStatus(s);
  bool ok = true;
  for (size_t i = 0; i < expects.size(); ++i) {
    hnn_tensor *t = nullptr;
    if (hnn_status s = hnn_npy_load(expects[i].c_str(), &t))
      return failStatus(s);
    Tensor want(t);
    ok &= compare((int)i, results[i], want.get());
  }
  return ok ? 0 : 1;
}
/// Times `entry` on seeded random inputs: prints min and median latency,
/// and GFLOP/s when --flops is given.
int bench(hnn_model *m) {
  int e = entryName.empty() ? 0 : hnn_model_find_entry(m, entryName.c_str());
  if (e < 0 || e >= hnn_model_num_entries(m))
    return fail("no entry point '" + entryName + "' in " + modelPath);
  if (benchBatch < 1 || benchIters < 1)
    return fail("--batch and --iterations must be at least 1");
  int nargs = hnn_model_num_args(m, e), nres = hnn_model_num_results(m, e);
  std::vector<Tensor> args;
  std::vector<hnn_tensor *> argPtrs;
  uint32_t seed = 12345;
  for (int i = 0; i < nargs; ++i) {
    hnn_arg_info a;
    hnn_model_arg_info(m, e, i, &a);
    int64_t shape[HNN_MAX_RANK];
    for (int d = 0; d < a.rank; ++d)
      shape[d] = a.shape[d] < 0 ? benchBatch : a.shape[d];
    hnn_tensor *t = nullptr;
    if (hnn_status s = hnn_tensor_create(a.dtype, a.rank, shape, &t))
      return failStatus(s);
    args.emplace_back(t);
    argPtrs.push_back(t);
    int64_t n = hnn_tensor_numel(t);
    for (int64_t k = 0; k < n; ++k) {
      seed = seed * 1664525u + 1013904223u;
      double u = (seed >> 8) / double(1u << 24);
      switch (a.dtype) {
      case HNN_F32: static_cast<float *>(hnn_tensor_data(t))[k] = float(u * 2 - 1); break;
      case HNN_I32: static_cast<int32_t *>(hnn_tensor_data(t))[k] = 0; break;
      case HNN_I64: static_cast<int64_t *>(hnn_tensor_data(t))[k] = 0; break;
      default: break;
      }
    }
  }
  std::vector<hnn_tensor *> results(nres, nullptr);
  if (hnn_status s = hnn_model_run(m, e, argPtrs.data(), nargs, results.data(), nres))
    return failStatus(s);
  std::vector<Tensor> owned(results.begin(), results.end());
  std::vector<double> times;
  for (unsigned i = 0; i < benchWarmup + benchIters; ++i) {
    auto start = std::chrono::steady_clock::now();
    if (hnn_status s = hnn_model_run(m, e, argPtrs.data(), nargs, results.data(), nres))
      return failStatus(s);
    double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() -
                                                          start)
                    .count();
    if (i >= benchWarmup)
      times.push_back(ms);
  }
  std::sort(times.begin(), times.end());
  double best = times.front(), median = times[times.size() / 2];
  llvm::outs() << "entry " << hnn_model_entry_name(m, e) << " batch " << benchBatch << ": min "
               << llvm::format("%.4f", best) << " ms, median " << llvm::format("%.4f", median)
               << " ms";
  if (benchFlops > 0)
    llvm::outs() << ", " << llvm::format("%.1f", benchFlops / (best * 1e6)) << " GFLOP/s";
  llvm::outs() << "\n";
  return 0;
}
} // namespace

int main(int argc, char **argv) {
  llvm::InitLLVM init(argc, argv);
  cl::HideUnrelatedOptions(llvm::ArrayRef<const cl::OptionCategory *>{});
  cl::ParseCommandLineOptions(argc, argv, "hnn-run - run models compiled by hnnc\n");
  hnn_model *raw = nullptr;
  if (hnn_status s = hnn_model_load(modelPath.c_str(), prefix.c_str(), &raw))
    return failStatus(s);
  std::unique_ptr<hnn_model, ModelDeleter> model(raw);
  if (infoCmd)
    return info(model.get());
  if (runCmd)
    return run(model.get());
  if (benchCmd)
    return bench(model.get());
  return fail("give a command: info, run or bench (see --help)");
}
