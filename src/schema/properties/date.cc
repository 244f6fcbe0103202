// date: {start, end?, time_zone?} or null. `start` is an ISO 8601 date or date-time;
// responses always carry start, end and time_zone (null), as Notion's do.
#include <cctype>

#include "api/messages.h"
#include "schema/properties/types.h"

namespace localnotion::schema {
namespace {

bool Digits(std::string_view s, size_t pos, size_t n) {
  if (pos + n > s.size()) return false;
  for (size_t i = pos; i < pos + n; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
  }
  return true;
}

// YYYY-MM-DD, optionally followed by THH:MM[:SS[.fff]] and Z or ±HH:MM.
bool IsIsoDate(std::string_view s) {
  if (!Digits(s, 0, 4) || s.size() < 10 || s[4] != '-' || !Digits(s, 5, 2) || s[7] != '-' || !Digits(s, 8, 2)) {
    return false;
  }
  int month = (s[5] - '0') * 10 + (s[6] - '0');
  int day = (s[8] - '0') * 10 + (s[9] - '0');
  if (month < 1 || month > 12 || day < 1 || day > 31) return false;
  if (s.size() == 10) return true;
  if (s[10] != 'T' && s[10] != ' ') return false;
  size_t p = 11;
  if (!Digits(s, p, 2) || p + 2 >= s.size() || s[p + 2] != ':' || !Digits(s, p + 3, 2)) return false;
  p += 5;
  if (p < s.size() && s[p] == ':') {
    if (!Digits(s, p + 1, 2)) return false;
    p += 3;
    if (p < s.size() && s[p] == '.') {
      ++p;
      size_t start = p;
      while (p < s.size() && std::isdigit(static_cast<unsigned char>(s[p]))) ++p;
      if (p == start) return false;
    }
  }
  if (p == s.size()) return true;
  if (s[p] == 'Z') return p + 1 == s.size();
  if (s[p] == '+' || s[p] == '-') {
    return p + 6 == s.size() && Digits(s, p + 1, 2) && s[p + 3] == ':' && Digits(s, p + 4, 2);
  }
  return false;
}

class Date : public PropertyType {
 public:
  std::string_view name() const override { return "date"; }

  Result<json::value> Write(std::string_view path_in, const json::value& value, const PropertyDef&, PropertyDef* grown) const override {
    std::string path(path_in);
    if (value.is_null()) return json::value(nullptr);
    if (!value.is_object()) return api::FailedValidation(path, "an object or `null`", &value);
    const auto& obj = value.get_object();
    json::object out{{"start", nullptr}, {"end", nullptr}};
    for (const auto& kv : obj) {
      std::string key_path = api::Field(path, kv.key());
      if (kv.key() == "start" || kv.key() == "end") {
        if (kv.key() == "end" && kv.value().is_null()) continue;
        if (!kv.value().is_string() || !IsIsoDate(kv.value().get_string())) {
          return api::FailedValidation(key_path, "a valid ISO 8601 date string", &kv.value());
        }
        out[kv.key()] = kv.value();
      } else if (kv.key() == "time_zone") {
        if (!kv.value().is_null() && !kv.value().is_string()) {
          return api::FailedValidation(key_path, "a string or `null`", &kv.value());
        }
      } else {
        return api::NotPresent(key_path, kv.value());
      }
    }
    if (out["start"].is_null()) return api::NotDefined(api::Field(path, "start"));
    return json::value(std::move(out));
  }

  void Render(const json::value* stored, const PropertyDef&, const RenderContext&,
              json::object& out) const override {
    if (stored == nullptr || !stored->is_object()) {
      out["date"] = nullptr;
      return;
    }
    const auto& o = stored->get_object();
    out["date"] = json::object{{"start", o.at("start")}, {"end", o.at("end")}, {"time_zone", nullptr}};
  }
};

}  // namespace

const PropertyType& DateType() {
  static const Date t;
  return t;
}

}  // namespace localnotion::schema
