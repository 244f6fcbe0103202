// Writing JSON (SerializeJson and friends of json.h and json_object.h): compact, strings
// escaped as JSON.stringify escapes them, numbers as JavaScript's Number#toString writes
// them (AppendJsNumber, json.cc).
//
// Every answer of the API is written here, through JsonWriter (json_writer.h), which
// avoids the per-piece cost of std::string.
#include <algorithm>
#include <charconv>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "common/json.h"
#include "common/json_object.h"
#include "common/json_writer.h"

namespace localnotion {
namespace {

#if defined(__SSE2__)
// One bit per byte of the 16 at `p` that must be escaped. The control test is unsigned
// (min(v, 0x1f) == v), so that UTF-8 bytes from 0x80 never match.
inline unsigned EscapeMask16(const char* p) {
  const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
  const __m128i control = _mm_cmpeq_epi8(_mm_min_epu8(v, _mm_set1_epi8(0x1f)), v);
  const __m128i quote = _mm_cmpeq_epi8(v, _mm_set1_epi8('"'));
  const __m128i backslash = _mm_cmpeq_epi8(v, _mm_set1_epi8('\\'));
  return static_cast<unsigned>(_mm_movemask_epi8(_mm_or_si128(control, _mm_or_si128(quote, backslash))));
}
#else
// True when one of the eight bytes of `w` must be escaped in a JSON string: a control
// byte (below 0x20), '"' or '\\'. Bytes from 0x80 (UTF-8) never match. The word tests
// are the "has less" and "has zero byte" bit tricks of
// https://graphics.stanford.edu/~seander/bithacks.html#ZeroInWord; they may flag the
// wrong byte of a word that matches, never a word that does not, which is all this
// needs: a flagged word is then read byte by byte.
inline bool WordNeedsEscape(uint64_t w) {
  constexpr uint64_t kOnes = 0x0101010101010101ULL;
  constexpr uint64_t kHigh = 0x8080808080808080ULL;
  const uint64_t quote = w ^ (kOnes * '"');
  const uint64_t backslash = w ^ (kOnes * '\\');
  const uint64_t control = (w - kOnes * 0x20) & ~w;
  return ((control | ((quote - kOnes) & ~quote) | ((backslash - kOnes) & ~backslash)) & kHigh) != 0;
}

inline bool ByteNeedsEscape(unsigned char c) { return c < 0x20 || c == '"' || c == '\\'; }
#endif

// The offset of the first byte of s[i, n) that must be escaped, or n. Sixteen bytes at a
// time with SSE2 (every x86-64 has it); the last few are copied into a zeroed block
// first, so that nothing past the string is read, and the bits of the padding dropped.
// Elsewhere eight bytes at a time, then byte by byte.
inline size_t FirstEscape(const char* s, size_t i, size_t n) {
#if defined(__SSE2__)
  while (i + 16 <= n) {
    if (const unsigned m = EscapeMask16(s + i); m != 0) return i + static_cast<size_t>(__builtin_ctz(m));
    i += 16;
  }
  if (i < n) {
    alignas(16) char tail[16] = {};
    std::memcpy(tail, s + i, std::min<size_t>(n - i, sizeof(tail)));  // fewer than 16 left
    if (const unsigned m = EscapeMask16(tail) & ((1u << (n - i)) - 1); m != 0) {
      return i + static_cast<size_t>(__builtin_ctz(m));
    }
  }
  return n;
#else
  while (i + 8 <= n) {
    uint64_t w;
    std::memcpy(&w, s + i, 8);
    if (WordNeedsEscape(w)) break;
    i += 8;
  }
  while (i < n && !ByteNeedsEscape(static_cast<unsigned char>(s[i]))) ++i;
  return i;
#endif
}

}  // namespace

// Writes `before` (unless 0), `s` as a JSON string and `after` (unless 0) when `s` needs
// no escape, and says whether it did; writes nothing otherwise.
//
// Most strings need no escape. The string is copied first and its copy checked in
// place, 16 bytes at a time: the room asked for covers the block past its end, so no
// tail is copied aside; the bits past the end are dropped. Written through a local
// pointer (the writer's own is stored once), so that the bytes written are not taken
// to change it. A string that needs an escape is written again by EscapedString.
template <char kBefore, char kAfter>
inline bool JsonWriter::PlainString(std::string_view s) {
#if defined(__SSE2__)
  const size_t n = s.size();
  Room(n + 4 + 16);
  char* p = p_;
  if constexpr (kBefore != 0) *p++ = kBefore;
  *p++ = '"';
  char* const copy = p;
  json_writer_detail::CopyBytes(copy, s.data(), n);
  size_t k = 0;
  unsigned m = 0;
  for (; k + 16 <= n && m == 0; k += 16) m = EscapeMask16(copy + k);
  if (m == 0 && k < n) m = EscapeMask16(copy + k) & ((1u << (n - k)) - 1);
  if (m != 0) return false;
  p = copy + n;
  *p++ = '"';
  if constexpr (kAfter != 0) *p++ = kAfter;
  p_ = p;
  return true;
#else
  (void)s;
  return false;
#endif
}

void JsonWriter::String(std::string_view s) {
  if (!PlainString<0, 0>(s)) EscapedString(s);
}

void JsonWriter::Object(const json::object& o) {
  if (o.empty()) {
    Raw("{}");
    return;
  }
  bool first = true;
  for (const auto& kv : o) {
    // The punctuation before the key ('{' or ','), the key and its colon, in one piece.
    if (!(first ? PlainString<'{', ':'>(kv.key()) : PlainString<',', ':'>(kv.key()))) {
      Room(1);
      Put(first ? '{' : ',');
      EscapedString(kv.key());
      Room(1);
      Put(':');
    }
    first = false;
    Value(kv.value());
  }
  Room(1);
  Put('}');
}

void JsonWriter::EscapedString(std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  const size_t n = s.size();
  Room(n + 2);
  Put('"');
  size_t i = FirstEscape(s.data(), 0, n);
  size_t run = 0;  // start of the pending run of bytes that need no escaping
  while (i < n) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    // The pending run, the escape (at most 6 bytes), then what is left and the quote.
    Room((i - run) + 6 + (n - i - 1) + 1);
    Put(s.data() + run, i - run);
    run = i + 1;
    Put('\\');
    switch (c) {
      case '"':
        Put('"');
        break;
      case '\\':
        Put('\\');
        break;
      case '\n':
        Put('n');
        break;
      case '\r':
        Put('r');
        break;
      case '\t':
        Put('t');
        break;
      case '\b':
        Put('b');
        break;
      case '\f':
        Put('f');
        break;
      default:
        Put("u00", 3);
        Put(kHex[c >> 4]);
        Put(kHex[c & 15]);
    }
    i = FirstEscape(s.data(), i + 1, n);
  }
  Put(s.data() + run, n - run);
  Put('"');
}

void JsonWriter::Value(const json::value& v) {
  switch (v.kind()) {
    case json::kind::null:
      Room(4);
      Put("null", 4);
      break;
    case json::kind::bool_:
      Room(5);
      if (v.get_bool()) {
        Put("true", 4);
      } else {
        Put("false", 5);
      }
      break;
    case json::kind::int64: {
      Room(24);
      Advance(std::to_chars(pos(), pos() + 24, v.get_int64()).ptr);
      break;
    }
    case json::kind::uint64: {
      Room(24);
      Advance(std::to_chars(pos(), pos() + 24, v.get_uint64()).ptr);
      break;
    }
    case json::kind::double_: {
      std::string number;
      AppendJsNumber(v.get_double(), number);
      Room(number.size());
      Put(number.data(), number.size());
      break;
    }
    case json::kind::string:
      String(v.get_string());
      break;
    case json::kind::array: {
      Room(1);
      Put('[');
      bool first = true;
      for (const auto& e : v.get_array()) {
        if (!first) {
          Room(1);
          Put(',');
        }
        first = false;
        Value(e);
      }
      Room(1);
      Put(']');
      break;
    }
    case json::kind::object:
      Object(v.get_object());
      break;
  }
}

void SerializeJsonTo(const json::value& v, std::string& out) {
  JsonWriter w(out);
  w.Value(v);
  w.Finish();
}

void SerializeJsonStringTo(std::string_view s, std::string& out) {
  JsonWriter w(out);
  w.String(s);
  w.Finish();
}

void SerializeJsonObjectTo(const json::object& o, std::string& out) {
  JsonWriter w(out);
  w.Object(o);
  w.Finish();
}

std::string SerializeJsonObject(const json::object& o) {
  std::string out;
  out.reserve(256);
  SerializeJsonObjectTo(o, out);
  return out;
}

std::string SerializeJson(const json::value& v) {
  std::string out;
  // A page object is about 1 KB: one allocation holds it, without the copies of growing.
  out.reserve(2048);
  SerializeJsonTo(v, out);
  return out;
}

}  // namespace localnotion
