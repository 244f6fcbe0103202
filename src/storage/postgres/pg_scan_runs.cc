#include "storage/postgres/pg_scan_runs.h"

namespace localnotion::storage {

std::vector<const ScanNode*> PgTopLevelTerms(const ScanNode& where) {
  std::vector<const ScanNode*> out;
  if (where.kind == ScanNode::Kind::kAnd) {
    for (const ScanNode& c : where.children) out.push_back(&c);
  } else {
    out.push_back(&where);
  }
  return out;
}

bool IsPgLeadRange(const ScanNode& n, const ScanField& lead) {
  using Op = ScanTerm::Op;
  if (n.kind != ScanNode::Kind::kTerm) return false;
  const ScanTerm& t = n.term;
  if (t.op != Op::kLess && t.op != Op::kLessOrEqual && t.op != Op::kGreater && t.op != Op::kGreaterOrEqual) {
    return false;
  }
  if (lead.kind != ScanField::Kind::kProperty || t.field.kind != ScanField::Kind::kProperty ||
      t.field.property_id != lead.property_id) {
    return false;
  }
  const json::value& v = t.operand;
  return v.is_bool() || v.is_int64() || v.is_uint64() || v.is_double() || v.is_string();
}

std::optional<PgLeadRuns> FindPgLeadRuns(const PageScan& scan) {
  if (!scan.where || scan.order.empty()) return std::nullopt;
  const ScanField& lead = scan.order[0].field;
  PgLeadRuns runs;
  bool any = false;
  for (const ScanNode* n : PgTopLevelTerms(*scan.where)) {
    if (!IsPgLeadRange(*n, lead)) continue;
    any = true;
    const ScanTerm& t = n->term;
    const bool greater = t.op == ScanTerm::Op::kGreater || t.op == ScanTerm::Op::kGreaterOrEqual;
    if (t.operand.is_string()) {
      runs.text.push_back(&t);
      if (greater) runs.number_possible = false;
    } else {
      runs.number.push_back(&t);
      if (!greater) runs.text_possible = false;
    }
  }
  if (!any) return std::nullopt;
  return runs;
}

}  // namespace localnotion::storage
