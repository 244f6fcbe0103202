#include "api/markdown/parse.h"

#include <md4c.h>

#include <algorithm>

#include "api/blocks/code_languages.h"
#include "api/blocks/registry.h"
#include "api/icon.h"
#include "api/limits.h"
#include "api/markdown/html_table.h"
#include "api/markdown/inline.h"
#include "api/markdown/render.h"
#include "api/rich_text.h"
#include "common/uuid.h"

namespace localnotion::api::markdown {
namespace {

constexpr unsigned kFlags =
    MD_FLAG_STRIKETHROUGH | MD_FLAG_TASKLISTS | MD_FLAG_TABLES | MD_FLAG_LATEXMATHSPANS | MD_FLAG_NOINDENTEDCODEBLOCKS;

// ---- One line (or one pipe table) of ordinary markdown, through md4c ----

struct Leaf {
  std::string kind = "paragraph";  // paragraph heading bulleted numbered to_do quote divider table
  int level = 0;
  bool checked = false;
  InlineBuilder text;
  json::array rich_text;
  std::vector<std::vector<json::array>> rows;  // table cells
  bool header_row = false;
};

struct LeafState {
  const char* begin = nullptr;  // the text md4c parses
  const char* end = nullptr;
  Leaf leaf;
  bool kind_set = false;
  bool ordered = false;
  std::vector<json::array> row;
};

int EnterBlock(MD_BLOCKTYPE type, void* detail, void* user) {
  auto& s = *static_cast<LeafState*>(user);
  auto set = [&](const char* kind) {
    if (s.kind_set) return false;
    s.leaf.kind = kind;
    s.kind_set = true;
    return true;
  };
  switch (type) {
    case MD_BLOCK_DOC:
      break;
    case MD_BLOCK_QUOTE:
      set("quote");
      break;
    case MD_BLOCK_UL:
      s.ordered = false;
      break;
    case MD_BLOCK_OL:
      s.ordered = true;
      break;
    case MD_BLOCK_LI: {
      const auto* li = static_cast<const MD_BLOCK_LI_DETAIL*>(detail);
      if (set(li->is_task ? "to_do" : s.ordered ? "numbered" : "bulleted")) {
        s.leaf.checked = li->is_task && (li->task_mark == 'x' || li->task_mark == 'X');
      }
      break;
    }
    case MD_BLOCK_HR:
      set("divider");
      break;
    case MD_BLOCK_H:
      if (set("heading")) s.leaf.level = static_cast<int>(static_cast<const MD_BLOCK_H_DETAIL*>(detail)->level);
      break;
    case MD_BLOCK_TABLE:
      set("table");
      break;
    case MD_BLOCK_TR:
      s.row.clear();
      break;
    default:
      set("paragraph");
      break;
  }
  return 0;
}

int LeaveBlock(MD_BLOCKTYPE type, void*, void* user) {
  auto& s = *static_cast<LeafState*>(user);
  if (type == MD_BLOCK_TH || type == MD_BLOCK_TD) s.row.push_back(s.leaf.text.Take());  // capped in TableBlock
  if (type == MD_BLOCK_TR) s.leaf.rows.push_back(std::move(s.row));
  if (type == MD_BLOCK_THEAD) s.leaf.header_row = true;
  return 0;
}

int EnterSpan(MD_SPANTYPE type, void* detail, void* user) {
  static_cast<LeafState*>(user)->leaf.text.EnterSpan(type, detail);
  return 0;
}

int LeaveSpan(MD_SPANTYPE type, void*, void* user) {
  static_cast<LeafState*>(user)->leaf.text.LeaveSpan(type);
  return 0;
}

int Text(MD_TEXTTYPE type, const MD_CHAR* text, MD_SIZE size, void* user) {
  auto& s = *static_cast<LeafState*>(user);
  // Every text run lies inside the source. md4c 0.4.8 (Debian 12) was seen while fuzzing
  // to report a run reaching past the end of the text it was given (malformed UTF-8 and
  // runs of '&' at the end of a line): such a run is cut at the end, or dropped.
  if (text < s.begin || text > s.end) return 0;
  size = static_cast<MD_SIZE>(std::min<size_t>(size, static_cast<size_t>(s.end - text)));
  s.leaf.text.Text(type, std::string_view(text, size));
  return 0;
}

Leaf ParseLeaf(std::string_view source) {
  // A copy of its own, NUL-terminated, so that md4c never reads into what follows.
  const std::string text(source);
  LeafState state;
  state.begin = text.data();
  state.end = text.data() + text.size();
  MD_PARSER parser{};
  parser.abi_version = 0;
  parser.flags = kFlags;
  parser.enter_block = EnterBlock;
  parser.leave_block = LeaveBlock;
  parser.enter_span = EnterSpan;
  parser.leave_span = LeaveSpan;
  parser.text = Text;
  md_parse(text.data(), static_cast<MD_SIZE>(text.size()), &parser, &state);
  return std::move(state.leaf);
}

// ---- Helpers for block requests ----

json::array PlainRichText(std::string_view text) {
  InlineBuilder b;
  b.Text(MD_TEXT_NORMAL, text);
  return b.Take();
}

json::object Block(const std::string& type, json::object content) {
  return json::object{{"type", type}, {type, std::move(content)}};
}

// A rich text array in pieces of at most 100 items (at least one piece).
std::vector<json::array> Chunks(json::array items) {
  std::vector<json::array> out(1);
  for (json::value& item : items) {
    if (out.back().size() == kMaxArrayItems) out.emplace_back();
    out.back().push_back(std::move(item));
  }
  return out;
}

// The first 100 items: for a table cell, a caption or a toggle's title.
json::array Capped(json::array items) { return std::move(Chunks(std::move(items)).front()); }

std::string CodeLanguage(std::string info) {
  info = info.substr(0, info.find_first_of(" \t{"));
  std::transform(info.begin(), info.end(), info.begin(), [](unsigned char c) { return std::tolower(c); });
  static const std::vector<std::pair<std::string_view, std::string_view>> kAliases = {
      {"", "plain text"},    {"text", "plain text"}, {"plaintext", "plain text"},
      {"txt", "plain text"}, {"js", "javascript"},   {"ts", "typescript"},
      {"py", "python"},      {"sh", "shell"},        {"zsh", "shell"},
      {"cpp", "c++"},        {"cs", "c#"},           {"csharp", "c#"},
      {"yml", "yaml"},       {"rb", "ruby"},         {"rs", "rust"},
      {"kt", "kotlin"},      {"md", "markdown"},     {"dockerfile", "docker"},
      {"golang", "go"},      {"tex", "latex"}};
  for (const auto& [alias, name] : kAliases) {
    if (info == alias) return std::string(name);
  }
  const auto& known = blocks::CodeLanguages();
  if (info == "plain") return "plain text";
  return std::find(known.begin(), known.end(), info) != known.end() ? info : std::string("plain text");
}

// A trailing {key="value" ...} on a block's first line, removed from `text`.
json::object StripAttrs(std::string_view& text) {
  json::object attrs;
  if (text.empty() || text.back() != '}') return attrs;
  const size_t open = text.rfind(" {");
  if (open == std::string_view::npos) return attrs;
  std::string_view inner = text.substr(open + 2, text.size() - open - 3);
  json::object found;
  while (!inner.empty()) {
    const size_t eq = inner.find("=\"");
    if (eq == std::string_view::npos) return attrs;
    std::string key(inner.substr(0, eq));
    if (key.empty() || key.find_first_not_of("abcdefghijklmnopqrstuvwxyz-_") != std::string::npos) return attrs;
    const size_t close = inner.find('"', eq + 2);
    if (close == std::string_view::npos) return attrs;
    found[key] = std::string(inner.substr(eq + 2, close - eq - 2));
    inner = inner.substr(close + 1);
    while (!inner.empty() && inner.front() == ' ') inner.remove_prefix(1);
  }
  text = text.substr(0, open);
  return found;
}

// A color attribute Notion knows, in the API's spelling; empty for anything else (an
// unknown color is ignored, as an unknown attribute is).
std::string KnownColor(const std::string& md_color) {
  std::string color = ColorFromMarkdown(md_color);
  return IsAnnotationColor(color) ? color : std::string();
}

void ApplyColor(const json::object& attrs, json::object& content) {
  if (const json::value* color = attrs.if_contains("color"); color && color->is_string()) {
    if (std::string known = KnownColor(std::string(color->get_string())); !known.empty()) content["color"] = known;
  }
}

// A table whose rows, padded with empty cells to its widest row, would hold more cells
// than this keeps its rows as they are. The block checks then refuse it (each row must
// have table_width cells), as they refuse more than 20,000 blocks, rather than the parser
// first making millions of empty cells (1,000 rows of 1 cell and 1 of 1,000 take 8 KB).
constexpr size_t kMaxPaddedTableCells = 1000000;

json::object TableBlock(const std::vector<std::vector<json::array>>& rows, bool header_row, bool header_column) {
  size_t width = 1;
  for (const auto& row : rows) width = std::max(width, row.size());
  const bool pad = rows.size() <= kMaxPaddedTableCells / width;
  json::array children;
  for (const auto& row : rows) {
    json::array cells;
    for (size_t i = 0; i < (pad ? width : row.size()); ++i) {
      cells.push_back(i < row.size() ? json::value(Capped(row[i])) : json::value(json::array{}));
    }
    children.push_back(Block("table_row", json::object{{"cells", std::move(cells)}}));
  }
  return Block("table", json::object{{"table_width", static_cast<int64_t>(width)},
                                     {"has_column_header", header_row},
                                     {"has_row_header", header_column},
                                     {"children", std::move(children)}});
}

// ---- The outline: lines, indentation, tags ----

struct Line {
  int indent = 0;         // columns; a tab counts to the next multiple of 4
  std::string_view text;  // without the indentation and a trailing \r
  std::string_view raw;   // with its indentation
  bool blank = true;
};

std::vector<Line> SplitLines(std::string_view md) {
  std::vector<Line> lines;
  size_t start = 0;
  while (start <= md.size()) {
    size_t end = md.find('\n', start);
    if (end == std::string_view::npos) end = md.size();
    std::string_view raw = md.substr(start, end - start);
    if (!raw.empty() && raw.back() == '\r') raw.remove_suffix(1);
    Line line;
    size_t i = 0;
    for (; i < raw.size() && (raw[i] == ' ' || raw[i] == '\t'); ++i) {
      line.indent = raw[i] == '\t' ? (line.indent / 4 + 1) * 4 : line.indent + 1;
    }
    line.text = raw.substr(i);
    line.raw = raw;
    line.blank = line.text.empty();
    lines.push_back(line);
    if (end == md.size()) break;
    start = end + 1;
  }
  return lines;
}

// True when `text` is the opening tag <name ...> (or <name/> when `self_closing`).
bool Opens(std::string_view text, std::string_view name) {
  if (text.size() < name.size() + 2 || text[0] != '<' || text.substr(1, name.size()) != name) return false;
  const char after = text[name.size() + 1];
  return after == ' ' || after == '>' || after == '/';
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// The text between <tag ...> and </tag> on one line.
std::string_view TagBody(std::string_view text, std::string_view name) {
  const size_t open_end = text.find('>');
  const std::string close = "</" + std::string(name) + ">";
  const size_t close_at = text.rfind(close);
  if (open_end == std::string_view::npos || close_at == std::string_view::npos || close_at < open_end) return {};
  return text.substr(open_end + 1, close_at - open_end - 1);
}

class Outline {
 public:
  explicit Outline(std::string_view md) : lines_(SplitLines(md)) {}

  std::vector<ParsedBlock> Parse() { return Range(0, lines_.size()); }

 private:
  // The blocks of lines [b, e).
  std::vector<ParsedBlock> Range(size_t b, size_t e) {
    std::vector<ParsedBlock> out;
    size_t i = b;
    while (i < e) {
      if (lines_[i].blank) {
        ++i;
        continue;
      }
      const int base = lines_[i].indent;
      std::vector<ParsedBlock> blocks;
      size_t next = One(i, e, base, blocks);
      // Deeper lines after a block are its children.
      size_t j = next;
      while (j < e && (lines_[j].blank || lines_[j].indent > base)) ++j;
      std::vector<ParsedBlock> children = next < j ? Range(next, j) : std::vector<ParsedBlock>{};
      if (!blocks.empty() && !children.empty() && !Adopt(blocks.back(), children)) {
        for (auto& c : children) blocks.push_back(std::move(c));
      }
      if (!blocks.empty()) blocks.front().source = Source(i, j);
      for (auto& block : blocks) out.push_back(std::move(block));
      i = j;
    }
    return out;
  }

  // Lines [b, e) as written, without the blank lines at the end.
  std::string Source(size_t b, size_t e) const {
    while (e > b && lines_[e - 1].blank) --e;
    std::string out;
    for (size_t k = b; k < e; ++k) {
      if (k > b) out += '\n';
      out += lines_[k].raw;
    }
    return out;
  }

  // Puts `children` under `parent` when its type takes children; false otherwise.
  static bool Adopt(ParsedBlock& parent, std::vector<ParsedBlock>& children) {
    if (parent.request.empty()) return false;
    const std::string type(parent.request.at("type").as_string());
    const blocks::BlockType* bt = blocks::FindBlockType(type);
    const bool heading = type.starts_with("heading_");
    if (bt == nullptr || (!bt->children.takes_children && !heading) || type == "table" || type == "column_list" ||
        parent.request.at(type).as_object().contains("children")) {
      return false;
    }
    json::object& content = parent.request.at(type).as_object();
    if (heading) content["is_toggleable"] = true;
    json::array& list = content["children"].emplace_array();
    for (auto& child : children) {
      if (!child.request.empty()) list.push_back(std::move(child.request));
    }
    return true;
  }

  static json::array Requests(std::vector<ParsedBlock> blocks) {
    json::array out;
    for (auto& b : blocks) {
      if (!b.request.empty()) out.push_back(std::move(b.request));
    }
    return out;
  }

  // The closing line of the tag opened at `i`, counting nested tags of the same name;
  // `e` when it is not closed.
  size_t Close(size_t i, size_t e, std::string_view name) const {
    const std::string close = "</" + std::string(name) + ">";
    int depth = 0;
    for (size_t k = i; k < e; ++k) {
      std::string_view t = Trim(lines_[k].text);
      if (Opens(t, name) && !t.ends_with("/>") && !t.ends_with(close)) ++depth;
      if (t == close && --depth == 0) return k;
    }
    return e;
  }

  // Reads the block(s) starting at line i into `out`; returns the line after them.
  size_t One(size_t i, size_t e, int base, std::vector<ParsedBlock>& out) {
    std::string_view t = lines_[i].text;
    ParsedBlock pb;
    if (t.starts_with("```") || t.starts_with("~~~")) return Fence(i, e, base, out);
    if (Trim(t) == "$$") {
      size_t k = i + 1;
      std::string expr;
      for (; k < e && Trim(lines_[k].text) != "$$"; ++k)
        expr += (expr.empty() ? "" : "\n") + std::string(Trim(lines_[k].text));
      // Over Notion's 1,000 characters, the expression is kept as LaTeX code.
      pb.request = Utf16Length(expr) <= kMaxEquationExpression
                       ? Block("equation", json::object{{"expression", expr}})
                       : Block("code", json::object{{"rich_text", Capped(PlainRichText(expr))}, {"language", "latex"}});
      out.push_back(std::move(pb));
      return std::min(k + 1, e);
    }
    for (std::string_view tag :
         {"callout", "details", "columns", "synced_block_reference", "synced_block", "table", "meeting-notes"}) {
      if (Opens(t, tag) && !Trim(t).ends_with("/>")) return Container(i, e, tag, out);
    }
    if (Line1Tag(t, pb)) {
      if (!pb.request.empty() || !pb.ref_id.empty()) out.push_back(std::move(pb));
      return i + 1;
    }
    if (t.starts_with("|")) {
      size_t k = i;
      std::string table;
      while (k < e && !lines_[k].blank && lines_[k].text.starts_with("|"))
        table += std::string(lines_[k++].text) + "\n";
      Leaf leaf = ParseLeaf(table);
      if (leaf.kind == "table") {
        pb.request = TableBlock(leaf.rows, leaf.header_row, false);
        out.push_back(std::move(pb));
        return k;
      }
    }
    json::object attrs = StripAttrs(t);
    Leaf leaf = ParseLeaf(t);
    FromLeaf(leaf, attrs, lines_[i].text, out);
    return i + 1;
  }

  // The block of one line (more when its text is over 100 rich text items: the rest
  // follows in paragraphs). `line` is the line as written, for text that makes no block.
  static void FromLeaf(Leaf& leaf, const json::object& attrs, std::string_view line, std::vector<ParsedBlock>& out) {
    ParsedBlock pb;
    if (leaf.kind == "divider") {
      pb.request = Block("divider", json::object{});
      return out.push_back(std::move(pb));
    }
    if (leaf.kind == "table") {
      pb.request = TableBlock(leaf.rows, leaf.header_row, false);
      return out.push_back(std::move(pb));
    }
    if (leaf.kind == "paragraph" && leaf.text.only_image() && Utf16Length(leaf.text.image_src()) <= kMaxUrl) {
      json::object image{{"type", "external"}, {"external", json::object{{"url", leaf.text.image_src()}}}};
      if (!leaf.text.image_alt().empty()) image["caption"] = Capped(PlainRichText(leaf.text.image_alt()));
      pb.request = Block("image", std::move(image));
      return out.push_back(std::move(pb));
    }
    if (leaf.kind == "paragraph" && leaf.text.only_image()) {
      // An image whose URL is over Notion's limit stays the text it was.
      pb.request = Block("paragraph", json::object{{"rich_text", Capped(PlainRichText(line))}});
      return out.push_back(std::move(pb));
    }
    if (leaf.kind == "paragraph" && leaf.text.only_display_math()) {
      pb.request = Block("equation", json::object{{"expression", leaf.text.display_math()}});
      return out.push_back(std::move(pb));
    }
    std::string type = leaf.kind == "bulleted"   ? "bulleted_list_item"
                       : leaf.kind == "numbered" ? "numbered_list_item"
                       : leaf.kind == "heading"  ? "heading_" + std::to_string(std::clamp(leaf.level, 1, 4))
                                                 : leaf.kind;
    std::vector<json::array> pieces = Chunks(leaf.text.Take());
    json::object content{{"rich_text", std::move(pieces.front())}};
    if (type == "to_do") content["checked"] = leaf.checked;
    if (type.starts_with("heading_") && attrs.contains("toggle")) {
      content["is_toggleable"] = attrs.at("toggle") == "true";
    }
    ApplyColor(attrs, content);
    pb.request = Block(type, std::move(content));
    out.push_back(std::move(pb));
    for (size_t k = 1; k < pieces.size(); ++k) {
      ParsedBlock more;
      more.request = Block("paragraph", json::object{{"rich_text", std::move(pieces[k])}});
      out.push_back(std::move(more));
    }
  }

  size_t Fence(size_t i, size_t e, int base, std::vector<ParsedBlock>& out) {
    std::string_view t = lines_[i].text;
    const char ch = t[0];
    const size_t n = t.find_first_not_of(ch) == std::string_view::npos ? t.size() : t.find_first_not_of(ch);
    const std::string info(Trim(t.substr(n)));
    std::string code;
    size_t k = i + 1;
    for (; k < e; ++k) {
      std::string_view body = Trim(lines_[k].text);
      if (body.size() >= n && body.find_first_not_of(ch) == std::string_view::npos) break;
      // The line as written, less the fence's own indentation.
      std::string line(static_cast<size_t>(std::max(0, lines_[k].indent - base)), ' ');
      if (lines_[k].blank) line.clear();
      code += (k > i + 1 ? "\n" : "") + line + std::string(lines_[k].text);
    }
    // Code over 100 items of 2,000 characters continues in further code blocks.
    for (json::array& piece : Chunks(PlainRichText(code))) {
      ParsedBlock pb;
      pb.request = Block("code", json::object{{"rich_text", std::move(piece)}, {"language", CodeLanguage(info)}});
      out.push_back(std::move(pb));
    }
    return std::min(k + 1, e);
  }

  // One-line tags: <page>, <database>, media, <table_of_contents/>, <empty-block/>, <unknown/>.
  static bool Line1Tag(std::string_view t, ParsedBlock& pb) {
    t = Trim(t);
    if (Opens(t, "empty-block")) {
      pb.request = Block("paragraph", json::object{{"rich_text", json::array{}}});
      return true;
    }
    if (Opens(t, "table_of_contents")) {
      json::object content;
      if (std::string color = KnownColor(TagAttribute(t, "color")); !color.empty()) content["color"] = color;
      pb.request = Block("table_of_contents", std::move(content));
      return true;
    }
    if (Opens(t, "unknown")) {
      pb.ref_id = FragmentId(TagAttribute(t, "url"));
      if (!pb.ref_id.empty()) pb.ref_kind = "block";
      return true;
    }
    for (std::string_view kind : {"page", "database"}) {
      if (!Opens(t, kind)) continue;
      const std::string id = IdFromUrl(TagAttribute(t, "url"));
      if (id.empty()) return false;
      pb.ref_id = id;
      pb.ref_kind = std::string(kind);
      const std::string key = kind == "page" ? "page_id" : "database_id";
      pb.request = Block("link_to_page", json::object{{"type", key}, {key, id}});
      return true;
    }
    for (std::string_view kind : {"file", "video", "audio", "pdf"}) {
      if (!Opens(t, kind)) continue;
      const std::string src = TagAttribute(t, "src");
      if (Utf16Length(src) > kMaxUrl) return false;  // text, as a too-long image link is
      json::object media{{"type", "external"}, {"external", json::object{{"url", src}}}};
      if (json::array caption = ParseInline(TagBody(t, kind)); !caption.empty())
        media["caption"] = Capped(std::move(caption));
      pb.request = Block(std::string(kind), std::move(media));
      return true;
    }
    return false;
  }

  size_t Container(size_t i, size_t e, std::string_view tag, std::vector<ParsedBlock>& out) {
    std::string_view open = Trim(lines_[i].text);
    const std::string close_tag = "</" + std::string(tag) + ">";
    ParsedBlock pb;
    // <callout ...>Text</callout> on one line.
    const bool one_line = open.ends_with(close_tag);
    const size_t close = one_line ? i : Close(i, e, tag);
    const size_t inner_b = i + 1, inner_e = one_line ? i + 1 : close;
    const size_t next = std::min(close + 1, e);
    if (tag == "meeting-notes") {
      // AI meeting notes are not made through the API; the tag names an existing one (kept
      // by an update, left out of a new page), as <unknown/> does.
      pb.ref_id = FragmentId(TagAttribute(open, "url"));
      pb.ref_kind = "block";
      if (!pb.ref_id.empty()) out.push_back(std::move(pb));
      return next;
    }
    if (tag == "callout") {
      json::object content;
      std::vector<ParsedBlock> inner = one_line ? std::vector<ParsedBlock>{} : Range(inner_b, inner_e);
      json::array rich_text = one_line ? Capped(ParseInline(TagBody(open, tag))) : json::array{};
      // The first line of plain text inside is the callout's own text.
      if (!inner.empty() && inner.front().request.contains("paragraph")) {
        json::object& p = inner.front().request.at("paragraph").as_object();
        if (!p.contains("children") && !p.contains("color")) {
          rich_text = std::move(p.at("rich_text").as_array());
          inner.erase(inner.begin());
        }
      }
      content["rich_text"] = std::move(rich_text);
      if (std::string icon = TagAttribute(open, "icon"); !icon.empty()) {
        json::value emoji = json::object{{"type", "emoji"}, {"emoji", icon}};
        if (NormalizeIcon("icon", emoji).ok()) content["icon"] = std::move(emoji);  // else not an emoji Notion knows
      }
      if (std::string color = KnownColor(TagAttribute(open, "color")); !color.empty()) content["color"] = color;
      if (!inner.empty()) content["children"] = Requests(std::move(inner));
      pb.request = Block("callout", std::move(content));
    } else if (tag == "details") {
      size_t b = inner_b;
      json::array title;
      std::string_view first = Trim(open.substr(open.find('>') + 1));
      if (first.empty()) {
        while (b < inner_e && lines_[b].blank) ++b;
        if (b < inner_e) first = Trim(lines_[b].text);
        if (Opens(first, "summary")) ++b;
      }
      if (Opens(first, "summary")) title = Capped(ParseInline(TagBody(first, "summary")));
      json::object content{{"rich_text", std::move(title)}};
      if (std::string color = KnownColor(TagAttribute(open, "color")); !color.empty()) content["color"] = color;
      json::array children = Requests(Range(b, inner_e));
      if (!children.empty()) content["children"] = std::move(children);
      pb.request = Block("toggle", std::move(content));
    } else if (tag == "columns") {
      json::array columns;
      for (size_t k = inner_b; k < inner_e; ++k) {
        if (!Opens(Trim(lines_[k].text), "column")) continue;
        const size_t end = Close(k, inner_e, "column");
        json::array children = Requests(Range(k + 1, end));
        if (children.empty()) children.push_back(Block("paragraph", json::object{{"rich_text", json::array{}}}));
        columns.push_back(Block("column", json::object{{"children", std::move(children)}}));
        k = end;
      }
      pb.request = Block("column_list", json::object{{"children", std::move(columns)}});
    } else if (tag == "synced_block") {
      json::array children = Requests(Range(inner_b, inner_e));
      pb.request = Block("synced_block", json::object{{"synced_from", nullptr}, {"children", std::move(children)}});
    } else if (tag == "synced_block_reference") {
      const std::string id = FragmentId(TagAttribute(open, "url"));
      if (id.empty()) return next;
      pb.request = Block("synced_block", json::object{{"synced_from", json::object{{"block_id", id}}}});
    } else if (tag == "table") {
      std::string html;
      for (size_t k = inner_b; k < inner_e; ++k) html += std::string(lines_[k].text) + "\n";
      pb.request = HtmlTable(open, html);
    }
    out.push_back(std::move(pb));
    return next;
  }

  static json::object HtmlTable(std::string_view open, std::string_view html) {
    std::vector<std::vector<json::array>> rows;
    for (const std::vector<std::string_view>& cells : HtmlTableCells(html)) {
      std::vector<json::array> row;
      row.reserve(cells.size());
      for (std::string_view cell : cells) {
        // White space at a cell's edges means nothing in HTML, line breaks included (a cell
        // whose closing tag is missing ends with its line's).
        while (!cell.empty() && (cell.back() == '\n' || cell.back() == '\r')) cell.remove_suffix(1);
        while (!cell.empty() && (cell.front() == '\n' || cell.front() == '\r')) cell.remove_prefix(1);
        row.push_back(Capped(ParseInline(Trim(cell))));
      }
      rows.push_back(std::move(row));
    }
    return TableBlock(rows, TagAttribute(open, "header-row") == "true", TagAttribute(open, "header-column") == "true");
  }

  std::vector<Line> lines_;
};

}  // namespace

std::vector<ParsedBlock> ParseMarkdown(std::string_view markdown) { return Outline(markdown).Parse(); }

json::array ParseInline(std::string_view markdown) {
  // Each line on its own (a line break between them), so that no line is read as the
  // continuation of a block above it.
  json::array out;
  size_t start = 0;
  while (start <= markdown.size()) {
    size_t end = markdown.find('\n', start);
    if (end == std::string_view::npos) end = markdown.size();
    std::string_view line = markdown.substr(start, end - start);
    if (start > 0) out.push_back(json::object{{"type", "text"}, {"text", json::object{{"content", "\n"}}}});
    if (!Trim(line).empty()) {
      for (json::value& item : ParseLeaf(line).text.Take()) out.push_back(std::move(item));
    }
    if (end == markdown.size()) break;
    start = end + 1;
  }
  return MergeText(std::move(out));
}

}  // namespace localnotion::api::markdown
