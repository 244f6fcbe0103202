// A small multipart/form-data parser (RFC 7578) for POST /v1/file_uploads/{id}/send.
// Boost has none. It reads what browsers, undici (SDK 5.x) and form-data (node) send:
// CRLF line ends, a `boundary` parameter (quoted or not), part headers
// Content-Disposition (name, filename) and Content-Type. Field data are views into the
// body, which must outlive the result.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.h"

namespace localnotion::http {

struct MultipartField {
  std::string name;
  std::optional<std::string> filename;      // present for file fields
  std::optional<std::string> content_type;  // the part's Content-Type, if sent
  std::string_view data;
};

// The boundary of a `multipart/form-data; boundary=...` Content-Type, or nullopt when
// the header names another media type or has no boundary.
std::optional<std::string> MultipartBoundary(std::string_view content_type);

// Splits `body` into its fields, in order. Returns kInvalidRequest with
// kMalformedMultipart for a body that does not follow the format.
Result<std::vector<MultipartField>> ParseMultipart(std::string_view boundary, std::string_view body);

inline constexpr std::string_view kMalformedMultipart = "Failed to parse the multipart/form-data request body.";

}  // namespace localnotion::http
