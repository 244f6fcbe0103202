// Fault injection for tests (admin API, POST /_localnotion/faults): make matching
// requests fail with a Notion error, or answer late, without touching the store; or
// (`"exception": true`) throw a C++ exception inside their transaction after their
// writes, to show that a request that fails midway changes nothing and leaves the
// server serving. Only exception faults apply to admin routes, and never to
// /_localnotion/faults itself.
//
// Instances over one PostgreSQL (Share): the faults live in the store
// (storage/shared_controls.h), so that a fault set through one instance fires on every
// one, and a counted fault is used up once across them. Each instance caches the list
// and reads it again when a request's transaction brings a newer cache generation of
// the store than the list was read at (adding, removing and clearing move it), so the
// cache costs nothing per request while the faults stay as they are.
#pragma once

#include <algorithm>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include "api/limits.h"
#include "common/error.h"
#include "common/json.h"
#include "storage/shared_controls.h"

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
  // Keeps the faults in `shared` (a PostgreSQL store's) from now on; call before use.
  void Share(std::shared_ptr<storage::SharedControls> shared) { shared_ = std::move(shared); }
  Status Add(Fault fault);
  Status Clear();
  // Removes the fault with this id; false when there is none.
  Result<bool> Remove(std::string_view id);
  Result<json::array> List();
  // The effect of the first fault that matches, if any (counts are used up).
  // With `exceptions_only`, only exception faults match (admin routes). `generation` is
  // the store's cache generation as the request's transaction saw it
  // (storage::Txn::SharedCacheGeneration); without it, shared faults are read afresh.
  std::optional<FaultEffect> Match(std::string_view method, std::string_view path, bool exceptions_only = false,
                                   std::optional<int64_t> generation = std::nullopt);

 private:
  // Reads the shared faults again when `generation` is newer than the cached list's
  // (or absent); keeps the cache when the store cannot be read. Under mu_.
  void Refresh(std::optional<int64_t> generation);

  mutable std::mutex mu_;  // requests match faults from many threads
  std::vector<Fault> faults_;
  std::mt19937_64 rng_{42};
  std::shared_ptr<storage::SharedControls> shared_;
  bool loaded_ = false;      // whether faults_ holds the shared list
  int64_t generation_ = -1;  // the store's cache generation the shared list was read at
};

// A fault as GET /_localnotion/faults shows it, and back (the shared store keeps it so).
json::object ShowFault(const Fault& f);
std::optional<Fault> ReadFault(const json::value& shown);

// Wildcard match: '*' matches any run of characters.
bool Glob(std::string_view pattern, std::string_view text);

}  // namespace localnotion::http
