// `localnotion pull` (docs/fixtures.md "Pulling a workspace"): copies what one
// integration token can see of a workspace (users, custom emojis, databases, data
// sources, pages, their blocks recursively with AI meeting notes, comments) through
// Notion's public API into a fixture file that `serve --seed` or POST /_localnotion/seed
// loads.
//
//   PullFetcher  the requests: at most `rate` per second, 429 and 5xx (and lost
//                connections) retried after Retry-After or a growing wait, every answer
//                appended to a state file beside the output so that a run after an
//                interruption replays what it has and fetches only the rest (pull_fetch.cc)
//   Crawl        what is fetched, in a fixed order (pull.cc)
//   Download     the bytes of each Notion-hosted file the answers name, at the same rate
//                and with the same retries, kept in the state file too (pull_download.cc)
//   ToFixture    Notion's response objects in the fixture's form (pull_fixture.cc), the
//                downloaded files as file uploads of the fixture (pull_files.cc), meeting
//                notes with their tabs as markdown (pull_meeting_notes.cc)
#pragma once

#include <cstdint>
#include <cstdio>
#include <fstream>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "common/error.h"
#include "common/json.h"

namespace localnotion::cli {

struct PullOptions {
  std::string from = "https://api.notion.com";  // the API's base URL
  std::string token;
  std::string out;      // the fixture file; the state file is out + ".state"
  double rate = 3;      // requests per second (Notion's documented average)
  int max_retries = 8;  // per request, for 429, 5xx and lost connections
  // The largest file downloaded: 20 MiB, the most one single-part upload of Notion's File
  // Upload API may hold (https://developers.notion.com/reference/file-upload); a larger
  // file stays an external link.
  int64_t max_file_bytes = 20 * 1024 * 1024;
  FILE* progress = stderr;
};

// A Notion-hosted file named by the answers, downloaded or not.
struct PulledFile {
  bool kept = false;         // its bytes were read
  std::string content_type;  // as the file's host sent it, without parameters ("" when absent)
  std::string bytes;
  std::string failure;  // why not kept: "HTTP 403", "over N bytes", a transport error
};

// One answer of the API: 2xx answers are cached in the state file; 4xx other than 429
// come back as they are, for the crawl to decide (a 404 child, a 403 without the
// capability). Transport failures and retries used up are errors.
struct ApiAnswer {
  int status = 0;
  json::value body;
};

class PullFetcher {
 public:
  explicit PullFetcher(const PullOptions& options);
  // Opens the state file (resuming from it when it was made by a pull from the same URL).
  Status Open();
  Result<ApiAnswer> Get(const std::string& path);
  Result<ApiAnswer> Post(const std::string& path, const json::value& body);
  // GET of a Notion-hosted file's link (absolute, signed; sent without the token), at the
  // same rate and with the same retries as the API requests, following at most 3
  // redirects, reading at most max_file_bytes. Never an error: a file that cannot be read
  // comes back not kept, with the reason (the crawl goes on and the fixture keeps the
  // link). The result is appended to the state file under the file's HostedFileKey, so a
  // resumed pull answers it from there (a failure whose retries were used up is not kept,
  // and is tried again).
  PulledFile Download(const std::string& url);
  // Ends the progress line; removes the state file after a complete pull.
  void Finish(bool complete);
  std::string Counts() const;
  // The files that could not be downloaded: "<link without its query> (<why>)".
  const std::vector<std::string>& FileFailures() const { return file_failures_; }
  // Set by the crawl for the progress line.
  std::map<std::string, size_t> seen;

 private:
  Result<ApiAnswer> Call(const std::string& method, const std::string& path, const std::optional<std::string>& body);
  // Waits until the next request may start (at most `rate` per second), and marks its start.
  void Pace();
  static int64_t RetryWaitMs(const std::string& retry_after, int attempt);
  // A file entry of the state file, kept for Download (pull_download.cc).
  void ReplayFile(std::string_view key, const json::object& entry);
  void Count(const std::string& key, const PulledFile& file);
  void Progress();

  PullOptions options_;
  std::string state_path_;
  std::unordered_map<std::string, json::value> cached_;
  std::unordered_map<std::string, PulledFile> cached_files_;  // by HostedFileKey
  std::ofstream state_;
  int64_t fetched_ = 0;
  int64_t replayed_ = 0;
  int64_t retried_ = 0;
  int64_t last_start_ms_ = 0;
  int64_t files_kept_ = 0;
  int64_t files_failed_ = 0;
  std::vector<std::string> file_failures_;
};

// What the crawl collected, in the order found.
struct PulledWorkspace {
  json::object me;  // GET /v1/users/me: the integration's bot
  std::vector<json::object> users;
  std::vector<json::object> custom_emojis;  // GET /v1/custom_emojis: {id, name, url}
  std::vector<json::object> databases;
  std::vector<json::object> data_sources;
  std::vector<json::object> pages;
  std::vector<json::object> blocks;  // depth first under each page
  std::vector<json::object> comments;
  std::map<std::string, PulledFile> files;  // the Notion-hosted files named, by HostedFileKey (pull_files.h)
};

Result<PulledWorkspace> Crawl(PullFetcher& fetcher);
json::value ToFixture(const PulledWorkspace& pulled, const std::string& token);

// The whole command: crawl, convert, write `out` (through a temporary file). Prints why
// not on stderr and answers the exit code.
int RunPull(const PullOptions& options);

}  // namespace localnotion::cli
