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
                           "529, instead was `" + std::to_string(status) + "`."))
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

}  // namespace
}  // namespace localnotion::http
