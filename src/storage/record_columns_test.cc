// NormalizeAsStored makes a value what writing it to a JSON column and reading it back
// gives (record_columns.h): each case is compared with the real round trip, kind and all.
#include "storage/record_columns.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <string>

#include "common/json.h"

namespace localnotion::storage {
namespace {

json::value RoundTrip(const json::value& v) {
  Result<json::value> read = ParseStoredJson(SerializeJson(v));
  EXPECT_TRUE(read.ok());
  return read.ok() ? std::move(*read) : json::value();
}

void ExpectAsStored(const json::value& original) {
  json::value normalized = original;
  NormalizeAsStored(normalized);
  const json::value read = RoundTrip(original);
  EXPECT_EQ(normalized, read) << SerializeJson(original);
  EXPECT_EQ(normalized.kind(), read.kind()) << SerializeJson(original);
  if (normalized.is_array()) {
    for (size_t i = 0; i < read.get_array().size(); ++i) {
      EXPECT_EQ(normalized.get_array()[i].kind(), read.get_array()[i].kind()) << SerializeJson(original) << " at " << i;
    }
  }
}

TEST(NormalizeAsStored, NumbersReadBackAsTheStoreReadsThem) {
  const double inf = std::numeric_limits<double>::infinity();
  const json::array cases{5.0,
                          -3.0,
                          0.0,
                          -0.0,
                          5.25,
                          1e-7,
                          0.1,
                          1e20,
                          1e21,
                          123456789012345678.0,
                          9223372036854775807.0,   // 2^63: past int64, a uint64 as written
                          18446744073709551616.0,  // 2^64: past uint64, a double again
                          -9223372036854775808.0,
                          -1e19,
                          inf,
                          -inf,
                          std::nan(""),
                          json::value(std::numeric_limits<uint64_t>::max()),
                          json::value(uint64_t{7}),
                          json::value(std::numeric_limits<int64_t>::min()),
                          json::value(int64_t{42})};
  for (const json::value& v : cases) ExpectAsStored(v);
  json::value whole(5.0);
  NormalizeAsStored(whole);
  EXPECT_TRUE(whole.is_int64());
  json::value big(18446744073709551616.0);
  NormalizeAsStored(big);
  EXPECT_TRUE(big.is_double());
}

TEST(NormalizeAsStored, ContainersAreNormalizedThroughout) {
  json::value nested = json::object{{"number", 2.0},
                                    {"list", json::array{1.0, 2.5, json::object{{"deep", 3.0}}, "text", nullptr, true}},
                                    {"name", "x"}};
  ExpectAsStored(nested);
  NormalizeAsStored(nested);
  EXPECT_TRUE(nested.at("number").is_int64());
  EXPECT_TRUE(nested.at("list").at(0).is_int64());
  EXPECT_TRUE(nested.at("list").at(1).is_double());
  EXPECT_TRUE(nested.at("list").at(2).at("deep").is_int64());
  json::object o{{"a", 1.0}, {"b", "1.0"}};
  NormalizeAsStored(o);
  EXPECT_TRUE(o.at("a").is_int64());
  EXPECT_TRUE(o.at("b").is_string());
}

}  // namespace
}  // namespace localnotion::storage
