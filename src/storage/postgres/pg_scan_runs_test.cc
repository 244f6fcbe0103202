#include "storage/postgres/pg_scan_runs.h"
#include "testing/scan_nodes.h"

#include <gtest/gtest.h>

namespace localnotion::storage {
namespace {

using Op = ScanTerm::Op;

ScanNode And(std::vector<ScanNode> children) { return testing::ScanGroup(ScanNode::Kind::kAnd, std::move(children)); }

PageScan SortedBy(std::optional<ScanNode> where, std::string property = "n", bool descending = true) {
  PageScan s{"ds"};
  s.where = std::move(where);
  s.order = {ScanOrder{ScanField{ScanField::Kind::kProperty, std::move(property)}, descending}};
  return s;
}

// "t" for each text-run term, "n" for each number-run term, then which runs can hold rows.
std::string Describe(const std::optional<PgLeadRuns>& runs) {
  if (!runs) return "none";
  std::string out;
  for (const ScanTerm* t : runs->text) out += "t" + std::string(t->operand.is_string() ? "" : "?");
  for (const ScanTerm* t : runs->number) out += "n" + std::string(t->operand.is_string() ? "?" : "");
  return out + (runs->text_possible ? " text" : "") + (runs->number_possible ? " number" : "");
}

TEST(PgScanRunsTest, ANumberAboveKeepsEveryTextAndBelowKeepsNone) {
  EXPECT_EQ(Describe(FindPgLeadRuns(SortedBy(testing::PropertyTerm("n", Op::kGreater, 500)))), "n text number");
  EXPECT_EQ(Describe(FindPgLeadRuns(SortedBy(testing::PropertyTerm("n", Op::kGreaterOrEqual, 2.5)))), "n text number");
  EXPECT_EQ(Describe(FindPgLeadRuns(SortedBy(testing::PropertyTerm("n", Op::kLess, 500)))), "n number");
  EXPECT_EQ(Describe(FindPgLeadRuns(SortedBy(testing::PropertyTerm("n", Op::kLessOrEqual, true)))),
            "n number");  // booleans are 1, 0
}

TEST(PgScanRunsTest, ATextBelowKeepsEveryNumberAndAboveKeepsNone) {
  EXPECT_EQ(Describe(FindPgLeadRuns(SortedBy(testing::PropertyTerm("n", Op::kLess, "m")))), "t text number");
  EXPECT_EQ(Describe(FindPgLeadRuns(SortedBy(testing::PropertyTerm("n", Op::kLessOrEqual, "m")))), "t text number");
  EXPECT_EQ(Describe(FindPgLeadRuns(SortedBy(testing::PropertyTerm("n", Op::kGreater, "m")))), "t text");
  EXPECT_EQ(Describe(FindPgLeadRuns(SortedBy(testing::PropertyTerm("n", Op::kGreaterOrEqual, "m")))), "t text");
}

TEST(PgScanRunsTest, EveryRangeOnTheKeyAtTheTopCountsAndTheirExclusionsAdd) {
  // 100 < n < 500 (number run only); other terms and other properties stay in the filter.
  PageScan s =
      SortedBy(And({testing::PropertyTerm("n", Op::kGreater, 100), testing::PropertyTerm("box", Op::kEqual, true),
                    testing::PropertyTerm("n", Op::kLess, 500), testing::PropertyTerm("m", Op::kGreater, 1)}));
  std::optional<PgLeadRuns> runs = FindPgLeadRuns(s);
  EXPECT_EQ(Describe(runs), "nn number");
  ASSERT_TRUE(runs);
  EXPECT_EQ(runs->number[0], &s.where->children[0].term);
  EXPECT_EQ(runs->number[1], &s.where->children[2].term);
  // A number below and a text above: no value can match.
  EXPECT_EQ(Describe(FindPgLeadRuns(SortedBy(
                And({testing::PropertyTerm("n", Op::kLess, 5), testing::PropertyTerm("n", Op::kGreater, "a")})))),
            "tn");
  // Ascending and descending find the same runs (which comes first is the caller's).
  EXPECT_EQ(Describe(FindPgLeadRuns(SortedBy(testing::PropertyTerm("n", Op::kGreater, 5), "n", false))),
            "n text number");
}

TEST(PgScanRunsTest, NoRunsWithoutARangeOnTheFirstSortKeyAtTheTop) {
  EXPECT_EQ(Describe(FindPgLeadRuns(SortedBy(std::nullopt))), "none");
  EXPECT_EQ(Describe(FindPgLeadRuns(SortedBy(testing::PropertyTerm("n", Op::kEqual, 5)))), "none");
  EXPECT_EQ(Describe(FindPgLeadRuns(SortedBy(testing::PropertyTerm("n", Op::kNotEqual, 5)))), "none");
  EXPECT_EQ(Describe(FindPgLeadRuns(SortedBy(testing::PropertyTerm("n", Op::kIsNotEmpty, nullptr)))), "none");
  EXPECT_EQ(Describe(FindPgLeadRuns(SortedBy(testing::PropertyTerm("n", Op::kGreater, nullptr)))),
            "none");  // never true
  EXPECT_EQ(Describe(FindPgLeadRuns(SortedBy(testing::PropertyTerm("n", Op::kGreater, 5), "other"))), "none");
  ScanNode either;
  either.kind = ScanNode::Kind::kOr;
  either.children = {testing::PropertyTerm("n", Op::kGreater, 5), testing::PropertyTerm("n", Op::kLess, 1)};
  EXPECT_EQ(Describe(FindPgLeadRuns(SortedBy(either))), "none");
  EXPECT_EQ(Describe(FindPgLeadRuns(SortedBy(And({either})))), "none");
  PageScan by_time = SortedBy(testing::PropertyTerm("n", Op::kGreater, 5));
  by_time.order = {ScanOrder{ScanField{ScanField::Kind::kCreatedTime, {}}, true},
                   ScanOrder{ScanField{ScanField::Kind::kProperty, "n"}, true}};
  EXPECT_EQ(Describe(FindPgLeadRuns(by_time)), "none");  // only the first key
  PageScan unsorted = SortedBy(testing::PropertyTerm("n", Op::kGreater, 5));
  unsorted.order.clear();
  EXPECT_EQ(Describe(FindPgLeadRuns(unsorted)), "none");
}

}  // namespace
}  // namespace localnotion::storage
