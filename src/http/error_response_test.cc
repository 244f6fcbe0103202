#include "http/error_response.h"

#include <gtest/gtest.h>

#include <set>

namespace localnotion::http {
namespace {

TEST(ErrorResponseTest, EveryCodeHasADistinctWireCodeAndAnErrorStatus) {
  std::set<std::string_view> seen;
  for (int i = 0; i <= static_cast<int>(kLastErrorCode); ++i) {
    ErrorWire w = WireOf(static_cast<ErrorCode>(i));
    EXPECT_GE(w.status, 400) << i;
    EXPECT_TRUE(seen.insert(w.code).second) << w.code;
  }
  EXPECT_EQ(seen.size(), static_cast<size_t>(kLastErrorCode) + 1);
}

TEST(ErrorResponseTest, NotionStatusTable) {
  EXPECT_EQ(WireOf(ErrorCode::kInvalidJson).status, 400);
  EXPECT_EQ(WireOf(ErrorCode::kUnauthorized).status, 401);
  EXPECT_EQ(WireOf(ErrorCode::kRestrictedResource).status, 403);
  EXPECT_EQ(WireOf(ErrorCode::kObjectNotFound).status, 404);
  EXPECT_EQ(WireOf(ErrorCode::kConflictError).status, 409);
  EXPECT_EQ(WireOf(ErrorCode::kRateLimited).status, 429);
  EXPECT_EQ(WireOf(ErrorCode::kServiceOverload).status, 529);
  EXPECT_EQ(WireOf(ErrorCode::kDatabaseConnectionUnavailable).status, 503);
}

TEST(ErrorResponseTest, EnvelopeShape) {
  EXPECT_EQ(ErrorBody(MakeError(ErrorCode::kObjectNotFound, "Could not find page."), "r-1"),
            R"({"object":"error","status":404,"code":"object_not_found","message":"Could not find page.","request_id":"r-1"})");
}

}  // namespace
}  // namespace localnotion::http
