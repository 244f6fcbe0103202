#include "common/token_hashes.h"

#include "common/sha256.h"

namespace localnotion {

std::string TokenHashes::HashOf(std::string_view token) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (auto it = hashes_.find(token); it != hashes_.end()) return it->second;
  }
  std::string hash = Sha256Hex(token);  // outside the lock: other threads need not wait
  std::lock_guard<std::mutex> lock(mu_);
  if (hashes_.size() >= kMaxEntries) hashes_.clear();
  hashes_.emplace(std::string(token), hash);
  return hash;
}

}  // namespace localnotion
