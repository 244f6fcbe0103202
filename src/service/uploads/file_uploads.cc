// The File Upload API (reference: file-upload, create-file, upload-file,
// complete-file-upload, retrieve-file-upload, list-file-uploads):
//   POST /v1/file_uploads                 create: single_part (default), multi_part, external_url
//   POST /v1/file_uploads/{id}/send       the bytes, as multipart/form-data (http/multipart.h)
//   POST /v1/file_uploads/{id}/complete   multi_part only, after every part was sent
//   GET  /v1/file_uploads/{id}, GET /v1/file_uploads?status=
// State machine: pending --send (single_part) / complete (multi_part)--> uploaded.
// An upload that is not attached expires one hour after its creation ("expired" is
// derived when read, never stored); attaching it (attachments.cc) clears its
// expiry_time. external_url uploads are downloaded in the background (import.h).
// Choices where Notion's behaviour is unknown: docs/compat.md "File uploads".
#include <algorithm>
#include <charconv>

#include <fmt/format.h>

#include "api/lists.h"
#include "api/messages.h"
#include "api/objects.h"
#include "common/uuid.h"
#include "service/uploads/file_upload_state.h"
#include "service/uploads/import.h"
#include "service/uploads/uploads.h"
#include "validation/file_upload_body.h"
#include "validation/pagination.h"

namespace localnotion::service::uploads {
namespace {

// Multi-part: every part but the last must be at least 5 MB (Notion's guide).
constexpr int64_t kMinPartBytes = 5 * 1024 * 1024;

Result<int64_t> ParsePartNumber(const std::string& raw, int64_t total) {
  int64_t n = 0;
  auto [p, ec] = std::from_chars(raw.data(), raw.data() + raw.size(), n);
  json::value shown(raw);
  if (raw.empty() || ec != std::errc() || p != raw.data() + raw.size()) {
    return api::FailedValidation("body.part_number", "a number", &shown);
  }
  if (n < 1 || n > total) {
    return ValidationError(fmt::format("The part_number must be between 1 and {} (the number_of_parts of the file upload), "
                                       "instead was {}.", total, n));
  }
  return n;
}

// The object with the number of parts received so far, or its import's result.
Result<json::value> ShowFileUpload(storage::Txn& store, const storage::FileUploadRecord& u,
                                   const std::string& base_url, Millis now) {
  int64_t sent = 0;
  if (u.mode == "multi_part") {
    LN_ASSIGN_OR_RETURN(auto sizes, store.FileUploadPartSizes(u.id));
    sent = static_cast<int64_t>(sizes.size());
  }
  std::optional<json::object> import_result;
  if (u.mode == "external_url" && u.status != "pending") {
    LN_ASSIGN_OR_RETURN(auto stored, store.GetMeta(ImportResultKey(u.id)));
    if (stored) {
      std::optional<json::value> parsed = ParseJson(*stored);
      if (parsed && parsed->is_object()) import_result = std::move(parsed->as_object());
    }
  }
  return json::value(RenderFileUpload(u, base_url, now, sent, std::move(import_result)));
}

}  // namespace

Result<json::value> CreateFileUpload(Context& ctx, const Caller& caller, const json::value& body) {
  LN_ASSIGN_OR_RETURN(validation::FileUploadBody b,
                      validation::ReadFileUploadBody(body, ctx.state().options.import_url_prefixes));
  storage::FileUploadRecord u;
  u.mode = std::move(b.mode);
  u.filename = std::move(b.filename);
  u.content_type = std::move(b.content_type);
  u.external_url = std::move(b.external_url);
  u.number_of_parts = b.number_of_parts;
  if (u.content_type) u.content_type = BareMediaType(*u.content_type);
  LN_RETURN_IF_ERROR(CompleteNameAndType(u.filename, u.content_type));

  u.id = NewUuid();
  u.integration_id = caller.integration.id;
  u.created_by = caller.integration.bot_user_id;
  u.created_time = u.last_edited_time = NowMillis();
  u.expiry_time = u.created_time + kUploadLifetimeMillis;
  // An external_url upload is pending until the importer has downloaded it (import.h).
  u.status = "pending";
  LN_RETURN_IF_ERROR(ctx.store().PutFileUpload(u));
  // The outbox (storage/change_record.h) gives file_upload.created / .completed webhooks.
  LN_RETURN_IF_ERROR(ctx.AppendChange(caller, "file_upload", u.id, "created", {}));
  if (u.mode == "external_url" && ctx.state().import_file) ctx.state().import_file(u.id);
  return ShowFileUpload(ctx.store(), u, caller.base_url, NowMillis());
}

Result<json::value> SendFileUpload(Context& ctx, const Caller& caller, std::string_view raw_id, const SendForm& form) {
  LN_ASSIGN_OR_RETURN(std::string id, PathId("file_upload_id", raw_id));
  LN_ASSIGN_OR_RETURN(auto found, ctx.store().GetFileUpload(id));
  if (!found || found->integration_id != caller.integration.id) return NotFound("file upload", id);
  storage::FileUploadRecord u = std::move(*found);
  for (const auto& name : form.other_fields) {
    json::value shown = json::string("[form field]");
    return api::NotPresent(api::Field("body", name), shown);
  }
  if (!form.file) return api::NotDefined("body.file");
  const Millis now = NowMillis();
  const std::string status = EffectiveStatus(u, now);
  if (u.mode == "external_url") {
    return ValidationError("File uploads with mode external_url do not accept file contents.");
  }
  if (status != "pending") {
    return ValidationError(fmt::format("File upload with ID {} is {}: only a pending upload accepts file contents.", id, status));
  }
  const FormFile& file = *form.file;
  if (static_cast<int64_t>(file.bytes.size()) > ctx.state().options.max_upload_part_bytes) {
    return ValidationError(fmt::format("The file part is {} bytes; the maximum size of a part is {} bytes.",
                                       file.bytes.size(), ctx.state().options.max_upload_part_bytes));
  }
  std::optional<std::string> sent_type;
  if (file.content_type) {
    std::string bare = BareMediaType(*file.content_type);
    // An untyped Blob arrives as application/octet-stream: that says nothing.
    if (!bare.empty() && bare != "application/octet-stream") sent_type = bare;
  }
  if (sent_type && u.content_type && *sent_type != *u.content_type) {
    return ValidationError(fmt::format("The content type of the file part ({}) does not match the content type of the "
                                       "file upload ({}).", *sent_type, *u.content_type));
  }
  if (u.mode == "single_part") {
    if (form.part_number && *form.part_number != "1") {
      return ValidationError("part_number can only be provided for multi_part file uploads.");
    }
    if (!u.filename && file.filename && !file.filename->empty()) u.filename = file.filename;
    if (!u.content_type && sent_type) u.content_type = sent_type;
    LN_RETURN_IF_ERROR(CompleteNameAndType(u.filename, u.content_type));
    if (!u.filename) u.filename = "file";
    LN_RETURN_IF_ERROR(ctx.store().PutFileUploadPart(u.id, 1, file.bytes));
    u.content_length = static_cast<int64_t>(file.bytes.size());
    u.status = "uploaded";
  } else {
    if (!form.part_number) return api::NotDefined("body.part_number");
    LN_ASSIGN_OR_RETURN(int64_t part, ParsePartNumber(*form.part_number, u.number_of_parts));
    LN_RETURN_IF_ERROR(ctx.store().PutFileUploadPart(u.id, part, file.bytes));
    LN_ASSIGN_OR_RETURN(auto sizes, ctx.store().FileUploadPartSizes(u.id));
    int64_t total = 0;
    for (const auto& [n, size] : sizes) total += size;
    u.content_length = total;
    if (!u.content_type && sent_type) u.content_type = sent_type;
  }
  u.last_edited_time = now;
  LN_RETURN_IF_ERROR(ctx.store().PutFileUpload(u));
  if (u.status == "uploaded") LN_RETURN_IF_ERROR(ctx.AppendChange(caller, "file_upload", u.id, "completed", {}));
  return ShowFileUpload(ctx.store(), u, caller.base_url, now);
}

Result<json::value> CompleteFileUpload(Context& ctx, const Caller& caller, std::string_view raw_id) {
  LN_ASSIGN_OR_RETURN(std::string id, PathId("file_upload_id", raw_id));
  LN_ASSIGN_OR_RETURN(auto found, ctx.store().GetFileUpload(id));
  if (!found || found->integration_id != caller.integration.id) return NotFound("file upload", id);
  storage::FileUploadRecord u = std::move(*found);
  const Millis now = NowMillis();
  if (u.mode != "multi_part") return ValidationError("Only multi_part file uploads can be completed.");
  const std::string status = EffectiveStatus(u, now);
  if (status != "pending") {
    return ValidationError(fmt::format("File upload with ID {} is {}: only a pending upload can be completed.", id, status));
  }
  LN_ASSIGN_OR_RETURN(auto sizes, ctx.store().FileUploadPartSizes(u.id));
  LN_RETURN_IF_ERROR(
      CheckPartsComplete(sizes, u.number_of_parts, std::min(kMinPartBytes, ctx.state().options.max_upload_part_bytes)));
  int64_t total = 0;
  for (const auto& [n, size] : sizes) total += size;
  u.content_length = total;
  u.status = "uploaded";
  u.last_edited_time = now;
  LN_RETURN_IF_ERROR(ctx.store().PutFileUpload(u));
  LN_RETURN_IF_ERROR(ctx.AppendChange(caller, "file_upload", u.id, "completed", {}));
  return ShowFileUpload(ctx.store(), u, caller.base_url, now);
}

Result<json::value> GetFileUpload(Context& ctx, const Caller& caller, std::string_view raw_id) {
  LN_ASSIGN_OR_RETURN(std::string id, PathId("file_upload_id", raw_id));
  LN_ASSIGN_OR_RETURN(auto found, ctx.store().GetFileUpload(id));
  if (!found || found->integration_id != caller.integration.id) return NotFound("file upload", id);
  return ShowFileUpload(ctx.store(), *found, caller.base_url, NowMillis());
}

Result<json::value> ListFileUploads(Context& ctx, const Caller& caller, const std::optional<std::string>& status,
                                    const PageArgs& args) {
  LN_ASSIGN_OR_RETURN(const validation::Pagination paging,
                      validation::ReadPagination(args.start_cursor, args.page_size, validation::PaginationSource::kQuery));
  const int page_size = paging.page_size;
  if (status && *status != "pending" && *status != "uploaded" && *status != "expired" && *status != "failed") {
    json::value shown(*status);
    return api::FailedValidation("query.status", "`\"pending\"`, `\"uploaded\"`, `\"expired\"`, `\"failed\"`, or `undefined`",
                                 &shown);
  }
  LN_ASSIGN_OR_RETURN(auto all, ctx.store().ListFileUploads(caller.integration.id));
  const Millis now = NowMillis();
  std::vector<storage::FileUploadRecord> shown;
  for (auto& u : all) {
    if (!status || EffectiveStatus(u, now) == *status) shown.push_back(std::move(u));
  }
  size_t start = 0;
  if (paging.start_cursor) {
    auto cursor = NormalizeUuid(*paging.start_cursor);
    start = shown.size() + 1;
    for (size_t i = 0; cursor && i < shown.size(); ++i) {
      if (shown[i].id == *cursor) start = i;
    }
    if (start > shown.size()) {
      return ValidationError(fmt::format("The start_cursor provided is invalid: {}", *paging.start_cursor));
    }
  }
  json::array results;
  size_t end = std::min(shown.size(), start + static_cast<size_t>(page_size));
  for (size_t i = start; i < end; ++i) {
    LN_ASSIGN_OR_RETURN(json::value one, ShowFileUpload(ctx.store(), shown[i], caller.base_url, now));
    results.push_back(std::move(one));
  }
  const bool has_more = end < shown.size();
  return json::value(api::RenderList({.results = std::move(results),
                                      .next_cursor = has_more ? json::value(shown[end].id) : json::value(nullptr),
                                      .type = "file_upload"}));
}

}  // namespace localnotion::service::uploads
