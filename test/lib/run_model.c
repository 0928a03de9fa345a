/* run_model.c - runs an mnc-compiled model on a raw float32 input file.
 *
 * Built against one generated library:
 *   cc -std=c99 -I OUT -I REPO/tools/bench -DMNC_MODEL=name \
 *      -DMNC_MODEL_UPPER=NAME run_model.c OUT/libname.a -lm -o run
 *   ./run input.bin output.bin [repeats]
 * It reads NAME_INPUT_SIZE floats, calls NAME_run (repeats times, printing
 * the best time in milliseconds when repeats > 1) and writes
 * NAME_OUTPUT_SIZE floats. Only the generated header is included.
 *
 * With -DMNC_PARALLEL=N it calls NAME_run_parallel instead: N >= 1 with an
 * mnc_threadpool of N threads (link runtime/mnc_threadpool.c, -pthread);
 * N = 0 with the hook below, which runs each loop in this thread in pieces
 * of 1 to 3 iterations, last piece first (any partition must give the same
 * result). It also checks that a NULL hook is refused.
 */
#define MNC_HARNESS_NAME "run_model"
#include "harness.h" /* tools/bench/harness.h */

#ifdef MNC_PARALLEL
#if MNC_PARALLEL > 0
#include "mnc_threadpool.h"
#endif

/* Runs [0, count) in pieces of 1, 2, 3, 1, 2, 3, ... iterations, from the
 * end of the range to its start. */
static void pieces_backwards(void *pool, mnc_task_fn task, void *task_ctx,
                             int64_t count) {
  (void)pool;
  int64_t end = count, size = 1;
  while (end > 0) {
    int64_t begin = end > size ? end - size : 0;
    task(task_ctx, begin, end);
    end = begin;
    size = size % 3 + 1;
  }
}
#endif

int main(int argc, char **argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: %s INPUT.bin OUTPUT.bin [repeats]\n", argv[0]);
    return 2;
  }
  int repeats = argc > 3 ? atoi(argv[3]) : 1;
  /* A caller's workspace holds whatever its last use left: start from NaN
   * bytes, so that a kernel reading what it has not written shows in the
   * output instead of reading fresh zero pages. */
  harness_buffers buffers;
  if (harness_alloc_buffers(&buffers, 0xff) ||
      harness_read_input(argv[1], buffers.input))
    return 1;
  harness_input_t *input = buffers.input;
  float *output = buffers.output;
  void *workspace = buffers.workspace;
#ifdef MNC_PARALLEL
  if (RUN_PARALLEL(input, RUN_OUTPUTS(output), workspace, NULL, NULL) !=
      MNC_ERROR_NULL_ARGUMENT) {
    fprintf(stderr, "run_model: %s accepted a NULL parallel_for\n",
            MNC_STR(RUN_PARALLEL));
    return 1;
  }
#if MNC_PARALLEL > 0
  mnc_threadpool *pool = mnc_threadpool_create(MNC_PARALLEL);
  if (!pool) {
    fprintf(stderr, "run_model: cannot start %d threads\n", MNC_PARALLEL);
    return 1;
  }
  mnc_parallel_for_fn parallel_for = mnc_threadpool_parallel_for;
#else
  void *pool = NULL;
  mnc_parallel_for_fn parallel_for = pieces_backwards;
#endif
#endif
  double best = 0;
  for (int i = 0; i < repeats; ++i) {
    double start = harness_now_ms();
#ifdef MNC_PARALLEL
    int status = RUN_PARALLEL(input, RUN_OUTPUTS(output), workspace, parallel_for, pool);
#else
    int status = RUN(input, RUN_OUTPUTS(output), workspace);
#endif
    double elapsed = harness_now_ms() - start;
    if (status != 0) {
      fprintf(stderr, "run_model: %s returned %d\n", MNC_STR(RUN), status);
      return 1;
    }
    if (i == 0 || elapsed < best)
      best = elapsed;
  }
  if (repeats > 1)
    printf("best of %d: %.3f ms\n", repeats, best);
  if (harness_write_output(argv[2], output))
    return 1;
#if defined(MNC_PARALLEL) && MNC_PARALLEL > 0
  mnc_threadpool_destroy(pool);
#endif
  harness_free_buffers(&buffers);
  return 0;
}
