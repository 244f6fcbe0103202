#include "common/clock.h"

#include "common/digits.h"

#include <array>
#include <atomic>
#include <chrono>
#include <climits>
#include <cstdio>
#include <cstring>
#include <ctime>

namespace localnotion {

namespace {

// The manual clock of deterministic mode; kNoManualClock when the wall clock is used.
constexpr Millis kNoManualClock = INT64_MIN;
std::atomic<Millis> g_manual_now{kNoManualClock};

}  // namespace

void UseManualClock(Millis start) { g_manual_now.store(start); }
void UseWallClock() { g_manual_now.store(kNoManualClock); }
bool ManualClockActive() { return g_manual_now.load() != kNoManualClock; }
void SetManualNow(Millis now) {
  if (ManualClockActive()) g_manual_now.store(now);
}
void AdvanceManualClock(Millis delta) {
  if (ManualClockActive()) g_manual_now.fetch_add(delta);
}

Millis NowMillis() {
  if (Millis manual = g_manual_now.load(); manual != kNoManualClock) return manual;
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

namespace {

// Days since 1970-01-01 to a civil date (Howard Hinnant's algorithm), so that formatting
// needs neither gmtime nor printf: it runs for every timestamp of every object shown.
void CivilFromDays(int64_t z, int& y, unsigned& m, unsigned& d) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t year = static_cast<int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp < 10 ? mp + 3 : mp - 9;
  y = static_cast<int>(year + (m <= 2));
}

// "00" to "99", so that a two-digit field is one copy.
constexpr auto kTwoDigits = [] {
  std::array<char, 200> t{};
  for (unsigned i = 0; i < 100; ++i) {
    t[2 * i] = static_cast<char>('0' + i / 10);
    t[2 * i + 1] = static_cast<char>('0' + i % 10);
  }
  return t;
}();

void Put2(char* p, unsigned v) { std::memcpy(p, &kTwoDigits[2 * v], 2); }

// The date part of the last day formatted on this thread ("2022-10-24", longer for a
// year outside 0000-9999): the timestamps of one answer, and of the answers that follow
// it, mostly fall on one day.
struct DayText {
  int64_t days = INT64_MIN;
  char text[24];
  size_t size = 0;
};

const DayText& DayTextOf(int64_t days) {
  thread_local DayText last;
  if (last.days == days) return last;
  int year;
  unsigned month, day;
  CivilFromDays(days, year, month, day);
  size_t o = 0;  // offset of "-MM" after the year
  if (year < 0 || year > 9999) {
    const int n = std::snprintf(last.text, 16, "%04d", year);
    o = static_cast<size_t>(n);
  } else {
    PutPaddedDigits(last.text, static_cast<unsigned>(year), 4);
    o = 4;
  }
  last.text[o] = '-';
  Put2(&last.text[o + 1], month);
  last.text[o + 3] = '-';
  Put2(&last.text[o + 4], day);
  last.size = o + 6;
  last.days = days;
  return last;
}

}  // namespace

Iso8601Text Iso8601Of(Millis ms) {
  const int64_t days = ms >= 0 ? ms / 86400000 : -((-ms + 86399999) / 86400000);
  const auto rem = static_cast<unsigned>(ms - days * 86400000);
  const DayText& date = DayTextOf(days);
  Iso8601Text out;
  std::memcpy(out.data, date.text, sizeof date.text);
  const size_t o = date.size;  // "THH:MM:SS.mmmZ" follows the date
  std::memcpy(out.data + o, "T00:00:00.000Z", 14);
  out.size = o + 14;
  Put2(&out.data[o + 1], rem / 3600000);
  Put2(&out.data[o + 4], rem / 60000 % 60);
  Put2(&out.data[o + 7], rem / 1000 % 60);
  PutPaddedDigits(&out.data[o + 10], rem % 1000, 3);
  return out;
}

Iso8601Text Iso8601MinuteOf(Millis ms) { return Iso8601Of(ms - (((ms % 60000) + 60000) % 60000)); }

std::string FormatIso8601(Millis ms) { return std::string(Iso8601Of(ms).view()); }

std::string FormatIso8601Minute(Millis ms) { return std::string(Iso8601MinuteOf(ms).view()); }

std::optional<Millis> ParseIso8601(std::string_view t) {
  // YYYY-MM-DDTHH:MM:SS then optional .f{1,3}, then Z.
  auto digits = [&](size_t at, size_t n, int& out) {
    if (at + n > t.size()) return false;
    out = 0;
    for (size_t i = at; i < at + n; ++i) {
      if (t[i] < '0' || t[i] > '9') return false;
      out = out * 10 + (t[i] - '0');
    }
    return true;
  };
  int y, mo, d, h, mi, s;
  if (t.size() < 20 || !digits(0, 4, y) || t[4] != '-' || !digits(5, 2, mo) || t[7] != '-' || !digits(8, 2, d) ||
      t[10] != 'T' || !digits(11, 2, h) || t[13] != ':' || !digits(14, 2, mi) || t[16] != ':' || !digits(17, 2, s)) {
    return std::nullopt;
  }
  size_t at = 19;
  int ms = 0;
  if (t[at] == '.') {
    size_t start = ++at;
    while (at < t.size() && t[at] >= '0' && t[at] <= '9') ++at;
    size_t n = at - start;
    if (n < 1 || n > 3 || !digits(start, n, ms)) return std::nullopt;
    for (size_t i = n; i < 3; ++i) ms *= 10;
  }
  if (at + 1 != t.size() || t[at] != 'Z') return std::nullopt;
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return std::nullopt;
  // Days from civil (Howard Hinnant's algorithm), the inverse of CivilFromDays.
  int yy = y - (mo <= 2);
  const int64_t era = (yy >= 0 ? yy : yy - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(yy - era * 400);
  const unsigned doy = (153 * (mo > 2 ? mo - 3 : mo + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  const int64_t days = era * 146097 + static_cast<int64_t>(doe) - 719468;
  Millis out = ((days * 24 + h) * 60 + mi) * 60000 + static_cast<Millis>(s) * 1000 + ms;
  if (FormatIso8601(out).substr(0, 10) != t.substr(0, 10)) return std::nullopt;  // e.g. February 30
  return out;
}

}  // namespace localnotion
