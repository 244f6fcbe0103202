#include "http/request_log.h"

#include "common/utf8.h"

namespace localnotion::http {
namespace {

// A copy of the first kMaxBody bytes, not resize(): a resized string keeps the capacity
// of the whole body, and the log's 1,000 entries held up to 1,000 whole answers (250 MB
// of block lists; issue 15, defect 5).
std::string Cut(std::string s) {
  if (s.size() <= RequestLog::kMaxBody) return s;
  std::string cut = s.substr(0, RequestLog::kMaxBody);
  cut += "...";
  return cut;
}

bool PathMatches(const std::string& pattern, const std::string& path) {
  if (!pattern.empty() && pattern.back() == '*') return path.rfind(pattern.substr(0, pattern.size() - 1), 0) == 0;
  return pattern == path;
}

}  // namespace

void RequestLog::Add(LogEntry entry) {
  std::lock_guard<std::mutex> lock(mu_);
  entry.request_body = Cut(std::move(entry.request_body));
  entry.response_body = Cut(std::move(entry.response_body));
  if (entries_.size() == kCapacity) entries_.pop_front();
  entries_.push_back(std::move(entry));
}

json::array RequestLog::Find(const std::optional<std::string>& path, std::optional<int> status,
                             const std::optional<std::string>& integration) const {
  std::lock_guard<std::mutex> lock(mu_);
  json::array out;
  for (const LogEntry& e : entries_) {
    if (path && !PathMatches(*path, e.path)) continue;
    if (status && *status != e.status) continue;
    if (integration && *integration != e.integration_id && *integration != e.integration_name) continue;
    // What the client sent is shown as valid UTF-8 (U+FFFD for ill-formed bytes, and for
    // a character a body was cut inside), like every echo of client input.
    json::value integration_value = nullptr;
    if (!e.integration_id.empty())
      integration_value = json::object{{"id", e.integration_id}, {"name", e.integration_name}};
    out.push_back(
        json::object{{"request_id", e.request_id},
                     {"time", FormatIso8601(e.time)},
                     {"method", e.method},
                     {"path", ToValidUtf8(e.path)},
                     {"integration", std::move(integration_value)},
                     {"notion_version",
                      e.notion_version.empty() ? json::value(nullptr) : json::value(ToValidUtf8(e.notion_version))},
                     {"request_body", ToValidUtf8(e.request_body)},
                     {"response_body", ToValidUtf8(e.response_body)},
                     {"status", e.status},
                     {"latency_ms", e.latency_ms}});
  }
  return out;
}

}  // namespace localnotion::http
