#include "api/markdown/render.h"

#include <fmt/format.h>

#include <algorithm>

#include "api/markdown/inline.h"
#include "api/objects.h"
#include "common/json_fields.h"
#include "common/uuid.h"

namespace localnotion::api::markdown {
namespace {

const json::object& ObjectAt(const json::object& o, std::string_view key) {
  static const json::object kEmpty;
  const json::value* v = o.if_contains(key);
  return v != nullptr && v->is_object() ? v->get_object() : kEmpty;
}

const json::array& Arr(const json::object& o, std::string_view key) {
  static const json::array kEmpty;
  const json::value* v = o.if_contains(key);
  return v != nullptr && v->is_array() ? v->get_array() : kEmpty;
}

// The trailing {color="..." toggle="true"} of a block's first line.
std::string BlockAttrs(const json::object& content, bool toggle = false) {
  std::string attrs;
  if (toggle) attrs += "toggle=\"true\"";
  const std::string color = StringAt(content, "color");
  if (!color.empty() && color != "default")
    attrs += (attrs.empty() ? "" : " ") + fmt::format("color=\"{}\"", ColorToMarkdown(color));
  return attrs.empty() ? std::string() : " {" + attrs + "}";
}

// A color attribute inside a tag: ` color="blue_bg"`, or nothing for the default.
std::string TagColor(const json::object& content) {
  const std::string color = StringAt(content, "color");
  return color.empty() || color == "default" ? std::string() : fmt::format(" color=\"{}\"", ColorToMarkdown(color));
}

// Rich text as one line: a leading space or tab would read as indentation.
std::string LineText(const json::array& rich_text) {
  std::string text = RenderRichText(rich_text);
  if (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text = "&#32;" + text.substr(1);
  return text;
}

std::string FileUrl(const json::object& content) {
  const std::string type = StringAt(content, "type");
  return StringAt(ObjectAt(content, type), "url");
}

bool IsListItem(const std::string& type) {
  return type == "bulleted_list_item" || type == "numbered_list_item" || type == "to_do";
}

class Renderer {
 public:
  Renderer(const RenderOptions& options, std::vector<std::string>* top_level)
      : options_(options), top_level_(top_level) {}

  void Blocks(const std::vector<MdNode>& blocks, int depth) {
    std::string previous;
    int number = 0;
    for (size_t i = 0; i < blocks.size(); ++i) {
      const std::string type = StringAt(blocks[i].block, "type");
      number = type == "numbered_list_item" && previous == type ? number + 1 : 1;
      // A blank line between blocks, except between items of one list.
      if (i > 0 && !(IsListItem(type) && type == previous)) out_ += '\n';
      const size_t start = out_.empty() ? 0 : out_.size() + 1;
      Block(blocks[i], depth, number);
      if (depth == 0 && top_level_ != nullptr) top_level_->push_back(out_.substr(std::min(start, out_.size())));
      previous = type;
    }
  }

  std::string Take() { return std::move(out_); }

 private:
  void Line(int depth, std::string_view text) {
    if (!out_.empty()) out_ += '\n';
    out_.append(static_cast<size_t>(depth), '\t');
    out_ += text;
  }

  void Children(const MdNode& node, int depth) {
    if (!node.children.empty()) Blocks(node.children, depth);
  }

  std::string Url(const MdNode& node) const { return BlockUrl(options_.page_id, StringAt(node.block, "id")); }

  void Unknown(const MdNode& node, int depth) {
    Line(depth, fmt::format("<unknown url=\"{}\" alt=\"{}\"/>", Url(node), StringAt(node.block, "type")));
  }

  void Block(const MdNode& node, int depth, int number) {
    const std::string type = StringAt(node.block, "type");
    if (node.unknown) return Unknown(node, depth);
    const json::object& c = ObjectAt(node.block, type);
    const json::array& rt = Arr(c, "rich_text");
    if (type == "paragraph") {
      Line(depth, rt.empty() ? std::string("<empty-block/>") : LineText(rt) + BlockAttrs(c));
      return Children(node, depth + 1);
    }
    if (type.starts_with("heading_")) {
      const int level = std::clamp(type.back() - '0', 1, 4);
      const bool toggle = c.if_contains("is_toggleable") && c.at("is_toggleable") == true;
      Line(depth, std::string(static_cast<size_t>(level), '#') + " " + LineText(rt) + BlockAttrs(c, toggle));
      return Children(node, depth + 1);
    }
    if (type == "bulleted_list_item" || type == "numbered_list_item" || type == "to_do") {
      std::string marker = type == "numbered_list_item" ? fmt::format("{}. ", number) : std::string("- ");
      if (type == "to_do") marker += c.if_contains("checked") && c.at("checked") == true ? "[x] " : "[ ] ";
      Line(depth, marker + LineText(rt) + BlockAttrs(c));
      return Children(node, depth + 1);
    }
    if (type == "quote") {
      Line(depth, "> " + LineText(rt) + BlockAttrs(c));
      return Children(node, depth + 1);
    }
    if (type == "toggle") {
      Line(depth, "<details" + TagColor(c) + ">");
      Line(depth, "<summary>" + LineText(rt) + "</summary>");
      Children(node, depth + 1);
      return Line(depth, "</details>");
    }
    if (type == "callout") {
      const json::object& icon = ObjectAt(c, "icon");
      std::string attrs;
      if (StringAt(icon, "type") == "emoji")
        attrs += fmt::format(" icon=\"{}\"", QuoteAttribute(StringAt(icon, "emoji")));
      Line(depth, "<callout" + attrs + TagColor(c) + ">");
      if (!rt.empty()) Line(depth + 1, LineText(rt));
      Children(node, depth + 1);
      return Line(depth, "</callout>");
    }
    if (type == "divider") return Line(depth, "---");
    if (type == "code") return Code(c, depth);
    if (type == "equation") {
      Line(depth, "$$");
      Line(depth, StringAt(c, "expression"));
      return Line(depth, "$$");
    }
    if (type == "table") return Table(node, c, depth);
    if (type == "image") {
      return Line(depth, fmt::format("![{}]({})", RenderRichText(Arr(c, "caption")), FileUrl(c)));
    }
    if (type == "file" || type == "video" || type == "audio" || type == "pdf") {
      return Line(depth, fmt::format("<{} src=\"{}\">{}</{}>", type, QuoteAttribute(FileUrl(c)),
                                     RenderRichText(Arr(c, "caption")), type));
    }
    if (type == "child_page") {
      const std::string title = StringAt(c, "title");
      return Line(depth, fmt::format("<page url=\"{}\">{}</page>",
                                     QuoteAttribute(NotionUrl(title, StringAt(node.block, "id"))), Escape(title)));
    }
    if (type == "child_database") {
      return Line(depth, fmt::format("<database url=\"https://www.notion.so/{}\">{}</database>",
                                     CompactUuid(StringAt(node.block, "id")), Escape(StringAt(c, "title"))));
    }
    if (type == "link_to_page") {
      const std::string kind = StringAt(c, "type");
      const std::string id = StringAt(c, kind);
      const std::string title = options_.title_of ? options_.title_of(id) : std::string();
      const std::string tag = kind == "page_id" ? "page" : "database";
      return Line(
          depth, fmt::format("<{} url=\"https://www.notion.so/{}\">{}</{}>", tag, CompactUuid(id), Escape(title), tag));
    }
    if (type == "synced_block") {
      const json::object& from = ObjectAt(c, "synced_from");
      const std::string original = StringAt(from, "block_id");
      const std::string tag = original.empty() ? "synced_block" : "synced_block_reference";
      const std::string id = original.empty() ? StringAt(node.block, "id") : original;
      Line(depth, fmt::format("<{} url=\"{}\">", tag, BlockUrl(options_.page_id, id)));
      Children(node, depth + 1);
      return Line(depth, "</" + tag + ">");
    }
    if (type == "column_list") {
      Line(depth, "<columns>");
      for (const MdNode& column : node.children) {
        Line(depth + 1, "<column>");
        Children(column, depth + 2);
        Line(depth + 1, "</column>");
      }
      return Line(depth, "</columns>");
    }
    if (type == "table_of_contents") return Line(depth, "<table_of_contents" + TagColor(c) + "/>");
    if (type == "meeting_notes" || type == "transcription") {
      // Without include_transcript, a meeting note is a placeholder with its URL and title
      // (its summary, notes and transcript are blocks of their own, not listed here).
      if (!options_.include_transcript) {
        return Line(depth, fmt::format("<meeting-notes url=\"{}\">{}</meeting-notes>", Url(node),
                                       RenderRichText(Arr(c, "title"))));
      }
      return MeetingNote(node, c, depth);
    }
    Unknown(node, depth);
  }

  // With include_transcript: the title, then each tab the note has, in the tag named
  // after it (<summary>, <notes>, <transcript>), holding the tab's content
  // (docs/compat.md, "Markdown").
  void MeetingNote(const MdNode& node, const json::object& c, int depth) {
    Line(depth, fmt::format("<meeting-notes url=\"{}\">", Url(node)));
    Line(depth + 1, RenderRichText(Arr(c, "title")));
    const json::object& tabs = ObjectAt(c, "children");
    for (auto [key, tag] : {std::pair{"summary_block_id", "summary"}, std::pair{"notes_block_id", "notes"},
                            std::pair{"transcript_block_id", "transcript"}}) {
      const std::string id = StringAt(tabs, key);
      if (id.empty()) continue;
      for (const MdNode& tab : node.children) {
        if (StringAt(tab.block, "id") != id) continue;
        Line(depth + 1, fmt::format("<{}>", tag));
        Children(tab, depth + 2);
        Line(depth + 1, fmt::format("</{}>", tag));
      }
    }
    Line(depth, "</meeting-notes>");
  }

  void Code(const json::object& c, int depth) {
    std::string text;
    for (const json::value& item : Arr(c, "rich_text")) {
      if (item.is_object()) text += StringAt(item.get_object(), "plain_text");
    }
    const std::string fence(std::max<size_t>(3, LongestRun(text, '`') + 1), '`');
    const std::string language = StringAt(c, "language");
    Line(depth, fence + (language == "plain text" ? std::string() : language));
    size_t start = 0;
    while (start <= text.size()) {
      const size_t end = std::min(text.find('\n', start), text.size());
      Line(depth, std::string_view(text).substr(start, end - start));
      start = end + 1;
    }
    Line(depth, fence);
  }

  void Table(const MdNode& node, const json::object& c, int depth) {
    std::string attrs;
    if (c.if_contains("has_column_header") && c.at("has_column_header") == true) attrs += " header-row=\"true\"";
    if (c.if_contains("has_row_header") && c.at("has_row_header") == true) attrs += " header-column=\"true\"";
    Line(depth, "<table" + attrs + ">");
    for (const MdNode& row : node.children) {
      const json::object& r = ObjectAt(row.block, "table_row");
      Line(depth + 1, "<tr>");
      for (const json::value& cell : Arr(r, "cells")) {
        Line(depth + 2, "<td>" + (cell.is_array() ? RenderRichText(cell.get_array()) : std::string()) + "</td>");
      }
      Line(depth + 1, "</tr>");
    }
    Line(depth, "</table>");
  }

  const RenderOptions& options_;
  std::vector<std::string>* top_level_;
  std::string out_;
};

}  // namespace

std::string BlockUrl(const std::string& page_id, const std::string& block_id) {
  return "https://www.notion.so/" + CompactUuid(page_id) + "#" + CompactUuid(block_id);
}

std::string ColorToMarkdown(const std::string& api_color) {
  constexpr std::string_view kSuffix = "_background";
  if (api_color.ends_with(kSuffix)) return api_color.substr(0, api_color.size() - kSuffix.size()) + "_bg";
  return api_color;
}

std::string ColorFromMarkdown(const std::string& md_color) {
  if (md_color.ends_with("_bg")) return md_color.substr(0, md_color.size() - 3) + "_background";
  return md_color;
}

std::string RenderMarkdown(const std::vector<MdNode>& blocks, const RenderOptions& options,
                           std::vector<std::string>* top_level) {
  Renderer r(options, top_level);
  r.Blocks(blocks, 0);
  return r.Take();
}

}  // namespace localnotion::api::markdown
