#include "http/multipart.h"

#include <algorithm>
#include <cctype>

namespace localnotion::http {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// Splits "a; k=v; k2=\"v;2\"" into parameters; the first item (the value) is `head`.
// Quoted values may hold ';' and backslash escapes.
struct Params {
  std::string head;
  std::vector<std::pair<std::string, std::string>> params;
  const std::string* Get(std::string_view key) const {
    for (const auto& [k, v] : params) {
      if (k == key) return &v;
    }
    return nullptr;
  }
};

Params ParseParams(std::string_view s) {
  Params out;
  size_t i = 0;
  size_t semi = s.find(';');
  out.head = Lower(Trim(s.substr(0, semi)));
  if (semi == std::string_view::npos) return out;
  i = semi + 1;
  while (i < s.size()) {
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == ';')) ++i;
    size_t eq = s.find('=', i);
    if (eq == std::string_view::npos) break;
    std::string key = Lower(Trim(s.substr(i, eq - i)));
    i = eq + 1;
    std::string value;
    if (i < s.size() && s[i] == '"') {
      ++i;
      while (i < s.size() && s[i] != '"') {
        if (s[i] == '\\' && i + 1 < s.size()) ++i;
        value.push_back(s[i++]);
      }
      ++i;  // closing quote
      size_t next = s.find(';', i);
      i = next == std::string_view::npos ? s.size() : next + 1;
    } else {
      size_t next = s.find(';', i);
      value = std::string(Trim(s.substr(i, next == std::string_view::npos ? std::string_view::npos : next - i)));
      i = next == std::string_view::npos ? s.size() : next + 1;
    }
    out.params.emplace_back(std::move(key), std::move(value));
  }
  return out;
}

Error Malformed() { return MakeError(ErrorCode::kInvalidRequest, std::string(kMalformedMultipart)); }

}  // namespace

std::optional<std::string> MultipartBoundary(std::string_view content_type) {
  Params p = ParseParams(content_type);
  if (p.head != "multipart/form-data") return std::nullopt;
  const std::string* b = p.Get("boundary");
  if (b == nullptr || b->empty() || b->size() > 200) return std::nullopt;
  return *b;
}

Result<std::vector<MultipartField>> ParseMultipart(std::string_view boundary, std::string_view body) {
  const std::string delimiter = "--" + std::string(boundary);
  std::vector<MultipartField> out;
  // The preamble (anything before the first delimiter) is ignored.
  size_t pos = body.find(delimiter);
  if (pos == std::string_view::npos || (pos != 0 && (pos < 2 || body.substr(pos - 2, 2) != "\r\n"))) return Malformed();
  pos += delimiter.size();
  const std::string separator = "\r\n" + delimiter;
  while (true) {
    if (body.substr(pos, 2) == "--") return out;  // the close delimiter
    // Transport padding, then CRLF.
    while (pos < body.size() && (body[pos] == ' ' || body[pos] == '\t')) ++pos;
    if (body.substr(pos, 2) != "\r\n") return Malformed();
    pos += 2;
    size_t headers_end = body.find("\r\n\r\n", pos);
    size_t data_begin;
    std::string_view headers;
    if (body.substr(pos, 2) == "\r\n") {  // a part without headers
      headers = {};
      data_begin = pos + 2;
    } else {
      if (headers_end == std::string_view::npos) return Malformed();
      headers = body.substr(pos, headers_end - pos);
      data_begin = headers_end + 4;
    }
    size_t data_end = body.find(separator, data_begin);
    if (data_end == std::string_view::npos) return Malformed();
    MultipartField field;
    bool has_disposition = false;
    while (!headers.empty()) {
      size_t eol = headers.find("\r\n");
      std::string_view line = headers.substr(0, eol);
      headers = eol == std::string_view::npos ? std::string_view{} : headers.substr(eol + 2);
      size_t colon = line.find(':');
      if (colon == std::string_view::npos) return Malformed();
      std::string name = Lower(Trim(line.substr(0, colon)));
      std::string_view value = Trim(line.substr(colon + 1));
      if (name == "content-disposition") {
        Params p = ParseParams(value);
        if (p.head != "form-data") return Malformed();
        const std::string* n = p.Get("name");
        if (n == nullptr) return Malformed();
        field.name = *n;
        if (const std::string* f = p.Get("filename")) field.filename = *f;
        has_disposition = true;
      } else if (name == "content-type") {
        field.content_type = std::string(value);
      }
    }
    if (!has_disposition) return Malformed();
    field.data = body.substr(data_begin, data_end - data_begin);
    out.push_back(std::move(field));
    pos = data_end + separator.size();
  }
}

}  // namespace localnotion::http
