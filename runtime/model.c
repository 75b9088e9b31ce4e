/*===- model.c - loading compiled models and running their entry points ---===*
 *
 * A compiled artifact exports two symbols (with its --prefix):
 *   const char    <prefix>hnn_manifest[]  text description of the entry points
 *   hnn_entry_fn  <prefix>hnn_entries[]   their packed functions, same order
 * The manifest is line-based:
 *   hnn-manifest 2
 *   entry NAME NUM_ARGS NUM_RESULTS
 *   flops N                                (optional: FLOPs per sample)
 *   arg KIND NAME DTYPE RANK DIM...        (KIND input|trainable|frozen|state|
 *                                                optimizer|hyper)
 *   result KIND NAME DTYPE RANK DIM...     (KIND output|loss|update|gradsq;
 *                                           DIM -1: the dynamic batch)
 *   training KEY=VALUE ...                 (at most one, anywhere after line 1:
 *                                           the settings of hnnc --train)
 *===----------------------------------------------------------------------===*/
#include "runtime/internal.h"

#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct value_info {
  char name[128];
  hnn_arg_kind kind;
  hnn_result_kind result_kind;
  hnn_dtype dtype;
  int rank;
  int64_t shape[HNN_MAX_RANK];
} value_info;

typedef struct entry_info {
  char name[128];
  int num_args, num_results;
  int64_t flops; /* per sample, as the compiler estimated; 0 if unknown */
  value_info *values; /* args, then results */
  hnn_entry_fn fn;
} entry_info;

struct hnn_model {
  void *dl; /* dlopen handle, NULL when linked statically */
  int num_entries;
  entry_info *entries;
  int num_training; /* KEY=VALUE pairs of the training line */
  char **training_keys, **training_values;
};

static int parse_dtype(const char *s, hnn_dtype *out) {
  for (int d = HNN_F32; d <= HNN_I64; ++d)
    if (strcmp(s, hnn_dtype_name((hnn_dtype)d)) == 0) {
      *out = (hnn_dtype)d;
      return 1;
    }
  return 0;
}

static int parse_kind(const char *s, hnn_arg_kind *out) {
  static const char *names[] = {"input", "trainable", "frozen", "state", "optimizer", "hyper"};
  for (int k = 0; k < 6; ++k)
    if (strcmp(s, names[k]) == 0) {
      *out = (hnn_arg_kind)k;
      return 1;
    }
  return 0;
}

static int parse_result_kind(const char *s, hnn_result_kind *out) {
  static const char *names[] = {"output", "loss", "update", "gradsq"};
  for (int k = 0; k < 4; ++k)
    if (strcmp(s, names[k]) == 0) {
      *out = (hnn_result_kind)k;
      return 1;
    }
  return 0;
}

/* Parses "NAME DTYPE RANK DIM..." into `v`; returns 0 on malformed text. */
static int parse_value(char *rest, value_info *v) {
  char dtype[16];
  int consumed = 0;
  if (sscanf(rest, "%127s %15s %d%n", v->name, dtype, &v->rank, &consumed) != 3)
    return 0;
  if (!parse_dtype(dtype, &v->dtype) || v->rank < 0 || v->rank > HNN_MAX_RANK)
    return 0;
  rest += consumed;
  for (int i = 0; i < v->rank; ++i) {
    long long d;
    if (sscanf(rest, "%lld%n", &d, &consumed) != 1 || d < -1)
      return 0;
    v->shape[i] = d;
    rest += consumed;
  }
  return 1;
}

static void free_entries(hnn_model *m) {
  for (int i = 0; i < m->num_entries; ++i)
    free(m->entries[i].values);
  free(m->entries);
  for (int i = 0; i < m->num_training; ++i) {
    free(m->training_keys[i]);
    free(m->training_values[i]);
  }
  free(m->training_keys);
  free(m->training_values);
}

/* Parses the KEY=VALUE words of the training line into `m`. */
static hnn_status parse_training(char *rest, int line_no, hnn_model *m) {
  if (m->training_keys)
    return hnn_fail(HNN_ERR_FORMAT, "manifest line %d: a second training line", line_no);
  int words = 1;
  for (const char *p = rest; *p; ++p)
    words += *p == ' ' || *p == '\t' || *p == '\r';
  m->training_keys = calloc((size_t)words, sizeof(char *));
  m->training_values = calloc((size_t)words, sizeof(char *));
  if (!m->training_keys || !m->training_values)
    return hnn_fail(HNN_ERR_OUT_OF_MEMORY, "out of memory");
  char *save = NULL;
  for (char *w = strtok_r(rest, " \t\r", &save); w; w = strtok_r(NULL, " \t\r", &save)) {
    char *eq = strchr(w, '=');
    if (!eq || eq == w)
      return hnn_fail(HNN_ERR_FORMAT, "manifest line %d: expected KEY=VALUE, got '%.100s'",
                      line_no, w);
    *eq = 0;
    for (int i = 0; i < m->num_training; ++i)
      if (strcmp(m->training_keys[i], w) == 0)
        return hnn_fail(HNN_ERR_FORMAT, "manifest line %d: training key '%.100s' given twice",
                        line_no, w);
    char *key = strdup(w), *value = strdup(eq + 1);
    if (!key || !value) {
      free(key), free(value);
      return hnn_fail(HNN_ERR_OUT_OF_MEMORY, "out of memory");
    }
    m->training_keys[m->num_training] = key;
    m->training_values[m->num_training++] = value;
  }
  return HNN_OK;
}

const char *hnn_model_training_value(const hnn_model *m, const char *key) {
  for (int i = 0; m && key && i < m->num_training; ++i)
    if (strcmp(m->training_keys[i], key) == 0)
      return m->training_values[i];
  return NULL;
}

static hnn_status parse_manifest(const char *text, hnn_model *m) {
  char *copy = strdup(text);
  if (!copy)
    return hnn_fail(HNN_ERR_OUT_OF_MEMORY, "out of memory");
  hnn_status status = HNN_OK;
  int line_no = 0, version = 0;
  entry_info *cur = NULL;
  int filled = 0;
  char *save = NULL;
  for (char *line = strtok_r(copy, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
    ++line_no;
    char word[16];
    int consumed = 0;
    if (sscanf(line, "%15s%n", word, &consumed) != 1)
      continue;
    char *rest = line + consumed;
    if (line_no == 1) {
      if (strcmp(word, "hnn-manifest") != 0 || sscanf(rest, "%d", &version) != 1 ||
          version != 2) {
        status = hnn_fail(HNN_ERR_FORMAT, "manifest: expected 'hnn-manifest 2' on line 1");
        break;
      }
    } else if (strcmp(word, "entry") == 0) {
      if (cur && filled != cur->num_args + cur->num_results) {
        status = hnn_fail(HNN_ERR_FORMAT, "manifest line %d: entry '%s' is incomplete",
                          line_no, cur->name);
        break;
      }
      entry_info *grown = realloc(m->entries, (m->num_entries + 1) * sizeof *grown);
      if (!grown) {
        status = hnn_fail(HNN_ERR_OUT_OF_MEMORY, "out of memory");
        break;
      }
      m->entries = grown;
      cur = &m->entries[m->num_entries++];
      memset(cur, 0, sizeof *cur);
      if (sscanf(rest, "%127s %d %d", cur->name, &cur->num_args, &cur->num_results) != 3 ||
          cur->num_args < 0 || cur->num_results < 0 || cur->num_args + cur->num_results > 4096) {
        status = hnn_fail(HNN_ERR_FORMAT, "manifest line %d: malformed entry", line_no);
        break;
      }
      cur->values = calloc((size_t)(cur->num_args + cur->num_results) + 1, sizeof(value_info));
      filled = 0;
    } else if (strcmp(word, "flops") == 0 && cur) {
      long long f;
      if (sscanf(rest, "%lld", &f) != 1 || f < 0) {
        status = hnn_fail(HNN_ERR_FORMAT, "manifest line %d: malformed flops", line_no);
        break;
      }
      cur->flops = f;
    } else if ((strcmp(word, "arg") == 0 || strcmp(word, "result") == 0) && cur) {
      int is_arg = word[0] == 'a';
      if (is_arg ? filled >= cur->num_args : filled >= cur->num_args + cur->num_results ||
                                                   filled < cur->num_args) {
        status = hnn_fail(HNN_ERR_FORMAT, "manifest line %d: unexpected %s", line_no, word);
        break;
      }
      value_info *v = &cur->values[filled++];
      v->kind = HNN_ARG_INPUT;
      v->result_kind = HNN_RESULT_OUTPUT;
      char kind[16];
      if (sscanf(rest, "%15s%n", kind, &consumed) != 1 ||
          !(is_arg ? parse_kind(kind, &v->kind) : parse_result_kind(kind, &v->result_kind))) {
        status = hnn_fail(HNN_ERR_FORMAT, "manifest line %d: bad %s kind", line_no,
                          is_arg ? "argument" : "result");
        break;
      }
      rest += consumed;
      if (!parse_value(rest, v)) {
        status = hnn_fail(HNN_ERR_FORMAT, "manifest line %d: malformed %s", line_no, word);
        break;
      }
    } else if (strcmp(word, "training") == 0) {
      if ((status = parse_training(rest, line_no, m)) != HNN_OK)
        break;
    } else {
      status = hnn_fail(HNN_ERR_FORMAT, "manifest line %d: unexpected '%s'", line_no, word);
      break;
    }
  }
  if (status == HNN_OK && version != 2)
    status = hnn_fail(HNN_ERR_FORMAT, "manifest: empty");
  if (status == HNN_OK && cur && filled != cur->num_args + cur->num_results)
    status = hnn_fail(HNN_ERR_FORMAT, "manifest: entry '%s' is incomplete", cur->name);
  free(copy);
  return status;
}

static hnn_status open_model(void *dl, const char *manifest, const hnn_entry_fn *entries,
                             hnn_set_allocator_fn set_allocator, hnn_model **out) {
  hnn_model *m = calloc(1, sizeof *m);
  if (!m)
    return hnn_fail(HNN_ERR_OUT_OF_MEMORY, "out of memory");
  m->dl = dl;
  hnn_status s = parse_manifest(manifest, m);
  if (s != HNN_OK) {
    free_entries(m);
    free(m);
    return s;
  }
  for (int i = 0; i < m->num_entries; ++i)
    m->entries[i].fn = entries[i];
  if (set_allocator)
    set_allocator(hnn_buffer_alloc, hnn_buffer_free);
  *out = m;
  return HNN_OK;
}

hnn_status hnn_model_open_static(const char *manifest, const hnn_entry_fn *entries,
                                 hnn_set_allocator_fn set_allocator, hnn_model **out) {
  if (!manifest || !entries || !out)
    return hnn_fail(HNN_ERR_INVALID_ARGUMENT, "hnn_model_open_static: null argument");
  return open_model(NULL, manifest, entries, set_allocator, out);
}

hnn_status hnn_model_load(const char *path, const char *prefix, hnn_model **out) {
  if (!path || !out)
    return hnn_fail(HNN_ERR_INVALID_ARGUMENT, "hnn_model_load: null argument");
  if (!prefix)
    prefix = "";
  /* dlopen searches the library path for a name without a slash: "m.so"
   * means the file in the working directory here. */
  char local[4096];
  const char *file = path;
  if (!strchr(path, '/') && snprintf(local, sizeof local, "./%s", path) < (int)sizeof local)
    file = local;
  void *dl = dlopen(file, RTLD_NOW | RTLD_LOCAL);
  if (!dl)
    return hnn_fail(HNN_ERR_NOT_FOUND, "cannot load %s: %s", path, dlerror());
  char sym[256];
  snprintf(sym, sizeof sym, "%shnn_manifest", prefix);
  const char *manifest = dlsym(dl, sym);
  snprintf(sym, sizeof sym, "%shnn_entries", prefix);
  const hnn_entry_fn *entries = dlsym(dl, sym);
  if (!manifest || !entries) {
    dlclose(dl);
    return hnn_fail(HNN_ERR_NOT_FOUND,
                    "%s is not an hnn model compiled with prefix '%s' (no %shnn_manifest)", path,
                    prefix, prefix);
  }
  snprintf(sym, sizeof sym, "%shnn_set_allocator", prefix);
  hnn_set_allocator_fn set_allocator = (hnn_set_allocator_fn)dlsym(dl, sym);
  hnn_status s = open_model(dl, manifest, entries, set_allocator, out);
  if (s != HNN_OK)
    dlclose(dl);
  return s;
}

void hnn_model_free(hnn_model *m) {
  if (!m)
    return;
  free_entries(m);
  if (m->dl)
    dlclose(m->dl);
  free(m);
}

int hnn_model_num_entries(const hnn_model *m) { return m ? m->num_entries : 0; }

static const entry_info *get_entry(const hnn_model *m, int e) {
  return m && e >= 0 && e < m->num_entries ? &m->entries[e] : NULL;
}

const char *hnn_model_entry_name(const hnn_model *m, int e) {
  const entry_info *en = get_entry(m, e);
  return en ? en->name : NULL;
}

int hnn_model_find_entry(const hnn_model *m, const char *name) {
  for (int i = 0; m && name && i < m->num_entries; ++i)
    if (strcmp(m->entries[i].name, name) == 0)
      return i;
  return -1;
}

int64_t hnn_model_flops_per_sample(const hnn_model *m, int e) {
  const entry_info *en = get_entry(m, e);
  return en ? en->flops : -1;
}

int hnn_model_num_args(const hnn_model *m, int e) {
  const entry_info *en = get_entry(m, e);
  return en ? en->num_args : -1;
}

int hnn_model_num_results(const hnn_model *m, int e) {
  const entry_info *en = get_entry(m, e);
  return en ? en->num_results : -1;
}

static void fill_info(const value_info *v, hnn_arg_info *out) {
  out->name = v->name;
  out->kind = v->kind;
  out->result_kind = v->result_kind;
  out->dtype = v->dtype;
  out->rank = v->rank;
  out->shape = v->shape;
}

hnn_status hnn_model_arg_info(const hnn_model *m, int e, int i, hnn_arg_info *out) {
  const entry_info *en = get_entry(m, e);
  if (!en || !out || i < 0 || i >= en->num_args)
    return hnn_fail(HNN_ERR_INVALID_ARGUMENT, "no argument %d of entry %d", i, e);
  fill_info(&en->values[i], out);
  return HNN_OK;
}

hnn_status hnn_model_result_info(const hnn_model *m, int e, int i, hnn_arg_info *out) {
  const entry_info *en = get_entry(m, e);
  if (!en || !out || i < 0 || i >= en->num_results)
    return hnn_fail(HNN_ERR_INVALID_ARGUMENT, "no result %d of entry %d", i, e);
  fill_info(&en->values[en->num_args + i], out);
  return HNN_OK;
}

/* Checks `t` against `v`, binding the batch size on first sight. */
static hnn_status check_value(const entry_info *en, const value_info *v, const hnn_tensor *t,
                              const char *what, int index, int64_t *batch) {
  if (!t)
    return hnn_fail(HNN_ERR_INVALID_ARGUMENT, "%s: %s %d ('%s') is null", en->name, what, index,
                    v->name);
  if (t->dtype != v->dtype || t->rank != v->rank)
    return hnn_fail(HNN_ERR_SHAPE, "%s: %s %d ('%s') must be %s of rank %d, got %s of rank %d",
                    en->name, what, index, v->name, hnn_dtype_name(v->dtype), v->rank,
                    hnn_dtype_name(t->dtype), t->rank);
  for (int d = 0; d < v->rank; ++d) {
    int64_t want = v->shape[d];
    if (want == -1) {
      if (*batch < 0)
        *batch = t->shape[d];
      want = *batch;
    }
    if (t->shape[d] != want)
      return hnn_fail(HNN_ERR_SHAPE, "%s: %s %d ('%s') has size %lld in dimension %d, expected %lld",
                      en->name, what, index, v->name, (long long)t->shape[d], d,
                      (long long)want);
  }
  return HNN_OK;
}

/* A strided memref descriptor {allocated, aligned, offset, sizes[r], strides[r]}
 * in `desc` (3 + 2r words). */
static void make_descriptor(const hnn_tensor *t, int64_t *desc) {
  desc[0] = (int64_t)(intptr_t)t->data;
  desc[1] = (int64_t)(intptr_t)t->data;
  desc[2] = 0;
  int64_t stride = 1;
  for (int d = t->rank - 1; d >= 0; --d) {
    desc[3 + d] = t->shape[d];
    desc[3 + t->rank + d] = stride;
    stride *= t->shape[d];
  }
}

/* Whether the storage of `a` and `b` overlaps. */
static int overlaps(const hnn_tensor *a, const hnn_tensor *b) {
  const char *pa = hnn_tensor_data(a), *pb = hnn_tensor_data(b);
  size_t na = hnn_tensor_nbytes(a), nb = hnn_tensor_nbytes(b);
  return na && nb && pa < pb + nb && pb < pa + na;
}

/* Results are written while arguments may still be read (and the compiled
 * code keeps partial results in registers on that basis), so no result may
 * share memory with an argument or with another result. */
static hnn_status check_distinct(const entry_info *en, hnn_tensor *const *args, int num_args,
                                 hnn_tensor *const *results, int num_results) {
  for (int i = 0; i < num_results; ++i) {
    const char *name = en->values[num_args + i].name;
    for (int j = 0; j < num_args; ++j)
      if (overlaps(results[i], args[j]))
        return hnn_fail(HNN_ERR_INVALID_ARGUMENT,
                        "%s: result %d ('%s') shares memory with argument %d ('%s')", en->name, i,
                        name, j, en->values[j].name);
    for (int k = 0; k < i; ++k)
      if (overlaps(results[i], results[k]))
        return hnn_fail(HNN_ERR_INVALID_ARGUMENT,
                        "%s: result %d ('%s') shares memory with result %d ('%s')", en->name, i,
                        name, k, en->values[num_args + k].name);
  }
  return HNN_OK;
}

hnn_status hnn_model_run(const hnn_model *m, int e, hnn_tensor *const *args, int num_args,
                         hnn_tensor **results, int num_results) {
  const entry_info *en = get_entry(m, e);
  if (!en)
    return hnn_fail(HNN_ERR_INVALID_ARGUMENT, "no entry point %d", e);
  if (num_args != en->num_args || num_results != en->num_results)
    return hnn_fail(HNN_ERR_INVALID_ARGUMENT, "%s takes %d arguments and %d results, got %d and %d",
                    en->name, en->num_args, en->num_results, num_args, num_results);
  if ((num_args && !args) || (num_results && !results))
    return hnn_fail(HNN_ERR_INVALID_ARGUMENT, "%s: null argument or result array", en->name);
  int64_t batch = -1;
  for (int i = 0; i < num_args; ++i) {
    hnn_status s = check_value(en, &en->values[i], args[i], "argument", i, &batch);
    if (s != HNN_OK)
      return s;
  }
  int total = num_args + num_results;
  int64_t *descs = malloc((size_t)total * (3 + 2 * HNN_MAX_RANK) * sizeof(int64_t));
  void **packed = malloc((size_t)(total + 1) * sizeof(void *));
  int *created = calloc((size_t)num_results + 1, sizeof(int));
  if (!descs || !packed || !created) {
    free(descs), free(packed), free(created);
    return hnn_fail(HNN_ERR_OUT_OF_MEMORY, "out of memory");
  }
  hnn_status s = HNN_OK;
  for (int i = 0; i < num_results && s == HNN_OK; ++i) {
    const value_info *v = &en->values[num_args + i];
    if (!results[i]) {
      int64_t shape[HNN_MAX_RANK];
      for (int d = 0; d < v->rank; ++d) {
        shape[d] = v->shape[d] == -1 ? batch : v->shape[d];
        if (shape[d] < 0)
          s = hnn_fail(HNN_ERR_SHAPE, "%s: result %d has a batch dimension but no argument does",
                       en->name, i);
      }
      if (s == HNN_OK && (s = hnn_tensor_create(v->dtype, v->rank, shape, &results[i])) == HNN_OK)
        created[i] = 1;
    }
    if (s == HNN_OK)
      s = check_value(en, v, results[i], "result", i, &batch);
  }
  if (s == HNN_OK)
    s = check_distinct(en, args, num_args, results, num_results);
  if (s == HNN_OK) {
    for (int i = 0; i < total; ++i) {
      int64_t *desc = descs + (size_t)i * (3 + 2 * HNN_MAX_RANK);
      make_descriptor(i < num_args ? args[i] : results[i - num_args], desc);
      packed[i] = desc;
    }
    en->fn(packed);
  } else {
    for (int i = 0; i < num_results; ++i)
      if (created[i]) {
        hnn_tensor_free(results[i]);
        results[i] = NULL;
      }
  }
  free(descs), free(packed), free(created);
  return s;
}
