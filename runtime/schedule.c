/*===- schedule.c - learning-rate schedules of the training line ----------===*
 *
 * s is the 0-based update, base = lr, W = warmup_steps. During the warm-up
 * (s < W) the rate rises linearly to the schedule's start: f(0) * (s + 1) / W;
 * after it, lr = f(u) with u = s - W:
 *   constant   base
 *   step       base * gamma^floor(u / step_size)
 *   cosine     T = max(1, total_steps - W),
 *              min_lr + (base - min_lr) * (1 + cos(pi * min(u, T) / T)) / 2
 *   one_cycle  PyTorch's OneCycleLR (cosine annealing, div_factor 25,
 *              final_div_factor 1e4, two phases) over T = max(2, total_steps - W)
 *              steps, u clamped to its last step:
 *              initial = max_lr / 25, final = initial / 1e4,
 *              end1 = pct_start * T - 1, end2 = T - 1;
 *              u <= end1: anneal(initial, max_lr, u / end1)      (0 if end1 <= 0)
 *              else:      anneal(max_lr, final, (u - end1) / (end2 - end1))
 *              anneal(a, b, p) = b + (a - b) / 2 * (1 + cos(pi * p))
 * All in double.
 *===----------------------------------------------------------------------===*/
#include "runtime/internal.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#ifndef M_PI
#define M_PI 3.14159265358979323846
#endif

/* Reads the decimal number `key` into `out` (left as is when absent). */
static hnn_status read_number(const hnn_model *m, const char *key, int required, double *out) {
  const char *text = hnn_model_training_value(m, key);
  if (!text) {
    if (required)
      return hnn_fail(HNN_ERR_FORMAT, "manifest training line: '%s' is missing", key);
    return HNN_OK;
  }
  char *end = NULL;
  errno = 0;
  double v = strtod(text, &end);
  if (end == text || *end || errno == ERANGE || !isfinite(v))
    return hnn_fail(HNN_ERR_FORMAT, "manifest training line: '%s' is not a number: '%.60s'", key,
                    text);
  *out = v;
  return HNN_OK;
}

static hnn_status read_count(const hnn_model *m, const char *key, int required, int64_t minimum,
                             int64_t *out) {
  double v = (double)*out;
  hnn_status s = read_number(m, key, required, &v);
  if (s != HNN_OK)
    return s;
  if (v != floor(v) || v < (double)minimum || v > 9e15)
    return hnn_fail(HNN_ERR_FORMAT,
                    "manifest training line: '%s' must be an integer >= %lld, got %.17g", key,
                    (long long)minimum, v);
  *out = (int64_t)v;
  return HNN_OK;
}

hnn_status hnn_schedule_from_model(const hnn_model *m, hnn_schedule *out) {
  hnn_schedule s = {.kind = HNN_SCHEDULE_CONSTANT, .gamma = 0.1, .pct_start = 0.3};
  const char *kind = hnn_model_training_value(m, "schedule");
  static const char *kinds[] = {"constant", "step", "cosine", "one_cycle"};
  if (kind) {
    int k = 0;
    while (k < 4 && strcmp(kind, kinds[k]) != 0)
      ++k;
    if (k == 4)
      return hnn_fail(HNN_ERR_FORMAT, "manifest training line: unknown schedule '%.60s'", kind);
    s.kind = (hnn_schedule_kind)k;
  }
  hnn_status st;
  if ((st = read_number(m, "lr", 1, &s.lr)) != HNN_OK ||
      (st = read_count(m, "warmup_steps", 0, 0, &s.warmup_steps)) != HNN_OK ||
      (st = read_number(m, "gamma", 0, &s.gamma)) != HNN_OK ||
      (st = read_number(m, "min_lr", 0, &s.min_lr)) != HNN_OK ||
      (st = read_number(m, "pct_start", 0, &s.pct_start)) != HNN_OK)
    return st;
  if (s.kind == HNN_SCHEDULE_STEP &&
      (st = read_count(m, "step_size", 1, 1, &s.step_size)) != HNN_OK)
    return st;
  if ((s.kind == HNN_SCHEDULE_COSINE || s.kind == HNN_SCHEDULE_ONE_CYCLE) &&
      (st = read_count(m, "total_steps", 1, 1, &s.total_steps)) != HNN_OK)
    return st;
  if (s.kind == HNN_SCHEDULE_ONE_CYCLE && (st = read_number(m, "max_lr", 1, &s.max_lr)) != HNN_OK)
    return st;
  *out = s;
  return HNN_OK;
}

static double anneal(double from, double to, double pct) {
  return to + (from - to) / 2.0 * (1.0 + cos(M_PI * pct));
}

/* f(u): the schedule after the warm-up. */
static double after_warmup(const hnn_schedule *s, int64_t u) {
  switch (s->kind) {
  case HNN_SCHEDULE_CONSTANT: return s->lr;
  case HNN_SCHEDULE_STEP:
    return s->lr * pow(s->gamma, (double)(u / (s->step_size > 0 ? s->step_size : 1)));
  case HNN_SCHEDULE_COSINE: {
    int64_t total = s->total_steps - s->warmup_steps;
    double t = (double)(total > 1 ? total : 1);
    double x = (double)u < t ? (double)u : t;
    return s->min_lr + (s->lr - s->min_lr) * (1.0 + cos(M_PI * x / t)) / 2.0;
  }
  case HNN_SCHEDULE_ONE_CYCLE: {
    int64_t total = s->total_steps - s->warmup_steps;
    double t = (double)(total > 2 ? total : 2);
    double initial = s->max_lr / 25.0, final = initial / 1e4;
    double end1 = s->pct_start * t - 1.0, end2 = t - 1.0;
    double x = (double)u < end2 ? (double)u : end2;
    if (x <= end1)
      return anneal(initial, s->max_lr, end1 > 0 ? x / end1 : 0.0);
    return anneal(s->max_lr, final, (x - end1) / (end2 - end1));
  }
  }
  return s->lr;
}

double hnn_schedule_lr(const hnn_schedule *s, int64_t step) {
  if (!s)
    return 0.0;
  if (step < 0)
    step = 0;
  if (step < s->warmup_steps)
    return after_warmup(s, 0) * (double)(step + 1) / (double)s->warmup_steps;
  return after_warmup(s, step - s->warmup_steps);
}
