// Rate-limit emulation per integration, off by default (localnotion is for fast tests).
// Notion's current rule (https://developers.notion.com/reference/request-limits) is a
// fixed budget of requests per connection per 60-second window, which may be spent in
// one burst: 180 a minute on most plans, 600 on Business and Enterprise. Over it Notion
// answers 429 rate_limited, `Retry-After` (integer seconds) being the time until the
// window resets, repeated in the body as additional_data.retry_after with
// rate_limit_reason "public_api_request_rate_limit". Its older rule, "an average of
// three requests per second" with bursts, stays available as a token bucket.
//
// Instances over one PostgreSQL (Share): the limit and every integration's budget live
// in the main store (storage/shared_controls.h), so that a limit of N holds for the
// whole cluster, not N per instance. A request takes from its budget with one short
// statement; the limit itself is cached per process and read again when a request's
// transaction brings a newer cache generation of its store (setting the limit moves
// the generation of every workspace's store), so a server without a limit (the
// default) makes no statement per request.
#pragma once

#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "common/error.h"
#include "storage/shared_controls.h"

namespace localnotion::http {

struct RateLimit {
  // Token bucket: `per_second` refills it, up to `burst`. 0: no bucket.
  double per_second = 0;
  double burst = 0;
  // Fixed window: at most `per_window` requests in each window of `window` that starts
  // with an integration's first request after the last one ended. 0: no window.
  int per_window = 0;
  std::chrono::milliseconds window{60000};
};

// "off" (the default); "notion" (the bucket: 3 a second, bursts of 10); "N/s" (N a
// second, bursts of N); "180", "600", "N" or "N/min" (N requests per 60-second window,
// Notion's current per-connection limit).
Result<RateLimit> ParseRateLimit(std::string_view text);

// The spelling of `limit` that ParseRateLimit reads back: "off", "notion", "N/s" or
// "N/min" (GET /_localnotion/rate_limit shows it).
std::string SpellingOf(const RateLimit& limit);

class RateLimiter {
 public:
  using Clock = std::chrono::steady_clock;
  explicit RateLimiter(RateLimit limit) { (void)Set(limit); }
  // Keeps the limit and the budgets in `shared` (the main store's, PostgreSQL) from
  // now on, and sets the shared limit to this one's: the last instance started sets it.
  Status Share(std::shared_ptr<storage::SharedControls> shared);
  // Replaces the limit while the server runs (POST /_localnotion/rate_limit): every
  // integration's budget starts afresh under the new limit. When shared, the caller
  // moves the cache generation of the other workspaces' stores.
  Status Set(RateLimit limit);
  // The limit in force: when shared, as the store holds it now.
  Result<RateLimit> Current();
  RateLimit Get() const;
  // Takes one request from `key`'s budget. Returns the seconds to wait (Retry-After, at
  // least 1) when the budget is spent, nullopt when the request may go ahead.
  std::optional<int> Take(const std::string& key) { return Take(key, Clock::now()); }
  std::optional<int> Take(const std::string& key, Clock::time_point now);
  // Take for a request that runs in a transaction of `store` which saw the store's
  // cache generation `generation` (storage::Txn::SharedCacheGeneration): when shared,
  // the limit is read again first if that generation is newer than the one it was read
  // at for this store. A budget the store cannot be asked about lets the request go.
  std::optional<int> Take(const std::string& key, const void* store, std::optional<int64_t> generation);

 private:
  struct Bucket {
    double tokens = 0;
    Clock::time_point last;  // the last refill (bucket) or the window's start (window)
    int used = 0;            // requests taken in the window
  };
  std::optional<int> TakeFromBucket(Bucket& b, Clock::time_point now) const;
  std::optional<int> TakeFromWindow(Bucket& b, Clock::time_point now) const;

  // Whether any limit is set: read without the lock, so that a server without a limit
  // (the default) takes no lock per request.
  std::atomic<bool> on_{false};
  mutable std::mutex mu_;  // requests take from many threads; guards limit_ and buckets_
  RateLimit limit_;
  std::unordered_map<std::string, Bucket> buckets_;
  std::shared_ptr<storage::SharedControls> shared_;
  // When shared: the cache generation of each store the limit was last read at.
  std::unordered_map<const void*, int64_t> read_at_;  // under mu_
};

}  // namespace localnotion::http
