#include "schema/formula/lexer.h"

#include <cstdlib>

#include <fmt/format.h>

namespace localnotion::schema::formula {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsIdentStart(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || static_cast<unsigned char>(c) >= 0x80;
}
bool IsIdentPart(char c) { return IsIdentStart(c) || IsDigit(c); }

}  // namespace

Result<std::vector<Token>> Tokenize(std::string_view s) {
  std::vector<Token> out;
  size_t i = 0;
  while (i < s.size()) {
    char c = s[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      ++i;
      continue;
    }
    if (c == '/' && i + 1 < s.size() && s[i + 1] == '*') {
      size_t close = s.find("*/", i + 2);
      i = close == std::string_view::npos ? s.size() : close + 2;
      continue;
    }
    if (c == '/' && i + 1 < s.size() && s[i + 1] == '/') {
      while (i < s.size() && s[i] != '\n') ++i;
      continue;
    }
    size_t start = i;
    if (IsDigit(c) || (c == '.' && i + 1 < s.size() && IsDigit(s[i + 1]))) {
      while (i < s.size() && IsDigit(s[i])) ++i;
      if (i < s.size() && s[i] == '.') {
        ++i;
        while (i < s.size() && IsDigit(s[i])) ++i;
      }
      if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
        size_t j = i + 1;
        if (j < s.size() && (s[j] == '+' || s[j] == '-')) ++j;
        if (j < s.size() && IsDigit(s[j])) {
          i = j;
          while (i < s.size() && IsDigit(s[i])) ++i;
        }
      }
      std::string text(s.substr(start, i - start));
      out.push_back(Token{TokenKind::kNumber, text, start, std::strtod(text.c_str(), nullptr)});
      continue;
    }
    if (c == '"') {
      std::string text;
      ++i;
      bool closed = false;
      while (i < s.size()) {
        char d = s[i++];
        if (d == '"') {
          closed = true;
          break;
        }
        if (d == '\\' && i < s.size()) {
          char e = s[i++];
          switch (e) {
            case 'n': text += '\n'; break;
            case 't': text += '\t'; break;
            case 'r': text += '\r'; break;
            default: text += e; break;  // \" \\ and any other escaped character
          }
          continue;
        }
        text += d;
      }
      if (!closed) return ValidationError(fmt::format("unterminated string at position {}.", start));
      out.push_back(Token{TokenKind::kString, std::move(text), start});
      continue;
    }
    if (IsIdentStart(c)) {
      while (i < s.size() && IsIdentPart(s[i])) ++i;
      out.push_back(Token{TokenKind::kIdentifier, std::string(s.substr(start, i - start)), start});
      continue;
    }
    static const std::string_view kTwoChar[] = {"==", "!=", ">=", "<=", "&&", "||"};
    bool matched = false;
    for (std::string_view op : kTwoChar) {
      if (s.substr(i, 2) == op) {
        out.push_back(Token{TokenKind::kOperator, std::string(op), start});
        i += 2;
        matched = true;
        break;
      }
    }
    if (matched) continue;
    if (std::string_view("+-*/%^><!?:()[],.").find(c) != std::string_view::npos) {
      out.push_back(Token{TokenKind::kOperator, std::string(1, c), start});
      ++i;
      continue;
    }
    // Non-ASCII bytes start identifiers, so the character reported here is ASCII.
    return ValidationError(fmt::format("unexpected character \"{}\" at position {}.", c, start));
  }
  out.push_back(Token{TokenKind::kEnd, "", s.size()});
  return out;
}

}  // namespace localnotion::schema::formula
