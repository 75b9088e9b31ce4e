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

/* One KAN layer's grid update (kan_grid.c): new knots from the activations
 * `acts` [..., F] and refitted coefficients, both written in place. */
hnn_status hnn_kan_refit_layer(const hnn_tensor *acts, hnn_tensor *grid, hnn_tensor *spline_weight,
                               double grid_eps, double margin);

/* The caching allocator installed in every opened model (allocator.c). */
void *hnn_buffer_alloc(size_t alignment, size_t size);
void hnn_buffer_free(void *p);
/* Bytes of its blocks in use (handed out and not yet freed; cached blocks do
 * not count) and their high-water mark since the last reset, which restarts
 * it at the bytes in use now. hnn_memory_peak_bytes is the public face. */
size_t hnn_alloc_live_bytes(void);
size_t hnn_alloc_peak_bytes(void);
void hnn_alloc_reset_peak(void);

/* The value of `key` on the manifest's training line (hnnc --train), or NULL
 * when the line or the key is absent. */
const char *hnn_model_training_value(const hnn_model *model, const char *key);

/*===------------------------ learning-rate schedules ---------------------===*/

typedef enum hnn_schedule_kind {
  HNN_SCHEDULE_CONSTANT,
  HNN_SCHEDULE_STEP,
  HNN_SCHEDULE_COSINE,
  HNN_SCHEDULE_ONE_CYCLE,
} hnn_schedule_kind;

/* The schedule of the training line's keys (defaults in parentheses):
 * schedule (constant), lr, warmup_steps (0), step_size, gamma (0.1),
 * total_steps, min_lr (0), max_lr, pct_start (0.3). */
typedef struct hnn_schedule {
  hnn_schedule_kind kind;
  double lr, gamma, min_lr, max_lr, pct_start;
  int64_t warmup_steps, step_size, total_steps;
} hnn_schedule;

/* Fills `out` from the training line of `model`; a missing required key or a
 * malformed value is an HNN_ERR_FORMAT naming it. */
hnn_status hnn_schedule_from_model(const hnn_model *model, hnn_schedule *out);
/* The learning rate of update `step` (0-based), in double. */
double hnn_schedule_lr(const hnn_schedule *schedule, int64_t step);

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
