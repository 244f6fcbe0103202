#include "common/utf8.h"

namespace localnotion {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";

// The length of the well-formed sequence at s[i], or 0 when it is ill-formed; `end` is
// then set past its maximal subpart (at least one byte).
size_t SequenceAt(std::string_view s, size_t i, size_t& end) {
  const unsigned char c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) {
    end = i + 1;
    return 1;
  }
  size_t need;
  unsigned char lower = 0x80;
  unsigned char upper = 0xBF;
  if (c >= 0xC2 && c <= 0xDF) {
    need = 1;
  } else if (c >= 0xE0 && c <= 0xEF) {
    need = 2;
    if (c == 0xE0) lower = 0xA0;  // overlong
    if (c == 0xED) upper = 0x9F;  // surrogates
  } else if (c >= 0xF0 && c <= 0xF4) {
    need = 3;
    if (c == 0xF0) lower = 0x90;  // overlong
    if (c == 0xF4) upper = 0x8F;  // past U+10FFFF
  } else {
    end = i + 1;
    return 0;
  }
  size_t j = i + 1;
  for (size_t k = 0; k < need; ++k, ++j) {
    if (j >= s.size()) {
      end = j;
      return 0;
    }
    const unsigned char b = static_cast<unsigned char>(s[j]);
    if (b < lower || b > upper) {
      end = j;
      return 0;
    }
    lower = 0x80;
    upper = 0xBF;
  }
  end = j;
  return need + 1;
}

}  // namespace

bool IsValidUtf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    size_t end;
    if (SequenceAt(s, i, end) == 0) return false;
    i = end;
  }
  return true;
}

std::string ToValidUtf8(std::string_view s) {
  if (IsValidUtf8(s)) return std::string(s);
  std::string out;
  out.reserve(s.size() + 8);
  size_t i = 0;
  while (i < s.size()) {
    size_t end;
    if (SequenceAt(s, i, end) == 0) {
      out.append(kReplacement);
    } else {
      out.append(s.substr(i, end - i));
    }
    i = end;
  }
  return out;
}

void AppendUtf8(uint32_t cp, std::string& out) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

}  // namespace localnotion
