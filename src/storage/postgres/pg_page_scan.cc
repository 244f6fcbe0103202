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
// Text terms (contains, starts_with, ends_with on folded text) read page_text
// (pg_page_text.h, migration 8) through its pg_trgm GIN index: LIKE with the escaped
// needle, exact, plus the unsettled rows (see TextTerm).
//
// Indexes: pages_parent (parent_id, seq) narrows every scan to one parent's pages, in
// creation order. A scan that sorts or has equality terms also asks for an expression
// index of its shape (PgScanShape, pg_scan_indexes.h), built in the background; the
// functions are IMMUTABLE and SQL, so PostgreSQL matches the index's expressions with
// the ones written here. Once that index is built, range terms on the first sort key
// are read as up to two ranges of it, a statement each (pg_scan_runs.h), in read
// transactions.
#include <fmt/format.h>

#include <algorithm>
#include <optional>

#include "storage/postgres/pg_page_text.h"
#include "storage/postgres/pg_records.h"
#include "storage/postgres/pg_scan_runs.h"

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
      return {"created_time", "NULL::text", "false", "1::integer"};
    case ScanField::Kind::kLastEditedTime:
      return {"last_edited_time", "NULL::text", "false", "1::integer"};
    case ScanField::Kind::kProperty:
      break;
  }
  const std::string v = "(props -> " + QuoteLiteral(f.property_id) + ")";
  return {"ln_num" + v, "(ln_txt" + v + " COLLATE \"C\")", "(ln_rank" + v + " IS NULL)", "ln_rank" + v};
}

struct PgSqlBuilder {
  PgParams& params;
  std::string sql;

  // `integral`: an integer operand compared with a bigint column (a timestamp), typed
  // bigint so that an index on the column serves the comparison.
  std::string Param(const json::value& operand, bool numeric, bool integral = false) {
    if (numeric) {
      params.Text(operand.is_bool() ? (operand.get_bool() ? "1" : "0") : SerializeJson(operand));
      return fmt::format("${}::{}", params.size(), integral ? "bigint" : "numeric");
    }
    params.Text(operand.get_string());
    return fmt::format("(${}::text COLLATE \"C\")", params.size());
  }

  // A text term as `seq IN (...)` over page_text (pg_page_text.h): the rows whose folded
  // text is LIKE the escaped needle, found through the trigram index and tested exactly
  // by PostgreSQL's recheck, and the unsettled rows, which every text term selects.
  void TextTerm(const ScanTerm& t) {
    using Op = ScanTerm::Op;
    if (t.field.kind != ScanField::Kind::kProperty) return void(sql += "false");  // timestamps are not text
    const std::string needle = t.operand.is_string() ? std::string(t.operand.get_string()) : std::string();
    if (t.op != Op::kTextUnsettled && needle.empty()) return void(sql += "true");  // every text contains ""
    params.Text(t.field.property_id);
    const std::string property = fmt::format("${}::text", params.size());
    const std::string unsettled =
        fmt::format("SELECT page_seq FROM page_text WHERE property_id = {} AND unsettled", property);
    if (t.op == Op::kTextUnsettled) return void(sql += "seq IN (" + unsettled + ")");
    const PgLikeKind kind = t.op == Op::kTextContains     ? PgLikeKind::kContains
                            : t.op == Op::kTextStartsWith ? PgLikeKind::kStartsWith
                                                          : PgLikeKind::kEndsWith;
    params.Text(PgLikePattern(needle, kind));
    sql +=
        fmt::format("seq IN (SELECT page_seq FROM page_text WHERE property_id = {} AND folded LIKE ${} UNION ALL {})",
                    property, params.size(), unsettled);
  }

  void Term(const ScanTerm& t) {
    const FieldSql f = Field(t.field);
    using Op = ScanTerm::Op;
    if (t.op == Op::kIsEmpty) return void(sql += f.empty);
    if (t.op == Op::kIsNotEmpty) return void(sql += "NOT " + f.empty);
    if (t.op == Op::kNever) return void(sql += "false");
    if (t.op == Op::kTextContains || t.op == Op::kTextStartsWith || t.op == Op::kTextEndsWith ||
        t.op == Op::kTextUnsettled) {
      return TextTerm(t);
    }
    const json::value& v = t.operand;
    const bool numeric = v.is_bool() || v.is_int64() || v.is_uint64() || v.is_double();
    if (!numeric && !v.is_string()) {
      // A NULL operand: SQLite's comparisons with NULL are never true.
      sql += t.op == Op::kNotEqual ? f.empty : "false";
      return;
    }
    const bool time = t.field.kind != ScanField::Kind::kProperty;
    const std::string p = Param(v, numeric, time && v.is_int64());  // a uint64 may not fit a bigint
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

// One sort key: empty last in both directions; numbers before text ascending, after
// descending. Two expressions say that, as at most one of num and txt is not NULL:
// ascending, by num with NULLs last (numbers first), then by txt with NULLs last (text,
// then empty); descending, by txt first (text first), then by num (numbers, then empty).
// (Each expression is computed again for every row read, so two are cheaper than rank,
// num and txt.) A timestamp is never empty and always a number: its column alone.
std::string PgOrderSql(const ScanOrder& o) {
  const FieldSql f = Field(o.field);
  if (o.field.kind != ScanField::Kind::kProperty) return f.num + (o.descending ? " DESC" : " ASC");
  if (o.descending) return fmt::format("{} DESC NULLS LAST, {} DESC NULLS LAST", f.txt, f.num);
  return fmt::format("{} ASC NULLS LAST, {} ASC NULLS LAST", f.num, f.txt);
}

// The column list of the index that serves `scan` (pg_scan_indexes.h), or "" when
// pages_parent serves it as well: parent_id; in_trash when the scan names it; the
// expressions of the equality terms at the top of the condition, as Term writes them;
// the sort keys as PgOrderSql writes them; seq. With every equality and the parent
// fixed, the index gives the pages in the scan's order.
std::string PgScanShape(const PageScan& scan) {
  if (scan.where && query::DrivenByText(*scan.where)) return "";
  std::vector<std::string> equal;
  auto note = [&](const ScanNode& n) {
    if (n.kind != ScanNode::Kind::kTerm || n.term.op != ScanTerm::Op::kEqual) return;
    if (n.term.field.kind != ScanField::Kind::kProperty) return;
    const json::value& v = n.term.operand;
    const bool numeric = v.is_bool() || v.is_int64() || v.is_uint64() || v.is_double();
    if (!numeric && !v.is_string()) return;
    const FieldSql f = Field(n.term.field);
    std::string e = numeric ? f.num : f.txt;
    if (std::find(equal.begin(), equal.end(), e) == equal.end()) equal.push_back(std::move(e));
  };
  if (scan.where) {
    note(*scan.where);
    if (scan.where->kind == ScanNode::Kind::kAnd) {
      for (const ScanNode& c : scan.where->children) note(c);
    }
  }
  if (equal.empty() && scan.order.empty()) return "";
  std::string columns = "parent_id";
  if (scan.in_trash) columns += ", in_trash";
  for (const std::string& e : equal) columns += ", " + e;
  for (const ScanOrder& o : scan.order) columns += ", " + PgOrderSql(o);
  return columns + ", seq";
}

std::string RangeSql(PgSqlBuilder& b, const std::string& expression, const ScanTerm& t) {
  using Op = ScanTerm::Op;
  const char* op = t.op == Op::kLess ? "<" : t.op == Op::kLessOrEqual ? "<=" : t.op == Op::kGreater ? ">" : ">=";
  return fmt::format(" AND {} {} {}", expression, op, b.Param(t.operand, !t.operand.is_string()));
}

// One SELECT of the scan. With `runs`, the text run (`text`) or the number run of its first
// sort key (pg_scan_runs.h) replaces the range terms on that key.
std::string ScanSql(const PageScan& scan, PgParams& params, const PgLeadRuns* runs, bool text, int64_t limit) {
  params.Text(scan.parent_id);
  PgSqlBuilder b{params, "SELECT id FROM pages WHERE parent_id = $1"};
  if (scan.in_trash) b.sql += *scan.in_trash ? " AND in_trash" : " AND NOT in_trash";
  if (scan.where && runs == nullptr) {
    b.sql += " AND ";
    b.Node(*scan.where);
  } else if (scan.where) {
    const ScanField& lead = scan.order[0].field;
    for (const ScanNode* n : PgTopLevelTerms(*scan.where)) {
      if (IsPgLeadRange(*n, lead)) continue;
      b.sql += " AND (";
      b.Node(*n);
      b.sql += ")";
    }
    const FieldSql f = Field(lead);
    const bool descending = scan.order[0].descending;
    if (text) {
      b.sql += (descending ? " AND " : " AND " + f.num + " IS NULL AND ") + f.txt + " IS NOT NULL";
      for (const ScanTerm* t : runs->text) b.sql += RangeSql(b, f.txt, *t);
    } else {
      b.sql += (descending ? " AND " + f.txt + " IS NULL AND " : " AND ") + f.num + " IS NOT NULL";
      for (const ScanTerm* t : runs->number) b.sql += RangeSql(b, f.num, *t);
    }
  }
  b.sql += " ORDER BY ";
  for (const auto& o : scan.order) b.sql += PgOrderSql(o) + ", ";
  b.sql += "seq";
  if (limit >= 0) b.sql += fmt::format(" LIMIT {}", limit);
  return std::move(b.sql);
}

}  // namespace

Result<std::vector<std::string>> PgRecords::ScanPageIds(const PageScan& scan) {
  bool indexed = false;
  if (scan_indexes_ != nullptr) {
    const std::string columns = PgScanShape(scan);
    if (!columns.empty()) {
      const std::string name = PgScanIndexName(columns);
      scan_indexes_->Want(name, columns);
      indexed = scan_indexes_->Ready(name);
    }
  }
  // Runs only with the shape's index (without it each run would read every page of the
  // parent), and only in a read transaction, whose statements share one snapshot (REPEATABLE
  // READ); a write transaction's (READ COMMITTED) would not.
  const std::optional<PgLeadRuns> runs = indexed && !writable_ ? FindPgLeadRuns(scan) : std::nullopt;
  std::vector<std::string> ids;
  auto read = [&](const PgLeadRuns* r, bool text) -> Status {
    const int64_t limit = scan.limit < 0 ? -1 : scan.limit - static_cast<int64_t>(ids.size());
    if (limit == 0) return OkStatus();
    PgParams params;
    const std::string sql = ScanSql(scan, params, r, text, limit);
    LN_ASSIGN_OR_RETURN(PgRows rows, conn_.Query(sql, params, /*prepare=*/false));
    for (int i = 0; i < rows.size(); ++i) ids.push_back(rows.Text(i, 0));
    return OkStatus();
  };
  if (!runs) {
    LN_RETURN_IF_ERROR(read(nullptr, false));
    return ids;
  }
  // Descending, text comes first; ascending, numbers do.
  const bool text_first = scan.order[0].descending;
  for (const bool text : {text_first, !text_first}) {
    if (text ? runs->text_possible : runs->number_possible) LN_RETURN_IF_ERROR(read(&*runs, text));
  }
  return ids;
}

}  // namespace localnotion::storage
