#include "storage/sqlite/sqlite_connection.h"

#include <sqlite3.h>

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <limits>
#include <thread>

#include "common/deadline.h"
#include "common/json_arena.h"
#include "common/json_object.h"
#include "storage/record_columns.h"
#include "storage/sqlite/migrations.h"
#include "storage/sqlite/page_text.h"
#include "storage/sqlite/page_text_index.h"
#include "storage/sqlite/page_titles.h"
#include "storage/sqlite/statement.h"

namespace localnotion::storage {
namespace {

#define LN_PAGE_COLUMNS                                                                                  \
  "id, parent_type, parent_id, properties, icon, cover, in_trash, is_locked, created_time, created_by, " \
  "last_edited_time, last_edited_by"
constexpr const char* kPageColumns = LN_PAGE_COLUMNS;
// The columns a page is read with (ReadPage): kPageColumns, then the rowid.
constexpr const char* kPageRead = LN_PAGE_COLUMNS ", rowid";
#undef LN_PAGE_COLUMNS
// The updates find the row by the rowid the record holds (?14, PageRecord::store_row), or
// by its id when that is 0, and write it only if it has the record's id: a rowid lookup
// costs about 2k instructions less than the id's index. A row not found is upserted
// (PutPage).
#define LN_PAGE_ROW "WHERE rowid = coalesce(nullif(?14, 0), (SELECT rowid FROM pages WHERE id = ?1)) AND id = ?1"
// Each update in two forms: one that leaves the edit second (migration 13) and one that
// also sets it (?15), used when the edit moves to another second. SQLite rewrites an
// index entry whenever its column is in the SET list, even to the value it had.
#define LN_UPDATE_PAGE                                                                                          \
  "UPDATE pages SET properties = ?4, icon = ?5, cover = ?6, in_trash = ?7, is_locked = ?8, created_time = ?9, " \
  "created_by = ?10, last_edited_time = ?11, last_edited_by = ?12, title_folded = ?13"
#define LN_UPDATE_PAGE_VALUES                                                                    \
  "UPDATE pages SET properties = ?4, icon = ?5, cover = ?6, is_locked = ?8, created_time = ?9, " \
  "created_by = ?10, last_edited_time = ?11, last_edited_by = ?12"
#define LN_UPDATE_PAGE_PROPERTIES "UPDATE pages SET properties = ?4, last_edited_time = ?11, last_edited_by = ?12"
constexpr const char* kUpdatePage[2] = {LN_UPDATE_PAGE " " LN_PAGE_ROW,
                                        LN_UPDATE_PAGE ", edit_second = ?15 " LN_PAGE_ROW};
constexpr const char* kUpdatePageValues[2] = {LN_UPDATE_PAGE_VALUES " " LN_PAGE_ROW,
                                              LN_UPDATE_PAGE_VALUES ", edit_second = ?15 " LN_PAGE_ROW};
constexpr const char* kUpdatePageProperties[2] = {LN_UPDATE_PAGE_PROPERTIES " " LN_PAGE_ROW,
                                                  LN_UPDATE_PAGE_PROPERTIES ", edit_second = ?15 " LN_PAGE_ROW};
#undef LN_UPDATE_PAGE
#undef LN_UPDATE_PAGE_VALUES
#undef LN_UPDATE_PAGE_PROPERTIES
#undef LN_PAGE_ROW

constexpr const char* kDatabaseColumns =
    "id, parent_type, parent_id, title, description, icon, cover, in_trash, is_inline, "
    "created_time, created_by, last_edited_time, last_edited_by";
constexpr const char* kDataSourceColumns =
    "id, database_id, title, description, icon, in_trash, created_time, created_by, last_edited_time, "
    "last_edited_by, schema, next_unique_id";
constexpr const char* kUserColumns = "id, type, name, avatar_url, email, integration_id";
constexpr const char* kIntegrationColumns = "id, name, secret_hash, bot_user_id, capabilities, created_time";

// "INSERT INTO t (cols) VALUES (?1..?n) ON CONFLICT(id) DO UPDATE SET c=excluded.c, ...":
// an upsert keeps the row's rowid, so lists ordered by rowid stay in creation order.
std::string Upsert(const char* table, const char* columns) {
  std::string cols(columns);
  std::string values, sets;
  int n = 0;
  size_t start = 0;
  while (start < cols.size()) {
    size_t comma = cols.find(',', start);
    std::string col = cols.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    while (!col.empty() && col.front() == ' ') col.erase(col.begin());
    ++n;
    values += (n > 1 ? ", ?" : "?") + std::to_string(n);
    if (col != "id") sets += (sets.empty() ? "" : ", ") + col + " = excluded." + col;
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return std::string("INSERT INTO ") + table + " (" + cols + ") VALUES (" + values +
         ") ON CONFLICT(id) DO UPDATE SET " + sets;
}

UserRecord ReadUser(Statement& st) {
  UserRecord u;
  u.id = st.Text(0);
  u.type = st.Text(1);
  u.name = st.Text(2);
  u.avatar_url = st.NullableText(3);
  u.email = st.NullableText(4);
  u.integration_id = st.NullableText(5).value_or("");
  return u;
}

IntegrationRecord ReadIntegration(Statement& st) {
  return IntegrationRecord{st.Text(0), st.Text(1), st.Text(2), st.Text(3), st.Text(4), st.Int(5)};
}

}  // namespace

struct SqliteConnection::Statements {
  // An update in its two forms (kUpdatePage and the others).
  struct PageRowUpdate {
    PageRowUpdate(sqlite3* db, const char* const (&sql)[2]) : same_second(db, sql[0]), new_second(db, sql[1]) {}
    bool valid() const { return same_second.valid() && new_second.valid(); }
    Statement& For(bool second_moves) { return second_moves ? new_second : same_second; }
    Statement same_second, new_second;
  };

  explicit Statements(sqlite3* db)
      : begin(db, "BEGIN IMMEDIATE"),
        begin_read(db, "BEGIN DEFERRED"),
        commit(db, "COMMIT"),
        rollback(db, "ROLLBACK"),
        savepoint(db, "SAVEPOINT unit"),
        release(db, "RELEASE unit"),
        rollback_to(db, "ROLLBACK TO unit"),
        get_page(db, JoinSql("SELECT ", kPageRead, " FROM pages WHERE id = ?1")),
        // Pages are written with their folded title (sqlite/page_titles.h), for title scans.
        // The upsert's ?14 is the edit second (migration 13); the updates' ?14 is the row.
        put_page(db, Upsert("pages", (std::string(kPageColumns) + ", title_folded, edit_second").c_str())),
        // An update that keeps the page's parent leaves parent_type and parent_id out of
        // its SET list: SQLite rewrites an index entry whose column is SET, even to the
        // value it had, so the upsert dirtied a page of pages_parent on every write (one
        // more WAL frame per commit). Same parameters as the upsert (?2 and ?3 unused).
        update_page(db, kUpdatePage),
        // And one that keeps the page's title and trash state too leaves in_trash and
        // title_folded out as well, for the same reason (the page scan's index holds
        // in_trash, pages_title_unfolded the folded title): most writes change neither.
        // Parameters ?1 and ?4 to ?12 of the upsert.
        update_page_values(db, kUpdatePageValues),
        // And one that keeps every field but the values and the edit time and author
        // (the icon, cover, lock and creation): most PATCHes, which then neither
        // serialize nor bind them. Parameters ?1, ?4, ?11 and ?12 of the upsert.
        update_page_properties(db, kUpdatePageProperties),
        pin_snapshot(db, "PRAGMA user_version"),
        // The rowid that page_text rows (sqlite/page_text.h) are keyed by, read after a
        // write whose record did not carry it (PageRecord::store_row): a lookup in the
        // primary key's index costs less than the write's RETURNING rowid, which SQLite
        // answers through a temporary table (about 18k instructions of a six-property
        // PATCH; docs/benchmarks.md).
        page_rowid(db, "SELECT rowid FROM pages WHERE id = ?1"),
        list_pages_of(db, JoinSql("SELECT ", kPageRead, " FROM pages WHERE parent_id = ?1 ORDER BY rowid")),
        list_all_pages(db, JoinSql("SELECT ", kPageRead, " FROM pages ORDER BY rowid")),
        // A NULL folded title (a row not written since migration 5) cannot be ruled out.
        scan_titles(db,
                    JoinSql("SELECT ", kPageRead,
                            " FROM pages WHERE title_folded IS NULL OR instr(title_folded, ?1) > 0 ORDER BY rowid")),
        // Needles of three characters or more read the trigram index of page_text, with
        // the rows it has not caught up with (sqlite/page_text_index.h); an unsettled
        // title (a mention) and a row without title_folded are candidates.
        scan_titles_fts(
            db, JoinSql("SELECT ", kPageRead,
                        " FROM pages WHERE rowid IN (SELECT t.page_rowid FROM page_text t WHERE t.id IN "
                        "(SELECT rowid FROM page_text_fts WHERE page_text_fts MATCH ?1 UNION ALL "
                        "SELECT id FROM page_text_pending) AND "
                        "t.property_id = 'title' AND instr(t.folded, ?2) > 0 UNION SELECT page_rowid "
                        "FROM page_text WHERE property_id = 'title' AND unsettled UNION SELECT rowid FROM pages "
                        "WHERE title_folded IS NULL) ORDER BY rowid")),
        list_all_data_sources(db, JoinSql("SELECT ", kDataSourceColumns, " FROM data_sources ORDER BY rowid")),
        get_database(db, JoinSql("SELECT ", kDatabaseColumns, " FROM databases WHERE id = ?1")),
        put_database(db, Upsert("databases", kDatabaseColumns)),
        get_data_source(db, JoinSql("SELECT ", kDataSourceColumns, " FROM data_sources WHERE id = ?1")),
        list_data_sources(
            db, JoinSql("SELECT ", kDataSourceColumns, " FROM data_sources WHERE database_id = ?1 ORDER BY rowid")),
        put_data_source(db, Upsert("data_sources", kDataSourceColumns)),
        get_user(db, JoinSql("SELECT ", kUserColumns, " FROM users WHERE id = ?1")),
        list_users(db, JoinSql("SELECT ", kUserColumns, " FROM users WHERE id >= ?1 ORDER BY id LIMIT ?2")),
        put_user(db, JoinSql("INSERT OR REPLACE INTO users (", kUserColumns, ") VALUES (?1, ?2, ?3, ?4, ?5, ?6)")),
        find_integration(db, JoinSql("SELECT ", kIntegrationColumns, " FROM integrations WHERE secret_hash = ?1")),
        list_integrations(db, JoinSql("SELECT ", kIntegrationColumns, " FROM integrations ORDER BY created_time, id")),
        put_integration(db, JoinSql("INSERT OR REPLACE INTO integrations (", kIntegrationColumns,
                                    ") VALUES (?1, ?2, ?3, ?4, ?5, ?6)")),
        get_meta(db, "SELECT value FROM meta WHERE key = ?1"),
        put_meta(db, "INSERT OR REPLACE INTO meta (key, value) VALUES (?1, ?2)"),
        page_text(std::make_unique<PageTextWriter>(db)),
        text_index(std::make_unique<PageTextIndex>(db)) {}

  bool valid() const {
    for (const Statement* s :
         {&begin,           &begin_read,     &commit,          &rollback,          &savepoint,
          &release,         &rollback_to,    &get_page,        &put_page,          &page_rowid,
          &list_pages_of,   &list_all_pages, &scan_titles,     &scan_titles_fts,   &list_all_data_sources,
          &get_database,    &put_database,   &get_data_source, &list_data_sources, &put_data_source,
          &get_user,        &list_users,     &put_user,        &find_integration,  &list_integrations,
          &put_integration, &get_meta,       &put_meta,        &pin_snapshot}) {
      if (!s->valid()) return false;
    }
    return update_page.valid() && update_page_values.valid() && update_page_properties.valid() && page_text->valid() &&
           text_index->valid();
  }

  Statement begin, begin_read, commit, rollback, savepoint, release, rollback_to;
  Statement get_page, put_page;
  PageRowUpdate update_page, update_page_values, update_page_properties;
  Statement pin_snapshot, page_rowid, list_pages_of, list_all_pages, scan_titles, scan_titles_fts,
      list_all_data_sources, get_database, put_database;
  Statement get_data_source, list_data_sources, put_data_source;
  Statement get_user, list_users, put_user, find_integration, list_integrations, put_integration;
  Statement get_meta, put_meta;
  std::unique_ptr<PageTextWriter> page_text;
  std::unique_ptr<PageTextIndex> text_index;  // sqlite/page_text_index.h
};

SqliteConnection::SqliteConnection(sqlite3* db, Role role) : db_(db), role_(role) {}

SqliteConnection::~SqliteConnection() {
  if (query_only_) RefuseWrites(db_, false);  // another connection may get the address
  list_shares_.reset();
  scan_statements_.clear();
  append_change_.reset();
  list_changes_.reset();
  list_history_.reset();
  st_.reset();
  block_st_.reset();
  all_database_ids_.reset();
  sqlite3_close_v2(db_);
}

Result<std::unique_ptr<SqliteConnection>> SqliteConnection::Open(const std::string& path, Role role) {
  // No memory statistics: they take a global mutex on every allocation SQLite makes
  // (https://www.sqlite.org/c3ref/c_config_covering_index_scan.html#sqliteconfigmemstatus).
  // Only possible before SQLite initializes; later calls fail harmlessly.
  static const bool configured = [] { return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0) == SQLITE_OK; }();
  (void)configured;
  sqlite3* db = nullptr;
  const int flags = role == Role::kWriter ? SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX
                                          : SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX;
  int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = db ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close_v2(db);
    return InternalError("cannot open " + path + ": " + msg);
  }
  std::unique_ptr<SqliteConnection> conn(new SqliteConnection(db, role));
  if (role == Role::kWriter) {
    // WAL with synchronous=NORMAL: a COMMIT is in the WAL (and so survives the process
    // being killed) before it returns. Checkpoints run on a background thread, which
    // also makes the WAL start over at 32 MiB (checkpointer.h). The automatic one here
    // is a bound for when that cannot happen (a reader holding an old snapshot for
    // long, another process writing the file): at 512 MiB, inside a COMMIT, it copies
    // what is left, and journal_size_limit trims the file back to 64 MiB after it.
    LN_RETURN_IF_ERROR(Exec(db,
                            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000; "
                            "PRAGMA wal_autocheckpoint=131072; PRAGMA journal_size_limit=67108864;"));
    LN_RETURN_IF_ERROR(MigrateSqlite(db));
  } else {
    LN_RETURN_IF_ERROR(Exec(db, "PRAGMA busy_timeout=5000;"));
  }
  // A statement over the text index's FTS5 table fails to prepare with SQLITE_SCHEMA
  // ("vtable constructor failed: page_text_fts") when another connection changes the
  // schema meanwhile (a scan's column or index, sqlite/page_scan.cc), and SQLite does not
  // prepare it again by itself: a reader opened while the writer made an index failed
  // its request. Once that change has committed, preparing again succeeds.
  for (int attempt = 1;; ++attempt) {
    Status prepared = conn->Prepare();
    if (prepared.ok()) break;
    if (attempt == kPrepareAttempts) return std::move(prepared).error();
    std::this_thread::sleep_for(std::chrono::milliseconds(attempt));
  }
  LN_RETURN_IF_ERROR(conn->PrepareBlocks());
  if (role == Role::kWriter) {
    // Notes left committed (by a process killed before it caught up, or a file written
    // by hand) are applied when the writer opens, so that a text query starts from a
    // small lag. The look takes no write lock, so opening a file another process writes
    // does not wait.
    LN_ASSIGN_OR_RETURN(conn->text_lag_, conn->st_->text_index->Lag());
    if (conn->text_lag_ > 0) {
      LN_RETURN_IF_ERROR(conn->BeginBatch());
      LN_RETURN_IF_ERROR(conn->CatchUpTextIndex());
      LN_RETURN_IF_ERROR(conn->CommitBatch());
    }
  }
  return conn;
}

Status SqliteConnection::Prepare() {
  st_ = std::make_unique<Statements>(db_);
  if (!st_->valid()) return InternalError(std::string("sqlite prepare: ") + sqlite3_errmsg(db_));
  return OkStatus();
}

Status SqliteConnection::BeginBatch() {
  caught_up_in_batch_ = false;
  return st_->begin.Run();
}

Status SqliteConnection::CommitBatch() {
  // The text index catches up with the rows waiting for it in the batch itself, once
  // there are enough of them: one FTS5 segment per kTextIndexLag rows.
  Status s = CatchUpTextIndexIfBehind();
  if (s.ok()) s = st_->commit.Run();
  if (!s.ok()) RollbackBatch();
  return s;
}

Status SqliteConnection::CatchUpTextIndexIfBehind() {
  if (text_lag_ < text_index_lag_) return OkStatus();
  // Rows written more than once since the last catch-up were counted once per write.
  LN_ASSIGN_OR_RETURN(text_lag_, st_->text_index->Lag());
  if (text_lag_ < text_index_lag_) return OkStatus();
  return CatchUpTextIndex();
}

Status SqliteConnection::CatchUpTextIndex() {
  LN_RETURN_IF_ERROR(st_->text_index->CatchUp());
  text_lag_ = 0;
  caught_up_in_batch_ = true;
  return OkStatus();
}

void SqliteConnection::RollbackBatch() {
  // A column or index made in the batch is gone with it.
  indexed_shapes_.clear();
  scan_columns_loaded_ = false;
  // A catch-up inside the batch is undone with it, and the notes it had cleared are
  // back: count them at the next commit.
  if (caught_up_in_batch_) text_lag_ = text_index_lag_;
  caught_up_in_batch_ = false;
  if (!sqlite3_get_autocommit(db_)) (void)st_->rollback.Run();
}

Status SqliteConnection::Savepoint() { return st_->savepoint.Run(); }

Status SqliteConnection::ReleaseSavepoint() { return st_->release.Run(); }

Status SqliteConnection::RollbackToSavepoint() {
  indexed_shapes_.clear();
  scan_columns_loaded_ = false;
  // As in RollbackBatch: a catch-up inside the unit is undone.
  if (caught_up_in_batch_) text_lag_ = text_index_lag_;
  LN_RETURN_IF_ERROR(st_->rollback_to.Run());
  return st_->release.Run();
}

Status SqliteConnection::CopyFrom(SqliteConnection& source) {
  sqlite3_backup* backup = sqlite3_backup_init(db_, "main", source.db_, "main");
  if (backup == nullptr) return InternalError(std::string("sqlite backup: ") + sqlite3_errmsg(db_));
  const int stepped = sqlite3_backup_step(backup, -1);
  const int finished = sqlite3_backup_finish(backup);
  if (stepped != SQLITE_DONE || finished != SQLITE_OK) {
    return InternalError(std::string("sqlite backup: ") + sqlite3_errmsg(db_));
  }
  // The copy has the source's generated columns and indexes, and the source's pending
  // text index rows, however many; looking again costs one query each, and the next
  // commit counts the pending rows (as after rolling back a batch that caught up).
  indexed_shapes_.clear();
  scan_columns_.clear();
  scan_columns_loaded_ = false;
  wants_ = {};
  text_lag_ = text_index_lag_;
  return OkStatus();
}

Status SqliteConnection::BeginRead() {
  // Columns and indexes made since the last snapshot become visible with this one.
  scan_columns_loaded_ = false;
  retry_requested_ = false;
  return st_->begin_read.Run();
}

bool SqliteConnection::SnapshotTaken() const { return sqlite3_txn_state(db_, "main") != SQLITE_TXN_NONE; }

Status SqliteConnection::PinSnapshot() {
  if (SnapshotTaken()) return OkStatus();
  // Any read of the database takes the snapshot; this one reads a number of the file's
  // header, which costs no cursor and no search (a meta key that never exists cost about
  // 1,300 instructions more per GET of a cached page).
  Statement& st = st_->pin_snapshot;
  Result<bool> read = st.StepRow();
  st.Reset();
  return read.ok() ? OkStatus() : Status(std::move(read).error());
}

bool SqliteConnection::InTransaction() const { return sqlite3_get_autocommit(db_) == 0; }

void SqliteConnection::EndRead() {
  if (!sqlite3_get_autocommit(db_)) (void)st_->commit.Run();
}

Status SqliteConnection::SetQueryOnly(bool on) {
  query_only_ = on;
  RefuseWrites(db_, on);  // not PRAGMA query_only, which recompiles every statement after
  return OkStatus();
}

void SqliteConnection::WatchDeadline() {
  // Every 1000 virtual machine instructions; a non-zero return interrupts the statement.
  sqlite3_progress_handler(
      db_, 1000, [](void*) -> int { return DeadlinePassed() ? 1 : 0; }, nullptr);
}

Result<std::optional<PageRecord>> SqliteConnection::ReadPage(Statement& st) {
  LN_ASSIGN_OR_RETURN(bool row, st.StepRow());
  if (!row) return std::optional<PageRecord>();
  PageRecord p;
  p.id = st.Text(0);
  p.parent_type = st.Text(1);
  p.parent_id = st.Text(2);
  // Parsed from SQLite's own buffers: the JSON text is not copied first. The values are
  // made in the request's arena (common/json_arena.h): they end with the request.
  auto props = ParseStoredJson(st.TextView(3), JsonArena::Storage());
  auto icon = ParseStoredJson(st.TextView(4));
  auto cover = ParseStoredJson(st.TextView(5));
  p.in_trash = st.Int(6) != 0;
  p.is_locked = st.Int(7) != 0;
  p.created_time = st.Int(8);
  p.created_by = st.Text(9);
  p.last_edited_time = st.Int(10);
  p.last_edited_by = st.Text(11);
  p.store_row = st.Int(12);
  if (!props.ok() || !props->is_object() || !icon.ok() || !cover.ok()) return InternalError("sqlite: corrupt page row");
  ReplaceWithStorage(p.properties, std::move(props->get_object()));
  p.icon = std::move(*icon);
  p.cover = std::move(*cover);
  return std::optional<PageRecord>(std::move(p));
}

Result<std::optional<PageRecord>> SqliteConnection::GetPage(std::string_view id) {
  Statement& st = st_->get_page;
  st.Bind(1, id);
  auto page = ReadPage(st);
  st.Reset();
  return page;
}

Result<std::vector<PageRecord>> SqliteConnection::ReadPages(Statement& st) {
  std::vector<PageRecord> out;
  while (true) {
    auto page = ReadPage(st);
    if (!page.ok()) {
      st.Reset();
      return std::move(page).error();
    }
    if (!*page) break;
    out.push_back(std::move(**page));
  }
  st.Reset();
  return out;
}

Result<std::vector<PageRecord>> SqliteConnection::ListPagesOf(std::string_view data_source_id) {
  st_->list_pages_of.Bind(1, data_source_id);
  return ReadPages(st_->list_pages_of);
}

Result<std::vector<PageRecord>> SqliteConnection::ListAllPages() { return ReadPages(st_->list_all_pages); }

Result<std::vector<PageHead>> SqliteConnection::ListPageHeads() {
  // Prepared per call: a call reads every page's row, which outweighs the preparing.
  Statement st(db_, "SELECT id, parent_type, parent_id, in_trash, last_edited_time FROM pages ORDER BY rowid");
  if (!st.valid()) return InternalError(std::string("sqlite prepare: ") + sqlite3_errmsg(db_));
  std::vector<PageHead> heads;
  while (true) {
    LN_ASSIGN_OR_RETURN(bool row, st.StepRow());
    if (!row) break;
    heads.push_back(PageHead{st.Text(0), st.Text(1), st.Text(2), st.Int(3) != 0, st.Int(4)});
  }
  return heads;
}

Result<std::optional<std::vector<PageHead>>> SqliteConnection::ListPageHeadsByEdit(
    bool ascending, const std::optional<EditOrderStart>& start, size_t limit) {
  // The index of the pages' edit seconds (migration 13) gives the pages in the order of
  // their second from the cursor's on; SQLite sorts each second's run by the millisecond
  // and the rowid ("USE TEMP B-TREE FOR RIGHT PART OF ORDER BY") and stops once it has
  // `limit`, so a page of results reads about one page of rows whatever the store's size.
  // Prepared per call, as ListPageHeads.
  const char* past = ascending ? ">" : "<";
  const char* from = ascending ? ">=" : "<=";
  std::string where = "in_trash = 0";
  Millis edited = 0;
  int64_t row = 0;
  if (start && !start->page_id.empty()) {
    Statement at(db_, "SELECT last_edited_time, rowid FROM pages WHERE id = ?1");
    if (!at.valid()) return InternalError(std::string("sqlite prepare: ") + sqlite3_errmsg(db_));
    at.Bind(1, start->page_id);
    LN_ASSIGN_OR_RETURN(bool found, at.StepRow());
    if (!found) return std::optional<std::vector<PageHead>>();
    edited = at.Int(0);
    row = at.Int(1);
    where += fmt::format(
        " AND edit_second {} ?4 AND (last_edited_time {} ?1 OR (last_edited_time = ?1 AND rowid >= ?2))", from, past);
  } else if (start) {
    edited = start->edited;
    where += fmt::format(" AND edit_second {} ?4 AND last_edited_time {} ?1", from, past);
  }
  // The sorter holds each row's rowid and edit time only; the heads kept are read after.
  const char* direction = ascending ? "ASC" : "DESC";
  Statement st(db_, fmt::format("SELECT p.id, p.parent_type, p.parent_id, p.in_trash, p.last_edited_time FROM "
                                "(SELECT rowid AS r, last_edited_time AS e FROM pages WHERE {} "
                                "ORDER BY edit_second {}, last_edited_time {}, rowid LIMIT ?3) AS s "
                                "JOIN pages AS p ON p.rowid = s.r ORDER BY s.e {}, s.r",
                                where, direction, direction, direction));
  if (!st.valid()) return InternalError(std::string("sqlite prepare: ") + sqlite3_errmsg(db_));
  if (start) st.Bind(1, edited).Bind(4, EditSecond(edited));
  if (start && !start->page_id.empty()) st.Bind(2, row);
  st.Bind(3, static_cast<int64_t>(std::min<size_t>(limit, std::numeric_limits<int64_t>::max())));
  std::vector<PageHead> heads;
  while (true) {
    LN_ASSIGN_OR_RETURN(bool found, st.StepRow());
    if (!found) break;
    heads.push_back(PageHead{st.Text(0), st.Text(1), st.Text(2), st.Int(3) != 0, st.Int(4)});
  }
  return std::optional<std::vector<PageHead>>(std::move(heads));
}

Result<std::vector<PageRecord>> SqliteConnection::ScanPagesByTitle(std::string_view folded_needle) {
  if (folded_needle.empty()) return ListAllPages();
  if (TrigramSearchable(folded_needle)) {
    st_->scan_titles_fts.Bind(1, FtsPhrase(folded_needle)).Bind(2, folded_needle);
    return ReadPages(st_->scan_titles_fts);
  }
  st_->scan_titles.Bind(1, folded_needle);
  return ReadPages(st_->scan_titles);
}

Result<bool> SqliteConnection::WritePageRow(Statement& st, const PageRecord& p, RowColumns columns, bool sets_second) {
  // Bound without copies: every text lives until the statement is reset by Run.
  const std::string properties = SerializeJsonObject(p.properties);
  st.BindStatic(1, p.id).BindStatic(4, properties);
  if (&st == &st_->put_page) {
    st.Bind(14, EditSecond(p.last_edited_time));
  } else {
    st.Bind(14, p.store_row);  // the updates' row (kUpdatePage)
    if (sets_second) st.Bind(15, EditSecond(p.last_edited_time));
  }
  st.Bind(11, p.last_edited_time).BindStatic(12, p.last_edited_by);
  std::string icon, cover, title;
  if (columns != RowColumns::kProperties) {
    icon = SerializeJson(p.icon);
    cover = SerializeJson(p.cover);
    st.BindStatic(5, icon).BindStatic(6, cover);
    st.Bind(8, int64_t{p.is_locked}).Bind(9, p.created_time).BindStatic(10, p.created_by);
  }
  if (columns == RowColumns::kAll) {
    title = FoldedPageTitle(p);
    st.BindStatic(2, p.parent_type).BindStatic(3, p.parent_id);
    st.Bind(7, int64_t{p.in_trash}).BindStatic(13, title);
  }
  LN_RETURN_IF_ERROR(st.Run());
  return sqlite3_changes(db_) > 0;
}

Status SqliteConnection::PutPage(const PageRecord& p, const PageUpdate* update) {
  // The page's text rows change in the same transaction as the page: all of them for a
  // new page (or an unknown change), else only those of the text that changed.
  const bool knows_changes = update != nullptr && update->before != nullptr;
  std::vector<PageTextEdit> edits;
  if (knows_changes) edits = PageTextEdits(*update, p);
  const bool text_changes = !knows_changes || !edits.empty();
  // The row is updated in place when it keeps its parent (Statements::update_page), else
  // upserted; an update that finds no row (a `before` that was never stored) upserts too.
  const bool same_parent = knows_changes && update->before->id == p.id &&
                           update->before->parent_type == p.parent_type && update->before->parent_id == p.parent_id;
  // The title is the property "title" (its id as stored), named in changed_properties
  // when its value changed.
  const bool same_title_and_trash =
      same_parent && update->changed_properties != nullptr && update->before->in_trash == p.in_trash &&
      !std::binary_search(update->changed_properties->begin(), update->changed_properties->end(), "title");
  // Icon, cover, lock and creation as `before` had them: only the values and the edit.
  const bool same_fields = same_title_and_trash && update->before->is_locked == p.is_locked &&
                           update->before->created_time == p.created_time &&
                           update->before->created_by == p.created_by && update->before->icon == p.icon &&
                           update->before->cover == p.cover;
  // The edit second (migration 13) is set only when the edit moves to another second than
  // `before`'s: the many writes of one page within a second leave its index entry alone.
  const bool second_moves =
      same_parent && EditSecond(update->before->last_edited_time) != EditSecond(p.last_edited_time);
  bool written = false;
  if (same_fields) {
    LN_ASSIGN_OR_RETURN(
        written, WritePageRow(st_->update_page_properties.For(second_moves), p, RowColumns::kProperties, second_moves));
  } else if (same_title_and_trash) {
    LN_ASSIGN_OR_RETURN(written,
                        WritePageRow(st_->update_page_values.For(second_moves), p, RowColumns::kValues, second_moves));
  } else if (same_parent) {
    LN_ASSIGN_OR_RETURN(written, WritePageRow(st_->update_page.For(second_moves), p, RowColumns::kAll, second_moves));
  }
  // An update that wrote the row the record names wrote the page's own (its id was checked).
  int64_t rowid = written ? p.store_row : 0;
  if (!written) {
    LN_ASSIGN_OR_RETURN(written, WritePageRow(st_->put_page, p));
    if (!written) return InternalError("sqlite: a page upsert wrote no row");
  }
  if (rowid == 0) {
    // Looked up once: the record keeps it for the next write (the caching store keeps the
    // record written).
    Statement& find = st_->page_rowid;
    find.Bind(1, p.id);
    LN_ASSIGN_OR_RETURN(bool row, find.StepRow());
    if (!row) return InternalError("sqlite: a page written has no row");
    rowid = find.Int(0);
    find.Reset();
    p.store_row = rowid;
  }
  if (!text_changes) return OkStatus();
  // page_text's triggers note each row written for the text index.
  LN_ASSIGN_OR_RETURN(size_t rows, knows_changes ? st_->page_text->Apply(rowid, edits)
                                                 : st_->page_text->Write(rowid, p, update ? update->schema : nullptr));
  text_lag_ += static_cast<int64_t>(rows);
  return OkStatus();
}

Result<std::shared_ptr<const DatabaseRecord>> SqliteConnection::GetDatabase(std::string_view id) {
  Statement& st = st_->get_database;
  st.Bind(1, id);
  LN_ASSIGN_OR_RETURN(bool row, st.StepRow());
  if (!row) {
    st.Reset();
    return std::shared_ptr<const DatabaseRecord>();
  }
  DatabaseRecord d;
  d.id = st.Text(0);
  d.parent_type = st.Text(1);
  d.parent_id = st.Text(2);
  auto title = ParseStoredJson(st.Text(3));
  auto description = ParseStoredJson(st.Text(4));
  auto icon = ParseStoredJson(st.Text(5));
  auto cover = ParseStoredJson(st.Text(6));
  d.in_trash = st.Int(7) != 0;
  d.is_inline = st.Int(8) != 0;
  d.created_time = st.Int(9);
  d.created_by = st.Text(10);
  d.last_edited_time = st.Int(11);
  d.last_edited_by = st.Text(12);
  st.Reset();
  if (!title.ok() || !title->is_array() || !description.ok() || !description->is_array() || !icon.ok() || !cover.ok()) {
    return InternalError("sqlite: corrupt database row");
  }
  d.title = std::move(title->get_array());
  d.description = std::move(description->get_array());
  d.icon = std::move(*icon);
  d.cover = std::move(*cover);
  return std::shared_ptr<const DatabaseRecord>(std::make_shared<DatabaseRecord>(std::move(d)));
}

Status SqliteConnection::PutDatabase(const DatabaseRecord& d) {
  Statement& st = st_->put_database;
  st.Bind(1, d.id).Bind(2, d.parent_type).Bind(3, d.parent_id);
  st.Bind(4, SerializeJson(d.title)).Bind(5, SerializeJson(d.description));
  st.Bind(6, SerializeJson(d.icon)).Bind(7, SerializeJson(d.cover));
  st.Bind(8, int64_t{d.in_trash}).Bind(9, int64_t{d.is_inline}).Bind(10, d.created_time).Bind(11, d.created_by);
  st.Bind(12, d.last_edited_time).Bind(13, d.last_edited_by);
  return st.Run();
}

Result<std::shared_ptr<const DataSourceRecord>> SqliteConnection::ReadDataSource(Statement& st) {
  LN_ASSIGN_OR_RETURN(bool row, st.StepRow());
  if (!row) return std::shared_ptr<const DataSourceRecord>();
  DataSourceRecord d;
  d.id = st.Text(0);
  d.database_id = st.Text(1);
  auto title = ParseStoredJson(st.Text(2));
  auto description = ParseStoredJson(st.Text(3));
  auto icon = ParseStoredJson(st.Text(4));
  d.in_trash = st.Int(5) != 0;
  d.created_time = st.Int(6);
  d.created_by = st.Text(7);
  d.last_edited_time = st.Int(8);
  d.last_edited_by = st.Text(9);
  auto schema = ParseStoredJson(st.Text(10));
  d.next_unique_id = st.Int(11);
  if (!title.ok() || !title->is_array() || !description.ok() || !description->is_array() || !icon.ok() ||
      !schema.ok() || !schema->is_array()) {
    return InternalError("sqlite: corrupt data source row");
  }
  d.title = std::move(title->get_array());
  d.description = std::move(description->get_array());
  d.icon = std::move(*icon);
  d.schema = std::move(schema->get_array());
  return std::shared_ptr<const DataSourceRecord>(std::make_shared<DataSourceRecord>(std::move(d)));
}

Result<std::shared_ptr<const DataSourceRecord>> SqliteConnection::GetDataSource(std::string_view id) {
  Statement& st = st_->get_data_source;
  st.Bind(1, id);
  auto source = ReadDataSource(st);
  st.Reset();
  return source;
}

Result<std::vector<std::shared_ptr<const DataSourceRecord>>> SqliteConnection::ReadDataSources(Statement& st) {
  std::vector<std::shared_ptr<const DataSourceRecord>> out;
  while (true) {
    auto source = ReadDataSource(st);
    if (!source.ok()) {
      st.Reset();
      return std::move(source).error();
    }
    if (!*source) break;
    out.push_back(std::move(*source));
  }
  st.Reset();
  return out;
}

Result<std::vector<std::shared_ptr<const DataSourceRecord>>> SqliteConnection::ListDataSources(
    std::string_view database_id) {
  st_->list_data_sources.Bind(1, database_id);
  return ReadDataSources(st_->list_data_sources);
}

Result<std::vector<std::shared_ptr<const DataSourceRecord>>> SqliteConnection::ListAllDataSources() {
  return ReadDataSources(st_->list_all_data_sources);
}

Status SqliteConnection::PutDataSource(const DataSourceRecord& d) {
  Statement& st = st_->put_data_source;
  st.Bind(1, d.id).Bind(2, d.database_id).Bind(3, SerializeJson(d.title)).Bind(4, SerializeJson(d.description));
  st.Bind(5, SerializeJson(d.icon)).Bind(6, int64_t{d.in_trash}).Bind(7, d.created_time).Bind(8, d.created_by);
  st.Bind(9, d.last_edited_time).Bind(10, d.last_edited_by).Bind(11, SerializeJson(d.schema));
  st.Bind(12, d.next_unique_id);
  return st.Run();
}

Result<std::optional<UserRecord>> SqliteConnection::GetUser(std::string_view id) {
  Statement& st = st_->get_user;
  st.Bind(1, id);
  LN_ASSIGN_OR_RETURN(bool row, st.StepRow());
  std::optional<UserRecord> out;
  if (row) out = ReadUser(st);
  st.Reset();
  return out;
}

Result<std::vector<UserRecord>> SqliteConnection::ListUsers(std::string_view from_id, int limit) {
  Statement& st = st_->list_users;
  st.Bind(1, from_id).Bind(2, int64_t{limit});
  std::vector<UserRecord> out;
  while (true) {
    LN_ASSIGN_OR_RETURN(bool row, st.StepRow());
    if (!row) break;
    out.push_back(ReadUser(st));
  }
  st.Reset();
  return out;
}

Status SqliteConnection::PutUser(const UserRecord& u) {
  Statement& st = st_->put_user;
  st.Bind(1, u.id).Bind(2, u.type).Bind(3, u.name).BindNullable(4, u.avatar_url).BindNullable(5, u.email);
  st.BindNullable(6, u.integration_id.empty() ? std::nullopt : std::optional<std::string>(u.integration_id));
  records_written_ = true;
  return st.Run();
}

Result<std::optional<IntegrationRecord>> SqliteConnection::FindIntegrationBySecretHash(std::string_view secret_hash) {
  Statement& st = st_->find_integration;
  st.Bind(1, secret_hash);
  LN_ASSIGN_OR_RETURN(bool row, st.StepRow());
  std::optional<IntegrationRecord> out;
  if (row) out = ReadIntegration(st);
  st.Reset();
  return out;
}

Result<std::vector<IntegrationRecord>> SqliteConnection::ListIntegrations() {
  Statement& st = st_->list_integrations;
  std::vector<IntegrationRecord> out;
  while (true) {
    LN_ASSIGN_OR_RETURN(bool row, st.StepRow());
    if (!row) break;
    out.push_back(ReadIntegration(st));
  }
  st.Reset();
  return out;
}

Status SqliteConnection::PutIntegration(const IntegrationRecord& i) {
  Statement& st = st_->put_integration;
  st.Bind(1, i.id).Bind(2, i.name).Bind(3, i.secret_hash).Bind(4, i.bot_user_id).Bind(5, i.capabilities);
  st.Bind(6, i.created_time);
  records_written_ = true;
  return st.Run();
}

Status SqliteConnection::Reset(bool keep_integrations) {
  records_written_ = true;
  LN_RETURN_IF_ERROR(
      Exec(db_, "DELETE FROM pages; DELETE FROM data_sources; DELETE FROM databases; DELETE FROM views;"));
  // The index is emptied at once ('delete-all', for an external-content table) rather
  // than told of every row.
  LN_RETURN_IF_ERROR(Exec(db_,
                          "DELETE FROM page_text; DELETE FROM page_text_pending; "
                          "INSERT INTO page_text_fts(page_text_fts) VALUES ('delete-all');"));
  text_lag_ = 0;
  caught_up_in_batch_ = true;  // a rollback brings the notes back
  LN_RETURN_IF_ERROR(Exec(db_, "DELETE FROM changes;"));
  // Webhooks (sqlite/webhooks.cc): deliveries go; subscriptions go with their
  // integrations, and those kept start again at the emptied outbox.
  LN_RETURN_IF_ERROR(Exec(db_, keep_integrations
                                   ? "DELETE FROM webhook_deliveries; "
                                     "UPDATE webhook_subscriptions SET after_sequence = 0;"
                                   : "DELETE FROM webhook_deliveries; DELETE FROM webhook_subscriptions;"));
  LN_RETURN_IF_ERROR(
      Exec(db_, keep_integrations ? "DELETE FROM shares WHERE object_id != 'workspace';" : "DELETE FROM shares;"));
  LN_RETURN_IF_ERROR(Exec(db_, "DELETE FROM blocks;"));
  LN_RETURN_IF_ERROR(Exec(db_, "DELETE FROM file_upload_parts; DELETE FROM file_uploads; DELETE FROM comments;"));
  if (keep_integrations) {
    LN_RETURN_IF_ERROR(Exec(
        db_, "DELETE FROM meta WHERE key NOT IN ('default_token', 'admin_token', 'file_url_secret', 'shard_map');"));
    return Exec(
        db_, "DELETE FROM users WHERE integration_id IS NULL OR integration_id NOT IN (SELECT id FROM integrations);");
  }
  return Exec(db_,
              "DELETE FROM meta WHERE key NOT IN ('admin_token', 'file_url_secret', 'shard_map'); DELETE FROM users; "
              "DELETE FROM integrations;");
}

Result<std::optional<std::string>> SqliteConnection::GetMeta(std::string_view key) {
  Statement& st = st_->get_meta;
  st.Bind(1, key);
  LN_ASSIGN_OR_RETURN(bool row, st.StepRow());
  std::optional<std::string> out;
  if (row) out = st.Text(0);
  st.Reset();
  return out;
}

Status SqliteConnection::PutMeta(std::string_view key, std::string_view value) {
  st_->put_meta.Bind(1, key).Bind(2, value);
  return st_->put_meta.Run();
}

}  // namespace localnotion::storage
