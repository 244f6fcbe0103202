// The 413 answers the server gives before a body is read: 500 KB for JSON bodies
// (https://developers.notion.com/reference/request-limits) and the upload part limit
// for POST /v1/file_uploads/{id}/send (20 MB by default,
// https://developers.notion.com/docs/uploading-small-files). docs/compat.md records the
// envelope, which Notion's edge does not send.
#include "common/uuid.h"
#include "http/error_response.h"
#include "http/pipeline.h"

namespace localnotion::http {

Response Pipeline::TooLarge() {
  return ErrorResponse(MakeError(ErrorCode::kPayloadTooLarge, "Request body too large. The maximum size is 500KB."),
                       NewUuid());
}

Response Pipeline::UploadTooLarge(int64_t limit_bytes) {
  // Worded like the 500KB answer: "20MB" for the default limit.
  std::string size = limit_bytes % (1024 * 1024) == 0 ? std::to_string(limit_bytes / (1024 * 1024)) + "MB"
                     : limit_bytes % 1024 == 0        ? std::to_string(limit_bytes / 1024) + "KB"
                                                      : std::to_string(limit_bytes) + " bytes";
  return ErrorResponse(
      MakeError(ErrorCode::kPayloadTooLarge, "Request body too large. The maximum size is " + size + "."), NewUuid());
}

}  // namespace localnotion::http
