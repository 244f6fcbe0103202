// A query over the pages of one parent that storage evaluates itself (push-down).
//
// The query planner (query/plan.h) translates the parts of a Notion filter and sort that
// have an exact meaning on stored values into a PageScan; storage answers with the ids
// of the matching pages in order. Stored values are compared as they are kept: numbers
// as numbers, checkboxes as booleans, select and status as option ids (see
// schema/property_type.h). Anything the planner does not translate stays with the
// service, which evaluates it on the pages returned. A backend must answer every scan
// it is given, for any property id; how it reads a property is its own business.
//
// This is the query layer's vocabulary for storage: storage includes this header (the
// layer order allows it) and never the other way round.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/json.h"

namespace localnotion::query {

// What a term or an order reads from a page row.
struct ScanField {
  enum class Kind { kProperty, kCreatedTime, kLastEditedTime };
  Kind kind = Kind::kProperty;
  std::string property_id;  // for kProperty: the key in PageRecord::properties
};

// One comparison. An absent or null stored value is "empty": it satisfies only
// kIsEmpty and kNotEqual (as Notion's `does_not_equal` matches empty values).
//
// Text terms read a property's stored text: a rich text array's concatenated
// `plain_text` (query::StoredText), or a string value, folded with query::FoldCase;
// anything else, and an absent value, is "". The operand is a folded needle:
//   - kTextContains, kTextStartsWith, kTextEndsWith: the folded text contains, starts or
//     ends with it;
//   - kTextUnsettled: the stored text may differ from the text a caller is shown,
//     because the value holds a mention (whose plain_text is the current name of what it
//     points at, filled in on read). No operand.
// The three matching terms are exact where the value is settled, and also true where it
// is unsettled (storage cannot judge those). A backend that cannot match text may treat
// every value as unsettled: every text term then holds for every page, and the service
// evaluates the condition itself (query/plan.h, `text_properties`).
struct ScanTerm {
  enum class Op {
    kEqual,
    kNotEqual,
    kLess,
    kLessOrEqual,
    kGreater,
    kGreaterOrEqual,
    kIsEmpty,
    kIsNotEmpty,
    kNever,
    kTextContains,
    kTextStartsWith,
    kTextEndsWith,
    kTextUnsettled,
  };
  ScanField field;
  Op op = Op::kEqual;
  json::value operand;  // a number, boolean or string; times are milliseconds
};

// A tree of terms: kAnd / kOr over children, or one term.
struct ScanNode {
  enum class Kind { kAnd, kOr, kTerm };
  Kind kind = Kind::kTerm;
  std::vector<ScanNode> children;
  ScanTerm term;
};

// Whether a term tests folded text (the stores answer these from their text index).
inline bool IsTextOp(ScanTerm::Op op) {
  return op == ScanTerm::Op::kTextContains || op == ScanTerm::Op::kTextStartsWith ||
         op == ScanTerm::Op::kTextEndsWith || op == ScanTerm::Op::kTextUnsettled;
}

// Whether the text terms of a condition bound every page it selects: a text term, an
// `and` with such a child, or an `or` whose children all are. A store then starts from
// the candidates of those terms rather than from every page of the parent.
inline bool DrivenByText(const ScanNode& n) {
  switch (n.kind) {
    case ScanNode::Kind::kTerm:
      return IsTextOp(n.term.op);
    case ScanNode::Kind::kAnd:
      for (const ScanNode& c : n.children) {
        if (DrivenByText(c)) return true;
      }
      return false;
    case ScanNode::Kind::kOr:
      for (const ScanNode& c : n.children) {
        if (!DrivenByText(c)) return false;
      }
      return !n.children.empty();
  }
  return false;
}

// Sort key. Empty values sort last in both directions (query/QUERY.md); ties keep
// creation order.
struct ScanOrder {
  ScanField field;
  bool descending = false;
};

struct PageScan {
  std::string parent_id;
  std::optional<bool> in_trash;      // nullopt: trashed and not trashed alike
  std::optional<ScanNode> where;     // nullopt: every page
  std::vector<ScanOrder> order;      // empty: creation order
  int64_t limit = -1;                // -1: no limit
};

}  // namespace localnotion::query
