/* classify.c - the quick start's example application.
 *
 * Links against one mnc-compiled classifier and includes only its header:
 *   cc -std=c99 -O2 -I OUT classify.c OUT/libmnv3.a -lm -o classify
 *   ./classify input.bin output.bin
 * Reads a float32 image in the model's input layout, runs it, prints the
 * five best classes and the latency (best of several runs), and writes the
 * raw scores so they can be compared with another runtime's.
 */
#define _POSIX_C_SOURCE 199309L
#include "mnv3.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

enum { kRuns = 20 };

static double now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

int main(int argc, char **argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: %s INPUT.bin OUTPUT.bin\n", argv[0]);
    return 2;
  }
  static float input[MNV3_INPUT_SIZE];
  static float scores[MNV3_OUTPUT_SIZE];
  /* The workspace: MNV3_WORKSPACE_SIZE bytes from the caller, aligned to
   * MNC_WORKSPACE_ALIGNMENT; the library itself allocates nothing. */
  void *block = malloc(MNV3_WORKSPACE_SIZE + MNC_WORKSPACE_ALIGNMENT);
  void *workspace = block ? mnc_align_workspace(block) : NULL;
  if (!block) {
    fprintf(stderr, "classify: cannot allocate the workspace\n");
    return 1;
  }

  FILE *in = fopen(argv[1], "rb");
  if (!in || fread(input, sizeof input[0], MNV3_INPUT_SIZE, in) !=
                 MNV3_INPUT_SIZE) {
    fprintf(stderr, "classify: cannot read %s\n", argv[1]);
    return 1;
  }
  fclose(in);

  double best = 0.0;
  for (int run = 0; run < kRuns; ++run) {
    double start = now_ms();
    int status = mnv3_run(input, scores, workspace);
    double elapsed = now_ms() - start;
    if (status != 0) {
      fprintf(stderr, "classify: mnv3_run failed: %s\n",
              mnc_status_string(status));
      return 1;
    }
    if (run == 0 || elapsed < best)
      best = elapsed;
  }

  int top[5] = {-1, -1, -1, -1, -1};
  for (int i = 0; i < MNV3_OUTPUT_SIZE; ++i) {
    for (int k = 0; k < 5; ++k) {
      if (top[k] < 0 || scores[i] > scores[top[k]]) {
        for (int j = 4; j > k; --j)
          top[j] = top[j - 1];
        top[k] = i;
        break;
      }
    }
  }
  printf("top-5 classes:");
  for (int k = 0; k < 5; ++k)
    printf("  #%d (%.4f)", top[k], scores[top[k]]);
  printf("\nlatency: %.3f ms (best of %d runs, one thread)\n", best, kRuns);
  printf("workspace: %d bytes\n", (int)MNV3_WORKSPACE_SIZE);

  FILE *out = fopen(argv[2], "wb");
  if (!out || fwrite(scores, sizeof scores[0], MNV3_OUTPUT_SIZE, out) !=
                  MNV3_OUTPUT_SIZE) {
    fprintf(stderr, "classify: cannot write %s\n", argv[2]);
    return 1;
  }
  fclose(out);
  free(block);
  return 0;
}
