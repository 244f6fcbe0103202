// schema::ComputeRollup over hand-built rendered values ({"id","type","<type>": ...}, as
// the service renders the related pages' properties): every function of the reference,
// on numbers, checkboxes, texts, options, dates and nested computed values, with empty
// input, compared as exact JSON text.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "common/json.h"
#include "schema/properties/computed.h"
#include "testing/json.h"

namespace localnotion::schema {
namespace {

using testing::J;

// Rendered values of the rolled-up property, one per related page.
json::value Num(std::string_view n) { return J(R"({"id":"n%3A1","type":"number","number":)" + std::string(n) + "}"); }
json::value Check(bool b) { return J(std::string(R"({"id":"c","type":"checkbox","checkbox":)") + (b ? "true" : "false") + "}"); }
json::value Title(std::string_view text) {
  if (text.empty()) return J(R"({"id":"title","type":"title","title":[]})");
  std::string t(text);
  return J(R"({"id":"title","type":"title","title":[{"type":"text","text":{"content":")" + t +
           R"(","link":null},"annotations":{"bold":false,"italic":false,"strikethrough":false,"underline":false,)"
           R"("code":false,"color":"default"},"plain_text":")" + t + R"(","href":null}]})");
}
json::value Multi(std::string_view names_json) {
  return J(R"({"id":"m","type":"multi_select","multi_select":)" + std::string(names_json) + "}");
}
json::value Date(std::string_view start, std::string_view end = "") {
  std::string e = end.empty() ? "null" : "\"" + std::string(end) + "\"";
  return J(R"({"id":"d","type":"date","date":{"start":")" + std::string(start) + R"(","end":)" + e +
           R"(,"time_zone":null}})");
}
json::value NoDate() { return J(R"({"id":"d","type":"date","date":null})"); }

std::string Roll(std::string_view function, const std::vector<json::value>& values) {
  json::object config{{"relation_property_name", "Rel"}, {"relation_property_id", "r"},
                      {"rollup_property_name", "P"},     {"rollup_property_id", "p"},
                      {"function", function}};
  return SerializeJson(ComputeRollup(config, values));
}

std::string NumberResult(std::string_view function, std::string_view n) {
  return R"({"type":"number","number":)" + std::string(n) + R"(,"function":")" + std::string(function) + "\"}";
}

std::string DateResult(std::string_view function, std::string_view date) {
  return R"({"type":"date","date":)" + std::string(date) + R"(,"function":")" + std::string(function) + "\"}";
}

// ---------------------------------------------------------------- counting

TEST(RollupCompute, CountCountsRelatedPagesEmptyOrNot) {
  std::vector<json::value> v = {Num("1"), Num("null"), Num("2.5"), Num("4")};
  EXPECT_EQ(Roll("count", v), NumberResult("count", "4"));
  EXPECT_EQ(Roll("count", {}), NumberResult("count", "0"));
}

TEST(RollupCompute, MissingFunctionMeansCount) {
  json::object config{{"relation_property_id", "r"}, {"rollup_property_id", "p"}};
  EXPECT_EQ(SerializeJson(ComputeRollup(config, {Num("1"), Num("2")})), NumberResult("count", "2"));
}

TEST(RollupCompute, CountValuesCountsEveryValueOfListTypes) {
  std::vector<json::value> v = {Multi(R"([{"id":"a","name":"Red","color":"red"},{"id":"b","name":"Blue","color":"blue"}])"),
                                Multi(R"([{"id":"a","name":"Red","color":"red"}])"), Multi("[]")};
  EXPECT_EQ(Roll("count_values", v), NumberResult("count_values", "3"));
  EXPECT_EQ(Roll("count_values", {Num("1"), Num("null"), Num("0")}), NumberResult("count_values", "2"));
  EXPECT_EQ(Roll("count_values", {}), NumberResult("count_values", "0"));
}

TEST(RollupCompute, EmptyAndNotEmptyCountPages) {
  std::vector<json::value> v = {Title("a"), Title(""), Num("null"), Multi("[]"), Num("0"), NoDate()};
  EXPECT_EQ(Roll("empty", v), NumberResult("empty", "4"));
  EXPECT_EQ(Roll("not_empty", v), NumberResult("not_empty", "2"));
  EXPECT_EQ(Roll("empty", {}), NumberResult("empty", "0"));
  EXPECT_EQ(Roll("not_empty", {}), NumberResult("not_empty", "0"));
}

TEST(RollupCompute, UniqueCountsDistinctValues) {
  EXPECT_EQ(Roll("unique", {Title("a"), Title("b"), Title("a"), Title("")}), NumberResult("unique", "2"));
  EXPECT_EQ(Roll("unique", {Num("1"), Num("2"), Num("1"), Num("null")}), NumberResult("unique", "2"));
  std::vector<json::value> options = {
      Multi(R"([{"id":"a","name":"Red","color":"red"},{"id":"b","name":"Blue","color":"blue"}])"),
      Multi(R"([{"id":"a","name":"Red","color":"red"}])")};
  EXPECT_EQ(Roll("unique", options), NumberResult("unique", "2"));
  EXPECT_EQ(Roll("unique", {}), NumberResult("unique", "0"));
}

TEST(RollupCompute, PercentEmptyAndNotEmptyAreFractionsOfPages) {
  std::vector<json::value> quarter = {Num("1"), Num("null"), Num("2"), Num("3")};
  EXPECT_EQ(Roll("percent_empty", quarter), NumberResult("percent_empty", "0.25"));
  EXPECT_EQ(Roll("percent_not_empty", quarter), NumberResult("percent_not_empty", "0.75"));
  std::vector<json::value> third = {Title("x"), Title(""), Title("y")};
  EXPECT_EQ(Roll("percent_empty", third), NumberResult("percent_empty", "0.3333333333333333"));
  EXPECT_EQ(Roll("percent_not_empty", third), NumberResult("percent_not_empty", "0.6666666666666666"));
  EXPECT_EQ(Roll("percent_empty", {Num("null")}), NumberResult("percent_empty", "1"));
  EXPECT_EQ(Roll("percent_empty", {}), NumberResult("percent_empty", "0"));
  EXPECT_EQ(Roll("percent_not_empty", {}), NumberResult("percent_not_empty", "0"));
}

TEST(RollupCompute, CheckedUncheckedAndTheirPercentages) {
  std::vector<json::value> v = {Check(true), Check(false), Check(true)};
  EXPECT_EQ(Roll("checked", v), NumberResult("checked", "2"));
  EXPECT_EQ(Roll("unchecked", v), NumberResult("unchecked", "1"));
  EXPECT_EQ(Roll("percent_checked", v), NumberResult("percent_checked", "0.6666666666666666"));
  EXPECT_EQ(Roll("percent_unchecked", v), NumberResult("percent_unchecked", "0.3333333333333333"));
  EXPECT_EQ(Roll("percent_checked", {Check(true), Check(true)}), NumberResult("percent_checked", "1"));
  EXPECT_EQ(Roll("checked", {}), NumberResult("checked", "0"));
  EXPECT_EQ(Roll("unchecked", {}), NumberResult("unchecked", "0"));
  EXPECT_EQ(Roll("percent_checked", {}), NumberResult("percent_checked", "0"));
  EXPECT_EQ(Roll("percent_unchecked", {}), NumberResult("percent_unchecked", "0"));
}

// ---------------------------------------------------------------- numbers

TEST(RollupCompute, SumAverageMedianMinMaxRangeSkipEmptyNumbers) {
  std::vector<json::value> v = {Num("4"), Num("null"), Num("1"), Num("2.5")};
  EXPECT_EQ(Roll("sum", v), NumberResult("sum", "7.5"));
  EXPECT_EQ(Roll("average", v), NumberResult("average", "2.5"));
  EXPECT_EQ(Roll("median", v), NumberResult("median", "2.5"));
  EXPECT_EQ(Roll("min", v), NumberResult("min", "1"));
  EXPECT_EQ(Roll("max", v), NumberResult("max", "4"));
  EXPECT_EQ(Roll("range", v), NumberResult("range", "3"));
}

TEST(RollupCompute, MedianOfAnEvenCountIsTheMeanOfTheMiddleTwo) {
  EXPECT_EQ(Roll("median", {Num("10"), Num("1"), Num("4"), Num("2")}), NumberResult("median", "3"));
  EXPECT_EQ(Roll("median", {Num("1"), Num("2")}), NumberResult("median", "1.5"));
  EXPECT_EQ(Roll("median", {Num("7")}), NumberResult("median", "7"));
}

TEST(RollupCompute, AverageIsWrittenAsJavaScriptWritesIt) {
  EXPECT_EQ(Roll("average", {Num("1"), Num("2"), Num("4")}), NumberResult("average", "2.3333333333333335"));
  EXPECT_EQ(Roll("sum", {Num("0.1"), Num("0.2")}), NumberResult("sum", "0.30000000000000004"));
  EXPECT_EQ(Roll("range", {Num("-3"), Num("2")}), NumberResult("range", "5"));
  EXPECT_EQ(Roll("min", {Num("-3"), Num("2")}), NumberResult("min", "-3"));
}

TEST(RollupCompute, NumberFunctionsOverNothingAreZeroForSumAndNullOtherwise) {
  for (const std::vector<json::value>& input : {std::vector<json::value>{}, std::vector<json::value>{Num("null")}}) {
    EXPECT_EQ(Roll("sum", input), NumberResult("sum", "0"));
    EXPECT_EQ(Roll("average", input), NumberResult("average", "null"));
    EXPECT_EQ(Roll("median", input), NumberResult("median", "null"));
    EXPECT_EQ(Roll("min", input), NumberResult("min", "null"));
    EXPECT_EQ(Roll("max", input), NumberResult("max", "null"));
    EXPECT_EQ(Roll("range", input), NumberResult("range", "null"));
  }
}

TEST(RollupCompute, NumbersOfFormulasRollupsAndUniqueIdsCount) {
  std::vector<json::value> v = {J(R"({"id":"f","type":"formula","formula":{"type":"number","number":3}})"),
                                J(R"({"id":"u","type":"unique_id","unique_id":{"prefix":"T","number":4}})"),
                                J(R"({"id":"r","type":"rollup","rollup":{"type":"number","number":2,"function":"sum"}})"),
                                J(R"({"id":"f","type":"formula","formula":{"type":"string","string":"9"}})")};
  EXPECT_EQ(Roll("sum", v), NumberResult("sum", "9"));
  EXPECT_EQ(Roll("max", v), NumberResult("max", "4"));
  // A formula that gives "" is empty; one that gives a string is not.
  std::vector<json::value> strings = {J(R"({"id":"f","type":"formula","formula":{"type":"string","string":""}})"),
                                      J(R"({"id":"f","type":"formula","formula":{"type":"string","string":"x"}})")};
  EXPECT_EQ(Roll("empty", strings), NumberResult("empty", "1"));
  EXPECT_EQ(Roll("count_values", strings), NumberResult("count_values", "1"));
}

// ---------------------------------------------------------------- dates

TEST(RollupCompute, EarliestLatestAndRangeOfDatesIncludingEnds) {
  std::vector<json::value> v = {Date("2024-03-01"), NoDate(), Date("2024-01-15", "2024-05-02"), Date("2024-02-10")};
  EXPECT_EQ(Roll("earliest_date", v),
            DateResult("earliest_date", R"({"start":"2024-01-15","end":null,"time_zone":null})"));
  EXPECT_EQ(Roll("latest_date", v), DateResult("latest_date", R"({"start":"2024-05-02","end":null,"time_zone":null})"));
  EXPECT_EQ(Roll("date_range", v),
            DateResult("date_range", R"({"start":"2024-01-15","end":"2024-05-02","time_zone":null})"));
}

TEST(RollupCompute, DatesOfCreatedTimeAndDateFormulas) {
  std::vector<json::value> v = {
      J(R"({"id":"ct","type":"created_time","created_time":"2023-06-01T10:00:00.000Z"})"),
      J(R"({"id":"f","type":"formula","formula":{"type":"date","date":{"start":"2023-05-01T09:00:00.000Z","end":null,"time_zone":null}}})")};
  EXPECT_EQ(Roll("date_range", v),
            DateResult("date_range",
                       R"({"start":"2023-05-01T09:00:00.000Z","end":"2023-06-01T10:00:00.000Z","time_zone":null})"));
}

TEST(RollupCompute, DateFunctionsOverNothingAreNull) {
  for (const std::vector<json::value>& input : {std::vector<json::value>{}, std::vector<json::value>{NoDate()}}) {
    EXPECT_EQ(Roll("earliest_date", input), DateResult("earliest_date", "null"));
    EXPECT_EQ(Roll("latest_date", input), DateResult("latest_date", "null"));
    EXPECT_EQ(Roll("date_range", input), DateResult("date_range", "null"));
  }
}

// Stored date-times keep the offset they were written with (date.cc), so two values can
// be in different offsets: 01:00+05:00 on the 2nd is 20:00 UTC on the 1st, two hours
// before 22:00+00:00 on the 1st.
TEST(RollupCompute, DatesInDifferentOffsetsCompareAsInstants) {
  std::vector<json::value> v = {Date("2024-01-01T22:00:00.000+00:00"), Date("2024-01-02T01:00:00.000+05:00")};
  EXPECT_EQ(Roll("earliest_date", v),
            DateResult("earliest_date", R"({"start":"2024-01-02T01:00:00.000+05:00","end":null,"time_zone":null})"));
  EXPECT_EQ(Roll("latest_date", v),
            DateResult("latest_date", R"({"start":"2024-01-01T22:00:00.000+00:00","end":null,"time_zone":null})"));
}

// ---------------------------------------------------------------- the values themselves

// The content of show_original / show_unique, compared as JSON values (key order aside;
// ShownValuesWriteTypeFirst checks the order).
json::value RollValue(std::string_view function, const std::vector<json::value>& values) {
  json::object config{{"relation_property_id", "r"}, {"rollup_property_id", "p"}, {"function", function}};
  return ComputeRollup(config, values);
}

TEST(RollupCompute, ShowOriginalListsEveryValueWithoutItsId) {
  std::vector<json::value> v = {Num("1"), Num("null"), Num("1")};
  EXPECT_EQ(RollValue("show_original", v),
            J(R"({"type":"array","array":[{"type":"number","number":1},{"type":"number","number":null},)"
              R"({"type":"number","number":1}],"function":"show_original"})"))
      << Roll("show_original", v);
  // A rolled-up relation loses has_more too.
  std::vector<json::value> rel = {J(R"({"id":"r","type":"relation","relation":[{"id":"p1"}],"has_more":false})")};
  EXPECT_EQ(RollValue("show_original", rel),
            J(R"({"type":"array","array":[{"type":"relation","relation":[{"id":"p1"}]}],"function":"show_original"})"))
      << Roll("show_original", rel);
  EXPECT_EQ(Roll("show_original", {}), R"({"type":"array","array":[],"function":"show_original"})");
}

TEST(RollupCompute, ShowUniqueDropsRepeatedValuesKeepingTheFirst) {
  std::vector<json::value> v = {Num("2"), Num("1"), Num("2"), Num("null"), Num("1")};
  EXPECT_EQ(RollValue("show_unique", v),
            J(R"({"type":"array","array":[{"type":"number","number":2},{"type":"number","number":1},)"
              R"({"type":"number","number":null}],"function":"show_unique"})"))
      << Roll("show_unique", v);
  EXPECT_EQ(Roll("show_unique", {}), R"({"type":"array","array":[],"function":"show_unique"})");
}

// Notion writes "type" before the value in every property value, and so does the rest
// of localnotion; a shown value must not come out as {"number":1,"type":"number"}.
TEST(RollupCompute, ShownValuesWriteTypeFirst) {
  EXPECT_EQ(Roll("show_original", {Num("1")}),
            R"({"type":"array","array":[{"type":"number","number":1}],"function":"show_original"})");
  EXPECT_EQ(Roll("show_unique", {Check(true), Check(true)}),
            R"({"type":"array","array":[{"type":"checkbox","checkbox":true}],"function":"show_unique"})");
}

TEST(RollupCompute, PerGroupFunctionsAreUnsupported) {
  EXPECT_EQ(Roll("count_per_group", {Num("1")}),
            R"({"type":"unsupported","unsupported":{},"function":"count_per_group"})");
  EXPECT_EQ(Roll("percent_per_group", {}),
            R"({"type":"unsupported","unsupported":{},"function":"percent_per_group"})");
}

}  // namespace
}  // namespace localnotion::schema
