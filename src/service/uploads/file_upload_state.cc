#include "service/uploads/file_upload_state.h"

#include <algorithm>
#include <array>
#include <cctype>

#include <fmt/format.h>

#include "api/file_upload_objects.h"

namespace localnotion::service {
namespace {

// The extensions localnotion knows, and their media types; the first extension of a
// type is the one added to a filename that has none.
constexpr std::array<std::pair<std::string_view, std::string_view>, 28> kTypes = {{
    {"txt", "text/plain"},        {"md", "text/markdown"},       {"csv", "text/csv"},
    {"json", "application/json"}, {"pdf", "application/pdf"},    {"png", "image/png"},
    {"jpg", "image/jpeg"},        {"jpeg", "image/jpeg"},        {"gif", "image/gif"},
    {"webp", "image/webp"},       {"svg", "image/svg+xml"},      {"ico", "image/vnd.microsoft.icon"},
    {"heic", "image/heic"},       {"tif", "image/tiff"},         {"tiff", "image/tiff"},
    {"mp3", "audio/mpeg"},        {"wav", "audio/wav"},          {"ogg", "audio/ogg"},
    {"mp4", "video/mp4"},         {"mov", "video/quicktime"},    {"webm", "video/webm"},
    {"zip", "application/zip"},   {"html", "text/html"},         {"xml", "application/xml"},
    {"doc", "application/msword"},
    {"docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
    {"xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
    {"pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"},
}};

std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

std::optional<std::string> ExtensionOf(const std::string& filename) {
  size_t dot = filename.rfind('.');
  if (dot == std::string::npos || dot == 0 || dot + 1 == filename.size()) return std::nullopt;
  return Lower(std::string_view(filename).substr(dot + 1));
}

std::optional<std::string_view> TypeOfExtension(std::string_view ext) {
  for (const auto& [e, t] : kTypes) {
    if (e == ext) return t;
  }
  return std::nullopt;
}

std::optional<std::string_view> ExtensionOfType(std::string_view type) {
  for (const auto& [e, t] : kTypes) {
    if (t == type) return e;
  }
  return std::nullopt;
}

}  // namespace

bool IsUploadMode(std::string_view mode) {
  return mode == "single_part" || mode == "multi_part" || mode == "external_url";
}

std::string BareMediaType(std::string_view content_type) {
  std::string_view s = content_type.substr(0, content_type.find(';'));
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return Lower(s);
}

Status CompleteNameAndType(std::optional<std::string>& filename, std::optional<std::string>& content_type) {
  std::optional<std::string> ext = filename ? ExtensionOf(*filename) : std::nullopt;
  if (filename && !ext && content_type) {
    if (auto e = ExtensionOfType(*content_type)) *filename += "." + std::string(*e);
  }
  if (ext && !content_type) {
    if (auto t = TypeOfExtension(*ext)) content_type = std::string(*t);
  }
  if (ext && content_type) {
    auto t = TypeOfExtension(*ext);
    if (t && *t != *content_type) {
      return ValidationError(fmt::format("The extension of the filename ({}) does not match the content type ({}).",
                                         *filename, *content_type));
    }
  }
  return OkStatus();
}

std::string EffectiveStatus(const storage::FileUploadRecord& u, Millis now) {
  if (u.status == "failed") return u.status;
  if (!u.attached && now >= u.expiry_time) return "expired";
  return u.status;
}

json::object RenderFileUpload(const storage::FileUploadRecord& u, const std::string& base_url, Millis now,
                              int64_t parts_sent, std::optional<json::object> import_result) {
  api::FileUploadView view;
  view.id = u.id;
  view.created_time = u.created_time;
  view.created_by = u.created_by;
  view.last_edited_time = u.last_edited_time;
  if (!u.attached) view.expiry_time = u.expiry_time;
  view.status = EffectiveStatus(u, now);
  view.filename = u.filename;
  view.content_type = u.content_type;
  view.content_length = u.content_length;
  if (view.status == "pending" && u.mode != "external_url") {
    view.upload_url = base_url + "/v1/file_uploads/" + u.id + "/send";
    if (u.mode == "multi_part") view.complete_url = base_url + "/v1/file_uploads/" + u.id + "/complete";
  }
  if (u.mode == "multi_part") view.number_of_parts = api::FileUploadView::Parts{u.number_of_parts, parts_sent};
  if (u.mode == "external_url") view.file_import_result = std::move(import_result);
  return api::RenderFileUpload(view);
}

Status CheckPartsComplete(const std::vector<std::pair<int64_t, int64_t>>& sizes, int64_t total, int64_t min_part_bytes) {
  if (static_cast<int64_t>(sizes.size()) != total) {
    return ValidationError(fmt::format("Expected {} parts to be sent before completing the file upload, but received {}.",
                                       total, sizes.size()));
  }
  for (size_t i = 0; i + 1 < sizes.size(); ++i) {
    if (sizes[i].second < min_part_bytes) {
      return ValidationError(fmt::format("Part {} is {} bytes; every part except the last must be at least {} bytes.",
                                         sizes[i].first, sizes[i].second, min_part_bytes));
    }
  }
  return OkStatus();
}

std::string_view AttachmentCategory(std::string_view content_type) {
  if (content_type.rfind("image/", 0) == 0) return "image";
  if (content_type.rfind("video/", 0) == 0) return "video";
  if (content_type.rfind("audio/", 0) == 0) return "audio";
  if (content_type == "application/pdf") return "pdf";
  return "productivity";
}

}  // namespace localnotion::service
