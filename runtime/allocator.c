/*===- allocator.c - the allocator compiled models use --------------------===*
 *
 * Compiled models allocate their intermediate buffers on every call. Large
 * blocks from malloc come from fresh mmap'd pages each time, and faulting
 * those pages in costs as much as the arithmetic (half of a 3x3 convolution's
 * time). The runtime installs this allocator in every model it opens: large
 * blocks are kept in a cache keyed by size and reused by the next call, up to
 * HNN_ALLOC_CACHE_MB megabytes (default 1024; 0 disables the cache).
 *
 * It also counts the bytes of its blocks in use (sizes as rounded here) and
 * their high-water mark, which hnn_memory_peak_bytes reports: what a call
 * needs for its intermediates, whatever the cache holds.
 *===----------------------------------------------------------------------===*/
#include "runtime/internal.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

enum {
  HEADER = 64,             /* size record in front of each block, keeps 64-byte alignment */
  MIN_CACHED = 64 * 1024,  /* smaller blocks go straight to malloc's heap */
  SLOTS = 256,
  PER_SIZE = 8,
};

typedef struct slot {
  size_t size;
  int count;
  void *blocks[PER_SIZE];
} slot;

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static slot slots[SLOTS];
static size_t cached_bytes, cache_limit = (size_t)-1;
static atomic_size_t live_bytes, peak_bytes;

static void count_alloc(size_t size) {
  size_t live = atomic_fetch_add(&live_bytes, size) + size;
  size_t peak = atomic_load(&peak_bytes);
  while (live > peak && !atomic_compare_exchange_weak(&peak_bytes, &peak, live)) {
  }
}

size_t hnn_alloc_live_bytes(void) { return atomic_load(&live_bytes); }
size_t hnn_alloc_peak_bytes(void) { return atomic_load(&peak_bytes); }
void hnn_alloc_reset_peak(void) { atomic_store(&peak_bytes, atomic_load(&live_bytes)); }
size_t hnn_memory_peak_bytes(void) { return hnn_alloc_peak_bytes(); }
void hnn_memory_reset_peak(void) { hnn_alloc_reset_peak(); }

static size_t limit(void) {
  if (cache_limit == (size_t)-1) {
    const char *env = getenv("HNN_ALLOC_CACHE_MB");
    long mb = env ? strtol(env, NULL, 10) : 1024;
    cache_limit = mb > 0 ? (size_t)mb << 20 : 0;
  }
  return cache_limit;
}

/* Large sizes round up to 64 KiB so that nearby sizes share blocks. */
static size_t round_size(size_t size) {
  return size < MIN_CACHED ? size : (size + MIN_CACHED - 1) / MIN_CACHED * MIN_CACHED;
}

void *hnn_buffer_alloc(size_t alignment, size_t size) {
  (void)alignment; /* every block is 64-byte aligned, the most generated code asks for */
  size = round_size(size ? size : 1);
  if (size >= MIN_CACHED) {
    pthread_mutex_lock(&lock);
    for (int i = 0; i < SLOTS; ++i)
      if (slots[i].size == size && slots[i].count > 0) {
        void *p = slots[i].blocks[--slots[i].count];
        cached_bytes -= size;
        pthread_mutex_unlock(&lock);
        count_alloc(size);
        return p;
      }
    pthread_mutex_unlock(&lock);
  }
  char *base = aligned_alloc(64, (HEADER + size + 63) / 64 * 64);
  if (!base)
    return NULL;
  memcpy(base, &size, sizeof size);
  count_alloc(size);
  return base + HEADER;
}

void hnn_buffer_free(void *p) {
  if (!p)
    return;
  char *base = (char *)p - HEADER;
  size_t size;
  memcpy(&size, base, sizeof size);
  atomic_fetch_sub(&live_bytes, size);
  if (size >= MIN_CACHED) {
    pthread_mutex_lock(&lock);
    if (cached_bytes + size <= limit()) {
      slot *free_slot = NULL;
      for (int i = 0; i < SLOTS; ++i) {
        if (slots[i].size == size && slots[i].count < PER_SIZE) {
          free_slot = &slots[i];
          break;
        }
        if (!free_slot && slots[i].count == 0)
          free_slot = &slots[i];
      }
      if (free_slot) {
        free_slot->size = size;
        free_slot->blocks[free_slot->count++] = p;
        cached_bytes += size;
        pthread_mutex_unlock(&lock);
        return;
      }
    }
    pthread_mutex_unlock(&lock);
  }
  free(base);
}
