#include "api/markdown/inline.h"

#include <fmt/format.h>

#include <algorithm>

#include "api/limits.h"
#include "api/rich_text.h"
#include "common/utf8.h"
#include "common/uuid.h"

namespace localnotion::api::markdown {
namespace {

bool Flag(const json::object& annotations, std::string_view key) {
  const json::value* v = annotations.if_contains(key);
  return v != nullptr && v->is_bool() && v->get_bool();
}

std::string StringAt(const json::object& o, std::string_view key) {
  const json::value* v = o.if_contains(key);
  return v != nullptr && v->is_string() ? std::string(v->get_string()) : std::string();
}

// `text` as an inline code span: a backtick fence longer than any run inside it.
std::string CodeSpan(std::string_view text) {
  const std::string fence(LongestRun(text, '`') + 1, '`');
  const bool pad = !text.empty() && (text.front() == '`' || text.back() == '`');
  return fence + (pad ? " " : "") + std::string(text) + (pad ? " " : "") + fence;
}

// Wraps `core` in a delimiter pair, leaving its outer whitespace outside: CommonMark
// does not open emphasis before a space ("** a**" is not bold).
std::string Wrap(const std::string& core, std::string_view open, std::string_view close) {
  const size_t first = core.find_first_not_of(' ');
  if (first == std::string::npos) return core;
  const size_t last = core.find_last_not_of(' ');
  return core.substr(0, first) + std::string(open) + core.substr(first, last - first + 1) + std::string(close) +
         core.substr(last + 1);
}

std::string RenderMention(const json::object& item) {
  const json::object& m = item.at("mention").as_object();
  const std::string type = StringAt(m, "type");
  const std::string name = Escape(StringAt(item, "plain_text"));
  const json::object* target = m.if_contains(type) && m.at(type).is_object() ? &m.at(type).as_object() : nullptr;
  const std::string id = target != nullptr ? StringAt(*target, "id") : std::string();
  if (type == "user") return fmt::format("<mention-user url=\"user://{}\">{}</mention-user>", id, name);
  if (type == "page" || type == "database") {
    const std::string url = "https://www.notion.so/" + CompactUuid(id);
    return fmt::format("<mention-{} url=\"{}\">{}</mention-{}>", type, url, name, type);
  }
  if (type == "date" && target != nullptr) {
    std::string out = fmt::format("<mention-date start=\"{}\"", QuoteAttribute(StringAt(*target, "start")));
    if (std::string end = StringAt(*target, "end"); !end.empty())
      out += fmt::format(" end=\"{}\"", QuoteAttribute(end));
    if (std::string tz = StringAt(*target, "time_zone"); !tz.empty())
      out += fmt::format(" timeZone=\"{}\"", QuoteAttribute(tz));
    return out + "/>";
  }
  if (type == "custom_emoji" && target != nullptr) return ":" + StringAt(*target, "name") + ":";
  // link_preview, template_mention and others: their text, linked when they have a link.
  const std::string href = StringAt(item, "href");
  return href.empty() ? name : fmt::format("[{}]({})", name, href);
}

std::string RenderItem(const json::object& item) {
  static const json::object kNone;
  const json::object& a = item.if_contains("annotations") && item.at("annotations").is_object()
                              ? item.at("annotations").as_object()
                              : kNone;
  const std::string type = StringAt(item, "type");
  std::string core;
  std::string link;
  if (type == "equation") {
    core = "$" + StringAt(item.at("equation").as_object(), "expression") + "$";
  } else if (type == "mention") {
    core = RenderMention(item);
  } else {
    const json::object* text = item.if_contains("text") ? item.at("text").if_object() : nullptr;
    const std::string content = text ? StringAt(*text, "content") : StringAt(item, "plain_text");
    core = Flag(a, "code") ? CodeSpan(content) : Escape(content);
    if (text != nullptr) {
      if (const json::value* l = text->if_contains("link"); l && l->is_object()) link = StringAt(l->as_object(), "url");
    }
  }
  if (Flag(a, "strikethrough")) core = Wrap(core, "~~", "~~");
  if (Flag(a, "italic")) core = Wrap(core, "*", "*");
  if (Flag(a, "bold")) core = Wrap(core, "**", "**");
  if (Flag(a, "underline")) core = "<span underline=\"true\">" + core + "</span>";
  if (std::string color = StringAt(a, "color"); !color.empty() && color != "default") {
    core = "<span color=\"" + color + "\">" + core + "</span>";
  }
  if (!link.empty()) {
    const bool bracket = link.find_first_of(" ()<>") != std::string::npos;
    core = "[" + core + "](" + (bracket ? "<" + link + ">" : link) + ")";
  }
  return core;
}

// Splits `text` into pieces of at most kMaxRichTextContent UTF-16 units, on character boundaries.
std::vector<std::string_view> SplitForItems(std::string_view text) {
  std::vector<std::string_view> out;
  size_t start = 0, units = 0, i = 0;
  while (i < text.size()) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    const size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    const size_t u = len == 4 ? 2 : 1;
    if (units + u > kMaxRichTextContent) {
      out.push_back(text.substr(start, i - start));
      start = i;
      units = 0;
    }
    units += u;
    i += len;
  }
  if (start < text.size()) out.push_back(text.substr(start));
  return out;
}

}  // namespace

std::string IdFromUrl(std::string_view url) {
  if (url.size() >= 4 && url.substr(0, 2) == "{{" && url.substr(url.size() - 2) == "}}") {
    url = url.substr(2, url.size() - 4);
  }
  url = url.substr(0, std::min(url.find('?'), url.find('#')));
  while (!url.empty() && url.back() == '/') url.remove_suffix(1);
  std::string hex;
  for (size_t i = url.size(); i-- > 0 && hex.size() < 32;) {
    const char c = url[i];
    if (c == '-') continue;
    if (!std::isxdigit(static_cast<unsigned char>(c))) break;
    hex.insert(hex.begin(), c);
  }
  auto id = hex.size() == 32 ? NormalizeUuid(hex) : std::nullopt;
  return id ? *id : std::string();
}

std::string FragmentId(std::string_view url) {
  const size_t hash = url.rfind('#');
  auto id = hash == std::string_view::npos ? std::nullopt : NormalizeUuid(url.substr(hash + 1));
  return id ? *id : std::string();
}

std::string QuoteAttribute(std::string_view value) {
  std::string out;
  for (char c : value) {
    if (c == '"') {
      out += "&quot;";
    } else if (c == '&') {
      out += "&amp;";
    } else {
      out += c;
    }
  }
  return out;
}

size_t LongestRun(std::string_view text, char c) {
  size_t longest = 0, run = 0;
  for (char ch : text) {
    run = ch == c ? run + 1 : 0;
    longest = std::max(longest, run);
  }
  return longest;
}

std::string Escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    const char prev = i == 0 ? ' ' : text[i - 1];
    const char next = i + 1 < text.size() ? text[i + 1] : ' ';
    if (c == '\n') {
      out += "<br>";
      continue;
    }
    bool escape = std::string_view("\\*~`$[]<>{}|^").find(c) != std::string_view::npos;
    // An underscore opens or closes emphasis only at a word boundary (CommonMark), and a
    // leading #, -, + or "1." would read as a heading or a list item.
    if (c == '_')
      escape = !std::isalnum(static_cast<unsigned char>(prev)) || !std::isalnum(static_cast<unsigned char>(next));
    if (i == 0 && (c == '#' || c == '-' || c == '+')) escape = true;
    if (c == '&') escape = std::isalpha(static_cast<unsigned char>(next)) || next == '#';
    if ((c == '.' || c == ')') && i > 0 && std::all_of(text.begin(), text.begin() + i, [](char d) {
          return std::isdigit(static_cast<unsigned char>(d));
        })) {
      escape = true;
    }
    if (escape) out += '\\';
    out += c;
  }
  return out;
}

std::string RenderRichText(const json::array& rich_text) {
  std::string out;
  for (const json::value& item : rich_text) {
    if (item.is_object()) out += RenderItem(item.get_object());
  }
  return out;
}

std::string DecodeEntity(std::string_view e) {
  if (e == "&amp;") return "&";
  if (e == "&lt;") return "<";
  if (e == "&gt;") return ">";
  if (e == "&quot;") return "\"";
  if (e == "&apos;") return "'";
  if (e == "&nbsp;") return "\xC2\xA0";
  if (e.size() > 3 && e[1] == '#' && e.back() == ';') {
    const bool hex = e[2] == 'x' || e[2] == 'X';
    const std::string digits(e.substr(hex ? 3 : 2, e.size() - (hex ? 4 : 3)));
    char32_t cp = 0;
    try {
      cp = static_cast<char32_t>(std::stoul(digits, nullptr, hex ? 16 : 10));
    } catch (...) {
      return std::string(e);
    }
    if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
    std::string out;
    AppendUtf8(cp, out);
    return out;
  }
  return std::string(e);
}

std::string TagAttribute(std::string_view tag, std::string_view name) {
  for (size_t at = tag.find(name); at != std::string_view::npos; at = tag.find(name, at + 1)) {
    if (at == 0 || !std::isspace(static_cast<unsigned char>(tag[at - 1]))) continue;
    size_t i = at + name.size();
    if (i >= tag.size() || tag[i] != '=' || i + 1 >= tag.size()) continue;
    const char quote = tag[i + 1];
    if (quote != '"' && quote != '\'') continue;
    const size_t end = tag.find(quote, i + 2);
    if (end == std::string_view::npos) return std::string();
    std::string out;
    std::string_view raw = tag.substr(i + 2, end - i - 2);
    for (size_t k = 0; k < raw.size(); ++k) {
      if (raw[k] == '&') {
        const size_t semi = raw.find(';', k);
        if (semi != std::string_view::npos && semi - k < 10) {
          out += DecodeEntity(raw.substr(k, semi - k + 1));
          k = semi;
          continue;
        }
      }
      out += raw[k];
    }
    return out;
  }
  return std::string();
}

void InlineBuilder::EnterSpan(MD_SPANTYPE type, const void* detail) {
  switch (type) {
    case MD_SPAN_EM:
      ++italic_;
      break;
    case MD_SPAN_STRONG:
      ++bold_;
      break;
    case MD_SPAN_DEL:
      ++strike_;
      break;
    case MD_SPAN_CODE:
      ++code_;
      break;
    case MD_SPAN_U:
      ++underline_;
      break;
    case MD_SPAN_A: {
      const auto* a = static_cast<const MD_SPAN_A_DETAIL*>(detail);
      std::string href(a->href.text, a->href.size);
      // A link longer than Notion's 2,000 characters keeps its text only.
      links_.push_back(Utf16Length(href) <= kMaxUrl ? std::move(href) : std::string());
      break;
    }
    case MD_SPAN_IMG: {
      const auto* img = static_cast<const MD_SPAN_IMG_DETAIL*>(detail);
      ++image_count_;
      in_image_ = true;
      image_src_.assign(img->src.text, img->src.size);
      image_alt_.clear();
      break;
    }
    case MD_SPAN_LATEXMATH:
    case MD_SPAN_LATEXMATH_DISPLAY:
      in_math_ = true;
      math_.clear();
      if (type == MD_SPAN_LATEXMATH_DISPLAY) ++display_math_;
      break;
    default:
      break;
  }
}

void InlineBuilder::LeaveSpan(MD_SPANTYPE type) {
  switch (type) {
    case MD_SPAN_EM:
      --italic_;
      break;
    case MD_SPAN_STRONG:
      --bold_;
      break;
    case MD_SPAN_DEL:
      --strike_;
      break;
    case MD_SPAN_CODE:
      --code_;
      break;
    case MD_SPAN_U:
      --underline_;
      break;
    case MD_SPAN_A:
      if (!links_.empty()) links_.pop_back();
      break;
    case MD_SPAN_IMG:
      in_image_ = false;
      break;
    case MD_SPAN_LATEXMATH:
    case MD_SPAN_LATEXMATH_DISPLAY:
      in_math_ = false;
      if (Utf16Length(math_) > kMaxEquationExpression) {
        // Longer than Notion's 1,000-character expression: kept as the text it was.
        const std::string delimiter = type == MD_SPAN_LATEXMATH_DISPLAY ? "$$" : "$";
        AddText(delimiter + math_ + delimiter);
        break;
      }
      AddItem(json::object{{"type", "equation"}, {"equation", json::object{{"expression", math_}}}},
              type == MD_SPAN_LATEXMATH_DISPLAY);
      break;
    default:
      break;
  }
}

void InlineBuilder::Text(MD_TEXTTYPE type, std::string_view text) {
  if (in_math_) {
    math_ += type == MD_TEXT_SOFTBR ? std::string_view("\n") : text;
    return;
  }
  switch (type) {
    case MD_TEXT_HTML:
      OnHtml(text);
      return;
    case MD_TEXT_ENTITY:
      AddText(DecodeEntity(text));
      return;
    case MD_TEXT_BR:
      AddText("\n");
      return;
    case MD_TEXT_SOFTBR:
      AddText(" ");
      return;
    case MD_TEXT_NULLCHAR:
      AddText("\xEF\xBF\xBD");
      return;
    default:
      AddText(text);
      return;
  }
}

void InlineBuilder::OnHtml(std::string_view tag) {
  auto named = [&](std::string_view name) {
    return tag.size() > name.size() + 1 && tag.substr(1, name.size()) == name &&
           (tag[name.size() + 1] == ' ' || tag[name.size() + 1] == '>' || tag[name.size() + 1] == '/');
  };
  const bool self_closing = tag.size() >= 2 && tag.substr(tag.size() - 2) == "/>";
  if (named("br")) return AddText("\n");
  if (named("span")) {
    std::string color = TagAttribute(tag, "color");
    if (!IsAnnotationColor(color)) color.clear();  // an unknown color is ignored
    const bool underline = TagAttribute(tag, "underline") == "true";
    spans_.push_back(!color.empty() ? "color" : underline ? "underline" : "");
    if (!color.empty()) colors_.push_back(std::move(color));
    if (underline) ++underline_;
    return;
  }
  if (tag == "</span>") {
    if (spans_.empty()) return;
    if (spans_.back() == "color") colors_.pop_back();
    if (spans_.back() == "underline") --underline_;
    spans_.pop_back();
    return;
  }
  for (std::string_view kind : {"user", "page", "database"}) {
    const std::string name = "mention-" + std::string(kind);
    if (named(name)) {
      const std::string id = IdFromUrl(TagAttribute(tag, "url"));
      if (id.empty()) return;
      mention_ =
          json::object{{"type", "mention"}, {"mention", json::object{{std::string(kind), json::object{{"id", id}}}}}};
      if (self_closing) {
        AddItem(std::move(mention_));
      } else {
        in_mention_ = true;
      }
      return;
    }
    if (tag == "</" + name + ">") {
      if (in_mention_) AddItem(std::move(mention_));
      in_mention_ = false;
      return;
    }
  }
  if (named("mention-date")) {
    std::string start = TagAttribute(tag, "start"), end = TagAttribute(tag, "end");
    if (std::string t = TagAttribute(tag, "startTime"); !t.empty()) start += "T" + t + ":00";
    if (std::string t = TagAttribute(tag, "endTime"); !t.empty() && !end.empty()) end += "T" + t + ":00";
    json::object date{{"start", start}};
    if (!end.empty()) date["end"] = end;
    AddItem(json::object{{"type", "mention"}, {"mention", json::object{{"date", date}}}});
    if (!self_closing) in_mention_ = true, mention_.clear();
    return;
  }
  if (tag == "</mention-date>") {
    in_mention_ = false;
    return;
  }
  // Any other tag is text, as Notion keeps it.
  AddText(tag);
}

void InlineBuilder::AddItem(json::object item, bool display_math) {
  if (item.empty() || in_image_) return;
  if (!display_math) text_outside_math_ = true;
  text_outside_image_ = true;
  items_.push_back(std::move(item));
}

void InlineBuilder::AddText(std::string_view text) {
  if (in_mention_ || text.empty()) return;
  if (in_image_) {
    image_alt_ += text;
    return;
  }
  text_outside_image_ = true;
  text_outside_math_ = true;
  json::object annotations;
  if (bold_ > 0) annotations["bold"] = true;
  if (italic_ > 0) annotations["italic"] = true;
  if (strike_ > 0) annotations["strikethrough"] = true;
  if (underline_ > 0) annotations["underline"] = true;
  if (code_ > 0) annotations["code"] = true;
  if (!colors_.empty()) annotations["color"] = colors_.back();
  const std::string link = links_.empty() ? std::string() : links_.back();
  for (std::string_view piece : SplitForItems(text)) {
    // Extends the last item when it has the same look and room left.
    if (!items_.empty()) {
      json::object& last = items_.back().as_object();
      const json::object* last_annotations =
          last.if_contains("annotations") ? &last.at("annotations").as_object() : nullptr;
      const bool same_look = (last_annotations ? *last_annotations : json::object()) == annotations;
      json::object* last_text = last.if_contains("text") ? &last.at("text").as_object() : nullptr;
      const json::value* last_link = last_text ? last_text->if_contains("link") : nullptr;
      const std::string last_url = last_link ? StringAt(last_link->as_object(), "url") : std::string();
      if (last_text && same_look && last_url == link) {
        std::string joined = StringAt(*last_text, "content") + std::string(piece);
        if (Utf16Length(joined) <= kMaxRichTextContent) {
          (*last_text)["content"] = joined;
          continue;
        }
      }
    }
    json::object content{{"content", piece}};
    if (!link.empty()) content["link"] = json::object{{"url", link}};
    json::object item{{"type", "text"}, {"text", std::move(content)}};
    if (!annotations.empty()) item["annotations"] = annotations;
    items_.push_back(std::move(item));
  }
}

json::array MergeText(json::array items) {
  json::array out;
  for (json::value& item : items) {
    json::object& o = item.as_object();
    if (!out.empty() && o.at("type") == "text" && out.back().as_object().at("type") == "text") {
      json::object& last = out.back().as_object();
      const json::value* a = o.if_contains("annotations");
      const json::value* b = last.if_contains("annotations");
      json::object& text = o.at("text").as_object();
      json::object& last_text = last.at("text").as_object();
      const bool same = (a ? *a : json::value(json::object())) == (b ? *b : json::value(json::object())) &&
                        text.if_contains("link") == nullptr && last_text.if_contains("link") == nullptr;
      std::string joined =
          std::string(last_text.at("content").as_string()) + std::string(text.at("content").as_string());
      if (same && Utf16Length(joined) <= kMaxRichTextContent) {
        last_text["content"] = joined;
        continue;
      }
    }
    out.push_back(std::move(item));
  }
  return out;
}

json::array InlineBuilder::Take() {
  json::array out = std::move(items_);
  *this = InlineBuilder();
  return out;
}

}  // namespace localnotion::api::markdown
