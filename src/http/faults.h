// Fault injection for tests (admin API, POST /_localnotion/faults): make matching
// requests fail with a Notion error, or answer late, without touching the store; or
// (`"exception": true`) throw a C++ exception inside their transaction after their
// writes, to show that a request that fails midway changes nothing and leaves the
// server serving. Only exception faults apply to admin routes, and never to
// /_localnotion/faults itself.
#pragma once

#include <algorithm>
#include <mutex>
#include <optional>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include "api/limits.h"
#include "common/error.h"
#include "common/json.h"

namespace localnotion::http {

struct Fault {
  std::string id;
  std::string method;             // "" or "*" matches any
  std::string path;               // exact, or with '*' matching any run of characters
  std::optional<ErrorCode> code;  // absent: only latency
  std::string message;
  double probability = 1.0;
  std::optional<int> count;  // remaining matches; the fault goes away at 0
  int latency_ms = 0;
  std::optional<int> retry_after;  // seconds, for the Retry-After header
  // A 429's additional_data.rate_limit_reason (api/limits.h); Notion's per-connection
  // reason unless the fault names another.
  std::string rate_limit_reason;
  bool exception = false;  // throw inside the request's transaction
};

// What a matching fault does to a request.
// An error answer carries `additional_data` as Notion's would: a 429 its
// rate_limit_reason, and any answer with a Retry-After header the same wait as
// `retry_after` (https://developers.notion.com/reference/request-limits).
struct FaultEffect {
  std::optional<Error> error;
  int latency_ms = 0;
  std::optional<int> retry_after;
  bool exception = false;
  api::AdditionalData additional_data;
};

// The exception an exception fault throws.
struct InjectedException : std::runtime_error {
  InjectedException() : std::runtime_error("injected fault: exception inside the transaction") {}
};

class Faults {
 public:
  // Parses a fault request body. Returns kValidationError for a malformed one.
  Result<Fault> Parse(const json::value& body);
  void Add(Fault fault) {
    std::lock_guard<std::mutex> lock(mu_);
    faults_.push_back(std::move(fault));
  }
  void Clear() {
    std::lock_guard<std::mutex> lock(mu_);
    faults_.clear();
  }
  // Removes the fault with this id; false when there is none.
  bool Remove(std::string_view id) {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = std::find_if(faults_.begin(), faults_.end(), [&](const Fault& f) { return f.id == id; });
    if (it == faults_.end()) return false;
    faults_.erase(it);
    return true;
  }
  json::array List() const;
  // The effect of the first fault that matches, if any (counts are used up).
  // With `exceptions_only`, only exception faults match (admin routes).
  std::optional<FaultEffect> Match(std::string_view method, std::string_view path, bool exceptions_only = false);

 private:
  mutable std::mutex mu_;  // requests match faults from many threads
  std::vector<Fault> faults_;
  std::mt19937_64 rng_{42};
};

// Wildcard match: '*' matches any run of characters.
bool Glob(std::string_view pattern, std::string_view text);

}  // namespace localnotion::http
