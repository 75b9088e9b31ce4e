/*===- kan_grid.c - KAN grid update and grid extension --------------------===*
 *
 * A B-spline KAN layer holds, per input feature i, a knot row grid[i] (G + 2k
 * + 1 knots) and per edge (o, i) the coefficients spline_weight[o, i, :] of
 * its G + k bases (times spline_scaler[o, i], which is left alone).
 *
 * Grid update (hnn_kan_refit_layer): from a batch of the layer's inputs, a
 * new knot row per feature — the G + 1 sample quantiles at ranks
 * floor(j (N − 1) / G), blended with a uniform row over [min − margin,
 * max + margin] as grid_eps · uniform + (1 − grid_eps) · quantiles, extended
 * by k knots on each side with the uniform row's step — and new coefficients
 * fitted by least squares so that each edge's unscaled spline
 * Σ_c B_c(x) · spline_weight[o, i, c] is reproduced at the batch's values.
 * Fitting the unscaled curve keeps the layer's output (scaler included)
 * without applying the scaler twice, the pitfall of efficient-kan's update.
 *
 * Grid extension (hnn_kan_extend_grid): the same refit onto a uniform row of
 * G' intervals over the current range, sampled densely over that range.
 *
 * The least-squares systems are the normal equations, solved per feature in
 * double by Cholesky with a tiny ridge (a basis no sample reaches gets 0).
 *===----------------------------------------------------------------------===*/
#include "runtime/internal.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* B-spline bases of order k at x on the knot row t[0 .. m-1]: m − 1 − k
 * values into out. Half-open intervals; a blend over coincident knots is 0. */
static void bspline_row(double x, const double *t, int m, int k, double *out, double *work) {
  for (int j = 0; j < m - 1; ++j)
    work[j] = (t[j] <= x && x < t[j + 1]) ? 1.0 : 0.0;
  for (int p = 1; p <= k; ++p)
    for (int j = 0; j < m - 1 - p; ++j) {
      double l = t[j + p] - t[j], r = t[j + p + 1] - t[j + 1];
      double a = l == 0 ? 0 : (x - t[j]) / l * work[j];
      double b = r == 0 ? 0 : (t[j + p + 1] - x) / r * work[j + 1];
      work[j] = a + b;
    }
  memcpy(out, work, (size_t)(m - 1 - k) * sizeof(double));
}

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

/* Solves the K × K system A c = b (A symmetric positive semi-definite) for
 * `nrhs` right-hand sides stored column-major in b (K each), in place. */
static void solve_spd(double *A, double *b, int K, int nrhs) {
  double trace = 0;
  for (int i = 0; i < K; ++i)
    trace += A[i * K + i];
  double ridge = 1e-12 * (trace > 0 ? trace : 1.0);
  for (int i = 0; i < K; ++i)
    A[i * K + i] += ridge;
  for (int j = 0; j < K; ++j) { /* Cholesky: A = L Lᵀ, L in the lower half */
    double d = A[j * K + j];
    for (int p = 0; p < j; ++p)
      d -= A[j * K + p] * A[j * K + p];
    d = d > 0 ? sqrt(d) : 1e-300;
    A[j * K + j] = d;
    for (int i = j + 1; i < K; ++i) {
      double s = A[i * K + j];
      for (int p = 0; p < j; ++p)
        s -= A[i * K + p] * A[j * K + p];
      A[i * K + j] = s / d;
    }
  }
  for (int r = 0; r < nrhs; ++r) {
    double *x = b + (size_t)r * K;
    for (int i = 0; i < K; ++i) { /* L y = b */
      for (int p = 0; p < i; ++p)
        x[i] -= A[i * K + p] * x[p];
      x[i] /= A[i * K + i];
    }
    for (int i = K - 1; i >= 0; --i) { /* Lᵀ c = y */
      for (int p = i + 1; p < K; ++p)
        x[i] -= A[p * K + i] * x[p];
      x[i] /= A[i * K + i];
    }
  }
}

/* Refits feature i's coefficients: samples x[0 .. n-1], old row `t` (m
 * knots), new row `t2` (m2 knots), coefficients w [O, F, K] → w2 [O, F, K2]. */
static hnn_status refit_feature(const double *x, int64_t n, const double *t, int m,
                                const double *t2, int m2, int k, const float *w, float *w2,
                                int64_t O, int64_t F, int64_t i) {
  int K = m - 1 - k, K2 = m2 - 1 - k, maxm = m > m2 ? m : m2;
  double *A = calloc((size_t)K2 * K2, sizeof(double)), *rhs = calloc((size_t)K2 * O, sizeof(double));
  double *b = malloc((size_t)K * sizeof(double)), *b2 = malloc((size_t)K2 * sizeof(double));
  double *work = malloc((size_t)maxm * sizeof(double));
  if (!A || !rhs || !b || !b2 || !work) {
    free(A), free(rhs), free(b), free(b2), free(work);
    return hnn_fail(HNN_ERR_OUT_OF_MEMORY, "out of memory");
  }
  for (int64_t s = 0; s < n; ++s) {
    bspline_row(x[s], t, m, k, b, work);
    bspline_row(x[s], t2, m2, k, b2, work);
    for (int p = 0; p < K2; ++p)
      for (int q = 0; q < K2; ++q)
        A[p * K2 + q] += b2[p] * b2[q];
    for (int64_t o = 0; o < O; ++o) {
      const float *c = w + ((size_t)o * F + i) * K;
      double target = 0;
      for (int q = 0; q < K; ++q)
        target += b[q] * c[q];
      for (int p = 0; p < K2; ++p)
        rhs[o * K2 + p] += b2[p] * target;
    }
  }
  solve_spd(A, rhs, K2, (int)O);
  for (int64_t o = 0; o < O; ++o)
    for (int p = 0; p < K2; ++p)
      w2[((size_t)o * F + i) * K2 + p] = (float)rhs[o * K2 + p];
  free(A), free(rhs), free(b), free(b2), free(work);
  return HNN_OK;
}

/* Checks a (grid, spline_weight) pair and returns m, K and the order k. */
static hnn_status layer_shape(const hnn_tensor *grid, const hnn_tensor *w, const char *what,
                              int *m, int *K, int *k) {
  if (grid->dtype != HNN_F32 || w->dtype != HNN_F32 || grid->rank != 2 || w->rank != 3 ||
      w->shape[1] != grid->shape[0] || w->shape[2] >= grid->shape[1] - 1)
    return hnn_fail(HNN_ERR_SHAPE,
                    "%s: a KAN layer needs an f32 grid [F, m] and spline_weight [O, F, K] with "
                    "K < m - 1",
                    what);
  *m = (int)grid->shape[1];
  *K = (int)w->shape[2];
  *k = *m - 1 - *K;
  return HNN_OK;
}

hnn_status hnn_kan_refit_layer(const hnn_tensor *acts, hnn_tensor *grid, hnn_tensor *spline_weight,
                               double grid_eps, double margin) {
  int m, K, k;
  hnn_status s = layer_shape(grid, spline_weight, "grid update", &m, &K, &k);
  if (s != HNN_OK)
    return s;
  int64_t F = grid->shape[0], O = spline_weight->shape[0];
  if (acts->dtype != HNN_F32 || acts->rank < 1 || acts->shape[acts->rank - 1] != F)
    return hnn_fail(HNN_ERR_SHAPE, "grid update: activations must be f32 [..., %lld]",
                    (long long)F);
  int64_t n = hnn_tensor_numel(acts) / F, G = K - k;
  if (n < 1)
    return hnn_fail(HNN_ERR_SHAPE, "grid update: the batch is empty");
  double *x = malloc((size_t)n * sizeof(double)), *t = malloc((size_t)m * sizeof(double)),
         *t2 = malloc((size_t)m * sizeof(double));
  float *w2 = malloc(hnn_tensor_nbytes(spline_weight)), *g2 = malloc(hnn_tensor_nbytes(grid));
  const float *a = acts->data;
  float *g = grid->data;
  for (int64_t i = 0; i < F && s == HNN_OK; ++i) {
    if (!x || !t || !t2 || !w2 || !g2) {
      s = hnn_fail(HNN_ERR_OUT_OF_MEMORY, "out of memory");
      break;
    }
    for (int64_t r = 0; r < n; ++r)
      x[r] = a[r * F + i];
    qsort(x, (size_t)n, sizeof(double), cmp_double);
    double step = (x[n - 1] - x[0] + 2 * margin) / (double)G;
    for (int j = 0; j <= G; ++j) {
      double quantile = x[(j * (n - 1)) / G];
      double uniform = x[0] - margin + j * step;
      t2[k + j] = grid_eps * uniform + (1 - grid_eps) * quantile;
    }
    for (int e = 1; e <= k; ++e) {
      t2[k - e] = t2[k] - e * step;
      t2[k + G + e] = t2[k + G] + e * step;
    }
    for (int j = 0; j < m; ++j) {
      t[j] = g[i * m + j];
      g2[i * m + j] = (float)t2[j];
    }
    s = refit_feature(x, n, t, m, t2, m, k, spline_weight->data, w2, O, F, i);
  }
  if (s == HNN_OK) {
    memcpy(grid->data, g2, hnn_tensor_nbytes(grid));
    memcpy(spline_weight->data, w2, hnn_tensor_nbytes(spline_weight));
  }
  free(x), free(t), free(t2), free(w2), free(g2);
  return s;
}

/* Extends one layer to G' intervals: new tensors for the grid and weight. */
static hnn_status extend_layer(const hnn_tensor *grid, const hnn_tensor *w, int new_g,
                               hnn_tensor **grid_out, hnn_tensor **w_out) {
  int m, K, k;
  hnn_status s = layer_shape(grid, w, "grid extension", &m, &K, &k);
  if (s != HNN_OK)
    return s;
  int64_t F = grid->shape[0], O = w->shape[0];
  int m2 = new_g + 2 * k + 1;
  int64_t gshape[2] = {F, m2}, wshape[3] = {O, F, new_g + k};
  if ((s = hnn_tensor_create(HNN_F32, 2, gshape, grid_out)) != HNN_OK ||
      (s = hnn_tensor_create(HNN_F32, 3, wshape, w_out)) != HNN_OK)
    return s;
  int64_t n = 16 * (int64_t)(new_g + k) + 1; /* dense samples over the range */
  double *x = malloc((size_t)n * sizeof(double)), *t = malloc((size_t)m * sizeof(double)),
         *t2 = malloc((size_t)m2 * sizeof(double));
  const float *g = grid->data;
  float *g2 = (*grid_out)->data;
  for (int64_t i = 0; i < F && s == HNN_OK; ++i) {
    if (!x || !t || !t2) {
      s = hnn_fail(HNN_ERR_OUT_OF_MEMORY, "out of memory");
      break;
    }
    for (int j = 0; j < m; ++j)
      t[j] = g[i * m + j];
    double lo = t[k], hi = t[m - 1 - k], h = (hi - lo) / new_g;
    for (int j = 0; j < m2; ++j) {
      t2[j] = lo + (j - k) * h;
      g2[i * m2 + j] = (float)t2[j];
    }
    for (int64_t r = 0; r < n; ++r)
      x[r] = lo + (hi - lo) * (double)r / (double)(n - 1);
    s = refit_feature(x, n, t, m, t2, m2, k, w->data, (*w_out)->data, O, F, i);
  }
  free(x), free(t), free(t2);
  return s;
}

/* Whether `name` is `<layer>.spline_weight` or one of its optimizer slots
 * (`<layer>.spline_weight.exp_avg`, ...) of a layer with a `<layer>.grid`. */
static int refitted_elsewhere(const hnn_weights *in, const char *name) {
  const char *hit = strstr(name, ".spline_weight");
  if (!hit || (hit[14] != '\0' && hit[14] != '.'))
    return 0;
  char grid[512];
  snprintf(grid, sizeof grid, "%.*s.grid", (int)(hit - name), name);
  return hnn_weights_get(in, grid) != NULL;
}

hnn_status hnn_kan_extend_grid(const hnn_weights *in, int new_grid_size, hnn_weights **out) {
  if (!in || !out || new_grid_size < 1)
    return hnn_fail(HNN_ERR_INVALID_ARGUMENT, "hnn_kan_extend_grid: bad argument");
  hnn_status s = hnn_weights_create(out);
  int layers = 0;
  for (int i = 0; s == HNN_OK && i < hnn_weights_count(in); ++i) {
    const char *name = hnn_weights_name(in, i);
    size_t len = strlen(name);
    const hnn_tensor *t = hnn_weights_get(in, name);
    if (len > 5 && strcmp(name + len - 5, ".grid") == 0) {
      char wname[512];
      snprintf(wname, sizeof wname, "%.*s.spline_weight", (int)(len - 5), name);
      const hnn_tensor *w = hnn_weights_get(in, wname);
      if (!w) {
        s = hnn_fail(HNN_ERR_NOT_FOUND, "grid extension: '%s' has no '%s'", name, wname);
        break;
      }
      hnn_tensor *g2 = NULL, *w2 = NULL;
      s = extend_layer(t, w, new_grid_size, &g2, &w2);
      if (s == HNN_OK && (s = hnn_weights_put(*out, name, g2)) == HNN_OK)
        s = hnn_weights_put(*out, wname, w2);
      hnn_tensor_free(g2), hnn_tensor_free(w2);
      ++layers;
    } else if (refitted_elsewhere(in, name)) {
      continue; /* the weight is written with its grid; its optimizer state is dropped */
    } else {
      s = hnn_weights_put(*out, name, t);
    }
  }
  if (s == HNN_OK && layers == 0)
    s = hnn_fail(HNN_ERR_NOT_FOUND, "grid extension: no '<layer>.grid' tensor in the weights");
  if (s != HNN_OK) {
    hnn_weights_free(*out);
    *out = NULL;
  }
  return s;
}
