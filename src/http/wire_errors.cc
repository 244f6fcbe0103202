#include "http/wire_errors.h"

#include <boost/beast/http/error.hpp>

#include <string>

#include "common/uuid.h"
#include "http/error_response.h"

namespace localnotion::http {

namespace bhttp = boost::beast::http;

Response WireErrorResponse(WireError error) {
  auto refuse = [](int status, std::string message) {
    return ErrorResponseWithStatus(MakeError(ErrorCode::kInvalidRequest, std::move(message)), status, NewUuid());
  };
  switch (error) {
    case WireError::kMalformed:
      return refuse(400, "Malformed HTTP request.");
    case WireError::kRequestTimeout:
      return refuse(408, "Request timed out before it was received in full.");
    case WireError::kUriTooLong:
      return refuse(414, "Request URL too long. The maximum length is 8KB.");
    case WireError::kHeaderTooLarge:
      return refuse(431, "Request header fields too large. The maximum size is 16KB.");
  }
  return refuse(400, "Malformed HTTP request.");
}

std::optional<WireError> ClassifyReadError(const boost::system::error_code& ec, bool timed_out, bool started,
                                           size_t target_bytes) {
  if (timed_out) return started ? std::optional(WireError::kRequestTimeout) : std::nullopt;
  if (ec == bhttp::error::header_limit) {
    // A request line that did not end within the limit, or that ended with a target
    // over its own limit, is a long URL; otherwise the fields are too many or too long.
    if (target_bytes == 0 || target_bytes > kMaxTargetBytes) return WireError::kUriTooLong;
    return WireError::kHeaderTooLarge;
  }
  if (ec == bhttp::error::bad_method || ec == bhttp::error::bad_target || ec == bhttp::error::bad_version ||
      ec == bhttp::error::bad_line_ending || ec == bhttp::error::bad_field || ec == bhttp::error::bad_value ||
      ec == bhttp::error::bad_obs_fold || ec == bhttp::error::bad_content_length ||
      ec == bhttp::error::multiple_content_length || ec == bhttp::error::bad_transfer_encoding ||
      ec == bhttp::error::bad_chunk || ec == bhttp::error::bad_chunk_extension) {
    return WireError::kMalformed;
  }
  // The client closed, reset, or the server is stopping: nobody to answer.
  return std::nullopt;
}

}  // namespace localnotion::http
