// Time as Notion shows it: ISO 8601 in UTC with milliseconds and a Z. Timestamps are
// kept to the millisecond in storage; objects show created_time and last_edited_time
// rounded down to the minute, as Notion has done since 2021 ("last edited time is now
// rounded to the nearest minute", changelog).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace localnotion {

// Milliseconds since the Unix epoch.
using Millis = int64_t;

// The current wall-clock time.
Millis NowMillis();

// "2022-10-24T22:54:17.123Z".
std::string FormatIso8601(Millis ms);

// The same, rounded down to the minute: "2022-10-24T22:54:00.000Z".
std::string FormatIso8601Minute(Millis ms);

// The text of FormatIso8601 and FormatIso8601Minute without a heap allocation (24
// characters, a few more for a year outside 0000-9999), for answers written as text.
struct Iso8601Text {
  char data[40];
  size_t size = 0;
  std::string_view view() const { return {data, size}; }
};
Iso8601Text Iso8601Of(Millis ms);
Iso8601Text Iso8601MinuteOf(Millis ms);

}  // namespace localnotion

namespace localnotion {

// Parses "YYYY-MM-DDTHH:MM:SS[.fff]Z" (UTC only, as this server writes it) to
// milliseconds; nullopt for anything else.
std::optional<Millis> ParseIso8601(std::string_view text);

// Deterministic mode (serve --deterministic): NowMillis returns a manual clock that
// stands still until SetManualNow or AdvanceManualClock moves it. Process-wide; the
// server is single-threaded, so the clock only changes between requests.
void UseManualClock(Millis start);
void UseWallClock();  // back to the wall clock (tests)
bool ManualClockActive();
void SetManualNow(Millis now);
void AdvanceManualClock(Millis delta);

}  // namespace localnotion
