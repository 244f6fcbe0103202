// SqliteConnection: file uploads, their parts, and comments (tables in uploads_schema.sql.h).
// These statements are prepared per call: uploads and comments are rare next to page
// reads, and keeping them here leaves the hot statements of sqlite_store.cc alone.
#include <sqlite3.h>

#include "storage/sqlite/sqlite_connection.h"
#include "storage/sqlite/statement.h"

namespace localnotion::storage {
namespace {

constexpr const char* kUploadColumns =
    "id, integration_id, created_by, mode, status, filename, content_type, content_length, number_of_parts, "
    "external_url, created_time, last_edited_time, expiry_time, attached";
constexpr const char* kCommentColumns =
    "id, parent_type, parent_id, discussion_id, rich_text, attachments, display_name, created_time, "
    "last_edited_time, created_by";

Status Prepared(sqlite3* db, const Statement& st) {
  if (!st.valid()) return InternalError(std::string("sqlite prepare: ") + sqlite3_errmsg(db));
  return OkStatus();
}

FileUploadRecord ReadUpload(Statement& st) {
  FileUploadRecord u;
  u.id = st.Text(0);
  u.integration_id = st.Text(1);
  u.created_by = st.Text(2);
  u.mode = st.Text(3);
  u.status = st.Text(4);
  u.filename = st.NullableText(5);
  u.content_type = st.NullableText(6);
  if (st.NullableText(7)) u.content_length = st.Int(7);
  u.number_of_parts = st.Int(8);
  u.external_url = st.NullableText(9);
  u.created_time = st.Int(10);
  u.last_edited_time = st.Int(11);
  u.expiry_time = st.Int(12);
  u.attached = st.Int(13) != 0;
  return u;
}

Result<CommentRecord> ReadComment(Statement& st) {
  CommentRecord c;
  c.id = st.Text(0);
  c.parent_type = st.Text(1);
  c.parent_id = st.Text(2);
  c.discussion_id = st.Text(3);
  auto rich_text = ParseJson(st.Text(4));
  auto attachments = ParseJson(st.Text(5));
  auto display_name = ParseJson(st.Text(6));
  if (!rich_text || !rich_text->is_array() || !attachments || !attachments->is_array() || !display_name) {
    return InternalError("sqlite: corrupt comment row");
  }
  c.rich_text = std::move(rich_text->get_array());
  c.attachments = std::move(attachments->get_array());
  c.display_name = std::move(*display_name);
  c.created_time = st.Int(7);
  c.last_edited_time = st.Int(8);
  c.created_by = st.Text(9);
  return c;
}

Result<std::vector<CommentRecord>> ReadComments(Statement& st) {
  std::vector<CommentRecord> out;
  while (true) {
    LN_ASSIGN_OR_RETURN(bool row, st.StepRow());
    if (!row) break;
    auto c = ReadComment(st);
    if (!c.ok()) {
      st.Reset();
      return std::move(c).error();
    }
    out.push_back(std::move(*c));
  }
  st.Reset();
  return out;
}

}  // namespace

Result<std::optional<FileUploadRecord>> SqliteConnection::GetFileUpload(std::string_view id) {
  Statement st(db_, JoinSql("SELECT ", kUploadColumns, " FROM file_uploads WHERE id = ?1"));
  LN_RETURN_IF_ERROR(Prepared(db_, st));
  st.Bind(1, id);
  LN_ASSIGN_OR_RETURN(bool row, st.StepRow());
  std::optional<FileUploadRecord> out;
  if (row) out = ReadUpload(st);
  return out;
}

Status SqliteConnection::PutFileUpload(const FileUploadRecord& u) {
  // An upsert, so that the row keeps its rowid (lists are ordered by it).
  Statement st(db_, JoinSql("INSERT INTO file_uploads (", kUploadColumns,
                        ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14) "
                        "ON CONFLICT(id) DO UPDATE SET status = excluded.status, filename = excluded.filename, "
                        "content_type = excluded.content_type, content_length = excluded.content_length, "
                        "number_of_parts = excluded.number_of_parts, last_edited_time = excluded.last_edited_time, "
                        "expiry_time = excluded.expiry_time, attached = excluded.attached"));
  LN_RETURN_IF_ERROR(Prepared(db_, st));
  st.Bind(1, u.id).Bind(2, u.integration_id).Bind(3, u.created_by).Bind(4, u.mode).Bind(5, u.status);
  st.BindNullable(6, u.filename).BindNullable(7, u.content_type);
  if (u.content_length) st.Bind(8, *u.content_length);
  st.Bind(9, u.number_of_parts).BindNullable(10, u.external_url).Bind(11, u.created_time);
  st.Bind(12, u.last_edited_time).Bind(13, u.expiry_time).Bind(14, int64_t{u.attached});
  return st.Run();
}

Result<std::vector<FileUploadRecord>> SqliteConnection::ListFileUploads(std::string_view integration_id) {
  Statement st(db_, JoinSql("SELECT ", kUploadColumns, " FROM file_uploads WHERE integration_id = ?1 ORDER BY rowid DESC"));
  LN_RETURN_IF_ERROR(Prepared(db_, st));
  st.Bind(1, integration_id);
  std::vector<FileUploadRecord> out;
  while (true) {
    LN_ASSIGN_OR_RETURN(bool row, st.StepRow());
    if (!row) break;
    out.push_back(ReadUpload(st));
  }
  return out;
}

Status SqliteConnection::PutFileUploadPart(std::string_view upload_id, int64_t part_number, std::string_view bytes) {
  Statement st(db_, "INSERT OR REPLACE INTO file_upload_parts (upload_id, part_number, bytes) VALUES (?1, ?2, ?3)");
  LN_RETURN_IF_ERROR(Prepared(db_, st));
  st.Bind(1, upload_id).Bind(2, part_number).BindBlob(3, bytes);
  return st.Run();
}

Result<std::vector<std::pair<int64_t, int64_t>>> SqliteConnection::FileUploadPartSizes(std::string_view upload_id) {
  Statement st(db_, "SELECT part_number, length(bytes) FROM file_upload_parts WHERE upload_id = ?1 ORDER BY part_number");
  LN_RETURN_IF_ERROR(Prepared(db_, st));
  st.Bind(1, upload_id);
  std::vector<std::pair<int64_t, int64_t>> out;
  while (true) {
    LN_ASSIGN_OR_RETURN(bool row, st.StepRow());
    if (!row) break;
    out.emplace_back(st.Int(0), st.Int(1));
  }
  return out;
}

Result<std::string> SqliteConnection::ReadFileUploadBytes(std::string_view upload_id) {
  Statement st(db_, "SELECT bytes FROM file_upload_parts WHERE upload_id = ?1 ORDER BY part_number");
  LN_RETURN_IF_ERROR(Prepared(db_, st));
  st.Bind(1, upload_id);
  std::string out;
  while (true) {
    LN_ASSIGN_OR_RETURN(bool row, st.StepRow());
    if (!row) break;
    out += st.Blob(0);
  }
  return out;
}

Result<std::optional<CommentRecord>> SqliteConnection::GetComment(std::string_view id) {
  Statement st(db_, JoinSql("SELECT ", kCommentColumns, " FROM comments WHERE id = ?1"));
  LN_RETURN_IF_ERROR(Prepared(db_, st));
  st.Bind(1, id);
  LN_ASSIGN_OR_RETURN(auto all, ReadComments(st));
  if (all.empty()) return std::optional<CommentRecord>();
  return std::optional<CommentRecord>(std::move(all.front()));
}

Status SqliteConnection::PutComment(const CommentRecord& c) {
  // An upsert, so that the row keeps its rowid (lists and FirstCommentOf go by it).
  Statement st(db_, JoinSql("INSERT INTO comments (", kCommentColumns,
                        ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) "
                        "ON CONFLICT(id) DO UPDATE SET parent_type = excluded.parent_type, "
                        "parent_id = excluded.parent_id, discussion_id = excluded.discussion_id, "
                        "rich_text = excluded.rich_text, attachments = excluded.attachments, "
                        "display_name = excluded.display_name, created_time = excluded.created_time, "
                        "last_edited_time = excluded.last_edited_time, created_by = excluded.created_by"));
  LN_RETURN_IF_ERROR(Prepared(db_, st));
  st.Bind(1, c.id).Bind(2, c.parent_type).Bind(3, c.parent_id).Bind(4, c.discussion_id);
  st.Bind(5, SerializeJson(c.rich_text)).Bind(6, SerializeJson(c.attachments)).Bind(7, SerializeJson(c.display_name));
  st.Bind(8, c.created_time).Bind(9, c.last_edited_time).Bind(10, c.created_by);
  return st.Run();
}

Result<std::vector<CommentRecord>> SqliteConnection::ListComments(std::string_view parent_id) {
  Statement st(db_, JoinSql("SELECT ", kCommentColumns, " FROM comments WHERE parent_id = ?1 ORDER BY rowid"));
  LN_RETURN_IF_ERROR(Prepared(db_, st));
  st.Bind(1, parent_id);
  return ReadComments(st);
}

Result<std::optional<CommentRecord>> SqliteConnection::FirstCommentOf(std::string_view discussion_id) {
  Statement st(db_, JoinSql("SELECT ", kCommentColumns, " FROM comments WHERE discussion_id = ?1 ORDER BY rowid LIMIT 1"));
  LN_RETURN_IF_ERROR(Prepared(db_, st));
  st.Bind(1, discussion_id);
  LN_ASSIGN_OR_RETURN(auto all, ReadComments(st));
  if (all.empty()) return std::optional<CommentRecord>();
  return std::optional<CommentRecord>(std::move(all.front()));
}

Status SqliteConnection::DeleteComment(std::string_view id) {
  Statement st(db_, "DELETE FROM comments WHERE id = ?1");
  LN_RETURN_IF_ERROR(Prepared(db_, st));
  st.Bind(1, id);
  return st.Run();
}

}  // namespace localnotion::storage
