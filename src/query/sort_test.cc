// Sorts: each type's order, several keys, empty values, ties, and the error messages.
#include <gtest/gtest.h>

#include <algorithm>
#include <fmt/format.h>

#include "query/query_test_util.h"
#include "query/sort.h"

namespace localnotion::query {
namespace {

using namespace testing;  // NOLINT

class SortTest : public ::testing::Test {
 protected:
  schema::Schema schema_ = TestSchema();

  // Sorts `pages` (named by their title) with `sorts` and returns the titles in order,
  // joined by spaces. Checks that KeyOf/KeyLess give the same order as Less.
  std::string Order(std::string_view sorts, std::vector<Page> pages) {
    auto s = ParseSorts(J(sorts), schema_);
    EXPECT_TRUE(s.ok()) << sorts << ": " << (s.ok() ? "" : s.error().message);
    if (!s.ok()) return "";
    std::vector<const Page*> by_less, by_key;
    for (const auto& p : pages) by_less.push_back(&p);
    by_key = by_less;
    std::stable_sort(by_less.begin(), by_less.end(),
                     [&](const Page* a, const Page* b) { return Less(**s, a->facts(), b->facts()); });
    std::vector<std::pair<SortKey, const Page*>> keyed;
    for (const Page* p : by_key) keyed.emplace_back(KeyOf(**s, p->facts()), p);
    std::stable_sort(keyed.begin(), keyed.end(),
                     [&](const auto& a, const auto& b) { return KeyLess(**s, a.first, b.first); });
    auto names = [](auto begin, auto end, auto get) {
      std::string out;
      for (auto it = begin; it != end; ++it) {
        if (!out.empty()) out += ' ';
        out += TextOf(Find(*get(*it)->facts().values, "title"));
      }
      return out;
    };
    std::string a = names(by_less.begin(), by_less.end(), [](const Page* p) { return p; });
    std::string b = names(keyed.begin(), keyed.end(), [](const auto& k) { return k.second; });
    EXPECT_EQ(a, b) << "KeyLess and Less disagree";
    return a;
  }
  std::string Err(std::string_view sorts) {
    auto s = ParseSorts(J(sorts), schema_);
    if (s.ok()) return "accepted";
    EXPECT_EQ(s.error().code, ErrorCode::kValidationError);
    return s.error().message;
  }
  static Page Named(std::string_view name) {
    Page p;
    p.Title(name);
    return p;
  }
};

TEST_F(SortTest, NumbersWithEmptiesLastBothWays) {
  std::vector<Page> pages{Named("a"), Named("b"), Named("c"), Named("d")};
  pages[0].Count(3);
  pages[1].Count(nullptr);
  pages[2].Count(-1.5);
  pages[3].Count(10);
  EXPECT_EQ(Order(R"([{"property":"Count","direction":"ascending"}])", pages), "c a d b");
  EXPECT_EQ(Order(R"([{"property":"Count","direction":"descending"}])", pages), "d a c b");
  EXPECT_EQ(Order(R"([{"property":"numb","direction":"ascending"}])", pages), "c a d b");  // by id
}

TEST_F(SortTest, TextIgnoresCaseAndKeepsEmptiesLast) {
  std::vector<Page> pages{Named("banana"), Named(""), Named("Apple"), Named("cherry"), Named("apple")};
  EXPECT_EQ(Order(R"([{"property":"Name","direction":"ascending"}])", pages), "Apple apple banana cherry ");
  EXPECT_EQ(Order(R"([{"property":"Name","direction":"descending"}])", pages), "cherry banana apple Apple ");
}

TEST_F(SortTest, SeveralKeysEarlierFirst) {
  std::vector<Page> pages{Named("a"), Named("b"), Named("c"), Named("d"), Named("e")};
  pages[0].Kind("o2", "Feature").Count(1);
  pages[1].Kind("o1", "Bug").Count(2);
  pages[2].Kind("o2", "Feature").Count(5);
  pages[3].Kind("o1", "Bug").Count(1);
  pages[4].NoKind().Count(9);
  // Select sorts by option order in the schema (Bug, Feature, Chore), not by name.
  EXPECT_EQ(Order(R"([{"property":"Kind","direction":"ascending"},{"property":"Count","direction":"descending"}])",
                  pages),
            "b d c a e");
  EXPECT_EQ(Order(R"([{"property":"Kind","direction":"descending"},{"property":"Count","direction":"ascending"}])",
                  pages),
            "a c d b e");
  EXPECT_EQ(Order(R"([{"property":"Count","direction":"ascending"},{"property":"Kind","direction":"ascending"}])",
                  pages),
            "d a b c e");
}

TEST_F(SortTest, TiesKeepInputOrder) {
  std::vector<Page> pages{Named("x"), Named("y"), Named("z")};
  for (auto& p : pages) p.Count(1);
  EXPECT_EQ(Order(R"([{"property":"Count","direction":"ascending"}])", pages), "x y z");
  EXPECT_EQ(Order(R"([{"property":"Count","direction":"descending"}])", pages), "x y z");
  EXPECT_EQ(Order(R"([])", pages), "x y z");
}

TEST_F(SortTest, Timestamps) {
  std::vector<Page> pages{Named("a"), Named("b"), Named("c")};
  pages[0].created_time = Ms("2024-01-02T00:00:00Z");
  pages[1].created_time = Ms("2024-01-01T00:00:00.001Z");
  pages[2].created_time = Ms("2024-01-01T00:00:00Z");
  pages[0].last_edited_time = Ms("2024-03-01T00:00:00Z");
  pages[1].last_edited_time = Ms("2024-02-01T00:00:00Z");
  pages[2].last_edited_time = Ms("2024-04-01T00:00:00Z");
  EXPECT_EQ(Order(R"([{"timestamp":"created_time","direction":"ascending"}])", pages), "c b a");
  EXPECT_EQ(Order(R"([{"timestamp":"last_edited_time","direction":"descending"}])", pages), "c a b");
  EXPECT_EQ(Order(R"([{"property":"Created","direction":"descending"}])", pages), "a b c");
  EXPECT_EQ(Order(R"([{"property":"Edited","direction":"ascending"}])", pages), "b a c");
}

TEST_F(SortTest, Dates) {
  std::vector<Page> pages{Named("a"), Named("b"), Named("c"), Named("d")};
  pages[0].Due("2024-05-02");
  pages[1].Due("2024-05-01T23:00:00.000-02:00");  // 2 May 01:00 UTC
  pages[2].NoDue();
  pages[3].Due("2023-12-31");
  EXPECT_EQ(Order(R"([{"property":"Due","direction":"ascending"}])", pages), "d a b c");
  EXPECT_EQ(Order(R"([{"property":"Due","direction":"descending"}])", pages), "b a d c");
}

TEST_F(SortTest, CheckboxStatusMultiSelect) {
  std::vector<Page> pages{Named("a"), Named("b"), Named("c")};
  pages[0].Done(true).State("s3", "Done").Tags({{"t2", "green"}});
  pages[1].Done(false).State("s1", "Not started").Tags({{"t1", "red"}, {"t3", "blue"}});
  pages[2].State("s2", "In progress").Tags({});
  EXPECT_EQ(Order(R"([{"property":"Done","direction":"ascending"}])", pages), "b c a");
  EXPECT_EQ(Order(R"([{"property":"State","direction":"ascending"}])", pages), "b c a");
  EXPECT_EQ(Order(R"([{"property":"State","direction":"descending"}])", pages), "a c b");
  EXPECT_EQ(Order(R"([{"property":"Tags","direction":"ascending"}])", pages), "b a c");
}

TEST_F(SortTest, PeopleFilesRelationUrl) {
  std::vector<Page> pages{Named("a"), Named("b"), Named("c")};
  pages[0].Owners({{kUserA, "Zed"}}).Files({"b.pdf"}).Related({kPage2}).Link("https://b");
  pages[1].Owners({{kUserB, "amy"}}).Files({"A.pdf"}).Related({kPage1}).Link("https://a");
  pages[2].Owners({}).Files({}).Related({}).Link(nullptr);
  EXPECT_EQ(Order(R"([{"property":"Owner","direction":"ascending"}])", pages), "b a c");
  EXPECT_EQ(Order(R"([{"property":"Files","direction":"ascending"}])", pages), "b a c");
  EXPECT_EQ(Order(R"([{"property":"Related","direction":"ascending"}])", pages), "b a c");
  EXPECT_EQ(Order(R"([{"property":"Link","direction":"descending"}])", pages), "a b c");
}

TEST_F(SortTest, FormulaRollupUniqueId) {
  std::vector<Page> pages{Named("a"), Named("b"), Named("c")};
  pages[0].Formula(R"({"type":"number","number":2})").Rollup(R"({"type":"number","number":5,"function":"sum"})").Uid(3);
  pages[1].Formula(R"({"type":"number","number":1})").Rollup(R"({"type":"number","number":null,"function":"max"})").Uid(1);
  pages[2].Formula(R"({"type":"number","number":null})").Rollup(R"({"type":"number","number":4,"function":"sum"})").Uid(2);
  EXPECT_EQ(Order(R"([{"property":"F","direction":"ascending"}])", pages), "b a c");
  EXPECT_EQ(Order(R"([{"property":"R","direction":"descending"}])", pages), "a c b");
  EXPECT_EQ(Order(R"([{"property":"ID","direction":"descending"}])", pages), "a c b");

  std::vector<Page> arrays{Named("x"), Named("y"), Named("z")};
  arrays[0].Rollup(R"({"type":"array","function":"show_original","array":[{"type":"number","number":7}]})");
  arrays[1].Rollup(R"({"type":"array","function":"show_original","array":[]})");
  arrays[2].Rollup(R"({"type":"array","function":"show_original","array":[{"type":"number","number":3}]})");
  EXPECT_EQ(Order(R"([{"property":"R","direction":"ascending"}])", arrays), "z x y");
}

TEST_F(SortTest, CreatedBySortsByName) {
  std::vector<Page> pages{Named("a"), Named("b")};
  pages[0].Set("cby1", "created_by", User(kUserA, "Zoe"));
  pages[1].Set("cby1", "created_by", User(kUserB, "Adam"));
  EXPECT_EQ(Order(R"([{"property":"Creator","direction":"ascending"}])", pages), "b a");
}

TEST_F(SortTest, Errors) {
  EXPECT_EQ(Err(R"([{"property":"Nope","direction":"ascending"}])"),
            "Could not find sort property with name or id: Nope");
  EXPECT_EQ(Err(R"({"property":"Name","direction":"ascending"})"),
            "body failed validation: body.sorts should be an array, instead was "
            "`{\"property\":\"Name\",\"direction\":\"ascending\"}`.");
  EXPECT_EQ(Err(R"([{"property":"Name","direction":"ascending"},"Count"])"),
            "body failed validation: body.sorts[1] should be an object, instead was `\"Count\"`.");
  EXPECT_EQ(Err(R"([{"property":"Name"}])"),
            "body failed validation: body.sorts[0].direction should be defined, instead was `undefined`.");
  EXPECT_EQ(Err(R"([{"property":"Name","direction":"up"}])"),
            "body failed validation: body.sorts[0].direction should be `\"ascending\"` or `\"descending\"`, instead "
            "was `\"up\"`.");
  EXPECT_EQ(Err(R"([{"timestamp":"updated_time","direction":"ascending"}])"),
            "body failed validation: body.sorts[0].timestamp should be `\"created_time\"` or `\"last_edited_time\"`, "
            "instead was `\"updated_time\"`.");
  EXPECT_EQ(Err(R"([{"property":7,"direction":"ascending"}])"),
            "body failed validation: body.sorts[0].property should be a string, instead was `7`.");
  EXPECT_EQ(Err(R"([{"direction":"ascending"}])"),
            "body failed validation. Fix one:\n"
            "body.sorts[0].property should be defined, instead was `undefined`.\n"
            "body.sorts[0].timestamp should be defined, instead was `undefined`.");
  // The grammar of every entry is checked before property names.
  EXPECT_EQ(Err(R"([{"property":"Nope","direction":"ascending"},{"property":"Name","direction":"down"}])"),
            "body failed validation: body.sorts[1].direction should be `\"ascending\"` or `\"descending\"`, instead "
            "was `\"down\"`.");
}

}  // namespace
}  // namespace localnotion::query
