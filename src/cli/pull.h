// `localnotion pull` (docs/fixtures.md "Pulling a workspace"): copies what one
// integration token can see of a workspace (users, databases, data sources, pages, their
// blocks recursively, comments) through Notion's public API into a fixture file that
// `serve --seed` or POST /_localnotion/seed loads.
//
//   PullFetcher  the requests: at most `rate` per second, 429 and 5xx (and lost
//                connections) retried after Retry-After or a growing wait, every answer
//                appended to a state file beside the output so that a run after an
//                interruption replays what it has and fetches only the rest (pull_fetch.cc)
//   Crawl        what is fetched, in a fixed order (pull.cc)
//   ToFixture    Notion's response objects in the fixture's form (pull_fixture.cc)
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
  FILE* progress = stderr;
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
  // Ends the progress line; removes the state file after a complete pull.
  void Finish(bool complete);
  std::string Counts() const;
  // Set by the crawl for the progress line.
  std::map<std::string, size_t> seen;

 private:
  Result<ApiAnswer> Call(const std::string& method, const std::string& path, const std::optional<std::string>& body);
  void Progress();

  PullOptions options_;
  std::string state_path_;
  std::unordered_map<std::string, json::value> cached_;
  std::ofstream state_;
  int64_t fetched_ = 0;
  int64_t replayed_ = 0;
  int64_t retried_ = 0;
  int64_t last_start_ms_ = 0;
};

// What the crawl collected, in the order found.
struct PulledWorkspace {
  json::object me;  // GET /v1/users/me: the integration's bot
  std::vector<json::object> users;
  std::vector<json::object> databases;
  std::vector<json::object> data_sources;
  std::vector<json::object> pages;
  std::vector<json::object> blocks;  // depth first under each page
  std::vector<json::object> comments;
};

Result<PulledWorkspace> Crawl(PullFetcher& fetcher);
json::value ToFixture(const PulledWorkspace& pulled, const std::string& token);

// The whole command: crawl, convert, write `out` (through a temporary file). Prints why
// not on stderr and answers the exit code.
int RunPull(const PullOptions& options);

}  // namespace localnotion::cli
