/*
 * mnc_threadpool.c - a small persistent thread pool for NAME_run_parallel
 * (see mnc_threadpool.h). C11 (<stdatomic.h>) and POSIX threads.
 *
 * Protocol. [0, count) is split into one range per thread. The caller
 * publishes a loop by writing task, task_ctx and count, setting `pending` to
 * the number of ranges, clearing each range's `claimed` flag (release) and
 * incrementing `generation` (release, under the mutex, with a broadcast for
 * sleeping workers). Whoever sets a range's flag from 0 to 1 (acquire) runs
 * that range and then decrements `pending`: each thread tries its own range
 * first, then the others. A worker wakes on a new generation and tries; the
 * caller tries all ranges, then waits until `pending` is 0 (the last one
 * signals it). So the caller never waits for a worker that has not started
 * (one that the operating system has not scheduled yet, on a busy machine):
 * it runs that range itself.
 *
 * A range is claimed only from a flag cleared for the loop whose fields the
 * claimer then reads (the clearing store is ordered after those fields are
 * written), and the caller does not rewrite them before every claimed range
 * is done, so a worker that wakes late, even several loops later, runs a
 * range of the current loop or nothing. Both sides spin briefly before
 * sleeping, so the tens of loops of one inference pay no system calls.
 */
#define _POSIX_C_SOURCE 200809L

#include "mnc_threadpool.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>

/* Polls of a flag before sleeping on a condition variable (a few hundred
 * microseconds; longer than the gaps between the loops of one inference). */
#ifndef MNC_THREADPOOL_SPIN
#define MNC_THREADPOOL_SPIN 32768
#endif

struct mnc_worker {
  mnc_threadpool *pool;
  int index; /* its range: 1 .. threads - 1 */
  pthread_t thread;
};

struct mnc_threadpool {
  int threads;
  struct mnc_worker *workers; /* threads - 1 of them */
  pthread_mutex_t mutex;
  pthread_cond_t wake; /* workers wait here for a new generation */
  pthread_cond_t done; /* the caller waits here for pending == 0 */
  atomic_uint generation;
  atomic_int pending;  /* ranges of the current loop not finished yet */
  atomic_int *claimed; /* per range: 1 once a thread has taken it */
  atomic_int stop; /* set before the last generation is published */
  /* The current loop, written before its generation is published. */
  mnc_task_fn task;
  void *task_ctx;
  int64_t count;
};

/* A hint to the processor that this is a spin-wait loop. */
static void cpu_relax(void) {
#if defined(__GNUC__) && (defined(__x86_64__) || defined(__i386__))
  __builtin_ia32_pause();
#elif defined(__GNUC__) && defined(__aarch64__)
  __asm__ __volatile__("yield" ::: "memory");
#endif
}

/* Runs range `index` of the current loop: [0, count) split into `threads`
 * contiguous ranges whose sizes differ by at most one. */
static void run_range(mnc_threadpool *pool, int index) {
  int64_t threads = pool->threads;
  int64_t base = pool->count / threads, extra = pool->count % threads;
  int64_t begin = index * base + (index < extra ? index : extra);
  int64_t end = begin + base + (index < extra ? 1 : 0);
  if (begin < end)
    pool->task(pool->task_ctx, begin, end);
}

/* Runs every range of the current loop nobody has taken yet, starting with
 * range `first`. */
static void run_unclaimed(mnc_threadpool *pool, int first) {
  for (int i = 0; i < pool->threads; ++i) {
    int index = (first + i) % pool->threads;
    int expected = 0;
    if (atomic_load_explicit(&pool->claimed[index], memory_order_relaxed) ||
        !atomic_compare_exchange_strong_explicit(&pool->claimed[index],
                                                 &expected, 1,
                                                 memory_order_acquire,
                                                 memory_order_relaxed))
      continue;
    run_range(pool, index);
    if (atomic_fetch_sub_explicit(&pool->pending, 1, memory_order_acq_rel) ==
        1) {
      pthread_mutex_lock(&pool->mutex);
      pthread_cond_signal(&pool->done);
      pthread_mutex_unlock(&pool->mutex);
    }
  }
}

/* Waits until the generation differs from `seen` and returns it. */
static unsigned wait_for_generation(mnc_threadpool *pool, unsigned seen) {
  unsigned generation;
  for (long spin = 0; spin < MNC_THREADPOOL_SPIN; ++spin) {
    generation =
        atomic_load_explicit(&pool->generation, memory_order_acquire);
    if (generation != seen)
      return generation;
    cpu_relax();
  }
  pthread_mutex_lock(&pool->mutex);
  while ((generation = atomic_load_explicit(&pool->generation,
                                            memory_order_acquire)) == seen)
    pthread_cond_wait(&pool->wake, &pool->mutex);
  pthread_mutex_unlock(&pool->mutex);
  return generation;
}

static void *worker_main(void *arg) {
  struct mnc_worker *self = arg;
  mnc_threadpool *pool = self->pool;
  unsigned seen = 0;
  for (;;) {
    seen = wait_for_generation(pool, seen);
    if (atomic_load_explicit(&pool->stop, memory_order_relaxed))
      return NULL;
    run_unclaimed(pool, self->index);
  }
}

/* Makes the fields written before it visible to the workers and wakes the
 * sleeping ones. */
static void publish(mnc_threadpool *pool) {
  pthread_mutex_lock(&pool->mutex);
  atomic_fetch_add_explicit(&pool->generation, 1, memory_order_release);
  pthread_cond_broadcast(&pool->wake);
  pthread_mutex_unlock(&pool->mutex);
}

/* Stops and joins the first `started` workers, then frees the pool. */
static void shut_down(mnc_threadpool *pool, int started) {
  atomic_store_explicit(&pool->stop, 1, memory_order_relaxed);
  publish(pool);
  for (int i = 0; i < started; ++i)
    pthread_join(pool->workers[i].thread, NULL);
  pthread_cond_destroy(&pool->done);
  pthread_cond_destroy(&pool->wake);
  pthread_mutex_destroy(&pool->mutex);
  free(pool->claimed);
  free(pool->workers);
  free(pool);
}

mnc_threadpool *mnc_threadpool_create(int threads) {
  if (threads < 1)
    return NULL;
  mnc_threadpool *pool = calloc(1, sizeof *pool);
  if (!pool)
    return NULL;
  pool->threads = threads;
  pool->workers = calloc((size_t)threads, sizeof *pool->workers);
  pool->claimed = calloc((size_t)threads, sizeof *pool->claimed);
  if (!pool->workers || !pool->claimed)
    goto fail_memory;
  atomic_init(&pool->generation, 0u);
  atomic_init(&pool->pending, 0);
  atomic_init(&pool->stop, 0);
  /* Every range taken: a worker finds nothing before the first loop. */
  for (int i = 0; i < threads; ++i)
    atomic_init(&pool->claimed[i], 1);
  if (pthread_mutex_init(&pool->mutex, NULL) != 0)
    goto fail_memory;
  if (pthread_cond_init(&pool->wake, NULL) != 0)
    goto fail_mutex;
  if (pthread_cond_init(&pool->done, NULL) != 0)
    goto fail_wake;
  for (int i = 0; i < threads - 1; ++i) {
    struct mnc_worker *worker = &pool->workers[i];
    worker->pool = pool;
    worker->index = i + 1;
    if (pthread_create(&worker->thread, NULL, worker_main, worker) != 0) {
      shut_down(pool, i);
      return NULL;
    }
  }
  return pool;

fail_wake:
  pthread_cond_destroy(&pool->wake);
fail_mutex:
  pthread_mutex_destroy(&pool->mutex);
fail_memory:
  free(pool->claimed);
  free(pool->workers);
  free(pool);
  return NULL;
}

void mnc_threadpool_destroy(mnc_threadpool *pool) {
  if (pool)
    shut_down(pool, pool->threads - 1);
}

int mnc_threadpool_threads(const mnc_threadpool *pool) {
  return pool->threads;
}

void mnc_threadpool_parallel_for(void *pool_arg, mnc_task_fn task,
                                 void *task_ctx, int64_t count) {
  mnc_threadpool *pool = pool_arg;
  if (count <= 0)
    return;
  if (!pool || pool->threads == 1 || count == 1) {
    task(task_ctx, 0, count);
    return;
  }
  pool->task = task;
  pool->task_ctx = task_ctx;
  pool->count = count;
  atomic_store_explicit(&pool->pending, pool->threads, memory_order_relaxed);
  for (int i = 0; i < pool->threads; ++i)
    atomic_store_explicit(&pool->claimed[i], 0, memory_order_release);
  publish(pool);

  run_unclaimed(pool, 0);

  for (long spin = 0; spin < MNC_THREADPOOL_SPIN; ++spin) {
    if (atomic_load_explicit(&pool->pending, memory_order_acquire) == 0)
      return;
    cpu_relax();
  }
  pthread_mutex_lock(&pool->mutex);
  while (atomic_load_explicit(&pool->pending, memory_order_acquire) != 0)
    pthread_cond_wait(&pool->done, &pool->mutex);
  pthread_mutex_unlock(&pool->mutex);
}
