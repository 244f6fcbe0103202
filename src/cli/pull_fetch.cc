// PullFetcher (pull.h): rate limit, retries and the resumable state file.
//
// The state file holds one JSON line per 2xx answer, {"key": "GET /v1/...", "body": …},
// and one per file downloaded (pull_download.cc), {"key": "FILE <link without its query>",
// "file": {content_type, content_base64}} or {"key": …, "failed": "HTTP 403"}, after a
// first line naming the base URL. The crawl is a function of the answers, so a
// second run asks for the same requests in the same order and the ones the file holds
// are answered from it, without a request; a line cut by a crash is ignored.
#include <fmt/format.h>

#include <chrono>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <thread>

#include "cli/pull.h"
#include "cli/pull_http.h"
#include "common/clock.h"

namespace localnotion::cli {
namespace {

constexpr std::string_view kStateFormat = "localnotion-pull-state/1";

int64_t SteadyMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

bool Retryable(int status) { return status == 429 || status >= 500; }

// The wait before retry `attempt` (1-based): Retry-After when the answer has one (whole
// seconds, as Notion sends it), else 1 s, 2 s, 4 s ... up to 32 s.
int64_t WaitMs(const std::string& retry_after, int attempt) {
  if (!retry_after.empty()) {
    char* end = nullptr;
    double seconds = std::strtod(retry_after.c_str(), &end);
    if (end != retry_after.c_str() && seconds >= 0) return static_cast<int64_t>(std::ceil(seconds * 1000));
  }
  return int64_t{1000} << std::min(attempt - 1, 5);
}

Error PullError(std::string message) { return MakeError(ErrorCode::kBadGateway, std::move(message)); }

}  // namespace

PullFetcher::PullFetcher(const PullOptions& options) : options_(options), state_path_(options.out + ".state") {
  while (!options_.from.empty() && options_.from.back() == '/') options_.from.pop_back();
}

Status PullFetcher::Open() {
  std::ifstream in(state_path_);
  bool fresh = true;
  if (in) {
    std::string line;
    if (std::getline(in, line)) {
      auto head = ParseJson(line);
      const json::value* from = head && head->is_object() ? Find(head->get_object(), "from") : nullptr;
      if (!from || !from->is_string() || from->get_string() != options_.from) {
        return PullError(fmt::format("the state file {} is not of a pull from {}: remove it to start again",
                                     state_path_, options_.from));
      }
      fresh = false;
    }
    while (std::getline(in, line)) {
      auto entry = ParseJson(line);
      if (!entry || !entry->is_object()) continue;  // cut by an interruption
      const json::value* key = Find(entry->get_object(), "key");
      const json::value* body = Find(entry->get_object(), "body");
      if (key && key->is_string() && body) cached_[std::string(key->get_string())] = *body;
      if (key && key->is_string()) ReplayFile(key->get_string(), entry->get_object());
    }
  }
  // A line cut by an interruption is ended, so that the next answer starts a line.
  bool cut = false;
  if (!fresh) {
    std::ifstream tail(state_path_, std::ios::binary | std::ios::ate);
    if (tail && tail.tellg() > 0) {
      tail.seekg(-1, std::ios::end);
      cut = tail.get() != '\n';
    }
  }
  state_.open(state_path_, std::ios::app | std::ios::binary);
  if (!state_) return PullError("cannot write the state file " + state_path_);
  if (cut) state_ << '\n';
  if (fresh) {
    state_ << SerializeJson(json::object{{"format", kStateFormat}, {"from", options_.from}}) << '\n';
    state_.flush();
  }
  return OkStatus();
}

Result<ApiAnswer> PullFetcher::Get(const std::string& path) { return Call("GET", path, std::nullopt); }

Result<ApiAnswer> PullFetcher::Post(const std::string& path, const json::value& body) {
  return Call("POST", path, SerializeJson(body));
}

Result<ApiAnswer> PullFetcher::Call(const std::string& method, const std::string& path,
                                    const std::optional<std::string>& body) {
  const std::string key = method + " " + path + (body ? " " + *body : "");
  if (auto it = cached_.find(key); it != cached_.end()) {
    ++replayed_;
    Progress();
    return ApiAnswer{200, it->second};
  }
  for (int attempt = 0;; ++attempt) {
    Pace();
    PullResponse r = SendPullRequest({method, options_.from + path, options_.token, body});
    ++fetched_;
    Progress();
    if (r.status && !Retryable(*r.status)) {
      auto parsed = ParseJson(r.body);
      if (!parsed)
        return PullError(fmt::format("{} {} answered {} with a body that is not JSON", method, path, *r.status));
      if (*r.status >= 200 && *r.status < 300) {
        state_ << SerializeJson(json::object{{"key", key}, {"body", *parsed}}) << '\n';
        state_.flush();
        cached_[key] = *parsed;
      }
      return ApiAnswer{*r.status, std::move(*parsed)};
    }
    std::string why = r.status ? fmt::format("status {}", *r.status) : r.error;
    if (r.permanent) return PullError(fmt::format("{} {} failed: {}", method, path, why));
    if (attempt >= options_.max_retries) {
      return PullError(fmt::format("{} {} failed after {} attempts: {}", method, path, attempt + 1, why));
    }
    ++retried_;
    std::this_thread::sleep_for(std::chrono::milliseconds(WaitMs(r.retry_after, attempt + 1)));
  }
}

void PullFetcher::Pace() {
  const int64_t interval = options_.rate > 0 ? static_cast<int64_t>(1000 / options_.rate) : 0;
  if (int64_t wait = last_start_ms_ + interval - SteadyMs(); wait > 0) {
    std::this_thread::sleep_for(std::chrono::milliseconds(wait));
  }
  last_start_ms_ = SteadyMs();
}

int64_t PullFetcher::RetryWaitMs(const std::string& retry_after, int attempt) { return WaitMs(retry_after, attempt); }

std::string PullFetcher::Counts() const {
  std::string out = fmt::format("{} requests, {} from the state file, {} retried", fetched_, replayed_, retried_);
  for (const auto& [kind, n] : seen) out += fmt::format(", {} {}", n, kind);
  if (files_kept_ + files_failed_ > 0) {
    out += fmt::format(", {} files downloaded, {} kept as links", files_kept_, files_failed_);
  }
  return out;
}

void PullFetcher::Progress() {
  if (options_.progress) std::fprintf(options_.progress, "\rpull: %s ", Counts().c_str());
}

void PullFetcher::Finish(bool complete) {
  Progress();
  if (options_.progress) std::fprintf(options_.progress, "\n");
  state_.close();
  if (complete) {
    std::error_code ec;
    std::filesystem::remove(state_path_, ec);
  }
}

}  // namespace localnotion::cli
