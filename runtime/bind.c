/*===- bind.c - filling an entry point's parameters from a weight set ------===*
 *
 * Every parameter argument (trainable, frozen, state) is looked up by its
 * name in the weight set and must match the manifest's dtype and (static)
 * shape exactly. Optimizer state (train_step) is bound the same way when the
 * set has it and is not missing when it does not; inputs and hyper scalars are
 * fed per call and left alone. All problems are collected before anything is created, and
 * reported together, one per line after a summary line:
 *
 *   entry 'forward': 3 problems binding weights:
 *     missing: 'fc1.bias' (trainable f32[64])
 *     mismatch: 'fc2.weight' is f32[64, 10] in the weights, the model expects f32[10, 64]
 *     unused: 'fc3.weight' f32[10, 10] (no parameter has this name)
 *
 * (`unused` only with `strict`.) A mismatch makes it HNN_ERR_SHAPE, otherwise
 * HNN_ERR_NOT_FOUND. The message is cut to what hnn_last_error can hold, with
 * a final "... and N more" line.
 *===----------------------------------------------------------------------===*/
#include "runtime/internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* error.c keeps 1024 bytes of message: the summary line takes up to ~150. */
#define MESSAGE_SIZE 860

static const char *kind_name(hnn_arg_kind k) {
  switch (k) {
  case HNN_ARG_INPUT: return "input";
  case HNN_ARG_TRAINABLE: return "trainable";
  case HNN_ARG_FROZEN: return "frozen";
  case HNN_ARG_STATE: return "state";
  case HNN_ARG_OPTIMIZER: return "optimizer";
  case HNN_ARG_HYPER: return "hyper";
  }
  return "?";
}

static void describe(char *buf, size_t size, hnn_dtype dtype, int rank, const int64_t *shape) {
  size_t n = (size_t)snprintf(buf, size, "%s[", hnn_dtype_name(dtype));
  for (int d = 0; d < rank && n < size; ++d) {
    if (shape[d] < 0)
      n += (size_t)snprintf(buf + n, size - n, "%sbatch", d ? ", " : "");
    else
      n += (size_t)snprintf(buf + n, size - n, "%s%lld", d ? ", " : "", (long long)shape[d]);
  }
  if (n < size)
    snprintf(buf + n, size - n, "]");
}

/* Collects problem lines, keeping what fits and counting the rest. */
typedef struct report {
  char text[MESSAGE_SIZE];
  size_t len;
  int problems, dropped;
  int mismatches;
} report;

static void add_line(report *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void add_line(report *r, const char *fmt, ...) {
  char line[400];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(line, sizeof line, fmt, ap);
  va_end(ap);
  ++r->problems;
  /* Keep 40 bytes for "\n  ... and N more". */
  size_t need = strlen(line) + 3;
  if (r->dropped || r->len + need + 40 > sizeof r->text) {
    ++r->dropped;
    return;
  }
  r->len += (size_t)snprintf(r->text + r->len, sizeof r->text - r->len, "\n  %s", line);
}

static int same_shape(const hnn_tensor *t, const hnn_arg_info *a) {
  if (hnn_tensor_dtype(t) != a->dtype || hnn_tensor_rank(t) != a->rank)
    return 0;
  const int64_t *shape = hnn_tensor_shape(t);
  for (int d = 0; d < a->rank; ++d)
    if (shape[d] != a->shape[d])
      return 0;
  return 1;
}

hnn_status hnn_model_bind_weights(const hnn_model *model, int entry, const hnn_weights *weights,
                                  int strict, hnn_tensor **args, int num_args) {
  if (!model || !weights || (num_args && !args))
    return hnn_fail(HNN_ERR_INVALID_ARGUMENT, "hnn_model_bind_weights: null argument");
  const char *entry_name = hnn_model_entry_name(model, entry);
  if (!entry_name)
    return hnn_fail(HNN_ERR_INVALID_ARGUMENT, "hnn_model_bind_weights: no entry point %d",
                    entry);
  int n = hnn_model_num_args(model, entry);
  if (num_args != n)
    return hnn_fail(HNN_ERR_INVALID_ARGUMENT, "%s takes %d arguments, got an array of %d",
                    entry_name, n, num_args);

  report r = {.len = 0};
  int count = hnn_weights_count(weights);
  char *used = calloc((size_t)count + 1, 1);
  hnn_tensor **created = calloc((size_t)n + 1, sizeof *created);
  if (!used || !created) {
    free(used), free(created);
    return hnn_fail(HNN_ERR_OUT_OF_MEMORY, "out of memory");
  }
  for (int i = 0; i < n; ++i) {
    hnn_arg_info a;
    hnn_model_arg_info(model, entry, i, &a);
    if (a.kind == HNN_ARG_INPUT || a.kind == HNN_ARG_HYPER)
      continue;
    char want[200], have[200];
    describe(want, sizeof want, a.dtype, a.rank, a.shape);
    const hnn_tensor *t = hnn_weights_get(weights, a.name);
    int dynamic = 0;
    for (int d = 0; d < a.rank; ++d)
      dynamic |= a.shape[d] < 0;
    if (!t) {
      if (a.kind != HNN_ARG_OPTIMIZER)
        add_line(&r, "missing: '%.150s' (%s %s)", a.name, kind_name(a.kind), want);
      continue;
    }
    used[hnn_weights_index(weights, a.name)] = 1;
    if (dynamic) {
      add_line(&r, "mismatch: parameter '%.150s' has a dynamic shape %s", a.name, want);
      ++r.mismatches;
    } else if (!same_shape(t, &a)) {
      describe(have, sizeof have, hnn_tensor_dtype(t), hnn_tensor_rank(t), hnn_tensor_shape(t));
      add_line(&r, "mismatch: '%.150s' is %s in the weights, the model expects %s", a.name, have,
               want);
      ++r.mismatches;
    }
  }
  for (int k = 0; strict && k < count; ++k) {
    if (used[k])
      continue;
    const char *name = hnn_weights_name(weights, k);
    const hnn_tensor *t = hnn_weights_get(weights, name);
    char have[200];
    describe(have, sizeof have, hnn_tensor_dtype(t), hnn_tensor_rank(t), hnn_tensor_shape(t));
    add_line(&r, "unused: '%.150s' %s (no parameter has this name)", name, have);
  }
  free(used);

  if (r.problems) {
    free(created);
    if (r.dropped)
      snprintf(r.text + r.len, sizeof r.text - r.len, "\n  ... and %d more", r.dropped);
    return hnn_fail(r.mismatches ? HNN_ERR_SHAPE : HNN_ERR_NOT_FOUND,
                    "entry '%.100s': %d problem%s binding weights:%s", entry_name, r.problems,
                    r.problems == 1 ? "" : "s", r.text);
  }

  hnn_status s = HNN_OK;
  for (int i = 0; i < n && s == HNN_OK; ++i) {
    hnn_arg_info a;
    hnn_model_arg_info(model, entry, i, &a);
    const hnn_tensor *t = hnn_weights_get(weights, a.name);
    if (a.kind == HNN_ARG_INPUT || a.kind == HNN_ARG_HYPER || !t)
      continue;
    s = hnn_tensor_create(a.dtype, a.rank, a.shape, &created[i]);
    if (s == HNN_OK)
      memcpy(hnn_tensor_data(created[i]), hnn_tensor_data(t), hnn_tensor_nbytes(t));
  }
  if (s != HNN_OK) {
    for (int i = 0; i < n; ++i)
      hnn_tensor_free(created[i]);
    free(created);
    return s;
  }
  for (int i = 0; i < n; ++i)
    if (created[i])
      args[i] = created[i];
  free(created);
  return HNN_OK;
}
