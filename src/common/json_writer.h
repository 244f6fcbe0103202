// JSON written piece by piece into a std::string, exactly as SerializeJson (json.h) writes
// a tree: compact, strings escaped as JSON.stringify escapes them, numbers as
// JavaScript's Number#toString writes them. For answers written straight from stored
// values (a page object, api/objects.h WritePage) without first building them as a tree.
//
// The writer grows the string to its capacity once, writes through a raw pointer (each
// piece a copy and a pointer bump, after one room check) and cuts the string back to what
// was written in Finish(). Until then the string's size is its capacity and must not be
// read or written by anyone else. The caller writes the punctuation between pieces
// (Raw), so a piece of JSON that is not valid is the caller's mistake, not caught here.
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "common/json.h"

namespace localnotion {

namespace json_writer_detail {

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

}  // namespace json_writer_detail

class JsonWriter {
 public:
  // Appends to what `out` holds.
  explicit JsonWriter(std::string& out) : out_(out) {
    const size_t used = out.size();
    out.resize(std::max(out.capacity(), used + 64));
    p_ = out.data() + used;
    end_ = out.data() + out.size();
  }
  JsonWriter(const JsonWriter&) = delete;
  JsonWriter& operator=(const JsonWriter&) = delete;

  // Cuts the string back to what was written; the writer is spent.
  void Finish() { out_.resize(static_cast<size_t>(p_ - out_.data())); }

  // JSON text as it is: punctuation, a key known to need no escaping, a literal.
  void Raw(std::string_view s) {
    Room(s.size());
    Put(s.data(), s.size());
  }
  void String(std::string_view s);
  // A member whose value is a string: `key_text` as it is (the punctuation before it and
  // the quoted key with its colon, e.g. ",\"name\":"), then `s` as a JSON string.
  void StringMember(std::string_view key_text, std::string_view s) {
    Raw(key_text);
    String(s);
  }
  void Value(const json::value& v);
  void Object(const json::object& o);
  void Bool(bool b) { Raw(b ? std::string_view("true") : std::string_view("false")); }
  void Null() { Raw("null"); }

  // The primitives of the writes above, for writers of their own (json_serialize.cc,
  // api/objects.cc). Room(n) makes space for n more bytes; Put writes without a room check.
  void Room(size_t n) {
    if (static_cast<size_t>(end_ - p_) < n) Grow(n);
  }
  void Put(char c) { *p_++ = c; }
  void Put(const char* s, size_t n) {
    json_writer_detail::CopyBytes(p_, s, n);
    p_ += n;
  }
  char* pos() { return p_; }
  void Advance(char* to) { p_ = to; }

 private:
  template <char kBefore, char kAfter>
  bool PlainString(std::string_view s);
  // String's way for a string with a byte to escape (and for every string without SSE2).
  [[gnu::noinline]] void EscapedString(std::string_view s);
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

}  // namespace localnotion
