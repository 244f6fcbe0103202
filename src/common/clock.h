// Time as Notion shows it: ISO 8601 in UTC with milliseconds and a Z. Timestamps are
// kept to the millisecond in storage; objects show created_time and last_edited_time
// rounded down to the minute, as Notion has done since 2021 ("last edited time is now
// rounded to the nearest minute", changelog).
#pragma once

#include <cstdint>
#include <string>

namespace localnotion {

// Milliseconds since the Unix epoch.
using Millis = int64_t;

// The current wall-clock time.
Millis NowMillis();

// "2022-10-24T22:54:17.123Z".
std::string FormatIso8601(Millis ms);

// The same, rounded down to the minute: "2022-10-24T22:54:00.000Z".
std::string FormatIso8601Minute(Millis ms);

}  // namespace localnotion
