//===- TrainSupport.cpp - data order, loss log and chart of hnn-run train -===//
#include "TrainSupport.h"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <numeric>
#include <unistd.h>

namespace hnnrun {

uint64_t splitmix64(uint64_t &state) {
  uint64_t z = (state += 0x9e3779b97f4a7c15ull);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

void shuffle(std::vector<int64_t> &items, uint64_t seed) {
  uint64_t state = seed;
  for (size_t i = items.size(); i > 1; --i) {
    unsigned __int128 wide = (unsigned __int128)splitmix64(state) * i;
    std::swap(items[i - 1], items[(size_t)(wide >> 64)]);
  }
}

Split splitValidation(int64_t n, double fraction, uint64_t seed) {
  Split split;
  std::vector<int64_t> all(std::max<int64_t>(n, 0));
  std::iota(all.begin(), all.end(), 0);
  int64_t held = 0;
  if (fraction > 0 && n > 1) {
    held = std::llround(fraction * double(n));
    held = std::clamp<int64_t>(held, 1, n - 1);
  }
  shuffle(all, seed ^ kValidationSalt);
  split.validation.assign(all.begin(), all.begin() + held);
  split.train.assign(all.begin() + held, all.end());
  std::sort(split.validation.begin(), split.validation.end());
  std::sort(split.train.begin(), split.train.end());
  return split;
}

std::vector<int64_t> epochOrder(const std::vector<int64_t> &train, uint64_t seed, int64_t epoch) {
  std::vector<int64_t> order = train;
  shuffle(order, seed + (uint64_t)epoch);
  return order;
}

namespace {
std::string number(const char *format, double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, format, v);
  return buf;
}
} // namespace

std::string LossLog::csv() const {
  std::string out = "step,epoch,loss,lr,val_loss,val_acc\n";
  size_t v = 0;
  auto addValidation = [&](const Validation &val) {
    out += std::to_string(val.step) + "," + std::to_string(val.epoch) + ",,," +
           number("%.9g", val.loss) + "," +
           (std::isnan(val.accuracy) ? std::string() : number("%.6f", val.accuracy)) + "\n";
  };
  for (const Step &s : steps) {
    while (v < validations.size() && validations[v].step < s.step)
      addValidation(validations[v++]);
    out += std::to_string(s.step) + "," + std::to_string(s.epoch) + "," + number("%.9g", s.loss) +
           "," + number("%.9g", s.lr) + ",,\n";
  }
  while (v < validations.size())
    addValidation(validations[v++]);
  return out;
}

std::vector<double> niceTicks(double lo, double hi, int count) {
  if (!(hi > lo))
    hi = lo + 1;
  double raw = (hi - lo) / std::max(count, 1);
  double base = std::pow(10.0, std::floor(std::log10(raw)));
  double step = base;
  for (double m : {1.0, 2.0, 5.0, 10.0})
    if (raw <= m * base) {
      step = m * base;
      break;
    }
  std::vector<double> ticks;
  double first = std::floor(lo / step + 1e-9), last = std::ceil(hi / step - 1e-9);
  for (double k = first; k <= last; ++k)
    ticks.push_back(k * step + 0.0); // + 0.0: no "-0" label
  return ticks;
}

std::string LossLog::svg() const {
  const double width = 800, height = 420, left = 70, right = 20, top = 40, bottom = 50;
  const double plotW = width - left - right, plotH = height - top - bottom;
  // Training loss, averaged into at most 1000 points.
  std::vector<std::pair<double, double>> line;
  size_t per = std::max<size_t>(1, (steps.size() + 999) / 1000);
  for (size_t i = 0; i < steps.size(); i += per) {
    double sx = 0, sy = 0;
    int n = 0;
    for (size_t j = i; j < std::min(steps.size(), i + per); ++j)
      if (std::isfinite(steps[j].loss)) {
        sx += double(steps[j].step);
        sy += steps[j].loss;
        ++n;
      }
    if (n)
      line.push_back({sx / n, sy / n});
  }
  double xMax = 1, yMin = 0, yMax = 0;
  bool any = false;
  auto see = [&](double x, double y) {
    if (!std::isfinite(y))
      return;
    xMax = std::max(xMax, x);
    yMin = any ? std::min(yMin, y) : y;
    yMax = any ? std::max(yMax, y) : y;
    any = true;
  };
  for (auto [x, y] : line)
    see(x, y);
  for (const Validation &v : validations)
    see(double(v.step), v.loss);
  yMin = std::min(yMin, 0.0);
  if (!any || !(yMax > yMin))
    yMax = yMin + 1;
  std::vector<double> yTicks = niceTicks(yMin, yMax, 5), xTicks = niceTicks(0, xMax, 6);
  yMin = yTicks.front(), yMax = yTicks.back(), xMax = xTicks.back();
  auto px = [&](double x) { return left + x / xMax * plotW; };
  auto py = [&](double y) { return top + (yMax - y) / (yMax - yMin) * plotH; };

  std::string s = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                  "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"800\" height=\"420\" "
                  "viewBox=\"0 0 800 420\" font-family=\"sans-serif\" font-size=\"12\">\n"
                  "<rect width=\"800\" height=\"420\" fill=\"white\"/>\n"
                  "<text x=\"400\" y=\"24\" text-anchor=\"middle\" font-size=\"15\">"
                  "training loss</text>\n";
  for (double t : yTicks) {
    std::string y = number("%.1f", py(t));
    s += "<line x1=\"" + number("%.1f", left) + "\" x2=\"" + number("%.1f", left + plotW) +
         "\" y1=\"" + y + "\" y2=\"" + y + "\" stroke=\"#e0e0e0\"/>\n";
    s += "<text x=\"" + number("%.1f", left - 6) + "\" y=\"" + y +
         "\" text-anchor=\"end\" dominant-baseline=\"middle\">" + number("%g", t) + "</text>\n";
  }
  for (double t : xTicks) {
    std::string x = number("%.1f", px(t));
    s += "<line x1=\"" + x + "\" x2=\"" + x + "\" y1=\"" + number("%.1f", top + plotH) +
         "\" y2=\"" + number("%.1f", top + plotH + 5) + "\" stroke=\"black\"/>\n";
    s += "<text x=\"" + x + "\" y=\"" + number("%.1f", top + plotH + 18) +
         "\" text-anchor=\"middle\">" + number("%g", t) + "</text>\n";
  }
  s += "<path d=\"M" + number("%.1f", left) + " " + number("%.1f", top) + " V" +
       number("%.1f", top + plotH) + " H" + number("%.1f", left + plotW) +
       "\" fill=\"none\" stroke=\"black\"/>\n";
  s += "<text x=\"" + number("%.1f", left + plotW / 2) + "\" y=\"" + number("%.1f", height - 10) +
       "\" text-anchor=\"middle\">step</text>\n";
  s += "<text x=\"16\" y=\"" + number("%.1f", top + plotH / 2) +
       "\" text-anchor=\"middle\" transform=\"rotate(-90 16 " + number("%.1f", top + plotH / 2) +
       ")\">loss</text>\n";
  if (!line.empty()) {
    s += "<polyline fill=\"none\" stroke=\"#1f77b4\" stroke-width=\"1.5\" points=\"";
    for (size_t i = 0; i < line.size(); ++i)
      s += (i ? " " : "") + number("%.1f", px(line[i].first)) + "," +
           number("%.1f", py(line[i].second));
    s += "\"/>\n";
  }
  for (const Validation &v : validations)
    if (std::isfinite(v.loss))
      s += "<circle cx=\"" + number("%.1f", px(double(v.step))) + "\" cy=\"" +
           number("%.1f", py(v.loss)) + "\" r=\"4\" fill=\"#d62728\"/>\n";
  s += "<line x1=\"" + number("%.1f", left + plotW - 150) + "\" x2=\"" +
       number("%.1f", left + plotW - 130) + "\" y1=\"" + number("%.1f", top + 12) + "\" y2=\"" +
       number("%.1f", top + 12) + "\" stroke=\"#1f77b4\" stroke-width=\"1.5\"/>\n";
  s += "<text x=\"" + number("%.1f", left + plotW - 124) + "\" y=\"" + number("%.1f", top + 12) +
       "\" dominant-baseline=\"middle\">train loss</text>\n";
  if (!validations.empty()) {
    s += "<circle cx=\"" + number("%.1f", left + plotW - 140) + "\" cy=\"" +
         number("%.1f", top + 30) + "\" r=\"4\" fill=\"#d62728\"/>\n";
    s += "<text x=\"" + number("%.1f", left + plotW - 124) + "\" y=\"" + number("%.1f", top + 30) +
         "\" dominant-baseline=\"middle\">val loss</text>\n";
  }
  return s + "</svg>\n";
}

bool writeFileAtomically(const std::string &path, const std::string &text, std::string &error) {
  std::string tmp = path + ".tmp." + std::to_string(getpid());
  FILE *f = std::fopen(tmp.c_str(), "wb");
  if (!f) {
    error = "cannot write " + path + ": " + std::strerror(errno);
    return false;
  }
  bool ok = std::fwrite(text.data(), 1, text.size(), f) == text.size();
  ok = (std::fflush(f) == 0) && ok;
  ok = (fsync(fileno(f)) == 0) && ok;
  int err = errno;
  ok = (std::fclose(f) == 0) && ok;
  if (ok && std::rename(tmp.c_str(), path.c_str()) != 0) {
    err = errno;
    ok = false;
  }
  if (!ok) {
    std::remove(tmp.c_str());
    error = "cannot write " + path + ": " + std::strerror(err);
  }
  return ok;
}

std::string formatDuration(double seconds) {
  if (!std::isfinite(seconds) || seconds < 0)
    return "?";
  long long s = std::llround(seconds);
  char buf[32];
  if (s >= 3600)
    std::snprintf(buf, sizeof buf, "%lld:%02lld:%02lld", s / 3600, s / 60 % 60, s % 60);
  else
    std::snprintf(buf, sizeof buf, "%lld:%02lld", s / 60, s % 60);
  return buf;
}

std::string progressBar(int64_t done, int64_t total, int width) {
  int64_t filled = total > 0 ? std::clamp<int64_t>(done * width / total, 0, width) : 0;
  return "[" + std::string(size_t(filled), '#') + std::string(size_t(width - filled), '.') + "]";
}

} // namespace hnnrun
