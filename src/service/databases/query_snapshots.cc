#include "service/databases/query_snapshots.h"

#include <atomic>
#include <functional>
#include <random>

#include "common/sha256.h"

namespace localnotion::service {

// The fingerprint enters the key as a hash; Find compares the whole text.
std::string QuerySnapshots::Key(const std::string& source_id, const std::string& fingerprint,
                                const std::string& cursor) {
  return source_id + "/" + cursor + "/" + std::to_string(std::hash<std::string>{}(fingerprint));
}

// The same for every process: a digest of the whole query.
std::string QuerySnapshots::SharedKey(const std::string& source_id, const std::string& fingerprint,
                                      const std::string& cursor) {
  return Sha256Hex(source_id + "\n" + cursor + "\n" + fingerprint);
}

std::string QuerySnapshots::NewId() {
  // A random prefix per process and a counter: unique across the instances of a store.
  static const std::string prefix = [] {
    std::random_device rd;
    return std::to_string(rd()) + "-" + std::to_string(rd()) + "-";
  }();
  static std::atomic<uint64_t> next{0};
  return prefix + std::to_string(next.fetch_add(1));
}

std::string QuerySnapshots::Remember(std::shared_ptr<const QuerySnapshot> snapshot, size_t offset, Millis now) {
  std::string cursor = snapshot->ids[offset];
  bool first_shared = false;
  std::shared_ptr<const QuerySnapshot> kept = snapshot;
  {
    std::lock_guard<std::mutex> lock(mu_);
    while (entries_.size() >= kMaxCursors && !order_.empty()) {
      entries_.erase(order_.front());
      order_.pop_front();
    }
    std::string key = Key(snapshot->source_id, snapshot->fingerprint, cursor);
    auto [it, added] = entries_.insert_or_assign(key, Entry{Place{std::move(snapshot), offset}, now + kTtlMs});
    if (added) order_.push_back(std::move(key));
    if (shared_ && !kept->id.empty()) {
      if (shared_known_.size() > 2 * kMaxCursors) std::erase_if(shared_known_, [](auto& e) { return e.second.expired(); });
      first_shared = shared_known_.emplace(kept->id, kept).second;
    }
  }
  if (shared_ && !kept->id.empty()) {
    storage::SharedControls::StoredSnapshot stored;
    if (first_shared) stored = {kept->source_id, kept->fingerprint, kept->ids, kept->incomplete};
    // A place the store could not keep only means that another instance evaluates the
    // query afresh for this cursor, as after a restart.
    (void)shared_->RememberCursor(SharedKey(kept->source_id, kept->fingerprint, cursor), kept->id,
                                  first_shared ? &stored : nullptr, static_cast<int64_t>(offset), kTtlMs);
  }
  return cursor;
}

std::optional<QuerySnapshots::Place> QuerySnapshots::Find(const std::string& source_id,
                                                          const std::string& fingerprint, const std::string& cursor,
                                                          Millis now) const {
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = entries_.find(Key(source_id, fingerprint, cursor));
    if (it != entries_.end() && it->second.expires > now && it->second.place.snapshot->fingerprint == fingerprint) {
      return it->second.place;
    }
  }
  if (!shared_) return std::nullopt;
  return FindShared(source_id, fingerprint, cursor);
}

std::optional<QuerySnapshots::Place> QuerySnapshots::FindShared(const std::string& source_id,
                                                                const std::string& fingerprint,
                                                                const std::string& cursor) const {
  auto place = shared_->FindCursor(SharedKey(source_id, fingerprint, cursor));
  if (!place.ok() || !*place) return std::nullopt;
  std::shared_ptr<const QuerySnapshot> snapshot;
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto known = shared_known_.find((*place)->snapshot_id);
    if (known != shared_known_.end()) snapshot = known->second.lock();
  }
  if (!snapshot) {
    auto stored = shared_->FindSnapshot((*place)->snapshot_id);
    if (!stored.ok() || !*stored) return std::nullopt;
    auto made = std::make_shared<QuerySnapshot>();
    made->source_id = std::move((*stored)->source_id);
    made->fingerprint = std::move((*stored)->fingerprint);
    made->ids = std::move((*stored)->ids);
    made->incomplete = (*stored)->incomplete;
    made->id = (*place)->snapshot_id;
    snapshot = std::move(made);
    std::lock_guard<std::mutex> lock(mu_);
    shared_known_[snapshot->id] = snapshot;
  }
  const auto offset = static_cast<size_t>((*place)->offset);
  if (snapshot->source_id != source_id || snapshot->fingerprint != fingerprint || offset >= snapshot->ids.size() ||
      snapshot->ids[offset] != cursor) {
    return std::nullopt;
  }
  return Place{std::move(snapshot), offset};
}

void QuerySnapshots::Clear() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    entries_.clear();
    order_.clear();
    shared_known_.clear();
  }
  if (shared_) (void)shared_->ClearSnapshots();
}

}  // namespace localnotion::service
