/*===- safetensors_fuzzer.c - libFuzzer target for the safetensors loader --===*
 *
 * Each input is either a whole file (8-byte length, header, data) or, when it
 * starts with '{', just a header: the length is filled in and 256 bytes of
 * data follow, so that mutations of the JSON are not all stopped by a length
 * that no longer matches. Whatever the bytes, loading must fail cleanly (with
 * a message) or succeed; a loaded set must survive a round trip through the
 * writer: same names, dtypes, shapes, bytes and metadata. Built with
 * -fsanitize=fuzzer,address,undefined; any crash, leak, sanitizer report or
 * abort() below fails the run.
 *===----------------------------------------------------------------------===*/
#include "runtime/internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void check(int ok, const char *what) {
  if (!ok) {
    fprintf(stderr, "safetensors_fuzzer: %s (last error: %s)\n", what, hnn_last_error());
    abort();
  }
}

static void same_sets(const hnn_weights *a, const hnn_weights *b) {
  check(hnn_weights_count(a) == hnn_weights_count(b), "round trip changed the tensor count");
  for (int i = 0; i < hnn_weights_count(a); ++i) {
    const char *name = hnn_weights_name(a, i);
    check(strcmp(name, hnn_weights_name(b, i)) == 0, "round trip changed a name");
    const hnn_tensor *x = hnn_weights_get(a, name), *y = hnn_weights_get(b, name);
    check(x && y, "a listed name is not found");
    check(hnn_tensor_dtype(x) == hnn_tensor_dtype(y) && hnn_tensor_rank(x) == hnn_tensor_rank(y),
          "round trip changed a dtype or rank");
    check(memcmp(hnn_tensor_shape(x), hnn_tensor_shape(y),
                 sizeof(int64_t) * (size_t)hnn_tensor_rank(x)) == 0,
          "round trip changed a shape");
    check(memcmp(hnn_tensor_data(x), hnn_tensor_data(y), hnn_tensor_nbytes(x)) == 0,
          "round trip changed the data");
  }
  check(hnn_weights_num_metadata(a) == hnn_weights_num_metadata(b),
        "round trip changed the metadata count");
  for (int i = 0; i < hnn_weights_num_metadata(a); ++i) {
    const char *key = hnn_weights_metadata_key(a, i);
    const char *value = hnn_weights_metadata(b, key);
    check(value && strcmp(value, hnn_weights_metadata(a, key)) == 0,
          "round trip changed a metadata value");
  }
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size) {
  unsigned char *file = NULL;
  if (size && data[0] == '{') {
    file = malloc(8 + size + 256);
    if (!file)
      return 0;
    for (int i = 0; i < 8; ++i)
      file[i] = (unsigned char)((uint64_t)size >> (8 * i));
    memcpy(file + 8, data, size);
    for (int i = 0; i < 256; ++i)
      file[8 + size + i] = (unsigned char)i;
    data = file;
    size += 8 + 256;
  }
  hnn_clear_error();
  hnn_weights *w = NULL;
  hnn_status s = hnn_weights_parse(data, size, "fuzz", &w);
  free(file);
  if (s != HNN_OK) {
    check(w == NULL, "a failed load produced a set");
    check(hnn_last_error()[0] != 0, "a failed load left no message");
    return 0;
  }
  check(hnn_weights_get(w, "\x01 no such name") == NULL, "found a name that is not there");
  void *bytes = NULL;
  size_t n = 0;
  check(hnn_weights_serialize(w, &bytes, &n) == HNN_OK, "cannot serialize a loaded set");
  uint64_t header = 0;
  for (int i = 7; n >= 8 && i >= 0; --i)
    header = header << 8 | ((const unsigned char *)bytes)[i];
  check(n >= 8 && header % 8 == 0, "the writer did not pad the header to 8 bytes");
  hnn_weights *again = NULL;
  check(hnn_weights_parse(bytes, n, "round trip", &again) == HNN_OK,
        "cannot load what the writer wrote");
  same_sets(w, again);
  free(bytes);
  hnn_weights_free(again);
  hnn_weights_free(w);
  return 0;
}
