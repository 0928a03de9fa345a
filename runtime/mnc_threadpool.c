/*
 * mnc_threadpool.c - a small persistent thread pool for NAME_run_parallel
 * (see mnc_threadpool.h). C11 (<stdatomic.h>) and POSIX threads.
 *
 * Protocol. [0, count) is split into one range per thread, and each range
 * into at most MNC_THREADPOOL_CHUNKS chunks. A range's unclaimed chunks are
 * [front, back), both in one atomic word: its own thread takes chunks from
 * the front, and a thread that has run out of its own takes them from the
 * back of the others (compare-and-swap on the word, so no chunk is taken
 * twice). Threads keep the rows they had in the layer before, and one that
 * the operating system delays, or that has the bigger half of a loop of 7
 * rows, has its last chunks taken by the others.
 *
 * The caller publishes a loop by writing task, task_ctx and count, setting
 * `pending` to the number of chunks, storing each range's bounds (release)
 * and incrementing `generation` (release, under the mutex, with a broadcast
 * for sleeping workers). A worker wakes on a new generation and claims; the
 * caller claims too, then waits until `pending` is 0 (the last chunk done
 * signals it). So the caller never waits for a worker that has not started
 * (one that the system has not scheduled yet): it runs that range itself.
 *
 * A thread reads the loop's fields only after it has claimed a chunk, and
 * the claim (acquire) follows the store of bounds that the caller made after
 * writing those fields; the caller rewrites them only once every chunk is
 * done. So a worker that wakes late, even several loops later, runs a chunk
 * of the current loop or nothing (even if an old expected value of the
 * bounds word happens to match the current loop's, the chunk it gets is the
 * current loop's). Both sides spin briefly before sleeping, so the tens of
 * loops of one inference pay no system calls.
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

/* The unclaimed chunks [front, back) of one range, front in the low 32
 * bits; on a cache line of its own, since its thread updates it per chunk. */
struct mnc_range {
  _Alignas(64) atomic_uint_least64_t bounds;
};

struct mnc_threadpool {
  int threads;
  struct mnc_worker *workers; /* threads - 1 of them */
  struct mnc_range *ranges;   /* one per thread */
  pthread_mutex_t mutex;
  pthread_cond_t wake; /* workers wait here for a new generation */
  pthread_cond_t done; /* the caller waits here for pending == 0 */
  atomic_uint generation;
  atomic_int pending; /* chunks of the current loop not finished yet */
  atomic_int stop;    /* set before the last generation is published */
  /* The current loop, written before its bounds are stored. */
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

static uint_least64_t pack(int64_t front, int64_t back) {
  return (uint_least64_t)front | (uint_least64_t)back << 32;
}

/* Range `index` of [0, count): `threads` contiguous ranges whose sizes
 * differ by at most one. */
static void range_of(const mnc_threadpool *pool, int index, int64_t *begin,
                     int64_t *end) {
  int64_t threads = pool->threads;
  int64_t base = pool->count / threads, extra = pool->count % threads;
  *begin = index * base + (index < extra ? index : extra);
  *end = *begin + base + (index < extra ? 1 : 0);
}

static int64_t chunks_in(int64_t iterations) {
  return iterations < MNC_THREADPOOL_CHUNKS ? iterations
                                            : MNC_THREADPOOL_CHUNKS;
}

/* Claims a chunk of range `index`, from its front or its back; returns it,
 * or -1 when none is left. */
static int64_t claim(mnc_threadpool *pool, int index, int from_back) {
  atomic_uint_least64_t *bounds = &pool->ranges[index].bounds;
  uint_least64_t seen = atomic_load_explicit(bounds, memory_order_relaxed);
  for (;;) {
    int64_t front = (int64_t)(seen & 0xffffffffu), back = (int64_t)(seen >> 32);
    if (front >= back)
      return -1;
    uint_least64_t next = from_back ? pack(front, back - 1)
                                    : pack(front + 1, back);
    if (atomic_compare_exchange_weak_explicit(bounds, &seen, next,
                                              memory_order_acquire,
                                              memory_order_relaxed))
      return from_back ? back - 1 : front;
  }
}

/* Runs chunk `chunk` of range `index`, then counts it done. */
static void run_chunk(mnc_threadpool *pool, int index, int64_t chunk) {
  int64_t begin, end;
  range_of(pool, index, &begin, &end);
  int64_t chunks = chunks_in(end - begin);
  int64_t first = begin + (end - begin) * chunk / chunks;
  int64_t last = begin + (end - begin) * (chunk + 1) / chunks;
  pool->task(pool->task_ctx, first, last);
  if (atomic_fetch_sub_explicit(&pool->pending, 1, memory_order_acq_rel) ==
      1) {
    pthread_mutex_lock(&pool->mutex);
    pthread_cond_signal(&pool->done);
    pthread_mutex_unlock(&pool->mutex);
  }
}

/* Runs the chunks of range `own` from its front, then those left in the
 * other ranges from their backs. */
static void run_chunks(mnc_threadpool *pool, int own) {
  int64_t chunk;
  while ((chunk = claim(pool, own, 0)) >= 0)
    run_chunk(pool, own, chunk);
  for (int i = 1; i < pool->threads; ++i) {
    int index = (own + i) % pool->threads;
    while ((chunk = claim(pool, index, 1)) >= 0)
      run_chunk(pool, index, chunk);
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
    run_chunks(pool, self->index);
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
  free(pool->ranges);
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
  pool->ranges = aligned_alloc(_Alignof(struct mnc_range),
                               (size_t)threads * sizeof *pool->ranges);
  if (!pool->workers || !pool->ranges)
    goto fail_memory;
  atomic_init(&pool->generation, 0u);
  atomic_init(&pool->pending, 0);
  atomic_init(&pool->stop, 0);
  /* No chunks: a worker finds nothing before the first loop. */
  for (int i = 0; i < threads; ++i)
    atomic_init(&pool->ranges[i].bounds, pack(0, 0));
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
  free(pool->ranges);
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
  int chunks = 0;
  for (int i = 0; i < pool->threads; ++i) {
    int64_t begin, end;
    range_of(pool, i, &begin, &end);
    chunks += (int)chunks_in(end - begin);
  }
  atomic_store_explicit(&pool->pending, chunks, memory_order_relaxed);
  for (int i = 0; i < pool->threads; ++i) {
    int64_t begin, end;
    range_of(pool, i, &begin, &end);
    atomic_store_explicit(&pool->ranges[i].bounds,
                          pack(0, chunks_in(end - begin)),
                          memory_order_release);
  }
  publish(pool);

  run_chunks(pool, 0);

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
