// Writing JSON (SerializeJson and friends of json.h and json_object.h): compact, strings
// escaped as JSON.stringify escapes them, numbers as JavaScript's Number#toString writes
// them (AppendJsNumber, json.cc).
//
// Every answer of the API is written here, so the writer avoids the per-piece cost of
// std::string: it grows the string to its capacity once, writes through a raw pointer
// (each piece a copy and a pointer bump, after one room check), and cuts the string back
// to what was written at the end.
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

// Copies n bytes with fixed-size moves (two that may overlap) rather than a call to
// memcpy: most keys and values of an answer are a few to a few dozen bytes.
inline void CopyBytes(char* dst, const char* src, size_t n) {
  if (n >= 8) {
    if (n > 16) {
      std::memcpy(dst, src, n);
      return;
    }
    uint64_t a, b;
    std::memcpy(&a, src, 8);
    std::memcpy(&b, src + n - 8, 8);
    std::memcpy(dst, &a, 8);
    std::memcpy(dst + n - 8, &b, 8);
  } else if (n >= 4) {
    uint32_t a, b;
    std::memcpy(&a, src, 4);
    std::memcpy(&b, src + n - 4, 4);
    std::memcpy(dst, &a, 4);
    std::memcpy(dst + n - 4, &b, 4);
  } else if (n > 0) {
    dst[0] = src[0];
    dst[n / 2] = src[n / 2];
    dst[n - 1] = src[n - 1];
  }
}

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
    CopyBytes(tail, s + i, n - i);
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

// Appends to a std::string through a pointer. Between construction and Finish() the
// string's size is its capacity and the bytes after the pointer are scratch; Finish()
// cuts it back. Room() must make space before each write.
class Writer {
 public:
  explicit Writer(std::string& out) : out_(out) {
    const size_t used = out.size();
    out.resize(std::max(out.capacity(), used + 64));
    p_ = out.data() + used;
    end_ = out.data() + out.size();
  }
  Writer(const Writer&) = delete;
  Writer& operator=(const Writer&) = delete;

  void Finish() { out_.resize(static_cast<size_t>(p_ - out_.data())); }

  // Makes room for `n` more bytes.
  void Room(size_t n) {
    if (static_cast<size_t>(end_ - p_) < n) Grow(n);
  }
  // These write without a room check: Room() first.
  void Put(char c) { *p_++ = c; }
  void Put(const char* s, size_t n) {
    CopyBytes(p_, s, n);
    p_ += n;
  }
  char* pos() { return p_; }
  void Advance(char* to) { p_ = to; }

  void Value(const json::value& v);
  void Object(const json::object& o);
  void String(std::string_view s);

 private:
  void Grow(size_t n) {
    const size_t used = static_cast<size_t>(p_ - out_.data());
    out_.resize(std::max(out_.size() * 2, used + n));
    p_ = out_.data() + used;
    end_ = out_.data() + out_.size();
  }

  std::string& out_;
  char* p_;
  char* end_;
};

void Writer::String(std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  const size_t n = s.size();
  Room(n + 2);
  Put('"');
  // Most strings need no escape: found out first, they are copied in one piece.
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

void Writer::Object(const json::object& o) {
  Room(1);
  Put('{');
  bool first = true;
  for (const auto& kv : o) {
    if (!first) {
      Room(1);
      Put(',');
    }
    first = false;
    String(kv.key());
    Room(1);
    Put(':');
    Value(kv.value());
  }
  Room(1);
  Put('}');
}

void Writer::Value(const json::value& v) {
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

}  // namespace

void SerializeJsonTo(const json::value& v, std::string& out) {
  Writer w(out);
  w.Value(v);
  w.Finish();
}

void SerializeJsonStringTo(std::string_view s, std::string& out) {
  Writer w(out);
  w.String(s);
  w.Finish();
}

void SerializeJsonObjectTo(const json::object& o, std::string& out) {
  Writer w(out);
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
