//===- AllocatorTest.cpp - the runtime's buffer cache ---------------------===//
//
// Compiled models allocate their intermediates through hnn_buffer_alloc: large
// blocks must come back from the cache on the next call (no fresh pages),
// aligned for 512-bit vectors, and never handed out twice.
//
//===----------------------------------------------------------------------===//
#include "runtime/internal.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <set>

TEST(BufferCache, ReusesLargeBlocks) {
  void *a = hnn_buffer_alloc(64, 3 << 20);
  ASSERT_NE(a, nullptr);
  std::memset(a, 1, 3 << 20);
  hnn_buffer_free(a);
  void *b = hnn_buffer_alloc(64, 3 << 20);
  EXPECT_EQ(a, b) << "a freed block of the same size is reused";
  hnn_buffer_free(b);
}

TEST(BufferCache, AlignsEveryBlock) {
  for (size_t size : {size_t(1), size_t(100), size_t(4096), size_t(70000), size_t(5 << 20)}) {
    void *p = hnn_buffer_alloc(64, size);
    ASSERT_NE(p, nullptr);
    EXPECT_EQ(reinterpret_cast<uintptr_t>(p) % 64, 0u) << size;
    std::memset(p, 0xab, size);
    hnn_buffer_free(p);
  }
}

TEST(BufferCache, LiveBlocksAreDistinct) {
  // Blocks in use at the same time never alias, cached or not.
  std::set<void *> live;
  for (int round = 0; round < 3; ++round) {
    for (int i = 0; i < 12; ++i) {
      void *p = hnn_buffer_alloc(64, (i % 3 + 1) << 20);
      ASSERT_TRUE(live.insert(p).second);
    }
    for (void *p : live)
      hnn_buffer_free(p);
    live.clear();
  }
}

TEST(BufferCache, SizesDoNotMix) {
  void *small = hnn_buffer_alloc(64, 1 << 20);
  hnn_buffer_free(small);
  void *big = hnn_buffer_alloc(64, 8 << 20);
  EXPECT_NE(small, big) << "a 1 MiB block must not serve an 8 MiB request";
  std::memset(big, 0, 8 << 20);
  hnn_buffer_free(big);
  hnn_buffer_free(nullptr);
}
