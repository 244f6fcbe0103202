#include "common/json.h"

#include <simdjson.h>

#include <charconv>
#include <cmath>
#include <cstdio>

namespace localnotion {
namespace {

json::value Convert(simdjson::dom::element el) {
  using simdjson::dom::element_type;
  switch (el.type()) {
    case element_type::ARRAY: {
      json::array arr;
      // Copy the array handle first: iterating value_unsafe() of the temporary result
      // would dangle once the temporary dies.
      simdjson::dom::array src = el.get_array().value_unsafe();
      for (simdjson::dom::element child : src) {
        arr.push_back(Convert(child));
      }
      return arr;
    }
    case element_type::OBJECT: {
      json::object obj;
      simdjson::dom::object src = el.get_object().value_unsafe();
      for (auto field : src) {
        obj[field.key] = Convert(field.value);
      }
      return obj;
    }
    case element_type::INT64:
      return json::value(el.get_int64().value_unsafe());
    case element_type::UINT64:
      return json::value(el.get_uint64().value_unsafe());
    case element_type::DOUBLE:
      return json::value(el.get_double().value_unsafe());
    case element_type::STRING:
      return json::value(el.get_string().value_unsafe());
    case element_type::BOOL:
      return json::value(el.get_bool().value_unsafe());
    case element_type::NULL_VALUE:
      return json::value(nullptr);
  }
  return json::value(nullptr);
}

void AppendString(std::string_view s, std::string& out) {
  static constexpr char kHex[] = "0123456789abcdef";
  out.push_back('"');
  size_t run = 0;  // start of the pending run of bytes that need no escaping
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out.append(s.data() + run, i - run);
    run = i + 1;
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      default:
        out += "\\u00";
        out.push_back(kHex[c >> 4]);
        out.push_back(kHex[c & 15]);
    }
  }
  out.append(s.data() + run, s.size() - run);
  out.push_back('"');
}

}  // namespace

std::optional<json::value> ParseJson(std::string_view text) {
  thread_local simdjson::dom::parser parser;
  simdjson::padded_string padded(text);
  simdjson::dom::element root;
  if (parser.parse(padded).get(root) != simdjson::SUCCESS) return std::nullopt;
  return Convert(root);
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
  char buf[64];
  double mag = std::fabs(d);
  if (mag >= 1e-6 && mag < 1e21) {
    auto r = std::to_chars(buf, buf + sizeof buf, d, std::chars_format::fixed);
    // Shortest round-trip digits may be fewer than fixed shows; prefer shortest general
    // form when it has no exponent.
    char gen[64];
    auto g = std::to_chars(gen, gen + sizeof gen, d);
    std::string_view gs(gen, g.ptr - gen);
    if (gs.find('e') == std::string_view::npos) {
      out.append(gs);
    } else {
      out.append(buf, r.ptr);
    }
    return;
  }
  auto r = std::to_chars(buf, buf + sizeof buf, d, std::chars_format::scientific);
  std::string_view s(buf, r.ptr - buf);
  size_t e = s.find('e');
  out.append(s.substr(0, e));
  out.push_back('e');
  size_t i = e + 1;
  char sign = s[i];
  ++i;
  out.push_back(sign == '-' ? '-' : '+');
  while (i + 1 < s.size() && s[i] == '0') ++i;
  out.append(s.substr(i));
}

void SerializeJsonTo(const json::value& v, std::string& out) {
  switch (v.kind()) {
    case json::kind::null: out += "null"; break;
    case json::kind::bool_: out += v.get_bool() ? "true" : "false"; break;
    case json::kind::int64: {
      char buf[24];
      auto r = std::to_chars(buf, buf + sizeof buf, v.get_int64());
      out.append(buf, r.ptr);
      break;
    }
    case json::kind::uint64: {
      char buf[24];
      auto r = std::to_chars(buf, buf + sizeof buf, v.get_uint64());
      out.append(buf, r.ptr);
      break;
    }
    case json::kind::double_: AppendJsNumber(v.get_double(), out); break;
    case json::kind::string: AppendString(v.get_string(), out); break;
    case json::kind::array: {
      out.push_back('[');
      bool first = true;
      for (const auto& e : v.get_array()) {
        if (!first) out.push_back(',');
        first = false;
        SerializeJsonTo(e, out);
      }
      out.push_back(']');
      break;
    }
    case json::kind::object: {
      out.push_back('{');
      bool first = true;
      for (const auto& kv : v.get_object()) {
        if (!first) out.push_back(',');
        first = false;
        AppendString(kv.key(), out);
        out.push_back(':');
        SerializeJsonTo(kv.value(), out);
      }
      out.push_back('}');
      break;
    }
  }
}

std::string SerializeJson(const json::value& v) {
  std::string out;
  out.reserve(256);
  SerializeJsonTo(v, out);
  return out;
}

const json::value* Find(const json::object& obj, std::string_view key) {
  auto it = obj.find(key);
  return it == obj.end() ? nullptr : &it->value();
}

}  // namespace localnotion
