/* The consumer's program: reads a raw float32 input, runs the model with
 * mnv3_run and with mnv3_run_parallel on a pool of 2 threads, checks that the
 * two outputs are the same bits (the README's promise), and writes both.
 *   app INPUT.bin SERIAL_OUT.bin PARALLEL_OUT.bin */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mnc_threadpool.h"
#include "mnv3.h"

static float input[MNV3_INPUT_SIZE];
static float serial[MNV3_OUTPUT_SIZE];
static float parallel[MNV3_OUTPUT_SIZE];

static int write_floats(const char *path, const float *data, size_t count) {
  FILE *f = fopen(path, "wb");
  if (!f) return 0;
  int ok = fwrite(data, sizeof(float), count, f) == count;
  return fclose(f) == 0 && ok;
}

int main(int argc, char **argv) {
  if (argc != 4) {
    fprintf(stderr, "usage: app INPUT.bin SERIAL_OUT.bin PARALLEL_OUT.bin\n");
    return 2;
  }
  FILE *f = fopen(argv[1], "rb");
  if (!f || fread(input, sizeof(float), MNV3_INPUT_SIZE, f) != MNV3_INPUT_SIZE) {
    fprintf(stderr, "app: cannot read %d floats from %s\n", (int)MNV3_INPUT_SIZE, argv[1]);
    return 3;
  }
  fclose(f);

  void *block = malloc(MNV3_WORKSPACE_SIZE + MNC_WORKSPACE_ALIGNMENT);
  void *workspace = mnc_align_workspace(block);
  int status = mnv3_run(input, serial, workspace);
  if (status != MNC_OK) {
    fprintf(stderr, "app: mnv3_run: %s\n", mnc_status_string(status));
    return 4;
  }

  mnc_threadpool *pool = mnc_threadpool_create(2);
  if (!pool) return 5;
  status = mnv3_run_parallel(input, parallel, workspace, mnc_threadpool_parallel_for, pool);
  mnc_threadpool_destroy(pool);
  if (status != MNC_OK) {
    fprintf(stderr, "app: mnv3_run_parallel: %s\n", mnc_status_string(status));
    return 4;
  }
  free(block);

  if (memcmp(serial, parallel, sizeof serial) != 0) {
    fprintf(stderr, "app: mnv3_run and mnv3_run_parallel differ\n");
    return 6;
  }
  if (!write_floats(argv[2], serial, MNV3_OUTPUT_SIZE) ||
      !write_floats(argv[3], parallel, MNV3_OUTPUT_SIZE))
    return 7;
  printf("app: %d outputs, run and run_parallel (2 threads) identical\n", (int)MNV3_OUTPUT_SIZE);
  return 0;
}
