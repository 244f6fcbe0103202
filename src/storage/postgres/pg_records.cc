// PgRecords: pages, databases and data sources (migrations/0001_initial.sql.h).
#include "storage/postgres/pg_records.h"

#include <algorithm>
#include <limits>
#include <unordered_map>
#include <utility>

#include <fmt/format.h>

#include "common/json_arena.h"
#include "common/json_object.h"
#include "storage/postgres/pg_page_text.h"
#include "storage/sqlite/page_titles.h"

namespace localnotion::storage {
namespace {

constexpr const char* kPgPageColumns =
    "id, parent_type, parent_id, properties, icon, cover, in_trash, is_locked, created_time, created_by, "
    "last_edited_time, last_edited_by";
constexpr const char* kPgDatabaseColumns =
    "id, parent_type, parent_id, title, description, icon, cover, in_trash, is_inline, created_time, created_by, "
    "last_edited_time, last_edited_by";
constexpr const char* kPgDataSourceColumns =
    "id, database_id, title, description, icon, in_trash, created_time, created_by, last_edited_time, "
    "last_edited_by, schema, next_unique_id";

std::string Select(const char* columns, const char* tail) { return std::string("SELECT ") + columns + tail; }

// "INSERT INTO t (cols) VALUES ($1..$n) ON CONFLICT (id) DO UPDATE SET c = EXCLUDED.c, ...":
// an upsert keeps the row's seq, so lists ordered by it stay in creation order.
std::string Upsert(const char* table, const std::string& columns) {
  std::string values, sets;
  int n = 0;
  size_t start = 0;
  while (start < columns.size()) {
    size_t comma = columns.find(',', start);
    std::string col = columns.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    while (!col.empty() && col.front() == ' ') col.erase(col.begin());
    ++n;
    values += (n > 1 ? ", $" : "$") + std::to_string(n);
    if (col != "id") sets += (sets.empty() ? "" : ", ") + col + " = EXCLUDED." + col;
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return std::string("INSERT INTO ") + table + " (" + columns + ") VALUES (" + values +
         ") ON CONFLICT (id) DO UPDATE SET " + sets;
}

Result<PageRecord> ReadPage(const PgRows& rows, int r) {
  PageRecord p;
  p.id = rows.Text(r, 0);
  p.parent_type = rows.Text(r, 1);
  p.parent_id = rows.Text(r, 2);
  // The values are made in the request's arena (common/json_arena.h): they end with it.
  auto props = ParseStoredJson(rows.Text(r, 3), JsonArena::Storage());
  auto icon = ParseStoredJson(rows.Text(r, 4));
  auto cover = ParseStoredJson(rows.Text(r, 5));
  if (!props.ok() || !props->is_object() || !icon.ok() || !cover.ok()) {
    return InternalError("postgresql: corrupt page row");
  }
  ReplaceWithStorage(p.properties, std::move(props->get_object()));
  p.icon = std::move(*icon);
  p.cover = std::move(*cover);
  p.in_trash = rows.Bool(r, 6);
  p.is_locked = rows.Bool(r, 7);
  p.created_time = rows.Int(r, 8);
  p.created_by = rows.Text(r, 9);
  p.last_edited_time = rows.Int(r, 10);
  p.last_edited_by = rows.Text(r, 11);
  return p;
}

Result<std::shared_ptr<const DataSourceRecord>> ReadDataSource(const PgRows& rows, int r) {
  DataSourceRecord d;
  d.id = rows.Text(r, 0);
  d.database_id = rows.Text(r, 1);
  auto title = ParseStoredJson(rows.Text(r, 2));
  auto description = ParseStoredJson(rows.Text(r, 3));
  auto icon = ParseStoredJson(rows.Text(r, 4));
  auto schema = ParseStoredJson(rows.Text(r, 10));
  if (!title.ok() || !title->is_array() || !description.ok() || !description->is_array() || !icon.ok() ||
      !schema.ok() || !schema->is_array()) {
    return InternalError("postgresql: corrupt data source row");
  }
  d.title = std::move(title->get_array());
  d.description = std::move(description->get_array());
  d.icon = std::move(*icon);
  d.in_trash = rows.Bool(r, 5);
  d.created_time = rows.Int(r, 6);
  d.created_by = rows.Text(r, 7);
  d.last_edited_time = rows.Int(r, 8);
  d.last_edited_by = rows.Text(r, 9);
  d.schema = std::move(schema->get_array());
  d.next_unique_id = rows.Int(r, 11);
  return std::shared_ptr<const DataSourceRecord>(std::make_shared<DataSourceRecord>(std::move(d)));
}

Result<std::shared_ptr<const DatabaseRecord>> ReadDatabase(const PgRows& rows, int r) {
  DatabaseRecord d;
  d.id = rows.Text(r, 0);
  d.parent_type = rows.Text(r, 1);
  d.parent_id = rows.Text(r, 2);
  auto title = ParseStoredJson(rows.Text(r, 3));
  auto description = ParseStoredJson(rows.Text(r, 4));
  auto icon = ParseStoredJson(rows.Text(r, 5));
  auto cover = ParseStoredJson(rows.Text(r, 6));
  if (!title.ok() || !title->is_array() || !description.ok() || !description->is_array() || !icon.ok() || !cover.ok()) {
    return InternalError("postgresql: corrupt database row");
  }
  d.title = std::move(title->get_array());
  d.description = std::move(description->get_array());
  d.icon = std::move(*icon);
  d.cover = std::move(*cover);
  d.in_trash = rows.Bool(r, 7);
  d.is_inline = rows.Bool(r, 8);
  d.created_time = rows.Int(r, 9);
  d.created_by = rows.Text(r, 10);
  d.last_edited_time = rows.Int(r, 11);
  d.last_edited_by = rows.Text(r, 12);
  return std::shared_ptr<const DatabaseRecord>(std::make_shared<DatabaseRecord>(std::move(d)));
}

}  // namespace

Status PgRecords::CheckWritable() const {
  if (writable_) return OkStatus();
  return InternalError("postgresql: a read transaction cannot write");
}

Status PgRecords::Run(const std::string& sql, const PgParams& params) {
  LN_RETURN_IF_ERROR(CheckWritable());
  LN_ASSIGN_OR_RETURN(PgRows rows, conn_.Query(sql, params));
  (void)rows;
  return OkStatus();
}

namespace {
thread_local bool exclusive_begin_requested = false;
}  // namespace

void RequestExclusiveBegin() { exclusive_begin_requested = true; }

bool ConsumeExclusiveBeginRequest() { return std::exchange(exclusive_begin_requested, false); }

Status PgRecords::TakeExclusive() {
  LN_RETURN_IF_ERROR(CheckWritable());
  if (exclusive_) return OkStatus();
  // Waiting here could deadlock with another transaction doing the same (each holds the
  // lock shared), so it is tried once; the retry begins with it (pg_store.h).
  LN_ASSIGN_OR_RETURN(PgRows rows, conn_.Query(std::string("SELECT pg_try_advisory_xact_lock(") + kStoreLockKey + ")"));
  if (!rows.Bool(0, 0)) {
    conn_.MarkConflicted();
    RequestExclusiveBegin();
    return LostRaceError();
  }
  exclusive_ = true;
  return OkStatus();
}

Status PgRecords::LockKey(std::string_view what) {
  LN_RETURN_IF_ERROR(CheckWritable());
  return Run(kLockKeySql, PgParams().Text(what));
}

// Before a write of a cached kind: the store lock exclusively, then the generation.
Status PgRecords::BumpCacheGeneration() {
  if (bumped_) return OkStatus();
  LN_RETURN_IF_ERROR(TakeExclusive());
  LN_RETURN_IF_ERROR(Run("UPDATE cache_generation SET value = value + 1 WHERE id = 1", PgParams()));
  bumped_ = true;
  return OkStatus();
}

Result<std::vector<PageRecord>> PgRecords::ReadPages(const std::string& sql, const PgParams& params) {
  LN_ASSIGN_OR_RETURN(PgRows rows, conn_.Query(sql, params));
  std::vector<PageRecord> out;
  out.reserve(static_cast<size_t>(rows.size()));
  for (int r = 0; r < rows.size(); ++r) {
    LN_ASSIGN_OR_RETURN(PageRecord page, ReadPage(rows, r));
    out.push_back(std::move(page));
  }
  return out;
}

PgStep PgRecords::PageReadStep(std::string_view id, std::optional<PgRows>* rows) {
  PgParams params;
  params.Text(id);
  return PgStep{Select(kPgPageColumns, " FROM pages WHERE id = $1"), std::move(params), true, "", rows};
}

Result<std::optional<PageRecord>> PgRecords::GetPage(std::string_view id) {
  // A read transaction only (BeginReadingPage): a write reads its pages FOR UPDATE.
  if (read_ahead_ && !writable_ && read_ahead_->id == id) {
    const PgRows rows = std::move(read_ahead_->rows);
    read_ahead_.reset();
    if (rows.size() == 0) return std::optional<PageRecord>();
    LN_ASSIGN_OR_RETURN(PageRecord page, ReadPage(rows, 0));
    return std::optional<PageRecord>(std::move(page));
  }
  LN_ASSIGN_OR_RETURN(auto pages, ReadPages(Select(kPgPageColumns, writable_ ? " FROM pages WHERE id = $1 FOR UPDATE"
                                                                             : " FROM pages WHERE id = $1"),
                                            PgParams().Text(id)));
  if (pages.empty()) return std::optional<PageRecord>();
  return std::optional<PageRecord>(std::move(pages.front()));
}

// One statement for all: the ids as one text[] parameter (an array literal, each element
// quoted), the rows put back in the order asked.
Result<std::vector<std::optional<PageRecord>>> PgRecords::GetPages(const std::vector<std::string>& ids) {
  std::string array = "{";
  for (const std::string& id : ids) {
    if (array.size() > 1) array += ',';
    array += '"';
    for (char c : id) {
      if (c == '"' || c == '\\') array += '\\';
      array += c;
    }
    array += '"';
  }
  array += '}';
  LN_ASSIGN_OR_RETURN(auto pages,
                      ReadPages(Select(kPgPageColumns, writable_ ? " FROM pages WHERE id = ANY($1::text[]) FOR UPDATE"
                                                                 : " FROM pages WHERE id = ANY($1::text[])"),
                                PgParams().Text(array)));
  std::unordered_map<std::string, size_t> found;
  for (size_t i = 0; i < pages.size(); ++i) found.emplace(pages[i].id, i);
  std::vector<std::optional<PageRecord>> out;
  out.reserve(ids.size());
  for (const std::string& id : ids) {
    auto it = found.find(id);
    out.push_back(it == found.end() ? std::nullopt : std::optional<PageRecord>(pages[it->second]));
  }
  return out;
}

// The page's text rows (pg_page_text.h) change in the same transaction: all of them for a
// new page (or an unknown change), else only those of the text that changed, and none
// for a write that changes no text.
Status PgRecords::PutPage(const PageRecord& p, const PageUpdate* update) {
  // With the edit's second (migration 10).
  static const std::string sql = Upsert("pages", std::string(kPgPageColumns) + ", title_folded, edit_second");
  PgParams params;
  params.Text(p.id).Text(p.parent_type).Text(p.parent_id).Text(SerializeJsonObject(p.properties));
  params.Text(SerializeJson(p.icon)).Text(SerializeJson(p.cover)).Bool(p.in_trash).Bool(p.is_locked);
  params.Int(p.created_time).Text(p.created_by).Int(p.last_edited_time).Text(p.last_edited_by);
  params.Text(FoldedPageTitle(p)).Int(EditSecond(p.last_edited_time));
  LN_RETURN_IF_ERROR(Run(sql, params));
  if (update == nullptr || update->before == nullptr) {
    return WritePgPageText(conn_, p.id, PageTexts(p, update ? update->schema : nullptr));
  }
  return ApplyPgPageText(conn_, p.id, PageTextEdits(*update, p));
}

Result<std::vector<PageRecord>> PgRecords::ListPagesOf(std::string_view parent_id) {
  return ReadPages(Select(kPgPageColumns, " FROM pages WHERE parent_id = $1 ORDER BY seq"), PgParams().Text(parent_id));
}

Result<std::vector<PageRecord>> PgRecords::ListAllPages() {
  return ReadPages(Select(kPgPageColumns, " FROM pages ORDER BY seq"), PgParams());
}

Result<std::vector<PageHead>> PgRecords::ListPageHeads() {
  LN_ASSIGN_OR_RETURN(
      PgRows rows,
      conn_.Query("SELECT id, parent_type, parent_id, in_trash, last_edited_time FROM pages ORDER BY seq", PgParams()));
  std::vector<PageHead> heads;
  heads.reserve(static_cast<size_t>(rows.size()));
  for (int r = 0; r < rows.size(); ++r) {
    heads.push_back(PageHead{rows.Text(r, 0), rows.Text(r, 1), rows.Text(r, 2), rows.Bool(r, 3), rows.Int(r, 4)});
  }
  return heads;
}

Result<std::optional<std::vector<PageHead>>> PgRecords::ListPageHeadsByEdit(bool ascending,
                                                                            const std::optional<EditOrderStart>& start,
                                                                            size_t limit) {
  // As SQLite (sqlite_connection.cc): the index of edit seconds (migration 10) from the
  // start's second on, each second's run sorted by the millisecond and `seq` (the
  // creation order) by an incremental sort that stops at `limit`.
  const char* past = ascending ? ">" : "<";
  const char* from = ascending ? ">=" : "<=";
  std::string where = "NOT in_trash";
  PgParams params;
  if (start && !start->page_id.empty()) {
    LN_ASSIGN_OR_RETURN(PgRows at, conn_.Query("SELECT last_edited_time, seq FROM pages WHERE id = $1",
                                               PgParams().Text(start->page_id)));
    if (at.size() == 0) return std::optional<std::vector<PageHead>>();
    params.Int(at.Int(0, 0)).Int(at.Int(0, 1)).Int(EditSecond(at.Int(0, 0)));
    where += fmt::format(" AND edit_second {} $3 AND (last_edited_time {} $1 OR (last_edited_time = $1 AND seq >= $2))",
                         from, past);
  } else if (start) {
    params.Int(start->edited).Int(EditSecond(start->edited));
    where += fmt::format(" AND edit_second {} $2 AND last_edited_time {} $1", from, past);
  }
  const int64_t cap = static_cast<int64_t>(std::min<size_t>(limit, std::numeric_limits<int64_t>::max()));
  const char* direction = ascending ? "ASC" : "DESC";
  const std::string sql = fmt::format(
      "SELECT id, parent_type, parent_id, in_trash, last_edited_time FROM pages WHERE {} "
      "ORDER BY edit_second {}, last_edited_time {}, seq LIMIT {}",
      where, direction, direction, cap);
  LN_ASSIGN_OR_RETURN(PgRows rows, conn_.Query(sql, params));
  std::vector<PageHead> heads;
  heads.reserve(static_cast<size_t>(rows.size()));
  for (int r = 0; r < rows.size(); ++r) {
    heads.push_back(PageHead{rows.Text(r, 0), rows.Text(r, 1), rows.Text(r, 2), rows.Bool(r, 3), rows.Int(r, 4)});
  }
  return std::optional<std::vector<PageHead>>(std::move(heads));
}

Result<std::vector<PageRecord>> PgRecords::ScanPagesByTitle(std::string_view folded_needle) {
  if (folded_needle.empty()) return ListAllPages();
  // LIKE, not strpos, so that the trigram index (migration 8) serves it; the pattern
  // escapes the needle, so the match is the same.
  return ReadPages(Select(kPgPageColumns, " FROM pages WHERE title_folded LIKE $1 ORDER BY seq"),
                   PgParams().Text(PgLikePattern(folded_needle, PgLikeKind::kContains)));
}

Result<std::shared_ptr<const DatabaseRecord>> PgRecords::GetDatabase(std::string_view id) {
  LN_ASSIGN_OR_RETURN(PgRows rows,
                      conn_.Query(Select(kPgDatabaseColumns, " FROM databases WHERE id = $1"), PgParams().Text(id)));
  if (rows.size() == 0) return std::shared_ptr<const DatabaseRecord>();
  return ReadDatabase(rows, 0);
}

Status PgRecords::PutDatabase(const DatabaseRecord& d) {
  static const std::string sql = Upsert("databases", kPgDatabaseColumns);
  PgParams params;
  params.Text(d.id).Text(d.parent_type).Text(d.parent_id).Text(SerializeJson(d.title));
  params.Text(SerializeJson(d.description)).Text(SerializeJson(d.icon)).Text(SerializeJson(d.cover));
  params.Bool(d.in_trash).Bool(d.is_inline).Int(d.created_time).Text(d.created_by).Int(d.last_edited_time);
  params.Text(d.last_edited_by);
  LN_RETURN_IF_ERROR(BumpCacheGeneration());
  return Run(sql, params);
}

Result<std::vector<std::shared_ptr<const DatabaseRecord>>> PgRecords::ListAllDatabases() {
  LN_ASSIGN_OR_RETURN(PgRows rows, conn_.Query(Select(kPgDatabaseColumns, " FROM databases ORDER BY seq")));
  std::vector<std::shared_ptr<const DatabaseRecord>> out;
  for (int r = 0; r < rows.size(); ++r) {
    LN_ASSIGN_OR_RETURN(auto db, ReadDatabase(rows, r));
    out.push_back(std::move(db));
  }
  return out;
}

Result<std::vector<std::shared_ptr<const DataSourceRecord>>> PgRecords::ReadDataSources(const std::string& sql,
                                                                                        const PgParams& params) {
  LN_ASSIGN_OR_RETURN(PgRows rows, conn_.Query(sql, params));
  std::vector<std::shared_ptr<const DataSourceRecord>> out;
  for (int r = 0; r < rows.size(); ++r) {
    LN_ASSIGN_OR_RETURN(auto source, ReadDataSource(rows, r));
    out.push_back(std::move(source));
  }
  return out;
}

Result<std::shared_ptr<const DataSourceRecord>> PgRecords::GetDataSource(std::string_view id) {
  LN_ASSIGN_OR_RETURN(
      auto all, ReadDataSources(Select(kPgDataSourceColumns, " FROM data_sources WHERE id = $1"), PgParams().Text(id)));
  if (all.empty()) return std::shared_ptr<const DataSourceRecord>();
  return std::move(all.front());
}

Result<std::vector<std::shared_ptr<const DataSourceRecord>>> PgRecords::ListDataSources(std::string_view database_id) {
  return ReadDataSources(Select(kPgDataSourceColumns, " FROM data_sources WHERE database_id = $1 ORDER BY seq"),
                         PgParams().Text(database_id));
}

Result<std::vector<std::shared_ptr<const DataSourceRecord>>> PgRecords::ListAllDataSources() {
  return ReadDataSources(Select(kPgDataSourceColumns, " FROM data_sources ORDER BY seq"), PgParams());
}

Status PgRecords::PutDataSource(const DataSourceRecord& d) {
  static const std::string sql = Upsert("data_sources", kPgDataSourceColumns);
  PgParams params;
  params.Text(d.id).Text(d.database_id).Text(SerializeJson(d.title)).Text(SerializeJson(d.description));
  params.Text(SerializeJson(d.icon)).Bool(d.in_trash).Int(d.created_time).Text(d.created_by);
  params.Int(d.last_edited_time).Text(d.last_edited_by).Text(SerializeJson(d.schema)).Int(d.next_unique_id);
  LN_RETURN_IF_ERROR(BumpCacheGeneration());
  return Run(sql, params);
}

}  // namespace localnotion::storage
