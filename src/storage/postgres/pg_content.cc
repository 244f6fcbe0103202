// PgRecords: blocks, file uploads and their parts, comments.
#include "storage/postgres/pg_records.h"

namespace localnotion::storage {
namespace {

constexpr const char* kBlockSelect =
    "SELECT id, parent_type, parent_id, position, type, content, in_trash, created_time, created_by, "
    "last_edited_time, last_edited_by FROM blocks";
constexpr const char* kUploadSelect =
    "SELECT id, integration_id, created_by, mode, status, filename, content_type, content_length, number_of_parts, "
    "external_url, created_time, last_edited_time, expiry_time, attached FROM file_uploads";
constexpr const char* kCommentSelect =
    "SELECT id, parent_type, parent_id, discussion_id, rich_text, attachments, display_name, created_time, "
    "last_edited_time, created_by FROM comments";

Result<BlockRecord> ReadBlock(const PgRows& rows, int r) {
  BlockRecord b;
  b.id = rows.Text(r, 0);
  b.parent_type = rows.Text(r, 1);
  b.parent_id = rows.Text(r, 2);
  b.position = rows.Int(r, 3);
  b.type = rows.Text(r, 4);
  auto content = ParseStoredJson(rows.Text(r, 5));
  if (!content.ok() || !content->is_object()) return InternalError("postgresql: corrupt block row");
  b.content = std::move(content->get_object());
  b.in_trash = rows.Bool(r, 6);
  b.created_time = rows.Int(r, 7);
  b.created_by = rows.Text(r, 8);
  b.last_edited_time = rows.Int(r, 9);
  b.last_edited_by = rows.Text(r, 10);
  return b;
}

FileUploadRecord ReadUpload(const PgRows& rows, int r) {
  FileUploadRecord u;
  u.id = rows.Text(r, 0);
  u.integration_id = rows.Text(r, 1);
  u.created_by = rows.Text(r, 2);
  u.mode = rows.Text(r, 3);
  u.status = rows.Text(r, 4);
  u.filename = rows.Nullable(r, 5);
  u.content_type = rows.Nullable(r, 6);
  if (!rows.IsNull(r, 7)) u.content_length = rows.Int(r, 7);
  u.number_of_parts = rows.Int(r, 8);
  u.external_url = rows.Nullable(r, 9);
  u.created_time = rows.Int(r, 10);
  u.last_edited_time = rows.Int(r, 11);
  u.expiry_time = rows.Int(r, 12);
  u.attached = rows.Bool(r, 13);
  return u;
}

Result<CommentRecord> ReadComment(const PgRows& rows, int r) {
  CommentRecord c;
  c.id = rows.Text(r, 0);
  c.parent_type = rows.Text(r, 1);
  c.parent_id = rows.Text(r, 2);
  c.discussion_id = rows.Text(r, 3);
  auto rich_text = ParseStoredJson(rows.Text(r, 4));
  auto attachments = ParseStoredJson(rows.Text(r, 5));
  auto display_name = ParseStoredJson(rows.Text(r, 6));
  if (!rich_text.ok() || !rich_text->is_array() || !attachments.ok() || !attachments->is_array() ||
      !display_name.ok()) {
    return InternalError("postgresql: corrupt comment row");
  }
  c.rich_text = std::move(rich_text->get_array());
  c.attachments = std::move(attachments->get_array());
  c.display_name = std::move(*display_name);
  c.created_time = rows.Int(r, 7);
  c.last_edited_time = rows.Int(r, 8);
  c.created_by = rows.Text(r, 9);
  return c;
}

Result<std::vector<CommentRecord>> ReadComments(const PgRows& rows) {
  std::vector<CommentRecord> out;
  for (int r = 0; r < rows.size(); ++r) {
    LN_ASSIGN_OR_RETURN(CommentRecord c, ReadComment(rows, r));
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace

Result<std::optional<BlockRecord>> PgRecords::GetBlock(std::string_view id) {
  LN_ASSIGN_OR_RETURN(PgRows rows,
                      conn_.Query(std::string(kBlockSelect) + " WHERE id = $1" + (writable_ ? " FOR UPDATE" : ""),
                                  PgParams().Text(id)));
  if (rows.size() == 0) return std::optional<BlockRecord>();
  LN_ASSIGN_OR_RETURN(BlockRecord block, ReadBlock(rows, 0));
  return std::optional<BlockRecord>(std::move(block));
}

Status PgRecords::PutBlock(const BlockRecord& b) {
  PgParams params;
  params.Text(b.id).Text(b.parent_type).Text(b.parent_id).Int(b.position).Text(b.type).Text(SerializeJson(b.content));
  params.Bool(b.in_trash).Int(b.created_time).Text(b.created_by).Int(b.last_edited_time).Text(b.last_edited_by);
  return Run(
      "INSERT INTO blocks (id, parent_type, parent_id, position, type, content, in_trash, created_time, "
      "created_by, last_edited_time, last_edited_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) "
      "ON CONFLICT (id) DO UPDATE SET parent_type = EXCLUDED.parent_type, parent_id = EXCLUDED.parent_id, "
      "position = EXCLUDED.position, type = EXCLUDED.type, content = EXCLUDED.content, "
      "in_trash = EXCLUDED.in_trash, created_time = EXCLUDED.created_time, created_by = EXCLUDED.created_by, "
      "last_edited_time = EXCLUDED.last_edited_time, last_edited_by = EXCLUDED.last_edited_by",
      params);
}

Result<std::vector<BlockRecord>> PgRecords::ListBlockChildren(std::string_view parent_id, int64_t from_position,
                                                              int limit) {
  LN_ASSIGN_OR_RETURN(
      PgRows rows, conn_.Query(std::string(kBlockSelect) + " WHERE parent_id = $1 AND NOT in_trash AND position >= $2 "
                                                           "ORDER BY position LIMIT $3",
                               PgParams().Text(parent_id).Int(from_position).Int(limit)));
  std::vector<BlockRecord> out;
  for (int r = 0; r < rows.size(); ++r) {
    LN_ASSIGN_OR_RETURN(BlockRecord block, ReadBlock(rows, r));
    out.push_back(std::move(block));
  }
  return out;
}

Result<std::vector<BlockRecord>> PgRecords::ListBlocksOfType(std::string_view type) {
  LN_ASSIGN_OR_RETURN(
      PgRows rows, type.empty() ? conn_.Query(std::string(kBlockSelect) + " ORDER BY created_time, id", PgParams())
                                : conn_.Query(std::string(kBlockSelect) + " WHERE type = $1 ORDER BY created_time, id",
                                              PgParams().Text(type)));
  std::vector<BlockRecord> out;
  for (int r = 0; r < rows.size(); ++r) {
    LN_ASSIGN_OR_RETURN(BlockRecord block, ReadBlock(rows, r));
    out.push_back(std::move(block));
  }
  return out;
}

Result<int64_t> PgRecords::LastBlockPosition(std::string_view parent_id) {
  // The caller places blocks after it: the parent's lock keeps another writer from
  // taking the same positions until this transaction ends.
  if (writable_) LN_RETURN_IF_ERROR(LockKey("children:" + std::string(parent_id)));
  LN_ASSIGN_OR_RETURN(PgRows rows, conn_.Query("SELECT coalesce(max(position), 0) FROM blocks WHERE parent_id = $1",
                                               PgParams().Text(parent_id)));
  return rows.Int(0, 0);
}

Status PgRecords::ShiftBlockPositions(std::string_view parent_id, int64_t after_position, int64_t by) {
  LN_RETURN_IF_ERROR(LockKey("children:" + std::string(parent_id)));
  return Run("UPDATE blocks SET position = position + $3 WHERE parent_id = $1 AND position > $2",
             PgParams().Text(parent_id).Int(after_position).Int(by));
}

Result<std::optional<FileUploadRecord>> PgRecords::GetFileUpload(std::string_view id) {
  LN_ASSIGN_OR_RETURN(PgRows rows,
                      conn_.Query(std::string(kUploadSelect) + " WHERE id = $1" + (writable_ ? " FOR UPDATE" : ""),
                                  PgParams().Text(id)));
  if (rows.size() == 0) return std::optional<FileUploadRecord>();
  return std::optional<FileUploadRecord>(ReadUpload(rows, 0));
}

Status PgRecords::PutFileUpload(const FileUploadRecord& u) {
  PgParams params;
  params.Text(u.id).Text(u.integration_id).Text(u.created_by).Text(u.mode).Text(u.status).Opt(u.filename);
  params.Opt(u.content_type);
  if (u.content_length) {
    params.Int(*u.content_length);
  } else {
    params.Null();
  }
  params.Int(u.number_of_parts).Opt(u.external_url).Int(u.created_time).Int(u.last_edited_time);
  params.Int(u.expiry_time).Bool(u.attached);
  return Run(
      "INSERT INTO file_uploads (id, integration_id, created_by, mode, status, filename, content_type, "
      "content_length, number_of_parts, external_url, created_time, last_edited_time, expiry_time, attached) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) "
      "ON CONFLICT (id) DO UPDATE SET status = EXCLUDED.status, filename = EXCLUDED.filename, "
      "content_type = EXCLUDED.content_type, content_length = EXCLUDED.content_length, "
      "number_of_parts = EXCLUDED.number_of_parts, last_edited_time = EXCLUDED.last_edited_time, "
      "expiry_time = EXCLUDED.expiry_time, attached = EXCLUDED.attached",
      params);
}

Result<std::vector<FileUploadRecord>> PgRecords::ListFileUploads(std::string_view integration_id) {
  LN_ASSIGN_OR_RETURN(PgRows rows,
                      conn_.Query(std::string(kUploadSelect) + " WHERE integration_id = $1 ORDER BY seq DESC",
                                  PgParams().Text(integration_id)));
  std::vector<FileUploadRecord> out;
  for (int r = 0; r < rows.size(); ++r) out.push_back(ReadUpload(rows, r));
  return out;
}

Status PgRecords::PutFileUploadPart(std::string_view upload_id, int64_t part_number, std::string_view bytes) {
  return Run(
      "INSERT INTO file_upload_parts (upload_id, part_number, bytes) VALUES ($1, $2, $3) "
      "ON CONFLICT (upload_id, part_number) DO UPDATE SET bytes = EXCLUDED.bytes",
      PgParams().Text(upload_id).Int(part_number).Bytes(bytes));
}

Result<std::vector<std::pair<int64_t, int64_t>>> PgRecords::FileUploadPartSizes(std::string_view upload_id) {
  LN_ASSIGN_OR_RETURN(PgRows rows, conn_.Query("SELECT part_number, octet_length(bytes) FROM file_upload_parts "
                                               "WHERE upload_id = $1 ORDER BY part_number",
                                               PgParams().Text(upload_id)));
  std::vector<std::pair<int64_t, int64_t>> out;
  for (int r = 0; r < rows.size(); ++r) out.emplace_back(rows.Int(r, 0), rows.Int(r, 1));
  return out;
}

Result<std::string> PgRecords::ReadFileUploadBytes(std::string_view upload_id) {
  LN_ASSIGN_OR_RETURN(PgRows rows,
                      conn_.Query("SELECT bytes FROM file_upload_parts WHERE upload_id = $1 ORDER BY part_number",
                                  PgParams().Text(upload_id), /*prepare=*/true, /*binary=*/true));
  std::string out;
  for (int r = 0; r < rows.size(); ++r) out += rows.Text(r, 0);
  return out;
}

Result<std::optional<CommentRecord>> PgRecords::GetComment(std::string_view id) {
  LN_ASSIGN_OR_RETURN(PgRows rows,
                      conn_.Query(std::string(kCommentSelect) + " WHERE id = $1" + (writable_ ? " FOR UPDATE" : ""),
                                  PgParams().Text(id)));
  LN_ASSIGN_OR_RETURN(auto all, ReadComments(rows));
  if (all.empty()) return std::optional<CommentRecord>();
  return std::optional<CommentRecord>(std::move(all.front()));
}

Status PgRecords::PutComment(const CommentRecord& c) {
  PgParams params;
  params.Text(c.id).Text(c.parent_type).Text(c.parent_id).Text(c.discussion_id).Text(SerializeJson(c.rich_text));
  params.Text(SerializeJson(c.attachments)).Text(SerializeJson(c.display_name)).Int(c.created_time);
  params.Int(c.last_edited_time).Text(c.created_by);
  return Run(
      "INSERT INTO comments (id, parent_type, parent_id, discussion_id, rich_text, attachments, display_name, "
      "created_time, last_edited_time, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) "
      "ON CONFLICT (id) DO UPDATE SET parent_type = EXCLUDED.parent_type, parent_id = EXCLUDED.parent_id, "
      "discussion_id = EXCLUDED.discussion_id, rich_text = EXCLUDED.rich_text, "
      "attachments = EXCLUDED.attachments, display_name = EXCLUDED.display_name, "
      "created_time = EXCLUDED.created_time, last_edited_time = EXCLUDED.last_edited_time, "
      "created_by = EXCLUDED.created_by",
      params);
}

Result<std::vector<CommentRecord>> PgRecords::ListComments(std::string_view parent_id) {
  LN_ASSIGN_OR_RETURN(PgRows rows, conn_.Query(std::string(kCommentSelect) + " WHERE parent_id = $1 ORDER BY seq",
                                               PgParams().Text(parent_id)));
  return ReadComments(rows);
}

Result<std::optional<CommentRecord>> PgRecords::FirstCommentOf(std::string_view discussion_id) {
  LN_ASSIGN_OR_RETURN(PgRows rows,
                      conn_.Query(std::string(kCommentSelect) + " WHERE discussion_id = $1 ORDER BY seq LIMIT 1",
                                  PgParams().Text(discussion_id)));
  LN_ASSIGN_OR_RETURN(auto all, ReadComments(rows));
  if (all.empty()) return std::optional<CommentRecord>();
  return std::optional<CommentRecord>(std::move(all.front()));
}

Status PgRecords::DeleteComment(std::string_view id) {
  return Run("DELETE FROM comments WHERE id = $1", PgParams().Text(id));
}

}  // namespace localnotion::storage
