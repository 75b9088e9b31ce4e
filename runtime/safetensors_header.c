/*===- safetensors_header.c - the JSON header of a safetensors file -------===*
 *
 * A strict parser for exactly what a safetensors header may hold: one object
 * mapping tensor names to {"dtype", "shape", "data_offsets"} objects, plus an
 * optional "__metadata__" object of strings. The JSON subset is objects,
 * arrays, strings (every escape, surrogate pairs, valid UTF-8, no NUL) and
 * non-negative integers; anything else (literals, signs, fractions, trailing
 * commas, text after the object) is a syntax error that names its byte
 * offset in the header. Past the syntax, every tensor is checked on its own
 * (known dtype, rank <= HNN_MAX_RANK, byte size without overflow, begin <=
 * end, size == shape x dtype size, inside the data buffer) and then all of
 * them together (unique names and metadata keys, disjoint byte ranges).
 *===----------------------------------------------------------------------===*/
#include "runtime/internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int hnn_utf8_valid(const unsigned char *s, size_t len) {
  size_t i = 0;
  while (i < len) {
    unsigned c = s[i];
    size_t n;
    uint32_t cp;
    if (c < 0x80) {
      ++i;
      continue;
    } else if ((c & 0xe0) == 0xc0) {
      n = 1, cp = c & 0x1f;
    } else if ((c & 0xf0) == 0xe0) {
      n = 2, cp = c & 0x0f;
    } else if ((c & 0xf8) == 0xf0) {
      n = 3, cp = c & 0x07;
    } else {
      return 0;
    }
    if (len - i <= n)
      return 0;
    for (size_t k = 1; k <= n; ++k) {
      if ((s[i + k] & 0xc0) != 0x80)
        return 0;
      cp = cp << 6 | (s[i + k] & 0x3f);
    }
    static const uint32_t min_cp[4] = {0, 0x80, 0x800, 0x10000};
    if (cp < min_cp[n] || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
      return 0;
    i += n + 1;
  }
  return 1;
}


typedef hnn_st_tensor info;

typedef struct parser {
  const char *text; /* the header, NUL-terminated (a NUL inside is an error) */
  size_t len, pos;
  const char *file; /* for messages */
  uint64_t data_size;
  info *infos;
  int num_infos, cap;
  hnn_st_meta *metas;
  int num_metas, meta_cap;
} parser;

static hnn_status syntax(parser *p, const char *what) {
  return hnn_fail(HNN_ERR_FORMAT, "%s: bad header JSON at byte %zu: %s", p->file, p->pos, what);
}

/* A syntax error that also says what was found instead. */
static hnn_status unexpected(parser *p, const char *what) {
  char found[32];
  unsigned char c = p->pos < p->len ? (unsigned char)p->text[p->pos] : 0;
  if (p->pos >= p->len)
    snprintf(found, sizeof found, "the end of the header");
  else if (c >= 0x20 && c < 0x7f)
    snprintf(found, sizeof found, "'%c'", c);
  else
    snprintf(found, sizeof found, "byte 0x%02x", c);
  return hnn_fail(HNN_ERR_FORMAT, "%s: bad header JSON at byte %zu: %s, found %s", p->file,
                  p->pos, what, found);
}

static void skip_ws(parser *p) {
  while (p->pos < p->len && (p->text[p->pos] == ' ' || p->text[p->pos] == '\t' ||
                             p->text[p->pos] == '\n' || p->text[p->pos] == '\r'))
    ++p->pos;
}

static int peek(parser *p) { return p->pos < p->len ? (unsigned char)p->text[p->pos] : -1; }

static hnn_status expect(parser *p, char c, const char *what) {
  skip_ws(p);
  if (peek(p) != c)
    return unexpected(p, what);
  ++p->pos;
  return HNN_OK;
}

static int hex4(const char *s, uint32_t *out) {
  uint32_t v = 0;
  for (int i = 0; i < 4; ++i) {
    char c = s[i];
    int d = c >= '0' && c <= '9' ? c - '0'
            : c >= 'a' && c <= 'f' ? c - 'a' + 10
            : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                   : -1;
    if (d < 0)
      return 0;
    v = v << 4 | (uint32_t)d;
  }
  *out = v;
  return 1;
}

/* Parses a JSON string into a new NUL-terminated UTF-8 string. */
static hnn_status parse_string(parser *p, char **out) {
  skip_ws(p);
  if (peek(p) != '"')
    return unexpected(p, "expected a string");
  size_t start = ++p->pos;
  /* The decoded text is never longer than the encoded one. */
  size_t end = start;
  while (end < p->len && p->text[end] != '"')
    end += p->text[end] == '\\' && end + 1 < p->len ? 2 : 1;
  if (end >= p->len) {
    p->pos = start - 1;
    return syntax(p, "unterminated string");
  }
  char *s = malloc(end - start + 1);
  if (!s)
    return hnn_fail(HNN_ERR_OUT_OF_MEMORY, "%s: out of memory for a header string", p->file);
  size_t n = 0;
  while (p->pos < end) {
    unsigned char c = (unsigned char)p->text[p->pos];
    if (c < 0x20) {
      free(s);
      return syntax(p, c ? "control character in a string" : "NUL byte in the header");
    }
    if (c != '\\') {
      s[n++] = (char)c;
      ++p->pos;
      continue;
    }
    char e = p->text[p->pos + 1];
    static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
    const char *hit = e ? strchr(from, e) : NULL;
    if (hit) {
      s[n++] = to[hit - from];
      p->pos += 2;
      continue;
    }
    uint32_t cp, lo;
    if (e != 'u' || p->pos + 6 > end || !hex4(p->text + p->pos + 2, &cp)) {
      free(s);
      return syntax(p, "bad escape in a string");
    }
    if (cp >= 0xdc00 && cp <= 0xdfff) {
      free(s);
      return syntax(p, "unpaired surrogate escape in a string");
    }
    size_t used = 6;
    if (cp >= 0xd800 && cp <= 0xdbff) {
      if (p->pos + 12 > end || p->text[p->pos + 6] != '\\' || p->text[p->pos + 7] != 'u' ||
          !hex4(p->text + p->pos + 8, &lo) || lo < 0xdc00 || lo > 0xdfff) {
        free(s);
        return syntax(p, "unpaired surrogate escape in a string");
      }
      cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
      used = 12;
    }
    if (cp == 0) {
      free(s);
      return syntax(p, "\\u0000 in a string");
    }
    /* At most 4 bytes from at least 6 escaped ones. */
    if (cp < 0x80) {
      s[n++] = (char)cp;
    } else if (cp < 0x800) {
      s[n++] = (char)(0xc0 | cp >> 6);
      s[n++] = (char)(0x80 | (cp & 0x3f));
    } else if (cp < 0x10000) {
      s[n++] = (char)(0xe0 | cp >> 12);
      s[n++] = (char)(0x80 | (cp >> 6 & 0x3f));
      s[n++] = (char)(0x80 | (cp & 0x3f));
    } else {
      s[n++] = (char)(0xf0 | cp >> 18);
      s[n++] = (char)(0x80 | (cp >> 12 & 0x3f));
      s[n++] = (char)(0x80 | (cp >> 6 & 0x3f));
      s[n++] = (char)(0x80 | (cp & 0x3f));
    }
    p->pos += used;
  }
  s[n] = 0;
  if (!hnn_utf8_valid((const unsigned char *)s, n)) {
    p->pos = start - 1;
    free(s);
    return syntax(p, "string is not valid UTF-8");
  }
  ++p->pos; /* the closing quote */
  *out = s;
  return HNN_OK;
}

/* Parses a non-negative decimal integer (no sign, fraction or exponent). */
static hnn_status parse_uint(parser *p, uint64_t *out) {
  skip_ws(p);
  int c = peek(p);
  if (c == '-')
    return syntax(p, "negative numbers are not allowed");
  if (c < '0' || c > '9')
    return unexpected(p, "expected a non-negative integer");
  size_t start = p->pos;
  uint64_t v = 0;
  while ((c = peek(p)) >= '0' && c <= '9') {
    if (v > (UINT64_MAX - (uint64_t)(c - '0')) / 10) {
      p->pos = start;
      return syntax(p, "integer does not fit in 64 bits");
    }
    v = v * 10 + (uint64_t)(c - '0');
    ++p->pos;
  }
  if (p->text[start] == '0' && p->pos - start > 1) {
    p->pos = start;
    return syntax(p, "integer with a leading zero");
  }
  if (c == '.' || c == 'e' || c == 'E')
    return syntax(p, "only integers are allowed (no fraction or exponent)");
  *out = v;
  return HNN_OK;
}

/* After an element of an array or object: 1 for ',', 0 for `close`. */
static hnn_status next_item(parser *p, char close, int *more) {
  skip_ws(p);
  int c = peek(p);
  if (c == ',') {
    ++p->pos;
    skip_ws(p);
    if (peek(p) == close)
      return syntax(p, "trailing comma");
    *more = 1;
    return HNN_OK;
  }
  if (c == close) {
    ++p->pos;
    *more = 0;
    return HNN_OK;
  }
  return unexpected(p, close == '}' ? "expected ',' or '}'" : "expected ',' or ']'");
}

/* '[' uint, ... ']': the first `max` values go to `vals`, the number of
 * values (possibly more than `max`) to `*count`. */
static hnn_status parse_uint_array(parser *p, uint64_t *vals, int max, int *count,
                                   const char *what) {
  hnn_status s = expect(p, '[', what);
  if (s != HNN_OK)
    return s;
  *count = 0;
  skip_ws(p);
  if (peek(p) == ']') {
    ++p->pos;
    return HNN_OK;
  }
  for (int more = 1; more;) {
    uint64_t v;
    if ((s = parse_uint(p, &v)) != HNN_OK || (s = next_item(p, ']', &more)) != HNN_OK)
      return s;
    if (*count < max)
      vals[*count] = v;
    ++*count;
  }
  return HNN_OK;
}

static hnn_status parse_metadata(parser *p) {
  hnn_status s = expect(p, '{', "expected '{' ('__metadata__' is an object of strings)");
  if (s != HNN_OK)
    return s;
  skip_ws(p);
  if (peek(p) == '}') {
    ++p->pos;
    return HNN_OK;
  }
  for (int more = 1; more;) {
    char *key = NULL, *value = NULL;
    skip_ws(p);
    size_t key_pos = p->pos;
    if ((s = parse_string(p, &key)) != HNN_OK)
      return s;
    if ((s = expect(p, ':', "expected ':'")) != HNN_OK) {
      free(key);
      return s;
    }
    skip_ws(p);
    if (peek(p) != '"')
      s = unexpected(p, "expected a string (metadata values are strings)");
    else
      s = parse_string(p, &value);
    if (s == HNN_OK && p->num_metas == p->meta_cap) {
      int cap = p->meta_cap ? 2 * p->meta_cap : 8;
      hnn_st_meta *grown = realloc(p->metas, (size_t)cap * sizeof *grown);
      if (grown) {
        p->metas = grown;
        p->meta_cap = cap;
      } else {
        s = hnn_fail(HNN_ERR_OUT_OF_MEMORY, "%s: out of memory", p->file);
      }
    }
    if (s != HNN_OK) {
      free(key), free(value);
      return s;
    }
    p->metas[p->num_metas++] = (hnn_st_meta){key, value, key_pos};
    if ((s = next_item(p, '}', &more)) != HNN_OK)
      return s;
  }
  return HNN_OK;
}

static void format_shape(char *buf, size_t size, int rank, const int64_t *shape) {
  size_t n = (size_t)snprintf(buf, size, "[");
  for (int i = 0; i < rank && n < size; ++i)
    n += (size_t)snprintf(buf + n, size - n, "%s%lld", i ? ", " : "", (long long)shape[i]);
  if (n < size)
    snprintf(buf + n, size - n, "]");
}

static const struct {
  const char *name;
  hnn_dtype dtype;
} dtype_names[] = {{"F32", HNN_F32}, {"F16", HNN_F16}, {"BF16", HNN_BF16},
                   {"I32", HNN_I32}, {"I64", HNN_I64}};

/* Checks a tensor's fields against each other and the data buffer. */
static hnn_status check_info(parser *p, info *t) {
  const char *f = p->file, *n = t->name;
  uint64_t bytes = hnn_dtype_size(t->dtype);
  for (int i = 0; i < t->rank; ++i) {
    uint64_t d = (uint64_t)t->shape[i];
    if (d != 0 && bytes > UINT64_MAX / d)
      return hnn_fail(HNN_ERR_FORMAT, "%s: tensor '%.100s': the byte size of its shape overflows",
                      f, n);
    bytes *= d;
  }
  char shape[200];
  format_shape(shape, sizeof shape, t->rank, t->shape);
  if (t->begin > t->end)
    return hnn_fail(HNN_ERR_FORMAT,
                    "%s: tensor '%.100s': data_offsets [%llu, %llu] end before they begin", f, n,
                    (unsigned long long)t->begin, (unsigned long long)t->end);
  if (t->end - t->begin != bytes)
    return hnn_fail(HNN_ERR_FORMAT,
                    "%s: tensor '%.100s': %s%s needs %llu bytes but data_offsets [%llu, %llu] "
                    "hold %llu",
                    f, n, hnn_dtype_name(t->dtype), shape, (unsigned long long)bytes,
                    (unsigned long long)t->begin, (unsigned long long)t->end,
                    (unsigned long long)(t->end - t->begin));
  if (t->end > p->data_size)
    return hnn_fail(HNN_ERR_FORMAT,
                    "%s: tensor '%.100s': data_offsets [%llu, %llu] run past the end of the "
                    "%llu-byte data buffer",
                    f, n, (unsigned long long)t->begin, (unsigned long long)t->end,
                    (unsigned long long)p->data_size);
  return HNN_OK;
}

/* {"dtype": ..., "shape": [...], "data_offsets": [b, e]} for tensor `t`. */
static hnn_status parse_tensor(parser *p, info *t) {
  const char *f = p->file;
  hnn_status s = expect(p, '{', "expected '{' (a tensor is an object)");
  if (s != HNN_OK)
    return s;
  int seen_dtype = 0, seen_shape = 0, seen_offsets = 0;
  skip_ws(p);
  if (peek(p) == '}') {
    ++p->pos;
  } else {
    for (int more = 1; more;) {
      skip_ws(p);
      size_t key_pos = p->pos;
      char *key = NULL;
      if ((s = parse_string(p, &key)) != HNN_OK)
        return s;
      int which = strcmp(key, "dtype") == 0 ? 0 : strcmp(key, "shape") == 0 ? 1
                                              : strcmp(key, "data_offsets") == 0 ? 2 : -1;
      int *seen = which == 0 ? &seen_dtype : which == 1 ? &seen_shape : &seen_offsets;
      if (which < 0)
        s = hnn_fail(HNN_ERR_FORMAT, "%s: tensor '%.100s': unknown field '%.100s' at byte %zu",
                     f, t->name, key, key_pos);
      else if (*seen)
        s = hnn_fail(HNN_ERR_FORMAT, "%s: tensor '%.100s': duplicate field '%s' at byte %zu", f,
                     t->name, key, key_pos);
      free(key);
      if (s != HNN_OK || (s = expect(p, ':', "expected ':'")) != HNN_OK)
        return s;
      *seen = 1;
      skip_ws(p);
      if (which == 0) {
        char *dtype = NULL;
        if ((s = parse_string(p, &dtype)) != HNN_OK)
          return s;
        int found = 0;
        for (size_t i = 0; i < sizeof dtype_names / sizeof dtype_names[0]; ++i)
          if (strcmp(dtype, dtype_names[i].name) == 0) {
            t->dtype = dtype_names[i].dtype;
            found = 1;
          }
        if (!found)
          s = hnn_fail(HNN_ERR_FORMAT,
                       "%s: tensor '%.100s': unsupported dtype '%.40s' (hnn reads F32, F16, "
                       "BF16, I32 and I64)",
                       f, t->name, dtype);
        free(dtype);
      } else if (which == 1) {
        uint64_t dims[HNN_MAX_RANK];
        s = parse_uint_array(p, dims, HNN_MAX_RANK, &t->rank,
                             "expected '[' (a shape is an array of integers)");
        if (s == HNN_OK && t->rank > HNN_MAX_RANK)
          s = hnn_fail(HNN_ERR_FORMAT, "%s: tensor '%.100s': rank %d exceeds the maximum of %d",
                       f, t->name, t->rank, HNN_MAX_RANK);
        for (int i = 0; s == HNN_OK && i < t->rank; ++i) {
          if (dims[i] > (uint64_t)INT64_MAX)
            s = hnn_fail(HNN_ERR_FORMAT,
                         "%s: tensor '%.100s': dimension %d (%llu) is larger than 2^63 - 1", f,
                         t->name, i, (unsigned long long)dims[i]);
          t->shape[i] = (int64_t)dims[i];
        }
      } else {
        uint64_t offsets[2] = {0, 0};
        int count = 0;
        s = parse_uint_array(p, offsets, 2, &count,
                             "expected '[' (data_offsets is [begin, end])");
        if (s == HNN_OK && count != 2)
          s = hnn_fail(HNN_ERR_FORMAT,
                       "%s: tensor '%.100s': data_offsets must be [begin, end], got %d entries",
                       f, t->name, count);
        t->begin = offsets[0];
        t->end = offsets[1];
      }
      if (s != HNN_OK || (s = next_item(p, '}', &more)) != HNN_OK)
        return s;
    }
  }
  const char *missing = !seen_dtype ? "dtype" : !seen_shape ? "shape"
                        : !seen_offsets ? "data_offsets" : NULL;
  if (missing)
    return hnn_fail(HNN_ERR_FORMAT, "%s: tensor '%.100s' has no '%s'", f, t->name, missing);
  return check_info(p, t);
}

static int by_name(const void *a, const void *b) {
  return strcmp(((const info *)a)->name, ((const info *)b)->name);
}

static int by_begin(const void *a, const void *b) {
  const info *x = *(const info *const *)a, *y = *(const info *const *)b;
  return x->begin < y->begin ? -1 : x->begin > y->begin ? 1 : strcmp(x->name, y->name);
}

static int meta_by_key(const void *a, const void *b) {
  return strcmp(((const hnn_st_meta *)a)->key, ((const hnn_st_meta *)b)->key);
}

/* Names and keys are unique and non-empty byte ranges are disjoint. */
static hnn_status check_layout(parser *p) {
  if (p->num_metas > 1)
    qsort(p->metas, (size_t)p->num_metas, sizeof(hnn_st_meta), meta_by_key);
  for (int i = 1; i < p->num_metas; ++i)
    if (strcmp(p->metas[i - 1].key, p->metas[i].key) == 0) {
      size_t a = p->metas[i - 1].pos, b = p->metas[i].pos;
      return hnn_fail(HNN_ERR_FORMAT, "%s: duplicate metadata key '%.100s' (at bytes %zu and %zu)",
                      p->file, p->metas[i].key, a < b ? a : b, a < b ? b : a);
    }
  int n = p->num_infos;
  if (n > 1)
    qsort(p->infos, (size_t)n, sizeof(info), by_name);
  for (int i = 1; i < n; ++i)
    if (strcmp(p->infos[i - 1].name, p->infos[i].name) == 0) {
      size_t a = p->infos[i - 1].pos, b = p->infos[i].pos;
      return hnn_fail(HNN_ERR_FORMAT, "%s: duplicate tensor name '%.100s' (at bytes %zu and %zu)",
                      p->file, p->infos[i].name, a < b ? a : b, a < b ? b : a);
    }
  info **sorted = malloc((size_t)(n ? n : 1) * sizeof *sorted);
  if (!sorted)
    return hnn_fail(HNN_ERR_OUT_OF_MEMORY, "%s: out of memory", p->file);
  int m = 0;
  for (int i = 0; i < n; ++i)
    if (p->infos[i].end > p->infos[i].begin)
      sorted[m++] = &p->infos[i];
  if (m > 1)
    qsort(sorted, (size_t)m, sizeof *sorted, by_begin);
  hnn_status s = HNN_OK;
  for (int i = 1; i < m && s == HNN_OK; ++i) {
    const info *a = sorted[i - 1], *b = sorted[i];
    if (b->begin < a->end)
      s = hnn_fail(HNN_ERR_FORMAT,
                   "%s: tensors '%.100s' [%llu, %llu] and '%.100s' [%llu, %llu] overlap", p->file,
                   a->name, (unsigned long long)a->begin, (unsigned long long)a->end, b->name,
                   (unsigned long long)b->begin, (unsigned long long)b->end);
  }
  free(sorted);
  return s;
}

static hnn_status parse_object(parser *p) {
  hnn_status s = expect(p, '{', "expected '{' (the header is a JSON object)");
  if (s != HNN_OK)
    return s;
  skip_ws(p);
  int seen_metadata = 0, more = 1;
  if (peek(p) == '}') {
    ++p->pos;
    more = 0;
  }
  while (more) {
    skip_ws(p);
    size_t key_pos = p->pos;
    char *key = NULL;
    if ((s = parse_string(p, &key)) != HNN_OK)
      return s;
    if ((s = expect(p, ':', "expected ':'")) != HNN_OK) {
      free(key);
      return s;
    }
    if (strcmp(key, "__metadata__") == 0) {
      free(key);
      if (seen_metadata)
        return hnn_fail(HNN_ERR_FORMAT, "%s: duplicate '__metadata__' at byte %zu", p->file,
                        key_pos);
      seen_metadata = 1;
      s = parse_metadata(p);
    } else if (!*key) {
      free(key);
      return hnn_fail(HNN_ERR_FORMAT, "%s: empty tensor name at byte %zu", p->file, key_pos);
    } else {
      if (p->num_infos == p->cap) {
        int cap = p->cap ? 2 * p->cap : 16;
        info *grown = realloc(p->infos, (size_t)cap * sizeof *grown);
        if (!grown) {
          free(key);
          return hnn_fail(HNN_ERR_OUT_OF_MEMORY, "%s: out of memory", p->file);
        }
        p->infos = grown;
        p->cap = cap;
      }
      info *t = &p->infos[p->num_infos++];
      memset(t, 0, sizeof *t);
      t->name = key;
      t->pos = key_pos;
      s = parse_tensor(p, t);
    }
    if (s != HNN_OK || (s = next_item(p, '}', &more)) != HNN_OK)
      return s;
  }
  skip_ws(p);
  if (p->pos != p->len)
    return syntax(p, p->text[p->pos] ? "text after the header object" : "NUL byte in the header");
  return check_layout(p);
}

void hnn_st_header_free(hnn_st_header *h) {
  for (int i = 0; i < h->num_tensors; ++i)
    free(h->tensors[i].name);
  for (int i = 0; i < h->num_metas; ++i)
    free(h->metas[i].key), free(h->metas[i].value);
  free(h->tensors);
  free(h->metas);
  memset(h, 0, sizeof *h);
}

hnn_status hnn_st_parse_header(const char *text, size_t len, uint64_t data_size,
                               const char *file, hnn_st_header *out) {
  parser p = {.text = text, .len = len, .file = file, .data_size = data_size};
  hnn_status s = parse_object(&p);
  out->tensors = p.infos;
  out->num_tensors = p.num_infos;
  out->metas = p.metas;
  out->num_metas = p.num_metas;
  if (s != HNN_OK)
    hnn_st_header_free(out);
  return s;
}
