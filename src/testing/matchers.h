// gMock matchers for Result<T> and Status (common/error.h):
//
//   EXPECT_THAT(store.PutPage(p), IsOk());
//   EXPECT_THAT(r, ErrorIs(ErrorCode::kValidationError, "body failed validation: ..."));
//   EXPECT_THAT(r, ErrorIs(ErrorCode::kObjectNotFound));             // any message
//   EXPECT_THAT(r, ErrorIs(ErrorCode::kValidationError, HasSubstr("x")));
//
// A string message is compared exactly. On a mismatch the failure names the actual
// outcome: "which is OK", or "which is an error with code kX and message "..."". The
// PrintTo overloads below make GoogleTest print Results and Statuses readably rather
// than as bytes.
#pragma once

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <ostream>
#include <string>
#include <string_view>
#include <utility>

#include "common/error.h"

namespace localnotion {

namespace testing {

// The enumerator's name ("kValidationError"); an unknown value prints as its number.
inline std::string ErrorCodeName(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidJson: return "kInvalidJson";
    case ErrorCode::kInvalidRequestUrl: return "kInvalidRequestUrl";
    case ErrorCode::kInvalidRequest: return "kInvalidRequest";
    case ErrorCode::kValidationError: return "kValidationError";
    case ErrorCode::kMissingVersion: return "kMissingVersion";
    case ErrorCode::kUnauthorized: return "kUnauthorized";
    case ErrorCode::kRestrictedResource: return "kRestrictedResource";
    case ErrorCode::kObjectNotFound: return "kObjectNotFound";
    case ErrorCode::kConflictError: return "kConflictError";
    case ErrorCode::kRateLimited: return "kRateLimited";
    case ErrorCode::kInternalServerError: return "kInternalServerError";
    case ErrorCode::kBadGateway: return "kBadGateway";
    case ErrorCode::kServiceUnavailable: return "kServiceUnavailable";
    case ErrorCode::kDatabaseConnectionUnavailable: return "kDatabaseConnectionUnavailable";
    case ErrorCode::kGatewayTimeout: return "kGatewayTimeout";
    case ErrorCode::kServiceOverload: return "kServiceOverload";
    case ErrorCode::kPayloadTooLarge: return "kPayloadTooLarge";
    case ErrorCode::kInvalidGrant: return "kInvalidGrant";
    case ErrorCode::kInvalidClient: return "kInvalidClient";
    case ErrorCode::kUnauthorizedClient: return "kUnauthorizedClient";
    case ErrorCode::kUnsupportedGrantType: return "kUnsupportedGrantType";
  }
  return "ErrorCode(" + std::to_string(static_cast<int>(code)) + ")";
}

namespace internal {

// "error with code kX and message "..."": how an Error reads in failure messages.
inline std::string DescribeError(const Error& error) {
  return "error with code " + ErrorCodeName(error.code) + " and message " + ::testing::PrintToString(error.message);
}

// The Error of a failed Result<T> or Status, or nullptr when it succeeded.
template <class R>
const Error* ErrorOf(const R& r) {
  return r.ok() ? nullptr : &r.error();
}

class IsOkMatcher {
 public:
  template <class R>
  bool MatchAndExplain(const R& r, ::testing::MatchResultListener* listener) const {
    const Error* error = ErrorOf(r);
    if (error == nullptr) return true;
    *listener << "which is an " << DescribeError(*error);
    return false;
  }
  void DescribeTo(std::ostream* os) const { *os << "is OK"; }
  void DescribeNegationTo(std::ostream* os) const { *os << "is an error"; }
};

class ErrorIsMatcher {
 public:
  ErrorIsMatcher(ErrorCode code, ::testing::Matcher<const std::string&> message, bool any_message)
      : code_(code), message_(std::move(message)), any_message_(any_message) {}

  template <class R>
  bool MatchAndExplain(const R& r, ::testing::MatchResultListener* listener) const {
    const Error* error = ErrorOf(r);
    if (error == nullptr) {
      *listener << "which is OK";
      return false;
    }
    const bool code_matches = error->code == code_;
    ::testing::StringMatchResultListener message_listener;
    const bool message_matches = any_message_ || message_.MatchAndExplain(error->message, &message_listener);
    if (code_matches && message_matches) return true;
    *listener << "which is an " << DescribeError(*error);
    if (!code_matches) *listener << ", whose code differs";
    if (!message_matches) {
      *listener << (code_matches ? ", whose message differs" : " and message differs");
      if (!message_listener.str().empty()) *listener << " (" << message_listener.str() << ")";
    }
    return false;
  }
  void DescribeTo(std::ostream* os) const {
    *os << "is an error with code " << ErrorCodeName(code_);
    if (!any_message_) {
      *os << " and a message that ";
      message_.DescribeTo(os);
    }
  }
  void DescribeNegationTo(std::ostream* os) const {
    *os << "is not an error with code " << ErrorCodeName(code_);
    if (!any_message_) {
      *os << " and a message that ";
      message_.DescribeTo(os);
    }
  }

 private:
  ErrorCode code_;
  ::testing::Matcher<const std::string&> message_;
  bool any_message_;
};

}  // namespace internal

// Matches a Result<T> that holds a value, or an OK Status.
inline ::testing::PolymorphicMatcher<internal::IsOkMatcher> IsOk() {
  return ::testing::MakePolymorphicMatcher(internal::IsOkMatcher());
}

// Matches a failed Result<T> or Status whose error has `code`, and, when given, exactly
// `message` (or a message that `message` matches, for a gMock string matcher).
inline ::testing::PolymorphicMatcher<internal::ErrorIsMatcher> ErrorIs(ErrorCode code) {
  return ::testing::MakePolymorphicMatcher(internal::ErrorIsMatcher(code, ::testing::A<const std::string&>(), true));
}
inline ::testing::PolymorphicMatcher<internal::ErrorIsMatcher> ErrorIs(ErrorCode code,
                                                                       ::testing::Matcher<const std::string&> message) {
  return ::testing::MakePolymorphicMatcher(internal::ErrorIsMatcher(code, std::move(message), false));
}
inline ::testing::PolymorphicMatcher<internal::ErrorIsMatcher> ErrorIs(ErrorCode code, std::string_view message) {
  return ErrorIs(code, ::testing::Matcher<const std::string&>(::testing::Eq(std::string(message))));
}
inline ::testing::PolymorphicMatcher<internal::ErrorIsMatcher> ErrorIs(ErrorCode code, const std::string& message) {
  return ErrorIs(code, std::string_view(message));
}
inline ::testing::PolymorphicMatcher<internal::ErrorIsMatcher> ErrorIs(ErrorCode code, const char* message) {
  return ErrorIs(code, std::string_view(message));
}

}  // namespace testing

// GoogleTest's printers, found by argument-dependent lookup: a Result or Status prints
// as "OK" (with the value, for a Result) or as its error. (ErrorCode itself keeps
// GoogleTest's default printer: a PrintTo for it here would be seen by only some of a
// test binary's files, and the printer template would then differ between them.)
inline void PrintTo(const Error& error, std::ostream* os) { *os << testing::internal::DescribeError(error); }
inline void PrintTo(const Status& status, std::ostream* os) {
  if (status.ok()) {
    *os << "OK";
  } else {
    PrintTo(status.error(), os);
  }
}
template <class T>
void PrintTo(const Result<T>& result, std::ostream* os) {
  if (result.ok()) {
    *os << "OK: " << ::testing::PrintToString(result.value());
  } else {
    PrintTo(result.error(), os);
  }
}

}  // namespace localnotion
