// IANA time zones, read from the system's tz database (/usr/share/zoneinfo, Debian's
// tzdata package). Notion accepts a `time_zone` beside a date-time without offset and
// answers with the offset applied ("time zone will be displayed as a UTC offset").
#pragma once

#include <optional>
#include <string_view>

namespace localnotion {

// True when `name` is a zone of the tz database, such as "America/New_York" or "UTC".
bool IsTimeZone(std::string_view name);

// The UTC offset, in minutes, that zone `name` has at the given local wall-clock time
// (for a time that a DST change skips or repeats, the offset in force just before).
// Not thread-safe: it switches the process's TZ while it works; the server calls it
// from its one serving thread.
std::optional<int> UtcOffsetMinutes(std::string_view name, int year, int month, int day, int hour, int minute,
                                    int second);

}  // namespace localnotion
