#include "http/request_log.h"

#include "common/utf8.h"
#include "http/shared_request_log.h"

namespace localnotion::http {
namespace {

// A copy of the first kMaxBody bytes, not resize(): a resized string keeps the capacity
// of the whole body, and the log's 1,000 entries held up to 1,000 whole answers (250 MB
// of block lists; issue 15, defect 5).
std::string Cut(std::string s) {
  if (s.size() <= RequestLog::kMaxBody) return s;
  // A body cut already (the pipeline's answers, RequestLog::CutBody) is its own cut: a
  // longer body ending in "..." right after its first kMaxBody bytes cuts to itself.
  if (s.size() == RequestLog::kMaxBody + 3 && s.compare(RequestLog::kMaxBody, 3, "...") == 0) return s;
  return RequestLog::CutBody(s);
}

bool PathMatches(const std::string& pattern, const std::string& path) {
  if (!pattern.empty() && pattern.back() == '*') return path.rfind(pattern.substr(0, pattern.size() - 1), 0) == 0;
  return pattern == path;
}

bool Matches(const RequestLog::Filter& f, const LogEntry& e) {
  if (f.path && !PathMatches(*f.path, e.path)) return false;
  if (f.status && *f.status != e.status) return false;
  if (f.integration && *f.integration != e.integration_id && *f.integration != e.integration_name) return false;
  return true;
}

}  // namespace

namespace {

// Header fields as a JSON object; a name that came more than once gets its values
// joined with ", " (RFC 9110, section 5.3).
json::object ShowHeaders(const HeaderFields& fields) {
  json::object out;
  for (const auto& [name, value] : fields) {
    const std::string key = ToValidUtf8(name);
    if (json::value* seen = out.if_contains(key)) {
      seen->as_string().append(", ");
      seen->as_string().append(ToValidUtf8(value));
    } else {
      out[key] = ToValidUtf8(value);
    }
  }
  return out;
}

}  // namespace

// What the client sent is shown as valid UTF-8 (U+FFFD for ill-formed bytes, and for a
// character a body was cut inside), like every echo of client input.
json::object ShowEntry(const LogEntry& e) {
  json::value integration_value = nullptr;
  if (!e.integration_id.empty())
    integration_value = json::object{{"id", e.integration_id}, {"name", e.integration_name}};
  return json::object{
      {"request_id", e.request_id},
      {"time", FormatIso8601(e.time)},
      {"method", e.method},
      {"path", ToValidUtf8(e.path)},
      {"integration", std::move(integration_value)},
      {"notion_version", e.notion_version.empty() ? json::value(nullptr) : json::value(ToValidUtf8(e.notion_version))},
      {"request_headers", ShowHeaders(e.request_headers)},
      {"response_headers", ShowHeaders(AnswerHeaders(e.response_head, e.request_id))},
      {"request_body", ToValidUtf8(e.request_body)},
      {"response_body", ToValidUtf8(e.response_body)},
      {"status", e.status},
      {"latency_ms", e.latency_ms}};
}

class LogEvents final : public EventSource {
 public:
  LogEvents(const RequestLog& log, RequestLog::Filter filter) : log_(log), filter_(std::move(filter)) {
    std::lock_guard<std::mutex> lock(log_.mu_);
    clears_ = log_.clears_;
  }

  std::string Poll() override {
    constexpr size_t kMaxPerPoll = 100;
    std::string out;
    std::lock_guard<std::mutex> lock(log_.mu_);
    if (clears_ != log_.clears_) {
      clears_ = log_.clears_;
      out += "event: cleared\ndata: {}\n\n";
    }
    // The entries are in seq order: skip back to the first one not yet sent.
    auto it = log_.entries_.end();
    while (it != log_.entries_.begin() && std::prev(it)->seq > last_) --it;
    for (size_t n = 0; it != log_.entries_.end() && n < kMaxPerPoll; ++it) {
      last_ = it->seq;
      if (!Matches(filter_, *it)) continue;
      ++n;
      out += "id: " + std::to_string(it->seq) +
             "\nevent: request\ndata: " + SerializeJson(json::value(ShowEntry(*it))) + "\n\n";
    }
    return out;
  }

 private:
  const RequestLog& log_;
  RequestLog::Filter filter_;
  uint64_t last_ = 0;
  uint64_t clears_ = 0;
};

RequestLog::RequestLog() = default;
RequestLog::~RequestLog() = default;

void RequestLog::Share(std::shared_ptr<storage::SharedControls> shared) {
  if (shared) shared_ = std::make_unique<SharedLogWriter>(std::move(shared), static_cast<int>(kCapacity));
}

std::shared_ptr<EventSource> RequestLog::Events(Filter filter) const {
  if (shared_) {
    shared_->Drain();
    return SharedLogEvents(shared_->controls(), std::move(filter));
  }
  return std::make_shared<LogEvents>(*this, std::move(filter));
}

Status RequestLog::Clear() {
  if (shared_) return shared_->Clear();
  std::lock_guard<std::mutex> lock(mu_);
  entries_.clear();
  ++clears_;
  return OkStatus();
}

std::string RequestLog::CutBody(std::string_view body) {
  if (body.size() <= kMaxBody) return std::string(body);
  std::string cut;
  cut.reserve(kMaxBody + 3);
  cut.append(body.substr(0, kMaxBody));
  cut += "...";
  return cut;
}

void RequestLog::Add(LogEntry entry) {
  entry.request_body = Cut(std::move(entry.request_body));
  entry.response_body = Cut(std::move(entry.response_body));
  if (shared_) return shared_->Push(std::move(entry));
  std::lock_guard<std::mutex> lock(mu_);
  entry.seq = next_seq_++;
  if (entries_.size() == kCapacity) entries_.pop_front();
  entries_.push_back(std::move(entry));
}

Result<json::array> RequestLog::Find(const std::optional<std::string>& path, std::optional<int> status,
                                     const std::optional<std::string>& integration) const {
  const Filter filter{path, status, integration};
  if (shared_) {
    shared_->Drain();  // this instance's own requests are listed once answered
    return FindShared(shared_->shared(), filter);
  }
  std::lock_guard<std::mutex> lock(mu_);
  json::array out;
  for (const LogEntry& e : entries_) {
    if (Matches(filter, e)) out.push_back(ShowEntry(e));
  }
  return out;
}

}  // namespace localnotion::http
