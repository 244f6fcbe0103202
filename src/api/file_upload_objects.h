// The wire shape of file upload objects (https://developers.notion.com/reference/file-upload):
// {object:"file_upload", id, created_time, created_by:{id, type:"bot"}, last_edited_time,
// in_trash:false, expiry_time, status, filename, content_type, content_length,
// upload_url?, complete_url?, number_of_parts?:{total, sent}, file_import_result?}.
// Which optional keys appear follows from the upload's mode and state, which the service
// decides (service/uploads/file_upload_state.h); this file only lays the object out.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "common/clock.h"
#include "common/json.h"

namespace localnotion::api {

struct FileUploadView {
  std::string id;
  Millis created_time = 0;
  std::string created_by;                   // the creating integration's bot user id
  Millis last_edited_time = 0;
  std::optional<Millis> expiry_time;        // null once attached: it never expires
  std::string status;                       // "pending", "uploaded", "expired" or "failed"
  std::optional<std::string> filename;
  std::optional<std::string> content_type;
  std::optional<int64_t> content_length;
  std::string upload_url;                   // left out when empty
  std::string complete_url;                 // left out when empty (multi_part only)
  struct Parts {
    int64_t total = 0;
    int64_t sent = 0;
  };
  std::optional<Parts> number_of_parts;     // multi_part only
  // external_url uploads once imported: RenderFileImportResult's object, as stored.
  std::optional<json::object> file_import_result;
};

json::object RenderFileUpload(const FileUploadView& upload);

// The outcome of an external_url import (file_import_result,
// https://developers.notion.com/reference/file-upload): success is
// {type:"success", imported_time, success:{}}; an error is {type:"error", imported_time,
// error:{type, code, message, parameter, status_code}}, where error.type is one of
// "validation_error", "internal_system_error", "download_error", "upload_error".
struct FileImportError {
  std::string type;
  std::string code;
  std::string message;
  std::optional<std::string> parameter;
  std::optional<int> status_code;
};
json::object RenderFileImportResult(Millis imported_time, const std::optional<FileImportError>& error);

}  // namespace localnotion::api
