// ToNotionJson and FromPropertyJson (declared in formula.h): formula values to and from
// the JSON of Notion's page objects.
#include <string>

#include "schema/formula/date_time.h"
#include "schema/formula/formula.h"

namespace localnotion::schema::formula {
namespace {

std::string_view JsonTypeName(Type t) {
  switch (t) {
    case Type::kNumber: return "number";
    case Type::kBoolean: return "boolean";
    case Type::kDate: return "date";
    default: return "string";  // strings, lists (shown joined) and unknown types
  }
}

const json::value* Member(const json::value& v, std::string_view key) {
  if (!v.is_object()) return nullptr;
  return Find(v.as_object(), key);
}

std::string StringOr(const json::value* v, std::string fallback = "") {
  if (v != nullptr && v->is_string()) return std::string(v->as_string());
  return fallback;
}

std::string RichTextPlain(const json::value* v) {
  std::string out;
  if (v == nullptr || !v->is_array()) return out;
  for (const json::value& item : v->as_array()) {
    if (const json::value* plain = Member(item, "plain_text"); plain != nullptr && plain->is_string()) {
      out += plain->as_string();
    } else if (const json::value* text = Member(item, "text")) {
      out += StringOr(Member(*text, "content"));
    }
  }
  return out;
}

Value DateFromJson(const json::value* v) {
  if (v == nullptr || !v->is_object()) return Value();
  auto start = ParseIsoDate(StringOr(Member(*v, "start")));
  if (!start) return Value();
  DateValue d = *start;
  if (auto end = ParseIsoDate(StringOr(Member(*v, "end")))) {
    d.end = end->start;
    d.has_time = d.has_time || end->has_time;
  }
  return Value::Date(d);
}

// A list of the string `key` of each object in an array (or, when key is empty, of the
// array's strings).
Value NamesList(const json::value* v, std::string_view key, std::string_view fallback_key = "") {
  std::vector<Value> out;
  if (v != nullptr && v->is_array()) {
    for (const json::value& item : v->as_array()) {
      std::string name = StringOr(Member(item, key));
      if (name.empty() && !fallback_key.empty()) name = StringOr(Member(item, fallback_key));
      out.push_back(Value::String(std::move(name)));
    }
  }
  return Value::List(std::move(out));
}

}  // namespace

json::object ToNotionJson(const Value& value, Type result_type) {
  Type type = result_type == Type::kNull ? value.type() : result_type;
  std::string_view name = JsonTypeName(type);
  json::object out;
  out["type"] = name;
  json::value payload = nullptr;
  bool fits = value.type() == type;
  if (fits) {
    switch (type) {
      case Type::kString: payload = value.string(); break;
      case Type::kNumber: payload = value.number(); break;
      case Type::kBoolean: payload = value.boolean(); break;
      case Type::kList: payload = FormatValue(value); break;
      case Type::kDate: {
        const DateValue& d = value.date();
        json::object date;
        date["start"] = FormatIsoDate(d.start, d.has_time);
        date["end"] = d.end ? json::value(FormatIsoDate(*d.end, d.has_time)) : json::value(nullptr);
        date["time_zone"] = nullptr;
        payload = std::move(date);
        break;
      }
      case Type::kNull: break;
    }
  }
  out[name] = std::move(payload);
  return out;
}

Value FromPropertyJson(const json::value& property_value) {
  std::string type = StringOr(Member(property_value, "type"));
  if (type.empty()) return Value();
  const json::value* v = Member(property_value, type);
  if (type == "title" || type == "rich_text") return Value::String(RichTextPlain(v));
  if (type == "string" || type == "url" || type == "email" || type == "phone_number") {
    return Value::String(StringOr(v));
  }
  if (type == "select" || type == "status") {
    return Value::String(v != nullptr ? StringOr(Member(*v, "name")) : "");
  }
  if (type == "number") {
    if (v == nullptr || !v->is_number()) return Value();
    return Value::Number(v->to_number<double>());
  }
  if (type == "checkbox" || type == "boolean") {
    if (v == nullptr || !v->is_bool()) return type == "checkbox" ? Value::Boolean(false) : Value();
    return Value::Boolean(v->as_bool());
  }
  if (type == "date") return DateFromJson(v);
  if (type == "created_time" || type == "last_edited_time") {
    auto d = ParseIsoDate(StringOr(v));
    return d ? Value::Date(*d) : Value();
  }
  if (type == "created_by" || type == "last_edited_by") {
    if (v == nullptr) return Value();
    return Value::String(StringOr(Member(*v, "name"), StringOr(Member(*v, "id"))));
  }
  if (type == "multi_select" || type == "files") return NamesList(v, "name");
  if (type == "people") return NamesList(v, "name", "id");
  if (type == "relation") return NamesList(v, "id");
  if (type == "unique_id") {
    const json::value* n = v != nullptr ? Member(*v, "number") : nullptr;
    if (n == nullptr || !n->is_number()) return Value();
    return Value::Number(n->to_number<double>());
  }
  if (type == "formula") return v != nullptr ? FromPropertyJson(*v) : Value();
  if (type == "rollup") {
    if (v == nullptr) return Value();
    return FromPropertyJson(*v);
  }
  if (type == "array") {
    if (v == nullptr || !v->is_array()) return Value();
    std::vector<Value> items;
    for (const json::value& item : v->as_array()) items.push_back(FromPropertyJson(item));
    return Value::List(std::move(items));
  }
  return Value();
}

}  // namespace localnotion::schema::formula
