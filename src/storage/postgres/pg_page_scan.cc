// PgRecords::ScanPageIds: a PageScan (query/scan.h) as one SELECT over pages.props, the
// jsonb form of the properties.
//
// The answer must be SQLite's (sqlite/page_scan.cc) to the row: a property reads as
// json_extract gives it there, so numbers and booleans (as 1 and 0) compare with number
// operands numerically, text compares with text operands by bytes, any number sorts
// before any text, and absent or JSON null is empty. ln_num, ln_txt and ln_rank
// (migrations/0001_initial.sql.h) split a value that way, and each comparison below is
// written out per operand type so that a mixed comparison gives SQLite's result (a text
// value is greater than every number).
//
// Text terms (contains, starts_with, ends_with on folded text) are not evaluated here:
// every value counts as unsettled, so they select every page and the service checks
// the condition on each (see Term).
//
// Indexes: pages_parent (parent_id, seq) narrows every scan to one parent's pages, in
// creation order. The functions are IMMUTABLE, so expression indexes over them are
// possible where a workload needs them (docs/storage.md).
#include <fmt/format.h>

#include "storage/postgres/pg_records.h"

namespace localnotion::storage {
namespace {

// How one field reads in SQL.
struct FieldSql {
  std::string num;    // numeric, NULL unless a number or boolean
  std::string txt;    // text, NULL unless text (or an array or object)
  std::string empty;  // true when absent or null
  std::string rank;   // 1 number, 2 text, NULL empty
};

FieldSql Field(const ScanField& f) {
  switch (f.kind) {
    case ScanField::Kind::kCreatedTime:
      return {"created_time::numeric", "NULL::text", "false", "1::integer"};
    case ScanField::Kind::kLastEditedTime:
      return {"last_edited_time::numeric", "NULL::text", "false", "1::integer"};
    case ScanField::Kind::kProperty:
      break;
  }
  const std::string v = "(props -> " + QuoteLiteral(f.property_id) + ")";
  return {"ln_num" + v, "(ln_txt" + v + " COLLATE \"C\")", "(ln_rank" + v + " IS NULL)", "ln_rank" + v};
}

struct PgSqlBuilder {
  PgParams& params;
  std::string sql;

  std::string Param(const json::value& operand, bool numeric) {
    if (numeric) {
      params.Text(operand.is_bool() ? (operand.get_bool() ? "1" : "0") : SerializeJson(operand));
      return fmt::format("${}::numeric", params.size());
    }
    params.Text(operand.get_string());
    return fmt::format("(${}::text COLLATE \"C\")", params.size());
  }

  void Term(const ScanTerm& t) {
    const FieldSql f = Field(t.field);
    using Op = ScanTerm::Op;
    if (t.op == Op::kIsEmpty) return void(sql += f.empty);
    if (t.op == Op::kIsNotEmpty) return void(sql += "NOT " + f.empty);
    if (t.op == Op::kNever) return void(sql += "false");
    // Text terms: this store keeps no folded text, so it treats every value as unsettled
    // (query/scan.h): each text term holds for every page and the service evaluates the
    // condition itself (docs/storage.md).
    if (t.op == Op::kTextContains || t.op == Op::kTextStartsWith || t.op == Op::kTextEndsWith ||
        t.op == Op::kTextUnsettled) {
      return void(sql += "true");
    }
    const json::value& v = t.operand;
    const bool numeric = v.is_bool() || v.is_int64() || v.is_uint64() || v.is_double();
    if (!numeric && !v.is_string()) {
      // A NULL operand: SQLite's comparisons with NULL are never true.
      sql += t.op == Op::kNotEqual ? f.empty : "false";
      return;
    }
    const std::string p = Param(v, numeric);
    // Same-type comparison, and what a value of the other type gives (text > number).
    const std::string& same = numeric ? f.num : f.txt;
    const std::string other_is_greater = numeric ? f.txt + " IS NOT NULL" : "false";
    const std::string other_is_less = numeric ? "false" : f.num + " IS NOT NULL";
    switch (t.op) {
      case Op::kEqual:
        sql += fmt::format("({} = {})", same, p);
        break;
      case Op::kNotEqual:
        sql += fmt::format("({0} IS NULL OR {0} <> {1})", same, p);
        break;
      case Op::kLess:
        sql += fmt::format("({} < {} OR {})", same, p, other_is_less);
        break;
      case Op::kLessOrEqual:
        sql += fmt::format("({} <= {} OR {})", same, p, other_is_less);
        break;
      case Op::kGreater:
        sql += fmt::format("({} > {} OR {})", same, p, other_is_greater);
        break;
      case Op::kGreaterOrEqual:
        sql += fmt::format("({} >= {} OR {})", same, p, other_is_greater);
        break;
      default:
        sql += "false";
        break;
    }
  }

  void Node(const ScanNode& n) {
    if (n.kind == ScanNode::Kind::kTerm) return Term(n.term);
    if (n.children.empty()) {
      sql += n.kind == ScanNode::Kind::kAnd ? "true" : "false";
      return;
    }
    sql += "(";
    for (size_t i = 0; i < n.children.size(); ++i) {
      if (i > 0) sql += n.kind == ScanNode::Kind::kAnd ? " AND " : " OR ";
      Node(n.children[i]);
    }
    sql += ")";
  }
};

}  // namespace

Result<std::vector<std::string>> PgRecords::ScanPageIds(const PageScan& scan) {
  PgParams params;
  params.Text(scan.parent_id);
  PgSqlBuilder b{params, "SELECT id FROM pages WHERE parent_id = $1"};
  if (scan.in_trash) b.sql += *scan.in_trash ? " AND in_trash" : " AND NOT in_trash";
  if (scan.where) {
    b.sql += " AND ";
    b.Node(*scan.where);
  }
  b.sql += " ORDER BY ";
  for (const auto& o : scan.order) {
    // Empty last in both directions; numbers before text ascending, after descending.
    const FieldSql f = Field(o.field);
    const char* dir = o.descending ? "DESC" : "ASC";
    b.sql += fmt::format("{0} {3} NULLS LAST, {1} {3}, {2} {3}, ", f.rank, f.num, f.txt, dir);
  }
  b.sql += "seq";
  if (scan.limit >= 0) b.sql += fmt::format(" LIMIT {}", scan.limit);
  LN_ASSIGN_OR_RETURN(PgRows rows, conn_.Query(b.sql, params, /*prepare=*/false));
  std::vector<std::string> ids;
  ids.reserve(static_cast<size_t>(rows.size()));
  for (int r = 0; r < rows.size(); ++r) ids.push_back(rows.Text(r, 0));
  return ids;
}

}  // namespace localnotion::storage
