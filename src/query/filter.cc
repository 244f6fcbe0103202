// Filter grammar and evaluation. The grammar follows Notion's request schema for the
// query body (OpenAPI: propertyFilter, timestampFilter, groupFilterOperatorArray,
// formulaPropertyFilter, rollupPropertyFilter, rollupSubfilterPropertyFilter); the
// conditions of each type are in conditions.cc.
#include "query/filter.h"

#include <algorithm>
#include <span>
#include <fmt/format.h>

#include "api/messages.h"
#include "common/uuid.h"
#include "query/conditions.h"
#include "query/filter_tree.h"
#include "query/values.h"
#include "schema/registry.h"

namespace localnotion::query {
namespace {

constexpr std::string_view kFormulaKeys[] = {"string", "checkbox", "number", "date"};
constexpr std::string_view kRollupKeys[] = {"any", "none", "every", "date", "number"};
constexpr std::string_view kRollupItemKeys[] = {"rich_text", "number",   "checkbox", "select", "multi_select",
                                                "relation",  "date",     "people",   "files",  "status"};

// Compound filters nest at most two levels: {and:[{or:[<property filter>...]}...]}.
constexpr int kMaxCompoundDepth = 2;
constexpr size_t kMaxCompoundItems = 100;

using Kind = FilterNode::Kind;
using Wrap = FilterNode::Wrap;

using Keys = std::span<const std::string_view>;

bool OneOf(std::string_view key, Keys keys) { return std::find(keys.begin(), keys.end(), key) != keys.end(); }

Error FixOneOf(const std::string& path, Keys keys) {
  std::vector<std::string> alternatives;
  for (std::string_view k : keys) alternatives.push_back(api::ShouldBe(api::Field(path, k), "defined", nullptr));
  return api::FixOne(alternatives);
}

// An object holding exactly one of `keys` (a union of single-key objects, such as
// formulaPropertyFilter). Returns the key found.
Result<std::string> OneKey(const json::value& v, const std::string& path, Keys keys) {
  if (!v.is_object()) return api::FailedValidation(path, "an object", &v);
  const json::object& obj = v.get_object();
  if (obj.empty()) return FixOneOf(path, keys);
  std::string found;
  for (const auto& kv : obj) {
    if (!found.empty() || !OneOf(kv.key(), keys)) return api::NotPresent(api::Field(path, kv.key()), kv.value());
    found = std::string(kv.key());
  }
  return found;
}

Result<Condition> ParseFormula(const json::value& v, const std::string& path) {
  LN_ASSIGN_OR_RETURN(std::string key, OneKey(v, path, kFormulaKeys));
  return ParseCondition(*FamilyOfKey(key), v.get_object().at(key), api::Field(path, key));
}

Status ParseRollup(const json::value& v, const std::string& path, FilterNode& node) {
  LN_ASSIGN_OR_RETURN(std::string key, OneKey(v, path, kRollupKeys));
  const json::value& inner = v.get_object().at(key);
  std::string inner_path = api::Field(path, key);
  if (key == "date" || key == "number") {
    node.wrap = key == "date" ? Wrap::kRollupDate : Wrap::kRollupNumber;
    LN_ASSIGN_OR_RETURN(node.cond, ParseCondition(*FamilyOfKey(key), inner, inner_path));
    return OkStatus();
  }
  node.wrap = key == "any" ? Wrap::kRollupAny : key == "every" ? Wrap::kRollupEvery : Wrap::kRollupNone;
  LN_ASSIGN_OR_RETURN(std::string item_key, OneKey(inner, inner_path, kRollupItemKeys));
  LN_ASSIGN_OR_RETURN(node.cond, ParseCondition(*FamilyOfKey(item_key), inner.get_object().at(item_key),
                                                api::Field(inner_path, item_key)));
  return OkStatus();
}

// `type` beside a filter key must name that key (the schemas' `type: {const: ...}`).
Status CheckTypeField(const json::object& obj, const std::string& path, std::string_view key) {
  const json::value* type = Find(obj, "type");
  if (type == nullptr || (type->is_string() && type->get_string() == key)) return OkStatus();
  return api::FailedValidation(api::Field(path, "type"), fmt::format("`\"{}\"`", key), type);
}

Result<FilterNode> ParseTimestamp(const json::object& obj, const std::string& path) {
  const json::value& ts = obj.at("timestamp");
  if (!ts.is_string() || (ts.get_string() != "created_time" && ts.get_string() != "last_edited_time")) {
    return api::FailedValidation(api::Field(path, "timestamp"), "`\"created_time\"` or `\"last_edited_time\"`", &ts);
  }
  FilterNode node;
  node.kind = Kind::kTimestamp;
  node.key = std::string(ts.get_string());
  for (const auto& kv : obj) {
    if (kv.key() != "timestamp" && kv.key() != "type" && kv.key() != node.key) {
      return api::NotPresent(api::Field(path, kv.key()), kv.value());
    }
  }
  const json::value* cond = Find(obj, node.key);
  if (cond == nullptr) return api::NotDefined(api::Field(path, node.key));
  LN_RETURN_IF_ERROR(CheckTypeField(obj, path, node.key));
  LN_ASSIGN_OR_RETURN(node.cond, ParseCondition(Family::kDate, *cond, api::Field(path, node.key)));
  return node;
}

Result<FilterNode> ParsePropertyFilter(const json::object& obj, const std::string& path, std::string_view filter_key) {
  FilterNode node;
  node.kind = Kind::kProperty;
  node.filter_key = std::string(filter_key);
  const json::value* property = Find(obj, "property");
  if (property == nullptr) return api::NotDefined(api::Field(path, "property"));
  if (!property->is_string()) return api::FailedValidation(api::Field(path, "property"), "a string", property);
  node.key = std::string(property->get_string());
  for (const auto& kv : obj) {
    if (kv.key() != "property" && kv.key() != "type" && kv.key() != filter_key) {
      return api::NotPresent(api::Field(path, kv.key()), kv.value());
    }
  }
  LN_RETURN_IF_ERROR(CheckTypeField(obj, path, filter_key));
  const json::value& cond = obj.at(filter_key);
  std::string cond_path = api::Field(path, filter_key);
  if (filter_key == "formula") {
    node.wrap = Wrap::kFormula;
    LN_ASSIGN_OR_RETURN(node.cond, ParseFormula(cond, cond_path));
  } else if (filter_key == "rollup") {
    LN_RETURN_IF_ERROR(ParseRollup(cond, cond_path, node));
  } else {
    LN_ASSIGN_OR_RETURN(node.cond, ParseCondition(*FamilyOfKey(filter_key), cond, cond_path));
  }
  return node;
}

// `depth` counts the compound filters around `v`.
Result<FilterNode> ParseNode(const json::value& v, const std::string& path, int depth) {
  if (!v.is_object()) return api::FailedValidation(path, "an object", &v);
  const json::object& obj = v.get_object();
  const bool compound_allowed = depth < kMaxCompoundDepth;
  if (compound_allowed) {
    const json::value* items = nullptr;
    std::string_view op;
    for (const auto& kv : obj) {
      if (kv.key() == "or" || kv.key() == "and") {
        items = &kv.value();
        op = kv.key();
        break;
      }
    }
    if (items != nullptr) {
      for (const auto& kv : obj) {
        if (kv.key() != op) return api::NotPresent(api::Field(path, kv.key()), kv.value());
      }
      std::string items_path = api::Field(path, op);
      if (!items->is_array()) return api::FailedValidation(items_path, "an array", items);
      const json::array& arr = items->get_array();
      if (arr.size() > kMaxCompoundItems) return api::TooLong(items_path, kMaxCompoundItems, arr.size());
      FilterNode node;
      node.kind = op == "and" ? Kind::kAnd : Kind::kOr;
      node.children.reserve(arr.size());
      for (size_t i = 0; i < arr.size(); ++i) {
        LN_ASSIGN_OR_RETURN(FilterNode child, ParseNode(arr[i], api::Index(items_path, i), depth + 1));
        node.children.push_back(std::move(child));
      }
      return node;
    }
  }
  if (Find(obj, "timestamp") != nullptr) return ParseTimestamp(obj, path);
  for (const auto& kv : obj) {
    if (OneOf(kv.key(), schema::FilterKeyOrder())) return ParsePropertyFilter(obj, path, kv.key());
  }
  std::vector<std::string> alternatives;
  if (compound_allowed) {
    alternatives.push_back(api::ShouldBe(api::Field(path, "or"), "defined", nullptr));
    alternatives.push_back(api::ShouldBe(api::Field(path, "and"), "defined", nullptr));
  }
  for (std::string_view k : schema::FilterKeyOrder()) alternatives.push_back(api::ShouldBe(api::Field(path, k), "defined", nullptr));
  return api::FixOne(alternatives);
}

// Whether a filter key may be used on a property of `type`: the key named after the
// type, the type's other key (created_time takes `date`, created_by takes `people`),
// and among text types each other's keys (QUERY.md).
bool Accepts(std::string_view filter_key, const schema::PropertyType* type) {
  if (type == nullptr) return false;
  if (filter_key == type->name() || filter_key == type->also_filtered_as()) return true;
  return type->filter_family() == Family::kText && FamilyOfKey(filter_key) == Family::kText;
}

Status Resolve(FilterNode& node, const schema::Schema& schema) {
  if (node.kind == Kind::kAnd || node.kind == Kind::kOr) {
    for (auto& child : node.children) LN_RETURN_IF_ERROR(Resolve(child, schema));
    return OkStatus();
  }
  if (node.kind != Kind::kProperty) return OkStatus();
  const schema::PropertyDef* def = schema::FindProperty(schema, node.key);
  if (def == nullptr) return ValidationError("Could not find property with name or id: " + node.key);
  if (!Accepts(node.filter_key, schema::TypeOf(*def))) {
    // Notion's wording, as reported by API users.
    return ValidationError(fmt::format(
        "The property type in the database does not match the property type of the filter provided: database "
        "property {} does not match filter {}",
        def->type, node.filter_key));
  }
  node.def = schema::PropertyDef{def->id, def->name, def->type, {}};
  return OkStatus();
}

std::vector<std::string> UserIds(const std::string& id) {
  if (id.empty()) return {};
  auto norm = NormalizeUuid(id);
  return {norm ? *norm : id};
}

// The object under a typed value's own key ({"type":"rollup","rollup":{...}} → {...}).
const json::value* Unwrap(const json::value* typed, std::string_view type) {
  if (typed == nullptr || !typed->is_object() || TypeOf(typed) != type) return nullptr;
  return Find(typed->get_object(), type);
}

bool EvaluateRollupItems(const FilterNode& node, const json::value* rollup, Millis now) {
  std::string_view type = TypeOf(rollup);
  std::vector<const json::value*> items;
  if (type == "array") {
    const json::value* arr = Find(rollup->get_object(), "array");
    if (arr != nullptr && arr->is_array()) {
      for (const auto& item : arr->get_array()) items.push_back(&item);
    }
  } else if (type == "number" || type == "date") {
    items.push_back(rollup);  // a computed rollup is one item of its own type
  }
  auto pass = [&](const json::value* item) { return Evaluate(node.cond, item, now); };
  switch (node.wrap) {
    case Wrap::kRollupAny: return std::any_of(items.begin(), items.end(), pass);
    case Wrap::kRollupEvery: return std::all_of(items.begin(), items.end(), pass);
    default: return std::none_of(items.begin(), items.end(), pass);
  }
}

bool EvaluateProperty(const FilterNode& node, const PageFacts& page, Millis now) {
  const schema::PropertyType* type = schema::TypeOf(node.def);
  switch (type != nullptr ? type->page_field() : schema::PageField::kNone) {
    case schema::PageField::kCreatedTime: return EvaluateDate(node.cond, DatePoint{page.created_time, true}, now);
    case schema::PageField::kLastEditedTime:
      return EvaluateDate(node.cond, DatePoint{page.last_edited_time, true}, now);
    case schema::PageField::kCreatedBy: return EvaluateIds(node.cond, UserIds(page.created_by));
    case schema::PageField::kLastEditedBy: return EvaluateIds(node.cond, UserIds(page.last_edited_by));
    case schema::PageField::kNone: break;
  }
  const json::value* value = ValueOf(page, node.def);
  switch (node.wrap) {
    case Wrap::kNone: return Evaluate(node.cond, value, now);
    case Wrap::kFormula: {
      // The formula's result must be of the filter's type; otherwise it reads as empty.
      const json::value* result = Unwrap(value, "formula");
      std::string_view result_type = TypeOf(result);
      std::string_view wanted = node.cond.family == Family::kText       ? "string"
                                : node.cond.family == Family::kCheckbox ? "boolean"
                                : node.cond.family == Family::kNumber   ? "number"
                                                                        : "date";
      return Evaluate(node.cond, result_type == wanted ? result : nullptr, now);
    }
    case Wrap::kRollupNumber:
    case Wrap::kRollupDate: {
      const json::value* rollup = Unwrap(value, "rollup");
      std::string_view wanted = node.wrap == Wrap::kRollupNumber ? "number" : "date";
      return Evaluate(node.cond, TypeOf(rollup) == wanted ? rollup : nullptr, now);
    }
    default: return EvaluateRollupItems(node, Unwrap(value, "rollup"), now);
  }
}

bool EvaluateNode(const FilterNode& node, const PageFacts& page, Millis now) {
  switch (node.kind) {
    case Kind::kAnd:
      return std::all_of(node.children.begin(), node.children.end(),
                         [&](const FilterNode& c) { return EvaluateNode(c, page, now); });
    case Kind::kOr:
      // An empty `or` filters nothing out, as an empty `and` (QUERY.md).
      return node.children.empty() || std::any_of(node.children.begin(), node.children.end(),
                                                  [&](const FilterNode& c) { return EvaluateNode(c, page, now); });
    case Kind::kTimestamp:
      return EvaluateDate(node.cond,
                          DatePoint{node.key == "created_time" ? page.created_time : page.last_edited_time, true}, now);
    case Kind::kProperty: return EvaluateProperty(node, page, now);
  }
  return false;
}

}  // namespace

const json::value* ValueOf(const PageFacts& page, const schema::PropertyDef& def) {
  if (page.values == nullptr) return nullptr;
  if (const json::value* v = Find(*page.values, def.id)) return v;
  return Find(*page.values, def.name);
}

Result<std::shared_ptr<const Filter>> ParseFilter(const json::value& filter, const schema::Schema& schema) {
  auto out = std::make_shared<Filter>();
  LN_ASSIGN_OR_RETURN(out->root, ParseNode(filter, "body.filter", 0));
  LN_RETURN_IF_ERROR(Resolve(out->root, schema));
  return std::shared_ptr<const Filter>(std::move(out));
}

bool Matches(const Filter& filter, const PageFacts& page, Millis now) { return EvaluateNode(filter.root, page, now); }

}  // namespace localnotion::query
