//===- TrainSupport.h - data order, loss log and chart of hnn-run train -*- C++ -*-===//
//
// The parts of `hnn-run train` that do not touch a model, in plain C++ so
// that the unit tests link them directly:
//   - the data order: a splitmix64 generator, Fisher-Yates shuffles, the
//     validation split and each epoch's order as pure functions of the seed;
//   - the loss log (CSV) and its chart (SVG), written atomically;
//   - the pieces of the progress line.
//
//===----------------------------------------------------------------------===//
#ifndef HNN_TOOLS_HNN_RUN_TRAINSUPPORT_H
#define HNN_TOOLS_HNN_RUN_TRAINSUPPORT_H

#include <cstdint>
#include <string>
#include <vector>

namespace hnnrun {

/// splitmix64 (Steele, Lea, Flood 2014): `state` advances by the golden
/// gamma, the output is its finalized mix. Every 64-bit seed is fine.
uint64_t splitmix64(uint64_t &state);

/// Shuffles `items` in place with Fisher-Yates driven by splitmix64(seed):
/// for i = n-1 down to 1, swap items[i] with items[j], j = (r * (i+1)) >> 64
/// for the next output r (Lemire's multiply-shift reduction).
void shuffle(std::vector<int64_t> &items, uint64_t seed);

/// The validation split: 0..n-1 shuffled with seed ^ kValidationSalt; the
/// first round(fraction * n) indices (at least 1 when fraction > 0 and n > 1,
/// never all n) are held out. Both lists are returned sorted.
struct Split {
  std::vector<int64_t> train, validation;
};
constexpr uint64_t kValidationSalt = 0x76616c6964617465ull; // "validate"
Split splitValidation(int64_t n, double fraction, uint64_t seed);

/// The training order of epoch `epoch` (1-based): `train` (sorted) shuffled
/// with seed + epoch. A pure function, so a resumed run skips batches.
std::vector<int64_t> epochOrder(const std::vector<int64_t> &train, uint64_t seed, int64_t epoch);

/// What a run learned, per step and per epoch.
struct LossLog {
  struct Step {
    int64_t step, epoch;
    double loss, lr;
  };
  struct Validation {
    int64_t step, epoch;   // the step count at the end of the epoch
    double loss, accuracy; // accuracy in [0, 1], NaN when not measured
  };
  std::vector<Step> steps;
  std::vector<Validation> validations;

  /// `step,epoch,loss,lr,val_loss,val_acc`: one row per step (val columns
  /// empty), one per validation (loss and lr empty), in step order.
  std::string csv() const;
  /// A self-contained SVG line chart: training loss per step (averaged into
  /// at most 1000 points), validation loss per epoch as dots, ticked axes.
  std::string svg() const;
};

/// Writes `text` to `path` through `path.tmp.PID` and a rename; on failure
/// returns false with `error` set and leaves `path` as it was.
bool writeFileAtomically(const std::string &path, const std::string &text, std::string &error);

/// "0:07", "12:34", "1:02:03" (rounded to seconds; "?" when not finite).
std::string formatDuration(double seconds);
/// "[#####.....]": `width` cells, filled in proportion to done / total.
std::string progressBar(int64_t done, int64_t total, int width);
/// Nice axis ticks from at most lo to at least hi: the multiples of a step of
/// 1, 2 or 5 times a power of ten, about `count` + 1 of them.
std::vector<double> niceTicks(double lo, double hi, int count);

} // namespace hnnrun

#endif
