// date: {start, end?, time_zone?} or null. `start` is an ISO 8601 date or date-time.
// Date-times are stored and returned as Notion writes them, YYYY-MM-DDTHH:MM:SS.mmm±HH:MM
// (a `Z` becomes +00:00). With `time_zone` (an IANA name) the times must carry no
// offset; the zone's offset at that time is applied and `time_zone` comes back null
// ("the public API will always return the time_zone field as null", changelog).
#include <cctype>
#include <cstdio>
#include <optional>

#include "api/messages.h"
#include "common/digits.h"
#include "common/timezone.h"
#include "schema/properties/types.h"

namespace localnotion::schema {
namespace {

struct IsoDate {
  int year = 0, month = 0, day = 0;
  bool has_time = false;
  int hour = 0, minute = 0, second = 0, millis = 0;
  std::optional<int> offset_minutes;  // absent: no offset given
};

bool Digits(std::string_view s, size_t pos, size_t n, int& out) {
  if (pos + n > s.size()) return false;
  out = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
    out = out * 10 + (s[i] - '0');
  }
  return true;
}

// YYYY-MM-DD, optionally followed by THH:MM[:SS[.fff]] and Z or ±HH:MM.
std::optional<IsoDate> ParseIso(std::string_view s) {
  IsoDate d;
  if (!Digits(s, 0, 4, d.year) || s.size() < 10 || s[4] != '-' || !Digits(s, 5, 2, d.month) || s[7] != '-' ||
      !Digits(s, 8, 2, d.day)) {
    return std::nullopt;
  }
  if (d.month < 1 || d.month > 12 || d.day < 1 || d.day > 31) return std::nullopt;
  if (s.size() == 10) return d;
  if (s[10] != 'T' && s[10] != ' ') return std::nullopt;
  d.has_time = true;
  size_t p = 11;
  if (!Digits(s, p, 2, d.hour) || p + 2 >= s.size() || s[p + 2] != ':' || !Digits(s, p + 3, 2, d.minute)) {
    return std::nullopt;
  }
  if (d.hour > 23 || d.minute > 59) return std::nullopt;
  p += 5;
  if (p < s.size() && s[p] == ':') {
    if (!Digits(s, p + 1, 2, d.second) || d.second > 59) return std::nullopt;
    p += 3;
    if (p < s.size() && s[p] == '.') {
      ++p;
      size_t start = p;
      int scale = 100;
      while (p < s.size() && std::isdigit(static_cast<unsigned char>(s[p]))) {
        d.millis += (s[p] - '0') * scale;
        scale /= 10;
        ++p;
      }
      if (p == start) return std::nullopt;
    }
  }
  if (p == s.size()) return d;
  if (s[p] == 'Z' && p + 1 == s.size()) {
    d.offset_minutes = 0;
    return d;
  }
  int oh = 0, om = 0;
  if ((s[p] == '+' || s[p] == '-') && p + 6 == s.size() && Digits(s, p + 1, 2, oh) && s[p + 3] == ':' &&
      Digits(s, p + 4, 2, om)) {
    d.offset_minutes = (s[p] == '-' ? -1 : 1) * (oh * 60 + om);
    return d;
  }
  return std::nullopt;
}

// `v` as `width` zero-padded digits at `p`; false when it does not fit (or is negative).
bool PutDigits(char* p, int v, int width) { return v >= 0 && PutPaddedDigits(p, static_cast<uint64_t>(v), width); }

std::string Format(const IsoDate& d) {
  int off = d.offset_minutes.value_or(0);
  const char sign = off < 0 ? '-' : '+';
  off = off < 0 ? -off : off;
  // Written digit by digit (a date is formatted for every date value written); printf
  // for a field out of its usual range, which writes it whole.
  char buf[48] = "0000-00-00T00:00:00.000+00:00";
  buf[23] = sign;
  const bool fits = PutDigits(buf, d.year, 4) && PutDigits(buf + 5, d.month, 2) && PutDigits(buf + 8, d.day, 2) &&
                    (!d.has_time || (PutDigits(buf + 11, d.hour, 2) && PutDigits(buf + 14, d.minute, 2) &&
                                     PutDigits(buf + 17, d.second, 2) && PutDigits(buf + 20, d.millis, 3) &&
                                     PutDigits(buf + 24, off / 60, 2) && PutDigits(buf + 27, off % 60, 2)));
  if (fits) return std::string(buf, d.has_time ? 29 : 10);
  if (!d.has_time) {
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
    return buf;
  }
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03d%c%02d:%02d", d.year, d.month, d.day, d.hour,
                d.minute, d.second, d.millis, sign, off / 60, off % 60);
  return buf;
}

class Date : public PropertyType {
 public:
  std::string_view name() const override { return "date"; }
  FilterFamily filter_family() const override { return FilterFamily::kDate; }
  SortBy sort_by() const override { return SortBy::kDate; }

  Result<json::value> Write(std::string_view path_in, const json::value& value, const PropertyDef&,
                            PropertyDef*) const override {
    std::string path(path_in);
    if (value.is_null()) return json::value(nullptr);
    if (!value.is_object()) return api::FailedValidation(path, "an object or `null`", &value);
    const auto& obj = value.get_object();
    std::optional<std::string> zone;
    std::optional<IsoDate> start, end;
    for (const auto& kv : obj) {
      std::string key_path = api::Field(path, kv.key());
      if (kv.key() == "start" || kv.key() == "end") {
        if (kv.key() == "end" && kv.value().is_null()) continue;
        std::optional<IsoDate> parsed = kv.value().is_string() ? ParseIso(kv.value().get_string()) : std::nullopt;
        if (!parsed) return api::FailedValidation(key_path, "a valid ISO 8601 date string", &kv.value());
        (kv.key() == "start" ? start : end) = parsed;
      } else if (kv.key() == "time_zone") {
        if (kv.value().is_null()) continue;
        if (!kv.value().is_string()) return api::FailedValidation(key_path, "a string or `null`", &kv.value());
        if (!IsTimeZone(kv.value().get_string())) {
          return api::FailedValidation(key_path, "a valid IANA time zone", &kv.value());
        }
        zone = std::string(kv.value().get_string());
      } else {
        return api::NotPresent(key_path, kv.value());
      }
    }
    if (!start) return api::NotDefined(api::Field(path, "start"));
    if (zone) {
      for (auto [key, d] : {std::pair{"start", &start}, std::pair{"end", &end}}) {
        if (!*d || !(*d)->has_time) continue;
        if ((*d)->offset_minutes) {
          const json::value* raw = Find(obj, key);
          return api::FailedValidation(api::Field(path, key),
                                       "a date-time without a UTC offset when time_zone is given", raw);
        }
        IsoDate& v = **d;
        v.offset_minutes = UtcOffsetMinutes(*zone, v.year, v.month, v.day, v.hour, v.minute, v.second);
      }
    }
    return json::value(
        json::object{{"start", Format(*start)}, {"end", end ? json::value(Format(*end)) : json::value(nullptr)}});
  }

  void Render(const json::value* stored, const PropertyDef&, const RenderContext&, json::object& out) const override {
    const json::object* o = (stored && stored->is_object()) ? &stored->get_object() : nullptr;
    const json::value* start = o ? Find(*o, "start") : nullptr;
    if (start == nullptr) {
      out["date"] = nullptr;
      return;
    }
    const json::value* end = Find(*o, "end");
    out["date"] = json::object{{"start", *start}, {"end", end ? *end : json::value(nullptr)}, {"time_zone", nullptr}};
  }
  bool writes_shown() const override { return true; }
  void WriteShown(const json::value* stored, const PropertyDef&, JsonWriter& w) const override {
    const json::object* o = (stored && stored->is_object()) ? &stored->get_object() : nullptr;
    const json::value* start = o ? Find(*o, "start") : nullptr;
    if (start == nullptr) {
      w.Null();
      return;
    }
    const json::value* end = Find(*o, "end");
    w.Raw(R"({"start":)");
    w.Value(*start);
    w.Raw(R"(,"end":)");
    if (end != nullptr) {
      w.Value(*end);
    } else {
      w.Null();
    }
    w.Raw(R"(,"time_zone":null})");
  }
};

}  // namespace

const PropertyType& DateType() {
  static const Date t;
  return t;
}

}  // namespace localnotion::schema
