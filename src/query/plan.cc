// PlanQuery: the parsed filter and sorts (filter_tree.h, sort_spec.h) as a PageScan.
#include "query/plan.h"

#include <algorithm>

#include "query/filter_tree.h"
#include "query/sort_spec.h"
#include "query/values.h"
#include "schema/registry.h"

namespace localnotion::query {
namespace {

using ScanOp = ScanTerm::Op;
using schema::PageField;
using schema::ScanAs;

ScanNode Term(ScanField field, ScanOp op, json::value operand = nullptr) {
  ScanNode n;
  n.kind = ScanNode::Kind::kTerm;
  n.term = ScanTerm{std::move(field), op, std::move(operand)};
  return n;
}

ScanNode Group(ScanNode::Kind kind, std::vector<ScanNode> children) {
  ScanNode n;
  n.kind = kind;
  n.children = std::move(children);
  return n;
}

ScanNode Everything() { return Group(ScanNode::Kind::kAnd, {}); }

ScanField PropertyField(const std::string& id) { return ScanField{ScanField::Kind::kProperty, id}; }

// The field of a property whose value is one of the page's timestamps, if it is one.
std::optional<ScanField> TimestampField(PageField field) {
  if (field == PageField::kCreatedTime) return ScanField{ScanField::Kind::kCreatedTime, {}};
  if (field == PageField::kLastEditedTime) return ScanField{ScanField::Kind::kLastEditedTime, {}};
  return std::nullopt;
}

std::optional<ScanNode> NumberTerm(ScanField f, const Condition& c) {
  // The operand as the request gave it, so that integers compare exactly.
  const json::value& v = c.operand;
  switch (c.op) {
    case Op::kIsEmpty: return Term(f, ScanOp::kIsEmpty);
    case Op::kIsNotEmpty: return Term(f, ScanOp::kIsNotEmpty);
    case Op::kEquals: return Term(f, ScanOp::kEqual, v);
    case Op::kDoesNotEqual: return Term(f, ScanOp::kNotEqual, v);
    case Op::kGreaterThan: return Term(f, ScanOp::kGreater, v);
    case Op::kLessThan: return Term(f, ScanOp::kLess, v);
    case Op::kGreaterThanOrEqualTo: return Term(f, ScanOp::kGreaterOrEqual, v);
    case Op::kLessThanOrEqualTo: return Term(f, ScanOp::kLessOrEqual, v);
    default: return std::nullopt;
  }
}

std::optional<ScanNode> CheckboxTerm(ScanField f, const Condition& c) {
  bool want = c.boolean;
  if (c.op == Op::kDoesNotEqual) want = !want;
  else if (c.op != Op::kEquals) return std::nullopt;
  // Unchecked includes "no value".
  return want ? Term(f, ScanOp::kEqual, true) : Term(f, ScanOp::kNotEqual, true);
}

std::optional<ScanNode> OptionTerm(ScanField f, const Condition& c, const schema::PropertyDef& def) {
  if (c.op == Op::kIsEmpty) return Term(f, ScanOp::kIsEmpty);
  if (c.op == Op::kIsNotEmpty) return Term(f, ScanOp::kIsNotEmpty);
  if (c.op != Op::kEquals && c.op != Op::kDoesNotEqual) return std::nullopt;
  std::optional<std::string> option_id;
  if (const json::value* options = def.config.if_contains("options"); options && options->is_array()) {
    for (const auto& o : options->get_array()) {
      const json::value* name = o.is_object() ? o.get_object().if_contains("name") : nullptr;
      const json::value* id = o.is_object() ? o.get_object().if_contains("id") : nullptr;
      if (name && id && id->is_string() && name->is_string() && name->get_string() == c.text) {
        option_id = std::string(id->get_string());
      }
    }
  }
  if (c.op == Op::kEquals) return option_id ? Term(f, ScanOp::kEqual, json::value(*option_id)) : Term(f, ScanOp::kNever);
  // No option has that name, so no page has it: everything differs from it.
  return option_id ? Term(f, ScanOp::kNotEqual, json::value(*option_id)) : Everything();
}

// Timestamps are never empty. A date-only operand compares by UTC day (QUERY.md).
std::optional<ScanNode> TimestampTerm(ScanField f, const Condition& c) {
  if (c.op == Op::kIsEmpty) return Term(f, ScanOp::kNever);
  if (c.op == Op::kIsNotEmpty) return Everything();
  const DatePoint& point = c.date;
  const Millis lo = point.has_time ? point.ms : DayOf(point.ms) * kDayMs;
  const Millis hi = point.has_time ? point.ms + 1 : lo + kDayMs;  // exclusive
  switch (c.op) {
    case Op::kEquals: return Group(ScanNode::Kind::kAnd, {Term(f, ScanOp::kGreaterOrEqual, lo), Term(f, ScanOp::kLess, hi)});
    case Op::kBefore: return Term(f, ScanOp::kLess, lo);
    case Op::kAfter: return Term(f, ScanOp::kGreaterOrEqual, hi);
    case Op::kOnOrBefore: return Term(f, ScanOp::kLess, hi);
    case Op::kOnOrAfter: return Term(f, ScanOp::kGreaterOrEqual, lo);
    default: return std::nullopt;  // relative conditions stay in the service
  }
}

// Code points in a UTF-8 string (continuation bytes are not counted).
size_t CodePoints(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

// contains / starts_with / ends_with on a stored text value, with a needle of at least
// kMinPushedNeedle characters (a trigram index finds nothing shorter; such needles stay
// with the service). The term is exact only where the value holds no mention, so the
// property is listed in `text_properties` for the service to check (plan.h).
std::optional<ScanNode> TextTerm(ScanField f, const Condition& c, std::vector<std::string>& text_properties) {
  ScanOp op;
  switch (c.op) {
    case Op::kContains: op = ScanOp::kTextContains; break;
    case Op::kStartsWith: op = ScanOp::kTextStartsWith; break;
    case Op::kEndsWith: op = ScanOp::kTextEndsWith; break;
    default: return std::nullopt;
  }
  if (CodePoints(c.folded) < kMinPushedNeedle) return std::nullopt;
  if (std::find(text_properties.begin(), text_properties.end(), f.property_id) == text_properties.end()) {
    text_properties.push_back(f.property_id);
  }
  return Term(std::move(f), op, json::value(c.folded));
}

std::optional<ScanNode> PlanProperty(const FilterNode& node, const schema::Schema& schema,
                                     std::vector<std::string>& text_properties) {
  if (node.wrap != FilterNode::Wrap::kNone) return std::nullopt;  // formulas and rollups are computed
  // The full definition (the node keeps id, name and type only), by id.
  const schema::PropertyDef* def = nullptr;
  for (const auto& d : schema) {
    if (d.id == node.def.id) def = &d;
  }
  const schema::PropertyType* type = schema::TypeOf(node.def);
  if (def == nullptr || type == nullptr) return std::nullopt;
  if (auto ts = TimestampField(type->page_field()); ts && node.cond.family == Family::kDate) {
    return TimestampTerm(*ts, node.cond);
  }
  // The text keys fit every text property (QUERY.md), so any of them is pushed.
  if (type->filter_family() == schema::FilterFamily::kText && node.cond.family == Family::kText) {
    return TextTerm(PropertyField(def->id), node.cond, text_properties);
  }
  if (node.filter_key != type->name()) return std::nullopt;
  switch (type->scan_as()) {
    case ScanAs::kNumber: return NumberTerm(PropertyField(def->id), node.cond);
    case ScanAs::kCheckbox: return CheckboxTerm(PropertyField(def->id), node.cond);
    case ScanAs::kOptionId: return OptionTerm(PropertyField(def->id), node.cond, *def);
    case ScanAs::kNone: return std::nullopt;
  }
  return std::nullopt;
}

std::optional<ScanNode> PlanNode(const FilterNode& node, const schema::Schema& schema, bool& complete,
                                 std::vector<std::string>& text_properties) {
  switch (node.kind) {
    case FilterNode::Kind::kAnd:
    case FilterNode::Kind::kOr: {
      const bool is_and = node.kind == FilterNode::Kind::kAnd;
      std::vector<ScanNode> children;
      for (const FilterNode& child : node.children) {
        bool child_complete = true;
        auto planned = PlanNode(child, schema, child_complete, text_properties);
        if (!child_complete) complete = false;
        if (!planned || !child_complete) {
          // An `and` can drop a child (the service checks it); an `or` cannot.
          if (!is_and) {
            complete = false;
            return std::nullopt;
          }
          if (!planned) continue;
        }
        children.push_back(std::move(*planned));
      }
      return Group(is_and ? ScanNode::Kind::kAnd : ScanNode::Kind::kOr, std::move(children));
    }
    case FilterNode::Kind::kTimestamp: {
      auto leaf = TimestampTerm(node.key == "created_time" ? ScanField{ScanField::Kind::kCreatedTime, {}}
                                                           : ScanField{ScanField::Kind::kLastEditedTime, {}},
                                node.cond);
      if (!leaf) complete = false;
      return leaf;
    }
    case FilterNode::Kind::kProperty: {
      auto leaf = PlanProperty(node, schema, text_properties);
      if (!leaf) complete = false;
      return leaf;
    }
  }
  complete = false;
  return std::nullopt;
}

std::optional<ScanField> SortField(const SortSpec& spec) {
  if (spec.is_timestamp) {
    return spec.timestamp == "created_time" ? ScanField{ScanField::Kind::kCreatedTime, {}}
                                            : ScanField{ScanField::Kind::kLastEditedTime, {}};
  }
  const schema::PropertyType* type = schema::TypeOf(spec.def);
  if (type == nullptr) return std::nullopt;
  if (type->scan_as() == ScanAs::kNumber) return PropertyField(spec.def.id);
  return TimestampField(type->page_field());
}

}  // namespace

QueryPlan PlanQuery(const Filter* filter, const Sorter* sorter, const schema::Schema& schema) {
  QueryPlan plan;
  if (filter != nullptr) plan.where = PlanNode(filter->root, schema, plan.filter_pushed, plan.text_properties);
  // Text terms of an `or` that was not pushed are not in `where`; listing their
  // properties anyway only costs the service one more check.
  if (sorter != nullptr) {
    for (const SortSpec& spec : sorter->specs) {
      std::optional<ScanField> field = SortField(spec);
      if (!field) {
        plan.sorts_pushed = false;
        plan.order.clear();
        break;
      }
      plan.order.push_back(ScanOrder{std::move(*field), spec.descending});
    }
  }
  return plan;
}

}  // namespace localnotion::query
