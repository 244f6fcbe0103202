// JSON in and out. Request bodies are parsed with simdjson (the fastest parser on this
// machine) into a boost::json::value, which the rest of the code reads and builds.
// Output goes through SerializeJson, not boost::json::serialize: Boost.JSON 1.81 writes
// the double 2.5 as "2.5E0", while Notion (a JavaScript service) writes "2.5".
#pragma once

#include <boost/json.hpp>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>

namespace localnotion {

namespace json = boost::json;

// Parses a complete JSON text. Returns nullopt when it is not valid JSON.
std::optional<json::value> ParseJson(std::string_view text);

// Writes `v` compactly, numbers as JavaScript's Number#toString writes them.
std::string SerializeJson(const json::value& v);
void SerializeJsonTo(const json::value& v, std::string& out);

// A number as JavaScript prints it: 42, 2.5, 1e+21, 1e-7.
void AppendJsNumber(double d, std::string& out);

// Returns obj[key] or nullptr; never inserts.
const json::value* Find(const json::object& obj, std::string_view key);

// Whether two keys (member names, property ids) are equal, the first byte compared
// before the rest: keys that differ mostly differ there (property ids are four random
// characters), and the comparison then costs no call to memcmp. A key of four to eight
// bytes (every property id, most member names) is then compared as its first and last
// four bytes, two loads each, also without a call.
inline bool SameKey(std::string_view a, std::string_view b) {
  const size_t n = a.size();
  if (n != b.size()) return false;
  if (n == 0) return true;
  if (a.front() != b.front()) return false;
  if (n >= 4 && n <= 8) {
    uint32_t a_head, b_head, a_tail, b_tail;
    std::memcpy(&a_head, a.data(), 4);
    std::memcpy(&b_head, b.data(), 4);
    std::memcpy(&a_tail, a.data() + n - 4, 4);
    std::memcpy(&b_tail, b.data() + n - 4, 4);
    return a_head == b_head && a_tail == b_tail;
  }
  return std::memcmp(a.data(), b.data(), n) == 0;
}

}  // namespace localnotion
