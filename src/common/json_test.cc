#include "common/json.h"

#include <gtest/gtest.h>

#include <charconv>
#include <cmath>
#include <cstring>
#include <random>

#include "common/json_object.h"

namespace localnotion {
namespace {

std::string Num(double d) {
  std::string s;
  AppendJsNumber(d, s);
  return s;
}

TEST(JsonTest, NumbersAreWrittenAsJavaScriptWritesThem) {
  EXPECT_EQ(Num(2.5), "2.5");
  EXPECT_EQ(Num(42), "42");
  EXPECT_EQ(Num(-0.1), "-0.1");
  EXPECT_EQ(Num(1e21), "1e+21");
  EXPECT_EQ(Num(1e20), "100000000000000000000");
  EXPECT_EQ(Num(1e-7), "1e-7");
  EXPECT_EQ(Num(0.000001), "0.000001");
  EXPECT_EQ(Num(123456.789), "123456.789");
  // Shortest digits, padded with zeros, as Number#toString writes them.
  EXPECT_EQ(Num(18446744073709551616.0), "18446744073709552000");
  EXPECT_EQ(Num(-9223372036854775808.0), "-9223372036854776000");
  EXPECT_EQ(Num(9007199254740993.0), "9007199254740992");
  EXPECT_EQ(Num(1.5e300), "1.5e+300");
  EXPECT_EQ(Num(-2.5e-8), "-2.5e-8");
  EXPECT_EQ(Num(0.1 + 0.2), "0.30000000000000004");
  EXPECT_EQ(Num(123e-7), "0.0000123");
  EXPECT_EQ(Num(-7), "-7");
  // Integers below 2**53 are written as integers; from 2**53 on as shortest digits.
  EXPECT_EQ(Num(9007199254740991.0), "9007199254740991");
  EXPECT_EQ(Num(-9007199254740991.0), "-9007199254740991");
  EXPECT_EQ(Num(9007199254740992.0), "9007199254740992");
  EXPECT_EQ(Num(1e15), "1000000000000000");
  EXPECT_EQ(Num(-0.0), "0");
  EXPECT_EQ(Num(3.0), "3");
  EXPECT_EQ(Num(-1234567.0), "-1234567");
  EXPECT_EQ(Num(0.5), "0.5");
  EXPECT_EQ(Num(4503599627370495.5), "4503599627370495.5");
}

// The shortest digits in plain notation, as std::to_chars writes them in fixed form: what
// Number#toString writes from 1e-6 up to 1e21.
std::string ShortestFixed(double d) {
  char buf[400];
  const auto r = std::to_chars(buf, buf + sizeof buf, d, std::chars_format::fixed);
  return std::string(buf, r.ptr);
}

// Numbers with a few decimals are written without the search for the shortest digits
// (AppendJsNumber): they must come out as that search writes them, whatever their
// decimals, sign and size, next to the doubles nearest to them, and at the sizes where
// the short way stops.
TEST(JsonTest, NumbersWithFewDecimalsAreTheirShortestDigits) {
  std::mt19937_64 random(20261206);
  auto check = [](double d) {
    if (d == 0 || std::fabs(d) < 1e-6 || std::fabs(d) >= 1e21 || !std::isfinite(d)) return;
    ASSERT_EQ(Num(d), ShortestFixed(d)) << std::hexfloat << d;
  };
  const double scales[] = {1, 10, 100, 1000, 10000, 100000, 1e6, 1e7};
  for (int i = 0; i < 200000; ++i) {
    const double scale = scales[i % std::size(scales)];
    const uint64_t bound = (i / 8) % 3 == 0 ? 1000 : ((i / 8) % 3 == 1 ? 100000000 : 1000000000000000);
    const double m = static_cast<double>(random() % bound) * ((i & 1) ? -1 : 1);
    const double d = m / scale;
    check(d);
    check(std::nextafter(d, INFINITY));
    check(std::nextafter(d, -INFINITY));
  }
  for (int i = 0; i < 200000; ++i) {  // any double of a magnitude the short way may take
    uint64_t bits = random();
    double d;
    std::memcpy(&d, &bits, sizeof d);
    int exponent = 0;
    check(std::ldexp(std::frexp(d, &exponent), static_cast<int>(random() % 70) - 30));
  }
  for (double d : {0.1, 0.2, 0.3, 0.1 + 0.2, 1.005, 2.675, 99999999999.9999, 100000000000.5, 99999999999.99995, 1e-4,
                   1.0001, 0.00015, 12345678.9012, -0.0001, 5e-5, 1.25e-4}) {
    check(d);
    check(std::nextafter(d, INFINITY));
  }
  EXPECT_EQ(Num(3.25), "3.25");
  EXPECT_EQ(Num(-1234.5678), "-1234.5678");
  EXPECT_EQ(Num(0.0125), "0.0125");
}

// SameKey compares keys of four to eight bytes as two words: every length from 0 to 12,
// equal and differing at each position, including where the two words overlap.
TEST(JsonTest, SameKeyComparesEveryByteOfEveryLength) {
  for (size_t n = 0; n <= 12; ++n) {
    const std::string a = std::string("abcdefghijkl").substr(0, n);
    std::string b = a;  // another buffer, so that no pointer is shared
    EXPECT_TRUE(SameKey(a, b)) << n;
    for (size_t i = 0; i < n; ++i) {
      std::string c = a;
      c[i] = 'Z';
      EXPECT_FALSE(SameKey(a, c)) << n << " " << i;
      EXPECT_FALSE(SameKey(c, a)) << n << " " << i;
    }
    EXPECT_FALSE(SameKey(a, a + "x")) << n;
    EXPECT_FALSE(SameKey(a + "x", a)) << n;
  }
  // Found in objects small and large alike (Find searches the small ones itself).
  json::object small{{"abcd", 1}, {"abce", 2}, {"bbcd", 3}, {"abcdefgh", 4}, {"abcdefgi", 5}};
  EXPECT_EQ(Find(small, "abce")->as_int64(), 2);
  EXPECT_EQ(Find(small, "abcdefgi")->as_int64(), 5);
  EXPECT_EQ(Find(small, "abcdefgj"), nullptr);
  EXPECT_EQ(Find(small, "abc"), nullptr);
}

TEST(JsonTest, ParseAndSerializeRoundTrip) {
  auto v = ParseJson(R"({"a":[1,2.5,true,null],"b":"x\"y\n","c":{"d":-3}})");
  ASSERT_TRUE(v.has_value());
  EXPECT_EQ(SerializeJson(*v), R"({"a":[1,2.5,true,null],"b":"x\"y\n","c":{"d":-3}})");
  // An object is written the same without a json::value around it.
  EXPECT_EQ(SerializeJsonObject(v->get_object()), R"({"a":[1,2.5,true,null],"b":"x\"y\n","c":{"d":-3}})");
  EXPECT_EQ(SerializeJsonObject(json::object{}), "{}");
}

TEST(JsonTest, InvalidJsonIsRejected) {
  EXPECT_FALSE(ParseJson("{\"a\":").has_value());
  EXPECT_FALSE(ParseJson("").has_value());
  EXPECT_FALSE(ParseJson("{} x").has_value());
}

// JSON.parse accepts integers beyond 64 bits (as doubles) and lone surrogate escapes;
// so does ParseJson, with U+FFFD for the lone surrogate (docs/compat.md).
TEST(JsonTest, IntegersBeyond64BitsAreDoublesAsInJavaScript) {
  auto v = ParseJson(R"({"n": 123456789012345678901234567890})");
  ASSERT_TRUE(v.has_value());
  ASSERT_TRUE(v->at("n").is_double());
  EXPECT_EQ(v->at("n").get_double(), 123456789012345678901234567890.0);
  EXPECT_EQ(SerializeJson(*v), R"({"n":1.2345678901234568e+29})");
  EXPECT_EQ(SerializeJson(*ParseJson("[18446744073709551616,-9223372036854775809]")),
            "[18446744073709552000,-9223372036854776000]");
  // The 64-bit integers stay integers; fractions and exponents are untouched.
  auto in_range = ParseJson("[18446744073709551615,-9223372036854775808,1.123456789012345678901234,2e40]");
  ASSERT_TRUE(in_range.has_value());
  EXPECT_TRUE(in_range->at(0).is_uint64());
  EXPECT_TRUE(in_range->at(1).is_int64());
  EXPECT_EQ(SerializeJson(*in_range), "[18446744073709551615,-9223372036854775808,1.1234567890123457,2e+40]");
  // With a big integer and a lone surrogate in one text, both are read.
  EXPECT_EQ(SerializeJson(*ParseJson(R"({"a":"\ud800","b":99999999999999999999999})")),
            "{\"a\":\"\xEF\xBF\xBD\",\"b\":1e+23}");
}

TEST(JsonTest, LoneSurrogateEscapesBecomeTheReplacementCharacter) {
  const std::string fffd = "\xEF\xBF\xBD";
  EXPECT_EQ(ParseJson(R"("\ud800")")->get_string(), fffd);
  EXPECT_EQ(ParseJson(R"("\uDC00")")->get_string(), fffd);
  EXPECT_EQ(ParseJson(R"("x\ud800\u0041y")")->get_string(), "x" + fffd + "Ay");
  EXPECT_EQ(ParseJson(R"("\ud800\ud83d\ude00\udfff")")->get_string(), fffd + "\xF0\x9F\x98\x80" + fffd);
  // A pair stays a pair; an escaped backslash before "u" is no escape.
  EXPECT_EQ(ParseJson(R"("\ud83d\ude00")")->get_string(), "\xF0\x9F\x98\x80");
  EXPECT_EQ(ParseJson(R"("\\ud800")")->get_string(), "\\ud800");
  // Keys too.
  EXPECT_EQ(SerializeJson(*ParseJson(R"({"\udead":1})")), "{\"" + fffd + "\":1}");
}

TEST(JsonTest, TheJavaScriptReadingMakesNoInvalidTextValid) {
  EXPECT_FALSE(ParseJson(R"({"n": 123456789012345678901234567890)").has_value());
  EXPECT_FALSE(ParseJson(R"({"a":"\ud800)").has_value());
  EXPECT_FALSE(ParseJson(R"(["\ud800", 01234567890123456789012])").has_value());
  EXPECT_FALSE(ParseJson(R"(["\ud800", 123456789012345678901234567890x])").has_value());
  EXPECT_FALSE(ParseJson(R"(["\ud800", "\uZZZZ"])").has_value());
  EXPECT_FALSE(ParseJson(R"(["\ud800", -])").has_value());
  EXPECT_FALSE(ParseJson(R"(["\ud800", "\q"])").has_value());
  EXPECT_FALSE(ParseJson("[\"\\ud800\", \"\xFF\"]").has_value());
}

TEST(JsonTest, NonAsciiIsWrittenRaw) {
  json::value v = json::string("🥑 café");
  EXPECT_EQ(SerializeJson(v), "\"🥑 café\"");
}

// The escaper reads sixteen bytes at a time (eight without SSE2): first the string's copy
// in the output, past its end, then, once an escape is found, the string itself, the last
// few bytes from a padded copy. Every byte that needs escaping, at every offset of a block, in the tail
// and next to UTF-8 or other bytes from 0x80 (which a signed compare would take for
// control bytes), must still be escaped exactly as a byte-by-byte escaper does.
std::string EscapedByteByByte(std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out = "\"";
  for (unsigned char c : s) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      default:
        if (c < 0x20) {
          out += "\\u00";
          out.push_back(kHex[c >> 4]);
          out.push_back(kHex[c & 15]);
        } else {
          out.push_back(static_cast<char>(c));
        }
    }
  }
  return out + "\"";
}

TEST(JsonTest, EveryByteThatNeedsEscapingIsEscapedAtEveryOffset) {
  const std::string specials[] = {"\"",   "\\", "\n",   "\x01", "\x1f", std::string(1, '\0'),
                                  "\x7f", "é",  "\x80", "\xff", "\x20", "\x1f\x80\"\\"};
  for (size_t len = 0; len < 40; ++len) {
    for (size_t at = 0; at < len; ++at) {
      for (const std::string& special : specials) {
        std::string text(len, 'a');
        text.replace(at, 1, special);
        EXPECT_EQ(SerializeJson(json::string(text)), EscapedByteByByte(text)) << "length " << len << " at " << at;
        text += "tail~!";
        EXPECT_EQ(SerializeJson(json::string(text)), EscapedByteByByte(text)) << "length " << len << " at " << at;
      }
    }
  }
  EXPECT_EQ(SerializeJson(json::string("\x1f\x20\x21\"#[\\]")), "\"\\u001f !\\\"#[\\\\]\"");
}

// The writer grows the string as it goes (json_serialize.cc): text that escapes to six
// times its length, appended after what the string held, and a tree much larger than
// the first allocation come out whole and after the prefix.
TEST(JsonTest, WritingAppendsAndGrowsPastTheFirstAllocation) {
  std::string text;
  for (int i = 0; i < 5000; ++i) text += (i % 3 == 0) ? std::string(1, '\x01') : (i % 3 == 1 ? "\"" : "ab");
  std::string out = "prefix:";
  SerializeJsonTo(json::value(json::string(text)), out);
  EXPECT_EQ(out, "prefix:" + EscapedByteByByte(text));
  out = "[";
  SerializeJsonStringTo(text, out);
  EXPECT_EQ(out, "[" + EscapedByteByByte(text));

  json::array rows;
  std::string expected = "[";
  for (int i = 0; i < 2000; ++i) {
    rows.push_back(json::object{{"id", i}, {"name", "row " + std::to_string(i)}, {"on", i % 2 == 0}, {"x", nullptr}});
    expected += (i ? "," : "") + std::string("{\"id\":") + std::to_string(i) + ",\"name\":\"row " + std::to_string(i) +
                "\",\"on\":" + (i % 2 == 0 ? "true" : "false") + ",\"x\":null}";
  }
  expected += "]";
  EXPECT_EQ(SerializeJson(rows), expected);
  EXPECT_EQ(SerializeJsonObject(json::object{{"rows", rows}}), "{\"rows\":" + expected + "}");
}

// An object's keys are written with the punctuation around them in one piece when they
// need no escape (JsonWriter::Object): keys that do, first or later, long or empty, and
// empty objects inside come out as a byte-by-byte escaper writes them.
TEST(JsonTest, ObjectKeysAreEscapedWhereverTheyStand) {
  const std::string keys[] = {
      "", "a", "\"first\"", "line\nbreak", std::string(40, 'k'), std::string(31, 'k') + "\x01", "café", "\\"};
  for (size_t first = 0; first < std::size(keys); ++first) {
    json::object o;
    o[keys[first]] = json::object{};
    std::string expected = "{" + EscapedByteByByte(keys[first]) + ":{}";
    for (size_t i = 0; i < std::size(keys); ++i) {
      if (i == first) continue;
      o[keys[i]] = json::object{{keys[i], static_cast<int64_t>(i)}};
      expected += "," + EscapedByteByByte(keys[i]) + ":{" + EscapedByteByByte(keys[i]) + ":" + std::to_string(i) + "}";
    }
    expected += "}";
    EXPECT_EQ(SerializeJson(o), expected) << "first key " << first;
  }
  EXPECT_EQ(SerializeJson(json::object{}), "{}");
}

TEST(JsonTest, ARepeatedKeyKeepsItsLastValueAsJsonParseDoes) {
  std::optional<json::value> v = ParseJson(R"({"a":1,"b":[1,2,3],"a":{"c":2}})");
  ASSERT_TRUE(v.has_value());
  EXPECT_EQ(SerializeJson(*v), R"({"a":{"c":2},"b":[1,2,3]})");
}

// Past 18 members Boost.JSON keeps an object's keys in a hash table: the repeated key
// keeps its last value there too, at the place of its first.
TEST(JsonTest, ARepeatedKeyInALargeObjectKeepsItsLastValue) {
  std::string text = "{";
  std::string expected = "{";
  for (int i = 0; i < 30; ++i) {
    text += "\"k" + std::to_string(i) + "\":" + std::to_string(i) + ",";
    expected +=
        std::string(i ? "," : "") + "\"k" + std::to_string(i) + "\":" + (i == 5 ? "\"last\"" : std::to_string(i));
  }
  text += R"("k5":"last"})";
  expected += "}";
  std::optional<json::value> v = ParseJson(text);
  ASSERT_TRUE(v.has_value());
  EXPECT_EQ(SerializeJson(*v), expected);
  EXPECT_EQ(v->as_object().size(), 30u);
}

TEST(JsonTest, FindReturnsTheMemberOfThatExactKeyInSmallAndLargeObjects) {
  json::object small{{"abcd", 1}, {"abce", 2}, {"abc", 3}, {"xbcd", 4}, {"", 5}};
  small[std::string_view("ab\0d", 4)] = 6;  // a key with a NUL inside
  ASSERT_NE(Find(small, "abcd"), nullptr);
  EXPECT_EQ(Find(small, "abcd")->as_int64(), 1);
  EXPECT_EQ(Find(small, "abce")->as_int64(), 2);
  EXPECT_EQ(Find(small, "abc")->as_int64(), 3);
  EXPECT_EQ(Find(small, "xbcd")->as_int64(), 4);
  EXPECT_EQ(Find(small, "")->as_int64(), 5);
  EXPECT_EQ(Find(small, std::string_view("ab\0d", 4))->as_int64(), 6);
  EXPECT_EQ(Find(small, "abcf"), nullptr);
  EXPECT_EQ(Find(small, "ab"), nullptr);
  EXPECT_EQ(Find(small, "abcde"), nullptr);
  EXPECT_EQ(Find(small, "Abcd"), nullptr);
  EXPECT_EQ(Find(json::object{}, "abcd"), nullptr);
  // Past Boost's small objects (18 members), its hash answers.
  json::object large;
  for (int i = 0; i < 40; ++i) large["k" + std::to_string(i)] = i;
  EXPECT_EQ(Find(large, "k0")->as_int64(), 0);
  EXPECT_EQ(Find(large, "k39")->as_int64(), 39);
  EXPECT_EQ(Find(large, "k40"), nullptr);
  EXPECT_EQ(Find(large, ""), nullptr);
}

}  // namespace
}  // namespace localnotion
