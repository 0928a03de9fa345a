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
 *   row  kind  node  shape  macs  min_us  median_us
 * and one line with NAME_run's wall time (marks included):
 *   total  runs=N warmup=W min_us=X median_us=Y
 * Reads NAME_INPUT_SIZE floats from IN.bin (raw float32, the ONNX input's
 * layout); without --input, a fixed pseudo-random pattern in [-1, 1).
 * Exit status: 0; 1 when a run fails or the marks arrive out of order; 2 for
 * bad arguments. The caller pins the process (taskset).
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

#define INPUT_SIZE MNC_CAT(MNC_MODEL_UPPER, _INPUT_SIZE)
#define OUTPUT_SIZE MNC_CAT(MNC_MODEL_UPPER, _OUTPUT_SIZE)
#define WORKSPACE_SIZE MNC_CAT(MNC_MODEL_UPPER, _WORKSPACE_SIZE)
#define LAYER_COUNT MNC_CAT(MNC_MODEL_UPPER, _LAYER_COUNT)
#define RUN MNC_CAT(MNC_MODEL, _run)
#define PROFILE_MARK MNC_CAT(MNC_MODEL, _profile_mark)
#define LAYER_NAMES MNC_CAT(MNC_MODEL, _layer_names)
#define LAYER_KINDS MNC_CAT(MNC_MODEL, _layer_kinds)
#define LAYER_SHAPES MNC_CAT(MNC_MODEL, _layer_shapes)
#define LAYER_MACS MNC_CAT(MNC_MODEL, _layer_macs)

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

static int compare_doubles(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

/* Sorts `values` in place and returns their median. */
static double sorted_median(double *values, int count) {
  qsort(values, (size_t)count, sizeof(double), compare_doubles);
  return count % 2 ? values[count / 2]
                   : (values[count / 2 - 1] + values[count / 2]) / 2;
}

static int parse_count(const char *flag, const char *text, long min) {
  char *end = NULL;
  long value = strtol(text, &end, 10);
  if (!*text || *end || value < min || value > 100000000L) {
    fprintf(stderr, "profile_main: %s needs an integer >= %ld, got '%s'\n",
            flag, min, text);
    exit(2);
  }
  return (int)value;
}

static void usage(const char *argv0) {
  fprintf(stderr, "usage: %s [--runs N] [--warmup W] [--input IN.bin]\n",
          argv0);
}

int main(int argc, char **argv) {
  int runs = 20, warmup = 3;
  const char *input_path = NULL;
  for (int i = 1; i < argc; ++i) {
    const char *arg = argv[i];
    if (!strcmp(arg, "-h") || !strcmp(arg, "--help")) {
      usage(argv[0]);
      return 0;
    }
    if (i + 1 >= argc) {
      usage(argv[0]);
      return 2;
    }
    if (!strcmp(arg, "--runs"))
      runs = parse_count(arg, argv[++i], 1);
    else if (!strcmp(arg, "--warmup"))
      warmup = parse_count(arg, argv[++i], 0);
    else if (!strcmp(arg, "--input"))
      input_path = argv[++i];
    else {
      fprintf(stderr, "profile_main: unknown argument '%s'\n", arg);
      usage(argv[0]);
      return 2;
    }
  }

  float *input = malloc(sizeof(float) * INPUT_SIZE);
  float *output = malloc(sizeof(float) * OUTPUT_SIZE);
  void *block = malloc((size_t)WORKSPACE_SIZE + MNC_WORKSPACE_ALIGNMENT - 1);
  /* row_us[row * runs + run]: the time of one row in one timed run. */
  double *row_us = malloc(sizeof(double) * ROW_COUNT * (size_t)runs);
  double *total_us = malloc(sizeof(double) * (size_t)runs);
  if (!input || !output || !block || !row_us || !total_us) {
    fprintf(stderr, "profile_main: out of memory\n");
    return 1;
  }
  void *workspace = mnc_align_workspace(block);
  /* Touch the workspace once, so no timed run pays for its page faults. */
  memset(workspace, 0, (size_t)WORKSPACE_SIZE);

  if (input_path) {
    FILE *in = fopen(input_path, "rb");
    if (!in || fread(input, sizeof(float), INPUT_SIZE, in) != INPUT_SIZE) {
      fprintf(stderr, "profile_main: cannot read %d floats from %s\n",
              (int)INPUT_SIZE, input_path);
      return 1;
    }
    fclose(in);
  } else {
    unsigned state = 12345u;
    for (long i = 0; i < (long)INPUT_SIZE; ++i) {
      state = state * 1664525u + 1013904223u;
      input[i] = (float)((state >> 8) * (1.0 / 16777216.0) * 2.0 - 1.0);
    }
  }

  for (int i = 0; i < warmup + runs; ++i) {
    next_mark = 0;
    struct timespec start = now_timespec();
    int status = RUN(input, output, workspace);
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

  printf("row\tkind\tnode\tshape\tmacs\tmin_us\tmedian_us\n");
  for (int row = 0; row < ROW_COUNT; ++row) {
    double *times = row_us + (size_t)row * runs;
    double median = sorted_median(times, runs);
    if (row == 0)
      printf("entry\tentry\t-\t-\t0");
    else if (row == ROW_COUNT - 1)
      printf("exit\texit\t-\t-\t0");
    else
      printf("%d\t%s\t%s\t%s\t%lld", row - 1, LAYER_KINDS[row - 1],
             LAYER_NAMES[row - 1], LAYER_SHAPES[row - 1],
             (long long)LAYER_MACS[row - 1]);
    printf("\t%.3f\t%.3f\n", times[0], median);
  }
  double total_median = sorted_median(total_us, runs);
  printf("total\truns=%d warmup=%d min_us=%.3f median_us=%.3f\n", runs, warmup,
         total_us[0], total_median);

  free(input);
  free(output);
  free(block);
  free(row_us);
  free(total_us);
  return 0;
}
