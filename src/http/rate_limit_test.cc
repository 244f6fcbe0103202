// The rate-limit emulation: the flag's spellings, Notion's fixed 60-second window per
// connection (a budget that may be spent in one burst, Retry-After the time until the
// window resets), and the older token bucket, on a clock the test moves.
#include "http/rate_limit.h"

#include <gtest/gtest.h>

#include "testing/matchers.h"

namespace localnotion::http {
namespace {

using namespace std::chrono_literals;
using testing::ErrorIs;

TEST(RateLimitFlag, Spellings) {
  auto off = ParseRateLimit("off");
  ASSERT_TRUE(off.ok());
  EXPECT_EQ(off->per_second, 0);
  EXPECT_EQ(off->per_window, 0);
  for (auto [text, n] : {std::pair{"180", 180}, {"600", 600}, {"90/min", 90}}) {
    auto window = ParseRateLimit(text);
    ASSERT_TRUE(window.ok()) << text;
    EXPECT_EQ(window->per_window, n) << text;
    EXPECT_EQ(window->window, 60s) << text;
    EXPECT_EQ(window->per_second, 0) << text;
  }
  auto notion = ParseRateLimit("notion");
  ASSERT_TRUE(notion.ok());
  EXPECT_EQ(notion->per_second, 3);
  EXPECT_EQ(notion->burst, 10);
  auto rate = ParseRateLimit("2/s");
  ASSERT_TRUE(rate.ok());
  EXPECT_EQ(rate->per_second, 2);
  EXPECT_EQ(rate->burst, 2);
}

TEST(RateLimitFlag, OtherSpellingsAreRefused) {
  for (const char* text : {"0", "-5", "abc", "10/h", "/min", "1.5", "5/s/s"}) {
    EXPECT_THAT(ParseRateLimit(text),
                ErrorIs(ErrorCode::kInvalidRequest,
                        std::string("--rate-limit takes \"off\", \"180\" or \"600\" (requests per minute, Notion's "
                                    "windows), \"N/min\", \"notion\" (3 a second with bursts) or a rate such as "
                                    "\"10/s\", not \"") +
                            text + "\""))
        << text;
  }
}

TEST(RateLimiterWindow, TheBudgetMayBeSpentInOneBurstThenWaitsForTheWindowToReset) {
  RateLimiter limiter(*ParseRateLimit("180"));
  const auto t0 = RateLimiter::Clock::time_point{} + 1000s;
  for (int i = 0; i < 180; ++i) ASSERT_EQ(limiter.Take("a", t0), std::nullopt) << i;
  EXPECT_EQ(limiter.Take("a", t0), std::optional<int>(60));
  EXPECT_EQ(limiter.Take("a", t0 + 15s), std::optional<int>(45));
  EXPECT_EQ(limiter.Take("a", t0 + 59500ms), std::optional<int>(1));  // rounded up, never 0
  // Another integration has its own budget.
  EXPECT_EQ(limiter.Take("b", t0 + 30s), std::nullopt);
  // At the reset the whole budget is back.
  for (int i = 0; i < 180; ++i) ASSERT_EQ(limiter.Take("a", t0 + 60s), std::nullopt) << i;
  EXPECT_EQ(limiter.Take("a", t0 + 61s), std::optional<int>(59));
}

TEST(RateLimiterWindow, RefusedRequestsDoNotCount) {
  RateLimiter limiter(*ParseRateLimit("2/min"));
  const auto t0 = RateLimiter::Clock::time_point{} + 5s;
  EXPECT_EQ(limiter.Take("a", t0), std::nullopt);
  EXPECT_EQ(limiter.Take("a", t0 + 1s), std::nullopt);
  for (int i = 0; i < 50; ++i) EXPECT_TRUE(limiter.Take("a", t0 + 2s).has_value());
  EXPECT_EQ(limiter.Take("a", t0 + 60s), std::nullopt);
  EXPECT_EQ(limiter.Take("a", t0 + 60s), std::nullopt);
  EXPECT_EQ(limiter.Take("a", t0 + 60s), std::optional<int>(60));
}

TEST(RateLimiterBucket, ThreeASecondWithBurstsOfTen) {
  RateLimiter limiter(*ParseRateLimit("notion"));
  const auto t0 = RateLimiter::Clock::time_point{} + 5s;
  for (int i = 0; i < 10; ++i) ASSERT_EQ(limiter.Take("a", t0), std::nullopt) << i;
  EXPECT_EQ(limiter.Take("a", t0), std::optional<int>(1));
  // A third of a second gives one request back.
  EXPECT_EQ(limiter.Take("a", t0 + 334ms), std::nullopt);
  EXPECT_EQ(limiter.Take("a", t0 + 334ms), std::optional<int>(1));
}

TEST(RateLimitFlag, SpellingOfReadsBack) {
  for (const char* text : {"off", "notion", "2/s", "0.5/s", "180/min", "1/min"}) {
    auto limit = ParseRateLimit(text);
    ASSERT_TRUE(limit.ok()) << text;
    EXPECT_EQ(SpellingOf(*limit), text);
  }
  EXPECT_EQ(SpellingOf(*ParseRateLimit("600")), "600/min");
  EXPECT_EQ(SpellingOf(*ParseRateLimit("3/s")), "3/s");  // bursts of 3, not "notion"'s 10
}

// POST /_localnotion/rate_limit: a new limit replaces the old at once, and every
// integration's budget starts afresh under it.
TEST(RateLimiterSet, ANewLimitStartsEveryBudgetAfresh) {
  RateLimiter limiter(RateLimit{});
  const auto t0 = RateLimiter::Clock::time_point{} + 5s;
  EXPECT_EQ(SpellingOf(limiter.Get()), "off");
  ASSERT_TRUE(limiter.Set(*ParseRateLimit("2/min")).ok());
  EXPECT_EQ(SpellingOf(limiter.Get()), "2/min");
  EXPECT_EQ(limiter.Take("a", t0), std::nullopt);
  EXPECT_EQ(limiter.Take("a", t0), std::nullopt);
  EXPECT_EQ(limiter.Take("a", t0 + 1s), std::optional<int>(59));
  ASSERT_TRUE(limiter.Set(*ParseRateLimit("1/min")).ok());
  EXPECT_EQ(limiter.Take("a", t0 + 2s), std::nullopt);
  EXPECT_EQ(limiter.Take("a", t0 + 2s), std::optional<int>(60));
  ASSERT_TRUE(limiter.Set(RateLimit{}).ok());
  for (int i = 0; i < 100; ++i) ASSERT_EQ(limiter.Take("a", t0 + 3s), std::nullopt);
}

TEST(RateLimiterOff, NeverLimits) {
  RateLimiter limiter(RateLimit{});
  for (int i = 0; i < 1000; ++i) ASSERT_EQ(limiter.Take("a"), std::nullopt);
}

}  // namespace
}  // namespace localnotion::http
