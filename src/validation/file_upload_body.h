// The body of POST /v1/file_uploads (https://developers.notion.com/reference/create-a-file-upload):
// `mode` (single_part, multi_part or external_url; single_part when absent), `filename`,
// `content_type`, `number_of_parts` (multi_part only, 1 to 1000) and `external_url`
// (external_url only; which URLs are taken: validation/import_url.h). The content type's parameters and the name-type
// pairing are judged later by the service (service/uploads/file_upload_state.h).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/error.h"
#include "common/json.h"

namespace localnotion::validation {

struct FileUploadBody {
  std::string mode = "single_part";
  std::optional<std::string> filename;
  std::optional<std::string> content_type;  // as given
  std::optional<std::string> external_url;
  int64_t number_of_parts = 0;  // 0 when absent
};

// Reads the body. Errors, in order: unknown keys; mode; filename, content_type and
// external_url not strings; filename over 900 bytes; number_of_parts not an integer
// or out of range; what multi_part needs (number_of_parts, filename) or number_of_parts
// without it; what external_url needs (external_url, filename, a URL that CheckImportUrl
// takes with `import_prefixes`, the serve --allow-import-from prefixes) or external_url
// without it.
Result<FileUploadBody> ReadFileUploadBody(const json::value& body,
                                          const std::vector<std::string>& import_prefixes = {});

}  // namespace localnotion::validation
