/*===- hnnrt.h - the hnn runtime C API ------------------------------------===*
 *
 * Everything an application needs to run a model compiled by hnnc:
 *   - tensors (dtype, shape, 64-byte aligned host memory, or a view of the
 *     caller's buffer without a copy),
 *   - models, loaded from a shared library (`hnnc --emit=lib`) or linked
 *     statically (`hnnc --emit=obj --header=model.h`), with their entry points
 *     and the names, roles and shapes of every argument and result,
 *   - running an entry point, and NPY files for tensors on disk,
 *   - training a model compiled with hnnc --train (docs/training.md), and the
 *     peak memory of compiled code.
 *
 * Every call returns an hnn_status; on failure hnn_last_error() gives a
 * message for the calling thread. A loaded model is immutable: several threads
 * may run it at once, each with its own tensors.
 *===----------------------------------------------------------------------===*/
#ifndef HNN_RUNTIME_HNNRT_H
#define HNN_RUNTIME_HNNRT_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum hnn_status {
  HNN_OK = 0,
  HNN_ERR_INVALID_ARGUMENT = 1, /* a bad call: null pointer, wrong count, ... */
  HNN_ERR_SHAPE = 2,            /* a tensor's dtype or shape does not fit */
  HNN_ERR_IO = 3,               /* a file could not be read or written */
  HNN_ERR_FORMAT = 4,           /* a file or manifest is malformed */
  HNN_ERR_NOT_FOUND = 5,        /* no such entry point, symbol or file */
  HNN_ERR_OUT_OF_MEMORY = 6,
} hnn_status;

typedef enum hnn_dtype {
  HNN_F32 = 0,
  HNN_F16 = 1,
  HNN_BF16 = 2,
  HNN_I32 = 3,
  HNN_I64 = 4,
} hnn_dtype;

/* The role of an entry point's argument. */
typedef enum hnn_arg_kind {
  HNN_ARG_INPUT = 0,     /* data fed per call */
  HNN_ARG_TRAINABLE = 1, /* a parameter that training updates */
  HNN_ARG_FROZEN = 2,    /* a parameter that is never trained */
  HNN_ARG_STATE = 3,     /* state such as BatchNorm running statistics */
  HNN_ARG_OPTIMIZER = 4, /* optimizer state of a trainable parameter (train_step) */
  HNN_ARG_HYPER = 5,     /* a rank-0 f32 scalar fed per step: "lr", "step" */
} hnn_arg_kind;

/* The role of an entry point's result. */
typedef enum hnn_result_kind {
  HNN_RESULT_OUTPUT = 0, /* a model output (or an @init value, named by its parameter) */
  HNN_RESULT_LOSS = 1,   /* the rank-0 f32 loss of the batch */
  HNN_RESULT_UPDATE = 2, /* the new value of the argument of the same name */
  HNN_RESULT_GRADSQ = 3, /* rank-0 f32: squared L2 norm of the named parameter's gradient */
} hnn_result_kind;

#define HNN_MAX_RANK 8

/* The message of the last failed call on this thread ("" if none). */
const char *hnn_last_error(void);
const char *hnn_status_name(hnn_status status);
const char *hnn_dtype_name(hnn_dtype dtype);
size_t hnn_dtype_size(hnn_dtype dtype);

/*===------------------------------ tensors -------------------------------===*/

typedef struct hnn_tensor hnn_tensor;

/* A new zero-filled tensor with 64-byte aligned storage. */
hnn_status hnn_tensor_create(hnn_dtype dtype, int rank, const int64_t *shape,
                             hnn_tensor **out);
/* A tensor over `data` (row-major, at least numel * dtype size bytes), which
 * the caller keeps alive and frees; no copy is made. */
hnn_status hnn_tensor_wrap(hnn_dtype dtype, int rank, const int64_t *shape, void *data,
                           hnn_tensor **out);
void hnn_tensor_free(hnn_tensor *tensor);

void *hnn_tensor_data(const hnn_tensor *tensor);
hnn_dtype hnn_tensor_dtype(const hnn_tensor *tensor);
int hnn_tensor_rank(const hnn_tensor *tensor);
const int64_t *hnn_tensor_shape(const hnn_tensor *tensor);
int64_t hnn_tensor_numel(const hnn_tensor *tensor);
size_t hnn_tensor_nbytes(const hnn_tensor *tensor);

/* NPY (version 1-3, little-endian, C order; f4, f2, i4, i8). */
hnn_status hnn_npy_load(const char *path, hnn_tensor **out);
/* Written to a temporary file and renamed, so `path` is never half-written. */
hnn_status hnn_npy_save(const char *path, const hnn_tensor *tensor);

/*===------------------------- weights (safetensors) ----------------------===*/

/* A set of named tensors, as stored in a safetensors file (f32, f16, bf16,
 * i32, i64; little-endian). Loading validates the header against the file
 * size and bounds-checks every offset and shape. Names are kept in byte
 * order: hnn_weights_name(w, 0..count-1) lists them sorted. A set may be read
 * from several threads at once. */
typedef struct hnn_weights hnn_weights;

hnn_status hnn_weights_load(const char *path, hnn_weights **out);
/* An empty set, to fill with hnn_weights_put and save. */
hnn_status hnn_weights_create(hnn_weights **out);
void hnn_weights_free(hnn_weights *weights);
int hnn_weights_count(const hnn_weights *weights);
const char *hnn_weights_name(const hnn_weights *weights, int index);
/* The tensor called `name`, or NULL. Owned by the set. */
const hnn_tensor *hnn_weights_get(const hnn_weights *weights, const char *name);
/* Adds (or replaces) `name` with a copy of `tensor`. */
hnn_status hnn_weights_put(hnn_weights *weights, const char *name, const hnn_tensor *tensor);
/* Writes a safetensors file through a temporary file and a rename. */
hnn_status hnn_weights_save(const hnn_weights *weights, const char *path);
/* The "__metadata__" strings of the file: keys in byte order, the value of
 * `key` (or NULL), and adding or replacing one before saving. */
int hnn_weights_num_metadata(const hnn_weights *weights);
const char *hnn_weights_metadata_key(const hnn_weights *weights, int index);
const char *hnn_weights_metadata(const hnn_weights *weights, const char *key);
hnn_status hnn_weights_set_metadata(hnn_weights *weights, const char *key, const char *value);

/*===------------------------- IDX (MNIST) files ---------------------------===*/

/* The IDX format of MNIST and Fashion-MNIST, plain or gzip-compressed (the
 * latter only when libhnnrt was built with zlib; the message says so
 * otherwise): big-endian magic 0 0 TYPE RANK, RANK big-endian u32 dimensions,
 * then the big-endian elements. TYPE is 0x08 (u8), 0x09 (i8), 0x0B (i16),
 * 0x0C (i32), 0x0D (f32) or 0x0E (f64). The tensor is
 *   - rank 1 (labels), integer TYPE: i64, values as stored;
 *   - rank >= 2 (images), u8: f32 scaled to [0, 1] (value / 255);
 *   - rank >= 2, other integer TYPE: f32, values as stored;
 *   - f32 or f64 TYPE, any rank: f32 (f64 rounded).
 * The file must hold exactly the elements its dimensions imply. */
hnn_status hnn_idx_load(const char *path, hnn_tensor **out);
/* The same, keeping at most the first `limit` entries of dimension 0 (the
 * samples) and reading no further; a negative `limit` keeps all. */
hnn_status hnn_idx_load_first(const char *path, int64_t limit, hnn_tensor **out);

/*===------------------------------ models --------------------------------===*/

typedef struct hnn_model hnn_model;

/* The calling convention of a compiled entry point: `args` holds one pointer
 * per argument, then one per result, each to a strided memref descriptor. */
typedef void (*hnn_entry_fn)(void **args);

/* Every artifact exports `<prefix>hnn_set_allocator`, through which the
 * runtime gives the model's intermediate buffers a caching allocator. Without
 * it (a model called directly) the model uses aligned_alloc and free. */
typedef void *(*hnn_alloc_fn)(size_t alignment, size_t size);
typedef void (*hnn_free_fn)(void *ptr);
typedef void (*hnn_set_allocator_fn)(hnn_alloc_fn alloc, hnn_free_fn free);

typedef struct hnn_arg_info {
  const char *name;     /* parameter name, or "argN" / "resultN" */
  hnn_arg_kind kind;    /* HNN_ARG_INPUT for results */
  hnn_dtype dtype;
  int rank;
  const int64_t *shape; /* -1 marks the dynamic batch dimension */
  hnn_result_kind result_kind; /* for results; HNN_RESULT_OUTPUT for arguments */
} hnn_arg_info;

/* Loads `path` (a shared library from hnnc --emit=lib). `prefix` is the
 * --prefix it was compiled with (NULL or "" for none). */
hnn_status hnn_model_load(const char *path, const char *prefix, hnn_model **out);
/* A model linked into the program: the manifest, entry table and allocator
 * hook that the header hnnc writes declares (`<prefix>hnn_open()` there calls
 * this). `set_allocator` may be NULL. */
hnn_status hnn_model_open_static(const char *manifest, const hnn_entry_fn *entries,
                                 hnn_set_allocator_fn set_allocator, hnn_model **out);
void hnn_model_free(hnn_model *model);

int hnn_model_num_entries(const hnn_model *model);
const char *hnn_model_entry_name(const hnn_model *model, int entry);
/* Index of the entry called `name`, or -1. */
int hnn_model_find_entry(const hnn_model *model, const char *name);
/* The compiler's estimate of the floating-point operations of one call with
 * batch 1 (2 per multiply-add); 0 when the artifact does not say. */
int64_t hnn_model_flops_per_sample(const hnn_model *model, int entry);
int hnn_model_num_args(const hnn_model *model, int entry);
int hnn_model_num_results(const hnn_model *model, int entry);
hnn_status hnn_model_arg_info(const hnn_model *model, int entry, int index, hnn_arg_info *out);
hnn_status hnn_model_result_info(const hnn_model *model, int entry, int index,
                                 hnn_arg_info *out);

/* Runs `entry`. `args` must match the entry's arguments in dtype and shape
 * (one batch size for all dynamic dimensions). Each `results[i]` is either a
 * tensor of the right shape to write into, or NULL, in which case a new tensor
 * is created and stored there (the caller frees it). A result tensor must not
 * share memory with an argument or another result. */
hnn_status hnn_model_run(const hnn_model *model, int entry, hnn_tensor *const *args,
                         int num_args, hnn_tensor **results, int num_results);

/* Fills the parameter arguments (trainable, frozen, state) of `entry` from
 * `weights` by name: args[i] becomes a tensor owned by the caller (free it)
 * for every parameter; input and hyper arguments are left untouched, and so
 * are optimizer-state arguments the set lacks (those it has are filled like
 * parameters). Missing, extra (with `strict`) and mis-shaped tensors are all
 * listed in one error message. */
hnn_status hnn_model_bind_weights(const hnn_model *model, int entry,
                                  const hnn_weights *weights, int strict,
                                  hnn_tensor **args, int num_args);

/*===------------------------------ training ------------------------------===*/

/* A model compiled with `hnnc --train` has the entries `train_step` and
 * `eval_step` (and `forward`, and `init` unless weights were baked in).
 * A trainer owns the parameters, the optimizer state and the step count,
 * feeds the learning-rate schedule recorded in the manifest, and keeps two
 * buffers per parameter and optimizer slot: each step writes the `update`
 * results into the spare ones and swaps them with the arguments (no copies).
 * Not thread-safe: one trainer per thread. */
typedef struct hnn_trainer hnn_trainer;

typedef struct hnn_step_result {
  float loss;
  /* The first model output of the step (the prediction), owned by the
   * trainer and valid until its next call; NULL if the entry has none. */
  const hnn_tensor *output;
  /* Set by hnn_trainer_step when the loss or a gradient is NaN or infinite:
   * the first parameter (manifest order) whose gradient is not finite, or ""
   * when every gradient is finite (the loss alone is not). Otherwise NULL. */
  const char *nonfinite_param;
} hnn_step_result;

/* A trainer over `model` (which must outlive it). Parameters come from
 * `weights` by name when it is non-NULL (every parameter must be present;
 * optimizer state is taken from it when present, else zeros), else from the
 * model's `init` entry. */
hnn_status hnn_trainer_create(const hnn_model *model, const hnn_weights *weights,
                              hnn_trainer **out);
void hnn_trainer_free(hnn_trainer *trainer);
/* The data inputs of train_step (labels included), in order. */
int hnn_trainer_num_inputs(const hnn_trainer *trainer);
hnn_status hnn_trainer_input_info(const hnn_trainer *trainer, int index, hnn_arg_info *out);
/* Optimizer updates applied so far. */
int64_t hnn_trainer_steps(const hnn_trainer *trainer);
/* The learning rate the schedule gives update number `step` (0-based). */
double hnn_trainer_lr(const hnn_trainer *trainer, int64_t step);
/* Replaces the manifest's base learning rate `lr` by `lr` (> 0), scaling the
 * whole schedule (min_lr, max_lr) by the same factor. */
hnn_status hnn_trainer_set_lr(hnn_trainer *trainer, double lr);
/* One optimizer update on a batch: `inputs` as hnn_trainer_input_info lists. */
hnn_status hnn_trainer_step(hnn_trainer *trainer, hnn_tensor *const *inputs, int num_inputs,
                            hnn_step_result *out);
/* Loss and prediction without updating anything (BatchNorm in inference mode). */
hnn_status hnn_trainer_eval(hnn_trainer *trainer, hnn_tensor *const *inputs, int num_inputs,
                            hnn_step_result *out);
/* A checkpoint: every parameter, the optimizer state and the step count (and
 * the caller's metadata, `key=value` strings set below) in one safetensors
 * file, written atomically. Loading restores all of it exactly. */
hnn_status hnn_trainer_set_metadata(hnn_trainer *trainer, const char *key, const char *value);
const char *hnn_trainer_metadata(const hnn_trainer *trainer, const char *key);
hnn_status hnn_trainer_save(const hnn_trainer *trainer, const char *path);
hnn_status hnn_trainer_load(hnn_trainer *trainer, const char *path);
/* The parameters of `forward` (what hnnc --weights and hnn-run infer read):
 * every trainable, frozen and state tensor, no optimizer state. */
hnn_status hnn_trainer_export(const hnn_trainer *trainer, const char *path);

/*===------------------------------ KAN grids ------------------------------===*/

/* Grid update of every B-spline KAN layer (models compiled with --train have
 * a `kan_features` entry returning each layer's input): new knots fitted to
 * the batch's activations (sample quantiles blended with a uniform row;
 * grid_eps 0.02 and margin 0.01 are the usual values) and the spline
 * coefficients refitted by least squares so that every edge computes what it
 * did on the batch; the scalers are kept, and the optimizer state of the
 * refitted coefficients is reset. *layers receives the number of layers
 * updated (0 for a model without B-spline layers). */
hnn_status hnn_trainer_kan_grid_update(hnn_trainer *trainer, hnn_tensor *const *inputs,
                                       int num_inputs, double grid_eps, double margin,
                                       int *layers);
/* Grid extension of a weight set: every `<layer>.grid` and
 * `<layer>.spline_weight` refitted onto `new_grid_size` uniform intervals of
 * the same range (for the model compiled with that grid_size); other tensors
 * are copied, the refitted weights' optimizer state is left out. */
hnn_status hnn_kan_extend_grid(const hnn_weights *weights, int new_grid_size,
                               hnn_weights **out);

/*===------------------------------- memory -------------------------------===*/

/* Compiled models allocate their intermediate buffers through the runtime
 * (a cache of large blocks, HNN_ALLOC_CACHE_MB). The most bytes of those
 * buffers in use at once since the last reset (process-wide; blocks kept in
 * the cache between calls do not count, tensors and parameters neither), and
 * restarting that count from the bytes in use now. */
size_t hnn_memory_peak_bytes(void);
void hnn_memory_reset_peak(void);

#ifdef __cplusplus
}
#endif

#endif /* HNN_RUNTIME_HNNRT_H */
