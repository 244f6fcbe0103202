// Sort orders per property type (QUERY.md): text alphabetically ignoring case, numbers
// and dates by value, checkbox unchecked first, select and status by the schema's option
// order, multi_select by its options in that order, people by the first person's name,
// files by the first file's name, relation by the first related page id, formula and
// rollup by their result. Empty values go last in both directions.
#include "query/sort.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "api/messages.h"
#include "query/sort_spec.h"
#include "query/values.h"
#include "schema/registry.h"

namespace localnotion::query {
namespace {

// Where empty values go: after every value, ascending and descending alike.
constexpr bool kEmptiesLastInBothDirections = true;

SortValue Number(std::optional<double> n) {
  SortValue v;
  if (n) {
    v.kind = SortValue::Kind::kNumber;
    v.number = *n;
  }
  return v;
}

SortValue Text(std::string s) {
  SortValue v;
  if (!s.empty()) {
    v.kind = SortValue::Kind::kText;
    v.text = FoldCase(s);
    v.raw = std::move(s);
  }
  return v;
}

// The position of an option ({id, name}) in the definition's options; unknown options
// after the known ones.
double OptionIndex(const json::value& option, const schema::PropertyDef* def) {
  const json::value* options = def != nullptr ? Find(def->config, "options") : nullptr;
  if (options == nullptr || !options->is_array()) return 0;
  const json::array& arr = options->get_array();
  for (std::string_view key : {"id", "name"}) {
    const json::value* want = Member(&option, key);
    if (want == nullptr || !want->is_string()) continue;
    for (size_t i = 0; i < arr.size(); ++i) {
      const json::value* have = Member(&arr[i], key);
      if (have != nullptr && *have == *want) return static_cast<double>(i);
    }
  }
  return static_cast<double>(arr.size());
}

std::string UserName(const json::value& user) {
  const json::value* name = Member(&user, "name");
  if (name != nullptr && name->is_string() && !name->get_string().empty()) return std::string(name->get_string());
  const json::value* id = Member(&user, "id");
  return id != nullptr && id->is_string() ? std::string(id->get_string()) : "";
}

// What a typed value of `type` sorts by: a property type's own choice, or a formula
// result's ("string" is text, "boolean" a checkbox; "number" and "date" are type names).
schema::SortBy SortByOf(std::string_view type) {
  if (type == "string") return schema::SortBy::kText;
  if (type == "boolean") return schema::SortBy::kCheckbox;
  const schema::PropertyType* t = schema::FindType(type);
  return t != nullptr ? t->sort_by() : schema::SortBy::kNone;
}

// The sort value of a typed value ({"type": T, T: ...}); `def` gives select options
// their order (without it, options sort by name).
SortValue ValueOfTyped(const json::value* typed, const schema::PropertyDef* def, int depth = 0) {
  using schema::SortBy;
  std::string_view type = TypeOf(typed);
  const json::value* inner = Member(typed, type);
  if (inner == nullptr || inner->is_null()) return {};
  switch (SortByOf(type)) {
    case SortBy::kNone: return {};
    case SortBy::kText: return Text(TextOf(typed));
    case SortBy::kNumber: return Number(NumberOf(typed));
    case SortBy::kCheckbox: return Number(CheckboxOf(typed) ? 1 : 0);
    case SortBy::kDate: {
      auto d = DateOf(typed);
      return d ? Number(static_cast<double>(d->ms)) : SortValue{};
    }
    case SortBy::kOption:
      if (def == nullptr) return Text(OptionNameOf(typed).value_or(""));
      return Number(OptionIndex(*inner, def));
    case SortBy::kOptions: {
      SortValue v;
      if (!inner->is_array() || inner->get_array().empty()) return v;
      if (def == nullptr) return Text(fmt::format("{}", fmt::join(OptionNamesOf(typed), ", ")));
      v.kind = SortValue::Kind::kList;
      for (const auto& option : inner->get_array()) v.list.push_back(OptionIndex(option, def));
      return v;
    }
    case SortBy::kFirstUserName:
      if (!inner->is_array() || inner->get_array().empty()) return {};
      return Text(UserName(inner->get_array()[0]));
    case SortBy::kUserName: return Text(UserName(*inner));
    case SortBy::kFirstFileName: {
      if (!inner->is_array() || inner->get_array().empty()) return {};
      const json::value* name = Member(&inner->get_array()[0], "name");
      return Text(name != nullptr && name->is_string() ? std::string(name->get_string()) : "");
    }
    case SortBy::kFirstId: {
      std::vector<std::string> ids = IdsOf(typed);
      return ids.empty() ? SortValue{} : Text(ids[0]);
    }
    case SortBy::kFormulaResult:
      if (depth > 3) return {};
      return ValueOfTyped(inner, nullptr, depth + 1);
    case SortBy::kRollupResult: {
      if (depth > 3) return {};
      if (TypeOf(inner) == "array") {
        const json::value* arr = Member(inner, "array");
        if (arr == nullptr || !arr->is_array() || arr->get_array().empty()) return {};
        return ValueOfTyped(&arr->get_array()[0], nullptr, depth + 1);
      }
      return ValueOfTyped(inner, nullptr, depth + 1);
    }
  }
  return {};
}

SortValue ValueFor(const SortSpec& spec, const PageFacts& page) {
  if (spec.is_timestamp) {
    return Number(static_cast<double>(spec.timestamp == "created_time" ? page.created_time : page.last_edited_time));
  }
  const schema::PropertyType* type = schema::TypeOf(spec.def);
  const schema::PageField field = type != nullptr ? type->page_field() : schema::PageField::kNone;
  if (field == schema::PageField::kCreatedTime) return Number(static_cast<double>(page.created_time));
  if (field == schema::PageField::kLastEditedTime) return Number(static_cast<double>(page.last_edited_time));
  const json::value* value = ValueOf(page, spec.def);
  // A checkbox is never empty: no value is unchecked.
  if (type != nullptr && type->sort_by() == schema::SortBy::kCheckbox) return Number(CheckboxOf(value) ? 1 : 0);
  if ((field == schema::PageField::kCreatedBy || field == schema::PageField::kLastEditedBy) &&
      TypeOf(value) != spec.def.type) {
    return Text(field == schema::PageField::kCreatedBy ? page.created_by : page.last_edited_by);
  }
  return ValueOfTyped(value, &spec.def);
}

template <class T>
int Cmp(const T& a, const T& b) {
  return a < b ? -1 : b < a ? 1 : 0;
}

// Compares two non-empty values.
int CompareValues(const SortValue& a, const SortValue& b) {
  if (a.kind != b.kind) return Cmp(static_cast<int>(a.kind), static_cast<int>(b.kind));
  switch (a.kind) {
    case SortValue::Kind::kNumber: return Cmp(a.number, b.number);
    case SortValue::Kind::kText: {
      int c = a.text.compare(b.text);
      if (c == 0) c = a.raw.compare(b.raw);
      return c < 0 ? -1 : c > 0 ? 1 : 0;
    }
    case SortValue::Kind::kList: return Cmp(a.list, b.list);
    case SortValue::Kind::kEmpty: return 0;
  }
  return 0;
}

// <0 when a goes first under `spec`.
int Compare(const SortSpec& spec, const SortValue& a, const SortValue& b) {
  const bool ea = a.kind == SortValue::Kind::kEmpty, eb = b.kind == SortValue::Kind::kEmpty;
  if (ea || eb) {
    if (ea && eb) return 0;
    int c = ea ? 1 : -1;  // empty last
    return kEmptiesLastInBothDirections || !spec.descending ? c : -c;
  }
  int c = CompareValues(a, b);
  return spec.descending ? -c : c;
}

Status ParseDirection(const json::object& obj, const std::string& path, SortSpec& spec) {
  const json::value* direction = Find(obj, "direction");
  std::string direction_path = api::Field(path, "direction");
  if (direction == nullptr) return api::NotDefined(direction_path);
  if (!direction->is_string() || (direction->get_string() != "ascending" && direction->get_string() != "descending")) {
    return api::FailedValidation(direction_path, "`\"ascending\"` or `\"descending\"`", direction);
  }
  spec.descending = direction->get_string() == "descending";
  return OkStatus();
}

}  // namespace

Result<std::shared_ptr<const Sorter>> ParseSorts(const json::value& sorts, const schema::Schema& schema) {
  const std::string path = "body.sorts";
  if (!sorts.is_array()) return api::FailedValidation(path, "an array", &sorts);
  auto out = std::make_shared<Sorter>();
  std::vector<std::string> keys;  // property names or ids, resolved after the grammar
  for (size_t i = 0; i < sorts.get_array().size(); ++i) {
    const json::value& item = sorts.get_array()[i];
    std::string item_path = api::Index(path, i);
    if (!item.is_object()) return api::FailedValidation(item_path, "an object", &item);
    const json::object& obj = item.get_object();
    SortSpec spec;
    if (const json::value* property = Find(obj, "property")) {
      if (!property->is_string()) return api::FailedValidation(api::Field(item_path, "property"), "a string", property);
      keys.emplace_back(property->get_string());
    } else if (const json::value* timestamp = Find(obj, "timestamp")) {
      if (!timestamp->is_string() ||
          (timestamp->get_string() != "created_time" && timestamp->get_string() != "last_edited_time")) {
        return api::FailedValidation(api::Field(item_path, "timestamp"),
                                     "`\"created_time\"` or `\"last_edited_time\"`", timestamp);
      }
      spec.is_timestamp = true;
      spec.timestamp = std::string(timestamp->get_string());
      keys.emplace_back();
    } else {
      return api::FixOne({api::ShouldBe(api::Field(item_path, "property"), "defined", nullptr),
                          api::ShouldBe(api::Field(item_path, "timestamp"), "defined", nullptr)});
    }
    LN_RETURN_IF_ERROR(ParseDirection(obj, item_path, spec));
    out->specs.push_back(std::move(spec));
  }
  for (size_t i = 0; i < out->specs.size(); ++i) {
    SortSpec& spec = out->specs[i];
    if (spec.is_timestamp) continue;
    const schema::PropertyDef* def = schema::FindProperty(schema, keys[i]);
    if (def == nullptr) return ValidationError("Could not find sort property with name or id: " + keys[i]);
    spec.def = *def;
  }
  return std::shared_ptr<const Sorter>(std::move(out));
}

SortKey KeyOf(const Sorter& sorter, const PageFacts& page) {
  SortKey key;
  key.reserve(sorter.specs.size());
  for (const auto& spec : sorter.specs) key.push_back(ValueFor(spec, page));
  return key;
}

bool KeyLess(const Sorter& sorter, const SortKey& a, const SortKey& b) {
  for (size_t i = 0; i < sorter.specs.size() && i < a.size() && i < b.size(); ++i) {
    int c = Compare(sorter.specs[i], a[i], b[i]);
    if (c != 0) return c < 0;
  }
  return false;
}

bool Less(const Sorter& sorter, const PageFacts& a, const PageFacts& b) {
  for (const auto& spec : sorter.specs) {
    int c = Compare(spec, ValueFor(spec, a), ValueFor(spec, b));
    if (c != 0) return c < 0;
  }
  return false;
}

}  // namespace localnotion::query
