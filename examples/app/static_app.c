/* Links two compiled models statically (the same MLP compiled twice with
 * --prefix=mlp_ and --prefix=mlp2_, so their symbols coexist), runs both on
 * the same data through the runtime's C API and checks them against a plain
 * C forward pass.
 *
 *   hnnc mlp.mlir --emit=obj --prefix=mlp_ -o mlp.o --header=mlp.h
 *   hnnc mlp.mlir --emit=obj --prefix=mlp2_ -o mlp2.o --header=mlp2.h
 *   cc static_app.c mlp.o mlp2.o -I<build dir with mlp.h> -I<hnn source root>
 *      -L<hnn build>/lib -lhnnrt -L/usr/lib/llvm-22/lib -lomp -lm -o static_app
 */
#include <stdio.h>
#include <stdlib.h>

#include "mlp.h"
#include "mlp2.h"
#include "mlp_reference.h"

#define CHECK(call)                                                                    \
  do {                                                                                 \
    hnn_status s_ = (call);                                                            \
    if (s_ != HNN_OK) {                                                                \
      fprintf(stderr, "%s failed: %s: %s\n", #call, hnn_status_name(s_), hnn_last_error()); \
      return 1;                                                                        \
    }                                                                                  \
  } while (0)

static int run(hnn_model *model, hnn_tensor **args, const float *expected, int batch,
               const char *name) {
  hnn_tensor *probs = NULL;
  CHECK(hnn_model_run(model, hnn_model_find_entry(model, "forward"), args, 5, &probs, 1));
  double err = max_abs_diff(hnn_tensor_data(probs), expected, (int64_t)batch * OUT);
  printf("%s: batch %d, max |hnn - reference| = %.3g\n", name, batch, err);
  hnn_tensor_free(probs);
  return err <= 1e-5 ? 0 : 1;
}

int main(void) {
  enum { BATCH = 3 };
  static float x[BATCH * IN], w1[HID * IN], b1[HID], w2[OUT * HID], b2[OUT], ref[BATCH * OUT];
  fill(x, BATCH * IN, 1, 1.0f);
  fill(w1, HID * IN, 2, 0.05f);
  fill(b1, HID, 3, 0.1f);
  fill(w2, OUT * HID, 4, 0.2f);
  fill(b2, OUT, 5, 0.1f);
  mlp_reference(x, w1, b1, w2, b2, ref, BATCH);

  /* Tensors over the application's own buffers: no copies. */
  hnn_tensor *args[5];
  int64_t xs[] = {BATCH, IN}, w1s[] = {HID, IN}, b1s[] = {HID}, w2s[] = {OUT, HID}, b2s[] = {OUT};
  CHECK(hnn_tensor_wrap(HNN_F32, 2, xs, x, &args[0]));
  CHECK(hnn_tensor_wrap(HNN_F32, 2, w1s, w1, &args[1]));
  CHECK(hnn_tensor_wrap(HNN_F32, 1, b1s, b1, &args[2]));
  CHECK(hnn_tensor_wrap(HNN_F32, 2, w2s, w2, &args[3]));
  CHECK(hnn_tensor_wrap(HNN_F32, 1, b2s, b2, &args[4]));

  hnn_model *a = NULL, *b = NULL;
  CHECK(mlp_hnn_open(&a));
  CHECK(mlp2_hnn_open(&b));
  int failed = run(a, args, ref, BATCH, "mlp_") | run(b, args, ref, BATCH, "mlp2_");
  hnn_model_free(a);
  hnn_model_free(b);
  for (int i = 0; i < 5; ++i)
    hnn_tensor_free(args[i]);
  puts(failed ? "FAILED" : "static app: ok");
  return failed;
}
