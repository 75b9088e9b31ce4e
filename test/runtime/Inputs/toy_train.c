/*===- toy_train.c - a hand-written stand-in for a model of hnnc --train --===*
 *
 * Softmax regression written against the artifact ABI (manifest version 2,
 * packed entry points, the allocator hook), so that the trainer and
 * `hnn-run train` can be tested without the compiler:
 *
 *   logits = (in.scale * x) fc.weight^T + fc.bias,  loss = mean cross-entropy
 *
 * x is f32 [batch, 1, TOY_H, TOY_W], label i64 [batch] (out-of-range labels
 * are clamped), TOY_CLASSES classes. `seen` (state) counts the samples
 * trained on; `in.scale` is frozen. The optimizer is SGD with momentum 0.9 on
 * a step schedule, or with -DTOY_ADAM Adam on a cosine schedule (it reads
 * the `step` hyper argument for its bias correction). -DTOY_PREFIX=p_ prefixes
 * the exported symbols, for linking several variants into one program.
 * Gradients are computed into buffers from the installed allocator before any
 * parameter is written, which makes the in-place updates safe.
 *===----------------------------------------------------------------------===*/
#include "runtime/hnnrt.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef TOY_H
#define TOY_H 4
#endif
#ifndef TOY_W
#define TOY_W 4
#endif
#ifndef TOY_CLASSES
#define TOY_CLASSES 3
#endif
#ifndef TOY_PREFIX
#define TOY_PREFIX
#endif
#define CAT2(a, b) a##b
#define CAT(a, b) CAT2(a, b)
#define SYM(name) CAT(TOY_PREFIX, name)

enum { F = TOY_H * TOY_W, C = TOY_CLASSES };

#ifdef TOY_ADAM
enum { NUM_SLOTS = 4 };
static const char *slot_names[] = {"fc.weight.exp_avg", "fc.weight.exp_avg_sq", "fc.bias.exp_avg",
                                   "fc.bias.exp_avg_sq"};
static const char training[] =
    "training optimizer=adam lr=0.05 beta1=0.9 beta2=0.999 eps=1e-08 weight_decay=0 "
    "schedule=cosine total_steps=100 warmup_steps=5 min_lr=0.001 loss=cross_entropy "
    "labels=label\n";
#else
enum { NUM_SLOTS = 2 };
static const char *slot_names[] = {"fc.weight.momentum_buffer", "fc.bias.momentum_buffer"};
static const char training[] =
    "training optimizer=sgd lr=0.5 momentum=0.9 nesterov=0 weight_decay=0 schedule=step "
    "step_size=20 gamma=0.5 warmup_steps=3 loss=cross_entropy labels=label\n";
#endif

/* Written before main (or while dlopen runs), as hnnc would have emitted it. */
char SYM(hnn_manifest)[4096];

__attribute__((constructor)) static void write_manifest(void) {
  char x[64], w[32], b[32], out[32], *p = SYM(hnn_manifest);
  size_t left = sizeof SYM(hnn_manifest);
  snprintf(x, sizeof x, "f32 4 -1 1 %d %d", TOY_H, TOY_W);
  snprintf(w, sizeof w, "f32 2 %d %d", C, F);
  snprintf(b, sizeof b, "f32 1 %d", C);
  snprintf(out, sizeof out, "f32 2 -1 %d", C);
#define ADD(...)                                                                                   \
  do {                                                                                             \
    int n_ = snprintf(p, left, __VA_ARGS__);                                                       \
    p += n_, left -= (size_t)n_;                                                                   \
  } while (0)
  ADD("hnn-manifest 2\nentry forward 4 1\nflops %d\n", 2 * F * C);
  ADD("arg input x %s\narg frozen in.scale f32 1 1\n", x);
  ADD("arg trainable fc.weight %s\narg trainable fc.bias %s\nresult output result0 %s\n", w, b,
      out);
  ADD("%s", training);
  ADD("entry train_step %d %d\n", 8 + NUM_SLOTS, 7 + NUM_SLOTS);
  ADD("arg input x %s\narg input label i64 1 -1\narg frozen in.scale f32 1 1\n", x);
  ADD("arg trainable fc.weight %s\narg trainable fc.bias %s\narg state seen f32 1 1\n", w, b);
  for (int i = 0; i < NUM_SLOTS; ++i)
    ADD("arg optimizer %s %s\n", slot_names[i], strstr(slot_names[i], "weight") ? w : b);
  ADD("arg hyper lr f32 0\narg hyper step f32 0\n");
  ADD("result loss loss f32 0\nresult output result0 %s\n", out);
  ADD("result update fc.weight %s\nresult update fc.bias %s\nresult update seen f32 1 1\n", w, b);
  for (int i = 0; i < NUM_SLOTS; ++i)
    ADD("result update %s %s\n", slot_names[i], strstr(slot_names[i], "weight") ? w : b);
  ADD("result gradsq fc.weight f32 0\nresult gradsq fc.bias f32 0\n");
  ADD("entry eval_step 6 2\narg input x %s\narg input label i64 1 -1\n", x);
  ADD("arg frozen in.scale f32 1 1\narg trainable fc.weight %s\narg trainable fc.bias %s\n", w, b);
  ADD("arg state seen f32 1 1\nresult loss loss f32 0\nresult output result0 %s\n", out);
  ADD("entry init 0 4\nresult output in.scale f32 1 1\nresult output fc.weight %s\n", w);
  ADD("result output fc.bias %s\nresult output seen f32 1 1\n", b);
#undef ADD
}

static void *default_alloc(size_t alignment, size_t size) {
  return aligned_alloc(alignment, (size + alignment - 1) / alignment * alignment);
}
static hnn_alloc_fn alloc_fn = default_alloc;
static hnn_free_fn free_fn = free;

void SYM(hnn_set_allocator)(hnn_alloc_fn a, hnn_free_fn f) {
  alloc_fn = a;
  free_fn = f;
}

/* The data of packed argument `i` and its dimension 0. */
static float *f32(void **args, int i) {
  int64_t *d = (int64_t *)args[i];
  return (float *)(intptr_t)d[1] + d[2];
}
static int64_t dim0(void **args, int i) { return ((int64_t *)args[i])[3]; }

/* logits[n, :] for the batch; returns the batch size. */
static int64_t logits(const float *x, float scale, const float *w, const float *b, int64_t batch,
                      float *out) {
  for (int64_t n = 0; n < batch; ++n)
    for (int c = 0; c < C; ++c) {
      float acc = b[c];
      for (int k = 0; k < F; ++k)
        acc += w[c * F + k] * (scale * x[n * F + k]);
      out[n * C + c] = acc;
    }
  return batch;
}

/* Mean cross-entropy of `z`; with `dz`, also its gradient by the logits. */
static float cross_entropy(const float *z, const int64_t *label, int64_t batch, float *dz) {
  double total = 0;
  for (int64_t n = 0; n < batch; ++n) {
    const float *row = z + n * C;
    int64_t y = label[n] < 0 ? 0 : label[n] >= C ? C - 1 : label[n];
    float m = row[0];
    for (int c = 1; c < C; ++c)
      m = row[c] > m ? row[c] : m;
    float sum = 0;
    for (int c = 0; c < C; ++c)
      sum += expf(row[c] - m);
    total += (double)(logf(sum) + m - row[y]);
    for (int c = 0; dz && c < C; ++c)
      dz[n * C + c] = (expf(row[c] - m) / sum - (c == y)) / (float)batch;
  }
  return (float)(total / (double)batch);
}

static void forward(void **args) {
  int64_t batch = dim0(args, 0);
  logits(f32(args, 0), f32(args, 1)[0], f32(args, 2), f32(args, 3), batch, f32(args, 4));
}

static void eval_step(void **args) {
  int64_t batch = dim0(args, 0);
  const int64_t *label = (const int64_t *)f32(args, 1);
  float *z = f32(args, 7);
  logits(f32(args, 0), f32(args, 2)[0], f32(args, 3), f32(args, 4), batch, z);
  f32(args, 6)[0] = cross_entropy(z, label, batch, NULL);
}

static void train_step(void **args) {
  enum { X, LABEL, SCALE, W, B, SEEN, SLOTS, LR = SLOTS + NUM_SLOTS, STEP, RES };
  int64_t batch = dim0(args, X);
  const float *x = f32(args, X);
  const int64_t *label = (const int64_t *)f32(args, LABEL);
  float scale = f32(args, SCALE)[0], lr = f32(args, LR)[0], step = f32(args, STEP)[0];
  float *w = f32(args, W), *b = f32(args, B);
  float *z = f32(args, RES + 1);
  float *dz = alloc_fn(64, (size_t)(batch * C) * sizeof(float) + 1);
  float *g = alloc_fn(64, (size_t)(C * F + C) * sizeof(float));
  logits(x, scale, w, b, batch, z);
  f32(args, RES)[0] = cross_entropy(z, label, batch, dz);
  for (int c = 0; c < C; ++c) {
    float gb = 0;
    for (int k = 0; k < F; ++k) {
      float acc = 0;
      for (int64_t n = 0; n < batch; ++n)
        acc += dz[n * C + c] * scale * x[n * F + k];
      g[c * F + k] = acc;
    }
    for (int64_t n = 0; n < batch; ++n)
      gb += dz[n * C + c];
    g[C * F + c] = gb;
  }
  /* Results after the output: updates of W, B, SEEN, the slots, then gradsq. */
  float *new_w = f32(args, RES + 2), *new_b = f32(args, RES + 3);
  float *new_seen = f32(args, RES + 4);
  float gsq_w = 0, gsq_b = 0;
  for (int i = 0; i < C * F; ++i)
    gsq_w += g[i] * g[i];
  for (int i = 0; i < C; ++i)
    gsq_b += g[C * F + i] * g[C * F + i];
  for (int i = 0; i < C * F + C; ++i) {
    float *param = i < C * F ? &w[i] : &b[i - C * F];
    float *out = i < C * F ? &new_w[i] : &new_b[i - C * F];
    int slot = i < C * F ? 0 : 1, j = i < C * F ? i : i - C * F;
#ifdef TOY_ADAM
    float *m = f32(args, SLOTS + 2 * slot) + j, *v = f32(args, SLOTS + 2 * slot + 1) + j;
    float *new_m = f32(args, RES + 5 + 2 * slot) + j;
    float *new_v = f32(args, RES + 5 + 2 * slot + 1) + j;
    float mm = 0.9f * *m + 0.1f * g[i], vv = 0.999f * *v + 0.001f * g[i] * g[i];
    float mhat = mm / (1.0f - powf(0.9f, step)), vhat = vv / (1.0f - powf(0.999f, step));
    *out = *param - lr * mhat / (sqrtf(vhat) + 1e-8f);
    *new_m = mm;
    *new_v = vv;
#else
    (void)step;
    float *buf = f32(args, SLOTS + slot) + j, *new_buf = f32(args, RES + 5 + slot) + j;
    float nb = 0.9f * *buf + g[i];
    *out = *param - lr * nb;
    *new_buf = nb;
#endif
  }
  new_seen[0] = f32(args, SEEN)[0] + (float)batch;
  f32(args, RES + 5 + NUM_SLOTS)[0] = gsq_w;
  f32(args, RES + 6 + NUM_SLOTS)[0] = gsq_b;
  free_fn(dz);
  free_fn(g);
}

static void init(void **args) {
  f32(args, 0)[0] = 1.0f;
  uint32_t state = 12345;
  float *w = f32(args, 1);
  for (int i = 0; i < C * F; ++i) {
    state = state * 1664525u + 1013904223u;
    w[i] = ((float)(state >> 8) / (float)(1u << 24) - 0.5f) * 0.2f;
  }
  memset(f32(args, 2), 0, C * sizeof(float));
  f32(args, 3)[0] = 0.0f;
}

const hnn_entry_fn SYM(hnn_entries)[4] = {forward, train_step, eval_step, init};
