/* Links two mnc libraries into one program and runs both. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "net_a.h"
#include "net_b.h"

int main(void) {
  static float input[NET_A_INPUT_SIZE], a[NET_A_OUTPUT_SIZE],
      b[NET_B_OUTPUT_SIZE];
  void *block = malloc(NET_A_WORKSPACE_SIZE + MNC_WORKSPACE_ALIGNMENT);
  int i, status_a, status_b;
  for (i = 0; i < NET_A_INPUT_SIZE; ++i)
    input[i] = (float)(i % 7) / 7.0f - 0.5f;
  status_a = net_a_run(input, a, mnc_align_workspace(block));
  status_b = net_b_run(input, b, mnc_align_workspace(block));
  printf("net_a: %d, net_b: %d, same output: %s\n", status_a, status_b,
         memcmp(a, b, sizeof a) == 0 ? "yes" : "no");
  free(block);
  return 0;
}
