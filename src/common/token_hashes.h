// A memo of the SHA-256 of bearer tokens. Tokens are stored only as their hash
// (docs/security.md), so every request hashes the token it carries to find its
// integration; a server that answers thousands of requests a second from a handful of
// tokens need hash each only once. Thread-safe. Bounded: when it holds kMaxEntries
// tokens it forgets them all, so that a client sending ever new tokens cannot grow it.
// It holds the tokens in memory only, never on disk.
#pragma once

#include <cstddef>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace localnotion {

class TokenHashes {
 public:
  static constexpr size_t kMaxEntries = 1024;

  // Sha256Hex(token) (common/sha256.h).
  std::string HashOf(std::string_view token);

 private:
  // Looked up by the token's view, without a copy of it (C++20's heterogeneous lookup).
  struct ViewHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::mutex mu_;
  std::unordered_map<std::string, std::string, ViewHash, std::equal_to<>> hashes_;
};

}  // namespace localnotion
