// SqliteConnection's block methods over the `blocks` table (migrations/0003_blocks.sql.h,
// storage/block_record.h).
#include <sqlite3.h>

#include "storage/sqlite/sqlite_connection.h"
#include "storage/sqlite/statement.h"

namespace localnotion::storage {
namespace {

constexpr const char* kBlockColumns =
    "id, parent_type, parent_id, position, type, content, in_trash, created_time, created_by, last_edited_time, "
    "last_edited_by";

std::string BlockSql(const char* head, const char* tail) { return std::string(head) + kBlockColumns + tail; }

}  // namespace

struct SqliteConnection::BlockStatements {
  explicit BlockStatements(sqlite3* db)
      : get(db, BlockSql("SELECT ", " FROM blocks WHERE id = ?1")),
        put(db, BlockSql("INSERT OR REPLACE INTO blocks (", ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)")),
        children(db, BlockSql("SELECT ",
                              " FROM blocks WHERE parent_id = ?1 AND in_trash = 0 AND position >= ?2 "
                              "ORDER BY position LIMIT ?3")),
        last_position(db, "SELECT COALESCE(MAX(position), 0) FROM blocks WHERE parent_id = ?1"),
        shift(db, "UPDATE blocks SET position = position + ?3 WHERE parent_id = ?1 AND position > ?2"),
        of_type(db, BlockSql("SELECT ", " FROM blocks WHERE type = ?1 ORDER BY created_time, id")),
        all(db, BlockSql("SELECT ", " FROM blocks ORDER BY created_time, id")) {}

  bool valid() const {
    return get.valid() && put.valid() && children.valid() && last_position.valid() && shift.valid() &&
           of_type.valid() && all.valid();
  }

  Statement get, put, children, last_position, shift, of_type, all;
};

void SqliteConnection::BlockStatementsDeleter::operator()(BlockStatements* p) const { delete p; }

namespace {

Result<BlockRecord> ReadBlock(Statement& st) {
  BlockRecord b;
  b.id = st.Text(0);
  b.parent_type = st.Text(1);
  b.parent_id = st.Text(2);
  b.position = st.Int(3);
  b.type = st.Text(4);
  auto content = ParseJson(st.Text(5));
  if (!content || !content->is_object()) return InternalError("sqlite: corrupt block row");
  b.content = std::move(content->get_object());
  b.in_trash = st.Int(6) != 0;
  b.created_time = st.Int(7);
  b.created_by = st.Text(8);
  b.last_edited_time = st.Int(9);
  b.last_edited_by = st.Text(10);
  return b;
}

}  // namespace

Status SqliteConnection::PrepareBlocks() {
  block_st_.reset(new BlockStatements(db_));
  if (!block_st_->valid()) return InternalError(std::string("sqlite prepare (blocks): ") + sqlite3_errmsg(db_));
  return OkStatus();
}

Result<std::optional<BlockRecord>> SqliteConnection::GetBlock(std::string_view id) {
  Statement& st = block_st_->get;
  st.Bind(1, id);
  auto row = st.StepRow();
  if (!row.ok() || !*row) {
    st.Reset();
    if (!row.ok()) return std::move(row).error();
    return std::optional<BlockRecord>();
  }
  auto block = ReadBlock(st);
  st.Reset();
  if (!block.ok()) return std::move(block).error();
  return std::optional<BlockRecord>(std::move(*block));
}

Status SqliteConnection::PutBlock(const BlockRecord& b) {
  Statement& st = block_st_->put;
  st.Bind(1, b.id).Bind(2, b.parent_type).Bind(3, b.parent_id).Bind(4, b.position).Bind(5, b.type);
  st.Bind(6, SerializeJson(b.content)).Bind(7, int64_t{b.in_trash}).Bind(8, b.created_time).Bind(9, b.created_by);
  st.Bind(10, b.last_edited_time).Bind(11, b.last_edited_by);
  return st.Run();
}

namespace {

// The rows a bound statement yields, read as blocks; resets the statement.
Result<std::vector<BlockRecord>> ReadBlocks(Statement& st) {
  std::vector<BlockRecord> out;
  while (true) {
    auto row = st.StepRow();
    if (!row.ok()) {
      st.Reset();
      return std::move(row).error();
    }
    if (!*row) break;
    auto block = ReadBlock(st);
    if (!block.ok()) {
      st.Reset();
      return std::move(block).error();
    }
    out.push_back(std::move(*block));
  }
  st.Reset();
  return out;
}

}  // namespace

Result<std::vector<BlockRecord>> SqliteConnection::ListBlockChildren(std::string_view parent_id, int64_t from_position,
                                                                     int limit) {
  Statement& st = block_st_->children;
  st.Bind(1, parent_id).Bind(2, from_position).Bind(3, int64_t{limit});
  return ReadBlocks(st);
}

Result<std::vector<BlockRecord>> SqliteConnection::ListBlocksOfType(std::string_view type) {
  if (type.empty()) return ReadBlocks(block_st_->all);
  Statement& st = block_st_->of_type;
  st.Bind(1, type);
  return ReadBlocks(st);
}

Result<int64_t> SqliteConnection::LastBlockPosition(std::string_view parent_id) {
  Statement& st = block_st_->last_position;
  st.Bind(1, parent_id);
  auto row = st.StepRow();
  int64_t last = row.ok() && *row ? st.Int(0) : 0;
  st.Reset();
  if (!row.ok()) return std::move(row).error();
  return last;
}

Status SqliteConnection::ShiftBlockPositions(std::string_view parent_id, int64_t after_position, int64_t by) {
  Statement& st = block_st_->shift;
  st.Bind(1, parent_id).Bind(2, after_position).Bind(3, by);
  return st.Run();
}

}  // namespace localnotion::storage
