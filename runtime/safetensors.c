/*===- safetensors.c - named tensor sets in safetensors files -------------===*
 *
 * A safetensors file is an 8-byte little-endian header length N, N bytes of
 * JSON, then the data buffer. The JSON is one object: each tensor name maps to
 * {"dtype": "F32", "shape": [2, 3], "data_offsets": [begin, end]} (offsets
 * into the data buffer), and an optional "__metadata__" maps to an object of
 * strings.
 *
 * safetensors_header.c parses and checks the header (strictly: see there);
 * this file holds the set, reads each tensor's bytes into its own aligned
 * tensor and writes files.
 *
 * Saving writes the header keys in name order, the data ordered by dtype size
 * (largest first) then name, contiguous from offset 0, so that every tensor
 * starts at a multiple of its element size, and pads the header with spaces to
 * an 8-byte boundary: the layout the reference implementation writes and
 * insists on when reading.
 *===----------------------------------------------------------------------===*/
#define _POSIX_C_SOURCE 200809L /* fseeko, fileno */
#include "runtime/internal.h"

#include <errno.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAX_HEADER ((uint64_t)100 << 20) /* the reference implementation's limit */

typedef struct entry {
  char *name;
  hnn_tensor *tensor;
} entry;

typedef struct meta {
  char *key, *value;
} meta;

struct hnn_weights {
  entry *entries; /* sorted by name (strcmp) */
  int count, cap;
  meta *metas; /* sorted by key */
  int num_metas, meta_cap;
};

/*===------------------------------ the set -------------------------------===*/

hnn_status hnn_weights_create(hnn_weights **out) {
  if (!out)
    return hnn_fail(HNN_ERR_INVALID_ARGUMENT, "hnn_weights_create: null output pointer");
  *out = calloc(1, sizeof **out);
  return *out ? HNN_OK : hnn_fail(HNN_ERR_OUT_OF_MEMORY, "out of memory for a weight set");
}

void hnn_weights_free(hnn_weights *w) {
  if (!w)
    return;
  for (int i = 0; i < w->count; ++i) {
    free(w->entries[i].name);
    hnn_tensor_free(w->entries[i].tensor);
  }
  for (int i = 0; i < w->num_metas; ++i) {
    free(w->metas[i].key);
    free(w->metas[i].value);
  }
  free(w->entries);
  free(w->metas);
  free(w);
}

int hnn_weights_count(const hnn_weights *w) { return w ? w->count : 0; }

const char *hnn_weights_name(const hnn_weights *w, int i) {
  return w && i >= 0 && i < w->count ? w->entries[i].name : NULL;
}

/* The index of `name`, or -(insertion point) - 1. */
static int find_entry(const hnn_weights *w, const char *name) {
  int lo = 0, hi = w->count;
  while (lo < hi) {
    int mid = lo + (hi - lo) / 2;
    int c = strcmp(w->entries[mid].name, name);
    if (c == 0)
      return mid;
    if (c < 0)
      lo = mid + 1;
    else
      hi = mid;
  }
  return -lo - 1;
}

static int find_meta(const hnn_weights *w, const char *key) {
  int lo = 0, hi = w->num_metas;
  while (lo < hi) {
    int mid = lo + (hi - lo) / 2;
    int c = strcmp(w->metas[mid].key, key);
    if (c == 0)
      return mid;
    if (c < 0)
      lo = mid + 1;
    else
      hi = mid;
  }
  return -lo - 1;
}

int hnn_weights_index(const hnn_weights *w, const char *name) {
  int i = w && name ? find_entry(w, name) : -1;
  return i >= 0 ? i : -1;
}

const hnn_tensor *hnn_weights_get(const hnn_weights *w, const char *name) {
  if (!w || !name)
    return NULL;
  int i = find_entry(w, name);
  return i >= 0 ? w->entries[i].tensor : NULL;
}

static hnn_status check_name(const char *name, const char *what) {
  if (!name)
    return hnn_fail(HNN_ERR_INVALID_ARGUMENT, "%s: null name", what);
  if (!*name)
    return hnn_fail(HNN_ERR_INVALID_ARGUMENT, "%s: empty tensor name", what);
  if (strcmp(name, "__metadata__") == 0)
    return hnn_fail(HNN_ERR_INVALID_ARGUMENT, "%s: '__metadata__' is reserved", what);
  if (!hnn_utf8_valid((const unsigned char *)name, strlen(name)))
    return hnn_fail(HNN_ERR_INVALID_ARGUMENT, "%s: name is not valid UTF-8", what);
  return HNN_OK;
}

/* Inserts or replaces `name`, taking ownership of `name` and `t` on success. */
static hnn_status insert_entry(hnn_weights *w, char *name, hnn_tensor *t) {
  int i = find_entry(w, name);
  if (i >= 0) {
    hnn_tensor_free(w->entries[i].tensor);
    free(name);
    w->entries[i].tensor = t;
    return HNN_OK;
  }
  i = -i - 1;
  if (w->count == w->cap) {
    int cap = w->cap ? 2 * w->cap : 16;
    entry *grown = realloc(w->entries, (size_t)cap * sizeof *grown);
    if (!grown)
      return hnn_fail(HNN_ERR_OUT_OF_MEMORY, "out of memory for %d weight names", cap);
    w->entries = grown;
    w->cap = cap;
  }
  memmove(&w->entries[i + 1], &w->entries[i], (size_t)(w->count - i) * sizeof(entry));
  w->entries[i].name = name;
  w->entries[i].tensor = t;
  ++w->count;
  return HNN_OK;
}

hnn_status hnn_weights_put(hnn_weights *w, const char *name, const hnn_tensor *tensor) {
  if (!w || !tensor)
    return hnn_fail(HNN_ERR_INVALID_ARGUMENT, "hnn_weights_put: null argument");
  hnn_status s = check_name(name, "hnn_weights_put");
  if (s != HNN_OK)
    return s;
  if (w->count == 1 << 30)
    return hnn_fail(HNN_ERR_INVALID_ARGUMENT, "hnn_weights_put: too many tensors");
  hnn_tensor *copy = NULL;
  s = hnn_tensor_create(tensor->dtype, tensor->rank, tensor->shape, &copy);
  if (s != HNN_OK)
    return s;
  memcpy(copy->data, tensor->data, hnn_tensor_nbytes(tensor));
  char *dup = strdup(name);
  if (!dup || (s = insert_entry(w, dup, copy)) != HNN_OK) {
    free(dup);
    hnn_tensor_free(copy);
    return dup ? s : hnn_fail(HNN_ERR_OUT_OF_MEMORY, "out of memory for a weight name");
  }
  return HNN_OK;
}

int hnn_weights_num_metadata(const hnn_weights *w) { return w ? w->num_metas : 0; }

const char *hnn_weights_metadata_key(const hnn_weights *w, int i) {
  return w && i >= 0 && i < w->num_metas ? w->metas[i].key : NULL;
}

const char *hnn_weights_metadata(const hnn_weights *w, const char *key) {
  if (!w || !key)
    return NULL;
  int i = find_meta(w, key);
  return i >= 0 ? w->metas[i].value : NULL;
}

/* Inserts or replaces `key`, taking ownership of both strings on success. */
static hnn_status insert_meta(hnn_weights *w, char *key, char *value) {
  int i = find_meta(w, key);
  if (i >= 0) {
    free(w->metas[i].value);
    free(key);
    w->metas[i].value = value;
    return HNN_OK;
  }
  i = -i - 1;
  if (w->num_metas == w->meta_cap) {
    int cap = w->meta_cap ? 2 * w->meta_cap : 8;
    meta *grown = realloc(w->metas, (size_t)cap * sizeof *grown);
    if (!grown)
      return hnn_fail(HNN_ERR_OUT_OF_MEMORY, "out of memory for %d metadata keys", cap);
    w->metas = grown;
    w->meta_cap = cap;
  }
  memmove(&w->metas[i + 1], &w->metas[i], (size_t)(w->num_metas - i) * sizeof(meta));
  w->metas[i].key = key;
  w->metas[i].value = value;
  ++w->num_metas;
  return HNN_OK;
}

hnn_status hnn_weights_set_metadata(hnn_weights *w, const char *key, const char *value) {
  if (!w || !key || !value)
    return hnn_fail(HNN_ERR_INVALID_ARGUMENT, "hnn_weights_set_metadata: null argument");
  if (!hnn_utf8_valid((const unsigned char *)key, strlen(key)) ||
      !hnn_utf8_valid((const unsigned char *)value, strlen(value)))
    return hnn_fail(HNN_ERR_INVALID_ARGUMENT,
                    "hnn_weights_set_metadata: key or value is not valid UTF-8");
  if (w->num_metas == 1 << 30)
    return hnn_fail(HNN_ERR_INVALID_ARGUMENT, "hnn_weights_set_metadata: too many keys");
  char *k = strdup(key), *v = strdup(value);
  hnn_status s = k && v ? insert_meta(w, k, v)
                        : hnn_fail(HNN_ERR_OUT_OF_MEMORY, "out of memory for metadata");
  if (s != HNN_OK)
    free(k), free(v);
  return s;
}

/*===------------------------------ loading -------------------------------===*/

/* The bytes of a file or of a memory buffer. */
typedef struct source {
  FILE *f;
  const unsigned char *mem;
  uint64_t size;
} source;

static int source_read(const source *src, uint64_t offset, void *dst, size_t n) {
  if (offset > src->size || n > src->size - offset)
    return 0;
  if (src->mem) {
    if (n)
      memcpy(dst, src->mem + offset, n);
    return 1;
  }
  if (fseeko(src->f, (off_t)offset, SEEK_SET) != 0)
    return 0;
  return fread(dst, 1, n, src->f) == n;
}

static hnn_status load(const source *src, const char *file, hnn_weights **out) {
  unsigned char len_bytes[8];
  if (src->size < 8)
    return hnn_fail(HNN_ERR_FORMAT,
                    "%s: %llu bytes is too short for a safetensors file (8-byte header length)",
                    file, (unsigned long long)src->size);
  if (!source_read(src, 0, len_bytes, 8))
    return hnn_fail(HNN_ERR_IO, "%s: cannot read the header length", file);
  uint64_t n = 0;
  for (int i = 7; i >= 0; --i)
    n = n << 8 | len_bytes[i];
  if (n > src->size - 8)
    return hnn_fail(HNN_ERR_FORMAT,
                    "%s: header length %llu runs past the end of the file (%llu bytes follow "
                    "the length)",
                    file, (unsigned long long)n, (unsigned long long)(src->size - 8));
  if (n > MAX_HEADER)
    return hnn_fail(HNN_ERR_FORMAT, "%s: header length %llu exceeds the limit of %llu bytes",
                    file, (unsigned long long)n, (unsigned long long)MAX_HEADER);
  char *text = malloc((size_t)n + 1);
  if (!text)
    return hnn_fail(HNN_ERR_OUT_OF_MEMORY, "%s: out of memory for a %llu-byte header", file,
                    (unsigned long long)n);
  if (!source_read(src, 8, text, (size_t)n)) {
    free(text);
    return hnn_fail(HNN_ERR_IO, "%s: cannot read the header", file);
  }
  text[n] = 0;
  hnn_st_header h = {0};
  hnn_weights *w = NULL;
  hnn_status s = hnn_st_parse_header(text, (size_t)n, src->size - 8 - n, file, &h);
  free(text);
  if (s == HNN_OK)
    s = hnn_weights_create(&w);
  /* The header lists names and keys sorted and unique: append them in order. */
  if (s == HNN_OK && h.num_tensors) {
    w->entries = calloc((size_t)h.num_tensors, sizeof(entry));
    w->cap = h.num_tensors;
    if (!w->entries)
      s = hnn_fail(HNN_ERR_OUT_OF_MEMORY, "%s: out of memory for %d tensors", file,
                   h.num_tensors);
  }
  for (int i = 0; s == HNN_OK && i < h.num_tensors; ++i) {
    hnn_st_tensor *t = &h.tensors[i];
    hnn_tensor *tensor = NULL;
    s = hnn_tensor_create(t->dtype, t->rank, t->shape, &tensor);
    if (s == HNN_OK &&
        !source_read(src, 8 + n + t->begin, tensor->data, (size_t)(t->end - t->begin))) {
      hnn_tensor_free(tensor);
      s = hnn_fail(HNN_ERR_IO, "%s: cannot read the data of tensor '%.100s'", file, t->name);
    }
    if (s == HNN_OK) {
      w->entries[w->count++] = (entry){t->name, tensor};
      t->name = NULL; /* now owned by the set */
    }
  }
  if (s == HNN_OK && h.num_metas) {
    w->metas = calloc((size_t)h.num_metas, sizeof(meta));
    w->meta_cap = h.num_metas;
    if (!w->metas)
      s = hnn_fail(HNN_ERR_OUT_OF_MEMORY, "%s: out of memory for metadata", file);
  }
  for (int i = 0; s == HNN_OK && i < h.num_metas; ++i) {
    w->metas[w->num_metas++] = (meta){h.metas[i].key, h.metas[i].value};
    h.metas[i].key = h.metas[i].value = NULL;
  }
  hnn_st_header_free(&h);
  if (s != HNN_OK) {
    hnn_weights_free(w);
    return s;
  }
  *out = w;
  return HNN_OK;
}

hnn_status hnn_weights_parse(const void *data, size_t size, const char *name,
                             hnn_weights **out) {
  if ((!data && size) || !out)
    return hnn_fail(HNN_ERR_INVALID_ARGUMENT, "hnn_weights_parse: null argument");
  source src = {.mem = data ? data : (const unsigned char *)"", .size = size};
  return load(&src, name ? name : "<memory>", out);
}

hnn_status hnn_weights_load(const char *path, hnn_weights **out) {
  if (!path || !out)
    return hnn_fail(HNN_ERR_INVALID_ARGUMENT, "hnn_weights_load: null argument");
  FILE *f = fopen(path, "rb");
  if (!f)
    return hnn_fail(errno == ENOENT ? HNN_ERR_NOT_FOUND : HNN_ERR_IO, "%s: cannot open: %s",
                    path, strerror(errno));
  struct stat st;
  if (fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode)) {
    fclose(f);
    return hnn_fail(HNN_ERR_IO, "%s: not a regular file", path);
  }
  source src = {.f = f, .size = (uint64_t)st.st_size};
  hnn_status s = load(&src, path, out);
  fclose(f);
  return s;
}

/*===------------------------------ saving --------------------------------===*/

/* A growable byte buffer. */
typedef struct sbuf {
  char *data;
  size_t len, cap;
  int oom;
} sbuf;

static void sbuf_add(sbuf *b, const void *bytes, size_t n) {
  if (b->oom || !n)
    return;
  if (b->len + n > b->cap) {
    size_t cap = b->cap ? b->cap : 256;
    while (cap < b->len + n)
      cap *= 2;
    char *grown = realloc(b->data, cap);
    if (!grown) {
      b->oom = 1;
      return;
    }
    b->data = grown;
    b->cap = cap;
  }
  memcpy(b->data + b->len, bytes, n);
  b->len += n;
}

static void sbuf_str(sbuf *b, const char *s) { sbuf_add(b, s, strlen(s)); }

static void sbuf_json_string(sbuf *b, const char *s) {
  sbuf_str(b, "\"");
  for (; *s; ++s) {
    unsigned char c = (unsigned char)*s;
    char esc[8];
    if (c == '"' || c == '\\') {
      esc[0] = '\\', esc[1] = (char)c;
      sbuf_add(b, esc, 2);
    } else if (c < 0x20) {
      snprintf(esc, sizeof esc, "\\u%04x", c);
      sbuf_add(b, esc, 6);
    } else {
      sbuf_add(b, s, 1);
    }
  }
  sbuf_str(b, "\"");
}

static const char *st_dtype(hnn_dtype d) {
  switch (d) {
  case HNN_F32: return "F32";
  case HNN_F16: return "F16";
  case HNN_BF16: return "BF16";
  case HNN_I32: return "I32";
  case HNN_I64: return "I64";
  }
  return "?";
}

/* The padded header (length prefix included) and the order of the data. */
static hnn_status build_header(const hnn_weights *w, sbuf *b, int **order_out) {
  int *order = malloc((size_t)(w->count ? w->count : 1) * sizeof *order);
  uint64_t *begin = malloc((size_t)(w->count ? w->count : 1) * sizeof *begin);
  if (!order || !begin) {
    free(order), free(begin);
    return hnn_fail(HNN_ERR_OUT_OF_MEMORY, "out of memory for a safetensors header");
  }
  /* Data order: larger elements first, then by name (the entries are in name
   * order already). */
  int k = 0;
  for (size_t size = 8; size >= 1; size /= 2)
    for (int i = 0; i < w->count; ++i)
      if (hnn_dtype_size(w->entries[i].tensor->dtype) == size)
        order[k++] = i;
  uint64_t offset = 0;
  for (k = 0; k < w->count; ++k) {
    begin[order[k]] = offset;
    offset += hnn_tensor_nbytes(w->entries[order[k]].tensor);
  }
  sbuf_add(b, "\0\0\0\0\0\0\0\0", 8);
  sbuf_str(b, "{");
  int first = 1;
  if (w->num_metas) {
    sbuf_str(b, "\"__metadata__\":{");
    for (int i = 0; i < w->num_metas; ++i) {
      if (i)
        sbuf_str(b, ",");
      sbuf_json_string(b, w->metas[i].key);
      sbuf_str(b, ":");
      sbuf_json_string(b, w->metas[i].value);
    }
    sbuf_str(b, "}");
    first = 0;
  }
  for (int i = 0; i < w->count; ++i) {
    const hnn_tensor *t = w->entries[i].tensor;
    char num[64];
    if (!first)
      sbuf_str(b, ",");
    first = 0;
    sbuf_json_string(b, w->entries[i].name);
    sbuf_str(b, ":{\"dtype\":\"");
    sbuf_str(b, st_dtype(t->dtype));
    sbuf_str(b, "\",\"shape\":[");
    for (int d = 0; d < t->rank; ++d) {
      snprintf(num, sizeof num, "%s%lld", d ? "," : "", (long long)t->shape[d]);
      sbuf_str(b, num);
    }
    snprintf(num, sizeof num, "],\"data_offsets\":[%llu,%llu]}", (unsigned long long)begin[i],
             (unsigned long long)(begin[i] + hnn_tensor_nbytes(t)));
    sbuf_str(b, num);
  }
  sbuf_str(b, "}");
  while (b->len % 8)
    sbuf_str(b, " ");
  free(begin);
  if (b->oom) {
    free(order);
    return hnn_fail(HNN_ERR_OUT_OF_MEMORY, "out of memory for a safetensors header");
  }
  uint64_t n = b->len - 8;
  for (int i = 0; i < 8; ++i)
    b->data[i] = (char)(n >> (8 * i) & 0xff);
  *order_out = order;
  return HNN_OK;
}

hnn_status hnn_weights_serialize(const hnn_weights *w, void **data, size_t *size) {
  if (!w || !data || !size)
    return hnn_fail(HNN_ERR_INVALID_ARGUMENT, "hnn_weights_serialize: null argument");
  sbuf b = {0};
  int *order = NULL;
  hnn_status s = build_header(w, &b, &order);
  if (s != HNN_OK) {
    free(b.data);
    return s;
  }
  for (int k = 0; k < w->count; ++k) {
    const hnn_tensor *t = w->entries[order[k]].tensor;
    sbuf_add(&b, t->data, hnn_tensor_nbytes(t));
  }
  free(order);
  if (b.oom) {
    free(b.data);
    return hnn_fail(HNN_ERR_OUT_OF_MEMORY, "out of memory for a safetensors file");
  }
  *data = b.data;
  *size = b.len;
  return HNN_OK;
}

hnn_status hnn_weights_save(const hnn_weights *w, const char *path) {
  if (!w || !path)
    return hnn_fail(HNN_ERR_INVALID_ARGUMENT, "hnn_weights_save: null argument");
  sbuf b = {0};
  int *order = NULL;
  hnn_status s = build_header(w, &b, &order);
  if (s != HNN_OK) {
    free(b.data);
    return s;
  }
  /* Unique per process and call, so that concurrent saves never share it. */
  static atomic_uint counter;
  char tmp[4096];
  if ((size_t)snprintf(tmp, sizeof tmp, "%s.tmp.%d.%u", path, (int)getpid(),
                       atomic_fetch_add(&counter, 1)) >= sizeof tmp) {
    free(b.data), free(order);
    return hnn_fail(HNN_ERR_INVALID_ARGUMENT, "%.200s...: path too long", path);
  }
  FILE *f = fopen(tmp, "wb");
  if (!f) {
    s = hnn_fail(HNN_ERR_IO, "%s: cannot create: %s", tmp, strerror(errno));
    free(b.data), free(order);
    return s;
  }
  int ok = fwrite(b.data, 1, b.len, f) == b.len;
  for (int k = 0; ok && k < w->count; ++k) {
    const hnn_tensor *t = w->entries[order[k]].tensor;
    size_t bytes = hnn_tensor_nbytes(t);
    ok = fwrite(t->data, 1, bytes, f) == bytes;
  }
  int err = errno;
  free(b.data), free(order);
  if (fclose(f) != 0 && ok) {
    ok = 0;
    err = errno;
  }
  if (ok && rename(tmp, path) != 0) {
    ok = 0;
    err = errno;
  }
  if (!ok) {
    remove(tmp);
    return hnn_fail(HNN_ERR_IO, "%s: cannot write: %s", path, strerror(err));
  }
  return HNN_OK;
}
