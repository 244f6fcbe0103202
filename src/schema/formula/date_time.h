// Calendar arithmetic for formula dates, all in UTC: civil fields, ISO 8601 parsing and
// printing, Moment.js-style format patterns, and the unit arithmetic behind dateAdd and
// dateBetween (Notion's formula dates follow Moment.js).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "common/clock.h"
#include "schema/formula/value.h"

namespace localnotion::schema::formula {

// Milliseconds in a day: formula dates are UTC, without leap seconds, as JavaScript's Date.
inline constexpr Millis kMsPerDay = 86'400'000;

// The calendar fields of an instant in UTC. month is 1-12, day 1-31, weekday 0-6 with
// 0 = Sunday.
struct CivilTime {
  int year = 1970;
  int month = 1;
  int day = 1;
  int hour = 0;
  int minute = 0;
  int second = 0;
  int millisecond = 0;
  int weekday = 4;
};

CivilTime ToCivil(Millis ms);
// The instant of the given fields (weekday is ignored). Fields out of range are not
// normalized, except that day is clamped to the length of its month.
Millis FromCivil(const CivilTime& t);
int DaysInMonth(int year, int month);

// Parses an ISO 8601 date ("2024-01-05", date-only) or date-time
// ("2024-01-05T10:00", "2024-01-05T10:00:00.000Z", "2024-01-05T10:00:00+02:00"). A
// date-time without an offset is read as UTC. Returns nullopt when the text is not one
// of these forms or names an impossible day.
std::optional<DateValue> ParseIsoDate(std::string_view text);

// "2024-01-05" when has_time is false, else "2024-01-05T10:00:00.000+00:00" (the form
// Notion's API uses for date-times with a UTC offset).
std::string FormatIsoDate(Millis ms, bool has_time);

// Formats with Moment.js tokens: YYYY YY Q MMMM MMM MM M Do DD D dddd ddd dd d HH H hh h
// mm m ss s SSS A a X x, and [literal text]. Other characters are copied.
std::string FormatMoment(Millis ms, std::string_view pattern);

// A dateAdd/dateBetween unit. Parsed from Notion's names, singular or plural: "years",
// "quarters", "months", "weeks", "days", "hours", "minutes", "seconds", "milliseconds".
enum class DateUnit { kYears, kQuarters, kMonths, kWeeks, kDays, kHours, kMinutes, kSeconds, kMilliseconds };
std::optional<DateUnit> ParseDateUnit(std::string_view name);

// ms plus amount units, as Moment's add: months, quarters and years keep the day of the
// month, clamped to the target month's length (January 31 + 1 month = February 28 or 29);
// calendar amounts and days/weeks are rounded half away from zero to whole units, smaller
// units are exact. nullopt when the amount is not finite or the result falls outside
// JavaScript's Date range (±8.64e15 ms from the epoch,
// https://tc39.es/ecma262/#sec-time-values-and-time-range), where Notion's date is
// invalid: the formula's value is then empty (docs/formulas.md).
std::optional<Millis> AddToDate(Millis ms, double amount, DateUnit unit);

// a minus b in whole units, truncated toward zero, as Moment's a.diff(b, unit): months,
// quarters and years use Moment's calendar month difference, the rest fixed lengths.
double DateDiff(Millis a, Millis b, DateUnit unit);

}  // namespace localnotion::schema::formula
