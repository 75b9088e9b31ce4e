//===- hnn-run.cpp - run compiled hnn models from the command line --------===//
//
//   hnn-run info MODEL.so                       entry points, arguments, results
//   hnn-run run MODEL.so --entry F --input a.npy ... [-o out.npy ...]
//                        [--expect ref.npy ... --rtol R --atol A]
//   hnn-run run MODEL.so --entry F --golden DIR/CASE   (CASE.in<i>.npy, CASE.out<j>.npy)
//   hnn-run bench MODEL.so [--entry F] [--batch N] [--iterations K] [--flops F]
//   hnn-run gradcheck MODEL.so --entry F   (F_grad from hnnc --autodiff vs finite differences)
//   hnn-run infer MODEL.so --weights W.safetensors --input X ... [--entry F]
//                        [--name-map FILE] [--strict] [--limit N]
//                        [-o out.npy ...] [--expect ref.npy ... --rtol R --atol A]
//   hnn-run weights W.safetensors [-o copy.safetensors]
//   hnn-run train MODEL.so --data DATASET --epochs N --batch B ...   (Train.cpp,
//   hnn-run train-step / compare                                     docs/training.md)
//
// `run` feeds NPY files to an entry point (arguments in order), writes the
// results and, with --expect, compares them elementwise:
// |got - want| <= atol + rtol * |want|, NaN matching only NaN.
//
// `infer` binds the parameter arguments from a safetensors file by name and
// feeds the inputs (NPY or IDX files, by content; IDX images are reshaped to
// the argument's shape when the sizes agree, [N, 28, 28] to [batch, 784]) to
// the input arguments in order. A name map has lines `MODEL_NAME FILE_NAME`
// ('#' starts a comment): the file's tensor FILE_NAME is bound as MODEL_NAME.
// --limit keeps the first N samples of every input. `weights` lists a
// safetensors file (and rewrites it with hnn's writer for -o).
//
//===----------------------------------------------------------------------===//
#include "Common.h"
#include "Train.h"

#include "llvm/Support/CommandLine.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/raw_ostream.h"

#include "llvm/Support/Format.h"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstring>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <vector>

namespace cl = llvm::cl;
using namespace hnnrun;

namespace {
cl::SubCommand infoCmd("info", "Describe the entry points of a compiled model");
cl::SubCommand runCmd("run", "Run an entry point on NPY inputs");
cl::SubCommand benchCmd("bench", "Time an entry point on random inputs (parameters from init)");
cl::SubCommand gradCmd("gradcheck",
                       "Compare F_grad (hnnc --autodiff) with central finite differences of F");
cl::SubCommand inferCmd("infer", "Run an entry point with its parameters from a safetensors "
                                 "file on NPY or IDX inputs");
cl::SubCommand weightsCmd("weights", "List the tensors of a safetensors file");

cl::opt<std::string> modelPath(cl::Positional, cl::desc("<model.so>"), cl::Required,
                               cl::sub(infoCmd), cl::sub(runCmd), cl::sub(benchCmd),
                               cl::sub(inferCmd), cl::sub(gradCmd));
cl::opt<std::string> prefix("prefix", cl::desc("Symbol prefix the model was compiled with"),
                            cl::init(""), cl::sub(infoCmd), cl::sub(runCmd),
                            cl::sub(benchCmd), cl::sub(inferCmd), cl::sub(gradCmd));
cl::opt<std::string> entryName("entry", cl::desc("Entry point (default: the first)"),
                               cl::sub(runCmd), cl::sub(benchCmd), cl::sub(inferCmd),
                               cl::sub(gradCmd));
cl::opt<unsigned> gradSeed("seed", cl::desc("Seed of the random inputs and samples"),
                           cl::init(1), cl::sub(gradCmd));
cl::opt<double> gradEps("eps", cl::desc("Finite-difference step"), cl::init(1e-3),
                        cl::sub(gradCmd));
cl::opt<double> gradRtol("rtol", cl::desc("Relative tolerance"), cl::init(1e-2),
                         cl::sub(gradCmd));
cl::opt<double> gradAtol("atol", cl::desc("Absolute tolerance"), cl::init(1e-4),
                         cl::sub(gradCmd));
cl::opt<unsigned> gradSamples("samples", cl::desc("Elements checked per argument"),
                              cl::init(8), cl::sub(gradCmd));
cl::list<std::string> gradInputs("input",
                                 cl::desc("NPY file for the next argument (the rest are random)"),
                                 cl::sub(gradCmd));
cl::opt<int64_t> gradBatch("batch", cl::desc("Batch size for dynamic dimensions"), cl::init(2),
                           cl::sub(gradCmd));
cl::opt<std::string> weightsPath("weights", cl::desc("safetensors file with the parameters"),
                                 cl::value_desc("file"), cl::sub(inferCmd));
cl::opt<std::string> nameMap("name-map",
                             cl::desc("Text file of 'MODEL_NAME FILE_NAME' lines renaming "
                                      "the file's tensors"),
                             cl::value_desc("file"), cl::sub(inferCmd));
cl::opt<bool> strictBind("strict", cl::desc("Fail on tensors of the file no parameter uses"),
                         cl::sub(inferCmd));
cl::opt<int64_t> limit("limit", cl::desc("Keep the first N samples of every input"),
                       cl::init(-1), cl::value_desc("N"), cl::sub(inferCmd));
cl::opt<std::string> weightsFile(cl::Positional, cl::desc("<weights.safetensors>"), cl::Required,
                                 cl::sub(weightsCmd));
cl::opt<std::string> weightsOut("o", cl::desc("Write the tensors to this safetensors file"),
                                cl::value_desc("file"), cl::sub(weightsCmd));
cl::opt<int64_t> benchBatch("batch", cl::desc("Batch size for dynamic dimensions"),
                            cl::init(1), cl::sub(benchCmd));
cl::opt<unsigned> benchIters("iterations", cl::desc("Timed calls"), cl::init(20),
                             cl::sub(benchCmd));
cl::opt<unsigned> benchWarmup("warmup", cl::desc("Untimed calls first"), cl::init(3),
                              cl::sub(benchCmd));
cl::opt<double> benchFlops("flops", cl::desc("FLOPs per call, to report GFLOP/s"),
                           cl::init(0), cl::sub(benchCmd));
cl::list<std::string> inputs("input",
                             cl::desc("NPY file (or FILE.safetensors:NAME) for the next "
                                      "argument (infer: NPY or IDX file for the next input "
                                      "argument)"),
                             cl::sub(runCmd), cl::sub(inferCmd));
cl::list<std::string> outputs("o", cl::desc("NPY file for the next result"), cl::sub(runCmd),
                              cl::sub(inferCmd));
cl::list<std::string> expects("expect",
                              cl::desc("NPY file (or FILE.safetensors:NAME) the next result "
                                       "must match"),
                              cl::sub(runCmd), cl::sub(inferCmd));
cl::opt<std::string> golden("golden",
                           cl::desc("Read arguments from PREFIX.in<i>.npy and expected "
                                    "results from PREFIX.out<j>.npy"),
                           cl::value_desc("PREFIX"), cl::sub(runCmd));
cl::opt<double> rtol("rtol", cl::desc("Relative tolerance for --expect"), cl::init(1e-5),
                     cl::sub(runCmd), cl::sub(inferCmd));
cl::opt<double> atol("atol", cl::desc("Absolute tolerance for --expect"), cl::init(1e-6),
                     cl::sub(runCmd), cl::sub(inferCmd));

int info(hnn_model *m) {
  static const char *kinds[] = {"input", "trainable", "frozen", "state", "optimizer", "hyper"};
  static const char *resultKinds[] = {"output", "loss", "update", "gradsq"};
  llvm::outs() << "model: " << modelPath << "\n";
  for (int e = 0; e < hnn_model_num_entries(m); ++e) {
    llvm::outs() << "entry " << hnn_model_entry_name(m, e) << "\n";
    int64_t perKind[6] = {0, 0, 0, 0, 0, 0};
    for (int i = 0; i < hnn_model_num_args(m, e); ++i) {
      hnn_arg_info a;
      hnn_model_arg_info(m, e, i, &a);
      llvm::outs() << "  arg    " << a.name << " (" << kinds[a.kind] << ") " << describe(a)
                   << "\n";
      int64_t n = 1;
      for (int d = 0; d < a.rank; ++d)
        n *= std::max<int64_t>(a.shape[d], 0); // parameters are static
      if (a.kind != HNN_ARG_INPUT)
        perKind[a.kind] += n;
    }
    for (int i = 0; i < hnn_model_num_results(m, e); ++i) {
      hnn_arg_info a;
      hnn_model_result_info(m, e, i, &a);
      llvm::outs() << "  result " << a.name << " ";
      if (a.result_kind != HNN_RESULT_OUTPUT)
        llvm::outs() << "(" << resultKinds[a.result_kind] << ") ";
      llvm::outs() << describe(a) << "\n";
    }
    llvm::outs() << "  parameters: " << perKind[1] + perKind[2] + perKind[3] << " (trainable "
                 << perKind[1] << ", frozen " << perKind[2] << ", state " << perKind[3]
                 << ")";
    if (perKind[HNN_ARG_OPTIMIZER])
      llvm::outs() << ", optimizer state: " << perKind[HNN_ARG_OPTIMIZER];
    llvm::outs() << "\n";
    llvm::outs() << "  FLOPs per sample: " << hnn_model_flops_per_sample(m, e) << "\n";
  }
  return describeTraining(m);
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

int runAndReport(hnn_model *m, int e, std::vector<hnn_tensor *> &args);

/// An NPY file, or `FILE.safetensors:NAME` (a copy of that tensor); reports
/// failures and returns non-zero.
int loadTensor(const std::string &path, hnn_tensor **out) {
  size_t dot = path.rfind(".safetensors:");
  if (dot == std::string::npos) {
    hnn_status s = hnn_npy_load(path.c_str(), out);
    return s ? failStatus(s) : 0;
  }
  std::string file = path.substr(0, dot + 12), name = path.substr(dot + 13);
  hnn_weights *w = nullptr;
  if (hnn_status s = hnn_weights_load(file.c_str(), &w))
    return failStatus(s);
  const hnn_tensor *t = hnn_weights_get(w, name.c_str());
  hnn_status s = t ? hnn_tensor_create(hnn_tensor_dtype(t), hnn_tensor_rank(t),
                                       hnn_tensor_shape(t), out)
                   : HNN_OK;
  if (t && s == HNN_OK)
    std::memcpy(hnn_tensor_data(*out), hnn_tensor_data(t), hnn_tensor_nbytes(t));
  hnn_weights_free(w);
  if (!t)
    return fail(file + " has no tensor '" + name + "'");
  return s ? failStatus(s) : 0;
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
    if (int rc = loadTensor(path, &t))
      return rc;
    args.emplace_back(t);
    argPtrs.push_back(t);
  }
  return runAndReport(m, e, argPtrs);
}

/// Runs entry `e` on `args`, writes the -o files and checks the --expect ones.
int runAndReport(hnn_model *m, int e, std::vector<hnn_tensor *> &args) {
  int nres = hnn_model_num_results(m, e);
  std::vector<hnn_tensor *> results(nres, nullptr);
  if (hnn_status s = hnn_model_run(m, e, args.data(), (int)args.size(), results.data(), nres))
    return failStatus(s);
  std::vector<Tensor> owned(results.begin(), results.end());
  for (size_t i = 0; i < outputs.size(); ++i)
    if (hnn_status s = hnn_npy_save(outputs[i].c_str(), results[i]))
      return failStatus(s);
  bool ok = true;
  for (size_t i = 0; i < expects.size(); ++i) {
    hnn_tensor *t = nullptr;
    if (int rc = loadTensor(expects[i], &t))
      return rc;
    Tensor want(t);
    ok &= compare((int)i, results[i], want.get());
  }
  return ok ? 0 : 1;
}
/// Times `entry` on seeded random inputs: prints min and median latency,
/// and GFLOP/s when --flops is given.
/// A tensor of `info`'s shape (dynamic dims = `batch`), uniform in [-1, 1)
/// for floats, zeros for integers; null (with hnn_last_error set) if it
/// cannot be created.
Tensor randomTensor(const hnn_arg_info &info, int64_t batch, uint32_t &state) {
  int64_t shape[HNN_MAX_RANK];
  for (int d = 0; d < info.rank; ++d)
    shape[d] = info.shape[d] < 0 ? batch : info.shape[d];
  hnn_tensor *t = nullptr;
  if (hnn_tensor_create(info.dtype, info.rank, shape, &t) != HNN_OK)
    return Tensor();
  if (info.dtype == HNN_F32) {
    float *p = static_cast<float *>(hnn_tensor_data(t));
    for (int64_t k = 0, n = hnn_tensor_numel(t); k < n; ++k) {
      state = state * 1664525u + 1013904223u;
      p[k] = float((state >> 8) / double(1u << 24) * 2 - 1);
    }
  }
  return Tensor(t);
}

/// sum_i <seeds_i, results_i> in double.
double contract(const std::vector<hnn_tensor *> &results, const std::vector<Tensor> &seeds) {
  double sum = 0;
  for (size_t i = 0; i < results.size(); ++i) {
    const float *r = static_cast<const float *>(hnn_tensor_data(results[i]));
    const float *s = static_cast<const float *>(hnn_tensor_data(seeds[i].get()));
    for (int64_t k = 0, n = hnn_tensor_numel(results[i]); k < n; ++k)
      sum += double(r[k]) * s[k];
  }
  return sum;
}

/// gradcheck: F_grad's gradient of every float argument against central
/// finite differences of F, at `--samples` elements per argument.
int gradcheck(hnn_model *m) {
  int e = entryName.empty() ? 0 : hnn_model_find_entry(m, entryName.c_str());
  if (e < 0 || e >= hnn_model_num_entries(m))
    return fail("no entry point '" + entryName + "' in " + modelPath);
  std::string name = hnn_model_entry_name(m, e);
  int ge = hnn_model_find_entry(m, (name + "_grad").c_str());
  if (ge < 0)
    return fail("no entry point '" + name + "_grad' (compile with hnnc --autodiff)");
  int nargs = hnn_model_num_args(m, e), nres = hnn_model_num_results(m, e);
  if (gradInputs.size() > (size_t)nargs)
    return fail("more --input files than the " + llvm::Twine(nargs) + " arguments");
  uint32_t state = 0x9e3779b9u ^ gradSeed;
  std::vector<Tensor> args;
  std::vector<hnn_arg_info> infos(nargs);
  for (int i = 0; i < nargs; ++i) {
    hnn_model_arg_info(m, e, i, &infos[i]);
    if (i < (int)gradInputs.size()) {
      hnn_tensor *t = nullptr;
      if (hnn_status s = hnn_npy_load(gradInputs[i].c_str(), &t))
        return failStatus(s);
      args.emplace_back(t);
    } else {
      args.push_back(randomTensor(infos[i], gradBatch, state));
    }
    if (infos[i].dtype != HNN_F32 && infos[i].dtype != HNN_I32 && infos[i].dtype != HNN_I64)
      return fail("gradcheck handles f32 and integer arguments only");
  }
  // Seeds: one random tensor per result, shaped like the result.
  std::vector<hnn_tensor *> argPtrs;
  for (auto &a : args)
    argPtrs.push_back(a.get());
  std::vector<hnn_tensor *> results(nres, nullptr);
  if (hnn_status s = hnn_model_run(m, e, argPtrs.data(), nargs, results.data(), nres))
    return failStatus(s);
  std::vector<Tensor> ownedResults(results.begin(), results.end());
  std::vector<Tensor> seeds;
  for (int i = 0; i < nres; ++i) {
    hnn_arg_info r;
    hnn_model_result_info(m, e, i, &r);
    hnn_arg_info shaped = r;
    int64_t shape[HNN_MAX_RANK];
    for (int d = 0; d < r.rank; ++d)
      shape[d] = hnn_tensor_shape(results[i])[d];
    shaped.shape = shape;
    seeds.push_back(randomTensor(shaped, gradBatch, state));
  }
  // The analytic gradients.
  std::vector<hnn_tensor *> gradArgs(argPtrs);
  for (auto &sd : seeds)
    gradArgs.push_back(sd.get());
  int ngres = hnn_model_num_results(m, ge);
  std::vector<hnn_tensor *> gradOut(ngres, nullptr);
  if (hnn_status s = hnn_model_run(m, ge, gradArgs.data(), (int)gradArgs.size(), gradOut.data(),
                                   ngres))
    return failStatus(s);
  std::vector<Tensor> ownedGrads(gradOut.begin(), gradOut.end());

  bool ok = true;
  int gi = nres;
  for (int i = 0; i < nargs; ++i) {
    if (infos[i].dtype != HNN_F32)
      continue;
    const float *analytic = static_cast<const float *>(hnn_tensor_data(gradOut[gi++]));
    float *x = static_cast<float *>(hnn_tensor_data(args[i].get()));
    int64_t n = hnn_tensor_numel(args[i].get());
    double maxAbs = 0, maxRel = 0;
    int checked = 0;
    // Every element of a small argument, else random ones.
    int64_t count = std::min<int64_t>(gradSamples, n);
    for (int64_t k = 0; k < count; ++k) {
      state = state * 1664525u + 1013904223u;
      int64_t idx = n <= (int64_t)gradSamples ? k : (state >> 4) % n;
      float saved = x[idx];
      double value[2];
      for (int side = 0; side < 2; ++side) {
        x[idx] = saved + float(side ? -gradEps : gradEps);
        std::vector<hnn_tensor *> out(nres, nullptr);
        if (hnn_status s = hnn_model_run(m, e, argPtrs.data(), nargs, out.data(), nres))
          return failStatus(s);
        std::vector<Tensor> owned(out.begin(), out.end());
        value[side] = contract(out, seeds);
      }
      double step = double(saved + float(gradEps)) - double(saved - float(gradEps));
      x[idx] = saved;
      double fd = (value[0] - value[1]) / step, an = analytic[idx];
      double err = std::fabs(fd - an);
      maxAbs = std::max(maxAbs, err);
      maxRel = std::max(maxRel, err / std::max(std::fabs(fd), 1e-12));
      ++checked;
      if (err > gradAtol + gradRtol * std::max(std::fabs(fd), std::fabs(an))) {
        llvm::outs() << "arg " << i << " (" << infos[i].name << "): FAIL at element " << idx
                     << ": gradient " << an << ", finite difference " << fd << "\n";
        ok = false;
      }
    }
    llvm::outs() << "arg " << i << " (" << infos[i].name << "): "
                 << (ok ? "ok" : "checked") << " (" << checked << " elements, max abs err "
                 << llvm::format("%.2e", maxAbs) << ", max rel err "
                 << llvm::format("%.2e", maxRel) << ")\n";
  }
  return ok ? 0 : 1;
}

int bench(hnn_model *m) {
  int e = entryName.empty() ? 0 : hnn_model_find_entry(m, entryName.c_str());
  if (e < 0 || e >= hnn_model_num_entries(m))
    return fail("no entry point '" + entryName + "' in " + modelPath);
  if (benchBatch < 1 || benchIters < 1)
    return fail("--batch and --iterations must be at least 1");
  int nargs = hnn_model_num_args(m, e), nres = hnn_model_num_results(m, e);
  std::vector<Tensor> args;
  std::vector<hnn_tensor *> argPtrs;
  // Parameters take the values `init` gives them (KAN knots, for one, are
  // not arbitrary numbers); inputs and models without `init` are random.
  std::vector<Tensor> initial;
  int init = hnn_model_find_entry(m, "init");
  if (init >= 0 && init != e && hnn_model_num_args(m, init) == 0) {
    std::vector<hnn_tensor *> out(hnn_model_num_results(m, init), nullptr);
    if (hnn_status s = hnn_model_run(m, init, nullptr, 0, out.data(), (int)out.size()))
      return failStatus(s);
    for (hnn_tensor *t : out)
      initial.emplace_back(t);
  }
  auto fromInit = [&](const hnn_arg_info &a) -> Tensor {
    if (a.kind == HNN_ARG_INPUT || a.kind == HNN_ARG_HYPER)
      return Tensor();
    for (size_t r = 0; r < initial.size(); ++r) {
      hnn_arg_info v;
      hnn_model_result_info(m, init, (int)r, &v);
      if (initial[r] && std::strcmp(v.name, a.name) == 0)
        return std::move(initial[r]);
    }
    return Tensor();
  };
  uint32_t seed = 12345;
  for (int i = 0; i < nargs; ++i) {
    hnn_arg_info a;
    hnn_model_arg_info(m, e, i, &a);
    Tensor t = fromInit(a);
    if (!t)
      t = randomTensor(a, benchBatch, seed);
    if (!t)
      return failStatus(HNN_ERR_OUT_OF_MEMORY);
    argPtrs.push_back(t.get());
    args.push_back(std::move(t));
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
/// Lists a safetensors file and, with -o, writes it again with hnn's writer.
int listWeights() {
  hnn_weights *raw = nullptr;
  if (hnn_status s = hnn_weights_load(weightsFile.c_str(), &raw))
    return failStatus(s);
  Weights w(raw);
  int64_t elements = 0, bytes = 0;
  for (int i = 0; i < hnn_weights_count(raw); ++i) {
    const char *name = hnn_weights_name(raw, i);
    const hnn_tensor *t = hnn_weights_get(raw, name);
    llvm::outs() << "tensor " << name << " " << describe(t) << "\n";
    elements += hnn_tensor_numel(t);
    bytes += (int64_t)hnn_tensor_nbytes(t);
  }
  for (int i = 0; i < hnn_weights_num_metadata(raw); ++i) {
    const char *key = hnn_weights_metadata_key(raw, i);
    llvm::outs() << "metadata " << key << " = " << hnn_weights_metadata(raw, key) << "\n";
  }
  llvm::outs() << "total: " << hnn_weights_count(raw) << " tensors, " << elements
               << " elements, " << bytes << " bytes\n";
  if (!weightsOut.empty())
    if (hnn_status s = hnn_weights_save(raw, weightsOut.c_str()))
      return failStatus(s);
  return 0;
}

/// Renames the tensors of `w` by the --name-map file; 0 on success.
int applyNameMap(Weights &w) {
  std::ifstream in(nameMap);
  if (!in)
    return fail("cannot open name map '" + nameMap + "': " + std::strerror(errno));
  std::map<std::string, std::string> fileOf; // model name -> file name
  std::map<std::string, int> lineOf;
  std::string line;
  for (int lineNo = 1; std::getline(in, line); ++lineNo) {
    size_t hash = line.find('#');
    if (hash != std::string::npos)
      line.resize(hash);
    std::istringstream fields(line);
    std::string modelName, fileName, extra;
    if (!(fields >> modelName))
      continue;
    std::string where = nameMap + ":" + std::to_string(lineNo) + ": ";
    if (!(fields >> fileName) || (fields >> extra))
      return fail(where + "expected 'MODEL_NAME FILE_NAME'");
    if (fileOf.count(modelName))
      return fail(where + "'" + modelName + "' is already mapped on line " +
                  std::to_string(lineOf[modelName]));
    if (!hnn_weights_get(w.get(), fileName.c_str()))
      return fail(where + "no tensor '" + fileName + "' in " + weightsPath);
    fileOf[modelName] = fileName;
    lineOf[modelName] = lineNo;
  }
  std::map<std::string, bool> renamed;
  for (const auto &[model, file] : fileOf)
    renamed[file] = true;
  hnn_weights *raw = nullptr;
  if (hnn_status s = hnn_weights_create(&raw))
    return failStatus(s);
  Weights out(raw);
  for (int i = 0; i < hnn_weights_count(w.get()); ++i) {
    std::string name = hnn_weights_name(w.get(), i);
    if (renamed.count(name))
      continue;
    if (fileOf.count(name))
      return fail(nameMap + ":" + std::to_string(lineOf[name]) + ": '" + name +
                  "' is also a tensor of " + weightsPath + " that the map does not rename");
    if (hnn_status s = hnn_weights_put(raw, name.c_str(), hnn_weights_get(w.get(), name.c_str())))
      return failStatus(s);
  }
  for (const auto &[model, file] : fileOf)
    if (hnn_status s = hnn_weights_put(raw, model.c_str(), hnn_weights_get(w.get(), file.c_str())))
      return failStatus(s);
  w = std::move(out);
  return 0;
}

/// Loads an NPY or IDX file (by its first bytes) for input argument `a`.
int loadInput(const std::string &path, const hnn_arg_info &a, std::vector<Tensor> &keep,
              hnn_tensor *&arg) {
  char magic[6] = {0};
  if (FILE *f = std::fopen(path.c_str(), "rb")) {
    size_t n = std::fread(magic, 1, sizeof magic, f);
    std::fclose(f);
    (void)n;
  }
  bool npy = std::memcmp(magic, "\x93NUMPY", 6) == 0;
  hnn_tensor *t = nullptr;
  if (hnn_status s = npy ? hnn_npy_load(path.c_str(), &t)
                         : hnn_idx_load_first(path.c_str(), limit, &t))
    return failStatus(s);
  keep.emplace_back(t);
  int rank = hnn_tensor_rank(t);
  std::vector<int64_t> shape(hnn_tensor_shape(t), hnn_tensor_shape(t) + rank);
  if (limit >= 0) {
    if (rank == 0)
      return fail("--limit: input '" + path + "' is a scalar, it has no samples");
    shape[0] = std::min(shape[0], (int64_t)limit);
  }
  // IDX images take the argument's shape when the per-sample sizes agree.
  if (!npy && rank >= 1 && a.rank >= 1 && hnn_tensor_dtype(t) == a.dtype &&
      !(rank == a.rank && std::equal(shape.begin() + 1, shape.end(), a.shape + 1))) {
    int64_t have = 1, want = 1;
    bool isStatic = true;
    for (int d = 1; d < rank; ++d)
      have *= shape[d];
    for (int d = 1; d < a.rank; ++d) {
      isStatic &= a.shape[d] >= 0;
      want *= a.shape[d];
    }
    if (isStatic && have == want) {
      std::vector<int64_t> reshaped(a.shape, a.shape + a.rank);
      reshaped[0] = shape[0];
      shape = reshaped;
    }
  }
  if ((int)shape.size() == rank && std::equal(shape.begin(), shape.end(), hnn_tensor_shape(t))) {
    arg = t;
    return 0;
  }
  hnn_tensor *view = nullptr;
  if (hnn_status s = hnn_tensor_wrap(hnn_tensor_dtype(t), (int)shape.size(), shape.data(),
                                     hnn_tensor_data(t), &view))
    return failStatus(s);
  keep.emplace_back(view);
  arg = view;
  return 0;
}

/// Binds the parameters from --weights, feeds the inputs and reports.
int infer(hnn_model *m) {
  int e = entryName.empty() ? 0 : hnn_model_find_entry(m, entryName.c_str());
  if (e < 0 || e >= hnn_model_num_entries(m))
    return fail("no entry point '" + entryName + "' in " + modelPath);
  if (weightsPath.empty())
    return fail("infer needs the parameters: --weights FILE.safetensors");
  if (limit.getNumOccurrences() && limit < 1)
    return fail("--limit must be at least 1");
  if (!nameMap.empty() && weightsPath.empty())
    return fail("--name-map goes with --weights");
  int nargs = hnn_model_num_args(m, e), nres = hnn_model_num_results(m, e);
  if (outputs.size() > (size_t)nres || expects.size() > (size_t)nres)
    return fail("more -o/--expect files than the " + llvm::Twine(nres) + " results");
  std::vector<int> inputArgs;
  std::string inputNames;
  for (int i = 0; i < nargs; ++i) {
    hnn_arg_info a;
    hnn_model_arg_info(m, e, i, &a);
    if (a.kind == HNN_ARG_INPUT) {
      inputArgs.push_back(i);
      inputNames += (inputNames.empty() ? "" : ", ") + std::string(a.name);
    }
  }
  if (inputs.size() != inputArgs.size())
    return fail(llvm::Twine(hnn_model_entry_name(m, e)) + " takes " +
                llvm::Twine(inputArgs.size()) +
                (inputArgs.size() == 1 ? " input (" : " inputs (") + inputNames + "), " +
                llvm::Twine(inputs.size()) + " --input given");

  hnn_weights *raw = nullptr;
  if (hnn_status s = hnn_weights_load(weightsPath.c_str(), &raw))
    return failStatus(s);
  Weights w(raw);
  if (!nameMap.empty())
    if (int rc = applyNameMap(w))
      return rc;
  std::vector<hnn_tensor *> args(nargs, nullptr);
  if (hnn_status s = hnn_model_bind_weights(m, e, w.get(), strictBind, args.data(), nargs))
    return failStatus(s);
  std::vector<Tensor> keep;
  for (hnn_tensor *t : args)
    if (t)
      keep.emplace_back(t);
  w.reset();
  for (size_t k = 0; k < inputArgs.size(); ++k) {
    hnn_arg_info a;
    hnn_model_arg_info(m, e, inputArgs[k], &a);
    if (int rc = loadInput(inputs[k], a, keep, args[inputArgs[k]]))
      return rc;
  }
  return runAndReport(m, e, args);
}
} // namespace

int main(int argc, char **argv) {
  llvm::InitLLVM init(argc, argv);
  cl::HideUnrelatedOptions(llvm::ArrayRef<const cl::OptionCategory *>{});
  cl::ParseCommandLineOptions(argc, argv, "hnn-run - run models compiled by hnnc\n");
  if (weightsCmd)
    return listWeights();
  if (std::optional<int> rc = runTrainingCommand())
    return *rc;
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
  if (gradCmd)
    return gradcheck(model.get());
  if (inferCmd)
    return infer(model.get());
  return fail("give a command: info, run, bench, gradcheck, infer, weights, train, "
              "train-step or compare (see --help)");
}
