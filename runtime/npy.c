/*===- npy.c - NumPy .npy files -------------------------------------------===*
 *
 * Reads versions 1-3 (little-endian, C order) and writes version 1. Every
 * field of the header is checked and the payload size is checked against
 * the file size before anything is read into memory.
 *===----------------------------------------------------------------------===*/
#include "runtime/internal.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *skip_ws(const char *p) {
  while (*p && isspace((unsigned char)*p))
    ++p;
  return p;
}

/* Finds `'key':` in the header dict and returns the text after the colon. */
static const char *find_key(const char *header, const char *key) {
  char pattern[64];
  snprintf(pattern, sizeof pattern, "'%s'", key);
  const char *p = strstr(header, pattern);
  if (!p)
    return NULL;
  p = skip_ws(p + strlen(pattern));
  if (*p != ':')
    return NULL;
  return skip_ws(p + 1);
}

static int parse_descr(const char *v, hnn_dtype *dtype) {
  static const struct { const char *text; hnn_dtype dtype; } known[] = {
      {"'<f4'", HNN_F32}, {"'<f2'", HNN_F16}, {"'<i4'", HNN_I32}, {"'<i8'", HNN_I64},
      {"'|f4'", HNN_F32}, {"'<u2'", HNN_BF16}};
  for (size_t i = 0; i < sizeof known / sizeof known[0]; ++i)
    if (strncmp(v, known[i].text, strlen(known[i].text)) == 0) {
      *dtype = known[i].dtype;
      return 1;
    }
  return 0;
}

static int parse_shape(const char *v, int *rank, int64_t *shape) {
  if (*v != '(')
    return 0;
  ++v;
  *rank = 0;
  for (;;) {
    v = skip_ws(v);
    if (*v == ')')
      return 1;
    if (!isdigit((unsigned char)*v) || *rank == HNN_MAX_RANK)
      return 0;
    errno = 0;
    char *end;
    long long n = strtoll(v, &end, 10);
    if (errno || n < 0)
      return 0;
    shape[(*rank)++] = n;
    v = skip_ws(end);
    if (*v == ',')
      ++v;
    else if (*v != ')')
      return 0;
  }
}

hnn_status hnn_npy_load(const char *path, hnn_tensor **out) {
  if (!path || !out)
    return hnn_fail(HNN_ERR_INVALID_ARGUMENT, "hnn_npy_load: null argument");
  FILE *f = fopen(path, "rb");
  if (!f)
    return hnn_fail(HNN_ERR_IO, "%s: cannot open: %s", path, strerror(errno));
  hnn_status status = HNN_OK;
  char *header = NULL;
  hnn_tensor *t = NULL;
  unsigned char pre[10];
  if (fread(pre, 1, 10, f) != 10 || memcmp(pre, "\x93NUMPY", 6) != 0) {
    status = hnn_fail(HNN_ERR_FORMAT, "%s: not an NPY file (bad magic)", path);
    goto done;
  }
  unsigned major = pre[6];
  size_t header_len;
  long data_start;
  if (major == 1) {
    header_len = pre[8] | (pre[9] << 8);
    data_start = 10;
  } else if (major == 2 || major == 3) {
    unsigned char extra[2];
    if (fread(extra, 1, 2, f) != 2) {
      status = hnn_fail(HNN_ERR_FORMAT, "%s: truncated header", path);
      goto done;
    }
    header_len = pre[8] | (pre[9] << 8) | ((size_t)extra[0] << 16) | ((size_t)extra[1] << 24);
    data_start = 12;
  } else {
    status = hnn_fail(HNN_ERR_FORMAT, "%s: unsupported NPY version %u", path, major);
    goto done;
  }
  if (header_len > (1u << 20)) {
    status = hnn_fail(HNN_ERR_FORMAT, "%s: header of %zu bytes is implausible", path, header_len);
    goto done;
  }
  header = malloc(header_len + 1);
  if (!header || fread(header, 1, header_len, f) != header_len) {
    status = hnn_fail(HNN_ERR_FORMAT, "%s: truncated header", path);
    goto done;
  }
  header[header_len] = 0;
  data_start += (long)header_len;

  hnn_dtype dtype;
  int rank;
  int64_t shape[HNN_MAX_RANK];
  const char *v = find_key(header, "descr");
  if (!v || !parse_descr(v, &dtype)) {
    status = hnn_fail(HNN_ERR_FORMAT,
                      "%s: unsupported dtype (expected little-endian f4, f2, i4 or i8)", path);
    goto done;
  }
  v = find_key(header, "fortran_order");
  if (!v || strncmp(v, "False", 5) != 0) {
    status = hnn_fail(HNN_ERR_FORMAT, "%s: only C-order arrays are supported", path);
    goto done;
  }
  v = find_key(header, "shape");
  if (!v || !parse_shape(v, &rank, shape)) {
    status = hnn_fail(HNN_ERR_FORMAT, "%s: malformed or too high-rank 'shape' in header", path);
    goto done;
  }
  status = hnn_tensor_create(dtype, rank, shape, &t);
  if (status != HNN_OK)
    goto done;
  if (fseek(f, 0, SEEK_END) != 0) {
    status = hnn_fail(HNN_ERR_IO, "%s: cannot seek", path);
    goto done;
  }
  long size = ftell(f);
  size_t bytes = hnn_tensor_nbytes(t);
  if (size < 0 || (size_t)(size - data_start) != bytes) {
    status = hnn_fail(HNN_ERR_FORMAT, "%s: payload is %ld bytes, the header implies %zu", path,
                      size - data_start, bytes);
    goto done;
  }
  if (fseek(f, data_start, SEEK_SET) != 0 || fread(t->data, 1, bytes, f) != bytes) {
    status = hnn_fail(HNN_ERR_IO, "%s: cannot read the payload", path);
    goto done;
  }
done:
  fclose(f);
  free(header);
  if (status != HNN_OK) {
    hnn_tensor_free(t);
    return status;
  }
  *out = t;
  return HNN_OK;
}

hnn_status hnn_npy_save(const char *path, const hnn_tensor *t) {
  if (!path || !t)
    return hnn_fail(HNN_ERR_INVALID_ARGUMENT, "hnn_npy_save: null argument");
  static const char *descr[] = {"<f4", "<f2", "<u2", "<i4", "<i8"};
  char dict[512];
  int n = snprintf(dict, sizeof dict, "{'descr': '%s', 'fortran_order': False, 'shape': (",
                   descr[t->dtype]);
  for (int i = 0; i < t->rank; ++i)
    n += snprintf(dict + n, sizeof dict - n, "%lld%s", (long long)t->shape[i],
                  t->rank == 1 ? "," : (i + 1 < t->rank ? ", " : ""));
  n += snprintf(dict + n, sizeof dict - n, "), }");
  /* Pad with spaces so that magic + lengths + header is a multiple of 64. */
  int total = 10 + n + 1;
  int pad = (64 - total % 64) % 64;
  char tmp[4096];
  snprintf(tmp, sizeof tmp, "%s.tmp.%d", path, (int)getpid());
  FILE *f = fopen(tmp, "wb");
  if (!f)
    return hnn_fail(HNN_ERR_IO, "%s: cannot create: %s", tmp, strerror(errno));
  unsigned hl = (unsigned)(n + pad + 1);
  unsigned char pre[10] = {0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, hl & 0xff, hl >> 8};
  int ok = fwrite(pre, 1, 10, f) == 10 && fwrite(dict, 1, n, f) == (size_t)n;
  for (int i = 0; ok && i < pad; ++i)
    ok = fputc(' ', f) != EOF;
  ok = ok && fputc('\n', f) != EOF;
  size_t bytes = hnn_tensor_nbytes(t);
  ok = ok && fwrite(t->data, 1, bytes, f) == bytes;
  ok = (fclose(f) == 0) && ok;
  if (!ok || rename(tmp, path) != 0) {
    remove(tmp);
    return hnn_fail(HNN_ERR_IO, "%s: cannot write: %s", path, strerror(errno));
  }
  return HNN_OK;
}
