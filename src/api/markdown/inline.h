// Rich text and Notion's enhanced markdown, both ways
// (https://developers.notion.com/guides/data-apis/enhanced-markdown, "Rich text formatting"):
// **bold**, *italic*, ~~strikethrough~~, `code`, [link](url), $inline math$, <br> for a
// line break, <span underline="true">, <span color="red">, and the <mention-*> tags.
//
// Rendering escapes the characters the guide lists (\ * ~ ` $ [ ] < > { } | ^) outside
// code. Parsing is driven by md4c (block_parser.cc feeds its span and text events here),
// so CommonMark's rules for emphasis, escapes, code spans and entities apply as written.
#pragma once

#include <md4c.h>

#include <string>
#include <string_view>
#include <vector>

#include "common/json.h"

namespace localnotion::api::markdown {

// The inline markdown of a rich text array as the API shows it (with plain_text, href
// and full annotations). Mentions render as Notion's tags: <mention-page url="...">Title
// </mention-page>, <mention-user url="user://<id>">Name</mention-user>, <mention-date
// start="..." end="..."/>; a custom emoji as :name:.
std::string RenderRichText(const json::array& rich_text);

// Escapes `text` for use outside code (the guide's list of special characters).
std::string Escape(std::string_view text);

// Builds a rich text request array (the form a block request takes) from md4c's span
// and text events of one paragraph, heading, list item or table cell. Text runs longer
// than Notion's 2,000-character limit for one item are split into several items.
class InlineBuilder {
 public:
  void EnterSpan(MD_SPANTYPE type, const void* detail);
  void LeaveSpan(MD_SPANTYPE type);
  void Text(MD_TEXTTYPE type, std::string_view text);
  // The rich text so far; the builder is empty afterwards.
  json::array Take();
  bool empty() const { return items_.empty(); }
  // Set when the content was exactly one image span: its source and alt text.
  bool only_image() const { return image_count_ == 1 && !text_outside_image_; }
  const std::string& image_src() const { return image_src_; }
  const std::string& image_alt() const { return image_alt_; }
  // Set when the content was exactly one display-math span ($$...$$).
  bool only_display_math() const { return display_math_ == 1 && !text_outside_math_; }
  const std::string& display_math() const { return math_; }

 private:
  void AddText(std::string_view text);
  void AddItem(json::object item, bool display_math = false);
  void OnHtml(std::string_view tag);

  json::array items_;
  int bold_ = 0, italic_ = 0, strike_ = 0, code_ = 0, underline_ = 0;
  std::vector<std::string> links_;   // open [text](url) spans
  std::vector<std::string> colors_;  // open <span color> tags
  std::vector<std::string> spans_;   // the kind of each open <span>: "color", "underline" or ""
  // An open <mention-*> tag: its item, whose text inside is its display name only.
  json::object mention_;
  bool in_mention_ = false;
  bool in_math_ = false;
  std::string math_;
  int image_count_ = 0, display_math_ = 0;
  bool in_image_ = false, text_outside_image_ = false, text_outside_math_ = false;
  std::string image_src_, image_alt_;
};

// Joins adjacent text items of the same look (and no link), up to 2,000 characters each.
json::array MergeText(json::array items);

// The ids a Notion URL names, dashed, or "" when it names none: the page or database at
// the end of its path ("https://www.notion.so/Title-<id>", "user://<id>", "{{…}}"
// allowed), and the block in its fragment ("…#<block id>").
std::string IdFromUrl(std::string_view url);
std::string FragmentId(std::string_view url);

// `value` for a double-quoted attribute: " and & as entities.
std::string QuoteAttribute(std::string_view value);

// The longest run of `c` in `text` (a code fence must be longer than any run of backticks).
size_t LongestRun(std::string_view text, char c);

// The value of attribute `name` in an HTML-like tag such as `<page url="x" color="red">`,
// entities decoded; empty when absent.
std::string TagAttribute(std::string_view tag, std::string_view name);
// Decodes the entities md4c reports (&amp; &lt; &gt; &quot; &apos; &#NN; &#xNN;).
std::string DecodeEntity(std::string_view entity);

}  // namespace localnotion::api::markdown
