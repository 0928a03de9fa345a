/*
 * fma_peak.c - the fused multiply-add peak of one core, measured.
 *
 * Runs independent chains of vector FMAs (more chains than the FMA latency
 * times the FMA units, so the units never wait) with the widest vectors the
 * compiler targets (AVX-512, AVX2 or NEON; build with -march=native or
 * -mcpu=native), and prints the rate in multiply-accumulates per second:
 *
 *     fma_peak: 57.0 GMAC/s (512-bit vectors, 12 chains)
 *
 * tools/scripts/bench.py divides the model's MACs per second by this figure
 * for its "fraction of peak" lines, so that the fraction is of what the
 * machine does today, not of a number from elsewhere. Prints the best of
 * five timed repeats of about 0.1 s each.
 */
#define _POSIX_C_SOURCE 199309L

#include <stdio.h>
#include <time.h>

#if defined(__AVX512F__)
#include <immintrin.h>
typedef __m512 vec;
#define LANES 16
#define BITS 512
#define SPLAT(x) _mm512_set1_ps(x)
#define FMA(a, b, c) _mm512_fmadd_ps(a, b, c)
#define FIRST(v) _mm512_cvtss_f32(v)
#elif defined(__AVX2__) && defined(__FMA__)
#include <immintrin.h>
typedef __m256 vec;
#define LANES 8
#define BITS 256
#define SPLAT(x) _mm256_set1_ps(x)
#define FMA(a, b, c) _mm256_fmadd_ps(a, b, c)
#define FIRST(v) _mm256_cvtss_f32(v)
#elif defined(__ARM_NEON)
#include <arm_neon.h>
typedef float32x4_t vec;
#define LANES 4
#define BITS 128
#define SPLAT(x) vdupq_n_f32(x)
#define FMA(a, b, c) vfmaq_f32(c, a, b)
#define FIRST(v) vgetq_lane_f32(v, 0)
#else
#error "fma_peak.c needs AVX-512, AVX2+FMA or NEON (build with -march=native)"
#endif

enum { CHAINS = 12, ITERATIONS = 2000000, REPEATS = 5 };

static double seconds(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

/* Runs the chains; returns a value that depends on all of them, so that
 * nothing is optimized away. The chains are named variables, not an array,
 * so that every compiler keeps them in registers. */
static float run_chains(void) {
  const vec scale = SPLAT(0.999999f), bias = SPLAT(1e-7f);
  vec a0 = SPLAT(0.0f), a1 = SPLAT(1.0f), a2 = SPLAT(2.0f), a3 = SPLAT(3.0f);
  vec a4 = SPLAT(4.0f), a5 = SPLAT(5.0f), a6 = SPLAT(6.0f), a7 = SPLAT(7.0f);
  vec a8 = SPLAT(8.0f), a9 = SPLAT(9.0f), a10 = SPLAT(10.0f),
      a11 = SPLAT(11.0f);
  for (long k = 0; k < ITERATIONS; ++k) {
    a0 = FMA(a0, scale, bias);
    a1 = FMA(a1, scale, bias);
    a2 = FMA(a2, scale, bias);
    a3 = FMA(a3, scale, bias);
    a4 = FMA(a4, scale, bias);
    a5 = FMA(a5, scale, bias);
    a6 = FMA(a6, scale, bias);
    a7 = FMA(a7, scale, bias);
    a8 = FMA(a8, scale, bias);
    a9 = FMA(a9, scale, bias);
    a10 = FMA(a10, scale, bias);
    a11 = FMA(a11, scale, bias);
  }
  return FIRST(a0) + FIRST(a1) + FIRST(a2) + FIRST(a3) + FIRST(a4) +
         FIRST(a5) + FIRST(a6) + FIRST(a7) + FIRST(a8) + FIRST(a9) +
         FIRST(a10) + FIRST(a11);
}

int main(void) {
  double best = 0.0;
  float checksum = 0.0f;
  for (int r = 0; r < REPEATS; ++r) {
    double start = seconds();
    checksum += run_chains();
    double elapsed = seconds() - start;
    double macs = (double)ITERATIONS * CHAINS * LANES;
    if (elapsed > 0.0 && macs / elapsed > best)
      best = macs / elapsed;
  }
  printf("fma_peak: %.1f GMAC/s (%d-bit vectors, %d chains; checksum %g)\n",
         best * 1e-9, BITS, CHAINS, (double)checksum);
  return 0;
}
