// The request log of the admin API: the last kCapacity requests with method, path,
// integration, Notion-Version, bodies (each cut to kMaxBody bytes), status and latency.
// Held in memory in a ring; GET /_localnotion/requests reads it, DELETE clears it.
#pragma once

#include <deque>
#include <mutex>
#include <optional>
#include <string>

#include "common/clock.h"
#include "common/json.h"

namespace localnotion::http {

struct LogEntry {
  std::string request_id;
  Millis time = 0;                // shown as ISO 8601
  std::string method;
  std::string path;
  std::string integration_id;    // "" when the request was not authenticated
  std::string integration_name;
  std::string notion_version;
  std::string request_body;
  std::string response_body;
  int status = 0;
  double latency_ms = 0;
};

class RequestLog {
 public:
  static constexpr size_t kCapacity = 1000;
  static constexpr size_t kMaxBody = 16 * 1024;

  void Add(LogEntry entry);
  void Clear() {
    std::lock_guard<std::mutex> lock(mu_);
    entries_.clear();
  }
  // Oldest first. Each filter applies when set: path (exact, or a prefix ending in '*'),
  // status, integration (id or name).
  json::array Find(const std::optional<std::string>& path, std::optional<int> status,
                   const std::optional<std::string>& integration) const;

 private:
  mutable std::mutex mu_;  // requests are logged from many threads
  std::deque<LogEntry> entries_;
};

}  // namespace localnotion::http
