// The results of a query, kept while a client pages through them.
//
// The first call of a query evaluates its filter and sorts once and keeps the ordered
// ids of the matching pages (at most the result limit). A next_cursor is, as in Notion,
// the id of the first page of the next page of results; together with the data source
// and the query (its filter, sorts and in_trash: the fingerprint) it names a place in
// that list. So later calls of the same query neither repeat nor skip a page however
// the data source changes meanwhile: a page written between calls keeps its place (and
// shows its new values), a page created after the first call is not in the list.
// Places are kept in memory, at most kMaxCursors of them, each for kTtlMs after it was
// handed out. Over a store that other processes serve too (PostgreSQL), they are also
// kept in the store's shared controls (storage/shared_controls.h), so that a cursor
// handed out by one instance finds its place on another. A cursor with no place (after
// a restart, or a different query) is looked up in a fresh evaluation, and is invalid
// when that page is not in the result.
#pragma once

#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "common/clock.h"
#include "storage/shared_controls.h"

namespace localnotion::service {

struct QuerySnapshot {
  std::string source_id;
  std::string fingerprint;       // the query's filter, sorts and in_trash
  std::vector<std::string> ids;  // in result order
  bool incomplete = false;       // the result limit cut the list short
  std::string id;                // names it in the shared controls (QuerySnapshots::NewId)
};

// Thread-safe: one instance serves every request of the process.
class QuerySnapshots {
 public:
  static constexpr size_t kMaxCursors = 10000;
  static constexpr Millis kTtlMs = 60 * 60 * 1000;

  struct Place {
    std::shared_ptr<const QuerySnapshot> snapshot;
    size_t offset = 0;
  };

  // Keeps places in `shared` too. Set once, before serving.
  void Share(std::shared_ptr<storage::SharedControls> shared) { shared_ = std::move(shared); }
  // An id no other snapshot of any process has.
  static std::string NewId();

  // Hands out the cursor for `offset` (< ids.size()) in `snapshot`: the id there. `now`
  // is a monotonic time in ms.
  std::string Remember(std::shared_ptr<const QuerySnapshot> snapshot, size_t offset, Millis now);
  // The place of `cursor` in the latest snapshot of the same data source and query.
  std::optional<Place> Find(const std::string& source_id, const std::string& fingerprint, const std::string& cursor,
                            Millis now) const;
  void Clear();

 private:
  std::optional<Place> FindShared(const std::string& source_id, const std::string& fingerprint,
                                  const std::string& cursor) const;
  static std::string SharedKey(const std::string& source_id, const std::string& fingerprint, const std::string& cursor);

  struct Entry {
    Place place;
    Millis expires = 0;
  };
  static std::string Key(const std::string& source_id, const std::string& fingerprint, const std::string& cursor);
  mutable std::mutex mu_;
  std::unordered_map<std::string, Entry> entries_;
  std::deque<std::string> order_;  // oldest first, for the bound
  std::shared_ptr<storage::SharedControls> shared_;
  // Snapshots written to (or read from) the shared controls, by id, so that each is
  // written once and read once; pruned of the ones no place holds any more.
  mutable std::unordered_map<std::string, std::weak_ptr<const QuerySnapshot>> shared_known_;
};

}  // namespace localnotion::service
