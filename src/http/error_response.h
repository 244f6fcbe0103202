// The one place that turns an ErrorCode into an HTTP status and Notion's wire code, and
// an Error into Notion's envelope
// (https://developers.notion.com/reference/status-codes):
//   {"object":"error","status":<int>,"code":"<code>","message":"<text>","request_id":"<uuid>"}
// with `"additional_data":{…}` after them when the error has any (api/limits.h).
// Every error answer of every route group (/v1, /_localnotion/, hosted files, the
// server's own 413 and failed-commit 500) is built by ErrorResponse.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "api/limits.h"
#include "common/error.h"
#include "http/response.h"

namespace localnotion::http {

struct ErrorWire {
  int status;
  std::string_view code;
};

ErrorWire WireOf(ErrorCode code);

// The code whose wire name is `wire` ("object_not_found"), if any.
std::optional<ErrorCode> CodeFromWire(std::string_view wire);

// Notion's fixed message for codes whose text does not depend on the request, "" for
// the others (their text is built where they are raised). The texts are quoted from
// Notion's answers as listed at https://developers.notion.com/reference/status-codes.
std::string_view FixedMessage(ErrorCode code);

// The error of `code` with its fixed message.
Error FixedError(ErrorCode code);

// Fixed texts of the 401 answers (https://developers.notion.com/reference/status-codes).
inline constexpr std::string_view kBadAuthorizationHeader =
    "Authorization header must use the format \"Bearer <token>\".";
inline constexpr std::string_view kInvalidToken = "API token is invalid.";

std::string ErrorBody(const Error& error, std::string_view request_id);

// The envelope of `error` under another status than its code's: the server's refusals
// at the HTTP level (408, 414, 431; http/wire_errors.h), which carry a code of the table
// (invalid_request) and the status HTTP defines for them. The status is the HTTP status
// and the envelope's "status" alike.
Response ErrorResponseWithStatus(const Error& error, int status, const std::string& request_id);

// The answer for `error`. A kInternalServerError never shows its message: the client
// reads "Unexpected error occurred." and the details go to stderr with the request id,
// as docs/compat.md promises.
Response ErrorResponse(const Error& error, const std::string& request_id);
// The same with `additional_data` for the answer beyond the error's own (api/limits.h):
// a 429's rate_limit_reason and retry_after.
Response ErrorResponse(const Error& error, const std::string& request_id, const api::AdditionalData& additional_data);

// The answer of the OAuth endpoints for `error`, in the shape of RFC 6749 §5.2 that
// Notion's live API answers /v1/oauth/token with (a recorded 401 is
// {"error":"invalid_client","request_id":…}; docs/compat.md "OAuth"):
//   {"error":"<code>","error_description":"<text>","request_id":"<uuid>"}
// Validation errors read as invalid_request; an internal error keeps its text hidden.
Response OAuthErrorResponse(const Error& error, const std::string& request_id);

}  // namespace localnotion::http
