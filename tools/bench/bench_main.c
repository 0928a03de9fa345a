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
#define MNC_HARNESS_NAME "bench_main"
#include "harness.h"

#ifdef MNC_BENCH_THREADPOOL
#include "mnc_threadpool.h"
#endif

int main(int argc, char **argv) {
  harness_options options;
  int exit_status = harness_parse_options(argc, argv, 1, &options);
  if (exit_status >= 0)
    return exit_status;
  int runs = options.runs, warmup = options.warmup, threads = options.threads;

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

  harness_buffers buffers;
  if (harness_alloc_buffers(&buffers, 0) ||
      harness_read_input(options.input_path, buffers.input))
    return 1;
  harness_input_t *input = buffers.input;
  float *output = buffers.output;
  void *workspace = buffers.workspace;
  double *times = malloc(sizeof(double) * (size_t)runs);
  double *sorted = malloc(sizeof(double) * (size_t)runs);
  if (!times || !sorted) {
    fprintf(stderr, "bench_main: out of memory\n");
    return 1;
  }

  for (int i = 0; i < warmup + runs; ++i) {
    double start = harness_now_ms();
#ifdef MNC_BENCH_THREADPOOL
    int status = pool ? RUN_PARALLEL(input, RUN_OUTPUTS(output), workspace,
                                     mnc_threadpool_parallel_for, pool)
                      : RUN(input, RUN_OUTPUTS(output), workspace);
#else
    int status = RUN(input, RUN_OUTPUTS(output), workspace);
#endif
    double elapsed = harness_now_ms() - start;
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
  double median = harness_sorted_median(sorted, runs);
  printf("summary: runs=%d warmup=%d min_ms=%.4f median_ms=%.4f mean_ms=%.4f "
         "workspace_bytes=%ld\n",
         runs, warmup, sorted[0], median, sum / runs, (long)WORKSPACE_SIZE);

  if (options.output_path && harness_write_output(options.output_path, output))
    return 1;
#ifdef MNC_BENCH_THREADPOOL
  mnc_threadpool_destroy(pool);
#endif
  harness_free_buffers(&buffers);
  free(times);
  free(sorted);
  return 0;
}
