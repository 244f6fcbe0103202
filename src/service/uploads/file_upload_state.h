// The file upload state machine and object, as pure functions (no store), so that they
// are tested on their own (file_upload_state_test.cc).
//   pending --send (single_part) or complete (multi_part)--> uploaded
//   pending or uploaded, not attached, one hour after creation --> expired (derived)
//   external_url: pending --import succeeded--> uploaded, --import failed--> failed
//   (import.h); the outcome is its file_import_result
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/clock.h"
#include "common/error.h"
#include "common/json.h"
#include "storage/upload_records.h"

namespace localnotion::service {

// An upload that is not attached expires this long after its creation (Notion: 1 hour).
inline constexpr Millis kUploadLifetimeMillis = 60 * 60 * 1000;

bool IsUploadMode(std::string_view mode);

// "Text/Plain; charset=utf-8" -> "text/plain".
std::string BareMediaType(std::string_view content_type);

// Fills in what one of filename and content_type says about the other: a filename
// without an extension gains the extension of the content type, a missing content type
// is inferred from the extension. Both given and disagreeing: kValidationError.
Status CompleteNameAndType(std::optional<std::string>& filename, std::optional<std::string>& content_type);

// "pending", "uploaded", "expired" or "failed" at `now`.
std::string EffectiveStatus(const storage::FileUploadRecord& u, Millis now);

// The file_upload object. `parts_sent` is the number of parts received (multi_part);
// `import_result` the file_import_result of a finished external_url import.
json::object RenderFileUpload(const storage::FileUploadRecord& u, const std::string& base_url, Millis now,
                              int64_t parts_sent, std::optional<json::object> import_result = std::nullopt);

// Complete is allowed when parts 1..total all arrived and every part but the last has
// at least `min_part_bytes`. `sizes` is (part number, bytes), by part number.
Status CheckPartsComplete(const std::vector<std::pair<int64_t, int64_t>>& sizes, int64_t total, int64_t min_part_bytes);

// The attachment category of a comment file: audio, image, pdf, video or productivity.
std::string_view AttachmentCategory(std::string_view content_type);

}  // namespace localnotion::service
