/* Loads a compiled model from a shared library, lists its entry points, then
 * runs `forward` from four threads at once on different batch sizes and
 * checks every result against a plain C forward pass.
 *
 *   hnnc mlp.mlir -o mlp.so
 *   cc dynamic_app.c -I<hnn source root> -L<hnn build>/lib -lhnnrt -lpthread -lm
 *   ./a.out mlp.so
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#include "mlp_reference.h"
#include "runtime/hnnrt.h"

typedef struct job {
  const hnn_model *model;
  int batch;
  double error;
  int status;
} job;

static float w1[HID * IN], b1[HID], w2[OUT * HID], b2[OUT];

static void *worker(void *p) {
  job *j = p;
  int n = j->batch;
  float *x = malloc(sizeof(float) * n * IN), *ref = malloc(sizeof(float) * n * OUT);
  fill(x, (int64_t)n * IN, 100 + n, 1.0f);
  mlp_reference(x, w1, b1, w2, b2, ref, n);
  hnn_tensor *args[5], *probs = NULL;
  int64_t xs[] = {n, IN}, w1s[] = {HID, IN}, b1s[] = {HID}, w2s[] = {OUT, HID}, b2s[] = {OUT};
  hnn_tensor_wrap(HNN_F32, 2, xs, x, &args[0]);
  hnn_tensor_wrap(HNN_F32, 2, w1s, w1, &args[1]);
  hnn_tensor_wrap(HNN_F32, 1, b1s, b1, &args[2]);
  hnn_tensor_wrap(HNN_F32, 2, w2s, w2, &args[3]);
  hnn_tensor_wrap(HNN_F32, 1, b2s, b2, &args[4]);
  /* Each thread runs the same model 20 times. */
  j->status = HNN_OK;
  j->error = 0;
  for (int rep = 0; rep < 20 && j->status == HNN_OK; ++rep) {
    j->status = hnn_model_run(j->model, 0, args, 5, &probs, 1);
    if (j->status == HNN_OK) {
      double e = max_abs_diff(hnn_tensor_data(probs), ref, (int64_t)n * OUT);
      j->error = e > j->error ? e : j->error;
      hnn_tensor_free(probs);
      probs = NULL;
    }
  }
  for (int i = 0; i < 5; ++i)
    hnn_tensor_free(args[i]);
  free(x);
  free(ref);
  return NULL;
}

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: %s MODEL.so\n", argv[0]);
    return 2;
  }
  hnn_model *model = NULL;
  if (hnn_model_load(argv[1], NULL, &model) != HNN_OK) {
    fprintf(stderr, "%s\n", hnn_last_error());
    return 1;
  }
  for (int e = 0; e < hnn_model_num_entries(model); ++e) {
    printf("entry %s:", hnn_model_entry_name(model, e));
    for (int i = 0; i < hnn_model_num_args(model, e); ++i) {
      hnn_arg_info info;
      hnn_model_arg_info(model, e, i, &info);
      printf(" %s", info.name);
    }
    printf("\n");
  }
  fill(w1, HID * IN, 2, 0.05f);
  fill(b1, HID, 3, 0.1f);
  fill(w2, OUT * HID, 4, 0.2f);
  fill(b2, OUT, 5, 0.1f);

  /* A wrong shape is reported, not run. */
  int64_t bad[] = {2, 783};
  hnn_tensor *x = NULL, *probs = NULL, *args[5] = {0};
  hnn_tensor_create(HNN_F32, 2, bad, &x);
  args[0] = x;
  hnn_status s = hnn_model_run(model, 0, args, 5, &probs, 1);
  printf("wrong input shape -> %s\n", s == HNN_OK ? "accepted (BUG)" : hnn_last_error());
  hnn_tensor_free(x);

  enum { THREADS = 4 };
  pthread_t threads[THREADS];
  job jobs[THREADS];
  for (int t = 0; t < THREADS; ++t) {
    jobs[t] = (job){model, 1 + 5 * t, 0, 0};
    pthread_create(&threads[t], NULL, worker, &jobs[t]);
  }
  int failed = s == HNN_OK;
  for (int t = 0; t < THREADS; ++t) {
    pthread_join(threads[t], NULL);
    printf("thread %d: batch %2d, status %s, max |hnn - reference| = %.3g\n", t, jobs[t].batch,
           hnn_status_name(jobs[t].status), jobs[t].error);
    failed |= jobs[t].status != HNN_OK || jobs[t].error > 1e-5;
  }
  hnn_model_free(model);
  puts(failed ? "FAILED" : "dynamic app: ok");
  return failed;
}
