#include "common/clock.h"

#include <chrono>
#include <cstdio>
#include <ctime>

namespace localnotion {

Millis NowMillis() {
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

void Put(char* p, unsigned v, int width) {
  for (int i = width - 1; i >= 0; --i) {
    p[i] = static_cast<char>('0' + v % 10);
    v /= 10;
  }
}

}  // namespace

std::string FormatIso8601(Millis ms) {
  int64_t days = ms >= 0 ? ms / 86400000 : -((-ms + 86399999) / 86400000);
  int64_t rem = ms - days * 86400000;
  int year;
  unsigned month, day;
  CivilFromDays(days, year, month, day);
  std::string out = "0000-00-00T00:00:00.000Z";
  if (year < 0 || year > 9999) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%04d", year);
    out.replace(0, 4, buf);
  } else {
    Put(&out[0], static_cast<unsigned>(year), 4);
  }
  size_t o = out.size() - 20;  // offset of "-MM" after the year
  Put(&out[o + 1], month, 2);
  Put(&out[o + 4], day, 2);
  Put(&out[o + 7], static_cast<unsigned>(rem / 3600000), 2);
  Put(&out[o + 10], static_cast<unsigned>(rem / 60000 % 60), 2);
  Put(&out[o + 13], static_cast<unsigned>(rem / 1000 % 60), 2);
  Put(&out[o + 16], static_cast<unsigned>(rem % 1000), 3);
  return out;
}

std::string FormatIso8601Minute(Millis ms) {
  Millis minute = ms - (((ms % 60000) + 60000) % 60000);
  return FormatIso8601(minute);
}

}  // namespace localnotion
