#include "api/messages.h"

#include <algorithm>

#include <fmt/format.h>

namespace localnotion::api {
namespace {

std::string_view Prefix(std::string_view path) {
  size_t dot = path.find_first_of(".[");
  return dot == std::string_view::npos ? path : path.substr(0, dot);
}

}  // namespace

std::string MessageValue(const json::value* v) {
  if (v == nullptr) return "undefined";
  std::string s = SerializeJson(*v);
  // Cut after 100 characters as JavaScript counts them (UTF-16 units), never inside one.
  constexpr size_t kMax = 100;
  size_t units = 0;
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    size_t width = len == 4 ? 2 : 1;
    if (units + width > kMax) {
      s.resize(i);
      s += "...";
      break;
    }
    units += width;
    i += len;
  }
  return s;
}

std::string ShouldBe(std::string_view path, std::string_view expectation, const json::value* v) {
  return fmt::format("{} should be {}, instead was `{}`.", path, expectation, MessageValue(v));
}

Error FailedValidation(std::string_view path, std::string_view expectation, const json::value* v) {
  return ValidationError(fmt::format("{} failed validation: {}", Prefix(path), ShouldBe(path, expectation, v)));
}

Error NotDefined(std::string_view path) { return FailedValidation(path, "defined", nullptr); }

Error NotPresent(std::string_view path, const json::value& v) { return FailedValidation(path, "not present", &v); }

Status OnlyKeys(const json::object& o, std::string_view path, std::initializer_list<std::string_view> keys) {
  for (const auto& kv : o) {
    if (std::find(keys.begin(), keys.end(), kv.key()) == keys.end())
      return NotPresent(Field(path, kv.key()), kv.value());
  }
  return OkStatus();
}

Error TooLong(std::string_view path, size_t max, size_t n) {
  return ValidationError(
      fmt::format("{} failed validation: {}.length should be ≤ `{}`, instead was `{}`.", Prefix(path), path, max, n));
}

Error FixOne(const std::vector<std::string>& alternatives) {
  std::string msg = "body failed validation. Fix one:";
  for (const auto& a : alternatives) {
    msg += "\n";
    msg += a;
  }
  return ValidationError(std::move(msg));
}

// Field and Index build every validated value's path, error or not (a PATCH of six
// properties makes about 18), so they append instead of going through fmt::format.
std::string Field(std::string_view path, std::string_view key) {
  std::string out;
  out.reserve(path.size() + 1 + key.size());
  out.append(path);
  out += '.';
  out.append(key);
  return out;
}

std::string Index(std::string_view path, size_t i) {
  std::string out;
  out.reserve(path.size() + 22);
  out.append(path);
  out += '[';
  out += std::to_string(i);
  out += ']';
  return out;
}

Error ArchivedError() {
  return ValidationError("Can't edit block that is archived. You must unarchive the block before editing.");
}

}  // namespace localnotion::api
