/* threadpool_check.c - runtime/mnc_threadpool.c against its contract: every
 * iteration of [0, count) runs exactly once per parallel-for, the call
 * returns only when all of them are done, and a pool survives many loops in
 * a row (as in an inference) and pauses long enough for its workers to
 * sleep; with 2 threads, a worker that stalls has the rest of its range
 * run by the caller.
 *   threadpool_check THREADS LOOPS
 * prints "ok THREADS" or what went wrong, exit status 0 or 1.
 */
#define _POSIX_C_SOURCE 199309L
#include "mnc_threadpool.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#define MAX_COUNT 4096

struct visits {
  atomic_int count[MAX_COUNT];
  atomic_int calls;
};

static void visit(void *ctx, int64_t begin, int64_t end) {
  struct visits *v = ctx;
  atomic_fetch_add(&v->calls, 1);
  for (int64_t i = begin; i < end; ++i)
    atomic_fetch_add(&v->count[i], 1);
}

/* For the stealing check: which thread ran each of 8 iterations of 1 ms;
 * the one that runs iteration 4 (the first chunk of range 1) outside the
 * calling thread stalls there for 50 ms. */
struct stall {
  pthread_t caller;
  atomic_int by_caller[8];
};

static void stall_visit(void *ctx, int64_t begin, int64_t end) {
  struct stall *s = ctx;
  for (int64_t i = begin; i < end; ++i) {
    int caller = pthread_equal(pthread_self(), s->caller);
    atomic_store(&s->by_caller[i], caller);
    struct timespec pause = {0, (i == 4 && !caller ? 50 : 1) * 1000 * 1000};
    nanosleep(&pause, NULL);
  }
}

/* With 2 threads, 8 iterations are 2 ranges of 4 one-iteration chunks: while
 * the worker stalls in its first chunk, the caller, done with its own
 * range, runs the rest of the worker's range. */
static int check_stealing(mnc_threadpool *pool) {
  static struct stall s;
  s.caller = pthread_self();
  /* Loops just before keep the worker awake and spinning, so that it is
   * the one to claim the first chunk of its range. */
  static struct visits warm;
  for (int i = 0; i < 100; ++i)
    mnc_threadpool_parallel_for(pool, visit, &warm, 64);
  mnc_threadpool_parallel_for(pool, stall_visit, &s, 8);
  for (int i = 5; i < 8; ++i)
    if (!atomic_load(&s.by_caller[i])) {
      printf("FAIL: iteration %d waited for a stalled worker\n", i);
      return 1;
    }
  return 0;
}

int main(int argc, char **argv) {
  if (argc != 3)
    return 2;
  int threads = atoi(argv[1]), loops = atoi(argv[2]);
  if (mnc_threadpool_create(0) != NULL) {
    printf("FAIL: a pool of 0 threads was created\n");
    return 1;
  }
  mnc_threadpool *pool = mnc_threadpool_create(threads);
  if (!pool || mnc_threadpool_threads(pool) != threads) {
    printf("FAIL: cannot create a pool of %d threads\n", threads);
    return 1;
  }
  static struct visits v;
  unsigned seed = 7;
  for (int loop = 0; loop < loops; ++loop) {
    seed = seed * 1664525u + 1013904223u;
    int64_t count = loop % 5 == 0 ? loop % 3 : (int64_t)(seed >> 8) % MAX_COUNT;
    for (int64_t i = 0; i < MAX_COUNT; ++i)
      atomic_store(&v.count[i], 0);
    atomic_store(&v.calls, 0);
    mnc_threadpool_parallel_for(pool, visit, &v, count);
    for (int64_t i = 0; i < MAX_COUNT; ++i) {
      int expected = i < count ? 1 : 0;
      if (atomic_load(&v.count[i]) != expected) {
        printf("FAIL: loop %d (count %lld): iteration %lld ran %d times\n",
               loop, (long long)count, (long long)i, atomic_load(&v.count[i]));
        return 1;
      }
    }
    if (atomic_load(&v.calls) > threads * MNC_THREADPOOL_CHUNKS) {
      printf("FAIL: loop %d: %d task calls for %d threads\n", loop,
             atomic_load(&v.calls), threads);
      return 1;
    }
    if (loop % 100 == 99) {
      /* Long enough for the workers to stop spinning and sleep. */
      struct timespec pause = {0, 20 * 1000 * 1000};
      nanosleep(&pause, NULL);
    }
  }
  if (threads == 2 && check_stealing(pool))
    return 1;
  /* NULL runs in the calling thread. */
  atomic_store(&v.calls, 0);
  mnc_threadpool_parallel_for(NULL, visit, &v, 10);
  if (atomic_load(&v.calls) != 1) {
    printf("FAIL: a NULL pool did not run the loop in one call\n");
    return 1;
  }
  mnc_threadpool_destroy(pool);
  mnc_threadpool_destroy(NULL);
  printf("ok %d\n", threads);
  return 0;
}
