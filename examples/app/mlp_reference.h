/* A plain C forward pass of examples/models/mlp.mlir, written independently
 * of the compiler, and the deterministic data both apps feed it. */
#ifndef HNN_EXAMPLES_MLP_REFERENCE_H
#define HNN_EXAMPLES_MLP_REFERENCE_H

#include <math.h>
#include <stdint.h>

enum { IN = 784, HID = 64, OUT = 10 };

/* Reproducible values in [-scale, scale) from a 32-bit LCG. */
static void fill(float *p, int64_t n, uint32_t seed, float scale) {
  uint32_t s = seed;
  for (int64_t i = 0; i < n; ++i) {
    s = s * 1664525u + 1013904223u;
    p[i] = ((float)(s >> 8) / (float)(1u << 24) * 2.0f - 1.0f) * scale;
  }
}

static void mlp_reference(const float *x, const float *w1, const float *b1, const float *w2,
                          const float *b2, float *y, int batch) {
  for (int n = 0; n < batch; ++n) {
    double h[HID], z[OUT], m = -INFINITY, sum = 0;
    for (int j = 0; j < HID; ++j) {
      double acc = b1[j];
      for (int k = 0; k < IN; ++k)
        acc += (double)x[n * IN + k] * w1[j * IN + k];
      h[j] = acc > 0 ? acc : 0;
    }
    for (int j = 0; j < OUT; ++j) {
      double acc = b2[j];
      for (int k = 0; k < HID; ++k)
        acc += h[k] * w2[j * HID + k];
      z[j] = acc;
      m = acc > m ? acc : m;
    }
    for (int j = 0; j < OUT; ++j)
      sum += exp(z[j] - m);
    for (int j = 0; j < OUT; ++j)
      y[n * OUT + j] = (float)(exp(z[j] - m) / sum);
  }
}

/* Largest |a - b| over n elements. */
static double max_abs_diff(const float *a, const float *b, int64_t n) {
  double worst = 0;
  for (int64_t i = 0; i < n; ++i) {
    double d = fabs((double)a[i] - b[i]);
    worst = d > worst ? d : worst;
  }
  return worst;
}

#endif
