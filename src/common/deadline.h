// The time budget of the work running on the current thread. A request sets one
// (ScopedDeadline) before it runs, and the long loops it may enter check it: a query's
// scan and filtering, formula evaluation, storage statements. Past it they stop with
// kGatewayTimeout, so that no request can hold a worker indefinitely. Notion answers a
// request it could not finish in time with 504 gateway_timeout "Gateway Timeout"
// (https://developers.notion.com/reference/status-codes); docs/compat.md says why
// localnotion's budget is shorter than Notion's 60 seconds.
#pragma once

#include <chrono>
#include <optional>

#include "common/error.h"

namespace localnotion {

using DeadlineClock = std::chrono::steady_clock;

// Sets the current thread's deadline for the lifetime of the object (none when
// `budget` is zero or negative), restoring the previous one afterwards.
class ScopedDeadline {
 public:
  explicit ScopedDeadline(std::chrono::milliseconds budget);
  ~ScopedDeadline();
  ScopedDeadline(const ScopedDeadline&) = delete;
  ScopedDeadline& operator=(const ScopedDeadline&) = delete;

 private:
  std::optional<DeadlineClock::time_point> previous_;
};

// Whether the current thread has a deadline and it has passed. Cheap enough to call
// once per row or per formula function call.
bool DeadlinePassed();

// The error for work stopped at its deadline: kGatewayTimeout "Gateway Timeout".
Error DeadlineError();

// OK, or DeadlineError() once the deadline has passed.
inline Status CheckDeadline() {
  if (DeadlinePassed()) return DeadlineError();
  return OkStatus();
}

}  // namespace localnotion
