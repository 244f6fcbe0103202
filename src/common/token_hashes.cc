#include "common/token_hashes.h"

#include "common/sha256.h"

namespace localnotion {

std::string TokenHashes::HashOf(std::string_view token) {
  std::string key(token);
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (auto it = hashes_.find(key); it != hashes_.end()) return it->second;
  }
  std::string hash = Sha256Hex(token);  // outside the lock: other threads need not wait
  std::lock_guard<std::mutex> lock(mu_);
  if (hashes_.size() >= kMaxEntries) hashes_.clear();
  hashes_.emplace(std::move(key), hash);
  return hash;
}

}  // namespace localnotion
