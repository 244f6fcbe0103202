#include "http/rate_limit.h"

#include <charconv>
#include <cmath>

namespace localnotion::http {

Result<RateLimit> ParseRateLimit(std::string_view text) {
  if (text.empty() || text == "off") return RateLimit{};
  if (text == "notion") return RateLimit{3, 10};
  constexpr std::string_view kSuffix = "/s";
  if (text.size() > kSuffix.size() && text.substr(text.size() - kSuffix.size()) == kSuffix) {
    std::string_view number = text.substr(0, text.size() - kSuffix.size());
    double n = 0;
    auto [p, ec] = std::from_chars(number.data(), number.data() + number.size(), n);
    if (ec == std::errc() && p == number.data() + number.size() && n > 0) return RateLimit{n, std::max(1.0, n)};
  }
  return MakeError(ErrorCode::kInvalidRequest,
                   "--rate-limit takes \"notion\", \"off\" or a rate such as \"10/s\", not \"" + std::string(text) + "\"");
}

std::optional<int> RateLimiter::Take(const std::string& key) {
  std::lock_guard<std::mutex> lock(mu_);
  if (limit_.per_second <= 0) return std::nullopt;
  auto now = std::chrono::steady_clock::now();
  auto [it, inserted] = buckets_.try_emplace(key, Bucket{limit_.burst, now});
  Bucket& b = it->second;
  double elapsed = std::chrono::duration<double>(now - b.last).count();
  b.tokens = std::min(limit_.burst, b.tokens + elapsed * limit_.per_second);
  b.last = now;
  if (b.tokens >= 1) {
    b.tokens -= 1;
    return std::nullopt;
  }
  return std::max(1, static_cast<int>(std::ceil((1 - b.tokens) / limit_.per_second)));
}

}  // namespace localnotion::http
