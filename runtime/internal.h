/*===- internal.h - shared by the runtime's translation units -------------===*/
#ifndef HNN_RUNTIME_INTERNAL_H
#define HNN_RUNTIME_INTERNAL_H

#include "runtime/hnnrt.h"

struct hnn_tensor {
  hnn_dtype dtype;
  int rank;
  int64_t shape[HNN_MAX_RANK];
  void *data;
  int owned; /* storage allocated by the runtime */
};

#ifdef __cplusplus
extern "C" {
#endif

/* Records a printf-style message for hnn_last_error() and returns `status`. */
hnn_status hnn_fail(hnn_status status, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void hnn_clear_error(void);

/* The caching allocator installed in every opened model (allocator.c). */
void *hnn_buffer_alloc(size_t alignment, size_t size);
void hnn_buffer_free(void *p);

#ifdef __cplusplus
}
#endif

#endif
