// Rate-limit emulation (off by default): a token bucket per integration. Notion allows
// "an average of three requests per second" per integration, with bursts; over it, 429
// rate_limited with an integer Retry-After
// (https://developers.notion.com/reference/request-limits).
#pragma once

#include <chrono>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "common/error.h"

namespace localnotion::http {

struct RateLimit {
  double per_second = 0;  // 0: no limit
  double burst = 0;       // bucket size
};

// "notion" (3/s, bursts of 10), "N/s" (N per second, bursts of N), or "off".
Result<RateLimit> ParseRateLimit(std::string_view text);

class RateLimiter {
 public:
  explicit RateLimiter(RateLimit limit) : limit_(limit) {}
  // Takes one request from `key`'s bucket. Returns the seconds to wait (Retry-After)
  // when the bucket is empty, nullopt when the request may go ahead.
  std::optional<int> Take(const std::string& key);

 private:
  struct Bucket {
    double tokens;
    std::chrono::steady_clock::time_point last;
  };
  RateLimit limit_;
  std::mutex mu_;  // requests take from many threads
  std::unordered_map<std::string, Bucket> buckets_;
};

}  // namespace localnotion::http
