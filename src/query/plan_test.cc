// PlanQuery: which filters and sorts go to storage, and what they become.
#include "query/plan.h"

#include <gtest/gtest.h>

#include "testing/json.h"

namespace localnotion::query {
namespace {

using Op = ScanTerm::Op;
using ::localnotion::testing::J;

schema::Schema TestSchema() {
  schema::Schema s;
  s.push_back(schema::PropertyDef{"title", "Name", "title", json::object{}});
  s.push_back(schema::PropertyDef{"qty", "Qty", "number", json::object{}});
  s.push_back(schema::PropertyDef{"box", "Done", "checkbox", json::object{}});
  s.push_back(schema::PropertyDef{
      "kind", "Kind", "select",
      J(R"({"options":[{"id":"o-a","name":"A"},{"id":"o-b","name":"B"}]})").as_object()});
  s.push_back(schema::PropertyDef{"made", "Made", "created_time", json::object{}});
  s.push_back(schema::PropertyDef{"site", "Site", "url", json::object{}});
  s.push_back(schema::PropertyDef{"calc", "Calc", "formula", J(R"({"expression":"\"abc\""})").as_object()});
  s.push_back(schema::PropertyDef{"bad", "Quote", "number", json::object{}});
  s.back().id = "a\"b";
  return s;
}

// Plans a filter and sorts the way the service does: parsed first, then translated.
QueryPlan Plan(std::string_view filter, std::string_view sorts = "") {
  static const schema::Schema schema = TestSchema();
  std::shared_ptr<const Filter> f;
  std::shared_ptr<const Sorter> s;
  if (!filter.empty()) {
    auto parsed = ParseFilter(J(filter), schema);
    EXPECT_TRUE(parsed.ok()) << filter;
    if (parsed.ok()) f = *parsed;
  }
  if (!sorts.empty()) {
    auto parsed = ParseSorts(J(sorts), schema);
    EXPECT_TRUE(parsed.ok()) << sorts;
    if (parsed.ok()) s = *parsed;
  }
  return PlanQuery(f.get(), s.get(), schema);
}

TEST(QueryPlanTest, NumberConditionsBecomeTerms) {
  QueryPlan p = Plan(R"({"property":"Qty","number":{"greater_than":5}})");
  ASSERT_TRUE(p.filter_pushed);
  ASSERT_TRUE(p.where.has_value());
  EXPECT_EQ(p.where->term.field.property_id, "qty");
  EXPECT_EQ(p.where->term.op, Op::kGreater);
  EXPECT_EQ(p.where->term.operand, json::value(5));
  EXPECT_EQ(Plan(R"({"property":"qty","number":{"is_empty":true}})").where->term.op, Op::kIsEmpty);
}

TEST(QueryPlanTest, CheckboxFalseMeansNotTrue) {
  QueryPlan p = Plan(R"({"property":"Done","checkbox":{"equals":false}})");
  EXPECT_EQ(p.where->term.op, Op::kNotEqual);
  EXPECT_EQ(p.where->term.operand, json::value(true));
  p = Plan(R"({"property":"Done","checkbox":{"does_not_equal":false}})");
  EXPECT_EQ(p.where->term.op, Op::kEqual);
}

TEST(QueryPlanTest, SelectNamesBecomeOptionIds) {
  QueryPlan p = Plan(R"({"property":"Kind","select":{"equals":"B"}})");
  EXPECT_EQ(p.where->term.op, Op::kEqual);
  EXPECT_EQ(p.where->term.operand, json::value("o-b"));
  EXPECT_EQ(Plan(R"({"property":"Kind","select":{"equals":"Z"}})").where->term.op, Op::kNever);
  // does_not_equal an unknown name keeps every page: an empty `and`.
  QueryPlan none = Plan(R"({"property":"Kind","select":{"does_not_equal":"Z"}})");
  EXPECT_EQ(none.where->kind, ScanNode::Kind::kAnd);
  EXPECT_TRUE(none.where->children.empty());
}

TEST(QueryPlanTest, DateOnlyTimestampOperandsCoverTheDay) {
  QueryPlan p = Plan(R"({"timestamp":"created_time","created_time":{"equals":"2024-01-02"}})");
  ASSERT_EQ(p.where->kind, ScanNode::Kind::kAnd);
  ASSERT_EQ(p.where->children.size(), 2u);
  EXPECT_EQ(p.where->children[0].term.op, Op::kGreaterOrEqual);
  EXPECT_EQ(p.where->children[0].term.operand, json::value(int64_t{1704153600000}));
  EXPECT_EQ(p.where->children[1].term.op, Op::kLess);
  EXPECT_EQ(p.where->children[1].term.operand, json::value(int64_t{1704240000000}));
  QueryPlan after = Plan(R"({"property":"Made","date":{"after":"2024-01-02"}})");
  EXPECT_EQ(after.where->term.field.kind, ScanField::Kind::kCreatedTime);
  EXPECT_EQ(after.where->term.op, Op::kGreaterOrEqual);
  EXPECT_EQ(after.where->term.operand, json::value(int64_t{1704240000000}));
  QueryPlan exact = Plan(R"({"timestamp":"created_time","created_time":{"before":"2024-01-02T00:00:00.500Z"}})");
  EXPECT_EQ(exact.where->term.op, Op::kLess);
  EXPECT_EQ(exact.where->term.operand, json::value(int64_t{1704153600500}));
  EXPECT_FALSE(Plan(R"({"timestamp":"created_time","created_time":{"past_week":{}}})").filter_pushed);
}

TEST(QueryPlanTest, AndKeepsWhatItCanOrNeedsAll) {
  QueryPlan p = Plan(R"({"and":[{"property":"Qty","number":{"equals":1}},{"property":"Name","title":{"contains":"x"}}]})");
  EXPECT_FALSE(p.filter_pushed);
  ASSERT_TRUE(p.where.has_value());
  ASSERT_EQ(p.where->children.size(), 1u);
  EXPECT_EQ(p.where->children[0].term.field.property_id, "qty");
  QueryPlan o = Plan(R"({"or":[{"property":"Qty","number":{"equals":1}},{"property":"Name","title":{"contains":"x"}}]})");
  EXPECT_FALSE(o.filter_pushed);
  EXPECT_FALSE(o.where.has_value());
  QueryPlan nested = Plan(R"({"and":[{"or":[{"property":"Qty","number":{"equals":1}},{"property":"Name","title":{"contains":"x"}}]}]})");
  EXPECT_FALSE(nested.filter_pushed);
  EXPECT_TRUE(nested.where->children.empty());
}

// Storage answers a scan on any property id (query/scan.h); how SQLite reads an id with
// a quote in it is its own business (storage/sqlite/json_path.h).
TEST(QueryPlanTest, AnyPropertyIdIsPushed) {
  QueryPlan p = Plan(R"({"property":"Quote","number":{"equals":1}})");
  EXPECT_TRUE(p.filter_pushed);
  EXPECT_EQ(p.where->term.field.property_id, "a\"b");
  QueryPlan s = Plan("", R"([{"property":"Quote","direction":"ascending"}])");
  ASSERT_TRUE(s.sorts_pushed);
  EXPECT_EQ(s.order[0].field.property_id, "a\"b");
}

TEST(QueryPlanTest, WrappedAndOtherKeysStayInTheService) {
  EXPECT_FALSE(Plan(R"({"property":"Name","rich_text":{"equals":"x"}})").filter_pushed);
  // Timestamps are never empty.
  QueryPlan made = Plan(R"({"property":"Made","date":{"is_empty":true}})");
  EXPECT_TRUE(made.filter_pushed);
  EXPECT_EQ(made.where->term.op, Op::kNever);
}

// contains / starts_with / ends_with with three characters or more become folded text
// terms, under any text key; the property is listed for the service's mention check.
TEST(QueryPlanTest, LongTextNeedlesBecomeFoldedTextTerms) {
  QueryPlan p = Plan(R"({"property":"Name","title":{"contains":"ÉtÉ Ωmega"}})");
  ASSERT_TRUE(p.filter_pushed);
  EXPECT_EQ(p.where->term.op, Op::kTextContains);
  EXPECT_EQ(p.where->term.field.property_id, "title");
  EXPECT_EQ(p.where->term.operand, json::value("été ωmega"));
  EXPECT_EQ(p.text_properties, std::vector<std::string>{"title"});
  EXPECT_EQ(Plan(R"({"property":"Name","rich_text":{"starts_with":"Abc"}})").where->term.op, Op::kTextStartsWith);
  QueryPlan url = Plan(R"({"property":"Site","url":{"ends_with":".ORG"}})");
  EXPECT_EQ(url.where->term.op, Op::kTextEndsWith);
  EXPECT_EQ(url.where->term.operand, json::value(".org"));
  EXPECT_EQ(url.text_properties, std::vector<std::string>{"site"});
  // Three characters, not three bytes: "éé" is four bytes and stays with the service.
  EXPECT_FALSE(Plan(R"({"property":"Name","title":{"contains":"éé"}})").filter_pushed);
  EXPECT_TRUE(Plan(R"({"property":"Name","title":{"contains":"ééé"}})").filter_pushed);
  // An `or` of text terms pushes whole; both properties are listed once.
  QueryPlan o = Plan(R"({"or":[{"property":"Name","title":{"contains":"abc"}},{"property":"Site","url":{"contains":"def"}},)"
                     R"({"property":"Name","title":{"ends_with":"xyz"}}]})");
  EXPECT_TRUE(o.filter_pushed);
  EXPECT_EQ(o.where->kind, ScanNode::Kind::kOr);
  EXPECT_EQ(o.text_properties, (std::vector<std::string>{"title", "site"}));
}

TEST(QueryPlanTest, OtherTextConditionsStayInTheService) {
  for (const char* f : {R"({"property":"Name","title":{"equals":"abcd"}})",
                        R"({"property":"Name","title":{"does_not_equal":"abcd"}})",
                        R"({"property":"Name","title":{"does_not_contain":"abcd"}})",
                        R"({"property":"Name","title":{"is_empty":true}})",
                        R"({"property":"Calc","formula":{"string":{"contains":"abcd"}}})"}) {
    QueryPlan p = Plan(f);
    EXPECT_FALSE(p.filter_pushed) << f;
    EXPECT_TRUE(p.text_properties.empty()) << f;
  }
}

TEST(QueryPlanTest, SortsPushOnlyWhenEveryKeyCan) {
  QueryPlan p = Plan("", R"([{"property":"Qty","direction":"descending"},{"timestamp":"created_time","direction":"ascending"}])");
  ASSERT_TRUE(p.sorts_pushed);
  ASSERT_EQ(p.order.size(), 2u);
  EXPECT_TRUE(p.order[0].descending);
  EXPECT_EQ(p.order[1].field.kind, ScanField::Kind::kCreatedTime);
  QueryPlan q = Plan("", R"([{"property":"Qty","direction":"descending"},{"property":"Name","direction":"ascending"}])");
  EXPECT_FALSE(q.sorts_pushed);
  EXPECT_TRUE(q.order.empty());
}

}  // namespace
}  // namespace localnotion::query
