/* Measures this machine's fp32 FMA peak on one core: independent chains of
 * 512-bit (or 256-bit) fused multiply-adds, enough of them to hide the FMA
 * latency. Prints GFLOP/s; bench/run.py uses it as the 100% line.
 *   cc -O2 -march=native bench/peak.c -o peak && ./peak */
#include <immintrin.h>
#include <stdio.h>
#include <time.h>

#define CHAINS 12

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + t.tv_nsec * 1e-9;
}

int main(void) {
  const long iters = 20000000;
  double best = 0;
  for (int rep = 0; rep < 5; ++rep) {
#if defined(__AVX512F__)
    __m512 acc[CHAINS], a = _mm512_set1_ps(0.999999f), b = _mm512_set1_ps(1e-7f);
    for (int c = 0; c < CHAINS; ++c)
      acc[c] = _mm512_set1_ps((float)c);
    double t0 = now();
    for (long i = 0; i < iters; ++i)
      for (int c = 0; c < CHAINS; ++c)
        acc[c] = _mm512_fmadd_ps(acc[c], a, b);
    double t = now() - t0;
    float sink = 0;
    for (int c = 0; c < CHAINS; ++c)
      sink += _mm512_reduce_add_ps(acc[c]);
    const int lanes = 16;
#else
    __m256 acc[CHAINS], a = _mm256_set1_ps(0.999999f), b = _mm256_set1_ps(1e-7f);
    for (int c = 0; c < CHAINS; ++c)
      acc[c] = _mm256_set1_ps((float)c);
    double t0 = now();
    for (long i = 0; i < iters; ++i)
      for (int c = 0; c < CHAINS; ++c)
        acc[c] = _mm256_fmadd_ps(acc[c], a, b);
    double t = now() - t0;
    float buf[8], sink = 0;
    for (int c = 0; c < CHAINS; ++c) {
      _mm256_storeu_ps(buf, acc[c]);
      sink += buf[0];
    }
    const int lanes = 8;
#endif
    double gflops = 2.0 * lanes * CHAINS * (double)iters / t * 1e-9;
    if (gflops > best)
      best = gflops;
    if (sink == 12345.678f)
      puts("");
  }
  printf("%.1f\n", best);
  return 0;
}
