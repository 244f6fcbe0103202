// PullFetcher::Download (pull.h): the bytes of the Notion-hosted files the answers name.
//
// A file's link is signed and expires (an hour after the answer, for Notion's), so the
// crawl asks for it right after the answer that names it. It is a plain GET of the link,
// without the token or Notion-Version (the link is its own permission; Amazon S3, where
// Notion keeps files, refuses a request that carries a second authorization). It waits
// for the same rate as the API requests, and 429, 5xx and lost connections are retried
// the same way; any other answer but 2xx (an expired link's 403, a 404), a body over
// max_file_bytes, a refused certificate, or retries used up leave the file not kept:
// the fixture keeps the link, as an external file, and the pull goes on.
//
// The outcome is appended to the state file under "FILE " + HostedFileKey(link), so a
// resumed pull, which replays the same answers with the same links, does not download
// the file again: {"key", "file": {content_type, content_base64}} or {"key", "failed"}.
// Retries used up are not kept there (a later run tries again).
#include <fmt/format.h>

#include <chrono>
#include <thread>

#include "cli/pull.h"
#include "cli/pull_files.h"
#include "cli/pull_http.h"
#include "common/base64.h"

namespace localnotion::cli {
namespace {

constexpr int kMaxRedirects = 3;
constexpr int64_t kDownloadTimeoutMs = 5 * 60 * 1000;

std::string StateKey(std::string_view url) { return "FILE " + HostedFileKey(url); }

// "image/png; charset=binary" -> "image/png".
std::string MediaType(std::string_view header) {
  std::string_view type = header.substr(0, header.find(';'));
  while (!type.empty() && type.back() == ' ') type.remove_suffix(1);
  while (!type.empty() && type.front() == ' ') type.remove_prefix(1);
  return std::string(type);
}

// A redirect's Location as an absolute URL (a path is taken on the link's origin).
std::string Resolve(const std::string& from, const std::string& location) {
  if (location.find("://") != std::string::npos) return location;
  const size_t scheme = from.find("://");
  const size_t path = scheme == std::string::npos ? std::string::npos : from.find('/', scheme + 3);
  return from.substr(0, path) + (location.empty() || location[0] != '/' ? "/" : "") + location;
}

}  // namespace

void PullFetcher::ReplayFile(std::string_view key, const json::object& entry) {
  if (key.substr(0, 5) != "FILE ") return;
  PulledFile file;
  if (const json::value* kept = Find(entry, "file"); kept && kept->is_object()) {
    const json::value* type = Find(kept->get_object(), "content_type");
    const json::value* content = Find(kept->get_object(), "content_base64");
    auto bytes = content && content->is_string() ? Base64Decode(content->get_string()) : std::nullopt;
    if (!bytes) return;  // not a line this pull wrote: the file is downloaded again
    file.kept = true;
    file.bytes = std::move(*bytes);
    if (type && type->is_string()) file.content_type = std::string(type->get_string());
  } else if (const json::value* failed = Find(entry, "failed"); failed && failed->is_string()) {
    file.failure = std::string(failed->get_string());
  } else {
    return;
  }
  cached_files_[std::string(key.substr(5))] = std::move(file);
}

void PullFetcher::Count(const std::string& key, const PulledFile& file) {
  if (file.kept) {
    ++files_kept_;
  } else {
    ++files_failed_;
    file_failures_.push_back(fmt::format("{} ({})", key, file.failure));
  }
  Progress();
}

PulledFile PullFetcher::Download(const std::string& url) {
  const std::string key = HostedFileKey(url);
  if (auto it = cached_files_.find(key); it != cached_files_.end()) {
    ++replayed_;
    Count(key, it->second);
    return it->second;
  }
  PulledFile file;
  bool keep = true;  // whether the outcome goes into the state file
  std::string link = url;
  int redirects = 0;
  for (int attempt = 0;; ++attempt) {
    Pace();
    PullRequest request{"GET", link, /*token=*/"", std::nullopt, kDownloadTimeoutMs};
    request.body_limit = static_cast<uint64_t>(options_.max_file_bytes);
    PullResponse r = SendPullRequest(request);
    ++fetched_;
    Progress();
    if (r.status && *r.status >= 300 && *r.status < 400 && !r.location.empty() && redirects < kMaxRedirects) {
      link = Resolve(link, r.location);
      ++redirects;
      --attempt;  // a redirect is not a retry
      continue;
    }
    if (r.status && *r.status >= 200 && *r.status < 300) {
      file.kept = true;
      file.content_type = MediaType(r.content_type);
      file.bytes = std::move(r.body);
      break;
    }
    if (r.too_large) {
      file.failure = fmt::format("over {} bytes", options_.max_file_bytes);
      break;
    }
    const bool retryable = r.status ? (*r.status == 429 || *r.status >= 500) : !r.permanent;
    if (!retryable) {
      file.failure = r.status ? fmt::format("HTTP {}", *r.status) : r.error;
      break;
    }
    if (attempt >= options_.max_retries) {
      file.failure =
          fmt::format("{} after {} attempts", r.status ? fmt::format("HTTP {}", *r.status) : r.error, attempt + 1);
      keep = false;
      break;
    }
    ++retried_;
    std::this_thread::sleep_for(std::chrono::milliseconds(RetryWaitMs(r.retry_after, attempt + 1)));
  }
  if (keep) {
    json::object line{{"key", StateKey(url)}};
    if (file.kept) {
      line["file"] = json::object{{"content_type", file.content_type}, {"content_base64", Base64Encode(file.bytes)}};
    } else {
      line["failed"] = file.failure;
    }
    state_ << SerializeJson(json::value(std::move(line))) << '\n';
    state_.flush();
    cached_files_[key] = file;
  }
  Count(key, file);
  return file;
}

}  // namespace localnotion::cli
