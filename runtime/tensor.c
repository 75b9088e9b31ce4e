/*===- tensor.c - host tensors --------------------------------------------===*/
#include "runtime/internal.h"

#include <stdlib.h>
#include <string.h>

static hnn_status check_shape(hnn_dtype dtype, int rank, const int64_t *shape) {
  if (hnn_dtype_size(dtype) == 0)
    return hnn_fail(HNN_ERR_INVALID_ARGUMENT, "unknown dtype %d", (int)dtype);
  if (rank < 0 || rank > HNN_MAX_RANK)
    return hnn_fail(HNN_ERR_INVALID_ARGUMENT, "rank %d is outside 0..%d", rank, HNN_MAX_RANK);
  if (rank > 0 && !shape)
    return hnn_fail(HNN_ERR_INVALID_ARGUMENT, "null shape for rank %d", rank);
  for (int i = 0; i < rank; ++i)
    if (shape[i] < 0)
      return hnn_fail(HNN_ERR_INVALID_ARGUMENT, "dimension %d has negative size %lld", i,
                      (long long)shape[i]);
  return HNN_OK;
}

static hnn_tensor *new_header(hnn_dtype dtype, int rank, const int64_t *shape) {
  hnn_tensor *t = calloc(1, sizeof *t);
  if (!t)
    return NULL;
  t->dtype = dtype;
  t->rank = rank;
  for (int i = 0; i < rank; ++i)
    t->shape[i] = shape[i];
  return t;
}

hnn_status hnn_tensor_create(hnn_dtype dtype, int rank, const int64_t *shape,
                             hnn_tensor **out) {
  if (!out)
    return hnn_fail(HNN_ERR_INVALID_ARGUMENT, "hnn_tensor_create: null output pointer");
  hnn_status s = check_shape(dtype, rank, shape);
  if (s != HNN_OK)
    return s;
  hnn_tensor *t = new_header(dtype, rank, shape);
  if (!t)
    return hnn_fail(HNN_ERR_OUT_OF_MEMORY, "out of memory for a tensor header");
  size_t bytes = hnn_tensor_nbytes(t);
  size_t rounded = (bytes + 63) / 64 * 64;
  t->data = aligned_alloc(64, rounded ? rounded : 64);
  if (!t->data) {
    free(t);
    return hnn_fail(HNN_ERR_OUT_OF_MEMORY, "out of memory for %zu bytes", bytes);
  }
  memset(t->data, 0, rounded ? rounded : 64);
  t->owned = 1;
  *out = t;
  return HNN_OK;
}

hnn_status hnn_tensor_wrap(hnn_dtype dtype, int rank, const int64_t *shape, void *data,
                           hnn_tensor **out) {
  if (!out || !data)
    return hnn_fail(HNN_ERR_INVALID_ARGUMENT, "hnn_tensor_wrap: null data or output pointer");
  hnn_status s = check_shape(dtype, rank, shape);
  if (s != HNN_OK)
    return s;
  hnn_tensor *t = new_header(dtype, rank, shape);
  if (!t)
    return hnn_fail(HNN_ERR_OUT_OF_MEMORY, "out of memory for a tensor header");
  t->data = data;
  *out = t;
  return HNN_OK;
}

void hnn_tensor_free(hnn_tensor *t) {
  if (!t)
    return;
  if (t->owned)
    free(t->data);
  free(t);
}

void *hnn_tensor_data(const hnn_tensor *t) { return t ? t->data : NULL; }
hnn_dtype hnn_tensor_dtype(const hnn_tensor *t) { return t->dtype; }
int hnn_tensor_rank(const hnn_tensor *t) { return t->rank; }
const int64_t *hnn_tensor_shape(const hnn_tensor *t) { return t->shape; }

int64_t hnn_tensor_numel(const hnn_tensor *t) {
  int64_t n = 1;
  for (int i = 0; i < t->rank; ++i)
    n *= t->shape[i];
  return n;
}

size_t hnn_tensor_nbytes(const hnn_tensor *t) {
  return (size_t)hnn_tensor_numel(t) * hnn_dtype_size(t->dtype);
}
