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

/*===-------------------- safetensors (safetensors*.c) --------------------===*/

/* Loads a safetensors image from memory; `name` stands for the file in
 * messages. hnn_weights_load is this over the file's bytes. */
hnn_status hnn_weights_parse(const void *data, size_t size, const char *name,
                             hnn_weights **out);
/* The index of `name` in hnn_weights_name order, or -1. */
int hnn_weights_index(const hnn_weights *weights, const char *name);
/* The bytes hnn_weights_save would write, in a malloc'ed buffer. */
hnn_status hnn_weights_serialize(const hnn_weights *weights, void **data, size_t *size);

/* One tensor or metadata entry of a parsed header. */
typedef struct hnn_st_tensor {
  char *name;
  size_t pos; /* byte offset of its key in the header */
  hnn_dtype dtype;
  int rank;
  int64_t shape[HNN_MAX_RANK];
  uint64_t begin, end; /* byte range in the data buffer */
} hnn_st_tensor;

typedef struct hnn_st_meta {
  char *key, *value;
  size_t pos;
} hnn_st_meta;

typedef struct hnn_st_header {
  hnn_st_tensor *tensors; /* sorted by name */
  int num_tensors;
  hnn_st_meta *metas; /* sorted by key */
  int num_metas;
} hnn_st_header;

/* Parses and validates `len` bytes of header JSON (text[len] must be 0)
 * against a data buffer of `data_size` bytes; `file` names it in messages. */
hnn_status hnn_st_parse_header(const char *text, size_t len, uint64_t data_size,
                               const char *file, hnn_st_header *out);
void hnn_st_header_free(hnn_st_header *header);
/* Whether `s` is well-formed UTF-8 (no overlongs, surrogates or > U+10FFFF). */
int hnn_utf8_valid(const unsigned char *s, size_t len);

#ifdef __cplusplus
}
#endif

#endif
