// File uploads (https://developers.notion.com/reference/file-upload; reference pages
// create-file, upload-file, complete-file-upload, retrieve-file-upload, list-file-uploads):
//   POST /v1/file_uploads, POST /v1/file_uploads/{id}/send,
//   POST /v1/file_uploads/{id}/complete, GET /v1/file_uploads[/{id}]   (file_uploads.cc)
//   using an upload in pages, databases, blocks and comments, and serving
//   its bytes at the signed URL                                          (attachments.cc)
//   the state machine and the object, as pure functions                  (file_upload_state.h)
//
// An upload belongs to the integration that created it: any other answers like an
// unknown id, 404 object_not_found "Could not find file upload with ID: ...". Bad bodies
// and steps out of order (sending to an upload that is not pending, completing a
// single_part upload, a part number out of range) give 400 validation_error; attaching an
// upload that is not `uploaded` gives 400 validation_error. They may touch file uploads
// and their parts, and the meta key that signs hosted file links. Choices where Notion's
// behaviour is unknown: docs/compat.md "File uploads".
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.h"
#include "common/json.h"
#include "service/core/context.h"

namespace localnotion::service::uploads {

// POST /v1/file_uploads.
Result<json::value> CreateFileUpload(Context& ctx, const Caller& caller, const json::value& body);
// POST /v1/file_uploads/{id}/send: the form fields as the HTTP layer parsed them.
struct FormFile {
  std::optional<std::string> filename;
  std::optional<std::string> content_type;
  std::string_view bytes;
};
struct SendForm {
  std::optional<FormFile> file;
  std::optional<std::string> part_number;
  std::vector<std::string> other_fields;  // names of fields Notion does not take
};
Result<json::value> SendFileUpload(Context& ctx, const Caller& caller, std::string_view upload_id,
                                   const SendForm& form);
// POST /v1/file_uploads/{id}/complete (multi_part only).
Result<json::value> CompleteFileUpload(Context& ctx, const Caller& caller, std::string_view upload_id);
Result<json::value> GetFileUpload(Context& ctx, const Caller& caller, std::string_view upload_id);
// GET /v1/file_uploads?status=&start_cursor=&page_size=: the caller's uploads, newest first.
Result<json::value> ListFileUploads(Context& ctx, const Caller& caller, const std::optional<std::string>& status,
                                    const PageArgs& args);

// GET /_localnotion/files/{id}/{name}?expires=&signature= (no bearer token: the
// signature is the permission). Missing or wrong signature: kRestrictedResource;
// link expired: kRestrictedResource; no such uploaded file: kObjectNotFound.
struct HostedFile {
  std::string content_type;
  std::string filename;
  std::string bytes;
};
// `filename` is the link's last path segment, percent-decoded: it is signed too.
Result<HostedFile> ServeHostedFile(Context& ctx, std::string_view upload_id, std::string_view filename,
                                   const std::optional<std::string>& expires, const std::optional<std::string>& signature);

// ---- Shared with pages/, databases/, blocks/ and comments/ (attachments.cc) ----
// THE way a request's `{type?: "file_upload", file_upload: {id}}` becomes stored data,
// for page icons and covers, files property values, comment attachments and
// image/file/video/pdf/audio blocks. `path` names the object in messages
// ("body.icon"). Checks the id, that the upload belongs to the caller's integration
// and that its status is `uploaded`; marks it attached (it then never expires) and
// returns the stored form {type:"file", file:{file_upload_id, filename, content_type}}.
// Context::RenderFileObject shows it.
Result<json::value> AttachFileUpload(Context& ctx, const Caller& caller, const json::value& request,
                                     std::string_view path);
// The entries of a files property value that name an upload are attached.
Status AttachUploadsInFiles(Context& ctx, const Caller& caller, json::value& files, std::string_view path);
// Attaches an icon or cover that names a file upload (api::NormalizeIcon's
// {type:"file_upload"} form); other values are left alone.
Status AttachIconOrCover(Context& ctx, const Caller& caller, std::optional<json::value>& value, std::string_view path);

}  // namespace localnotion::service::uploads
