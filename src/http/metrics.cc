#include "http/metrics.h"

#include <cstdio>
#include <filesystem>
#include <system_error>

#include "http/routes.h"

namespace localnotion::http {
namespace {

constexpr std::string_view kUnmatchedMethod = "other";
constexpr std::string_view kUnmatchedRoute = "unmatched";

// A label value with '\', '"' and newlines escaped as the text format asks.
std::string Label(std::string_view value) {
  std::string out;
  for (char c : value) {
    if (c == '\\' || c == '"') out.push_back('\\');
    if (c == '\n') {
      out.append("\\n");
      continue;
    }
    out.push_back(c);
  }
  return out;
}

std::string Number(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.9g", v);
  return buf;
}

std::string RouteLabels(std::string_view method, std::string_view route) {
  return "method=\"" + Label(method) + "\",route=\"" + Label(route) + "\"";
}

}  // namespace

void Metrics::Observe(const Route* route, int status, double latency_ms) {
  const RouteKey key = route ? RouteKey{route->method, route->path} : RouteKey{kUnmatchedMethod, kUnmatchedRoute};
  const double seconds = latency_ms / 1000.0;
  size_t bucket = 0;
  while (bucket < kBucketsSeconds.size() && seconds > kBucketsSeconds[bucket]) ++bucket;
  std::lock_guard<std::mutex> lock(mu_);
  RouteCounts& counts = routes_[key];
  ++counts.by_status[status];
  Histogram& h = counts.latency;
  if (bucket < kBucketsSeconds.size()) ++h.buckets[bucket];
  ++h.count;
  h.sum_seconds += seconds;
}

std::string Metrics::Render(const ServerInfo& info) const {
  std::string out;
  out += "# HELP localnotion_build_info The server's version.\n# TYPE localnotion_build_info gauge\n";
  out += "localnotion_build_info{version=\"" + Label(info.version) + "\"} 1\n";
  const double uptime = std::chrono::duration<double>(std::chrono::steady_clock::now() - info.started).count();
  out += "# HELP localnotion_uptime_seconds Seconds since the server started.\n";
  out += "# TYPE localnotion_uptime_seconds gauge\nlocalnotion_uptime_seconds " + Number(uptime) + "\n";
  if (!info.store_path.empty()) {
    out += "# HELP localnotion_store_size_bytes The SQLite store file and its write-ahead log, in bytes.\n";
    out += "# TYPE localnotion_store_size_bytes gauge\n";
    out += "localnotion_store_size_bytes " + std::to_string(StoreSizeBytes(info.store_path)) + "\n";
  }
  std::lock_guard<std::mutex> lock(mu_);
  out += "# HELP localnotion_http_requests_total Requests answered, by method, route template and status.\n";
  out += "# TYPE localnotion_http_requests_total counter\n";
  for (const auto& [key, counts] : routes_) {
    for (const auto& [status, count] : counts.by_status) {
      out += "localnotion_http_requests_total{" + RouteLabels(key.first, key.second) + ",status=\"" +
             std::to_string(status) + "\"} " + std::to_string(count) + "\n";
    }
  }
  out += "# HELP localnotion_http_request_duration_seconds Time from a request's header to its answer sent.\n";
  out += "# TYPE localnotion_http_request_duration_seconds histogram\n";
  for (const auto& [key, counts] : routes_) {
    const Histogram& h = counts.latency;
    const std::string labels = RouteLabels(key.first, key.second);
    uint64_t cumulative = 0;
    for (size_t i = 0; i < kBucketsSeconds.size(); ++i) {
      cumulative += h.buckets[i];
      out += "localnotion_http_request_duration_seconds_bucket{" + labels + ",le=\"" + Number(kBucketsSeconds[i]) +
             "\"} " + std::to_string(cumulative) + "\n";
    }
    out += "localnotion_http_request_duration_seconds_bucket{" + labels + ",le=\"+Inf\"} " + std::to_string(h.count) +
           "\n";
    out += "localnotion_http_request_duration_seconds_sum{" + labels + "} " + Number(h.sum_seconds) + "\n";
    out += "localnotion_http_request_duration_seconds_count{" + labels + "} " + std::to_string(h.count) + "\n";
  }
  return out;
}

int64_t StoreSizeBytes(const std::string& path) {
  int64_t total = 0;
  for (const std::string& file : {path, path + "-wal"}) {
    std::error_code ec;
    const auto size = std::filesystem::file_size(file, ec);
    if (!ec) total += static_cast<int64_t>(size);
  }
  return total;
}

}  // namespace localnotion::http

namespace localnotion::http {

Response MetricsAnswer(const OpenArgs& args) {
  Response res{200, args.metrics.Render(args.info), args.request_id};
  res.content_type = "text/plain; version=0.0.4; charset=utf-8";
  return res;
}

}  // namespace localnotion::http
