// Builders of query::ScanNode trees for the store tests: a term on a property and an
// `and`/`or` group. The IR itself is query/scan.h.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "common/json.h"
#include "query/scan.h"

namespace localnotion::testing {

// A term that tests the property `property` with `op` against `operand` (null for the
// operators that take none, such as is_empty).
inline query::ScanNode PropertyTerm(std::string property, query::ScanTerm::Op op, json::value operand = nullptr) {
  query::ScanNode n;
  n.term =
      query::ScanTerm{query::ScanField{query::ScanField::Kind::kProperty, std::move(property)}, op, std::move(operand)};
  return n;
}

// An `and` (kind kAnd) or `or` (kOr) of `children`.
inline query::ScanNode ScanGroup(query::ScanNode::Kind kind, std::vector<query::ScanNode> children) {
  query::ScanNode n;
  n.kind = kind;
  n.children = std::move(children);
  return n;
}

}  // namespace localnotion::testing
