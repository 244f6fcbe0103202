// Enhanced markdown both ways. The golden corpus (testdata/NAME.md with NAME.json, the
// block requests the markdown stands for) is checked in both directions: parsing the
// markdown gives exactly the requests, and rendering the blocks those requests make (as
// the API shows them) gives exactly the markdown. MARKDOWN_GOLDEN_UPDATE=1 rewrites the
// .json files from the parser, for review in the diff.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "api/markdown/inline.h"
#include "api/markdown/parse.h"
#include "api/markdown/render.h"
#include "api/rich_text.h"
#include "testing/json.h"

namespace localnotion::api::markdown {
namespace {

namespace fs = std::filesystem;

std::string ReadFile(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

json::array Requests(const std::vector<ParsedBlock>& blocks) {
  json::array out;
  for (const auto& b : blocks) out.push_back(b.request.empty() ? json::value(nullptr) : json::value(b.request));
  return out;
}

// A rich text request item as the API shows it: full annotations, plain_text, href.
json::value ShowItem(json::object item) {
  json::object annotations = DefaultAnnotations();
  if (const json::value* a = item.if_contains("annotations")) {
    for (const auto& kv : a->as_object()) annotations[kv.key()] = kv.value();
  }
  item["annotations"] = annotations;
  const std::string type(item.at("type").as_string());
  if (type == "text") {
    json::object text = item.at("text").as_object();
    const json::value* link = text.if_contains("link");
    json::value href = link && link->is_object() ? link->as_object().at("url") : json::value(nullptr);
    if (!link) text["link"] = nullptr;
    item["plain_text"] = text.at("content");
    item["href"] = std::move(href);
    item["text"] = std::move(text);
  } else if (type == "equation") {
    item["plain_text"] = item.at("equation").as_object().at("expression");
    item["href"] = nullptr;
  } else {
    item["plain_text"] = "Name";
    item["href"] = nullptr;
  }
  return item;
}

void ShowRichText(json::object& content) {
  for (const char* key : {"rich_text", "caption"}) {
    if (json::value* rt = content.if_contains(key)) {
      for (json::value& item : rt->as_array()) item = ShowItem(item.as_object());
    }
  }
  if (json::value* cells = content.if_contains("cells")) {
    for (json::value& cell : cells->as_array()) {
      for (json::value& item : cell.as_array()) item = ShowItem(item.as_object());
    }
  }
}

// The block a request makes, as GET /v1/blocks shows it, ids numbered in order.
MdNode Show(const json::object& request, int& next_id) {
  MdNode node;
  node.block = request;
  node.block["object"] = "block";
  node.block["id"] = fmt::format("00000000-0000-4000-8000-{:012d}", ++next_id);
  const std::string type(request.at("type").as_string());
  json::object& content = node.block.at(type).as_object();
  if (json::value* children = content.if_contains("children")) {
    for (const json::value& child : children->as_array()) node.children.push_back(Show(child.as_object(), next_id));
    content.erase("children");
  }
  ShowRichText(content);
  return node;
}

class Golden : public ::testing::TestWithParam<std::string> {};

TEST_P(Golden, BothDirections) {
  const fs::path dir = LOCALNOTION_MARKDOWN_TESTDATA;
  const std::string md = ReadFile(dir / (GetParam() + ".md"));
  const json::array parsed = Requests(ParseMarkdown(md));
  if (std::getenv("MARKDOWN_GOLDEN_UPDATE") != nullptr) {
    std::ofstream(dir / (GetParam() + ".json")) << json::serialize(parsed) << "\n";
  }
  const json::value want = json::parse(ReadFile(dir / (GetParam() + ".json")));
  EXPECT_EQ(json::value(parsed), want) << json::serialize(parsed);

  std::vector<MdNode> shown;
  int next_id = 0;
  for (const json::value& request : want.as_array()) shown.push_back(Show(request.as_object(), next_id));
  RenderOptions options;
  options.page_id = "11111111-1111-4111-8111-111111111111";
  options.title_of = [](const std::string&) { return std::string("Linked page"); };
  std::string rendered = RenderMarkdown(shown, options);
  std::string expected = md;
  while (!expected.empty() && expected.back() == '\n') expected.pop_back();
  EXPECT_EQ(rendered, expected);
}

std::vector<std::string> Cases() {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(LOCALNOTION_MARKDOWN_TESTDATA)) {
    if (entry.path().extension() == ".md") names.push_back(entry.path().stem().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

INSTANTIATE_TEST_SUITE_P(Corpus, Golden, ::testing::ValuesIn(Cases()), [](const auto& info) { return info.param; });

json::value One(std::string_view md) {
  auto blocks = ParseMarkdown(md);
  EXPECT_EQ(blocks.size(), 1u) << md;
  return blocks.empty() ? json::value(nullptr) : json::value(blocks[0].request);
}

TEST(RenderMarkdown, MeetingNotesArePlaceholders) {
  MdNode node;
  node.block = testing::J(R"({"object":"block","id":"00000000-0000-4000-8000-000000000001","type":"meeting_notes",
    "meeting_notes":{"title":[{"type":"text","text":{"content":"Weekly"},"plain_text":"Weekly",
    "annotations":{"bold":false,"italic":false,"strikethrough":false,"underline":false,"code":false,"color":"default"}}],
    "status":"notes_ready"}})")
                   .as_object();
  RenderOptions options;
  options.page_id = "11111111-1111-4111-8111-111111111111";
  EXPECT_EQ(
      RenderMarkdown({node}, options),
      "<meeting-notes url=\"https://www.notion.so/11111111111141118111111111111111#00000000000040008000000000000001\">"
      "Weekly</meeting-notes>");
}

TEST(ParseMarkdown, SpacesIndentNestedListsLikeTabs) {
  auto blocks = ParseMarkdown("- a\n  - b\n    - c\n- d");
  ASSERT_EQ(blocks.size(), 2u);
  EXPECT_EQ(blocks[0].request, testing::J(R"({"type":"bulleted_list_item","bulleted_list_item":{
    "rich_text":[{"type":"text","text":{"content":"a"}}],
    "children":[{"type":"bulleted_list_item","bulleted_list_item":{
      "rich_text":[{"type":"text","text":{"content":"b"}}],
      "children":[{"type":"bulleted_list_item","bulleted_list_item":{
        "rich_text":[{"type":"text","text":{"content":"c"}}]}}]}}]}})"));
}

TEST(ParseMarkdown, HeadingsFiveAndSixBecomeHeadingFour) {
  EXPECT_EQ(One("###### Deep"), testing::J(R"({"type":"heading_4","heading_4":{
    "rich_text":[{"type":"text","text":{"content":"Deep"}}]}})"));
}

TEST(ParseMarkdown, HeadingWithChildrenIsAToggleHeading) {
  EXPECT_EQ(One("## Section\n\tInside"), testing::J(R"({"type":"heading_2","heading_2":{
    "rich_text":[{"type":"text","text":{"content":"Section"}}],"is_toggleable":true,
    "children":[{"type":"paragraph","paragraph":{"rich_text":[{"type":"text","text":{"content":"Inside"}}]}}]}})"));
}

TEST(ParseMarkdown, ChildrenOfABlockThatTakesNoneFollowIt) {
  auto blocks = ParseMarkdown("---\n\tafter");
  ASSERT_EQ(blocks.size(), 2u);
  EXPECT_EQ(blocks[0].request.at("type"), "divider");
  EXPECT_EQ(blocks[1].request.at("type"), "paragraph");
}

TEST(ParseMarkdown, LongTextIsSplitIntoItemsOfAtMost2000Characters) {
  const std::string text(4500, 'x');
  json::value block = One(text);
  const json::array& rt = block.at("paragraph").at("rich_text").as_array();
  ASSERT_EQ(rt.size(), 3u);
  EXPECT_EQ(rt[0].at("text").at("content").as_string().size(), 2000u);
  EXPECT_EQ(rt[2].at("text").at("content").as_string().size(), 500u);
}

TEST(ParseMarkdown, ReferencesNameExistingObjects) {
  auto blocks = ParseMarkdown(
      "<page url=\"https://www.notion.so/Plan-0123456789abcdef0123456789abcdef\">Plan</page>\n"
      "<unknown url=\"https://www.notion.so/x#fedcba9876543210fedcba9876543210\" alt=\"bookmark\"/>");
  ASSERT_EQ(blocks.size(), 2u);
  EXPECT_EQ(blocks[0].ref_id, "01234567-89ab-cdef-0123-456789abcdef");
  EXPECT_EQ(blocks[0].ref_kind, "page");
  EXPECT_EQ(blocks[0].request, testing::J(R"({"type":"link_to_page","link_to_page":{
    "type":"page_id","page_id":"01234567-89ab-cdef-0123-456789abcdef"}})"));
  EXPECT_EQ(blocks[1].ref_id, "fedcba98-7654-3210-fedc-ba9876543210");
  auto notes = ParseMarkdown(
      "<meeting-notes url=\"https://www.notion.so/x#fedcba9876543210fedcba9876543210\">W</meeting-notes>");
  ASSERT_EQ(notes.size(), 1u);
  EXPECT_EQ(notes[0].ref_id, "fedcba98-7654-3210-fedc-ba9876543210");
  EXPECT_TRUE(notes[0].request.empty());
  EXPECT_EQ(blocks[1].ref_kind, "block");
  EXPECT_TRUE(blocks[1].request.empty());
}

TEST(ParseMarkdown, CodeLanguagesAreNotionsNames) {
  EXPECT_EQ(One("```js\nx\n```").at("code").at("language"), "javascript");
  EXPECT_EQ(One("```\nx\n```").at("code").at("language"), "plain text");
  EXPECT_EQ(One("```klingon\nx\n```").at("code").at("language"), "plain text");
  EXPECT_EQ(One("```c++\nx\n```").at("code").at("language"), "c++");
}

TEST(ParseMarkdown, AMultiLineParagraphIsOneBlockPerLine) { EXPECT_EQ(ParseMarkdown("one\ntwo\n\nthree").size(), 3u); }

TEST(ParseMarkdown, PipeTables) {
  // A signed integer: block validation takes table_width as int64 (a uint64 was refused).
  EXPECT_TRUE(One("| A |\n|---|\n| 1 |").at("table").at("table_width").is_int64());
  EXPECT_EQ(One("| A | B |\n|---|---|\n| 1 | 2 |"), testing::J(R"({"type":"table","table":{
    "table_width":2,"has_column_header":true,"has_row_header":false,"children":[
    {"type":"table_row","table_row":{"cells":[[{"type":"text","text":{"content":"A"}}],[{"type":"text","text":{"content":"B"}}]]}},
    {"type":"table_row","table_row":{"cells":[[{"type":"text","text":{"content":"1"}}],[{"type":"text","text":{"content":"2"}}]]}}]}})"));
}

TEST(ParseMarkdown, NeverFailsOnBrokenTags) {
  for (std::string_view md : {"<callout>", "<details>\n<summary>x", "<columns>\n<column>\n", "<table>\n<tr><td>a",
                              "```\nunclosed", "$$\nx", "<synced_block_reference url=\"nope\">", "<page url=\"x\">"}) {
    ParseMarkdown(md);  // must not crash; what it makes is checked by the cases above
  }
  SUCCEED();
}

TEST(InlineMarkdown, EscapesRoundTrip) {
  for (std::string text : {"a*b*c", "snake_case and _x_", "# not a heading", "1. not a list", "[x](y)", "$5 and $6",
                           "<tag>", "a\\b", "{curly}", "pipe | caret ^", "tilde ~~x~~", "&amp; stays", "- dash"}) {
    json::array rt{json::object{{"type", "text"},
                                {"text", json::object{{"content", text}, {"link", nullptr}}},
                                {"annotations", DefaultAnnotations()},
                                {"plain_text", text}}};
    const std::string md = RenderRichText(rt);
    json::array back = ParseInline(md);
    ASSERT_EQ(back.size(), 1u) << md;
    EXPECT_EQ(back[0].at("text").at("content"), json::value(text)) << md;
  }
}

TEST(InlineMarkdown, NumericEntitiesAreValidUtf8) {
  // A surrogate or an out-of-range code point becomes U+FFFD, never invalid UTF-8.
  json::array rt = ParseInline("&#xD800;&#1114112;&#233;");
  ASSERT_EQ(rt.size(), 1u);
  EXPECT_EQ(rt[0].at("text").at("content"), "\xEF\xBF\xBD\xEF\xBF\xBD\xC3\xA9");
}

TEST(InlineMarkdown, AnnotationsMentionsAndEquations) {
  json::array rt = ParseInline(
      "**b** *i* ~~s~~ `c` <span underline=\"true\">u</span> <span color=\"red\">r</span> [l](https://x.y) $e=1$ "
      "<mention-user url=\"user://0123456789abcdef0123456789abcdef\">Ada</mention-user> "
      "<mention-date start=\"2026-01-02\" end=\"2026-01-03\"/>");
  EXPECT_EQ(json::value(rt), testing::J(R"([
    {"type":"text","text":{"content":"b"},"annotations":{"bold":true}},
    {"type":"text","text":{"content":" "}},
    {"type":"text","text":{"content":"i"},"annotations":{"italic":true}},
    {"type":"text","text":{"content":" "}},
    {"type":"text","text":{"content":"s"},"annotations":{"strikethrough":true}},
    {"type":"text","text":{"content":" "}},
    {"type":"text","text":{"content":"c"},"annotations":{"code":true}},
    {"type":"text","text":{"content":" "}},
    {"type":"text","text":{"content":"u"},"annotations":{"underline":true}},
    {"type":"text","text":{"content":" "}},
    {"type":"text","text":{"content":"r"},"annotations":{"color":"red"}},
    {"type":"text","text":{"content":" "}},
    {"type":"text","text":{"content":"l","link":{"url":"https://x.y"}}},
    {"type":"text","text":{"content":" "}},
    {"type":"equation","equation":{"expression":"e=1"}},
    {"type":"text","text":{"content":" "}},
    {"type":"mention","mention":{"user":{"id":"01234567-89ab-cdef-0123-456789abcdef"}}},
    {"type":"text","text":{"content":" "}},
    {"type":"mention","mention":{"date":{"start":"2026-01-02","end":"2026-01-03"}}}])"));
}

}  // namespace
}  // namespace localnotion::api::markdown
