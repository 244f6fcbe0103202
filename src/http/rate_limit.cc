#include "http/rate_limit.h"

#include <array>
#include <charconv>
#include <cmath>
#include <cstdio>

namespace localnotion::http {
namespace {

// The positive number `text` spells exactly, if it does.
template <class T>
std::optional<T> PositiveNumber(std::string_view text) {
  T n{};
  auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec != std::errc() || p != text.data() + text.size() || !(n > 0)) return std::nullopt;
  return n;
}

bool EndsWith(std::string_view text, std::string_view suffix) {
  return text.size() > suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

}  // namespace

Result<RateLimit> ParseRateLimit(std::string_view text) {
  if (text.empty() || text == "off") return RateLimit{};
  if (text == "notion") return RateLimit{3, 10};
  if (EndsWith(text, "/s")) {
    if (auto n = PositiveNumber<double>(text.substr(0, text.size() - 2))) return RateLimit{*n, std::max(1.0, *n)};
  } else {
    std::string_view number = EndsWith(text, "/min") ? text.substr(0, text.size() - 4) : text;
    if (auto n = PositiveNumber<int>(number)) {
      RateLimit limit;
      limit.per_window = *n;
      return limit;
    }
  }
  return MakeError(ErrorCode::kInvalidRequest,
                   "--rate-limit takes \"off\", \"180\" or \"600\" (requests per minute, Notion's windows), \"N/min\", "
                   "\"notion\" (3 a second with bursts) or a rate such as \"10/s\", not \"" +
                       std::string(text) + "\"");
}

std::string SpellingOf(const RateLimit& limit) {
  if (limit.per_window > 0) return std::to_string(limit.per_window) + "/min";
  if (limit.per_second <= 0) return "off";
  if (limit.per_second == 3 && limit.burst == 10) return "notion";
  std::array<char, 32> buf{};
  auto [end, ec] = std::to_chars(buf.data(), buf.data() + buf.size(), limit.per_second);
  return std::string(buf.data(), ec == std::errc() ? end : buf.data()) + "/s";
}

Status RateLimiter::Share(std::shared_ptr<storage::SharedControls> shared) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    shared_ = std::move(shared);
  }
  return Set(Get());
}

Status RateLimiter::Set(RateLimit limit) {
  std::shared_ptr<storage::SharedControls> shared;
  {
    std::lock_guard<std::mutex> lock(mu_);
    shared = shared_;
  }
  if (shared) LN_RETURN_IF_ERROR(shared->SetRateLimit(SpellingOf(limit)));
  std::lock_guard<std::mutex> lock(mu_);
  limit_ = limit;
  buckets_.clear();
  read_at_.clear();
  on_.store(limit.per_second > 0 || limit.per_window > 0, std::memory_order_relaxed);
  return OkStatus();
}

Result<RateLimit> RateLimiter::Current() {
  std::shared_ptr<storage::SharedControls> shared;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (!shared_) return limit_;
    shared = shared_;
  }
  LN_ASSIGN_OR_RETURN(std::optional<std::string> spelling, shared->RateLimit());
  if (!spelling) return RateLimit{};
  auto parsed = ParseRateLimit(*spelling);
  return parsed.ok() ? *parsed : RateLimit{};
}

std::optional<int> RateLimiter::Take(const std::string& key, const void* store, std::optional<int64_t> generation) {
  if (!shared_) return Take(key);
  RateLimit limit;
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto known = read_at_.find(store);
    if (known == read_at_.end() || !generation || *generation > known->second) {
      auto spelling = shared_->RateLimit();
      if (spelling.ok()) {
        auto parsed = ParseRateLimit(spelling->value_or("off"));
        limit_ = parsed.ok() ? *parsed : RateLimit{};
        if (generation) read_at_[store] = *generation;
      } else {
        std::fprintf(stderr, "localnotion: cannot read the shared rate limit: %s\n", spelling.error().message.c_str());
      }
    }
    limit = limit_;
  }
  if (limit.per_second <= 0 && limit.per_window <= 0) return std::nullopt;
  auto wait = limit.per_window > 0 ? shared_->TakeFromWindow(key, limit.per_window, limit.window.count())
                                   : shared_->TakeFromBucket(key, limit.per_second, limit.burst);
  if (!wait.ok()) {
    std::fprintf(stderr, "localnotion: cannot take from the shared rate limit: %s\n", wait.error().message.c_str());
    return std::nullopt;
  }
  if (!*wait) return std::nullopt;
  return std::max(1, static_cast<int>(std::ceil(**wait - 1e-9)));
}

RateLimit RateLimiter::Get() const {
  std::lock_guard<std::mutex> lock(mu_);
  return limit_;
}

std::optional<int> RateLimiter::Take(const std::string& key, Clock::time_point now) {
  if (!on_.load(std::memory_order_relaxed)) return std::nullopt;
  std::lock_guard<std::mutex> lock(mu_);
  if (limit_.per_second <= 0 && limit_.per_window <= 0) return std::nullopt;
  auto [it, inserted] = buckets_.try_emplace(key, Bucket{limit_.burst, now, 0});
  return limit_.per_window > 0 ? TakeFromWindow(it->second, now) : TakeFromBucket(it->second, now);
}

std::optional<int> RateLimiter::TakeFromBucket(Bucket& b, Clock::time_point now) const {
  double elapsed = std::chrono::duration<double>(now - b.last).count();
  b.tokens = std::min(limit_.burst, b.tokens + elapsed * limit_.per_second);
  b.last = now;
  if (b.tokens >= 1) {
    b.tokens -= 1;
    return std::nullopt;
  }
  return std::max(1, static_cast<int>(std::ceil((1 - b.tokens) / limit_.per_second)));
}

// A window starts with the first request after the previous one ended; refused requests
// do not count against it. The wait is the time left in the window, rounded up to whole
// seconds (at most the window's length).
std::optional<int> RateLimiter::TakeFromWindow(Bucket& b, Clock::time_point now) const {
  if (now - b.last >= limit_.window) {
    b.last = now;
    b.used = 0;
  }
  if (b.used < limit_.per_window) {
    ++b.used;
    return std::nullopt;
  }
  double left = std::chrono::duration<double>(b.last + limit_.window - now).count();
  return std::max(1, static_cast<int>(std::ceil(left)));
}

}  // namespace localnotion::http
