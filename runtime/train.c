/*===- train.c - the trainer over the entries of hnnc --train -------------===*
 *
 * `train_step` takes the data inputs, the parameters (trainable, frozen,
 * state), the optimizer slots and the hyper scalars `lr` and `step`; it
 * returns the loss, the model outputs, one `update` result per buffer it
 * changes (named like that argument) and one `gradsq` per trainable
 * parameter. The trainer owns two buffers per parameter and slot: one is the
 * argument, the other receives the update, and after the step the two swap
 * (a pointer exchange: nothing is copied per step). The compiled code may use
 * a result buffer as scratch before it writes the final value there, so an
 * update result never shares memory with the argument it replaces.
 *
 * `eval_step` takes the inputs and the parameters and returns the loss and the
 * outputs; `init` (absent when every weight was baked in) returns one value
 * per parameter, named by it, and writes straight into the trainer's tensors.
 *
 * A checkpoint is a safetensors file: every parameter and optimizer slot
 * under its manifest name, metadata "hnn.steps" (the updates applied) and the
 * caller's metadata. An export holds the parameters alone (every trainable,
 * frozen and state argument of train_step: forward's parameters, and state
 * only the training step reads), which is what hnnc --weights, hnn-run infer
 * and hnn_trainer_create read.
 *===----------------------------------------------------------------------===*/
#include "runtime/internal.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define STEPS_KEY "hnn.steps"

struct hnn_trainer {
  const hnn_model *model;
  int train, eval; /* entry indices; eval is -1 without eval_step */
  int num_args, num_results;
  hnn_tensor **args;    /* owned, except the inputs (set only during a step) */
  hnn_tensor **results; /* owned; an update's buffer swaps with its argument's */
  int *update_of;       /* per result: the argument it updates, or -1 */
  int *gradsq_of;       /* per argument: its gradsq result, or -1 */
  int *input_pos;       /* per argument: its index among the inputs, or -1 */
  int num_inputs;
  int *inputs; /* argument index of each data input */
  int lr_arg, step_arg, loss, output;
  /* eval_step: each argument is a data input or one of `args`. */
  int eval_num_args, eval_num_results;
  int *eval_src; /* per eval argument: the train_step argument it is */
  hnn_tensor **eval_args, **eval_results;
  int eval_loss, eval_output;
  hnn_schedule schedule;
  double lr_scale;
  int64_t steps;
  hnn_weights *meta; /* the caller's metadata (only its metadata is used) */
  char nonfinite[128];
};

static int is_param(hnn_arg_kind k) {
  return k == HNN_ARG_TRAINABLE || k == HNN_ARG_FROZEN || k == HNN_ARG_STATE;
}

static int find_arg(const hnn_model *m, int e, const char *name) {
  for (int i = 0; i < hnn_model_num_args(m, e); ++i) {
    hnn_arg_info a;
    hnn_model_arg_info(m, e, i, &a);
    if (strcmp(a.name, name) == 0)
      return i;
  }
  return -1;
}

static int is_static(const hnn_arg_info *a) {
  for (int d = 0; d < a->rank; ++d)
    if (a->shape[d] < 0)
      return 0;
  return 1;
}

void hnn_trainer_free(hnn_trainer *t) {
  if (!t)
    return;
  for (int i = 0; t->args && t->input_pos && i < t->num_args; ++i)
    if (t->input_pos[i] < 0)
      hnn_tensor_free(t->args[i]);
  for (int i = 0; t->results && i < t->num_results; ++i)
    hnn_tensor_free(t->results[i]);
  for (int i = 0; t->eval_results && i < t->eval_num_results; ++i)
    hnn_tensor_free(t->eval_results[i]);
  free(t->args), free(t->results), free(t->update_of), free(t->gradsq_of);
  free(t->input_pos), free(t->inputs), free(t->eval_src), free(t->eval_args);
  free(t->eval_results);
  hnn_weights_free(t->meta);
  free(t);
}

/* Allocates the argument, result and index arrays and sorts the arguments
 * and results of train_step into their roles. */
static hnn_status layout_train_step(hnn_trainer *t) {
  const hnn_model *m = t->model;
  int n = t->num_args = hnn_model_num_args(m, t->train);
  int r = t->num_results = hnn_model_num_results(m, t->train);
  t->args = calloc((size_t)n + 1, sizeof *t->args);
  t->results = calloc((size_t)r + 1, sizeof *t->results);
  t->update_of = calloc((size_t)r + 1, sizeof(int));
  t->gradsq_of = calloc((size_t)n + 1, sizeof(int));
  t->input_pos = calloc((size_t)n + 1, sizeof(int));
  t->inputs = calloc((size_t)n + 1, sizeof(int));
  if (!t->args || !t->results || !t->update_of || !t->gradsq_of || !t->input_pos || !t->inputs)
    return hnn_fail(HNN_ERR_OUT_OF_MEMORY, "out of memory");
  t->lr_arg = t->step_arg = t->loss = t->output = -1;
  for (int i = 0; i < n; ++i)
    t->gradsq_of[i] = t->input_pos[i] = -1;
  for (int i = 0; i < r; ++i)
    t->update_of[i] = -1;
  for (int i = 0; i < n; ++i) {
    hnn_arg_info a;
    hnn_model_arg_info(m, t->train, i, &a);
    if (a.kind == HNN_ARG_INPUT) {
      t->input_pos[i] = t->num_inputs;
      t->inputs[t->num_inputs++] = i;
    } else if (a.kind == HNN_ARG_HYPER) {
      int *slot = strcmp(a.name, "lr") == 0     ? &t->lr_arg
                  : strcmp(a.name, "step") == 0 ? &t->step_arg
                                                : NULL;
      if (!slot || *slot >= 0 || a.rank != 0 || a.dtype != HNN_F32)
        return hnn_fail(HNN_ERR_FORMAT,
                        "train_step: unexpected hyper argument '%.100s' (expected rank-0 f32 "
                        "'lr' and 'step', once each)",
                        a.name);
      *slot = i;
      hnn_status s = hnn_tensor_create(HNN_F32, 0, NULL, &t->args[i]);
      if (s != HNN_OK)
        return s;
    }
  }
  if (t->lr_arg < 0 || t->step_arg < 0)
    return hnn_fail(HNN_ERR_FORMAT, "train_step: no hyper argument '%s'",
                    t->lr_arg < 0 ? "lr" : "step");
  for (int i = 0; i < r; ++i) {
    hnn_arg_info v;
    hnn_model_result_info(m, t->train, i, &v);
    if (v.result_kind == HNN_RESULT_UPDATE || v.result_kind == HNN_RESULT_GRADSQ) {
      int a = find_arg(m, t->train, v.name);
      hnn_arg_info ai;
      if (a >= 0)
        hnn_model_arg_info(m, t->train, a, &ai);
      int ok = a >= 0 && (v.result_kind == HNN_RESULT_UPDATE
                              ? (is_param(ai.kind) || ai.kind == HNN_ARG_OPTIMIZER)
                              : ai.kind == HNN_ARG_TRAINABLE);
      if (!ok)
        return hnn_fail(HNN_ERR_FORMAT, "train_step: %s result '%.100s' names no %s argument",
                        v.result_kind == HNN_RESULT_UPDATE ? "update" : "gradsq", v.name,
                        v.result_kind == HNN_RESULT_UPDATE ? "parameter or optimizer"
                                                           : "trainable");
      if (v.result_kind == HNN_RESULT_UPDATE) {
        t->update_of[i] = a;
      } else {
        t->gradsq_of[a] = i;
      }
    } else if (v.result_kind == HNN_RESULT_LOSS && t->loss < 0) {
      t->loss = i;
    } else if (v.result_kind == HNN_RESULT_OUTPUT && t->output < 0) {
      t->output = i;
    }
    if (is_static(&v)) {
      hnn_status s = hnn_tensor_create(v.dtype, v.rank, v.shape, &t->results[i]);
      if (s != HNN_OK)
        return s;
    }
  }
  if (t->loss < 0)
    return hnn_fail(HNN_ERR_FORMAT, "train_step has no loss result");
  hnn_arg_info loss;
  hnn_model_result_info(m, t->train, t->loss, &loss);
  if (loss.rank != 0 || loss.dtype != HNN_F32)
    return hnn_fail(HNN_ERR_FORMAT, "train_step: the loss must be a rank-0 f32");
  return HNN_OK;
}

/* The parameters from `init`, written into the trainer's tensors. */
static hnn_status run_init(hnn_trainer *t) {
  const hnn_model *m = t->model;
  int needed = 0;
  for (int i = 0; i < t->num_args; ++i) {
    hnn_arg_info a;
    hnn_model_arg_info(m, t->train, i, &a);
    needed |= is_param(a.kind);
  }
  int init = hnn_model_find_entry(m, "init");
  if (init < 0)
    return needed ? hnn_fail(HNN_ERR_NOT_FOUND,
                             "the model has no init entry (its weights were baked in?): "
                             "give the trainer weights")
                  : HNN_OK;
  int r = hnn_model_num_results(m, init);
  hnn_tensor **results = calloc((size_t)r + 1, sizeof *results);
  char *owned = calloc((size_t)r + 1, 1);
  hnn_status s = results && owned ? HNN_OK : hnn_fail(HNN_ERR_OUT_OF_MEMORY, "out of memory");
  for (int i = 0; i < r && s == HNN_OK; ++i) {
    hnn_arg_info v;
    hnn_model_result_info(m, init, i, &v);
    int a = find_arg(m, t->train, v.name);
    hnn_arg_info ai;
    if (a >= 0)
      hnn_model_arg_info(m, t->train, a, &ai);
    if (a < 0 || !is_param(ai.kind) || t->args[a]) {
      owned[i] = 1; /* a value train_step does not take: computed and dropped */
      continue;
    }
    if ((s = hnn_tensor_create(ai.dtype, ai.rank, ai.shape, &t->args[a])) == HNN_OK)
      results[i] = t->args[a];
  }
  for (int i = 0; i < t->num_args && s == HNN_OK; ++i) {
    hnn_arg_info a;
    hnn_model_arg_info(m, t->train, i, &a);
    if (is_param(a.kind) && !t->args[i])
      s = hnn_fail(HNN_ERR_FORMAT, "init does not initialize parameter '%.100s'", a.name);
  }
  if (s == HNN_OK)
    s = hnn_model_run(m, init, NULL, 0, results, r);
  for (int i = 0; results && owned && i < r; ++i)
    if (owned[i])
      hnn_tensor_free(results[i]);
  free(results), free(owned);
  return s;
}

/* Maps eval_step's arguments onto the inputs and parameters of train_step. */
static hnn_status layout_eval_step(hnn_trainer *t) {
  const hnn_model *m = t->model;
  t->eval = hnn_model_find_entry(m, "eval_step");
  if (t->eval < 0)
    return HNN_OK;
  int n = t->eval_num_args = hnn_model_num_args(m, t->eval);
  int r = t->eval_num_results = hnn_model_num_results(m, t->eval);
  t->eval_src = calloc((size_t)n + 1, sizeof(int));
  t->eval_args = calloc((size_t)n + 1, sizeof *t->eval_args);
  t->eval_results = calloc((size_t)r + 1, sizeof *t->eval_results);
  if (!t->eval_src || !t->eval_args || !t->eval_results)
    return hnn_fail(HNN_ERR_OUT_OF_MEMORY, "out of memory");
  for (int i = 0; i < n; ++i) {
    hnn_arg_info a;
    hnn_model_arg_info(m, t->eval, i, &a);
    int src = find_arg(m, t->train, a.name);
    hnn_arg_info ta;
    if (src >= 0)
      hnn_model_arg_info(m, t->train, src, &ta);
    if (src < 0 || ta.kind != a.kind || !(a.kind == HNN_ARG_INPUT || is_param(a.kind)))
      return hnn_fail(HNN_ERR_FORMAT,
                      "eval_step: argument '%.100s' is no input or parameter of train_step",
                      a.name);
    t->eval_src[i] = src;
  }
  t->eval_loss = t->eval_output = -1;
  for (int i = 0; i < r; ++i) {
    hnn_arg_info v;
    hnn_model_result_info(m, t->eval, i, &v);
    if (v.result_kind == HNN_RESULT_LOSS && t->eval_loss < 0)
      t->eval_loss = i;
    else if (v.result_kind == HNN_RESULT_OUTPUT && t->eval_output < 0)
      t->eval_output = i;
    if (is_static(&v)) {
      hnn_status s = hnn_tensor_create(v.dtype, v.rank, v.shape, &t->eval_results[i]);
      if (s != HNN_OK)
        return s;
    }
  }
  if (t->eval_loss < 0)
    return hnn_fail(HNN_ERR_FORMAT, "eval_step has no loss result");
  return HNN_OK;
}

hnn_status hnn_trainer_create(const hnn_model *model, const hnn_weights *weights,
                              hnn_trainer **out) {
  if (!model || !out)
    return hnn_fail(HNN_ERR_INVALID_ARGUMENT, "hnn_trainer_create: null argument");
  int train = hnn_model_find_entry(model, "train_step");
  if (train < 0)
    return hnn_fail(HNN_ERR_NOT_FOUND, "model was not compiled with --train (no train_step entry)");
  hnn_trainer *t = calloc(1, sizeof *t);
  if (!t)
    return hnn_fail(HNN_ERR_OUT_OF_MEMORY, "out of memory");
  t->model = model;
  t->train = train;
  t->eval = -1;
  t->lr_scale = 1.0;
  hnn_status s = hnn_schedule_from_model(model, &t->schedule);
  if (s == HNN_OK)
    s = hnn_weights_create(&t->meta);
  if (s == HNN_OK)
    s = layout_train_step(t);
  if (s == HNN_OK)
    s = layout_eval_step(t);
  if (s == HNN_OK)
    s = weights ? hnn_model_bind_weights(model, train, weights, 0, t->args, t->num_args)
                : run_init(t);
  for (int i = 0; i < t->num_args && s == HNN_OK; ++i) {
    hnn_arg_info a;
    hnn_model_arg_info(model, train, i, &a);
    if (a.kind == HNN_ARG_OPTIMIZER && !t->args[i])
      s = hnn_tensor_create(a.dtype, a.rank, a.shape, &t->args[i]);
  }
  if (s != HNN_OK) {
    hnn_trainer_free(t);
    return s;
  }
  *out = t;
  return HNN_OK;
}

int hnn_trainer_num_inputs(const hnn_trainer *t) { return t ? t->num_inputs : 0; }

hnn_status hnn_trainer_input_info(const hnn_trainer *t, int index, hnn_arg_info *out) {
  if (!t || !out || index < 0 || index >= t->num_inputs)
    return hnn_fail(HNN_ERR_INVALID_ARGUMENT, "no trainer input %d", index);
  return hnn_model_arg_info(t->model, t->train, t->inputs[index], out);
}

int64_t hnn_trainer_steps(const hnn_trainer *t) { return t ? t->steps : 0; }

double hnn_trainer_lr(const hnn_trainer *t, int64_t step) {
  return t ? hnn_schedule_lr(&t->schedule, step) * t->lr_scale : 0.0;
}

hnn_status hnn_trainer_set_lr(hnn_trainer *t, double lr) {
  if (!t || !(lr > 0) || !isfinite(lr))
    return hnn_fail(HNN_ERR_INVALID_ARGUMENT, "the learning rate must be positive, got %g", lr);
  if (!(t->schedule.lr > 0))
    return hnn_fail(HNN_ERR_FORMAT, "the manifest's lr %g cannot be scaled", t->schedule.lr);
  t->lr_scale = lr / t->schedule.lr;
  return HNN_OK;
}

/* Frees the results of `entry` whose batch-dependent shape no longer fits the
 * batch of `inputs`, so that hnn_model_run makes new ones. */
static void refresh_results(const hnn_trainer *t, int entry, hnn_tensor *const *inputs,
                            hnn_tensor **results, const int *skip) {
  int64_t batch = -1;
  for (int k = 0; k < t->num_inputs && batch < 0; ++k) {
    hnn_arg_info a;
    hnn_model_arg_info(t->model, t->train, t->inputs[k], &a);
    for (int d = 0; d < a.rank && d < hnn_tensor_rank(inputs[k]); ++d)
      if (a.shape[d] < 0) {
        batch = hnn_tensor_shape(inputs[k])[d];
        break;
      }
  }
  for (int i = 0; i < hnn_model_num_results(t->model, entry); ++i) {
    if ((skip && skip[i] >= 0) || !results[i])
      continue;
    hnn_arg_info v;
    hnn_model_result_info(t->model, entry, i, &v);
    for (int d = 0; d < v.rank; ++d)
      if (v.shape[d] < 0 && hnn_tensor_shape(results[i])[d] != batch) {
        hnn_tensor_free(results[i]);
        results[i] = NULL;
        break;
      }
  }
}

static hnn_status check_inputs(const hnn_trainer *t, hnn_tensor *const *inputs, int n,
                               const void *out, const char *fn) {
  if (!t || !out || (n && !inputs))
    return hnn_fail(HNN_ERR_INVALID_ARGUMENT, "%s: null argument", fn);
  if (n != t->num_inputs)
    return hnn_fail(HNN_ERR_INVALID_ARGUMENT, "%s: the model takes %d inputs, got %d", fn,
                    t->num_inputs, n);
  for (int k = 0; k < n; ++k)
    if (!inputs[k])
      return hnn_fail(HNN_ERR_INVALID_ARGUMENT, "%s: input %d is null", fn, k);
  return HNN_OK;
}

static float scalar(const hnn_tensor *t) { return *(const float *)hnn_tensor_data(t); }

hnn_status hnn_trainer_step(hnn_trainer *t, hnn_tensor *const *inputs, int num_inputs,
                            hnn_step_result *out) {
  hnn_status s = check_inputs(t, inputs, num_inputs, out, "hnn_trainer_step");
  if (s != HNN_OK)
    return s;
  *(float *)hnn_tensor_data(t->args[t->lr_arg]) = (float)hnn_trainer_lr(t, t->steps);
  *(float *)hnn_tensor_data(t->args[t->step_arg]) = (float)(t->steps + 1);
  for (int k = 0; k < num_inputs; ++k)
    t->args[t->inputs[k]] = inputs[k];
  refresh_results(t, t->train, inputs, t->results, t->update_of);
  s = hnn_model_run(t->model, t->train, t->args, t->num_args, t->results, t->num_results);
  for (int k = 0; k < num_inputs; ++k)
    t->args[t->inputs[k]] = NULL;
  if (s != HNN_OK)
    return s;
  /* The updated values become the arguments; the old buffers take the next
   * step's updates. */
  for (int i = 0; i < t->num_results; ++i)
    if (t->update_of[i] >= 0) {
      hnn_tensor *arg = t->args[t->update_of[i]], *res = t->results[i];
      void *data = arg->data;
      arg->data = res->data;
      res->data = data;
    }
  ++t->steps;
  out->loss = scalar(t->results[t->loss]);
  out->output = t->output >= 0 ? t->results[t->output] : NULL;
  out->nonfinite_param = NULL;
  int bad = -1;
  for (int i = 0; i < t->num_args && bad < 0; ++i)
    if (t->gradsq_of[i] >= 0 && !isfinite(scalar(t->results[t->gradsq_of[i]])))
      bad = i;
  if (bad >= 0 || !isfinite(out->loss)) {
    t->nonfinite[0] = 0;
    if (bad >= 0) {
      hnn_arg_info a;
      hnn_model_arg_info(t->model, t->train, bad, &a);
      snprintf(t->nonfinite, sizeof t->nonfinite, "%s", a.name);
    }
    out->nonfinite_param = t->nonfinite;
  }
  return HNN_OK;
}

hnn_status hnn_trainer_eval(hnn_trainer *t, hnn_tensor *const *inputs, int num_inputs,
                            hnn_step_result *out) {
  hnn_status s = check_inputs(t, inputs, num_inputs, out, "hnn_trainer_eval");
  if (s != HNN_OK)
    return s;
  if (t->eval < 0)
    return hnn_fail(HNN_ERR_NOT_FOUND, "the model has no eval_step entry");
  for (int i = 0; i < t->eval_num_args; ++i) {
    int src = t->eval_src[i];
    t->eval_args[i] = t->input_pos[src] >= 0 ? inputs[t->input_pos[src]] : t->args[src];
  }
  refresh_results(t, t->eval, inputs, t->eval_results, NULL);
  s = hnn_model_run(t->model, t->eval, t->eval_args, t->eval_num_args, t->eval_results,
                    t->eval_num_results);
  for (int i = 0; i < t->eval_num_args; ++i)
    t->eval_args[i] = NULL;
  if (s != HNN_OK)
    return s;
  out->loss = scalar(t->eval_results[t->eval_loss]);
  out->output = t->eval_output >= 0 ? t->eval_results[t->eval_output] : NULL;
  out->nonfinite_param = NULL;
  return HNN_OK;
}

/*===----------------------------- checkpoints ----------------------------===*/

hnn_status hnn_trainer_set_metadata(hnn_trainer *t, const char *key, const char *value) {
  if (!t || !key || !value)
    return hnn_fail(HNN_ERR_INVALID_ARGUMENT, "hnn_trainer_set_metadata: null argument");
  if (strcmp(key, STEPS_KEY) == 0)
    return hnn_fail(HNN_ERR_INVALID_ARGUMENT, "metadata key '" STEPS_KEY "' is the trainer's own");
  return hnn_weights_set_metadata(t->meta, key, value);
}

const char *hnn_trainer_metadata(const hnn_trainer *t, const char *key) {
  return t ? hnn_weights_metadata(t->meta, key) : NULL;
}

/* Puts the parameters (and with `slots` the optimizer state) into `w`. */
static hnn_status put_buffers(const hnn_trainer *t, int slots, hnn_weights *w) {
  for (int i = 0; i < t->num_args; ++i) {
    hnn_arg_info a;
    hnn_model_arg_info(t->model, t->train, i, &a);
    if (is_param(a.kind) || (slots && a.kind == HNN_ARG_OPTIMIZER)) {
      hnn_status s = hnn_weights_put(w, a.name, t->args[i]);
      if (s != HNN_OK)
        return s;
    }
  }
  return HNN_OK;
}

hnn_status hnn_trainer_save(const hnn_trainer *t, const char *path) {
  if (!t || !path)
    return hnn_fail(HNN_ERR_INVALID_ARGUMENT, "hnn_trainer_save: null argument");
  hnn_weights *w = NULL;
  hnn_status s = hnn_weights_create(&w);
  if (s == HNN_OK)
    s = put_buffers(t, 1, w);
  for (int i = 0; s == HNN_OK && i < hnn_weights_num_metadata(t->meta); ++i) {
    const char *key = hnn_weights_metadata_key(t->meta, i);
    s = hnn_weights_set_metadata(w, key, hnn_weights_metadata(t->meta, key));
  }
  char steps[32];
  snprintf(steps, sizeof steps, "%lld", (long long)t->steps);
  if (s == HNN_OK)
    s = hnn_weights_set_metadata(w, STEPS_KEY, steps);
  if (s == HNN_OK)
    s = hnn_weights_save(w, path);
  hnn_weights_free(w);
  return s;
}

/* Reads "hnn.steps" of checkpoint `w`. */
static hnn_status read_steps(const hnn_weights *w, const char *path, int64_t *out) {
  const char *text = hnn_weights_metadata(w, STEPS_KEY);
  if (!text)
    return hnn_fail(HNN_ERR_FORMAT,
                    "%.300s is not a training checkpoint (no '" STEPS_KEY "' metadata)", path);
  char *end = NULL;
  errno = 0;
  long long v = strtoll(text, &end, 10);
  if (end == text || *end || errno || v < 0)
    return hnn_fail(HNN_ERR_FORMAT, "%.300s: malformed '" STEPS_KEY "' metadata '%.40s'", path,
                    text);
  *out = v;
  return HNN_OK;
}

hnn_status hnn_trainer_load(hnn_trainer *t, const char *path) {
  if (!t || !path)
    return hnn_fail(HNN_ERR_INVALID_ARGUMENT, "hnn_trainer_load: null argument");
  hnn_weights *w = NULL, *meta = NULL;
  hnn_status s = hnn_weights_load(path, &w);
  if (s != HNN_OK)
    return s;
  hnn_tensor **loaded = calloc((size_t)t->num_args + 1, sizeof *loaded);
  int64_t steps = 0;
  s = loaded ? read_steps(w, path, &steps) : hnn_fail(HNN_ERR_OUT_OF_MEMORY, "out of memory");
  if (s == HNN_OK &&
      (s = hnn_model_bind_weights(t->model, t->train, w, 0, loaded, t->num_args)) != HNN_OK) {
    char message[1024];
    snprintf(message, sizeof message, "%s", hnn_last_error());
    s = hnn_fail(s, "checkpoint %.300s does not fit the model: %s", path, message);
  }
  for (int i = 0; i < t->num_args && s == HNN_OK; ++i) {
    hnn_arg_info a;
    hnn_model_arg_info(t->model, t->train, i, &a);
    if (a.kind == HNN_ARG_OPTIMIZER && !loaded[i])
      s = hnn_fail(HNN_ERR_NOT_FOUND, "checkpoint %.300s has no optimizer state '%.100s'", path,
                   a.name);
  }
  if (s == HNN_OK)
    s = hnn_weights_create(&meta);
  for (int i = 0; s == HNN_OK && i < hnn_weights_num_metadata(w); ++i) {
    const char *key = hnn_weights_metadata_key(w, i);
    if (strcmp(key, STEPS_KEY) != 0)
      s = hnn_weights_set_metadata(meta, key, hnn_weights_metadata(w, key));
  }
  if (s == HNN_OK) {
    for (int i = 0; i < t->num_args; ++i)
      if (loaded[i])
        memcpy(hnn_tensor_data(t->args[i]), hnn_tensor_data(loaded[i]),
               hnn_tensor_nbytes(loaded[i]));
    t->steps = steps;
    hnn_weights_free(t->meta);
    t->meta = meta;
    meta = NULL;
  }
  for (int i = 0; loaded && i < t->num_args; ++i)
    hnn_tensor_free(loaded[i]);
  free(loaded);
  hnn_weights_free(meta);
  hnn_weights_free(w);
  return s;
}

hnn_status hnn_trainer_export(const hnn_trainer *t, const char *path) {
  if (!t || !path)
    return hnn_fail(HNN_ERR_INVALID_ARGUMENT, "hnn_trainer_export: null argument");
  hnn_weights *w = NULL;
  hnn_status s = hnn_weights_create(&w);
  if (s == HNN_OK)
    s = put_buffers(t, 0, w);
  if (s == HNN_OK)
    s = hnn_weights_save(w, path);
  hnn_weights_free(w);
  return s;
}

/*===------------------------------ KAN grids -----------------------------===*/

hnn_status hnn_trainer_kan_grid_update(hnn_trainer *t, hnn_tensor *const *inputs, int n,
                                       double grid_eps, double margin, int *layers) {
  hnn_status s = check_inputs(t, inputs, n, layers, "hnn_trainer_kan_grid_update");
  if (s != HNN_OK)
    return s;
  *layers = 0;
  int e = hnn_model_find_entry(t->model, "kan_features");
  if (e < 0)
    return HNN_OK;
  int na = hnn_model_num_args(t->model, e), nr = hnn_model_num_results(t->model, e);
  if (t->eval < 0 || na != t->eval_num_args)
    return hnn_fail(HNN_ERR_FORMAT, "kan_features does not take eval_step's arguments");
  hnn_tensor **args = calloc((size_t)na + 1, sizeof *args), **res = calloc((size_t)nr + 1, sizeof *res);
  if (!args || !res) {
    free(args), free(res);
    return hnn_fail(HNN_ERR_OUT_OF_MEMORY, "out of memory");
  }
  for (int i = 0; i < na; ++i) {
    int src = t->eval_src[i];
    args[i] = t->input_pos[src] >= 0 ? inputs[t->input_pos[src]] : t->args[src];
  }
  s = hnn_model_run(t->model, e, args, na, res, nr);
  for (int r = 0; r < nr && s == HNN_OK; ++r) {
    hnn_arg_info info;
    hnn_model_result_info(t->model, e, r, &info);
    size_t len = strlen(info.name);
    char weight[256];
    snprintf(weight, sizeof weight, "%.*s.spline_weight", (int)(len > 5 ? len - 5 : len), info.name);
    int g = find_arg(t->model, t->train, info.name), w = find_arg(t->model, t->train, weight);
    if (len <= 5 || strcmp(info.name + len - 5, ".grid") != 0 || g < 0 || w < 0) {
      s = hnn_fail(HNN_ERR_FORMAT, "kan_features result '%s' names no '<layer>.grid' with a '%s'",
                   info.name, weight);
      break;
    }
    s = hnn_kan_refit_layer(res[r], t->args[g], t->args[w], grid_eps, margin);
    /* The refitted coefficients start their optimizer state afresh. */
    size_t wlen = strlen(weight);
    for (int i = 0; i < t->num_args && s == HNN_OK; ++i) {
      hnn_arg_info a;
      hnn_model_arg_info(t->model, t->train, i, &a);
      if (a.kind == HNN_ARG_OPTIMIZER && strncmp(a.name, weight, wlen) == 0 && a.name[wlen] == '.')
        memset(hnn_tensor_data(t->args[i]), 0, hnn_tensor_nbytes(t->args[i]));
    }
    if (s == HNN_OK)
      ++*layers;
  }
  for (int r = 0; r < nr; ++r)
    hnn_tensor_free(res[r]);
  free(args), free(res);
  return s;
}
