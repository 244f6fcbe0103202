// The store conformance suite, text terms answered exactly: runs on every configuration of
// store_conformance_test.cc (the suite is instantiated there).
//
// On values without mentions (nothing unsettled), every backend answers a text term
// exactly and in the scan's order, so that a query gives the same rows in the same order
// on SQLite and PostgreSQL: folded text (query::FoldCase, non-ASCII included) compared by
// contains / starts_with / ends_with, with characters that mean something to LIKE (%, _,
// the backslash) taken as plain text, on rich text and on string values (url, email,
// phone_number); title search likewise. The same after a write that names what it
// changed (PageUpdate), in its transaction and after it.
#include <gtest/gtest.h>

#include "storage/store_conformance_test_util.h"
#include "testing/json.h"
#include "testing/scan_nodes.h"

namespace localnotion::storage {
namespace {

using ExactIds = std::vector<std::string>;
using ExactOp = ScanTerm::Op;

std::string ExactRt(std::string_view text) {
  return R"([{"type":"text","text":{"content":")" + std::string(text) + R"("},"plain_text":")" + std::string(text) +
         R"("}])";
}

PageRecord ExactPage(std::string id, std::string_view props, bool trashed = false, std::string parent = "ds-x") {
  return PropsPage(std::move(id), props, trashed, std::move(parent));
}

ExactIds ExactScan(Txn& txn, ScanNode where, std::optional<bool> in_trash = false, std::vector<ScanOrder> order = {},
                   int64_t limit = -1) {
  PageScan s{"ds-x"};
  s.in_trash = in_trash;
  s.where = std::move(where);
  s.order = std::move(order);
  s.limit = limit;
  return LN_VAL(txn.ScanPageIds(s));
}

ExactIds ExactTitles(Txn& txn, std::string_view needle) {
  ExactIds ids;
  for (const PageRecord& p : LN_VAL(txn.ScanPagesByTitle(needle))) ids.push_back(p.id);
  return ids;
}

Status PutExactPages(Txn& txn) {
  LN_RETURN_IF_ERROR(
      txn.PutPage(ExactPage("x1", R"({"title":)" + ExactRt("Café au LAIT") + R"(,"nt":)" + ExactRt("50% OFF_today") +
                                      R"(,"url":"https://ex.com/a%b_c","n":3})")));
  LN_RETURN_IF_ERROR(
      txn.PutPage(ExactPage("x2", R"({"title":)" + ExactRt("café noir") + R"(,"nt":)" + ExactRt("50 percent offer") +
                                      R"(,"url":"https://ex.com/ab","n":1})")));
  LN_RETURN_IF_ERROR(txn.PutPage(ExactPage(
      "x3", R"({"title":)" + ExactRt("ΩMEGA Café") + R"(,"nt":)" + ExactRt(R"(привет МИР \\ back)") + R"(,"n":2})")));
  LN_RETURN_IF_ERROR(txn.PutPage(ExactPage("x4", R"({"title":)" + ExactRt("100% Plain_text") +
                                                     R"(,"n":5,"email":"Bob@Example.COM","phone":"+1 (555) 0100",)"
                                                     R"("url":"HTTPS://EX.COM/UPPER"})")));
  LN_RETURN_IF_ERROR(txn.PutPage(ExactPage("x5", R"({"title":)" + ExactRt("CAFÉ trashed") + "}", /*trashed=*/true)));
  return txn.PutPage(ExactPage("x6", R"({"title":)" + ExactRt("café elsewhere") + "}", false, "ds-other"));
}

void ExpectExactScans(Txn& txn) {
  const auto contains = [](std::string p, std::string needle) {
    return testing::PropertyTerm(std::move(p), ExactOp::kTextContains, json::value(std::move(needle)));
  };
  // Folded: É, Ω and Cyrillic capitals match their small letters; the needle comes folded.
  EXPECT_EQ(ExactScan(txn, contains("title", "café")), (ExactIds{"x1", "x2", "x3"}));
  EXPECT_EQ(ExactScan(txn, testing::PropertyTerm("title", ExactOp::kTextStartsWith, "café")), (ExactIds{"x1", "x2"}));
  EXPECT_EQ(ExactScan(txn, testing::PropertyTerm("title", ExactOp::kTextEndsWith, "café")), (ExactIds{"x3"}));
  EXPECT_EQ(ExactScan(txn, contains("title", "ωmega")), (ExactIds{"x3"}));
  EXPECT_EQ(ExactScan(txn, contains("nt", "привет мир")), (ExactIds{"x3"}));
  EXPECT_EQ(ExactScan(txn, testing::PropertyTerm("nt", ExactOp::kTextEndsWith, "back")), (ExactIds{"x3"}));
  EXPECT_EQ(ExactScan(txn, testing::PropertyTerm("nt", ExactOp::kTextStartsWith, "50")), (ExactIds{"x1", "x2"}));
  // %, _ and the backslash are plain characters: as LIKE wildcards "50%" would match
  // x2's "50 percent", "off_" its "offe", "%b" its "/ab".
  EXPECT_EQ(ExactScan(txn, contains("nt", "50%")), (ExactIds{"x1"}));
  EXPECT_EQ(ExactScan(txn, contains("nt", "off_")), (ExactIds{"x1"}));
  EXPECT_EQ(ExactScan(txn, contains("url", "%b")), (ExactIds{"x1"}));
  EXPECT_EQ(ExactScan(txn, contains("title", "_")), (ExactIds{"x4"}));
  EXPECT_EQ(ExactScan(txn, contains("title", "%")), (ExactIds{"x4"}));
  EXPECT_EQ(ExactScan(txn, contains("nt", R"(\ back)")), (ExactIds{"x3"}));
  EXPECT_EQ(ExactScan(txn, contains("nt", R"(\%)")), (ExactIds{}));
  // String values (url, email, phone_number) fold too.
  EXPECT_EQ(ExactScan(txn, contains("url", "upper")), (ExactIds{"x4"}));
  EXPECT_EQ(ExactScan(txn, testing::PropertyTerm("email", ExactOp::kTextEndsWith, "example.com")), (ExactIds{"x4"}));
  EXPECT_EQ(ExactScan(txn, contains("phone", "(555)")), (ExactIds{"x4"}));
  // Trash, combinations, order and limit.
  EXPECT_EQ(ExactScan(txn, contains("title", "café"), true), (ExactIds{"x5"}));
  EXPECT_EQ(ExactScan(txn, contains("title", "café"), std::nullopt), (ExactIds{"x1", "x2", "x3", "x5"}));
  EXPECT_EQ(ExactScan(txn, testing::ScanGroup(ScanNode::Kind::kOr, {contains("title", "noir"), contains("nt", "мир")})),
            (ExactIds{"x2", "x3"}));
  EXPECT_EQ(ExactScan(txn, testing::ScanGroup(ScanNode::Kind::kAnd,
                                              {contains("title", "caf"),
                                               testing::PropertyTerm("n", ExactOp::kEqual, json::value(1))})),
            (ExactIds{"x2"}));
  const ScanOrder by_n{ScanField{ScanField::Kind::kProperty, "n"}, /*descending=*/true};
  EXPECT_EQ(ExactScan(txn, contains("title", "caf"), false, {by_n}), (ExactIds{"x1", "x3", "x2"}));
  EXPECT_EQ(ExactScan(txn, contains("title", "caf"), false, {by_n}, 2), (ExactIds{"x1", "x3"}));
  // Title search: every parent, trashed pages too, in creation order.
  EXPECT_EQ(ExactTitles(txn, "café"), (ExactIds{"x1", "x2", "x3", "x5", "x6"}));
  EXPECT_EQ(ExactTitles(txn, "ωmega"), (ExactIds{"x3"}));
  EXPECT_EQ(ExactTitles(txn, "%"), (ExactIds{"x4"}));
  EXPECT_EQ(ExactTitles(txn, "_"), (ExactIds{"x4"}));
  EXPECT_EQ(ExactTitles(txn, "0% plain"), (ExactIds{"x4"}));
}

TEST_P(StoreConformanceTest, TextTermsAnswerExactlyWithFoldingEscapingAndNonAscii) {
  Write([&](Txn& txn) { LN_ASSERT_OK(PutExactPages(txn)); });
  Read([&](Txn& txn) { ExpectExactScans(txn); });
  Write([&](Txn& txn) { ExpectExactScans(txn); });
}

TEST_P(StoreConformanceTest, TextTermsFollowAWriteThatNamesWhatItChanged) {
  Write([&](Txn& txn) { LN_ASSERT_OK(PutExactPages(txn)); });
  Write([&](Txn& txn) {
    const PageRecord before = LN_VAL(txn.GetPage("x1")).value();
    PageRecord after = before;
    after.properties["nt"] = testing::J(ExactRt("now МИР"));
    after.properties.erase("url");
    const std::vector<std::string> changed{"nt", "url"};
    const PageUpdate update{&before, &changed};
    LN_ASSERT_OK(txn.PutPage(after, &update));
    EXPECT_EQ(ExactScan(txn, testing::PropertyTerm("nt", ExactOp::kTextContains, "мир")), (ExactIds{"x1", "x3"}));
    EXPECT_EQ(ExactScan(txn, testing::PropertyTerm("url", ExactOp::kTextContains, "%b")), (ExactIds{}));
    EXPECT_EQ(ExactScan(txn, testing::PropertyTerm("nt", ExactOp::kTextContains, "50%")), (ExactIds{}));
  });
  Read([&](Txn& txn) {
    EXPECT_EQ(ExactScan(txn, testing::PropertyTerm("nt", ExactOp::kTextContains, "мир")), (ExactIds{"x1", "x3"}));
    EXPECT_EQ(ExactScan(txn, testing::PropertyTerm("url", ExactOp::kTextContains, "%b")), (ExactIds{}));
    EXPECT_EQ(ExactScan(txn, testing::PropertyTerm("title", ExactOp::kTextContains, "café")),
              (ExactIds{"x1", "x2", "x3"}));
  });
}

// A sort over a property whose values differ in type answers as SQLite orders
// json_extract values: numbers (booleans as 1 and 0) before text ascending, after it
// descending, text by bytes, empty last both ways, ties in creation order.
TEST_P(StoreConformanceTest, SortsOverMixedTypesOrderNumbersTextAndEmptyAsSqlite) {
  Write([&](Txn& txn) {
    for (const auto& [id, props] : std::vector<std::pair<std::string, std::string>>{{"m1", R"({"m":"b"})"},
                                                                                    {"m2", R"({"m":2})"},
                                                                                    {"m3", R"({})"},
                                                                                    {"m4", R"({"m":true})"},
                                                                                    {"m5", R"({"m":"a"})"},
                                                                                    {"m6", R"({"m":10})"},
                                                                                    {"m7", R"({"m":2})"}}) {
      LN_ASSERT_OK(txn.PutPage(ExactPage(id, props)));
    }
  });
  Read([&](Txn& txn) {
    PageScan s{"ds-x"};
    s.order = {ScanOrder{ScanField{ScanField::Kind::kProperty, "m"}, false}};
    EXPECT_EQ(LN_VAL(txn.ScanPageIds(s)), (ExactIds{"m4", "m2", "m7", "m6", "m5", "m1", "m3"}));
    s.order[0].descending = true;
    EXPECT_EQ(LN_VAL(txn.ScanPageIds(s)), (ExactIds{"m1", "m5", "m6", "m2", "m7", "m4", "m3"}));
    s.limit = 3;
    EXPECT_EQ(LN_VAL(txn.ScanPageIds(s)), (ExactIds{"m1", "m5", "m6"}));
  });
}

}  // namespace
}  // namespace localnotion::storage
