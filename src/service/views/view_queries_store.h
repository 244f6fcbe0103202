// The results of view queries (POST /v1/views/{id}/queries), kept while a client pages
// through them (GET /v1/views/{id}/queries/{query_id}) until they expire or are deleted
// (https://developers.notion.com/guides/data-apis/working-with-views#querying-a-view).
// Notion keeps a query's result set for about 15 minutes, which gives stable paging:
// pages written meanwhile keep their place, pages created meanwhile are not in it.
// Kept in memory (a restart forgets every query), at most kMaxQueries of them, the
// oldest dropped first.
#pragma once

#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "common/clock.h"

namespace localnotion::service {

struct ViewQueryResult {
  std::string id;
  std::string view_id;
  std::string integration_id;    // only the integration that made it may read it
  std::vector<std::string> ids;  // page ids in result order
  bool incomplete = false;       // the result limit cut it short
  Millis expires_at = 0;         // wall clock (common/clock.h)
};

// Thread-safe: one instance serves every request of the process.
class ViewQueries {
 public:
  static constexpr size_t kMaxQueries = 1000;

  void Put(std::shared_ptr<const ViewQueryResult> query);
  // The query, or nullptr when unknown or expired at `now`.
  std::shared_ptr<const ViewQueryResult> Find(const std::string& id, Millis now) const;
  void Remove(const std::string& id);
  void Clear();

 private:
  mutable std::mutex mu_;
  std::unordered_map<std::string, std::shared_ptr<const ViewQueryResult>> queries_;
  std::deque<std::string> order_;  // oldest first, for the bound
};

}  // namespace localnotion::service
