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

TEST(ClockTest, MinuteFormRoundsDown) {
  EXPECT_EQ(FormatIso8601Minute(1666651997123), "2022-10-24T22:53:00.000Z");
  EXPECT_EQ(FormatIso8601Minute(-1), "1969-12-31T23:59:00.000Z");
}

}  // namespace
}  // namespace localnotion
