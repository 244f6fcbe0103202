// Calendar arithmetic: civil fields, ISO 8601, Moment-style patterns and units.
#include "schema/formula/date_time.h"

#include <gtest/gtest.h>

namespace localnotion::schema::formula {
namespace {

Millis MillisAt(std::string_view iso) { return ParseIsoDate(iso)->start; }

TEST(DateTimeTest, CivilRoundTrip) {
  CivilTime t = ToCivil(MillisAt("2000-02-29T23:59:59.999Z"));
  EXPECT_EQ(t.year, 2000);
  EXPECT_EQ(t.month, 2);
  EXPECT_EQ(t.day, 29);
  EXPECT_EQ(t.hour, 23);
  EXPECT_EQ(t.minute, 59);
  EXPECT_EQ(t.second, 59);
  EXPECT_EQ(t.millisecond, 999);
  EXPECT_EQ(t.weekday, 2);  // Tuesday
  EXPECT_EQ(FromCivil(t), MillisAt("2000-02-29T23:59:59.999Z"));
  EXPECT_EQ(ToCivil(-1).year, 1969);
  EXPECT_EQ(ToCivil(-1).millisecond, 999);
  EXPECT_EQ(ToCivil(0).weekday, 4);  // Thursday
}

TEST(DateTimeTest, DaysInMonth) {
  EXPECT_EQ(DaysInMonth(2024, 2), 29);
  EXPECT_EQ(DaysInMonth(2023, 2), 28);
  EXPECT_EQ(DaysInMonth(1900, 2), 28);
  EXPECT_EQ(DaysInMonth(2000, 2), 29);
  EXPECT_EQ(DaysInMonth(2024, 4), 30);
  EXPECT_EQ(DaysInMonth(2024, 12), 31);
}

TEST(DateTimeTest, ParseIso) {
  auto d = ParseIsoDate("2024-01-05");
  ASSERT_TRUE(d);
  EXPECT_FALSE(d->has_time);
  EXPECT_EQ(d->start, 1704412800000);
  auto t = ParseIsoDate("2024-01-05T10:00:00.123Z");
  ASSERT_TRUE(t);
  EXPECT_TRUE(t->has_time);
  EXPECT_EQ(t->start, 1704412800000 + 36'000'000 + 123);
  EXPECT_EQ(ParseIsoDate("2024-01-05T10:00")->start, 1704412800000 + 36'000'000);
  EXPECT_EQ(ParseIsoDate("2024-01-05T10:00:00.1Z")->start, 1704412800000 + 36'000'000 + 100);
  EXPECT_EQ(ParseIsoDate("2024-01-05T10:00:00-0130")->start, 1704412800000 + 36'000'000 + 5'400'000);
  EXPECT_FALSE(ParseIsoDate("2024-13-01"));
  EXPECT_FALSE(ParseIsoDate("2024-04-31"));
  EXPECT_FALSE(ParseIsoDate("2024-01-05T24:00"));
  EXPECT_FALSE(ParseIsoDate("2024-01-05T10:00:00Zjunk"));
  EXPECT_FALSE(ParseIsoDate("24-01-05"));
  EXPECT_FALSE(ParseIsoDate("2024-1-05"));
}

TEST(DateTimeTest, FormatIso) {
  EXPECT_EQ(FormatIsoDate(MillisAt("2024-01-05"), false), "2024-01-05");
  EXPECT_EQ(FormatIsoDate(MillisAt("2024-01-05T10:11:12.013Z"), true), "2024-01-05T10:11:12.013+00:00");
  EXPECT_EQ(FormatIsoDate(-86'400'000, false), "1969-12-31");
}

TEST(DateTimeTest, MomentTokens) {
  Millis t = MillisAt("2024-07-04T15:05:09.007Z");  // a Thursday
  EXPECT_EQ(FormatMoment(t, "YYYY YY Q MMMM MMM MM M"), "2024 24 3 July Jul 07 7");
  EXPECT_EQ(FormatMoment(t, "Do DD D dddd ddd dd d"), "4th 04 4 Thursday Thu Th 4");
  EXPECT_EQ(FormatMoment(t, "HH H hh h mm m ss s SSS A a"), "15 15 03 3 05 5 09 9 007 PM pm");
  EXPECT_EQ(FormatMoment(t, "X x"), "1720105509 1720105509007");
  EXPECT_EQ(FormatMoment(t, "[YYYY] YYYY ["), "YYYY 2024 [");
  EXPECT_EQ(FormatMoment(MillisAt("2024-01-01"), "h A"), "12 AM");
  EXPECT_EQ(FormatMoment(MillisAt("2024-01-01T12:00:00Z"), "h A"), "12 PM");
  EXPECT_EQ(FormatMoment(MillisAt("2024-01-11"), "Do"), "11th");
  EXPECT_EQ(FormatMoment(MillisAt("2024-01-22"), "Do"), "22nd");
  EXPECT_EQ(FormatMoment(MillisAt("2024-01-23"), "Do"), "23rd");
}

TEST(DateTimeTest, Units) {
  EXPECT_EQ(ParseDateUnit("days"), DateUnit::kDays);
  EXPECT_EQ(ParseDateUnit("day"), DateUnit::kDays);
  EXPECT_EQ(ParseDateUnit("milliseconds"), DateUnit::kMilliseconds);
  EXPECT_EQ(ParseDateUnit("Days"), std::nullopt);
  EXPECT_EQ(ParseDateUnit("dayss"), std::nullopt);
  EXPECT_EQ(ParseDateUnit(""), std::nullopt);
}

TEST(DateTimeTest, AddClampsMonthEnds) {
  EXPECT_EQ(AddToDate(MillisAt("2024-01-31"), 1, DateUnit::kMonths), MillisAt("2024-02-29"));
  EXPECT_EQ(AddToDate(MillisAt("2024-01-31"), 13, DateUnit::kMonths), MillisAt("2025-02-28"));
  EXPECT_EQ(AddToDate(MillisAt("2024-01-31"), -2, DateUnit::kMonths), MillisAt("2023-11-30"));
  EXPECT_EQ(AddToDate(MillisAt("2024-02-29"), 4, DateUnit::kYears), MillisAt("2028-02-29"));
  EXPECT_EQ(AddToDate(MillisAt("2024-01-01"), 1.5, DateUnit::kDays), MillisAt("2024-01-03"));  // rounded to 2
  EXPECT_EQ(AddToDate(MillisAt("2024-01-01"), -1.5, DateUnit::kDays), MillisAt("2023-12-30"));
  EXPECT_EQ(AddToDate(MillisAt("2024-01-01T10:00:00Z"), 250, DateUnit::kMilliseconds),
            MillisAt("2024-01-01T10:00:00.250Z"));
}

TEST(DateTimeTest, DiffTruncates) {
  EXPECT_EQ(DateDiff(MillisAt("2024-01-02T23:00:00Z"), MillisAt("2024-01-01"), DateUnit::kDays), 1);
  EXPECT_EQ(DateDiff(MillisAt("2024-01-01"), MillisAt("2024-01-02T23:00:00Z"), DateUnit::kDays), -1);
  EXPECT_EQ(DateDiff(MillisAt("2024-02-29"), MillisAt("2024-01-31"), DateUnit::kMonths), 1);  // month ends
  EXPECT_EQ(DateDiff(MillisAt("2024-02-28"), MillisAt("2024-01-31"), DateUnit::kMonths), 0);
  EXPECT_EQ(DateDiff(MillisAt("2024-01-31"), MillisAt("2024-02-29"), DateUnit::kMonths), -1);
  EXPECT_EQ(DateDiff(MillisAt("2024-03-31"), MillisAt("2024-01-31"), DateUnit::kMonths), 2);
  EXPECT_EQ(DateDiff(MillisAt("2024-07-01"), MillisAt("2024-01-01"), DateUnit::kQuarters), 2);
  EXPECT_EQ(DateDiff(MillisAt("2024-06-30"), MillisAt("2024-01-01"), DateUnit::kQuarters), 1);
  EXPECT_EQ(DateDiff(MillisAt("2034-01-01"), MillisAt("2024-01-01"), DateUnit::kYears), 10);
  EXPECT_EQ(DateDiff(MillisAt("2024-01-01"), MillisAt("2024-01-01"), DateUnit::kYears), 0);
}

}  // namespace
}  // namespace localnotion::schema::formula
