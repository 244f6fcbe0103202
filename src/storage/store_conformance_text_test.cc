// The store conformance suite, text terms of page scans (query/scan.h): runs on every
// configuration of store_conformance_test.cc (the suite is instantiated there).
//
// The contract, which every backend keeps: kTextUnsettled selects at least every page
// whose value holds a mention; a text term selects every page whose folded stored text
// matches the (folded) needle, every unsettled page, and no other page outside the
// unsettled ones. So a backend may call every value unsettled; both stores judge every
// settled value and answer exactly (store_conformance_text_exact_test.cc checks that).
#include <gtest/gtest.h>

#include <algorithm>

#include "storage/store_conformance_test_util.h"
#include "testing/json.h"
#include "testing/scan_nodes.h"

namespace localnotion::storage {
namespace {

using V = std::vector<std::string>;
using Op = ScanTerm::Op;

ScanNode Text(std::string property, Op op, std::string needle = "") {
  return testing::PropertyTerm(std::move(property), op,
                               op == Op::kTextUnsettled ? json::value(nullptr) : json::value(std::move(needle)));
}

PageRecord TextPage(std::string id, std::string_view props, bool trashed = false, std::string parent = "ds-t") {
  return PropsPage(std::move(id), props, trashed, std::move(parent));
}

std::string Rt(std::string_view text) {
  return R"([{"type":"text","text":{"content":")" + std::string(text) + R"("},"plain_text":")" + std::string(text) +
         R"("}])";
}

// t1..t4 under ds-t, t5 trashed, t6 under another parent. t4's title is a mention.
Status PutTextPages(Txn& txn) {
  LN_RETURN_IF_ERROR(txn.PutPage(TextPage("t1", R"({"title":)" + Rt("Été à Paris") + R"(,"nt":)" + Rt("Ωmega ПРИВЕТ") +
                                                    R"(,"url":"https://ex.com/a%b_c"})")));
  LN_RETURN_IF_ERROR(
      txn.PutPage(TextPage("t2", R"({"title":)" + Rt("Summer in PARIS") + R"(,"nt":)" +
                                     Rt(R"(50% off \"quoted\" *star* col:umn (x) AND)") + R"(,"n":2})")));
  LN_RETURN_IF_ERROR(txn.PutPage(TextPage("t3", R"({"title":)" + Rt("ab") + R"(,"n":2})")));
  LN_RETURN_IF_ERROR(txn.PutPage(TextPage(
      "t4", R"({"title":[{"type":"mention","mention":{"type":"user","user":{"id":"u1"}},"plain_text":"@Old"}]})")));
  LN_RETURN_IF_ERROR(txn.PutPage(TextPage("t5", R"({"title":)" + Rt("paris trashed") + "}", /*trashed=*/true)));
  return txn.PutPage(TextPage("t6", R"({"title":)" + Rt("Paris elsewhere") + "}", false, "ds-other"));
}

// Checks a text scan against the pages whose settled values match, `settled`.
void ExpectText(Txn& txn, const ScanNode& where, const V& settled, std::optional<bool> in_trash = false) {
  PageScan s{"ds-t"};
  s.in_trash = in_trash;
  s.where = where;
  const V got = LN_VAL(txn.ScanPageIds(s));
  PageScan u{"ds-t"};
  u.in_trash = in_trash;
  u.where = testing::ScanGroup(ScanNode::Kind::kOr, {Text("title", Op::kTextUnsettled), Text("nt", Op::kTextUnsettled),
                                                     Text("url", Op::kTextUnsettled)});
  const V unsettled = LN_VAL(txn.ScanPageIds(u));
  auto is_unsettled = [&](const std::string& id) {
    return std::find(unsettled.begin(), unsettled.end(), id) != unsettled.end();
  };
  for (const std::string& id : settled) {
    EXPECT_NE(std::find(got.begin(), got.end(), id), got.end()) << id << " is missing";
  }
  for (const std::string& id : got) {
    if (is_unsettled(id)) continue;
    EXPECT_NE(std::find(settled.begin(), settled.end(), id), settled.end()) << id << " should not match";
  }
}

void ExpectTextScans(Txn& txn) {
  // The mention is unsettled on every backend.
  PageScan u{"ds-t"};
  u.where = Text("title", Op::kTextUnsettled);
  const V unsettled = LN_VAL(txn.ScanPageIds(u));
  EXPECT_NE(std::find(unsettled.begin(), unsettled.end(), "t4"), unsettled.end());

  ExpectText(txn, Text("title", Op::kTextContains, "paris"), V{"t1", "t2"});
  ExpectText(txn, Text("title", Op::kTextContains, "été"), V{"t1"});  // É folded
  ExpectText(txn, Text("title", Op::kTextStartsWith, "été à"), V{"t1"});
  ExpectText(txn, Text("title", Op::kTextStartsWith, "paris"), V{});
  ExpectText(txn, Text("title", Op::kTextEndsWith, "paris"), V{"t1", "t2"});
  ExpectText(txn, Text("title", Op::kTextEndsWith, "summer"), V{});
  ExpectText(txn, Text("nt", Op::kTextContains, "ωmega"), V{"t1"});   // Greek
  ExpectText(txn, Text("nt", Op::kTextContains, "привет"), V{"t1"});  // Cyrillic
  ExpectText(txn, Text("nt", Op::kTextEndsWith, "привет"), V{"t1"});
  // Characters that mean something to LIKE, FTS5 or JSON are plain text here.
  ExpectText(txn, Text("nt", Op::kTextContains, "50% "), V{"t2"});
  ExpectText(txn, Text("nt", Op::kTextContains, "\"quoted\""), V{"t2"});
  ExpectText(txn, Text("nt", Op::kTextContains, "*star*"), V{"t2"});
  ExpectText(txn, Text("nt", Op::kTextContains, "col:umn (x) and"), V{"t2"});
  ExpectText(txn, Text("nt", Op::kTextContains, "(x) and"), V{"t2"});  // not FTS5 syntax
  ExpectText(txn, Text("nt", Op::kTextContains, "x) or"), V{});
  ExpectText(txn, Text("url", Op::kTextContains, "a%b_c"), V{"t1"});
  ExpectText(txn, Text("url", Op::kTextContains, "a_b%c"), V{});
  // Needles shorter than a trigram, and the empty needle (every value, "" included).
  ExpectText(txn, Text("title", Op::kTextContains, "ab"), V{"t3"});
  ExpectText(txn, Text("title", Op::kTextEndsWith, "s"), V{"t1", "t2"});
  ExpectText(txn, Text("nt", Op::kTextContains, "%"), V{"t2"});
  ExpectText(txn, Text("nt", Op::kTextContains, ""), V{"t1", "t2", "t3", "t4"});
  // A property no page has, and a value that is not text.
  ExpectText(txn, Text("gone", Op::kTextContains, "paris"), V{});
  ExpectText(txn, Text("n", Op::kTextContains, "2"), V{});
  // Trash and parents.
  ExpectText(txn, Text("title", Op::kTextContains, "paris"), V{"t5"}, true);
  ExpectText(txn, Text("title", Op::kTextContains, "paris"), V{"t1", "t2", "t5"}, std::nullopt);
  // Combined with each other and with other terms.
  ExpectText(txn,
             testing::ScanGroup(ScanNode::Kind::kOr,
                                {Text("title", Op::kTextContains, "summer"), Text("nt", Op::kTextContains, "ωme")}),
             V{"t1", "t2"});
  ScanNode two;
  two.term = ScanTerm{ScanField{ScanField::Kind::kProperty, "n"}, Op::kEqual, 2};
  ExpectText(txn, testing::ScanGroup(ScanNode::Kind::kAnd, {Text("title", Op::kTextContains, "paris"), two}), V{"t2"});
}

TEST_P(StoreConformanceTest, TextTermsMatchFoldedStoredTextAndSelectUnsettledValues) {
  Write([&](Txn& txn) { LN_ASSERT_OK(PutTextPages(txn)); });
  Read([&](Txn& txn) { ExpectTextScans(txn); });
  Write([&](Txn& txn) { ExpectTextScans(txn); });
  if (GetParam().persistent) {
    Reopen();
    Read([&](Txn& txn) { ExpectTextScans(txn); });
  }
}

TEST_P(StoreConformanceTest, TextTermsSeeEditsAndRemovedValuesInTheSameTransaction) {
  Write([&](Txn& txn) { LN_ASSERT_OK(PutTextPages(txn)); });
  Write([&](Txn& txn) {
    // Rich text edited, a value dropped (as when its property is deleted or changes
    // type), a title that had a mention rewritten as text.
    LN_ASSERT_OK(txn.PutPage(TextPage("t1", R"({"title":)" + Rt("Été à Lyon") + R"(,"nt":)" + Rt("nothing") + "}")));
    LN_ASSERT_OK(txn.PutPage(TextPage("t2", R"({"title":)" + Rt("Summer in PARIS") + "}")));
    LN_ASSERT_OK(txn.PutPage(TextPage("t4", R"({"title":)" + Rt("Now Paris") + "}")));
    ExpectText(txn, Text("title", Op::kTextContains, "paris"), V{"t2", "t4"});
    ExpectText(txn, Text("nt", Op::kTextContains, "ωmega"), V{});
    ExpectText(txn, Text("nt", Op::kTextContains, "50%"), V{});
  });
  Read([&](Txn& txn) {
    ExpectText(txn, Text("title", Op::kTextContains, "lyon"), V{"t1"});
    ExpectText(txn, Text("title", Op::kTextContains, "paris"), V{"t2", "t4"});
    ExpectText(txn, Text("nt", Op::kTextContains, "nothing"), V{"t1"});
  });
  // A write rolled back leaves the text as it was.
  {
    std::unique_ptr<Txn> txn = Begin(TxnMode::kWrite);
    ASSERT_NE(txn, nullptr);
    LN_ASSERT_OK(txn->PutPage(TextPage("t3", R"({"title":)" + Rt("Paris too") + "}")));
  }
  Read([&](Txn& txn) { ExpectText(txn, Text("title", Op::kTextContains, "paris"), V{"t2", "t4"}); });
}

// Title scans (search) find folded titles of every parent, trashed ones too.
TEST_P(StoreConformanceTest, TitleScansFindFoldedTitlesThroughTheTextIndex) {
  Write([&](Txn& txn) { LN_ASSERT_OK(PutTextPages(txn)); });
  Read([&](Txn& txn) {
    V ids;
    for (const PageRecord& p : LN_VAL(txn.ScanPagesByTitle("paris"))) ids.push_back(p.id);
    for (const char* id : {"t1", "t2", "t5", "t6"}) {
      EXPECT_NE(std::find(ids.begin(), ids.end(), id), ids.end()) << id;
    }
    EXPECT_EQ(std::find(ids.begin(), ids.end(), "t3"), ids.end());
    V ete;
    for (const PageRecord& p : LN_VAL(txn.ScanPagesByTitle("été à"))) ete.push_back(p.id);
    EXPECT_NE(std::find(ete.begin(), ete.end(), "t1"), ete.end());
    EXPECT_EQ(std::find(ete.begin(), ete.end(), "t2"), ete.end());
  });
}

}  // namespace
}  // namespace localnotion::storage
