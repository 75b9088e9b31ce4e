/*===- idx.c - IDX files (MNIST, Fashion-MNIST) ---------------------------===*
 *
 * The format: two zero bytes, a type byte, a rank byte, RANK big-endian u32
 * dimensions, then the elements in row-major order, big-endian. Data sets ship
 * them gzip-compressed (*.gz); with zlib (HNN_HAVE_ZLIB) those are read
 * directly, without it the message says to decompress them first.
 *
 * Conversion (see hnnrt.h): integer labels (rank 1) become i64, u8 images f32
 * in [0, 1], other integer images f32 as stored, f32/f64 data f32. A plain
 * file must be exactly as long as its dimensions imply; a compressed one must
 * decompress to exactly that (checked while reading, and bounded beforehand by
 * deflate's maximum ratio, so a lying header cannot make us allocate much
 * more than the file could possibly hold).
 *===----------------------------------------------------------------------===*/
#define _POSIX_C_SOURCE 200809L /* fileno */
#include "runtime/internal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#ifdef HNN_HAVE_ZLIB
#include <zlib.h>
#endif

/* deflate never compresses better than about 1032:1. */
#define MAX_DEFLATE_RATIO 1032u

typedef struct reader {
  FILE *f;
#ifdef HNN_HAVE_ZLIB
  gzFile gz;
#endif
  const char *path;
} reader;

#ifdef HNN_HAVE_ZLIB
/* zlib's message for the stream, without the "path: " it puts in front. */
static const char *gz_message(reader *r) {
  int err;
  const char *msg = gzerror(r->gz, &err);
  size_t n = strlen(r->path);
  if (strncmp(msg, r->path, n) == 0 && strncmp(msg + n, ": ", 2) == 0)
    msg += n + 2;
  return msg;
}
#endif

/* Reads up to `n` bytes; returns how many, or -1 on a read error (message set). */
static long long read_some(reader *r, void *buf, size_t n) {
#ifdef HNN_HAVE_ZLIB
  if (r->gz) {
    int got = gzread(r->gz, buf, (unsigned)n);
    int err = Z_OK;
    if (got >= 0 && (size_t)got < n)
      gzerror(r->gz, &err);
    if (got < 0 || (err != Z_OK && err != Z_BUF_ERROR)) {
      hnn_fail(HNN_ERR_FORMAT, "%s: corrupt gzip data: %s", r->path, gz_message(r));
      return -1;
    }
    return got;
  }
#endif
  size_t got = fread(buf, 1, n, r->f);
  if (got < n && ferror(r->f)) {
    hnn_fail(HNN_ERR_IO, "%s: read error: %s", r->path, strerror(errno));
    return -1;
  }
  return (long long)got;
}

static void close_reader(reader *r) {
#ifdef HNN_HAVE_ZLIB
  if (r->gz)
    gzclose(r->gz);
#endif
  if (r->f)
    fclose(r->f);
}

typedef struct idx_type {
  unsigned char code;
  const char *name;
  size_t size;
  int is_float;
} idx_type;

static const idx_type types[] = {{0x08, "u8", 1, 0},  {0x09, "i8", 1, 0},  {0x0B, "i16", 2, 0},
                                 {0x0C, "i32", 4, 0}, {0x0D, "f32", 4, 1}, {0x0E, "f64", 8, 1}};

static uint64_t be(const unsigned char *p, size_t n) {
  uint64_t v = 0;
  for (size_t i = 0; i < n; ++i)
    v = v << 8 | p[i];
  return v;
}

/* Element `p` (big-endian, of type `t`) as a double. */
static double decode(const idx_type *t, const unsigned char *p) {
  uint64_t v = be(p, t->size);
  switch (t->code) {
  case 0x08: return (double)v;
  case 0x09: return (double)(int8_t)v;
  case 0x0B: return (double)(int16_t)v;
  case 0x0C: return (double)(int32_t)(uint32_t)v;
  case 0x0D: {
    uint32_t bits = (uint32_t)v;
    float f;
    memcpy(&f, &bits, 4);
    return f;
  }
  default: {
    double d;
    memcpy(&d, &v, 8);
    return d;
  }
  }
}

/* Reads `count` elements into `t` as its dtype dictates. */
static hnn_status read_elements(reader *r, const idx_type *type, uint64_t count, hnn_tensor *t,
                                uint64_t total) {
  unsigned char buf[1 << 16];
  size_t per_chunk = sizeof buf / type->size;
  uint64_t done = 0;
  while (done < count) {
    size_t want = count - done < per_chunk ? (size_t)(count - done) : per_chunk;
    long long got = read_some(r, buf, want * type->size);
    if (got < 0)
      return HNN_ERR_FORMAT;
    if ((size_t)got < want * type->size)
      return hnn_fail(HNN_ERR_FORMAT,
                      "%s: truncated: the data ends after %llu of %llu bytes", r->path,
                      (unsigned long long)(done * type->size + (uint64_t)got),
                      (unsigned long long)(total * type->size));
    for (size_t i = 0; i < want; ++i) {
      double v = decode(type, buf + i * type->size);
      uint64_t k = done + i;
      if (t->dtype == HNN_I64)
        ((int64_t *)t->data)[k] = (int64_t)v;
      else
        ((float *)t->data)[k] = type->code == 0x08 ? (float)(v / 255.0) : (float)v;
    }
    done += want;
  }
  return HNN_OK;
}

static hnn_status load(const char *path, int64_t limit, hnn_tensor **out) {
  reader r = {.path = path};
  r.f = fopen(path, "rb");
  if (!r.f)
    return hnn_fail(errno == ENOENT ? HNN_ERR_NOT_FOUND : HNN_ERR_IO, "%s: cannot open: %s",
                    path, strerror(errno));
  struct stat st;
  if (fstat(fileno(r.f), &st) != 0 || !S_ISREG(st.st_mode)) {
    fclose(r.f);
    return hnn_fail(HNN_ERR_IO, "%s: not a regular file", path);
  }
  uint64_t file_size = (uint64_t)st.st_size;
  unsigned char head[4 + 4 * 255];
  size_t got = fread(head, 1, 2, r.f);
  int compressed = got == 2 && head[0] == 0x1f && head[1] == 0x8b;
  if (compressed) {
#ifdef HNN_HAVE_ZLIB
    fclose(r.f);
    r.f = NULL;
    r.gz = gzopen(path, "rb");
    if (!r.gz)
      return hnn_fail(HNN_ERR_IO, "%s: cannot open: %s", path, strerror(errno));
    got = 0;
#else
    fclose(r.f);
    return hnn_fail(HNN_ERR_FORMAT,
                    "%s: gzip-compressed, and this libhnnrt was built without zlib; "
                    "decompress it first (gunzip -k)",
                    path);
#endif
  }
  hnn_status s = HNN_OK;
  hnn_tensor *t = NULL;
  long long more = read_some(&r, head + got, 4 - got);
  if (more < 0) {
    close_reader(&r);
    return HNN_ERR_FORMAT;
  }
  got += (size_t)more;
  if (got < 4 || head[0] != 0 || head[1] != 0) {
    s = got < 4 ? hnn_fail(HNN_ERR_FORMAT, "%s: too short for an IDX file (%zu bytes)", path,
                           got)
                : hnn_fail(HNN_ERR_FORMAT,
                           "%s: not an IDX file (magic %02x %02x %02x %02x, expected 00 00 "
                           "TYPE RANK)",
                           path, head[0], head[1], head[2], head[3]);
    goto done;
  }
  const idx_type *type = NULL;
  for (size_t i = 0; i < sizeof types / sizeof types[0]; ++i)
    if (types[i].code == head[2])
      type = &types[i];
  int rank = head[3];
  if (!type) {
    s = hnn_fail(HNN_ERR_FORMAT,
                 "%s: unknown IDX element type 0x%02x (expected 0x08, 0x09, 0x0B, 0x0C, 0x0D "
                 "or 0x0E)",
                 path, head[2]);
    goto done;
  }
  if (rank < 1 || rank > HNN_MAX_RANK) {
    s = hnn_fail(HNN_ERR_FORMAT, "%s: IDX rank %d is outside 1..%d", path, rank, HNN_MAX_RANK);
    goto done;
  }
  more = read_some(&r, head + 4, 4 * (size_t)rank);
  if (more < 0) {
    s = HNN_ERR_FORMAT;
    goto done;
  }
  if ((size_t)more < 4 * (size_t)rank) {
    s = hnn_fail(HNN_ERR_FORMAT, "%s: truncated header (%d dimensions announced)", path, rank);
    goto done;
  }
  int64_t shape[HNN_MAX_RANK];
  uint64_t numel = 1, per_sample = 1;
  int overflow = 0;
  for (int d = 0; d < rank; ++d) {
    shape[d] = (int64_t)be(head + 4 + 4 * d, 4);
    uint64_t n = (uint64_t)shape[d];
    if (n && numel > UINT64_MAX / 8 / n)
      overflow = 1;
    else
      numel *= n;
    if (d > 0)
      per_sample *= n;
  }
  uint64_t header = 4 + 4 * (uint64_t)rank;
  if (overflow) {
    s = hnn_fail(HNN_ERR_FORMAT, "%s: the dimensions overflow 64 bits", path);
    goto done;
  }
  uint64_t bytes = numel * type->size;
  char dims[160];
  size_t n = 0;
  for (int d = 0; d < rank; ++d)
    n += (size_t)snprintf(dims + n, sizeof dims - n, "%s%lld", d ? ", " : "",
                          (long long)shape[d]);
  if (!compressed && (file_size < header || file_size - header != bytes)) {
    s = hnn_fail(HNN_ERR_FORMAT, "%s: %llu bytes of data, but %s[%s] needs %llu", path,
                 (unsigned long long)(file_size - header), type->name, dims,
                 (unsigned long long)bytes);
    goto done;
  }
  if (compressed && bytes / MAX_DEFLATE_RATIO > file_size) {
    s = hnn_fail(HNN_ERR_FORMAT,
                 "%s: %s[%s] needs %llu bytes, more than a %llu-byte gzip file can hold",
                 path, type->name, dims, (unsigned long long)bytes,
                 (unsigned long long)file_size);
    goto done;
  }
  uint64_t keep = numel;
  if (limit >= 0 && limit < shape[0]) {
    shape[0] = limit;
    keep = (uint64_t)limit * per_sample;
  }
  hnn_dtype dtype = !type->is_float && rank == 1 ? HNN_I64 : HNN_F32;
  if ((s = hnn_tensor_create(dtype, rank, shape, &t)) != HNN_OK)
    goto done;
  if ((s = read_elements(&r, type, keep, t, numel)) != HNN_OK)
    goto done;
  if (compressed && keep == numel) {
    unsigned char extra;
    more = read_some(&r, &extra, 1);
    if (more != 0)
      s = more < 0 ? HNN_ERR_FORMAT
                   : hnn_fail(HNN_ERR_FORMAT, "%s: data continues past the %llu bytes its "
                                              "dimensions imply",
                              path, (unsigned long long)bytes);
  }
done:
  close_reader(&r);
  if (s != HNN_OK) {
    hnn_tensor_free(t);
    return s;
  }
  *out = t;
  return HNN_OK;
}

hnn_status hnn_idx_load_first(const char *path, int64_t limit, hnn_tensor **out) {
  if (!path || !out)
    return hnn_fail(HNN_ERR_INVALID_ARGUMENT, "hnn_idx_load: null argument");
  return load(path, limit, out);
}

hnn_status hnn_idx_load(const char *path, hnn_tensor **out) {
  return hnn_idx_load_first(path, -1, out);
}
