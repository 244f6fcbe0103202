#include "common/deadline.h"

namespace localnotion {
namespace {

thread_local std::optional<DeadlineClock::time_point> t_deadline;

}  // namespace

ScopedDeadline::ScopedDeadline(std::chrono::milliseconds budget) : previous_(t_deadline) {
  if (budget.count() > 0) {
    t_deadline = DeadlineClock::now() + budget;
  } else {
    t_deadline.reset();
  }
}

ScopedDeadline::~ScopedDeadline() { t_deadline = previous_; }

bool DeadlinePassed() { return t_deadline && DeadlineClock::now() >= *t_deadline; }

Error DeadlineError() { return MakeError(ErrorCode::kGatewayTimeout, "Gateway Timeout"); }

}  // namespace localnotion
