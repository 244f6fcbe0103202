// The server's metrics, served by GET /metrics in Prometheus' text format (version
// 0.0.4): requests by method, route template and status, a latency histogram by
// method and route, the store's size on disk, the version and the uptime
// (docs/compat.md, "Logs and metrics").
//
// Routes are labelled by their template ("/v1/pages/{}"), never by the path asked for,
// so that the label set stays small; a request no route matches counts under
// route="unmatched" with method="other". Observing a request takes one mutex for a few
// map lookups, after the answer has been sent.
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>

namespace localnotion::http {

struct Route;

// What the server is, for /metrics and the landing page; set once before serving.
struct ServerInfo {
  std::string version;
  std::string store_url;   // as given to --db
  std::string store_path;  // the SQLite file, "" for memory:
  std::string workspace_name;
  std::chrono::steady_clock::time_point started = std::chrono::steady_clock::now();
};

class Metrics {
 public:
  // The upper bounds of the latency buckets, in seconds (and +Inf).
  static constexpr std::array<double, 14> kBucketsSeconds = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                                             0.1,    0.25,  0.5,    1,     2.5,  5,     10};

  // Counts one answered request. `route` is nullptr when none matched. Thread-safe.
  void Observe(const Route* route, int status, double latency_ms);

  // The text exposition of every metric, for GET /metrics.
  std::string Render(const ServerInfo& info) const;

 private:
  struct Histogram {
    std::array<uint64_t, kBucketsSeconds.size()> buckets{};  // not cumulative
    uint64_t count = 0;
    double sum_seconds = 0;
  };
  using RouteKey = std::pair<std::string_view, std::string_view>;  // method, template

  // A route's counts: found once per request (a look-up by two strings).
  struct RouteCounts {
    std::map<int, uint64_t> by_status;
    Histogram latency;
  };

  mutable std::mutex mu_;
  std::map<RouteKey, RouteCounts> routes_;  // guarded by mu_
};

// The size of the SQLite file and its write-ahead log in bytes; 0 when they do not exist.
int64_t StoreSizeBytes(const std::string& path);

}  // namespace localnotion::http
