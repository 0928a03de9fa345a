/* Built against an installed mnc with only `pkg-config --cflags --libs mnc`:
 * the pool and the runtime header are found, and a parallel-for over 1000
 * iterations on 3 threads runs each iteration exactly once. */
#include <stdint.h>
#include <stdio.h>

#include "mnc_runtime.h"
#include "mnc_threadpool.h"

#define COUNT 1000
static _Atomic int visits[COUNT];

static void task(void *ctx, int64_t begin, int64_t end) {
  (void)ctx;
  for (int64_t i = begin; i < end; ++i) ++visits[i];
}

int main(void) {
  mnc_threadpool *pool = mnc_threadpool_create(3);
  if (!pool) return 1;
  mnc_threadpool_parallel_for(pool, task, NULL, COUNT);
  int threads = mnc_threadpool_threads(pool);
  mnc_threadpool_destroy(pool);
  for (int i = 0; i < COUNT; ++i)
    if (visits[i] != 1) {
      printf("iteration %d ran %d times\n", i, visits[i]);
      return 1;
    }
  printf("ok: %d threads, %d iterations once each; status 0 is '%s'\n", threads, COUNT,
         mnc_status_string(MNC_OK));
  return 0;
}
