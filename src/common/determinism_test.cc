// Deterministic mode: the seeded id generator and the manual clock (serve --deterministic).
#include <gtest/gtest.h>

#include "common/clock.h"
#include "common/uuid.h"

namespace localnotion {
namespace {

TEST(Determinism, SameSeedGivesSameIds) {
  SeedIdGenerator(42);
  std::string a1 = NewUuid(), a2 = NewShortId(), a3 = NewUuid();
  SeedIdGenerator(42);
  EXPECT_EQ(NewUuid(), a1);
  EXPECT_EQ(NewShortId(), a2);
  EXPECT_EQ(NewUuid(), a3);
  EXPECT_NE(a1, a3);
  EXPECT_EQ(a1[14], '4');  // still version 4
  EXPECT_TRUE(NormalizeUuid(a1).has_value());
  SeedIdGenerator(43);
  EXPECT_NE(NewUuid(), a1);
}

TEST(Determinism, ManualClockStandsStillUntilMoved) {
  Millis start = *ParseIso8601("2025-01-01T00:00:00.000Z");
  UseManualClock(start);
  EXPECT_TRUE(ManualClockActive());
  EXPECT_EQ(NowMillis(), start);
  EXPECT_EQ(NowMillis(), start);
  AdvanceManualClock(90'000);
  EXPECT_EQ(FormatIso8601(NowMillis()), "2025-01-01T00:01:30.000Z");
  SetManualNow(*ParseIso8601("2026-03-04T05:06:07.890Z"));
  EXPECT_EQ(FormatIso8601(NowMillis()), "2026-03-04T05:06:07.890Z");
  UseWallClock();
  EXPECT_FALSE(ManualClockActive());
  EXPECT_GT(NowMillis(), *ParseIso8601("2024-01-01T00:00:00Z"));
  SetManualNow(0);  // ignored on the wall clock
  EXPECT_GT(NowMillis(), 0);
}

TEST(ParseIso8601, RoundTripsAndRejects) {
  EXPECT_EQ(ParseIso8601("1970-01-01T00:00:00.000Z"), Millis{0});
  EXPECT_EQ(ParseIso8601("1970-01-01T00:00:01.5Z"), Millis{1500});
  for (Millis ms : {Millis{0}, Millis{951782400123}, Millis{1735689600000}, Millis{4102444799999}}) {
    EXPECT_EQ(ParseIso8601(FormatIso8601(ms)), ms) << FormatIso8601(ms);
  }
  for (const char* bad : {"", "2025-01-01", "2025-01-01T00:00:00", "2025-01-01T00:00:00+01:00", "2025-02-30T00:00:00Z",
                          "2025-13-01T00:00:00Z", "2025-01-01T00:00:00.Z", "2025-01-01T00:00:00.1234Z", "x025-01-01T00:00:00Z"}) {
    EXPECT_FALSE(ParseIso8601(bad).has_value()) << bad;
  }
}

}  // namespace
}  // namespace localnotion
