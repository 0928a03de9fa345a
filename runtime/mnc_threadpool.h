/*
 * mnc_threadpool.h - a small persistent thread pool for NAME_run_parallel.
 *
 * Optional, and not part of any generated library (which creates no threads
 * and needs only libc and libm): compile mnc_threadpool.c into the program
 * that wants it, with POSIX threads and a C11 compiler:
 *
 *   cc -std=c11 -O2 -pthread -I DIR app.c mnc_threadpool.c DIR/libNAME.a -lm
 *
 *   mnc_threadpool *pool = mnc_threadpool_create(2);
 *   int status = NAME_run_parallel(input, output, workspace,
 *                                  mnc_threadpool_parallel_for, pool);
 *   ...
 *   mnc_threadpool_destroy(pool);
 *
 * A pool of N threads is the calling thread plus N - 1 workers it starts
 * once. Each parallel-for splits [0, count) into N contiguous ranges of
 * nearly equal size, and each range into at most MNC_THREADPOOL_CHUNKS
 * chunks; range 0 is the calling thread's, range i worker i's, each run
 * from its start, but a thread done with its own range takes the last
 * chunks of the others, so a worker the system has not scheduled (on a busy
 * machine) or an uneven split does not hold up the call. Between loops the
 * workers spin for a short while (the loops of one inference follow each
 * other within microseconds), then sleep on a condition variable until the
 * next one.
 *
 * One pool serves one NAME_run_parallel call at a time; use a pool per
 * thread that runs models concurrently. The header is C99 and C++.
 */
#ifndef MNC_THREADPOOL_H_
#define MNC_THREADPOOL_H_

#include "mnc_runtime.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct mnc_threadpool mnc_threadpool;

/* Most chunks per thread's range: the task runs once per chunk, so at most
 * threads x MNC_THREADPOOL_CHUNKS times per parallel-for. */
#ifndef MNC_THREADPOOL_CHUNKS
#define MNC_THREADPOOL_CHUNKS 4
#endif

/*
 * Starts a pool of `threads` threads in all, the caller's included (so
 * threads - 1 workers; 1 runs everything in the caller). Returns NULL when
 * threads < 1 or when memory or threads cannot be had.
 */
mnc_threadpool *mnc_threadpool_create(int threads);

/* Stops and joins the workers and frees the pool. NULL is ignored. */
void mnc_threadpool_destroy(mnc_threadpool *pool);

/* The number of threads the pool was created with. */
int mnc_threadpool_threads(const mnc_threadpool *pool);

/*
 * An mnc_parallel_for_fn: runs task over [0, count) on the pool's threads,
 * `pool` being an mnc_threadpool * (NULL runs it all in the calling thread),
 * and returns when every range is done. Pass it with the pool to
 * NAME_run_parallel.
 */
void mnc_threadpool_parallel_for(void *pool, mnc_task_fn task, void *task_ctx,
                                 int64_t count);

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* MNC_THREADPOOL_H_ */
