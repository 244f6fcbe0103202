#include "api/file_upload_objects.h"

namespace localnotion::api {

json::object RenderFileUpload(const FileUploadView& u) {
  json::object o;
  o["object"] = "file_upload";
  o["id"] = u.id;
  o["created_time"] = FormatIso8601Minute(u.created_time);
  o["created_by"] = json::object{{"id", u.created_by}, {"type", "bot"}};
  o["last_edited_time"] = FormatIso8601Minute(u.last_edited_time);
  o["in_trash"] = false;
  o["expiry_time"] = u.expiry_time ? json::value(FormatIso8601(*u.expiry_time)) : json::value(nullptr);
  o["status"] = u.status;
  o["filename"] = u.filename ? json::value(*u.filename) : json::value(nullptr);
  o["content_type"] = u.content_type ? json::value(*u.content_type) : json::value(nullptr);
  o["content_length"] = u.content_length ? json::value(*u.content_length) : json::value(nullptr);
  if (!u.upload_url.empty()) o["upload_url"] = u.upload_url;
  if (!u.complete_url.empty()) o["complete_url"] = u.complete_url;
  if (u.number_of_parts) {
    o["number_of_parts"] = json::object{{"total", u.number_of_parts->total}, {"sent", u.number_of_parts->sent}};
  }
  if (u.file_import_result) o["file_import_result"] = *u.file_import_result;
  return o;
}

json::object RenderFileImportResult(Millis imported_time, const std::optional<FileImportError>& error) {
  json::object o;
  o["type"] = error ? "error" : "success";
  o["imported_time"] = FormatIso8601(imported_time);
  if (!error) {
    o["success"] = json::object{};
    return o;
  }
  o["error"] = json::object{{"type", error->type},
                            {"code", error->code},
                            {"message", error->message},
                            {"parameter", error->parameter ? json::value(*error->parameter) : json::value(nullptr)},
                            {"status_code", error->status_code ? json::value(*error->status_code) : json::value(nullptr)}};
  return o;
}

}  // namespace localnotion::api
