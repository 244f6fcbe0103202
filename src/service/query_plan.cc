#include "service/query_plan.h"

#include "query/values.h"

namespace localnotion::service {
namespace {

using storage::ScanField;
using storage::ScanNode;
using storage::ScanTerm;
using Op = ScanTerm::Op;

ScanNode Term(ScanField field, Op op, json::value operand = nullptr) {
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

// The single condition of a condition object: {"greater_than": 5} -> ("greater_than", 5).
const json::key_value_pair* OnlyCondition(const json::value& c) {
  if (!c.is_object() || c.get_object().size() != 1) return nullptr;
  return &*c.get_object().begin();
}

std::optional<ScanNode> NumberTerm(ScanField f, const json::value& c) {
  const auto* kv = OnlyCondition(c);
  if (!kv) return std::nullopt;
  std::string_view k = kv->key();
  const json::value& v = kv->value();
  if (k == "is_empty") return Term(f, Op::kIsEmpty);
  if (k == "is_not_empty") return Term(f, Op::kIsNotEmpty);
  if (!v.is_number()) return std::nullopt;
  if (k == "equals") return Term(f, Op::kEqual, v);
  if (k == "does_not_equal") return Term(f, Op::kNotEqual, v);
  if (k == "greater_than") return Term(f, Op::kGreater, v);
  if (k == "less_than") return Term(f, Op::kLess, v);
  if (k == "greater_than_or_equal_to") return Term(f, Op::kGreaterOrEqual, v);
  if (k == "less_than_or_equal_to") return Term(f, Op::kLessOrEqual, v);
  return std::nullopt;
}

std::optional<ScanNode> CheckboxTerm(ScanField f, const json::value& c) {
  const auto* kv = OnlyCondition(c);
  if (!kv || !kv->value().is_bool()) return std::nullopt;
  bool want = kv->value().get_bool();
  if (kv->key() == "does_not_equal") want = !want;
  else if (kv->key() != "equals") return std::nullopt;
  // Unchecked includes "no value".
  return want ? Term(f, Op::kEqual, true) : Term(f, Op::kNotEqual, true);
}

std::optional<ScanNode> OptionTerm(ScanField f, const json::value& c, const schema::PropertyDef& def) {
  const auto* kv = OnlyCondition(c);
  if (!kv) return std::nullopt;
  std::string_view k = kv->key();
  if (k == "is_empty") return Term(f, Op::kIsEmpty);
  if (k == "is_not_empty") return Term(f, Op::kIsNotEmpty);
  if ((k != "equals" && k != "does_not_equal") || !kv->value().is_string()) return std::nullopt;
  std::optional<std::string> option_id;
  if (const json::value* options = def.config.if_contains("options");
      options && options->is_array()) {
    for (const auto& o : options->get_array()) {
      const json::value* name = o.is_object() ? o.get_object().if_contains("name") : nullptr;
      const json::value* id = o.is_object() ? o.get_object().if_contains("id") : nullptr;
      if (name && id && id->is_string() && *name == kv->value()) option_id = std::string(id->get_string());
    }
  }
  if (k == "equals") return option_id ? Term(f, Op::kEqual, json::value(*option_id)) : Term(f, Op::kNever);
  // No option has that name, so no page has it: everything differs from it.
  return option_id ? Term(f, Op::kNotEqual, json::value(*option_id)) : Group(ScanNode::Kind::kAnd, {});
}

// Timestamps are never empty. A date-only operand compares by UTC day (query/QUERY.md).
std::optional<ScanNode> TimestampTerm(ScanField f, const json::value& c) {
  const auto* kv = OnlyCondition(c);
  if (!kv) return std::nullopt;
  std::string_view k = kv->key();
  if (k == "is_empty") return Term(f, Op::kNever);
  if (k == "is_not_empty") return Group(ScanNode::Kind::kAnd, {});
  if (!kv->value().is_string()) return std::nullopt;
  auto point = query::ParseDatePoint(kv->value().get_string());
  if (!point) return std::nullopt;
  const Millis lo = point->has_time ? point->ms : query::DayOf(point->ms) * query::kDayMs;
  const Millis hi = point->has_time ? point->ms + 1 : lo + query::kDayMs;  // exclusive
  if (k == "equals") {
    return Group(ScanNode::Kind::kAnd, {Term(f, Op::kGreaterOrEqual, lo), Term(f, Op::kLess, hi)});
  }
  if (k == "before") return Term(f, Op::kLess, lo);
  if (k == "after") return Term(f, Op::kGreaterOrEqual, hi);
  if (k == "on_or_before") return Term(f, Op::kLess, hi);
  if (k == "on_or_after") return Term(f, Op::kGreaterOrEqual, lo);
  return std::nullopt;  // relative conditions stay in the service
}

std::optional<ScanNode> PlanNode(const json::value& node, const schema::Schema& schema, bool& complete);

std::optional<ScanNode> PlanLeaf(const json::object& o, const schema::Schema& schema) {
  if (const json::value* ts = o.if_contains("timestamp"); ts && ts->is_string()) {
    std::string_view which = ts->get_string();
    const json::value* c = o.if_contains(which);
    if (!c) return std::nullopt;
    if (which == "created_time") return TimestampTerm(ScanField{ScanField::Kind::kCreatedTime, {}}, *c);
    if (which == "last_edited_time") return TimestampTerm(ScanField{ScanField::Kind::kLastEditedTime, {}}, *c);
    return std::nullopt;
  }
  const json::value* name = o.if_contains("property");
  if (!name || !name->is_string()) return std::nullopt;
  const schema::PropertyDef* def = schema::FindProperty(schema, name->get_string());
  if (!def) return std::nullopt;
  // The condition object under the filter's type key.
  const json::value* c = nullptr;
  std::string_view key;
  for (const auto& kv : o) {
    if (kv.key() != "property" && kv.key() != "type") {
      c = &kv.value();
      key = kv.key();
    }
  }
  if (!c) return std::nullopt;
  if (def->type == "created_time" && (key == "created_time" || key == "date")) {
    return TimestampTerm(ScanField{ScanField::Kind::kCreatedTime, {}}, *c);
  }
  if (def->type == "last_edited_time" && (key == "last_edited_time" || key == "date")) {
    return TimestampTerm(ScanField{ScanField::Kind::kLastEditedTime, {}}, *c);
  }
  if (!storage::ScannablePropertyId(def->id)) return std::nullopt;
  ScanField f{ScanField::Kind::kProperty, def->id};
  if (def->type == "number" && key == "number") return NumberTerm(f, *c);
  if (def->type == "checkbox" && key == "checkbox") return CheckboxTerm(f, *c);
  if ((def->type == "select" && key == "select") || (def->type == "status" && key == "status")) {
    return OptionTerm(f, *c, *def);
  }
  return std::nullopt;
}

std::optional<ScanNode> PlanNode(const json::value& node, const schema::Schema& schema, bool& complete) {
  if (!node.is_object()) {
    complete = false;
    return std::nullopt;
  }
  const json::object& o = node.get_object();
  const json::value* and_ = o.if_contains("and");
  const json::value* or_ = o.if_contains("or");
  if ((and_ && and_->is_array()) || (or_ && or_->is_array())) {
    const bool is_and = and_ != nullptr;
    std::vector<ScanNode> children;
    for (const auto& child : (is_and ? and_ : or_)->get_array()) {
      bool child_complete = true;
      auto planned = PlanNode(child, schema, child_complete);
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
  auto leaf = PlanLeaf(o, schema);
  if (!leaf) complete = false;
  return leaf;
}

}  // namespace

QueryPlan PlanQuery(const json::value* filter, const json::value* sorts, const schema::Schema& schema) {
  QueryPlan plan;
  if (filter) plan.where = PlanNode(*filter, schema, plan.filter_pushed);
  if (sorts && sorts->is_array()) {
    for (const auto& s : sorts->get_array()) {
      const json::object* o = s.is_object() ? &s.get_object() : nullptr;
      const json::value* dir = o ? o->if_contains("direction") : nullptr;
      const bool descending = dir && dir->is_string() && dir->get_string() == "descending";
      std::optional<ScanField> field;
      if (const json::value* p = o ? o->if_contains("property") : nullptr; p && p->is_string()) {
        const schema::PropertyDef* def = schema::FindProperty(schema, p->get_string());
        if (def && def->type == "number" && storage::ScannablePropertyId(def->id)) {
          field = ScanField{ScanField::Kind::kProperty, def->id};
        } else if (def && def->type == "created_time") {
          field = ScanField{ScanField::Kind::kCreatedTime, {}};
        } else if (def && def->type == "last_edited_time") {
          field = ScanField{ScanField::Kind::kLastEditedTime, {}};
        }
      } else if (const json::value* t = o ? o->if_contains("timestamp") : nullptr; t && t->is_string()) {
        if (t->get_string() == "created_time") field = ScanField{ScanField::Kind::kCreatedTime, {}};
        if (t->get_string() == "last_edited_time") field = ScanField{ScanField::Kind::kLastEditedTime, {}};
      }
      if (!field) {
        plan.sorts_pushed = false;
        plan.order.clear();
        break;
      }
      plan.order.push_back(storage::ScanOrder{std::move(*field), descending});
    }
  }
  return plan;
}

}  // namespace localnotion::service
