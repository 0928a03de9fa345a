/* harness.h - what the C programs that run one mnc-compiled model share:
 * tools/bench/bench_main.c, tools/bench/profile_main.c and
 * test/lib/run_model.c. Header only (static inline), so that each program
 * still builds with a single cc command; run_model.c's finds it with
 * -I REPO/tools/bench (test/lib/e2e_check.py passes that).
 *
 * The including file defines, before including it as its first header:
 *   MNC_HARNESS_NAME  the program's name, the prefix of its error messages
 * and is built with -DMNC_MODEL=name -DMNC_MODEL_UPPER=NAME, naming the
 * generated library. This header includes that library's header NAME.h
 * (the only one of the library the programs see) and names its sizes and
 * entry points INPUT_SIZE, OUTPUT_SIZE, WORKSPACE_SIZE, RUN, RUN_PARALLEL.
 * The programs call RUN(input, RUN_OUTPUTS(output), workspace).
 *
 * A model of one input and several outputs (whose header numbers them:
 * NAME_INPUT0_SIZE, NAME_OUTPUT0_SIZE, ...) is run with -DMNC_HARNESS_IO=F,
 * a header that defines INPUT_SIZE, OUTPUT_SIZE (the outputs' total) and
 * RUN_OUTPUTS(output) (the output arguments: pointers into one block holding
 * the outputs one after the other, e.g. `(output), (output) + NAME_OUTPUT0_SIZE`);
 * tools/scripts/bench.py writes it. --output then writes the outputs in order.
 *
 * A library compiled with --input-type uint8 takes `const uint8_t *input`:
 * build with -DMNC_INPUT_TYPE=uint8_t (tools/scripts/bench.py does when the
 * header says so); the input is then INPUT_SIZE bytes.
 *
 * C99 plus POSIX clock_gettime.
 */
#ifndef MNC_HARNESS_H_
#define MNC_HARNESS_H_

/* clock_gettime: must precede the first system header. */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 199309L
#endif
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#ifndef MNC_HARNESS_NAME
#error "define MNC_HARNESS_NAME (the program's name) before harness.h"
#endif

#define MNC_STR2(x) #x
#define MNC_STR(x) MNC_STR2(x)
#define MNC_CAT2(a, b) a##b
#define MNC_CAT(a, b) MNC_CAT2(a, b)

#include MNC_STR(MNC_MODEL.h)

#ifdef MNC_HARNESS_IO
#include MNC_STR(MNC_HARNESS_IO)
#else
#define INPUT_SIZE MNC_CAT(MNC_MODEL_UPPER, _INPUT_SIZE)
#define OUTPUT_SIZE MNC_CAT(MNC_MODEL_UPPER, _OUTPUT_SIZE)
#define RUN_OUTPUTS(output) (output)
#endif
#define WORKSPACE_SIZE MNC_CAT(MNC_MODEL_UPPER, _WORKSPACE_SIZE)
#ifndef MNC_INPUT_TYPE
#define MNC_INPUT_TYPE float
#endif
/* An element of the input buffer. */
typedef MNC_INPUT_TYPE harness_input_t;
#define RUN MNC_CAT(MNC_MODEL, _run)
#define RUN_PARALLEL MNC_CAT(MNC_MODEL, _run_parallel)

/* Milliseconds on CLOCK_MONOTONIC, from an arbitrary start. */
static inline double harness_now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static inline int harness_compare_doubles(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

/* Sorts `values` in place and returns their median; values[0] is then the
 * minimum. */
static inline double harness_sorted_median(double *values, int count) {
  qsort(values, (size_t)count, sizeof(double), harness_compare_doubles);
  return count % 2 ? values[count / 2]
                   : (values[count / 2 - 1] + values[count / 2]) / 2;
}

/* The options of the timing programs. */
typedef struct {
  int runs;                /* --runs N: timed runs (default 20, N >= 1) */
  int warmup;              /* --warmup W: untimed runs first (default 3) */
  const char *input_path;  /* --input IN.bin, or NULL */
  const char *output_path; /* --output OUT.bin, or NULL */
  int threads;             /* --threads T, or 0 */
} harness_options;

/* The value of `flag`: a whole number from `min` to 10^8; otherwise exits
 * with status 2, like any bad argument. */
static inline int harness_parse_count(const char *flag, const char *text,
                                      long min) {
  char *end = NULL;
  long value = strtol(text, &end, 10);
  if (!*text || *end || value < min || value > 100000000L) {
    fprintf(stderr, MNC_HARNESS_NAME ": %s needs an integer >= %ld, got '%s'\n",
            flag, min, text);
    exit(2);
  }
  return (int)value;
}

static inline void harness_usage(const char *argv0, const char *more) {
  fprintf(stderr, "usage: %s [--runs N] [--warmup W] [--input IN.bin]%s\n",
          argv0, more);
}

/* Parses [--runs N] [--warmup W] [--input IN.bin] and, when `with_output`
 * is set, [--output OUT.bin] [--threads T] into `options` (the rest keep
 * their defaults). Returns -1 to go on, or the status main should exit with:
 * 0 after printing the usage for -h or --help, 2 for a bad argument. */
static inline int harness_parse_options(int argc, char **argv, int with_output,
                                        harness_options *options) {
  const char *more = with_output ? " [--output OUT.bin] [--threads T]" : "";
  options->runs = 20;
  options->warmup = 3;
  options->input_path = options->output_path = NULL;
  options->threads = 0;
  for (int i = 1; i < argc; ++i) {
    const char *arg = argv[i];
    if (!strcmp(arg, "-h") || !strcmp(arg, "--help")) {
      harness_usage(argv[0], more);
      return 0;
    }
    if (i + 1 >= argc) {
      harness_usage(argv[0], more);
      return 2;
    }
    if (!strcmp(arg, "--runs"))
      options->runs = harness_parse_count(arg, argv[++i], 1);
    else if (!strcmp(arg, "--warmup"))
      options->warmup = harness_parse_count(arg, argv[++i], 0);
    else if (!strcmp(arg, "--input"))
      options->input_path = argv[++i];
    else if (with_output && !strcmp(arg, "--output"))
      options->output_path = argv[++i];
    else if (with_output && !strcmp(arg, "--threads"))
      options->threads = harness_parse_count(arg, argv[++i], 0);
    else {
      fprintf(stderr, MNC_HARNESS_NAME ": unknown argument '%s'\n", arg);
      harness_usage(argv[0], more);
      return 2;
    }
  }
  return -1;
}

/* The model's three buffers. */
typedef struct {
  harness_input_t *input; /* INPUT_SIZE elements */
  float *output;   /* OUTPUT_SIZE floats */
  void *workspace; /* WORKSPACE_SIZE bytes, aligned, inside `block` */
  void *block;     /* what to free */
} harness_buffers;

/* Allocates the buffers and fills the workspace and the output with the
 * byte `fill`. Filling touches every page, so no timed run pays for the
 * first page faults; and whatever the byte, a kernel that reads what it has
 * not written sees that byte instead of fresh zero pages. Returns 0, or 1
 * after a message when out of memory. */
static inline int harness_alloc_buffers(harness_buffers *buffers, int fill) {
  buffers->input = malloc(sizeof(harness_input_t) * INPUT_SIZE);
  buffers->output = malloc(sizeof(float) * OUTPUT_SIZE);
  buffers->block = malloc((size_t)WORKSPACE_SIZE + MNC_WORKSPACE_ALIGNMENT - 1);
  if (!buffers->input || !buffers->output || !buffers->block) {
    fprintf(stderr, MNC_HARNESS_NAME ": out of memory\n");
    return 1;
  }
  buffers->workspace = mnc_align_workspace(buffers->block);
  memset(buffers->workspace, fill, (size_t)WORKSPACE_SIZE);
  memset(buffers->output, fill, sizeof(float) * OUTPUT_SIZE);
  return 0;
}

static inline void harness_free_buffers(harness_buffers *buffers) {
  free(buffers->input);
  free(buffers->output);
  free(buffers->block);
}

/* Reads INPUT_SIZE raw elements (float32, or bytes for a uint8_t input)
 * from `path` into `input`; without a path, fills it with a fixed
 * pseudo-random pattern in [-1, 1) (bytes: 0 to 255) instead. Returns 0, or
 * 1 after a message. */
static inline int harness_read_input(const char *path, harness_input_t *input) {
  if (!path) {
    unsigned state = 12345u;
    for (long i = 0; i < (long)INPUT_SIZE; ++i) {
      state = state * 1664525u + 1013904223u;
      input[i] = sizeof(harness_input_t) == 1
                     ? (harness_input_t)(state >> 24)
                     : (harness_input_t)((state >> 8) * (1.0 / 16777216.0) *
                                             2.0 - 1.0);
    }
    return 0;
  }
  FILE *in = fopen(path, "rb");
  if (!in ||
      fread(input, sizeof(harness_input_t), INPUT_SIZE, in) != INPUT_SIZE) {
    fprintf(stderr, MNC_HARNESS_NAME ": cannot read %d %s from %s\n",
            (int)INPUT_SIZE, sizeof(harness_input_t) == 1 ? "bytes" : "floats",
            path);
    return 1;
  }
  fclose(in);
  return 0;
}

/* Writes OUTPUT_SIZE raw float32 values from `output` to `path`. Returns 0,
 * or 1 after a message. */
static inline int harness_write_output(const char *path, const float *output) {
  FILE *out = fopen(path, "wb");
  if (!out || fwrite(output, sizeof(float), OUTPUT_SIZE, out) != OUTPUT_SIZE) {
    fprintf(stderr, MNC_HARNESS_NAME ": cannot write %s\n", path);
    return 1;
  }
  fclose(out);
  return 0;
}

#endif /* MNC_HARNESS_H_ */
