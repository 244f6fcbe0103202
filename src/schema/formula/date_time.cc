#include "schema/formula/date_time.h"

#include <cmath>
#include <cstdio>

namespace localnotion::schema::formula {
namespace {

// Howard Hinnant's days_from_civil / civil_from_days.
int64_t DaysFromCivil(int64_t y, int m, int d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

void CivilFromDays(int64_t z, int& y, int& m, int& d) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  y = static_cast<int>(yoe + era * 400 + (m <= 2));
}

int64_t FloorDiv(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

const char* const kMonthNames[] = {"January", "February", "March",     "April",   "May",      "June",
                                   "July",    "August",   "September", "October", "November", "December"};
const char* const kDayNames[] = {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"};

bool ReadDigits(std::string_view s, size_t& i, int count, int& out) {
  out = 0;
  for (int k = 0; k < count; ++k) {
    if (i >= s.size() || s[i] < '0' || s[i] > '9') return false;
    out = out * 10 + (s[i] - '0');
    ++i;
  }
  return true;
}

Millis AddMonths(Millis ms, int64_t months) {
  CivilTime t = ToCivil(ms);
  int64_t total = static_cast<int64_t>(t.year) * 12 + (t.month - 1) + months;
  t.year = static_cast<int>(FloorDiv(total, 12));
  t.month = static_cast<int>(total - static_cast<int64_t>(t.year) * 12) + 1;
  return FromCivil(t);  // FromCivil clamps the day to the month's length.
}

// Moment's monthDiff(a, b): the months from a to b, with a fraction.
double MonthDiff(Millis a, Millis b) {
  CivilTime ca = ToCivil(a), cb = ToCivil(b);
  // Moment swaps the operands when a's day of the month is smaller, so that month ends
  // count correctly when the start month is the longer one.
  if (ca.day < cb.day) return -MonthDiff(b, a);
  int64_t whole = (static_cast<int64_t>(cb.year) - ca.year) * 12 + (cb.month - ca.month);
  Millis anchor = AddMonths(a, whole);
  double adjust;
  if (b - anchor < 0) {
    Millis anchor2 = AddMonths(a, whole - 1);
    adjust = static_cast<double>(b - anchor) / static_cast<double>(anchor - anchor2);
  } else {
    Millis anchor2 = AddMonths(a, whole + 1);
    adjust = static_cast<double>(b - anchor) / static_cast<double>(anchor2 - anchor);
  }
  return -(static_cast<double>(whole) + adjust);
}

double Truncate(double d) {
  double t = std::trunc(d);
  return t == 0 ? 0 : t;  // never -0
}

}  // namespace

int DaysInMonth(int year, int month) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month == 2) {
    bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return leap ? 29 : 28;
  }
  return kDays[(month - 1) % 12];
}

CivilTime ToCivil(Millis ms) {
  CivilTime t;
  int64_t days = FloorDiv(ms, kMsPerDay);
  int64_t rest = ms - days * kMsPerDay;
  CivilFromDays(days, t.year, t.month, t.day);
  t.hour = static_cast<int>(rest / 3'600'000);
  t.minute = static_cast<int>(rest / 60'000 % 60);
  t.second = static_cast<int>(rest / 1000 % 60);
  t.millisecond = static_cast<int>(rest % 1000);
  int64_t wd = (days + 4) % 7;  // 1970-01-01 was a Thursday.
  t.weekday = static_cast<int>(wd < 0 ? wd + 7 : wd);
  return t;
}

Millis FromCivil(const CivilTime& t) {
  int day = std::min(t.day, DaysInMonth(t.year, t.month));
  return DaysFromCivil(t.year, t.month, day) * kMsPerDay + t.hour * 3'600'000LL + t.minute * 60'000LL +
         t.second * 1000LL + t.millisecond;
}

std::optional<DateValue> ParseIsoDate(std::string_view s) {
  size_t i = 0;
  CivilTime t;
  if (!ReadDigits(s, i, 4, t.year) || i >= s.size() || s[i++] != '-' || !ReadDigits(s, i, 2, t.month) ||
      i >= s.size() || s[i++] != '-' || !ReadDigits(s, i, 2, t.day)) {
    return std::nullopt;
  }
  if (t.month < 1 || t.month > 12 || t.day < 1 || t.day > DaysInMonth(t.year, t.month)) return std::nullopt;
  DateValue out;
  if (i == s.size()) {
    out.start = FromCivil(t);
    return out;
  }
  if (s[i] != 'T' && s[i] != ' ') return std::nullopt;
  ++i;
  if (!ReadDigits(s, i, 2, t.hour) || i >= s.size() || s[i++] != ':' || !ReadDigits(s, i, 2, t.minute)) {
    return std::nullopt;
  }
  if (i < s.size() && s[i] == ':') {
    ++i;
    if (!ReadDigits(s, i, 2, t.second)) return std::nullopt;
    if (i < s.size() && s[i] == '.') {
      ++i;
      size_t begin = i;
      int ms = 0, digits = 0;
      while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
        if (digits < 3) ms = ms * 10 + (s[i] - '0'), ++digits;
        ++i;
      }
      if (i == begin) return std::nullopt;
      while (digits < 3) ms *= 10, ++digits;
      t.millisecond = ms;
    }
  }
  if (t.hour > 23 || t.minute > 59 || t.second > 59) return std::nullopt;
  Millis offset = 0;
  if (i < s.size()) {
    if (s[i] == 'Z' || s[i] == 'z') {
      ++i;
    } else if (s[i] == '+' || s[i] == '-') {
      int sign = s[i++] == '-' ? -1 : 1;
      int oh = 0, om = 0;
      if (!ReadDigits(s, i, 2, oh)) return std::nullopt;
      if (i < s.size() && s[i] == ':') ++i;
      if (!ReadDigits(s, i, 2, om) || oh > 23 || om > 59) return std::nullopt;
      offset = sign * (oh * 3'600'000LL + om * 60'000LL);
    } else {
      return std::nullopt;
    }
  }
  if (i != s.size()) return std::nullopt;
  out.start = FromCivil(t) - offset;
  out.has_time = true;
  return out;
}

std::string FormatIsoDate(Millis ms, bool has_time) {
  CivilTime t = ToCivil(ms);
  char buf[64];
  if (!has_time) {
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", t.year, t.month, t.day);
  } else {
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03d+00:00", t.year, t.month, t.day, t.hour,
                  t.minute, t.second, t.millisecond);
  }
  return buf;
}

std::string FormatMoment(Millis ms, std::string_view p) {
  CivilTime t = ToCivil(ms);
  std::string out;
  auto pad = [&out](int64_t v, int width) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%0*lld", width, static_cast<long long>(v));
    out += buf;
  };
  auto starts = [&p](size_t i, std::string_view token) { return p.substr(i, token.size()) == token; };
  int hour12 = t.hour % 12 == 0 ? 12 : t.hour % 12;
  size_t i = 0;
  while (i < p.size()) {
    if (p[i] == '[') {
      size_t close = p.find(']', i + 1);
      if (close != std::string_view::npos) {
        out.append(p.substr(i + 1, close - i - 1));
        i = close + 1;
        continue;
      }
    }
    // Longest tokens first.
    if (starts(i, "YYYY")) { pad(t.year, 4); i += 4; }
    else if (starts(i, "YY")) { pad(((t.year % 100) + 100) % 100, 2); i += 2; }
    else if (starts(i, "Q")) { pad((t.month - 1) / 3 + 1, 1); i += 1; }
    else if (starts(i, "MMMM")) { out += kMonthNames[t.month - 1]; i += 4; }
    else if (starts(i, "MMM")) { out.append(kMonthNames[t.month - 1], 3); i += 3; }
    else if (starts(i, "MM")) { pad(t.month, 2); i += 2; }
    else if (starts(i, "M")) { pad(t.month, 1); i += 1; }
    else if (starts(i, "Do")) {
      pad(t.day, 1);
      int d = t.day;
      out += (d % 10 == 1 && d != 11) ? "st" : (d % 10 == 2 && d != 12) ? "nd" : (d % 10 == 3 && d != 13) ? "rd" : "th";
      i += 2;
    }
    else if (starts(i, "DD")) { pad(t.day, 2); i += 2; }
    else if (starts(i, "D")) { pad(t.day, 1); i += 1; }
    else if (starts(i, "dddd")) { out += kDayNames[t.weekday]; i += 4; }
    else if (starts(i, "ddd")) { out.append(kDayNames[t.weekday], 3); i += 3; }
    else if (starts(i, "dd")) { out.append(kDayNames[t.weekday], 2); i += 2; }
    else if (starts(i, "d")) { pad(t.weekday, 1); i += 1; }
    else if (starts(i, "HH")) { pad(t.hour, 2); i += 2; }
    else if (starts(i, "H")) { pad(t.hour, 1); i += 1; }
    else if (starts(i, "hh")) { pad(hour12, 2); i += 2; }
    else if (starts(i, "h")) { pad(hour12, 1); i += 1; }
    else if (starts(i, "mm")) { pad(t.minute, 2); i += 2; }
    else if (starts(i, "m")) { pad(t.minute, 1); i += 1; }
    else if (starts(i, "ss")) { pad(t.second, 2); i += 2; }
    else if (starts(i, "s")) { pad(t.second, 1); i += 1; }
    else if (starts(i, "SSS")) { pad(t.millisecond, 3); i += 3; }
    else if (starts(i, "A")) { out += t.hour < 12 ? "AM" : "PM"; i += 1; }
    else if (starts(i, "a")) { out += t.hour < 12 ? "am" : "pm"; i += 1; }
    else if (starts(i, "X")) { pad(FloorDiv(ms, 1000), 1); i += 1; }
    else if (starts(i, "x")) { pad(ms, 1); i += 1; }
    else { out += p[i]; i += 1; }
  }
  return out;
}

std::optional<DateUnit> ParseDateUnit(std::string_view name) {
  struct Entry {
    std::string_view singular;
    DateUnit unit;
  };
  static const Entry kUnits[] = {
      {"year", DateUnit::kYears},       {"quarter", DateUnit::kQuarters}, {"month", DateUnit::kMonths},
      {"week", DateUnit::kWeeks},       {"day", DateUnit::kDays},         {"hour", DateUnit::kHours},
      {"minute", DateUnit::kMinutes},   {"second", DateUnit::kSeconds},   {"millisecond", DateUnit::kMilliseconds},
  };
  for (const Entry& e : kUnits) {
    if (name == e.singular) return e.unit;
    if (name.size() == e.singular.size() + 1 && name.substr(0, e.singular.size()) == e.singular &&
        name.back() == 's') {
      return e.unit;
    }
  }
  return std::nullopt;
}

std::optional<Millis> AddToDate(Millis ms, double amount, DateUnit unit) {
  constexpr double kMaxDate = 8.64e15;  // JavaScript's Date range, in ms either side of the epoch
  // The longest length of each unit in ms, to refuse before a conversion can overflow:
  // a shift longer than the whole range lands outside it.
  static constexpr double kLongest[] = {366.0 * kMsPerDay, 92.0 * kMsPerDay, 31.0 * kMsPerDay,
                                        7.0 * kMsPerDay,   1.0 * kMsPerDay,  3'600'000,
                                        60'000,            1000,             1};
  if (!std::isfinite(amount) || std::fabs(amount) * kLongest[static_cast<int>(unit)] > 2 * kMaxDate) {
    return std::nullopt;
  }
  auto whole = [amount] { return static_cast<int64_t>(std::round(amount)); };  // half away from zero
  Millis out = ms;
  switch (unit) {
    case DateUnit::kYears: out = AddMonths(ms, whole() * 12); break;
    case DateUnit::kQuarters: out = AddMonths(ms, whole() * 3); break;
    case DateUnit::kMonths: out = AddMonths(ms, whole()); break;
    case DateUnit::kWeeks: out = ms + static_cast<int64_t>(std::round(amount * 7)) * kMsPerDay; break;
    case DateUnit::kDays: out = ms + whole() * kMsPerDay; break;
    case DateUnit::kHours: out = ms + static_cast<Millis>(std::llround(amount * 3'600'000)); break;
    case DateUnit::kMinutes: out = ms + static_cast<Millis>(std::llround(amount * 60'000)); break;
    case DateUnit::kSeconds: out = ms + static_cast<Millis>(std::llround(amount * 1000)); break;
    case DateUnit::kMilliseconds: out = ms + static_cast<Millis>(std::llround(amount)); break;
  }
  if (std::fabs(static_cast<double>(out)) > kMaxDate) return std::nullopt;
  return out;
}

double DateDiff(Millis a, Millis b, DateUnit unit) {
  double delta = static_cast<double>(a - b);
  switch (unit) {
    case DateUnit::kYears: return Truncate(MonthDiff(a, b) / 12);
    case DateUnit::kQuarters: return Truncate(MonthDiff(a, b) / 3);
    case DateUnit::kMonths: return Truncate(MonthDiff(a, b));
    case DateUnit::kWeeks: return Truncate(delta / (7.0 * kMsPerDay));
    case DateUnit::kDays: return Truncate(delta / kMsPerDay);
    case DateUnit::kHours: return Truncate(delta / 3'600'000);
    case DateUnit::kMinutes: return Truncate(delta / 60'000);
    case DateUnit::kSeconds: return Truncate(delta / 1000);
    case DateUnit::kMilliseconds: return Truncate(delta);
  }
  return 0;
}

}  // namespace localnotion::schema::formula
