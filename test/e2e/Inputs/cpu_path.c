/* Prints which code path the library model (model.h) runs on this CPU and
 * what model_run returns: "path x86-64-v3 status 0", or "path none status 4"
 * (MNC_ERROR_UNSUPPORTED_CPU) on a CPU no path fits. */
#include "model.h"

#include <stdio.h>
#include <stdlib.h>

static float input[MODEL_INPUT_SIZE], output[MODEL_OUTPUT_SIZE];

int main(void) {
  void *block = malloc(MODEL_WORKSPACE_SIZE + MNC_WORKSPACE_ALIGNMENT - 1);
  const char *path = model_cpu_path();
  int status = model_run(input, output, mnc_align_workspace(block));
  printf("path %s status %d (%s)\n", path ? path : "none", status,
         mnc_status_string(status));
  free(block);
  return 0;
}
