// Fault bodies: a status names the first code of the one error table with that status,
// only for failures of Notion's side, and a fault without a message gets Notion's text.
#include "http/faults.h"

#include <gtest/gtest.h>

#include "http/error_response.h"
#include "testing/json.h"
#include "testing/matchers.h"

namespace localnotion::http {
namespace {

using testing::ErrorIs;
using testing::J;

TEST(Faults, StatusNamesTheCodeOfTheErrorTable) {
  Faults faults;
  const std::pair<int, ErrorCode> cases[] = {
      {409, ErrorCode::kConflictError},   {429, ErrorCode::kRateLimited},        {500, ErrorCode::kInternalServerError},
      {502, ErrorCode::kBadGateway},      {503, ErrorCode::kServiceUnavailable}, {504, ErrorCode::kGatewayTimeout},
      {529, ErrorCode::kServiceOverload},
  };
  for (const auto& [status, code] : cases) {
    auto f = faults.Parse(J(R"({"status":)" + std::to_string(status) + "}"));
    ASSERT_TRUE(f.ok()) << status << ": " << f.error().message;
    EXPECT_EQ(f->code, std::optional<ErrorCode>(code)) << status;
    EXPECT_EQ(f->message, FixedMessage(code)) << status;
  }
}

TEST(Faults, OtherStatusesAreRefused) {
  Faults faults;
  for (int status : {200, 400, 404, 413}) {
    auto f = faults.Parse(J(R"({"status":)" + std::to_string(status) + "}"));
    ASSERT_THAT(f, ErrorIs(ErrorCode::kValidationError,
                           "body failed validation: body.status should be one of 409, 429, 500, 502, 503, 504 or "
                           "529, instead was `" +
                               std::to_string(status) + "`."))
        << status;
  }
}

TEST(Faults, CodeWithoutMessageGetsADefault) {
  Faults faults;
  auto conflict = faults.Parse(J(R"({"code":"conflict_error"})"));
  ASSERT_TRUE(conflict.ok());
  EXPECT_EQ(conflict->message, "Conflict occurred while saving. Please try again.");
  auto not_found = faults.Parse(J(R"({"code":"object_not_found"})"));
  ASSERT_TRUE(not_found.ok());
  EXPECT_EQ(not_found->message, "Injected fault.");
}

TEST(Faults, ARateLimitedFaultCarriesNotionsAdditionalData) {
  Faults faults;
  auto f = faults.Parse(J(R"({"status":429,"retry_after":3})"));
  ASSERT_TRUE(f.ok()) << f.error().message;
  EXPECT_EQ(f->rate_limit_reason, "public_api_request_rate_limit");
  ASSERT_TRUE(faults.Add(*f).ok());
  auto effect = faults.Match("GET", "/v1/users/me");
  ASSERT_TRUE(effect.has_value());
  EXPECT_EQ(effect->retry_after, std::optional<int>(3));
  api::AdditionalData want{{"rate_limit_reason", "public_api_request_rate_limit"}, {"retry_after", "3"}};
  EXPECT_EQ(effect->additional_data, want);
}

TEST(Faults, ARateLimitedFaultMayNameAnotherReasonAndNeedNoWait) {
  Faults faults;
  auto f = faults.Parse(J(R"({"code":"rate_limited","rate_limit_reason":"public_api_request_blocked"})"));
  ASSERT_TRUE(f.ok()) << f.error().message;
  ASSERT_TRUE(faults.Add(*f).ok());
  auto effect = faults.Match("POST", "/v1/pages");
  ASSERT_TRUE(effect.has_value());
  EXPECT_EQ(effect->retry_after, std::nullopt);
  api::AdditionalData want{{"rate_limit_reason", "public_api_request_blocked"}};
  EXPECT_EQ(effect->additional_data, want);
}

TEST(Faults, OtherStatusesRepeatOnlyTheirWait) {
  Faults faults;
  auto overload = faults.Parse(J(R"({"status":529,"retry_after":2,"count":1})"));
  ASSERT_TRUE(overload.ok());
  ASSERT_TRUE(faults.Add(*overload).ok());
  auto effect = faults.Match("GET", "/v1/users");
  ASSERT_TRUE(effect.has_value());
  api::AdditionalData want{{"retry_after", "2"}};
  EXPECT_EQ(effect->additional_data, want);
  auto conflict = faults.Parse(J(R"({"status":409})"));
  ASSERT_TRUE(conflict.ok());
  ASSERT_TRUE(faults.Add(*conflict).ok());
  effect = faults.Match("GET", "/v1/users");
  ASSERT_TRUE(effect.has_value());
  EXPECT_TRUE(effect->additional_data.empty());
}

TEST(Faults, AReasonGoesWithA429Only) {
  Faults faults;
  EXPECT_THAT(
      faults.Parse(J(R"({"status":503,"rate_limit_reason":"public_api_request_rate_limit"})")),
      ErrorIs(ErrorCode::kValidationError, "A fault's rate_limit_reason goes with status 429 (rate_limited) only."));
  EXPECT_THAT(faults.Parse(J(R"({"status":429,"rate_limit_reason":7})")),
              ErrorIs(ErrorCode::kValidationError,
                      "body failed validation: body.rate_limit_reason should be a string, instead was `7`."));
}

}  // namespace
}  // namespace localnotion::http
