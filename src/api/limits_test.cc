#include "api/limits.h"

#include <gtest/gtest.h>

namespace localnotion::api {
namespace {

TEST(LimitsTest, RateLimitedDataRepeatsTheWaitAsAStringOfSeconds) {
  AdditionalData data = RateLimitedData(kRateLimitPerConnection, 42);
  AdditionalData want{{"rate_limit_reason", "public_api_request_rate_limit"}, {"retry_after", "42"}};
  EXPECT_EQ(data, want);
}

TEST(LimitsTest, RateLimitedDataWithoutAWaitHasOnlyTheReason) {
  AdditionalData want{{"rate_limit_reason", "public_api_space_request_rate_limit"}};
  EXPECT_EQ(RateLimitedData(kRateLimitPerWorkspace, std::nullopt), want);
}

TEST(LimitsTest, TheBlockLimitErrorIsNotionsRestrictedResource) {
  Error e = WorkspaceBlockLimitError();
  EXPECT_EQ(e.code, ErrorCode::kRestrictedResource);
  EXPECT_EQ(e.message,
            "This workspace has used all of its free blocks. Upgrade its plan in Notion to create more content. "
            "Learn more: https://www.notion.com/help/understanding-block-usage");
  AdditionalData want{{"block_limit", "block_creation"}};
  EXPECT_EQ(AdditionalDataOf(e), want);
}

TEST(LimitsTest, OtherErrorsHaveNoAdditionalData) {
  EXPECT_TRUE(AdditionalDataOf(MakeError(ErrorCode::kRestrictedResource, "Insufficient permissions.")).empty());
  EXPECT_TRUE(
      AdditionalDataOf(MakeError(ErrorCode::kValidationError, std::string(kWorkspaceBlockLimitMessage))).empty());
}

}  // namespace
}  // namespace localnotion::api
