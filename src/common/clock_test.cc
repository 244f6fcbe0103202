#include "common/clock.h"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace localnotion
