#include "common/timezone.h"

#include <gtest/gtest.h>

namespace localnotion {
namespace {

TEST(TimeZoneTest, KnowsIanaNames) {
  EXPECT_TRUE(IsTimeZone("America/New_York"));
  EXPECT_TRUE(IsTimeZone("UTC"));
  EXPECT_TRUE(IsTimeZone("Europe/Berlin"));
  EXPECT_FALSE(IsTimeZone("Mars/Base"));
  EXPECT_FALSE(IsTimeZone("../etc/passwd"));
  EXPECT_FALSE(IsTimeZone(""));
  EXPECT_FALSE(IsTimeZone("America"));  // a directory, not a zone
}

TEST(TimeZoneTest, OffsetFollowsDaylightSaving) {
  EXPECT_EQ(UtcOffsetMinutes("America/New_York", 2024, 1, 15, 9, 0, 0), -300);
  EXPECT_EQ(UtcOffsetMinutes("America/New_York", 2024, 3, 10, 9, 0, 0), -240);
  EXPECT_EQ(UtcOffsetMinutes("Asia/Kolkata", 2024, 6, 1, 12, 0, 0), 330);
  EXPECT_EQ(UtcOffsetMinutes("UTC", 2024, 6, 1, 12, 0, 0), 0);
  EXPECT_FALSE(UtcOffsetMinutes("Mars/Base", 2024, 6, 1, 12, 0, 0).has_value());
}

}  // namespace
}  // namespace localnotion
