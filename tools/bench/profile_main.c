/* profile_main.c - per-layer times of one model compiled with
 * `mnc-compile --profile` (the C side of tools/scripts/bench.py --profile).
 *
 * Built against one profiled library, including only its header:
 *   cc -std=c99 -O2 -I OUT -DMNC_MODEL=name -DMNC_MODEL_UPPER=NAME \
 *      tools/bench/profile_main.c OUT/libname.a -lm -o profile_name
 *   ./profile_name [--runs N] [--warmup W] [--input IN.bin]
 *
 * The profiled NAME_run calls NAME_profile_mark(i) before layer i and
 * NAME_profile_mark(NAME_LAYER_COUNT) after the last layer. This file defines
 * that hook: it takes a CLOCK_MONOTONIC timestamp per mark. Every run then
 * splits into rows:
 *   entry    from the call of NAME_run to mark 0 (its argument checks and
 *            the input's conversion to the internal layout)
 *   layer i  from mark i to mark i + 1
 *   exit     from the last mark to NAME_run's return (the output's
 *            conversion back to the ONNX layout)
 * which add up to the run's wall time. After W untimed runs (default 3) and
 * N timed runs (default 20) it prints, tab-separated, a header line, one line
 * per row with its minimum and median over the N runs,
 *   row  kind  node  shape  macs  bytes  min_us  median_us
 * and one line with NAME_run's wall time (marks included):
 *   total  runs=N warmup=W min_us=X median_us=Y
 * Reads NAME_INPUT_SIZE floats from IN.bin (raw float32, the ONNX input's
 * layout); without --input, a fixed pseudo-random pattern in [-1, 1).
 * Exit status: 0; 1 when a run fails or the marks arrive out of order; 2 for
 * bad arguments. The caller pins the process (taskset).
 */
#define MNC_HARNESS_NAME "profile_main"
#include "harness.h"

#define LAYER_COUNT MNC_CAT(MNC_MODEL_UPPER, _LAYER_COUNT)
#define PROFILE_MARK MNC_CAT(MNC_MODEL, _profile_mark)
#define LAYER_NAMES MNC_CAT(MNC_MODEL, _layer_names)
#define LAYER_KINDS MNC_CAT(MNC_MODEL, _layer_kinds)
#define LAYER_SHAPES MNC_CAT(MNC_MODEL, _layer_shapes)
#define LAYER_MACS MNC_CAT(MNC_MODEL, _layer_macs)
#define LAYER_BYTES MNC_CAT(MNC_MODEL, _layer_bytes)

/* Rows of the profile: entry, the layers, exit. */
#define ROW_COUNT (LAYER_COUNT + 2)

/* The marks of the run in progress. */
static struct timespec marks[LAYER_COUNT + 1];
static int next_mark;
static int marks_out_of_order;

void PROFILE_MARK(int layer) {
  struct timespec now;
  /* Timestamp first, so the bookkeeping below counts toward the next layer
   * as little as possible. */
  clock_gettime(CLOCK_MONOTONIC, &now);
  if (layer != next_mark || layer > LAYER_COUNT) {
    marks_out_of_order = 1;
    return;
  }
  marks[layer] = now;
  ++next_mark;
}

static struct timespec now_timespec(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts;
}

/* Microseconds from `from` to `to`. */
static double elapsed_us(struct timespec from, struct timespec to) {
  return (double)(to.tv_sec - from.tv_sec) * 1e6 +
         (double)(to.tv_nsec - from.tv_nsec) / 1e3;
}

int main(int argc, char **argv) {
  harness_options options;
  int exit_status = harness_parse_options(argc, argv, 0, &options);
  if (exit_status >= 0)
    return exit_status;
  int runs = options.runs, warmup = options.warmup;

  harness_buffers buffers;
  if (harness_alloc_buffers(&buffers, 0) ||
      harness_read_input(options.input_path, buffers.input))
    return 1;
  /* row_us[row * runs + run]: the time of one row in one timed run. */
  double *row_us = malloc(sizeof(double) * ROW_COUNT * (size_t)runs);
  double *total_us = malloc(sizeof(double) * (size_t)runs);
  if (!row_us || !total_us) {
    fprintf(stderr, "profile_main: out of memory\n");
    return 1;
  }

  for (int i = 0; i < warmup + runs; ++i) {
    next_mark = 0;
    struct timespec start = now_timespec();
    int status = RUN(buffers.input, RUN_OUTPUTS(buffers.output), buffers.workspace);
    struct timespec end = now_timespec();
    if (status != MNC_OK) {
      fprintf(stderr, "profile_main: %s returned %d (%s)\n", MNC_STR(RUN),
              status, mnc_status_string(status));
      return 1;
    }
    if (marks_out_of_order || next_mark != LAYER_COUNT + 1) {
      fprintf(stderr,
              "profile_main: expected the marks 0..%d in order, got %d in "
              "order%s\n",
              (int)LAYER_COUNT, next_mark,
              marks_out_of_order ? " and then one out of order" : "");
      return 1;
    }
    if (i < warmup)
      continue;
    int run = i - warmup;
    row_us[run] = elapsed_us(start, marks[0]);
    for (int layer = 0; layer < LAYER_COUNT; ++layer)
      row_us[(size_t)(layer + 1) * runs + run] =
          elapsed_us(marks[layer], marks[layer + 1]);
    row_us[(size_t)(ROW_COUNT - 1) * runs + run] =
        elapsed_us(marks[LAYER_COUNT], end);
    total_us[run] = elapsed_us(start, end);
  }

  printf("row\tkind\tnode\tshape\tmacs\tbytes\tmin_us\tmedian_us\n");
  for (int row = 0; row < ROW_COUNT; ++row) {
    double *times = row_us + (size_t)row * runs;
    double median = harness_sorted_median(times, runs);
    if (row == 0)
      printf("entry\tentry\t-\t-\t0\t0");
    else if (row == ROW_COUNT - 1)
      printf("exit\texit\t-\t-\t0\t0");
    else
      printf("%d\t%s\t%s\t%s\t%lld\t%lld", row - 1, LAYER_KINDS[row - 1],
             LAYER_NAMES[row - 1], LAYER_SHAPES[row - 1],
             (long long)LAYER_MACS[row - 1], (long long)LAYER_BYTES[row - 1]);
    printf("\t%.3f\t%.3f\n", times[0], median);
  }
  double total_median = harness_sorted_median(total_us, runs);
  printf("total\truns=%d warmup=%d min_us=%.3f median_us=%.3f\n", runs, warmup,
         total_us[0], total_median);

  harness_free_buffers(&buffers);
  free(row_us);
  free(total_us);
  return 0;
}
