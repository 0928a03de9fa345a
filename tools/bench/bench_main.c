/* bench_main.c - times one mnc-compiled model (the C side of
 * tools/scripts/bench.py).
 *
 * Built against one generated library, including only its header:
 *   cc -std=c99 -O2 -I OUT -DMNC_MODEL=name -DMNC_MODEL_UPPER=NAME \
 *      tools/bench/bench_main.c OUT/libname.a -lm -o bench_name
 *   ./bench_name [--runs N] [--warmup W] [--input IN.bin] [--output OUT.bin]
 *                [--threads T]
 *
 * Reads NAME_INPUT_SIZE floats from IN.bin (raw little-endian float32, the
 * ONNX input's layout; without --input a fixed pseudo-random pattern in
 * [-1, 1)), calls NAME_run W times untimed (default 3), then N times
 * (default 20) each timed alone with CLOCK_MONOTONIC, and prints
 *   run I MS                      one line per timed run, in run order
 *   summary: runs=N warmup=W min_ms=X median_ms=Y mean_ms=Z workspace_bytes=B
 * OUT.bin, when given, receives the output of the last run (raw float32), so
 * the caller can check the timed code computed the right thing.
 * The caller pins the process (taskset). With --threads T (T >= 1) it times
 * NAME_run_parallel with an mnc_threadpool of T threads instead; that needs
 * the pool (runtime/mnc_threadpool.h, .c, built separately as C11) linked in
 * and this file built with -DMNC_BENCH_THREADPOOL -I REPO/runtime -pthread.
 */
#define _POSIX_C_SOURCE 199309L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MNC_STR2(x) #x
#define MNC_STR(x) MNC_STR2(x)
#define MNC_CAT2(a, b) a##b
#define MNC_CAT(a, b) MNC_CAT2(a, b)

#include MNC_STR(MNC_MODEL.h)
#ifdef MNC_BENCH_THREADPOOL
#include "mnc_threadpool.h"
#endif

#define INPUT_SIZE MNC_CAT(MNC_MODEL_UPPER, _INPUT_SIZE)
#define OUTPUT_SIZE MNC_CAT(MNC_MODEL_UPPER, _OUTPUT_SIZE)
#define WORKSPACE_SIZE MNC_CAT(MNC_MODEL_UPPER, _WORKSPACE_SIZE)
#define RUN MNC_CAT(MNC_MODEL, _run)
#define RUN_PARALLEL MNC_CAT(MNC_MODEL, _run_parallel)

static double now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

static int parse_count(const char *flag, const char *text, long min) {
  char *end = NULL;
  long v = strtol(text, &end, 10);
  if (!*text || *end || v < min || v > 100000000L) {
    fprintf(stderr, "bench_main: %s needs an integer >= %ld, got '%s'\n",
            flag, min, text);
    exit(2);
  }
  return (int)v;
}

static void usage(const char *argv0) {
  fprintf(stderr,
          "usage: %s [--runs N] [--warmup W] [--input IN.bin] "
          "[--output OUT.bin] [--threads T]\n",
          argv0);
}

int main(int argc, char **argv) {
  int runs = 20, warmup = 3, threads = 0;
  const char *input_path = NULL, *output_path = NULL;
  for (int i = 1; i < argc; ++i) {
    const char *a = argv[i];
    if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
      usage(argv[0]);
      return 0;
    }
    if (i + 1 >= argc) {
      usage(argv[0]);
      return 2;
    }
    if (!strcmp(a, "--runs"))
      runs = parse_count(a, argv[++i], 1);
    else if (!strcmp(a, "--warmup"))
      warmup = parse_count(a, argv[++i], 0);
    else if (!strcmp(a, "--input"))
      input_path = argv[++i];
    else if (!strcmp(a, "--output"))
      output_path = argv[++i];
    else if (!strcmp(a, "--threads"))
      threads = parse_count(a, argv[++i], 0);
    else {
      fprintf(stderr, "bench_main: unknown argument '%s'\n", a);
      usage(argv[0]);
      return 2;
    }
  }

#ifdef MNC_BENCH_THREADPOOL
  mnc_threadpool *pool = NULL;
  if (threads > 0 && !(pool = mnc_threadpool_create(threads))) {
    fprintf(stderr, "bench_main: cannot start a pool of %d threads\n",
            threads);
    return 1;
  }
#else
  if (threads > 0) {
    fprintf(stderr, "bench_main: --threads needs a build with "
                    "-DMNC_BENCH_THREADPOOL and runtime/mnc_threadpool.c\n");
    return 2;
  }
#endif

  float *input = malloc(sizeof(float) * INPUT_SIZE);
  float *output = malloc(sizeof(float) * OUTPUT_SIZE);
  void *block = malloc((size_t)WORKSPACE_SIZE + MNC_WORKSPACE_ALIGNMENT - 1);
  double *times = malloc(sizeof(double) * (size_t)runs);
  double *sorted = malloc(sizeof(double) * (size_t)runs);
  if (!input || !output || !block || !times || !sorted) {
    fprintf(stderr, "bench_main: out of memory\n");
    return 1;
  }
  void *workspace = mnc_align_workspace(block);
  /* Touch the workspace once so the first timed runs do not pay for page
   * faults that warmup would otherwise have to absorb. */
  memset(workspace, 0, (size_t)WORKSPACE_SIZE);

  if (input_path) {
    FILE *in = fopen(input_path, "rb");
    if (!in || fread(input, sizeof(float), INPUT_SIZE, in) != INPUT_SIZE) {
      fprintf(stderr, "bench_main: cannot read %d floats from %s\n",
              (int)INPUT_SIZE, input_path);
      return 1;
    }
    fclose(in);
  } else {
    unsigned s = 12345u;
    for (long i = 0; i < (long)INPUT_SIZE; ++i) {
      s = s * 1664525u + 1013904223u;
      input[i] = (float)((s >> 8) * (1.0 / 16777216.0) * 2.0 - 1.0);
    }
  }

  for (int i = 0; i < warmup + runs; ++i) {
    double start = now_ms();
#ifdef MNC_BENCH_THREADPOOL
    int status = pool ? RUN_PARALLEL(input, output, workspace,
                                     mnc_threadpool_parallel_for, pool)
                      : RUN(input, output, workspace);
#else
    int status = RUN(input, output, workspace);
#endif
    double elapsed = now_ms() - start;
    if (status != MNC_OK) {
      fprintf(stderr, "bench_main: %s returned %d (%s)\n",
              threads > 0 ? MNC_STR(RUN_PARALLEL) : MNC_STR(RUN), status,
              mnc_status_string(status));
      return 1;
    }
    if (i >= warmup)
      times[i - warmup] = elapsed;
  }

  double sum = 0;
  for (int i = 0; i < runs; ++i) {
    printf("run %d %.4f\n", i, times[i]);
    sorted[i] = times[i];
    sum += times[i];
  }
  qsort(sorted, (size_t)runs, sizeof(double), cmp_double);
  double median = runs % 2 ? sorted[runs / 2]
                           : (sorted[runs / 2 - 1] + sorted[runs / 2]) / 2;
  printf("summary: runs=%d warmup=%d min_ms=%.4f median_ms=%.4f mean_ms=%.4f "
         "workspace_bytes=%ld\n",
         runs, warmup, sorted[0], median, sum / runs, (long)WORKSPACE_SIZE);

  if (output_path) {
    FILE *out = fopen(output_path, "wb");
    if (!out ||
        fwrite(output, sizeof(float), OUTPUT_SIZE, out) != OUTPUT_SIZE) {
      fprintf(stderr, "bench_main: cannot write %s\n", output_path);
      return 1;
    }
    fclose(out);
  }
#ifdef MNC_BENCH_THREADPOOL
  mnc_threadpool_destroy(pool);
#endif
  free(input);
  free(output);
  free(block);
  free(times);
  free(sorted);
  return 0;
}
