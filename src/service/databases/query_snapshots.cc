#include "service/databases/query_snapshots.h"

#include <functional>

namespace localnotion::service {

// The fingerprint enters the key as a hash; Find compares the whole text.
std::string QuerySnapshots::Key(const std::string& source_id, const std::string& fingerprint,
                                const std::string& cursor) {
  return source_id + "/" + cursor + "/" + std::to_string(std::hash<std::string>{}(fingerprint));
}

std::string QuerySnapshots::Remember(std::shared_ptr<const QuerySnapshot> snapshot, size_t offset, Millis now) {
  std::lock_guard<std::mutex> lock(mu_);
  while (entries_.size() >= kMaxCursors && !order_.empty()) {
    entries_.erase(order_.front());
    order_.pop_front();
  }
  std::string cursor = snapshot->ids[offset];
  std::string key = Key(snapshot->source_id, snapshot->fingerprint, cursor);
  auto [it, added] = entries_.insert_or_assign(key, Entry{Place{std::move(snapshot), offset}, now + kTtlMs});
  if (added) order_.push_back(std::move(key));
  return cursor;
}

std::optional<QuerySnapshots::Place> QuerySnapshots::Find(const std::string& source_id,
                                                          const std::string& fingerprint, const std::string& cursor,
                                                          Millis now) const {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = entries_.find(Key(source_id, fingerprint, cursor));
  if (it == entries_.end() || it->second.expires <= now) return std::nullopt;
  if (it->second.place.snapshot->fingerprint != fingerprint) return std::nullopt;
  return it->second.place;
}

void QuerySnapshots::Clear() {
  std::lock_guard<std::mutex> lock(mu_);
  entries_.clear();
  order_.clear();
}

}  // namespace localnotion::service
