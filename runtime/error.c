/*===- error.c - status codes and per-thread error messages ---------------===*/
#include "runtime/internal.h"

#include <stdarg.h>
#include <stdio.h>

static _Thread_local char last_error[1024];

hnn_status hnn_fail(hnn_status status, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(last_error, sizeof last_error, fmt, ap);
  va_end(ap);
  return status;
}

void hnn_clear_error(void) { last_error[0] = 0; }

const char *hnn_last_error(void) { return last_error; }

const char *hnn_status_name(hnn_status status) {
  switch (status) {
  case HNN_OK: return "ok";
  case HNN_ERR_INVALID_ARGUMENT: return "invalid argument";
  case HNN_ERR_SHAPE: return "shape mismatch";
  case HNN_ERR_IO: return "i/o error";
  case HNN_ERR_FORMAT: return "format error";
  case HNN_ERR_NOT_FOUND: return "not found";
  case HNN_ERR_OUT_OF_MEMORY: return "out of memory";
  }
  return "unknown status";
}

const char *hnn_dtype_name(hnn_dtype dtype) {
  switch (dtype) {
  case HNN_F32: return "f32";
  case HNN_F16: return "f16";
  case HNN_BF16: return "bf16";
  case HNN_I32: return "i32";
  case HNN_I64: return "i64";
  }
  return "?";
}

size_t hnn_dtype_size(hnn_dtype dtype) {
  switch (dtype) {
  case HNN_F32: case HNN_I32: return 4;
  case HNN_F16: case HNN_BF16: return 2;
  case HNN_I64: return 8;
  }
  return 0;
}
