// The request log of the admin API: the last kCapacity requests with method, path,
// integration, Notion-Version, bodies (each cut to kMaxBody bytes), status and latency.
// Held in memory in a ring; GET /_localnotion/requests reads it, DELETE clears it, and
// GET /_localnotion/requests/stream follows it live (server-sent events, Events below).
// Instances over one PostgreSQL share one log per workspace in the store instead
// (Share; shared_request_log.h says what a reader sees when).
#pragma once

#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "common/clock.h"
#include "common/json.h"
#include "http/response.h"
#include "storage/shared_controls.h"

namespace localnotion::http {

struct LogEntry {
  uint64_t seq = 0;  // set by Add: 1, 2, ... in the order the requests were logged
  std::string request_id;
  Millis time = 0;  // shown as ISO 8601
  std::string method;
  std::string path;
  std::string integration_id;  // "" when the request was not authenticated
  std::string integration_name;
  std::string notion_version;
  HeaderFields request_headers;  // never Authorization, Proxy-Authorization or Cookie
  AnswerHead response_head;      // shown as AnswerHeaders (response.h)
  std::string request_body;
  std::string response_body;
  int status = 0;
  double latency_ms = 0;
};

class SharedLogWriter;

class RequestLog {
 public:
  static constexpr size_t kCapacity = 1000;
  static constexpr size_t kMaxBody = 16 * 1024;
  // What the log keeps of a body: its first kMaxBody bytes, then "..." when it is longer.
  // Copies only those. Add cuts what it is given too, and takes a body cut here as it is.
  static std::string CutBody(std::string_view body);

  RequestLog();
  ~RequestLog();
  // Keeps the log in `shared` (a PostgreSQL store's) from now on; call before use.
  void Share(std::shared_ptr<storage::SharedControls> shared);

  void Add(LogEntry entry);
  Status Clear();
  // What the log shows may be narrowed by each filter that is set: path (exact, or a
  // prefix ending in '*'), status, integration (id or name).
  struct Filter {
    std::optional<std::string> path;
    std::optional<int> status;
    std::optional<std::string> integration;
  };
  // Oldest first.
  Result<json::array> Find(const std::optional<std::string>& path, std::optional<int> status,
                           const std::optional<std::string>& integration) const;

  // The log as server-sent events (response.h): first the entries it holds, then each
  // new one, as `id: <seq>`, `event: request`, `data: <the entry as Find shows it>`; an
  // `event: cleared` when the log was cleared (reset, seed, DELETE). At most 100 entries
  // per poll, so a long backlog goes out in pieces.
  std::shared_ptr<EventSource> Events(Filter filter) const;

 private:
  friend class LogEvents;
  mutable std::mutex mu_;  // requests are logged from many threads
  std::deque<LogEntry> entries_;
  uint64_t next_seq_ = 1;
  uint64_t clears_ = 0;
  std::unique_ptr<SharedLogWriter> shared_;
};

// An entry as the log shows it (GET /_localnotion/requests, the live log).
json::object ShowEntry(const LogEntry& e);

}  // namespace localnotion::http
