#include "common/json.h"

#include <simdjson.h>

#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <system_error>

#include "common/digits.h"
#include "common/json_arena.h"
#include "common/json_object.h"

namespace localnotion {
namespace {

// Pushes the value onto `st`, children first, as Boost.JSON's own parser does
// (https://www.boost.org/doc/libs/1_81_0/libs/json/doc/html/json/ref/boost__json__value_stack.html):
// an object is then made in one go from its members, without the lookup per key that
// inserting them one by one costs. A repeated key keeps its last value at the place of its
// first, as JSON.parse does (and json::object's insert_or_assign did here before).
void Push(simdjson::dom::element el, json::value_stack& st) {
  using simdjson::dom::element_type;
  switch (el.type()) {
    case element_type::ARRAY: {
      // Copy the array handle first: iterating value_unsafe() of the temporary result
      // would dangle once the temporary dies.
      simdjson::dom::array src = el.get_array().value_unsafe();
      size_t n = 0;
      for (simdjson::dom::element child : src) {
        Push(child, st);
        ++n;
      }
      st.push_array(n);
      return;
    }
    case element_type::OBJECT: {
      simdjson::dom::object src = el.get_object().value_unsafe();
      size_t n = 0;
      for (auto field : src) {
        st.push_key(field.key);
        Push(field.value, st);
        ++n;
      }
      st.push_object(n);
      return;
    }
    case element_type::INT64:
      st.push_int64(el.get_int64().value_unsafe());
      return;
    case element_type::UINT64:
      st.push_uint64(el.get_uint64().value_unsafe());
      return;
    case element_type::DOUBLE:
      st.push_double(el.get_double().value_unsafe());
      return;
    case element_type::STRING:
      st.push_string(el.get_string().value_unsafe());
      return;
    case element_type::BOOL:
      st.push_bool(el.get_bool().value_unsafe());
      return;
    case element_type::NULL_VALUE:
      st.push_null();
      return;
  }
  st.push_null();
}

// The document as Boost.JSON values made in `sp` (the default resource, or a request's
// JsonArena). The stack's own room is kept from one document to the next.
json::value Convert(simdjson::dom::element root, const json::storage_ptr& sp) {
  thread_local json::value_stack st;
  st.reset(sp);
  Push(root, st);
  return st.release();
}

int Hex4(std::string_view s, size_t at) {
  if (at + 4 > s.size()) return -1;
  int v = 0;
  for (size_t k = at; k < at + 4; ++k) {
    const char c = s[k];
    v <<= 4;
    if (c >= '0' && c <= '9') {
      v |= c - '0';
    } else if (c >= 'a' && c <= 'f') {
      v |= c - 'a' + 10;
    } else if (c >= 'A' && c <= 'F') {
      v |= c - 'A' + 10;
    } else {
      return -1;
    }
  }
  return v;
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// simdjson refuses two things JavaScript's JSON.parse (and so Notion) accepts: an
// integer beyond 64 bits, and a \u escape of a lone UTF-16 surrogate. This rewrites
// `text` so that it parses as JSON.parse would read it: such an integer gets ".0" (a
// double, as every JavaScript number is), and a lone surrogate escape becomes \ufffd
// (docs/compat.md). It changes nothing else, so text that is not valid JSON for another
// reason stays invalid. Returns nullopt when there is nothing to rewrite.
std::optional<std::string> JsCompatibleText(std::string_view text) {
  std::string out;
  bool changed = false;
  size_t i = 0;
  const size_t n = text.size();
  out.reserve(n + 16);
  while (i < n) {
    const char c = text[i];
    if (c == '"') {
      out.push_back(c);
      ++i;
      while (i < n) {
        const char d = text[i];
        if (d == '"') {
          out.push_back(d);
          ++i;
          break;
        }
        if (d != '\\') {
          out.push_back(d);
          ++i;
          continue;
        }
        const int cp = i + 1 < n && text[i + 1] == 'u' ? Hex4(text, i + 2) : -1;
        if (cp < 0) {  // any other escape: copied, the parser judges it
          out.append(text.substr(i, 2));
          i += 2;
          continue;
        }
        if (cp >= 0xD800 && cp <= 0xDBFF) {
          const int low = i + 7 < n && text[i + 6] == '\\' && text[i + 7] == 'u' ? Hex4(text, i + 8) : -1;
          if (low >= 0xDC00 && low <= 0xDFFF) {  // a pair
            out.append(text.substr(i, 12));
            i += 12;
            continue;
          }
        }
        if (cp >= 0xD800 && cp <= 0xDFFF) {
          out += "\\ufffd";
          changed = true;
        } else {
          out.append(text.substr(i, 6));
        }
        i += 6;
      }
      continue;
    }
    if (c == '-' || IsDigit(c)) {
      size_t j = i + (c == '-' ? 1 : 0);
      const size_t digits_at = j;
      while (j < n && IsDigit(text[j])) ++j;
      const bool integer = j > digits_at && (j == n || (text[j] != '.' && text[j] != 'e' && text[j] != 'E'));
      std::string_view token = text.substr(i, j - i);
      out.append(token);
      if (integer) {
        bool overflow;
        if (c == '-') {
          int64_t v;
          overflow = std::from_chars(token.data(), token.data() + token.size(), v).ec == std::errc::result_out_of_range;
        } else {
          uint64_t v;
          overflow = std::from_chars(token.data(), token.data() + token.size(), v).ec == std::errc::result_out_of_range;
        }
        if (overflow) {
          out += ".0";
          changed = true;
        }
      } else {
        // A fraction or exponent: copied whole, so its digits are not read as an integer.
        while (j < n && (IsDigit(text[j]) || text[j] == '.' || text[j] == 'e' || text[j] == 'E' || text[j] == '+' ||
                         text[j] == '-')) {
          out.push_back(text[j]);
          ++j;
        }
      }
      i = j;
      continue;
    }
    out.push_back(c);
    ++i;
  }
  if (!changed) return std::nullopt;
  return out;
}

}  // namespace

std::optional<json::value> ParseJson(std::string_view text) { return ParseJsonIn(text, json::storage_ptr()); }

std::optional<json::value> ParseJsonIn(std::string_view text, const json::storage_ptr& storage) {
  thread_local simdjson::dom::parser parser;
  simdjson::padded_string padded(text);
  simdjson::dom::element root;
  if (parser.parse(padded).get(root) == simdjson::SUCCESS) return Convert(root, storage);
  // Valid for JSON.parse though simdjson refuses it: read it as JavaScript would.
  std::optional<std::string> js = JsCompatibleText(text);
  if (!js) return std::nullopt;
  simdjson::padded_string again(*js);
  if (parser.parse(again).get(root) != simdjson::SUCCESS) return std::nullopt;
  return Convert(root, storage);
}

void AppendJsNumber(double d, std::string& out) {
  if (!std::isfinite(d)) {
    out += "null";  // JSON.stringify writes NaN and Infinity as null.
    return;
  }
  if (d == 0) {
    out.push_back('0');
    return;
  }
  // An integer of magnitude below 2**53 has exactly its digits as its shortest form, in
  // plain notation (below 1e21): written as an integer, without the search for the
  // shortest digits (about a thousand instructions).
  if (std::fabs(d) < 9007199254740992.0 && std::trunc(d) == d) {
    char buf[24];
    const auto r = std::to_chars(buf, buf + sizeof buf, static_cast<int64_t>(d));
    out.append(buf, static_cast<size_t>(r.ptr - buf));
    return;
  }
  // A number with one to four decimals and under 1e11 (a price, a percentage, a rating):
  // written from m = d * 10^k, for the first k at which m / 10^k reads back as d (IEEE
  // division rounds as parsing the decimal m / 10^k does), without the search for the
  // shortest digits. Those are the shortest: a form of d with fewer decimals would have
  // matched at a smaller k (|m| < 2^50, so d * 10^k lands within a half of it), and no
  // other m matches at this k (10^-k is over four times the spacing of doubles near d).
  // Plain notation, as JavaScript writes numbers from 1e-6 up to 1e21.
  if (std::fabs(d) < 1e11) {
    static constexpr double kScale[] = {10.0, 100.0, 1000.0, 10000.0};
    for (int k = 1; k <= 4; ++k) {
      const double m = std::nearbyint(d * kScale[k - 1]);
      if (m / kScale[k - 1] != d) continue;
      auto digits = static_cast<uint64_t>(std::fabs(m));
      const auto scale = static_cast<uint64_t>(kScale[k - 1]);
      char buf[32];
      char* p = buf;
      if (d < 0) *p++ = '-';
      p = std::to_chars(p, buf + sizeof buf, digits / scale).ptr;
      *p++ = '.';
      PutPaddedDigits(p, digits % scale, k);
      out.append(buf, static_cast<size_t>(p + k - buf));
      return;
    }
  }
  // The shortest digits that read back as `d`, as JavaScript's Number#toString picks
  // them, then laid out as it does: plain notation from 1e-6 up to 1e21, padded with
  // zeros (2**64 is 18446744073709552000, not its exact 18446744073709551616), else
  // d.ddde+X.
  char buf[64];
  auto r = std::to_chars(buf, buf + sizeof buf, d, std::chars_format::scientific);
  std::string_view s(buf, r.ptr - buf);
  size_t e = s.find('e');
  std::string_view mantissa = s.substr(0, e);
  int exponent = 0;
  std::from_chars(s.data() + e + (s[e + 1] == '+' ? 2 : 1), s.data() + s.size(), exponent);
  if (mantissa.front() == '-') {
    out.push_back('-');
    mantissa.remove_prefix(1);
  }
  std::string digits;
  for (char c : mantissa) {
    if (c != '.') digits.push_back(c);
  }
  const int k = static_cast<int>(digits.size());
  if (exponent >= 21 || exponent < -6) {
    out.push_back(digits[0]);
    if (k > 1) {
      out.push_back('.');
      out.append(digits, 1);
    }
    out.push_back('e');
    out.push_back(exponent < 0 ? '-' : '+');
    out += std::to_string(exponent < 0 ? -exponent : exponent);
  } else if (exponent >= 0) {
    if (k <= exponent + 1) {
      out += digits;
      out.append(static_cast<size_t>(exponent + 1 - k), '0');
    } else {
      out.append(digits, 0, static_cast<size_t>(exponent + 1));
      out.push_back('.');
      out.append(digits, static_cast<size_t>(exponent + 1));
    }
  } else {
    out += "0.";
    out.append(static_cast<size_t>(-exponent - 1), '0');
    out += digits;
  }
}

const json::value* Find(const json::object& obj, std::string_view key) {
  // Boost.JSON searches an object of up to 18 members (its "small" objects: a page's
  // properties, a value's members) member by member, with a call to memcmp for every key
  // of the key's length; property ids all have four characters. Comparing the first byte
  // before the rest skips almost every other key at the cost of a load (this lookup runs
  // about 80 times in a PATCH of six properties). Larger objects keep Boost's hash.
  if (obj.size() > 18) {
    auto it = obj.find(key);
    return it == obj.end() ? nullptr : &it->value();
  }
  for (const json::key_value_pair& member : obj) {
    if (SameKey(member.key(), key)) return &member.value();
  }
  return nullptr;
}

}  // namespace localnotion
