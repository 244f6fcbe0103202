// SqliteConnection::ScanPageIds: a PageScan (query/scan.h) as one SELECT.
//
// A property is read through a virtual generated column of the pages table,
// p_<hex of the property id> = json_extract(properties, '$."<id>"'), added the first time
// a scan touches the property (adding a virtual column rewrites nothing). The first scan
// of a given shape (which columns it sorts and filters on) then makes an index over
// (parent_id, those columns, in_trash, id), so that later scans of that shape read the
// index alone instead of parsing every page's JSON (SQLite 3.40 does not treat an index
// on json_extract expressions as covering, but does one on generated columns). At most
// kMaxScanColumns columns and kMaxScanIndexes indexes are made; past them a property is
// read with json_extract directly and a shape gets no index, which is slower but the
// same answer. A read-only connection cannot make them: it asks the writer
// (SqliteConnection::ScanWants), and for a parent of more than 20,000 pages it waits for
// them and has its transaction run again on a snapshot that sees them (SetWantsWaiter),
// since its own snapshot, schema included, dates from its first statement. A smaller
// parent is read whole at once, and the wants are made when the transaction ends.
//
// A property id that cannot be written into a JSON path literal (a quote, a backslash,
// a control character) gets no column: it is read by key through json_each
// (json_path.h), again slower but the same answer, so every scan is answered.
//
// Text terms read the page_text table (sqlite/page_text.h) instead: a needle of three
// characters or more through its trigram index (a phrase of the needle's trigrams, then
// the exact test on the folded text), a shorter one by testing the property's rows
// directly. Unsettled values are always selected (query/scan.h). A scan whose text terms
// bound what it selects (DrivenByText) is driven by their candidates: the parent is then
// tested on each candidate rather than read through an index.
#include <sqlite3.h>

#include <algorithm>
#include <atomic>
#include <functional>

#include <fmt/format.h>

#include "storage/sqlite/json_path.h"
#include "storage/sqlite/page_text.h"
#include "storage/sqlite/sqlite_connection.h"
#include "storage/sqlite/statement.h"

namespace localnotion::storage {
namespace {

std::string ColumnName(std::string_view property_id) {
  std::string name = "p_";
  for (unsigned char c : property_id) name += fmt::format("{:02x}", c);
  return name;
}

}  // namespace

bool PathLiteralPropertyId(std::string_view id) {
  if (id.empty()) return false;
  for (char c : id) {
    if (c == '"' || c == '\'' || c == '\\' || static_cast<unsigned char>(c) < 0x20) return false;
  }
  return true;
}

std::string PropertyValueSql(std::string_view property_id) {
  if (PathLiteralPropertyId(property_id)) return fmt::format("json_extract(properties, '$.\"{}\"')", property_id);
  std::string hex;
  for (unsigned char c : property_id) hex += fmt::format("{:02x}", c);
  return fmt::format("(SELECT value FROM json_each(pages.properties) WHERE key = CAST(x'{}' AS TEXT))", hex);
}

namespace {

// How a field is written in SQL, given the generated columns that exist.
struct Fields {
  const std::set<std::string>* columns;

  std::string operator()(const ScanField& f) const {
    switch (f.kind) {
      case ScanField::Kind::kCreatedTime:
        return "created_time";
      case ScanField::Kind::kLastEditedTime:
        return "last_edited_time";
      case ScanField::Kind::kProperty:
        break;
    }
    std::string name = ColumnName(f.property_id);
    return columns->count(name) ? name : PropertyValueSql(f.property_id);
  }
};

struct SqlBuilder {
  Fields expression;
  std::string sql;
  std::vector<json::value> binds;

  // A text term as `pages.rowid IN (...)` over page_text.
  void TextTerm(const ScanTerm& t) {
    const json::value property(t.field.property_id);
    if (t.op == ScanTerm::Op::kTextUnsettled) {
      sql += "pages.rowid IN (SELECT page_rowid FROM page_text WHERE property_id = ? AND unsettled)";
      binds.push_back(property);
      return;
    }
    const std::string needle = t.operand.is_string() ? std::string(t.operand.get_string()) : std::string();
    if (needle.empty()) {  // every text, "" included, contains, starts and ends with ""
      sql += "1";
      return;
    }
    std::string test;
    switch (t.op) {
      case ScanTerm::Op::kTextContains:
        test = "instr(t.folded, ?) > 0";
        break;
      case ScanTerm::Op::kTextStartsWith:
        test = "instr(t.folded, ?) = 1";
        break;
      default:
        test = fmt::format("substr(CAST(t.folded AS BLOB), -{}) = CAST(? AS BLOB)", needle.size());
        break;
    }
    if (t.field.kind != ScanField::Kind::kProperty) {  // timestamps are not text
      sql += "0";
      return;
    }
    if (TrigramSearchable(needle)) {
      // The index's candidates and the rows it has not caught up with, each tested
      // exactly (sqlite/page_text_index.h).
      sql +=
          "pages.rowid IN (SELECT t.page_rowid FROM page_text t WHERE t.id IN (SELECT rowid FROM page_text_fts "
          "WHERE page_text_fts MATCH ? UNION ALL SELECT id FROM page_text_pending) AND t.property_id = ? AND " +
          test + " UNION SELECT page_rowid FROM page_text WHERE property_id = ? AND unsettled)";
      binds.push_back(json::value(FtsPhrase(needle)));
      binds.push_back(property);
      binds.push_back(json::value(needle));
      binds.push_back(property);
      return;
    }
    sql += "pages.rowid IN (SELECT t.page_rowid FROM page_text t WHERE t.property_id = ? AND (t.unsettled OR " + test +
           "))";
    binds.push_back(property);
    binds.push_back(json::value(needle));
  }

  void Term(const ScanTerm& t) {
    if (query::IsTextOp(t.op)) return TextTerm(t);
    const std::string e = expression(t.field);
    switch (t.op) {
      case ScanTerm::Op::kEqual:
        sql += e + " = ?";
        break;
      case ScanTerm::Op::kNotEqual:
        sql += "(" + e + " IS NULL OR " + e + " <> ?)";
        break;
      case ScanTerm::Op::kLess:
        sql += e + " < ?";
        break;
      case ScanTerm::Op::kLessOrEqual:
        sql += e + " <= ?";
        break;
      case ScanTerm::Op::kGreater:
        sql += e + " > ?";
        break;
      case ScanTerm::Op::kGreaterOrEqual:
        sql += e + " >= ?";
        break;
      case ScanTerm::Op::kIsEmpty:
        sql += e + " IS NULL";
        return;
      case ScanTerm::Op::kIsNotEmpty:
        sql += e + " IS NOT NULL";
        return;
      case ScanTerm::Op::kNever:
        sql += "0";
        return;
      case ScanTerm::Op::kTextContains:
      case ScanTerm::Op::kTextStartsWith:
      case ScanTerm::Op::kTextEndsWith:
      case ScanTerm::Op::kTextUnsettled:
        return;  // TextTerm above
    }
    binds.push_back(t.operand);
  }

  void Node(const ScanNode& n) {
    if (n.kind == ScanNode::Kind::kTerm) return Term(n.term);
    if (n.children.empty()) {
      sql += n.kind == ScanNode::Kind::kAnd ? "1" : "0";
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

// The fields the scan reads from pages (text terms read page_text).
void CollectFields(const ScanNode& n, std::vector<ScanField>& out) {
  if (n.kind == ScanNode::Kind::kTerm) {
    if (!query::IsTextOp(n.term.op)) out.push_back(n.term.field);
    return;
  }
  for (const auto& c : n.children) CollectFields(c, out);
}

int Bind(sqlite3_stmt* stmt, int i, const json::value& v) {
  if (v.is_bool()) return sqlite3_bind_int64(stmt, i, v.get_bool() ? 1 : 0);
  if (v.is_int64()) return sqlite3_bind_int64(stmt, i, v.get_int64());
  if (v.is_uint64()) return sqlite3_bind_double(stmt, i, static_cast<double>(v.get_uint64()));
  if (v.is_double()) return sqlite3_bind_double(stmt, i, v.get_double());
  if (v.is_string()) {
    const auto& s = v.get_string();
    return sqlite3_bind_text(stmt, i, s.data(), static_cast<int>(s.size()), SQLITE_TRANSIENT);
  }
  return sqlite3_bind_null(stmt, i);
}

// A sorted scan driven by a text term with more candidates than this reads the shape's
// index in sort order and tests each entry against the candidates, stopping at the
// limit, instead of reading and sorting every candidate (BroadText). Tests lower it.
std::atomic<int64_t> broad_text_candidates{50000};

// Whether the text terms that bound `where` (the term itself, or the terms directly
// under a top-level `and`) that the trigram index answers all have more than
// broad_text_candidates rows in it, and there is at least one. With 111,111 matches of
// 1M pages, reading the candidates and sorting them took 410 ms, reading the sort index
// 150 ms; with 1,000 matches the index would be read to its end for nothing
// (docs/benchmarks.md). The count stops past the bound, so it costs little either way.
Result<bool> BroadText(sqlite3* db, const ScanNode& where) {
  std::vector<const ScanTerm*> terms;
  if (where.kind == ScanNode::Kind::kTerm) {
    terms.push_back(&where.term);
  } else if (where.kind == ScanNode::Kind::kAnd) {
    for (const ScanNode& c : where.children) {
      if (c.kind == ScanNode::Kind::kTerm) terms.push_back(&c.term);
    }
  }
  const int64_t bound = broad_text_candidates.load();
  bool any = false;
  for (const ScanTerm* t : terms) {
    if (!query::IsTextOp(t->op) || t->op == ScanTerm::Op::kTextUnsettled) continue;
    const std::string needle = t->operand.is_string() ? std::string(t->operand.get_string()) : std::string();
    if (needle.empty() || !TrigramSearchable(needle)) continue;
    Statement count(db,
                    fmt::format("SELECT count(*) FROM (SELECT rowid FROM page_text_fts WHERE page_text_fts MATCH ?1 "
                                "LIMIT {})",
                                bound + 1));
    count.Bind(1, FtsPhrase(needle));
    LN_ASSIGN_OR_RETURN(bool row, count.StepRow());
    if (!row || count.Int(0) <= bound) return false;
    any = true;
  }
  return any;
}

}  // namespace

void SqliteConnection::SetBroadTextCandidatesForTest(int64_t n) { broad_text_candidates.store(n); }

namespace {
// Above this many pages under one parent, a read-only scan waits for the column or index
// it wants rather than reading every page: at 1M pages that read took 3.4 s and eight at
// once 8-22 s each (docs/benchmarks.md, "Flat with size"), while making the index takes
// the writer about as long once. Below it, reading every page (under 0.1 s) is cheaper
// than waiting for the writer, and the wants are made when the transaction ends.
std::atomic<int64_t> wait_for_wants_rows{20000};
}  // namespace

void SqliteConnection::SetWaitForWantsRowsForTest(int64_t n) { wait_for_wants_rows.store(n); }

Result<bool> SqliteConnection::LargeParent(const std::string& parent_id) {
  Statement beyond(db_, "SELECT 1 FROM pages WHERE parent_id = ?1 LIMIT 1 OFFSET ?2");
  beyond.Bind(1, parent_id);
  beyond.Bind(2, wait_for_wants_rows.load());
  return beyond.StepRow();
}

Status SqliteConnection::LoadScanColumns() {
  scan_columns_.clear();
  Statement info(db_, "SELECT name FROM pragma_table_xinfo('pages') WHERE name LIKE 'p\\_%' ESCAPE '\\'");
  while (true) {
    LN_ASSIGN_OR_RETURN(bool row, info.StepRow());
    if (!row) break;
    scan_columns_.insert(info.Text(0));
  }
  scan_columns_loaded_ = true;
  return OkStatus();
}

Status SqliteConnection::EnsureScanColumn(const std::string& property_id) {
  std::string name = ColumnName(property_id);
  if (!scan_columns_loaded_ || ((query_only_ || role_ == Role::kReader) && !scan_columns_.count(name))) {
    // Read again from the schema this transaction sees: the writer may have added it.
    LN_RETURN_IF_ERROR(LoadScanColumns());
  }
  if (scan_columns_.count(name) || scan_columns_.size() >= kMaxScanColumns) return OkStatus();
  if (query_only_ || role_ == Role::kReader) {
    // The scan reads the value from the JSON instead this time (Fields below).
    wants_.columns.insert(property_id);
    return OkStatus();
  }
  LN_RETURN_IF_ERROR(Exec(db_, fmt::format("ALTER TABLE pages ADD COLUMN {} GENERATED ALWAYS AS ({}) VIRTUAL", name,
                                           PropertyValueSql(property_id))));
  scan_columns_.insert(std::move(name));
  return OkStatus();
}

Status SqliteConnection::EnsureScanIndex(const std::string& index, const std::string& shape) {
  if (indexed_shapes_.count(shape) || indexed_shapes_.size() >= kMaxScanIndexes) return OkStatus();
  if (query_only_ || role_ == Role::kReader) {
    Statement exists(db_, "SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?1");
    exists.Bind(1, index);
    LN_ASSIGN_OR_RETURN(bool found, exists.StepRow());
    exists.Reset();
    if (found) {
      indexed_shapes_.insert(shape);
    } else {
      wants_.indexes.emplace(index, shape);
    }
    return OkStatus();
  }
  LN_RETURN_IF_ERROR(Exec(db_, fmt::format("CREATE INDEX IF NOT EXISTS {} ON pages({})", index, shape)));
  indexed_shapes_.insert(shape);
  return OkStatus();
}

Status SqliteConnection::ApplyScanWants(const ScanWants& wants) {
  // The columns made before this connection opened count too: without reading them, an
  // index over one was refused below whenever no column was wanted with it.
  if (!scan_columns_loaded_) LN_RETURN_IF_ERROR(LoadScanColumns());
  for (const std::string& property_id : wants.columns) {
    LN_RETURN_IF_ERROR(EnsureScanColumn(property_id));
  }
  for (const auto& [index, shape] : wants.indexes) {
    // Only shapes over columns that now exist; the next scan asks again otherwise.
    bool columns_exist = true;
    size_t start = 0;
    while (start < shape.size()) {
      size_t comma = shape.find(", ", start);
      std::string column = shape.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
      if (column.rfind("p_", 0) == 0 && !scan_columns_.count(column)) columns_exist = false;
      if (comma == std::string::npos) break;
      start = comma + 2;
    }
    if (columns_exist) LN_RETURN_IF_ERROR(EnsureScanIndex(index, shape));
  }
  return OkStatus();
}

bool SqliteConnection::HasScanWants(const ScanWants& wants) const {
  for (const std::string& property_id : wants.columns) {
    if (!scan_columns_.count(ColumnName(property_id))) return false;
  }
  for (const auto& [index, shape] : wants.indexes) {
    if (!indexed_shapes_.count(shape)) return false;
  }
  return true;
}

Result<std::vector<std::string>> SqliteConnection::ScanPageIds(const PageScan& scan) {
  const size_t wanted_before = wants_.columns.size() + wants_.indexes.size();
  std::vector<ScanField> fields;
  for (const auto& o : scan.order) fields.push_back(o.field);
  if (scan.where) CollectFields(*scan.where, fields);
  for (const ScanField& f : fields) {
    if (f.kind != ScanField::Kind::kProperty) continue;
    // An id that is not a path literal is read through json_each, never a column.
    if (PathLiteralPropertyId(f.property_id)) LN_RETURN_IF_ERROR(EnsureScanColumn(f.property_id));
  }
  const Fields expression{&scan_columns_};

  // The scan's shape: the sort columns first (so the index order serves ORDER BY), then
  // the filter's, then in_trash and id, so that the index holds everything the scan reads.
  std::vector<std::string> columns{"parent_id"};
  bool indexable = true;
  for (const ScanField& f : fields) {
    std::string e = expression(f);
    if (e.find('(') != std::string::npos) indexable = false;  // no generated column for it
    if (std::find(columns.begin(), columns.end(), e) == columns.end()) columns.push_back(std::move(e));
  }
  columns.push_back("in_trash");
  // A scan without order or filter reads in creation order (ORDER BY rowid). Its index is
  // (parent_id, in_trash), whose entries for one parent and trash state come in rowid
  // order: SQLite reads only the first `limit` of them, sorts nothing, and reads the ids
  // from those rows. With the id in the index, as every other shape has it (so that the
  // index alone answers), each scan read every entry of the parent and sorted them by
  // rowid: 35 ms for the first 100 of 300,000 pages (docs/benchmarks.md).
  if (!fields.empty()) columns.push_back("id");
  std::string shape;
  for (const auto& c : columns) shape += (shape.empty() ? "" : ", ") + c;
  const std::string index = fmt::format("pages_scan_{:016x}", std::hash<std::string>{}(shape));
  const bool driven = scan.where && query::DrivenByText(*scan.where);
  bool broad = false;  // then the shape's index is read in order, when there is one
  if (driven && indexable && !scan.order.empty() && scan.limit >= 0) {
    LN_ASSIGN_OR_RETURN(broad, BroadText(db_, *scan.where));
  }
  const bool wants_index = indexable && (!driven || broad);
  if (wants_index) LN_RETURN_IF_ERROR(EnsureScanIndex(index, shape));
  if (wait_for_wants_ && wants_.columns.size() + wants_.indexes.size() > wanted_before) {
    LN_ASSIGN_OR_RETURN(bool large, LargeParent(scan.parent_id));
    if (large && wait_for_wants_(wants_)) {
      wants_ = {};
      retry_requested_ = true;
      return LostRaceError();
    }
  }
  // Without statistics SQLite may prefer a narrower index of another shape, and then
  // read every candidate row; the shape's own index is named to avoid that.
  const bool use_index = wants_index && indexed_shapes_.count(shape) > 0;
  const bool by_text = driven && !use_index;  // the text term's candidates drive the scan

  SqlBuilder b{expression, {}, {}};
  b.sql = use_index ? "SELECT id FROM pages INDEXED BY " + index + " WHERE parent_id = ?"
          : by_text ? std::string("SELECT id FROM pages WHERE +parent_id = ?")  // the text term's rows drive
                    : std::string("SELECT id FROM pages WHERE parent_id = ?");
  if (scan.in_trash) b.sql += *scan.in_trash ? " AND in_trash = 1" : " AND in_trash = 0";
  if (scan.where) {
    b.sql += " AND ";
    b.Node(*scan.where);
  }
  b.sql += " ORDER BY ";
  for (const auto& o : scan.order) {
    std::string e = expression(o.field);
    b.sql += fmt::format("{} {} NULLS LAST, ", e, o.descending ? "DESC" : "ASC");
  }
  b.sql += "rowid";
  if (scan.limit >= 0) b.sql += fmt::format(" LIMIT {}", scan.limit);

  Statement* prepared = ScanStatement(b.sql);
  if (prepared == nullptr)
    return InternalError(std::string("sqlite: cannot prepare a page scan: ") + sqlite3_errmsg(db_));
  sqlite3_stmt* stmt = prepared->raw();
  int rc = sqlite3_bind_text(stmt, 1, scan.parent_id.data(), static_cast<int>(scan.parent_id.size()), SQLITE_TRANSIENT);
  for (size_t i = 0; i < b.binds.size() && rc == SQLITE_OK; ++i) rc = Bind(stmt, static_cast<int>(i) + 2, b.binds[i]);
  std::vector<std::string> ids;
  while (rc == SQLITE_OK || rc == SQLITE_ROW) {
    rc = sqlite3_step(stmt);
    if (rc != SQLITE_ROW) break;
    const unsigned char* text = sqlite3_column_text(stmt, 0);
    ids.emplace_back(reinterpret_cast<const char*>(text), static_cast<size_t>(sqlite3_column_bytes(stmt, 0)));
  }
  if (rc != SQLITE_DONE) {
    std::string message = sqlite3_errmsg(db_);
    sqlite3_reset(stmt);
    return InternalError("sqlite: page scan failed: " + message);
  }
  sqlite3_reset(stmt);
  return ids;
}

Statement* SqliteConnection::ScanStatement(const std::string& sql) {
  if (auto it = scan_statements_.find(sql); it != scan_statements_.end()) return it->second.get();
  if (scan_statements_.size() >= kMaxScanStatements) scan_statements_.clear();
  auto st = std::make_unique<Statement>(db_, sql);
  if (!st->valid()) return nullptr;
  return scan_statements_.emplace(sql, std::move(st)).first->second.get();
}

}  // namespace localnotion::storage
