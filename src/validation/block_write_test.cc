// Block request checks: the stored content of each type (defaults filled in), the
// limits (100 per array, two levels, 1000 per request), the request union's messages,
// and PATCH /v1/blocks/{id} bodies (merge, type change, trash flags).
#include "validation/block_write.h"

#include <gtest/gtest.h>

#include <string>

#include "common/json.h"
#include "testing/json.h"
#include "testing/matchers.h"

namespace localnotion::validation {
namespace {

using testing::ErrorIs;
using testing::J;

std::string Para(int i) {
  return R"({"paragraph":{"rich_text":[{"text":{"content":"p)" + std::to_string(i) + R"("}}]}})";
}

std::string Array(int n, const std::string& item) {
  std::string s = "[";
  for (int i = 0; i < n; ++i) s += (i ? "," : "") + item;
  return s + "]";
}

TEST(CheckChildren, FillsDefaultsPerType) {
  auto r = CheckChildren("body.children", J(R"([
    {"object":"block","type":"paragraph","paragraph":{"rich_text":[{"text":{"content":"hi"}}]}},
    {"heading_2":{"rich_text":[],"color":"blue"}},
    {"to_do":{"rich_text":[]}},
    {"callout":{"rich_text":[],"icon":{"emoji":"💡"}}},
    {"code":{"rich_text":[],"language":"c++"}},
    {"image":{"external":{"url":"https://x.test/a.png"}}},
    {"bookmark":{"url":"https://x.test"}},
    {"divider":{}},
    {"equation":{"expression":"e=mc^2"}}
  ])"));
  ASSERT_TRUE(r.ok()) << r.error().message;
  const auto& b = *r;
  ASSERT_EQ(b.size(), 9u);
  EXPECT_EQ(b[0].content.at("color"), "default");
  EXPECT_EQ(b[0].content.at("rich_text").as_array()[0].as_object().at("plain_text"), "hi");
  EXPECT_EQ(b[1].content.at("is_toggleable"), false);
  EXPECT_EQ(b[1].content.at("color"), "blue");
  EXPECT_EQ(b[2].content.at("checked"), false);
  EXPECT_EQ(b[3].content.at("icon").as_object().at("emoji"), "💡");
  EXPECT_EQ(b[4].content.at("caption"), json::array{});
  EXPECT_EQ(b[4].content.at("language"), "c++");
  EXPECT_EQ(SerializeJson(b[5].content),
            R"({"caption":[],"type":"external","external":{"url":"https://x.test/a.png"}})");
  EXPECT_EQ(SerializeJson(b[6].content), R"({"caption":[],"url":"https://x.test"})");
  EXPECT_TRUE(b[7].content.empty());
  EXPECT_EQ(b[8].content.at("expression"), "e=mc^2");
}

TEST(CheckChildren, FileBlocksGetANameFromTheirUrl) {
  auto r = CheckChildren("body.children", J(R"([{"file":{"external":{"url":"https://x.test/docs/report.pdf?x=1"}}},
      {"file":{"external":{"url":"https://x.test"}}}, {"file":{"external":{"url":"https://x.test/a"},"name":"n"}}])"));
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ((*r)[0].content.at("name"), "report.pdf");
  EXPECT_EQ((*r)[1].content.at("name"), "");
  EXPECT_EQ((*r)[2].content.at("name"), "n");
}

TEST(CheckChildren, AtMostOneHundredPerArray) {
  EXPECT_TRUE(CheckChildren("body.children", J(Array(100, Para(1)))).ok());
  EXPECT_THAT(CheckChildren("body.children", J(Array(101, Para(1)))),
              ErrorIs(ErrorCode::kValidationError,
                      "body failed validation: body.children.length should be ≤ `100`, instead was `101`."));
}

TEST(CheckChildren, TwoLevelsOfNesting) {
  auto two =
      CheckChildren("body.children", J(R"([{"toggle":{"rich_text":[],"children":[{"paragraph":{"rich_text":[]}}]}}])"));
  ASSERT_TRUE(two.ok());
  ASSERT_EQ((*two)[0].children.size(), 1u);
  EXPECT_THAT(
      CheckChildren("body.children", J(R"([{"toggle":{"rich_text":[],"children":[{"toggle":{"rich_text":[],
        "children":[{"paragraph":{"rich_text":[]}}]}}]}}])")),
      ErrorIs(
          ErrorCode::kValidationError,
          "body failed validation: body.children[0].toggle.children[0].toggle.children should be not present, instead "
          "was `[{\"paragraph\":{\"rich_text\":[]}}]`."));
}

TEST(CheckChildren, ColumnsDoNotCountAsALevel) {
  auto r = CheckChildren("body.children", J(R"([{"column_list":{"children":[
      {"column":{"children":[{"paragraph":{"rich_text":[]}}]}},
      {"column":{"children":[{"paragraph":{"rich_text":[]}}]}}]}}])"));
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ((*r)[0].children[1].children[0].type, "paragraph");
}

TEST(CheckChildren, AtMostOneThousandBlocksCountingNestedOnes) {
  // 9 toggles with 100 children each: 909 blocks; 10 of them: 1010.
  std::string toggle = R"({"toggle":{"rich_text":[],"children":)" + Array(100, Para(0)) + "}}";
  EXPECT_TRUE(CheckChildren("body.children", J(Array(9, toggle))).ok());
  EXPECT_THAT(
      CheckChildren("body.children", J(Array(10, toggle))),
      ErrorIs(ErrorCode::kValidationError,
              "body failed validation: the number of blocks in body.children, nested ones included, should be ≤ "
              "`1000`, instead was `1010`."));
}

TEST(CheckChildren, UnknownTypeListsTheUnion) {
  auto r = CheckChildren("body.children", J(R"([{"type":"banana","banana":{}}])"));
  ASSERT_FALSE(r.ok());
  const std::string& m = r.error().message;
  EXPECT_EQ(m.rfind("body failed validation. Fix one:\nbody.children[0].embed should be defined, instead was "
                    "`undefined`.\nbody.children[0].bookmark should be defined",
                    0),
            0u)
      << m;
  EXPECT_NE(m.find("\nbody.children[0].callout should be defined, instead was `undefined`."), std::string::npos);
}

TEST(CheckChildren, FieldErrors) {
  EXPECT_THAT(CheckChildren("body.children", J(R"([{"paragraph":{}}])")),
              ErrorIs(ErrorCode::kValidationError,
                      "body failed validation: body.children[0].paragraph.rich_text should be defined, instead was "
                      "`undefined`."));
  EXPECT_THAT(CheckChildren("body.children", J(R"([{"paragraph":{"rich_text":[],"checked":true}}])")),
              ErrorIs(ErrorCode::kValidationError,
                      "body failed validation: body.children[0].paragraph.checked should be not present, instead was "
                      "`true`."));
  EXPECT_THAT(CheckChildren("body.children", J(R"([{"type":"quote","paragraph":{"rich_text":[]}}])")),
              ErrorIs(ErrorCode::kValidationError,
                      "body failed validation: body.children[0].type should be `\"paragraph\"` or `undefined`, instead "
                      "was `\"quote\"`."));
  EXPECT_THAT(CheckChildren("body.children", J(R"([{"divider":{},"extra":1}])")),
              ErrorIs(ErrorCode::kValidationError,
                      "body failed validation: body.children[0].extra should be not present, instead was `1`."));
  EXPECT_THAT(
      CheckChildren("body.children", J(R"([{"image":{"external":{"url":"u"},"caption":"x"}}])")),
      ErrorIs(ErrorCode::kValidationError,
              "body failed validation: body.children[0].image.caption should be an array, instead was `\"x\"`."));
  EXPECT_THAT(CheckChildren("body.children", J(R"([{"divider":{}}, 3])")),
              ErrorIs(ErrorCode::kValidationError,
                      "body failed validation: body.children[1] should be an object, instead was `3`."));
}

TEST(CheckChildren, TablesNeedRowsOfTheirWidth) {
  auto ok = CheckChildren("body.children", J(R"([{"table":{"table_width":2,"has_column_header":true,"children":[
      {"table_row":{"cells":[[{"text":{"content":"a"}}],[]]}}]}}])"));
  ASSERT_TRUE(ok.ok()) << ok.error().message;
  EXPECT_EQ(SerializeJson((*ok)[0].content), R"({"has_column_header":true,"has_row_header":false,"table_width":2})");
  EXPECT_THAT(CheckChildren("body.children", J(R"([{"table":{"table_width":2}}])")),
              ErrorIs(ErrorCode::kValidationError,
                      "body failed validation: body.children[0].table.children should be defined, instead was "
                      "`undefined`."));
  EXPECT_THAT(CheckChildren("body.children", J(R"([{"table":{"table_width":2,"children":[
      {"table_row":{"cells":[[]]}}]}}])")),
              ErrorIs(ErrorCode::kValidationError,
                      "body failed validation: body.children[0].table.children[0].table_row.cells.length should be `2` "
                      "(the table_width of the table), instead was `1`."));
}

TEST(CheckPlacement, ColumnsAndRowsOnlyInsideTheirContainers) {
  auto cols = CheckChildren("body.children", J(R"([{"column":{"children":[{"divider":{}}]}}])"));
  ASSERT_TRUE(cols.ok());
  EXPECT_TRUE(CheckPlacement("body.children", "column_list", {}, *cols).ok());
  EXPECT_THAT(CheckPlacement("body.children", "child_page", {}, *cols),
              ErrorIs(ErrorCode::kValidationError,
                      "body failed validation: body.children[0] is a column block, which is only allowed inside a "
                      "column_list block."));
  auto rows = CheckChildren("body.children", J(R"([{"table_row":{"cells":[[],[]]}}])"));
  ASSERT_TRUE(rows.ok());
  EXPECT_TRUE(CheckPlacement("body.children", "table", J(R"({"table_width":2})").as_object(), *rows).ok());
  EXPECT_THAT(
      CheckPlacement("body.children", "table", J(R"({"table_width":3})").as_object(), *rows),
      ErrorIs(ErrorCode::kValidationError,
              "body failed validation: body.children[0].table_row.cells.length should be `3` (the table_width of "
              "the table), instead was `2`."));
  EXPECT_THAT(
      CheckPlacement("body.children", "table", J(R"({"table_width":2})").as_object(), *cols),
      ErrorIs(ErrorCode::kValidationError,
              "body failed validation: body.children[0].type should be `\"table_row\"`, instead was `\"column\"`."));
}

TEST(CheckBlockUpdate, MergesGivenFieldsAndRefusesAnotherType) {
  json::object current = J(R"({"rich_text":[],"checked":false,"color":"default"})").as_object();
  auto r = CheckBlockUpdate(J(R"({"to_do":{"checked":true}})"), "to_do", current);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->content->at("checked"), true);
  EXPECT_EQ(r->content->at("color"), "default");
  EXPECT_THAT(CheckBlockUpdate(J(R"({"paragraph":{"rich_text":[]}})"), "to_do", current),
              ErrorIs(ErrorCode::kValidationError, "Expected block type to_do in request body"));
  EXPECT_THAT(CheckBlockUpdate(J(R"({"to_do":{"children":[]}})"), "to_do", current),
              ErrorIs(ErrorCode::kValidationError,
                      "body failed validation: body.to_do.children should be not present, instead was `[]`."));
  EXPECT_THAT(CheckBlockUpdate(J(R"({"banana":1})"), "to_do", current),
              ErrorIs(ErrorCode::kValidationError,
                      "body failed validation: body.banana should be not present, instead was `1`."));
}

TEST(CheckBlockUpdate, ArchivedIsNotPresentFrom2026) {
  EXPECT_THAT(CheckBlockUpdate(J(R"({"archived":false})"), "divider", {}, api::ApiVersion::k2026_03_11),
              ErrorIs(ErrorCode::kValidationError,
                      "body failed validation: body.archived should be not present, instead was `false`."));
  auto r = CheckBlockUpdate(J(R"({"in_trash":true})"), "divider", {}, api::ApiVersion::k2026_03_11);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->in_trash, true);
}

TEST(CheckBlockUpdate, TrashFlagsWithInTrashWinning) {
  auto r = CheckBlockUpdate(J(R"({"archived":true,"in_trash":false})"), "divider", {});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->in_trash, false);
  EXPECT_FALSE(r->content.has_value());
  EXPECT_THAT(
      CheckBlockUpdate(J(R"({"in_trash":"yes"})"), "divider", {}),
      ErrorIs(ErrorCode::kValidationError,
              "body failed validation: body.in_trash should be a boolean or `undefined`, instead was `\"yes\"`."));
}

}  // namespace
}  // namespace localnotion::validation
