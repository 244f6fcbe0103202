#include "http/error_response.h"

#include "common/json.h"

namespace localnotion::http {

ErrorWire WireOf(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidJson: return {400, "invalid_json"};
    case ErrorCode::kInvalidRequestUrl: return {400, "invalid_request_url"};
    case ErrorCode::kInvalidRequest: return {400, "invalid_request"};
    case ErrorCode::kValidationError: return {400, "validation_error"};
    case ErrorCode::kMissingVersion: return {400, "missing_version"};
    case ErrorCode::kUnauthorized: return {401, "unauthorized"};
    case ErrorCode::kRestrictedResource: return {403, "restricted_resource"};
    case ErrorCode::kObjectNotFound: return {404, "object_not_found"};
    case ErrorCode::kConflictError: return {409, "conflict_error"};
    case ErrorCode::kRateLimited: return {429, "rate_limited"};
    case ErrorCode::kInternalServerError: return {500, "internal_server_error"};
    case ErrorCode::kBadGateway: return {502, "bad_gateway"};
    case ErrorCode::kServiceUnavailable: return {503, "service_unavailable"};
    case ErrorCode::kDatabaseConnectionUnavailable: return {503, "database_connection_unavailable"};
    case ErrorCode::kGatewayTimeout: return {504, "gateway_timeout"};
    case ErrorCode::kServiceOverload: return {529, "service_overload"};
    case ErrorCode::kPayloadTooLarge: return {413, "payload_too_large"};
  }
  return {500, "internal_server_error"};
}

std::string ErrorBody(const Error& error, std::string_view request_id) {
  ErrorWire wire = WireOf(error.code);
  json::object body{{"object", "error"},
                    {"status", wire.status},
                    {"code", wire.code},
                    {"message", error.message},
                    {"request_id", request_id}};
  return SerializeJson(body);
}

}  // namespace localnotion::http
