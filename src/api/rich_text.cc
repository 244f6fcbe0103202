#include "api/rich_text.h"

#include <array>

#include "api/limits.h"
#include "api/messages.h"
#include "common/uuid.h"

namespace localnotion::api {
namespace {

constexpr std::array<std::string_view, 10> kBaseColors = {
    "default", "gray", "brown", "orange", "yellow", "green", "blue", "purple", "pink", "red"};

// The paths of a rich text item's parts are made only for an error: `path()` returns
// the item's own (a valid item, the usual case, needs none).
template <class Path>
Result<json::object> NormalizeAnnotations(const Path& item_path, const json::value* v) {
  json::object out = DefaultAnnotations();
  if (v == nullptr) return out;
  auto path = [&] { return Field(item_path(), "annotations"); };
  if (!v->is_object()) return FailedValidation(path(), "an object or `undefined`", v);
  for (const auto& kv : v->get_object()) {
    auto key_path = [&] { return Field(path(), kv.key()); };
    if (kv.key() == "color") {
      if (!kv.value().is_string() || !IsAnnotationColor(kv.value().get_string())) {
        return FailedValidation(key_path(), "a valid color", &kv.value());
      }
      out["color"] = kv.value();
    } else if (kv.key() == "bold" || kv.key() == "italic" || kv.key() == "strikethrough" ||
               kv.key() == "underline" || kv.key() == "code") {
      if (!kv.value().is_bool()) return FailedValidation(key_path(), "a boolean or `undefined`", &kv.value());
      out[kv.key()] = kv.value();
    } else {
      return NotPresent(key_path(), kv.value());
    }
  }
  return out;
}

template <class Path>
Result<json::object> NormalizeText(const Path& path, const json::value& v, json::value& href, std::string& plain) {
  if (!v.is_object()) return FailedValidation(path(), "an object", &v);
  const auto& obj = v.get_object();
  json::object out(2);  // content, link: room made once
  const json::value* content = Find(obj, "content");
  auto content_path = [&] { return Field(path(), "content"); };
  if (content == nullptr) return NotDefined(content_path());
  if (!content->is_string()) return FailedValidation(content_path(), "a string", content);
  size_t len = Utf16Length(content->get_string());
  if (len > kMaxRichTextContent) return TooLong(content_path(), kMaxRichTextContent, len);
  out["content"] = *content;
  plain = std::string(content->get_string());
  out["link"] = nullptr;
  for (const auto& kv : obj) {
    if (kv.key() == "content") continue;
    std::string key_path = Field(path(), kv.key());
    if (kv.key() != "link") return NotPresent(key_path, kv.value());
    if (kv.value().is_null()) continue;
    if (!kv.value().is_object()) return FailedValidation(key_path, "an object, null, or undefined", &kv.value());
    const json::value* url = Find(kv.value().get_object(), "url");
    std::string url_path = Field(key_path, "url");
    if (url == nullptr) return NotDefined(url_path);
    if (!url->is_string()) return FailedValidation(url_path, "a string", url);
    size_t ulen = Utf16Length(url->get_string());
    if (ulen > kMaxUrl) return TooLong(url_path, kMaxUrl, ulen);
    out["link"] = json::object{{"url", *url}};
    href = *url;
  }
  return out;
}

Result<json::object> NormalizeMention(const std::string& path, const json::value& v, json::value& href,
                                      std::string& plain) {
  if (!v.is_object() || v.get_object().empty()) return FailedValidation(path, "an object", &v);
  const auto& obj = v.get_object();
  for (const char* kind : {"user", "page", "database"}) {
    const json::value* target = Find(obj, kind);
    if (target == nullptr) continue;
    std::string id_path = Field(Field(path, kind), "id");
    const json::value* id = target->is_object() ? Find(target->get_object(), "id") : nullptr;
    if (id == nullptr) return NotDefined(id_path);
    auto norm = id->is_string() ? NormalizeUuid(id->get_string()) : std::nullopt;
    if (!norm) return FailedValidation(id_path, "a valid uuid", id);
    json::object ref{{"id", *norm}};
    if (std::string_view(kind) == "user") {
      ref = json::object{{"object", "user"}, {"id", *norm}};
      plain = "@Anonymous";
    } else {
      plain = "Untitled";
      href = "https://www.notion.so/" + CompactUuid(*norm);
    }
    return json::object{{"type", kind}, {kind, ref}};
  }
  if (const json::value* date = Find(obj, "date")) {
    const json::value* start = date->is_object() ? Find(date->get_object(), "start") : nullptr;
    if (start == nullptr || !start->is_string()) return NotDefined(Field(Field(path, "date"), "start"));
    const json::value* end = Find(date->get_object(), "end");
    plain = std::string(start->get_string());
    return json::object{{"type", "date"},
                        {"date", json::object{{"start", *start},
                                              {"end", end ? *end : json::value(nullptr)},
                                              {"time_zone", nullptr}}}};
  }
  if (const json::value* tm = Find(obj, "template_mention")) {
    plain = "@Today";
    return json::object{{"type", "template_mention"}, {"template_mention", *tm}};
  }
  return FailedValidation(path, "an object with one of user, page, database, date, template_mention", &v);
}

Result<json::object> NormalizeItem(std::string_view rich_text_path, size_t index, const json::value& v) {
  auto path = [&] { return Index(rich_text_path, index); };
  if (!v.is_object()) return FailedValidation(path(), "an object", &v);
  const auto& obj = v.get_object();
  std::string_view type;  // one of the three literals below
  if (const json::value* t = Find(obj, "type")) {
    const std::string_view named = t->is_string() ? std::string_view(t->get_string()) : std::string_view();
    for (std::string_view k : {"text", "mention", "equation"}) {
      if (named == k) type = k;
    }
    if (type.empty()) {
      return FailedValidation(Field(path(), "type"), "`\"text\"`, `\"mention\"`, or `\"equation\"`", t);
    }
  } else {
    for (std::string_view k : {"text", "mention", "equation"}) {
      if (Find(obj, k)) {
        type = k;
        break;
      }
    }
  }
  if (type.empty()) {
    return FixOne({ShouldBe(Field(path(), "text"), "defined", nullptr),
                   ShouldBe(Field(path(), "mention"), "defined", nullptr),
                   ShouldBe(Field(path(), "equation"), "defined", nullptr)});
  }
  for (const auto& kv : obj) {
    std::string_view k = kv.key();
    if (k == "type" || k == type || k == "annotations" || k == "plain_text" || k == "href") continue;
    return NotPresent(Field(path(), k), kv.value());
  }
  const json::value* body = Find(obj, type);
  auto body_path = [&] { return Field(path(), type); };
  if (body == nullptr) return NotDefined(body_path());
  json::value href = nullptr;
  std::string plain;
  json::object out(5);  // type, the body, annotations, plain_text, href: room made once
  out["type"] = type;
  if (type == "text") {
    LN_ASSIGN_OR_RETURN(json::object text, NormalizeText(body_path, *body, href, plain));
    out["text"] = std::move(text);
  } else if (type == "mention") {
    LN_ASSIGN_OR_RETURN(json::object mention, NormalizeMention(body_path(), *body, href, plain));
    out["mention"] = std::move(mention);
  } else {
    const json::value* expr = body->is_object() ? Find(body->get_object(), "expression") : nullptr;
    auto expr_path = [&] { return Field(body_path(), "expression"); };
    if (expr == nullptr) return NotDefined(expr_path());
    if (!expr->is_string()) return FailedValidation(expr_path(), "a string", expr);
    size_t len = Utf16Length(expr->get_string());
    if (len > kMaxEquationExpression) return TooLong(expr_path(), kMaxEquationExpression, len);
    plain = std::string(expr->get_string());
    out["equation"] = json::object{{"expression", *expr}};
  }
  LN_ASSIGN_OR_RETURN(json::object ann, NormalizeAnnotations(path, Find(obj, "annotations")));
  out["annotations"] = std::move(ann);
  out["plain_text"] = plain;
  out["href"] = href;
  return out;
}

}  // namespace

Result<json::array> NormalizeRichText(std::string_view path, const json::value& v) {
  if (!v.is_array()) return FailedValidation(path, "an array", &v);
  const auto& arr = v.get_array();
  if (arr.size() > kMaxArrayItems) return TooLong(path, kMaxArrayItems, arr.size());
  json::array out;
  out.reserve(arr.size());
  for (size_t i = 0; i < arr.size(); ++i) {
    LN_ASSIGN_OR_RETURN(json::object item, NormalizeItem(path, i, arr[i]));
    out.push_back(std::move(item));
  }
  return out;
}

json::object DefaultAnnotations() {
  // Copied from one made once: a copy takes the members as they are, where building the
  // object checks each key against the ones before it.
  static const json::object kDefaults{{"bold", false},      {"italic", false}, {"strikethrough", false},
                                      {"underline", false}, {"code", false},   {"color", "default"}};
  return json::object(kDefaults);
}

namespace {

// The content of `item` when it is exactly the stored form of a plain text item,
// {"type":"text","text":{"content":C,"link":null},"annotations":<the defaults>,
// "plain_text":C,"href":null} in that order (NormalizeItem); null otherwise.
const json::string* PlainItemContent(const json::value& item) {
  static const json::object kDefaults = DefaultAnnotations();
  const json::object* o = item.if_object();
  if (o == nullptr || o->size() != 5) return nullptr;
  const json::key_value_pair* m = o->begin();
  if (m[0].key() != "type" || m[1].key() != "text" || m[2].key() != "annotations" || m[3].key() != "plain_text" ||
      m[4].key() != "href") {
    return nullptr;
  }
  const json::string* type = m[0].value().if_string();
  const json::object* text = m[1].value().if_object();
  const json::object* annotations = m[2].value().if_object();
  const json::string* plain = m[3].value().if_string();
  if (type == nullptr || *type != "text" || text == nullptr || annotations == nullptr || plain == nullptr ||
      !m[4].value().is_null() || text->size() != 2 || annotations->size() != kDefaults.size()) {
    return nullptr;
  }
  const json::key_value_pair* t = text->begin();
  const json::string* content = t[0].value().if_string();
  if (t[0].key() != "content" || t[1].key() != "link" || content == nullptr || !t[1].value().is_null() ||
      *content != *plain) {
    return nullptr;
  }
  const json::key_value_pair* a = annotations->begin();
  const json::key_value_pair* d = kDefaults.begin();
  for (size_t i = 0; i < kDefaults.size(); ++i) {
    if (a[i].key() != d[i].key() || a[i].value() != d[i].value()) return nullptr;
  }
  return content;
}

}  // namespace

void WriteCompactRichText(const json::value& stored, JsonWriter& w) {
  const json::array* items = stored.if_array();
  if (items == nullptr) {
    w.Value(stored);
    return;
  }
  w.Raw("[");
  bool first = true;
  for (const json::value& item : *items) {
    if (!first) w.Raw(",");
    first = false;
    if (const json::string* content = PlainItemContent(item)) {
      w.StringMember(R"({"type":"text","text":{"content":)", *content);
      w.Raw("}}");
    } else {
      w.Value(item);
    }
  }
  w.Raw("]");
}

void ExpandCompactRichText(json::value& value) {
  json::array* items = value.if_array();
  if (items == nullptr) return;
  for (json::value& item : *items) {
    json::object* o = item.if_object();
    if (o == nullptr || o->size() != 2) continue;
    const json::key_value_pair* m = o->begin();
    const json::string* type = m[0].value().if_string();
    const json::object* text = m[1].value().if_object();
    if (m[0].key() != "type" || type == nullptr || *type != "text" || m[1].key() != "text" || text == nullptr ||
        text->size() != 1 || text->begin()->key() != "content" || !text->begin()->value().is_string()) {
      continue;
    }
    const json::value content = text->begin()->value();
    json::object full(5, o->storage());
    full["type"] = "text";
    full["text"] = json::object{{"content", content}, {"link", nullptr}};
    full["annotations"] = DefaultAnnotations();
    full["plain_text"] = content;
    full["href"] = nullptr;
    item = std::move(full);
  }
}

std::string PlainText(const json::array& rich_text) {
  std::string out;
  for (const auto& item : rich_text) {
    if (!item.is_object()) continue;
    if (const json::value* p = Find(item.get_object(), "plain_text"); p && p->is_string()) {
      out += p->get_string();
    }
  }
  return out;
}

bool IsAnnotationColor(std::string_view color) {
  for (std::string_view base : kBaseColors) {
    if (color == base) return true;
    if (color.size() == base.size() + 11 && color.substr(0, base.size()) == base &&
        color.substr(base.size()) == "_background") {
      return true;
    }
  }
  return false;
}

size_t Utf16Length(std::string_view utf8) {
  size_t n = 0;
  for (unsigned char c : utf8) {
    if ((c & 0xC0) == 0x80) continue;  // continuation byte
    n += (c >= 0xF0) ? 2 : 1;          // 4-byte sequences are surrogate pairs in UTF-16
  }
  return n;
}

}  // namespace localnotion::api
