#include "common/json.h"

#include <gtest/gtest.h>

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
}

TEST(JsonTest, ParseAndSerializeRoundTrip) {
  auto v = ParseJson(R"({"a":[1,2.5,true,null],"b":"x\"y\n","c":{"d":-3}})");
  ASSERT_TRUE(v.has_value());
  EXPECT_EQ(SerializeJson(*v), R"({"a":[1,2.5,true,null],"b":"x\"y\n","c":{"d":-3}})");
}

TEST(JsonTest, InvalidJsonIsRejected) {
  EXPECT_FALSE(ParseJson("{\"a\":").has_value());
  EXPECT_FALSE(ParseJson("").has_value());
  EXPECT_FALSE(ParseJson("{} x").has_value());
}

TEST(JsonTest, NonAsciiIsWrittenRaw) {
  json::value v = json::string("🥑 café");
  EXPECT_EQ(SerializeJson(v), "\"🥑 café\"");
}

}  // namespace
}  // namespace localnotion
