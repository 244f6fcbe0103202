#include "query/values.h"

#include "common/utf8.h"

#include "common/uuid.h"
#include "schema/formula/date_time.h"

namespace localnotion::query {
namespace {

std::string_view StringOr(const json::value* v, std::string_view fallback = "") {
  return v != nullptr && v->is_string() ? std::string_view(v->get_string()) : fallback;
}

std::string PlainText(const json::array& rich_text) {
  std::string out;
  for (const auto& rt : rich_text) {
    const json::value* plain = Member(&rt, "plain_text");
    if (plain != nullptr && plain->is_string()) {
      out += plain->get_string();
    } else if (const json::value* content = Member(Member(&rt, "text"), "content"); content && content->is_string()) {
      out += content->get_string();
    }
  }
  return out;
}

std::optional<double> AsNumber(const json::value* v) {
  if (v == nullptr) return std::nullopt;
  if (v->is_int64()) return static_cast<double>(v->get_int64());
  if (v->is_uint64()) return static_cast<double>(v->get_uint64());
  if (v->is_double()) return v->get_double();
  return std::nullopt;
}

uint32_t Lower(uint32_t cp) {
  if (cp >= 'A' && cp <= 'Z') return cp + 32;
  if (cp < 0xC0) return cp;
  if (cp <= 0xDE && cp != 0xD7) return cp + 32;                              // Latin-1
  if (cp >= 0x100 && cp <= 0x137) return cp | 1;                             // Latin Extended-A, pairs
  if (cp >= 0x139 && cp <= 0x148) return (cp & 1) ? cp + 1 : cp;
  if (cp >= 0x14A && cp <= 0x177) return cp | 1;
  if (cp == 0x178) return 0xFF;
  if (cp >= 0x179 && cp <= 0x17E) return (cp & 1) ? cp + 1 : cp;
  if (cp >= 0x391 && cp <= 0x3AB && cp != 0x3A2) return cp + 32;             // Greek
  if (cp >= 0x400 && cp <= 0x40F) return cp + 80;                            // Cyrillic
  if (cp >= 0x410 && cp <= 0x42F) return cp + 32;
  return cp;
}

}  // namespace

std::string_view TypeOf(const json::value* typed) {
  if (typed == nullptr || !typed->is_object()) return "";
  const json::value* t = Find(typed->get_object(), "type");
  return t != nullptr && t->is_string() ? std::string_view(t->get_string()) : std::string_view();
}

const json::value* Member(const json::value* v, std::string_view key) {
  if (v == nullptr || !v->is_object()) return nullptr;
  return Find(v->get_object(), key);
}

std::optional<DatePoint> ParseDatePoint(std::string_view text) {
  auto d = schema::formula::ParseIsoDate(text);
  if (!d) return std::nullopt;
  return DatePoint{d->start, d->has_time};
}

int64_t DayOf(Millis ms) {
  int64_t day = ms / kDayMs;
  if (ms % kDayMs < 0) --day;
  return day;
}

const json::value* Inner(const json::value* typed, std::string_view* type) {
  for (int depth = 0; depth < 4 && typed != nullptr && typed->is_object(); ++depth) {
    std::string_view t = StringOr(Find(typed->get_object(), "type"));
    const json::value* inner = Find(typed->get_object(), t);
    if (t == "formula" && inner != nullptr && inner->is_object()) {
      typed = inner;
      continue;
    }
    if (type != nullptr) *type = t;
    return inner;
  }
  return nullptr;
}

std::string StoredText(const json::value* v) {
  if (v == nullptr) return "";
  if (v->is_array()) return PlainText(v->get_array());
  if (v->is_string()) return std::string(v->get_string());
  return "";
}

bool HoldsMention(const json::value* v) {
  if (v == nullptr || !v->is_array()) return false;
  for (const auto& rt : v->get_array()) {
    if (StringOr(Member(&rt, "type")) == "mention") return true;
  }
  return false;
}

std::string TextOf(const json::value* typed) {
  std::string_view type;
  return StoredText(Inner(typed, &type));
}

std::optional<double> NumberOf(const json::value* typed) {
  std::string_view type;
  const json::value* v = Inner(typed, &type);
  if (type == "unique_id") return AsNumber(Member(v, "number"));
  if (type == "rollup") {
    std::string_view inner_type;
    const json::value* n = Inner(v, &inner_type);
    return inner_type == "number" ? AsNumber(n) : std::nullopt;
  }
  return AsNumber(v);
}

bool CheckboxOf(const json::value* typed) {
  const json::value* v = Inner(typed, nullptr);
  return v != nullptr && v->is_bool() && v->get_bool();
}

std::optional<std::string> OptionNameOf(const json::value* typed) {
  const json::value* v = Inner(typed, nullptr);
  const json::value* name = Member(v, "name");
  if (name == nullptr || !name->is_string()) return std::nullopt;
  return std::string(name->get_string());
}

std::vector<std::string> OptionNamesOf(const json::value* typed) {
  std::vector<std::string> out;
  const json::value* v = Inner(typed, nullptr);
  if (v == nullptr || !v->is_array()) return out;
  for (const auto& option : v->get_array()) {
    const json::value* name = Member(&option, "name");
    if (name != nullptr && name->is_string()) out.emplace_back(name->get_string());
  }
  return out;
}

std::optional<DatePoint> DateOf(const json::value* typed) {
  std::string_view type;
  const json::value* v = Inner(typed, &type);
  if (type == "rollup") v = Inner(v, &type);
  if (v == nullptr) return std::nullopt;
  if (v->is_string()) return ParseDatePoint(v->get_string());  // created_time, last_edited_time
  const json::value* start = Member(v, "start");
  if (start == nullptr || !start->is_string()) return std::nullopt;
  return ParseDatePoint(start->get_string());
}

std::vector<std::string> IdsOf(const json::value* typed) {
  std::vector<std::string> out;
  const json::value* v = Inner(typed, nullptr);
  if (v == nullptr) return out;
  auto add = [&](const json::value& item) {
    std::string_view id = item.is_string() ? std::string_view(item.get_string()) : StringOr(Member(&item, "id"));
    if (id.empty()) return;
    auto norm = NormalizeUuid(id);
    out.push_back(norm ? *norm : std::string(id));
  };
  if (v->is_array()) {
    for (const auto& item : v->get_array()) add(item);
  } else if (v->is_object() || v->is_string()) {
    add(*v);  // created_by / last_edited_by: one user
  }
  return out;
}

size_t CountOf(const json::value* typed) {
  const json::value* v = Inner(typed, nullptr);
  if (v == nullptr) return 0;
  if (v->is_array()) return v->get_array().size();
  return v->is_null() ? 0 : 1;
}

std::string FoldCase(std::string_view s) {
  // The ASCII start of the text (often all of it) is folded in place, byte for byte;
  // from the first other byte on, each character is appended (its lower case may be
  // longer or shorter in UTF-8).
  std::string out(s.size(), '\0');
  char* const to = out.data();
  size_t i = 0;
  for (; i < s.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x80) break;
    to[i] = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
  }
  if (i == s.size()) return out;
  out.resize(i);
  for (; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      out += static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
      ++i;
      continue;
    }
    size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    if (len == 1 || i + len > s.size()) {  // stray byte: copy it
      out += static_cast<char>(c);
      ++i;
      continue;
    }
    uint32_t cp = len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
    for (size_t k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    AppendUtf8(Lower(cp), out);
    i += len;
  }
  return out;
}

}  // namespace localnotion::query
