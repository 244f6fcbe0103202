// Errors are values. ErrorCode is the closed set of codes Notion puts in its error
// envelope (developers.notion.com/reference/status-codes). The HTTP layer owns the one
// table that maps each code to a status (src/http/error_response.cc): when you add a
// code here, add its row there too; error_response_test.cc walks every enumerator.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace localnotion {

enum class ErrorCode {
  kInvalidJson,
  kInvalidRequestUrl,
  kInvalidRequest,
  kValidationError,
  kMissingVersion,
  kUnauthorized,
  kRestrictedResource,
  kObjectNotFound,
  kConflictError,
  kRateLimited,
  kInternalServerError,
  kBadGateway,
  kServiceUnavailable,
  kDatabaseConnectionUnavailable,
  kGatewayTimeout,
  kServiceOverload,
  // Not in Notion's JSON error table: Notion refuses bodies over 500 KB with 413 at its
  // edge. localnotion answers 413 in the usual envelope (docs/compat.md).
  kPayloadTooLarge,
  // OAuth (POST /v1/oauth/token, introspect, revoke; RFC 6749 §5.2 codes, which Notion
  // lists at https://developers.notion.com/reference/create-a-token). Answered in the
  // OAuth shape by http/error_response.h (OAuthErrorResponse).
  kInvalidGrant,
  kInvalidClient,
  kUnauthorizedClient,
  kUnsupportedGrantType,
};

// The last enumerator, for tests that iterate over every code.
inline constexpr ErrorCode kLastErrorCode = ErrorCode::kUnsupportedGrantType;

struct Error {
  ErrorCode code;
  std::string message;
};

inline Error MakeError(ErrorCode code, std::string message) {
  return Error{code, std::move(message)};
}
inline Error ValidationError(std::string message) {
  return Error{ErrorCode::kValidationError, std::move(message)};
}
inline Error InternalError(std::string message) {
  return Error{ErrorCode::kInternalServerError, std::move(message)};
}

// Result<T> holds either a T or an Error. C++20 has no std::expected, so this is a
// small absl::StatusOr look-alike. Result<void> is spelled Status.
template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::in_place_index<0>, std::move(value)) {}  // NOLINT
  Result(Error error) : v_(std::in_place_index<1>, std::move(error)) {}  // NOLINT

  bool ok() const { return v_.index() == 0; }
  T& value() & { return std::get<0>(v_); }
  const T& value() const& { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  const Error& error() const& { return std::get<1>(v_); }
  Error&& error() && { return std::get<1>(std::move(v_)); }

 private:
  std::variant<T, Error> v_;
};

class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(Error error) : ok_(false), error_(std::move(error)) {}  // NOLINT
  bool ok() const { return ok_; }
  const Error& error() const& { return error_; }
  Error&& error() && { return std::move(error_); }

 private:
  bool ok_ = true;
  Error error_{ErrorCode::kInternalServerError, ""};
};

inline Status OkStatus() { return Status(); }

}  // namespace localnotion

#define LN_CONCAT_INNER(a, b) a##b
#define LN_CONCAT(a, b) LN_CONCAT_INNER(a, b)

// Returns the error of a Status or Result expression from the enclosing function.
#define LN_RETURN_IF_ERROR(expr)                          \
  do {                                                    \
    auto&& ln_status_ = (expr);                           \
    if (!ln_status_.ok()) return std::move(ln_status_).error(); \
  } while (0)

// Declares or assigns lhs from a Result expression, or returns its error.
#define LN_ASSIGN_OR_RETURN(lhs, expr) \
  LN_ASSIGN_OR_RETURN_IMPL(LN_CONCAT(ln_result_, __LINE__), lhs, expr)
#define LN_ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                             \
  if (!tmp.ok()) return std::move(tmp).error();  \
  lhs = std::move(tmp).value()
