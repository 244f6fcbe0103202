#include "http/error_response.h"

#include <cstdio>

#include "api/limits.h"
#include "common/json.h"
#include "common/utf8.h"

namespace localnotion::http {

ErrorWire WireOf(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidJson:
      return {400, "invalid_json"};
    case ErrorCode::kInvalidRequestUrl:
      return {400, "invalid_request_url"};
    case ErrorCode::kInvalidRequest:
      return {400, "invalid_request"};
    case ErrorCode::kValidationError:
      return {400, "validation_error"};
    case ErrorCode::kMissingVersion:
      return {400, "missing_version"};
    case ErrorCode::kUnauthorized:
      return {401, "unauthorized"};
    case ErrorCode::kRestrictedResource:
      return {403, "restricted_resource"};
    case ErrorCode::kObjectNotFound:
      return {404, "object_not_found"};
    case ErrorCode::kConflictError:
      return {409, "conflict_error"};
    case ErrorCode::kRateLimited:
      return {429, "rate_limited"};
    case ErrorCode::kInternalServerError:
      return {500, "internal_server_error"};
    case ErrorCode::kBadGateway:
      return {502, "bad_gateway"};
    case ErrorCode::kServiceUnavailable:
      return {503, "service_unavailable"};
    case ErrorCode::kDatabaseConnectionUnavailable:
      return {503, "database_connection_unavailable"};
    case ErrorCode::kGatewayTimeout:
      return {504, "gateway_timeout"};
    case ErrorCode::kServiceOverload:
      return {529, "service_overload"};
    case ErrorCode::kPayloadTooLarge:
      return {413, "payload_too_large"};
    case ErrorCode::kInvalidGrant:
      return {400, "invalid_grant"};
    case ErrorCode::kInvalidClient:
      return {401, "invalid_client"};
    case ErrorCode::kUnauthorizedClient:
      return {400, "unauthorized_client"};
    case ErrorCode::kUnsupportedGrantType:
      return {400, "unsupported_grant_type"};
  }
  return {500, "internal_server_error"};
}

std::string_view FixedMessage(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidJson:
      return "Error parsing JSON body.";
    case ErrorCode::kInvalidRequestUrl:
      return "Invalid request URL.";
    case ErrorCode::kConflictError:
      return "Conflict occurred while saving. Please try again.";
    case ErrorCode::kRateLimited:
      return "You have been rate limited. Please try again in a few minutes.";
    case ErrorCode::kInternalServerError:
      return "Unexpected error occurred.";
    case ErrorCode::kBadGateway:
      return "Bad Gateway";
    case ErrorCode::kServiceUnavailable:
    case ErrorCode::kDatabaseConnectionUnavailable:
      return "Notion is unavailable, please try again later.";
    case ErrorCode::kGatewayTimeout:
      return "Gateway Timeout";
    case ErrorCode::kServiceOverload:
      return "Service is overloaded, please try again later.";
    default:
      return "";
  }
}

Error FixedError(ErrorCode code) { return MakeError(code, std::string(FixedMessage(code))); }

std::optional<ErrorCode> CodeFromWire(std::string_view wire) {
  for (int i = 0; i <= static_cast<int>(kLastErrorCode); ++i) {
    if (WireOf(static_cast<ErrorCode>(i)).code == wire) return static_cast<ErrorCode>(i);
  }
  return std::nullopt;
}

namespace {

// `additional_data` comes last, when there is any: what belongs to the error itself
// (api/limits.h, AdditionalDataOf), then what the answer adds (the wait of a 429).
std::string EnvelopeOf(const Error& error, int status, std::string_view request_id,
                       const api::AdditionalData& extra = {}) {
  ErrorWire wire = WireOf(error.code);
  // Messages echo what the client sent (a path id, a query value, the Notion-Version
  // header), which nothing has checked to be UTF-8 as the JSON body is: the body is kept
  // valid UTF-8 here, every ill-formed sequence read as U+FFFD, as JavaScript decodes it.
  json::object body{{"object", "error"},
                    {"status", status},
                    {"code", wire.code},
                    {"message", ToValidUtf8(error.message)},
                    {"request_id", request_id}};
  api::AdditionalData data = api::AdditionalDataOf(error);
  data.insert(data.end(), extra.begin(), extra.end());
  if (!data.empty()) {
    json::object additional;
    for (auto& [key, value] : data) additional[key] = value;
    body["additional_data"] = std::move(additional);
  }
  return SerializeJson(body);
}

}  // namespace

std::string ErrorBody(const Error& error, std::string_view request_id) {
  return EnvelopeOf(error, WireOf(error.code).status, request_id);
}

Response ErrorResponseWithStatus(const Error& error, int status, const std::string& request_id) {
  if (error.code == ErrorCode::kInternalServerError) return ErrorResponse(error, request_id);
  return Response{status, EnvelopeOf(error, status, request_id), request_id};
}

Response ErrorResponse(const Error& error, const std::string& request_id) {
  return ErrorResponse(error, request_id, {});
}

Response ErrorResponse(const Error& error, const std::string& request_id, const api::AdditionalData& additional_data) {
  if (error.code == ErrorCode::kInternalServerError) {
    // Internal details go to the log, never to the client.
    std::fprintf(stderr, "localnotion: request %s failed: %s\n", request_id.c_str(), error.message.c_str());
    return Response{WireOf(error.code).status, ErrorBody(FixedError(error.code), request_id), request_id};
  }
  const int status = WireOf(error.code).status;
  return Response{status, EnvelopeOf(error, status, request_id, additional_data), request_id};
}

Response OAuthErrorResponse(const Error& error, const std::string& request_id) {
  ErrorCode code = error.code;
  std::string message = error.message;
  if (code == ErrorCode::kValidationError || code == ErrorCode::kInvalidJson) code = ErrorCode::kInvalidRequest;
  if (code == ErrorCode::kInternalServerError) {
    std::fprintf(stderr, "localnotion: internal error (request %s): %s\n", request_id.c_str(), message.c_str());
    message = std::string(FixedMessage(code));
  }
  const ErrorWire wire = WireOf(code);
  json::object body{{"error", wire.code}, {"error_description", message}, {"request_id", request_id}};
  return Response{wire.status, SerializeJson(json::value(std::move(body))), request_id};
}

}  // namespace localnotion::http
