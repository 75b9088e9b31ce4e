//===- WeightsTest.cpp - safetensors sets, weight binding, IDX files ------===//
//
// Round trips through hnn's safetensors writer, the files PyTorch wrote
// (test/runtime/make_weights.py) against the NPY references next to them,
// binding a weight set to a model's parameters, and IDX files.
//
//===----------------------------------------------------------------------===//
#include "runtime/internal.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <unistd.h>
#include <vector>

namespace {

const std::string dataDir = HNN_TEST_DATA_DIR;

struct Set {
  hnn_weights *w = nullptr;
  ~Set() { hnn_weights_free(w); }
};
struct T {
  hnn_tensor *t = nullptr;
  ~T() { hnn_tensor_free(t); }
};

std::string tempPath(const std::string &name) {
  return ::testing::TempDir() + "hnn-weights-" + std::to_string(getpid()) + "-" + name;
}

hnn_tensor *filled(hnn_dtype dtype, std::vector<int64_t> shape, unsigned seed) {
  hnn_tensor *t = nullptr;
  EXPECT_EQ(hnn_tensor_create(dtype, (int)shape.size(), shape.data(), &t), HNN_OK);
  auto *bytes = static_cast<unsigned char *>(hnn_tensor_data(t));
  for (size_t i = 0; i < hnn_tensor_nbytes(t); ++i)
    bytes[i] = (unsigned char)(seed * 131 + i * 7);
  return t;
}

void expectSameTensor(const hnn_tensor *a, const hnn_tensor *b, const std::string &what) {
  ASSERT_TRUE(a && b) << what;
  EXPECT_EQ(hnn_tensor_dtype(a), hnn_tensor_dtype(b)) << what;
  ASSERT_EQ(hnn_tensor_rank(a), hnn_tensor_rank(b)) << what;
  for (int d = 0; d < hnn_tensor_rank(a); ++d)
    EXPECT_EQ(hnn_tensor_shape(a)[d], hnn_tensor_shape(b)[d]) << what << " dim " << d;
  ASSERT_EQ(hnn_tensor_nbytes(a), hnn_tensor_nbytes(b)) << what;
  EXPECT_EQ(std::memcmp(hnn_tensor_data(a), hnn_tensor_data(b), hnn_tensor_nbytes(a)), 0)
      << what;
}

std::vector<unsigned char> readFile(const std::string &path) {
  std::vector<unsigned char> bytes;
  if (FILE *f = std::fopen(path.c_str(), "rb")) {
    int c;
    while ((c = std::fgetc(f)) != EOF)
      bytes.push_back((unsigned char)c);
    std::fclose(f);
  }
  return bytes;
}

TEST(Weights, SaveLoadRoundTrip) {
  Set set;
  ASSERT_EQ(hnn_weights_create(&set.w), HNN_OK);
  struct Item {
    const char *name;
    hnn_dtype dtype;
    std::vector<int64_t> shape;
  } items[] = {{"fc.weight", HNN_F32, {3, 5}},   {"fc.bias", HNN_F32, {3}},
               {"half", HNN_F16, {7}},           {"brain", HNN_BF16, {2, 3}},
               {"count", HNN_I64, {}},           {"ids", HNN_I32, {1, 1, 5}},
               {"empty", HNN_F32, {0, 4}},       {"odd", HNN_F16, {3}},
               {"quote\"back\\slash\n\x01", HNN_F32, {1}},
               {"\xc3\xbc\x62\x65r/\xf0\x9f\x98\x80", HNN_I64, {2}},
               {"r8", HNN_F32, {1, 1, 1, 1, 1, 1, 1, 2}}};
  std::vector<T> sources(sizeof items / sizeof items[0]);
  for (size_t i = 0; i < sources.size(); ++i) {
    sources[i].t = filled(items[i].dtype, items[i].shape, (unsigned)i);
    ASSERT_EQ(hnn_weights_put(set.w, items[i].name, sources[i].t), HNN_OK) << hnn_last_error();
  }
  ASSERT_EQ(hnn_weights_set_metadata(set.w, "format", "pt"), HNN_OK);
  ASSERT_EQ(hnn_weights_set_metadata(set.w, "note", "a \"quoted\"\ttab \xc3\xa9"), HNN_OK);
  ASSERT_EQ(hnn_weights_count(set.w), (int)sources.size());

  std::string path = tempPath("round.safetensors");
  ASSERT_EQ(hnn_weights_save(set.w, path.c_str()), HNN_OK) << hnn_last_error();
  Set back;
  ASSERT_EQ(hnn_weights_load(path.c_str(), &back.w), HNN_OK) << hnn_last_error();
  ASSERT_EQ(hnn_weights_count(back.w), hnn_weights_count(set.w));
  for (int i = 0; i < hnn_weights_count(set.w); ++i) {
    const char *name = hnn_weights_name(set.w, i);
    EXPECT_STREQ(name, hnn_weights_name(back.w, i));
    if (i > 0)
      EXPECT_LT(std::strcmp(hnn_weights_name(set.w, i - 1), name), 0) << "names are sorted";
    expectSameTensor(hnn_weights_get(set.w, name), hnn_weights_get(back.w, name), name);
  }
  for (size_t i = 0; i < sources.size(); ++i)
    expectSameTensor(sources[i].t, hnn_weights_get(back.w, items[i].name), items[i].name);
  ASSERT_EQ(hnn_weights_num_metadata(back.w), 2);
  EXPECT_STREQ(hnn_weights_metadata_key(back.w, 0), "format");
  EXPECT_STREQ(hnn_weights_metadata(back.w, "format"), "pt");
  EXPECT_STREQ(hnn_weights_metadata(back.w, "note"), "a \"quoted\"\ttab \xc3\xa9");
  EXPECT_EQ(hnn_weights_metadata(back.w, "absent"), nullptr);

  // The layout: the header padded to 8 bytes, every tensor at a multiple of
  // its element size, the data contiguous from 0 to the end of the file.
  std::vector<unsigned char> bytes = readFile(path);
  ASSERT_GE(bytes.size(), 8u);
  uint64_t n = 0;
  for (int i = 7; i >= 0; --i)
    n = n << 8 | bytes[i];
  EXPECT_EQ(n % 8, 0u);
  std::string text(bytes.begin() + 8, bytes.begin() + 8 + n);
  hnn_st_header h = {};
  ASSERT_EQ(hnn_st_parse_header(text.c_str(), text.size(), bytes.size() - 8 - n, "saved", &h),
            HNN_OK)
      << hnn_last_error();
  uint64_t covered = 0;
  for (int i = 0; i < h.num_tensors; ++i) {
    EXPECT_EQ(h.tensors[i].begin % hnn_dtype_size(h.tensors[i].dtype), 0u) << h.tensors[i].name;
    covered += h.tensors[i].end - h.tensors[i].begin;
  }
  EXPECT_EQ(covered, bytes.size() - 8 - n) << "no gaps between tensors";
  hnn_st_header_free(&h);

  // In memory, the same bytes.
  void *image = nullptr;
  size_t size = 0;
  ASSERT_EQ(hnn_weights_serialize(back.w, &image, &size), HNN_OK);
  EXPECT_EQ(size, bytes.size());
  EXPECT_EQ(std::memcmp(image, bytes.data(), size), 0) << "saving is deterministic";
  std::free(image);
  std::remove(path.c_str());
}

TEST(Weights, PutCopiesAndReplaces) {
  Set set;
  ASSERT_EQ(hnn_weights_create(&set.w), HNN_OK);
  T a, b;
  a.t = filled(HNN_F32, {2}, 1);
  b.t = filled(HNN_I64, {3, 1}, 2);
  ASSERT_EQ(hnn_weights_put(set.w, "x", a.t), HNN_OK);
  static_cast<float *>(hnn_tensor_data(a.t))[0] = 42.0f; // the set has its own copy
  EXPECT_NE(static_cast<const float *>(hnn_tensor_data(hnn_weights_get(set.w, "x")))[0], 42.0f);
  ASSERT_EQ(hnn_weights_put(set.w, "y", a.t), HNN_OK);
  ASSERT_EQ(hnn_weights_put(set.w, "x", b.t), HNN_OK);
  EXPECT_EQ(hnn_weights_count(set.w), 2);
  expectSameTensor(hnn_weights_get(set.w, "x"), b.t, "replaced");
  expectSameTensor(hnn_weights_get(set.w, "y"), a.t, "kept");
  EXPECT_EQ(hnn_weights_get(set.w, "z"), nullptr);
  EXPECT_EQ(hnn_weights_name(set.w, 2), nullptr);
  EXPECT_EQ(hnn_weights_index(set.w, "y"), 1);
  EXPECT_EQ(hnn_weights_index(set.w, "w"), -1);

  // Replacing survives a save and a load: one "x", of the new kind.
  std::string path = tempPath("replace.safetensors");
  ASSERT_EQ(hnn_weights_save(set.w, path.c_str()), HNN_OK) << hnn_last_error();
  Set back;
  ASSERT_EQ(hnn_weights_load(path.c_str(), &back.w), HNN_OK) << hnn_last_error();
  EXPECT_EQ(hnn_weights_count(back.w), 2);
  expectSameTensor(hnn_weights_get(back.w, "x"), b.t, "replaced, reloaded");
  // Saving over an existing file replaces it whole.
  ASSERT_EQ(hnn_weights_put(set.w, "z", a.t), HNN_OK);
  ASSERT_EQ(hnn_weights_save(set.w, path.c_str()), HNN_OK);
  Set third;
  ASSERT_EQ(hnn_weights_load(path.c_str(), &third.w), HNN_OK);
  EXPECT_EQ(hnn_weights_count(third.w), 3);
  std::remove(path.c_str());
}

TEST(Weights, RejectsBadCalls) {
  Set set;
  ASSERT_EQ(hnn_weights_create(&set.w), HNN_OK);
  T a;
  a.t = filled(HNN_F32, {1}, 0);
  EXPECT_EQ(hnn_weights_put(set.w, "", a.t), HNN_ERR_INVALID_ARGUMENT);
  EXPECT_STREQ(hnn_last_error(), "hnn_weights_put: empty tensor name");
  EXPECT_EQ(hnn_weights_put(set.w, "__metadata__", a.t), HNN_ERR_INVALID_ARGUMENT);
  EXPECT_EQ(hnn_weights_put(set.w, "bad\xff", a.t), HNN_ERR_INVALID_ARGUMENT);
  EXPECT_STREQ(hnn_last_error(), "hnn_weights_put: name is not valid UTF-8");
  EXPECT_EQ(hnn_weights_put(set.w, nullptr, a.t), HNN_ERR_INVALID_ARGUMENT);
  EXPECT_EQ(hnn_weights_put(set.w, "x", nullptr), HNN_ERR_INVALID_ARGUMENT);
  EXPECT_EQ(hnn_weights_set_metadata(set.w, "k", "\xc0\x80"), HNN_ERR_INVALID_ARGUMENT);
  EXPECT_EQ(hnn_weights_count(set.w), 0);
  EXPECT_EQ(hnn_weights_load(nullptr, &set.w), HNN_ERR_INVALID_ARGUMENT);
  EXPECT_EQ(hnn_weights_count(nullptr), 0);
  EXPECT_EQ(hnn_weights_get(nullptr, "x"), nullptr);
  hnn_weights_free(nullptr);

  // A failed save leaves neither the file nor its temporary behind.
  std::string dir = tempPath("no-such-dir");
  std::string path = dir + "/w.safetensors";
  EXPECT_EQ(hnn_weights_save(set.w, path.c_str()), HNN_ERR_IO);
  EXPECT_NE(std::string(hnn_last_error()).find("cannot create"), std::string::npos);
  EXPECT_NE(access(dir.c_str(), F_OK), 0);
}

TEST(Weights, ParseFromMemory) {
  hnn_weights *w = nullptr;
  const char good[] = "\x10\0\0\0\0\0\0\0{}              ";
  ASSERT_EQ(hnn_weights_parse(good, sizeof good - 1, nullptr, &w), HNN_OK) << hnn_last_error();
  EXPECT_EQ(hnn_weights_count(w), 0);
  hnn_weights_free(w);
  w = nullptr;
  EXPECT_EQ(hnn_weights_parse(nullptr, 0, nullptr, &w), HNN_ERR_FORMAT);
  EXPECT_STREQ(hnn_last_error(),
               "<memory>: 0 bytes is too short for a safetensors file (8-byte header length)");
  EXPECT_EQ(w, nullptr);

  // A header longer than the reference implementation's 100 MiB limit.
  size_t n = (100u << 20) + 8;
  std::vector<char> big(8 + n, ' ');
  for (int i = 0; i < 8; ++i)
    big[i] = (char)((uint64_t)n >> (8 * i));
  EXPECT_EQ(hnn_weights_parse(big.data(), big.size(), "big", &w), HNN_ERR_FORMAT);
  EXPECT_STREQ(hnn_last_error(), "big: header length 104857608 exceeds the limit of 104857600 "
                                 "bytes");
}

// The values PyTorch wrote, against the NPY files make_weights.py wrote next
// to them (bf16 as its raw uint16 bits, which hnn's NPY reader takes as bf16).
TEST(Weights, ReadsWhatPyTorchWrote) {
  Set set;
  std::string path = dataDir + "/dtypes.safetensors";
  ASSERT_EQ(hnn_weights_load(path.c_str(), &set.w), HNN_OK) << hnn_last_error();
  struct {
    const char *name, *file;
  } cases[] = {{"f32", "f32"},       {"f16", "f16"},       {"bf16", "bf16"},
               {"i32", "i32"},       {"i64", "i64"},       {"scalar", "scalar"},
               {"empty", "empty"},   {"layer.0/\xc3\xbc" "ber \"q\"", "escaped"}};
  ASSERT_EQ(hnn_weights_count(set.w), 8);
  for (const auto &c : cases) {
    T want;
    std::string npy = dataDir + "/dtypes." + c.file + ".npy";
    ASSERT_EQ(hnn_npy_load(npy.c_str(), &want.t), HNN_OK) << hnn_last_error();
    expectSameTensor(hnn_weights_get(set.w, c.name), want.t, c.name);
  }
  ASSERT_EQ(hnn_weights_num_metadata(set.w), 1);
  EXPECT_STREQ(hnn_weights_metadata(set.w, "note"), "tab\there, \xc3\xa9t\xc3\xa9");
}

// A model with one input and `params` parameters of shape [2] ("p0", "p1",
// ...), with an entry point that is never called.
struct FakeModel {
  hnn_model *m = nullptr;
  std::string manifest;
  explicit FakeModel(int params, bool dynamicParam = false) {
    manifest = "hnn-manifest 2\nentry f " + std::to_string(params + 1) + " 1\n" +
               "arg input x f32 2 -1 2\n";
    for (int i = 0; i < params; ++i)
      manifest += std::string("arg ") + (i % 3 == 0 ? "trainable" : i % 3 == 1 ? "frozen" : "state") +
                  " p" + std::to_string(i) + " f32 1 " + (dynamicParam && i == 0 ? "-1" : "2") +
                  "\n";
    manifest += "result output result0 f32 2 -1 2\n";
    static const hnn_entry_fn entries[] = {[](void **) {}};
    EXPECT_EQ(hnn_model_open_static(manifest.c_str(), entries, nullptr, &m), HNN_OK)
        << hnn_last_error();
  }
  ~FakeModel() { hnn_model_free(m); }
};

TEST(Bind, FillsEveryParameter) {
  FakeModel model(3);
  Set set;
  ASSERT_EQ(hnn_weights_create(&set.w), HNN_OK);
  std::vector<T> sources(3);
  for (int i = 0; i < 3; ++i) {
    sources[i].t = filled(HNN_F32, {2}, (unsigned)i);
    ASSERT_EQ(hnn_weights_put(set.w, ("p" + std::to_string(i)).c_str(), sources[i].t), HNN_OK);
  }
  hnn_tensor *sentinel = reinterpret_cast<hnn_tensor *>(0x1);
  hnn_tensor *args[4] = {sentinel, nullptr, nullptr, nullptr};
  ASSERT_EQ(hnn_model_bind_weights(model.m, 0, set.w, 1, args, 4), HNN_OK) << hnn_last_error();
  EXPECT_EQ(args[0], sentinel) << "inputs are left alone";
  for (int i = 0; i < 3; ++i) {
    expectSameTensor(args[i + 1], sources[i].t, "p" + std::to_string(i));
    EXPECT_NE(args[i + 1], hnn_weights_get(set.w, ("p" + std::to_string(i)).c_str()))
        << "a copy the caller owns";
    hnn_tensor_free(args[i + 1]);
  }
}

TEST(Bind, ReportsAllProblemsAndChangesNothing) {
  FakeModel model(3);
  Set set;
  ASSERT_EQ(hnn_weights_create(&set.w), HNN_OK);
  T good, wrongShape, wrongType, extra;
  good.t = filled(HNN_F32, {2}, 0);
  wrongShape.t = filled(HNN_F32, {2, 1}, 1);
  wrongType.t = filled(HNN_BF16, {2}, 2);
  extra.t = filled(HNN_I32, {}, 3);
  ASSERT_EQ(hnn_weights_put(set.w, "p0", wrongShape.t), HNN_OK);
  ASSERT_EQ(hnn_weights_put(set.w, "p2", wrongType.t), HNN_OK);
  ASSERT_EQ(hnn_weights_put(set.w, "zz", extra.t), HNN_OK);
  hnn_tensor *args[4] = {nullptr, nullptr, nullptr, nullptr};
  EXPECT_EQ(hnn_model_bind_weights(model.m, 0, set.w, 1, args, 4), HNN_ERR_SHAPE);
  EXPECT_STREQ(hnn_last_error(),
               "entry 'f': 4 problems binding weights:\n"
               "  mismatch: 'p0' is f32[2, 1] in the weights, the model expects f32[2]\n"
               "  missing: 'p1' (frozen f32[2])\n"
               "  mismatch: 'p2' is bf16[2] in the weights, the model expects f32[2]\n"
               "  unused: 'zz' i32[] (no parameter has this name)");
  for (hnn_tensor *a : args)
    EXPECT_EQ(a, nullptr);

  // Fixed shapes, p1 still missing: not found; without strict zz is fine.
  ASSERT_EQ(hnn_weights_put(set.w, "p0", good.t), HNN_OK);
  ASSERT_EQ(hnn_weights_put(set.w, "p2", good.t), HNN_OK);
  EXPECT_EQ(hnn_model_bind_weights(model.m, 0, set.w, 0, args, 4), HNN_ERR_NOT_FOUND);
  EXPECT_STREQ(hnn_last_error(), "entry 'f': 1 problem binding weights:\n"
                                 "  missing: 'p1' (frozen f32[2])");
  ASSERT_EQ(hnn_weights_put(set.w, "p1", good.t), HNN_OK);
  EXPECT_EQ(hnn_model_bind_weights(model.m, 0, set.w, 1, args, 4), HNN_ERR_NOT_FOUND);
  EXPECT_EQ(hnn_model_bind_weights(model.m, 0, set.w, 0, args, 4), HNN_OK);
  for (hnn_tensor *a : args)
    hnn_tensor_free(a);

  EXPECT_EQ(hnn_model_bind_weights(model.m, 0, set.w, 0, args, 3), HNN_ERR_INVALID_ARGUMENT);
  EXPECT_STREQ(hnn_last_error(), "f takes 4 arguments, got an array of 3");
  EXPECT_EQ(hnn_model_bind_weights(model.m, 1, set.w, 0, args, 4), HNN_ERR_INVALID_ARGUMENT);
  EXPECT_EQ(hnn_model_bind_weights(model.m, 0, nullptr, 0, args, 4), HNN_ERR_INVALID_ARGUMENT);
}

TEST(Bind, LongReportsAreCut) {
  FakeModel model(200);
  Set set;
  ASSERT_EQ(hnn_weights_create(&set.w), HNN_OK);
  std::vector<hnn_tensor *> args(201, nullptr);
  EXPECT_EQ(hnn_model_bind_weights(model.m, 0, set.w, 0, args.data(), 201), HNN_ERR_NOT_FOUND);
  std::string message = hnn_last_error();
  EXPECT_EQ(message.rfind("entry 'f': 200 problems binding weights:\n  missing: 'p0' "
                          "(trainable f32[2])\n",
                          0),
            0u)
      << message;
  EXPECT_NE(message.find(" more"), std::string::npos) << message;
  EXPECT_LT(message.size(), 1023u);
  size_t last = message.rfind('\n');
  EXPECT_EQ(message.substr(last, 9), "\n  ... an") << message;
}

TEST(Bind, RejectsDynamicParameters) {
  FakeModel model(1, /*dynamicParam=*/true);
  Set set;
  ASSERT_EQ(hnn_weights_create(&set.w), HNN_OK);
  T p;
  p.t = filled(HNN_F32, {2}, 0);
  ASSERT_EQ(hnn_weights_put(set.w, "p0", p.t), HNN_OK);
  hnn_tensor *args[2] = {nullptr, nullptr};
  EXPECT_EQ(hnn_model_bind_weights(model.m, 0, set.w, 0, args, 2), HNN_ERR_SHAPE);
  EXPECT_STREQ(hnn_last_error(), "entry 'f': 1 problem binding weights:\n"
                                 "  mismatch: parameter 'p0' has a dynamic shape f32[batch]");
}

// IDX files against the NPY files make_weights.py wrote from the same arrays.
TEST(Idx, LoadsEveryElementType) {
  struct {
    const char *idx, *npy;
  } cases[] = {{"labels.idx", "labels"}, {"i16.idx", "i16"}, {"i8.idx", "i8"},
               {"f32.idx", "f32"},       {"f64.idx", "f64"}, {"images.idx", "images"},
               {"images.idx.gz", "images"}};
  for (const auto &c : cases) {
    T got, want;
    std::string path = dataDir + "/" + c.idx;
    hnn_status s = hnn_idx_load(path.c_str(), &got.t);
    if (s != HNN_OK && std::strstr(hnn_last_error(), "without zlib"))
      continue; // a libhnnrt without zlib says so; idx-no-zlib.test checks it
    ASSERT_EQ(s, HNN_OK) << hnn_last_error();
    ASSERT_EQ(hnn_npy_load((dataDir + "/" + c.npy + ".npy").c_str(), &want.t), HNN_OK);
    expectSameTensor(got.t, want.t, c.idx);
  }
}

TEST(Idx, LimitKeepsTheFirstSamples) {
  T all, first, none;
  std::string path = dataDir + "/images.idx";
  ASSERT_EQ(hnn_idx_load(path.c_str(), &all.t), HNN_OK);
  ASSERT_EQ(hnn_idx_load_first(path.c_str(), 2, &first.t), HNN_OK);
  ASSERT_EQ(hnn_tensor_rank(first.t), 3);
  EXPECT_EQ(hnn_tensor_shape(first.t)[0], 2);
  EXPECT_EQ(hnn_tensor_shape(first.t)[1], 3);
  EXPECT_EQ(std::memcmp(hnn_tensor_data(first.t), hnn_tensor_data(all.t),
                        hnn_tensor_nbytes(first.t)),
            0);
  ASSERT_EQ(hnn_idx_load_first(path.c_str(), 0, &none.t), HNN_OK);
  EXPECT_EQ(hnn_tensor_numel(none.t), 0);
  T more;
  ASSERT_EQ(hnn_idx_load_first(path.c_str(), 99, &more.t), HNN_OK);
  EXPECT_EQ(hnn_tensor_shape(more.t)[0], 5);
  hnn_tensor *t = nullptr;
  EXPECT_EQ(hnn_idx_load((dataDir + "/missing.idx").c_str(), &t), HNN_ERR_NOT_FOUND);
  EXPECT_EQ(hnn_idx_load(nullptr, &t), HNN_ERR_INVALID_ARGUMENT);
}

} // namespace
