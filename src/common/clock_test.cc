#include "common/clock.h"

#include <gtest/gtest.h>

#include <ctime>
#include <string>
#include <thread>

namespace localnotion {
namespace {

TEST(ClockTest, FormatsIso8601InUtcWithMilliseconds) {
  EXPECT_EQ(FormatIso8601(0), "1970-01-01T00:00:00.000Z");
  EXPECT_EQ(FormatIso8601(1666651997123), "2022-10-24T22:53:17.123Z");
  EXPECT_EQ(FormatIso8601(951782400000), "2000-02-29T00:00:00.000Z");
  EXPECT_EQ(FormatIso8601(4102444799999), "2099-12-31T23:59:59.999Z");
  EXPECT_EQ(FormatIso8601(-1), "1969-12-31T23:59:59.999Z");
}

// Years outside 0000-9999 take more characters (a sign, a fifth digit), as printf
// writes them; the text form without allocation is the same text.
TEST(ClockTest, FormatsYearsOutsideFourDigits) {
  EXPECT_EQ(FormatIso8601(253402300800000), "10000-01-01T00:00:00.000Z");
  EXPECT_EQ(FormatIso8601(-62198755200000), "-001-01-01T00:00:00.000Z");
  for (Millis ms : {Millis{0}, Millis{-1}, Millis{1666651997123}, Millis{253402300800000}, Millis{-62198755200000}}) {
    EXPECT_EQ(Iso8601Of(ms).view(), FormatIso8601(ms));
    EXPECT_EQ(Iso8601MinuteOf(ms).view(), FormatIso8601Minute(ms));
  }
}

TEST(ClockTest, MinuteFormRoundsDown) {
  EXPECT_EQ(FormatIso8601Minute(1666651997123), "2022-10-24T22:53:00.000Z");
  EXPECT_EQ(FormatIso8601Minute(-1), "1969-12-31T23:59:00.000Z");
}

// The text as gmtime and strftime write it, for years 1970-9999.
std::string Reference(Millis ms) {
  const std::time_t seconds = static_cast<std::time_t>(ms / 1000);
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char text[40];
  const size_t n = std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%S", &tm);
  char millis[8];
  std::snprintf(millis, sizeof millis, ".%03dZ", static_cast<int>(ms % 1000));
  return std::string(text, n) + millis;
}

// Iso8601Of keeps the last day it formatted on each thread: a timestamp of another day,
// one of the same day again, and days and times in any order all come out as gmtime has
// them, on any thread.
TEST(ClockTest, TimestampsOfDaysInAnyOrderMatchGmtime) {
  auto check = [](Millis step, Millis offset) {
    for (Millis ms = offset; ms < Millis{4102444800000}; ms += step) {
      ASSERT_EQ(Iso8601Of(ms).view(), Reference(ms));
      ASSERT_EQ(Iso8601Of(ms + 1).view(), Reference(ms + 1));                  // the same day again, or the next
      ASSERT_EQ(Iso8601Of(1666651997123).view(), "2022-10-24T22:53:17.123Z");  // another day between
      ASSERT_EQ(Iso8601Of(ms + 86399999).view(), Reference(ms + 86399999));
    }
  };
  check(Millis{7777777777}, 0);
  std::thread other([&] { check(Millis{8888888887}, 123456789); });
  check(Millis{9999999991}, 86399999);
  other.join();
}

}  // namespace
}  // namespace localnotion
