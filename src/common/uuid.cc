#include "common/uuid.h"

#include <atomic>
#include <cstring>
#include <memory>
#include <mutex>
#include <random>

namespace localnotion {
namespace {

// The seeded generator of deterministic mode, shared by all threads (under a lock);
// null when every thread draws from its own randomly seeded one.
std::mutex g_seeded_mutex;
std::unique_ptr<std::mt19937_64> g_seeded;
std::atomic<bool> g_is_seeded{false};

// Draws one value of `dist` from the right generator.
// The generator of this thread when ids are not seeded.
std::mt19937_64& UnseededRng() {
  thread_local std::mt19937_64 rng{std::random_device{}()};
  return rng;
}

template <class Dist>
int Draw(Dist& dist) {
  if (g_is_seeded.load(std::memory_order_acquire)) {
    std::lock_guard<std::mutex> lock(g_seeded_mutex);
    return dist(*g_seeded);
  }
  return dist(UnseededRng());
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::optional<std::string> NormalizeUuid(std::string_view text) {
  // Dashed (36 characters, dashes at 8, 13, 18 and 23) or compact (32 hex digits); the
  // answer is dashed and lower case, written into a buffer and copied once.
  const bool dashed = text.size() == 36;
  if (!dashed && text.size() != 32) return std::nullopt;
  char out[36];
  size_t o = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (dashed && (i == 8 || i == 13 || i == 18 || i == 23)) {
      if (c != '-') return std::nullopt;
      out[o++] = '-';
      continue;
    }
    if (!dashed && (i == 8 || i == 12 || i == 16 || i == 20)) out[o++] = '-';
    if (HexValue(c) < 0) return std::nullopt;
    out[o++] = c >= 'A' && c <= 'F' ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return std::string(out, sizeof out);
}

std::string NewUuid() {
  static constexpr char kHex[] = "0123456789abcdef";
  std::uniform_int_distribution<int> dist(0, 15);
  // Unseeded, the 32 digits come from two 64-bit draws (every request makes an id, so
  // this is on the hot path); seeded, one draw per digit, so that the ids of a
  // --deterministic run stay what they have always been.
  const bool seeded = g_is_seeded.load(std::memory_order_acquire);
  if (!seeded) {
    // The 32 digits of two draws, the version and variant digits set, then the dashes.
    const uint64_t bits[2] = {UnseededRng()(), UnseededRng()()};
    char digits[32];
    for (int i = 0; i < 16; ++i) {
      digits[i] = kHex[(bits[0] >> (60 - 4 * i)) & 15];
      digits[16 + i] = kHex[(bits[1] >> (60 - 4 * i)) & 15];
    }
    digits[12] = '4';                              // version 4
    digits[16] = kHex[8 | ((bits[1] >> 60) & 3)];  // RFC 4122 variant
    std::string out(36, '-');
    std::memcpy(out.data(), digits, 8);
    std::memcpy(out.data() + 9, digits + 8, 4);
    std::memcpy(out.data() + 14, digits + 12, 4);
    std::memcpy(out.data() + 19, digits + 16, 4);
    std::memcpy(out.data() + 24, digits + 20, 12);
    return out;
  }
  // Written into a buffer, then copied once.
  char out[36];
  size_t o = 0;
  for (int i = 0; i < 32; ++i) {
    if (i == 8 || i == 12 || i == 16 || i == 20) out[o++] = '-';
    int v = Draw(dist);
    if (i == 12) v = 4;            // version 4
    if (i == 16) v = 8 | (v & 3);  // RFC 4122 variant
    out[o++] = kHex[v];
  }
  return std::string(out, sizeof out);
}

std::string CompactUuid(std::string_view dashed) {
  std::string out;
  out.reserve(32);
  for (char c : dashed) {
    if (c != '-') out.push_back(c);
  }
  return out;
}

std::string NewShortId(int n) {
  static constexpr char kChars[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  std::uniform_int_distribution<int> dist(0, sizeof(kChars) - 2);
  std::string out;
  for (int i = 0; i < n; ++i) out.push_back(kChars[Draw(dist)]);
  return out;
}

void SeedIdGenerator(uint64_t seed) {
  std::lock_guard<std::mutex> lock(g_seeded_mutex);
  g_seeded = std::make_unique<std::mt19937_64>(seed);
  g_is_seeded.store(true, std::memory_order_release);
}

}  // namespace localnotion
