// SqliteStore::ScanPageIds: a PageScan (storage/page_scan.h) as one SELECT.
//
// A property is read with json_extract(properties, '$."<id>"'). The first scan that
// touches a property makes an expression index on (parent_id, that expression), so
// filters and sorts on it become index lookups; SQLite uses such an index only when
// the query spells the expression exactly as the index does, which is why the path is
// written into the SQL text rather than bound. Property ids that cannot be written
// into a JSON path literal are refused (the service does not push them down).
#include <sqlite3.h>

#include <fmt/format.h>

#include "storage/sqlite/sqlite_store.h"
#include "storage/sqlite/statement.h"

namespace localnotion::storage {
namespace {

std::string Expression(const ScanField& f) {
  switch (f.kind) {
    case ScanField::Kind::kCreatedTime: return "created_time";
    case ScanField::Kind::kLastEditedTime: return "last_edited_time";
    case ScanField::Kind::kProperty: break;
  }
  return fmt::format("json_extract(properties, '$.\"{}\"')", f.property_id);
}

struct SqlBuilder {
  std::string sql;
  std::vector<const json::value*> binds;

  void Term(const ScanTerm& t) {
    const std::string e = Expression(t.field);
    switch (t.op) {
      case ScanTerm::Op::kEqual: sql += e + " = ?"; break;
      case ScanTerm::Op::kNotEqual: sql += "(" + e + " IS NULL OR " + e + " <> ?)"; break;
      case ScanTerm::Op::kLess: sql += e + " < ?"; break;
      case ScanTerm::Op::kLessOrEqual: sql += e + " <= ?"; break;
      case ScanTerm::Op::kGreater: sql += e + " > ?"; break;
      case ScanTerm::Op::kGreaterOrEqual: sql += e + " >= ?"; break;
      case ScanTerm::Op::kIsEmpty: sql += e + " IS NULL"; return;
      case ScanTerm::Op::kIsNotEmpty: sql += e + " IS NOT NULL"; return;
      case ScanTerm::Op::kNever: sql += "0"; return;
    }
    binds.push_back(&t.operand);
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

void CollectProperties(const ScanNode& n, std::vector<std::string>& out) {
  if (n.kind == ScanNode::Kind::kTerm) {
    if (n.term.field.kind == ScanField::Kind::kProperty) out.push_back(n.term.field.property_id);
    return;
  }
  for (const auto& c : n.children) CollectProperties(c, out);
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

}  // namespace

bool ScannablePropertyId(std::string_view id) {
  if (id.empty()) return false;
  for (char c : id) {
    if (c == '"' || c == '\'' || c == '\\' || static_cast<unsigned char>(c) < 0x20) return false;
  }
  return true;
}

Result<std::vector<std::string>> SqliteStore::ScanPageIds(const PageScan& scan) {
  std::vector<std::string> properties;
  if (scan.where) CollectProperties(*scan.where, properties);
  for (const auto& o : scan.order) {
    if (o.field.kind == ScanField::Kind::kProperty) properties.push_back(o.field.property_id);
  }
  for (const std::string& id : properties) {
    if (!ScannablePropertyId(id)) return InternalError("sqlite: property id cannot be scanned: " + id);
    if (indexed_properties_.count(id)) continue;
    std::string name;
    for (unsigned char c : id) name += fmt::format("{:02x}", c);
    LN_RETURN_IF_ERROR(Exec(db_, fmt::format("CREATE INDEX IF NOT EXISTS pages_p{} ON pages(parent_id, {})", name,
                                             Expression(ScanField{ScanField::Kind::kProperty, id}))));
    indexed_properties_.insert(id);
  }

  SqlBuilder b;
  b.sql = "SELECT id FROM pages WHERE parent_id = ?";
  if (scan.in_trash) b.sql += *scan.in_trash ? " AND in_trash = 1" : " AND in_trash = 0";
  if (scan.where) {
    b.sql += " AND ";
    b.Node(*scan.where);
  }
  b.sql += " ORDER BY ";
  for (const auto& o : scan.order) {
    std::string e = Expression(o.field);
    b.sql += fmt::format("{} {} NULLS LAST, ", e, o.descending ? "DESC" : "ASC");
  }
  b.sql += "rowid";
  if (scan.limit >= 0) b.sql += fmt::format(" LIMIT {}", scan.limit);

  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db_, b.sql.c_str(), static_cast<int>(b.sql.size()), &stmt, nullptr) != SQLITE_OK) {
    std::string message = sqlite3_errmsg(db_);
    sqlite3_finalize(stmt);
    return InternalError("sqlite: cannot prepare a page scan: " + message);
  }
  int rc = sqlite3_bind_text(stmt, 1, scan.parent_id.data(), static_cast<int>(scan.parent_id.size()), SQLITE_TRANSIENT);
  for (size_t i = 0; i < b.binds.size() && rc == SQLITE_OK; ++i) rc = Bind(stmt, static_cast<int>(i) + 2, *b.binds[i]);
  std::vector<std::string> ids;
  while (rc == SQLITE_OK || rc == SQLITE_ROW) {
    rc = sqlite3_step(stmt);
    if (rc != SQLITE_ROW) break;
    const unsigned char* text = sqlite3_column_text(stmt, 0);
    ids.emplace_back(reinterpret_cast<const char*>(text), static_cast<size_t>(sqlite3_column_bytes(stmt, 0)));
  }
  sqlite3_finalize(stmt);
  if (rc != SQLITE_DONE) return InternalError(std::string("sqlite: page scan failed: ") + sqlite3_errmsg(db_));
  return ids;
}

}  // namespace localnotion::storage
