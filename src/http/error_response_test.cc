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
  EXPECT_EQ(
      ErrorBody(MakeError(ErrorCode::kObjectNotFound, "Could not find page."), "r-1"),
      R"({"object":"error","status":404,"code":"object_not_found","message":"Could not find page.","request_id":"r-1"})");
}

TEST(ErrorResponseTest, TheBlockLimitCarriesItsAdditionalData) {
  EXPECT_EQ(ErrorBody(api::WorkspaceBlockLimitError(), "r-5"),
            R"({"object":"error","status":403,"code":"restricted_resource","message":"This workspace has used all )"
            R"(of its free blocks. Upgrade its plan in Notion to create more content. Learn more: )"
            R"(https://www.notion.com/help/understanding-block-usage","request_id":"r-5",)"
            R"("additional_data":{"block_limit":"block_creation"}})");
}

TEST(ErrorResponseTest, ARateLimitedAnswerCarriesItsReasonAndWait) {
  Response r =
      ErrorResponse(FixedError(ErrorCode::kRateLimited), "r-6", api::RateLimitedData(api::kRateLimitPerConnection, 17));
  EXPECT_EQ(r.status, 429);
  EXPECT_EQ(r.body,
            R"({"object":"error","status":429,"code":"rate_limited","message":"You have been rate limited. Please )"
            R"(try again in a few minutes.","request_id":"r-6","additional_data":{"rate_limit_reason":)"
            R"("public_api_request_rate_limit","retry_after":"17"}})");
}

TEST(ErrorResponseTest, InternalErrorsNeverShowTheirMessage) {
  Response r = ErrorResponse(InternalError("sqlite: corrupt page row"), "r-2");
  EXPECT_EQ(r.status, 500);
  EXPECT_EQ(r.request_id, "r-2");
  EXPECT_EQ(
      r.body,
      R"({"object":"error","status":500,"code":"internal_server_error","message":"Unexpected error occurred.","request_id":"r-2"})");
}

TEST(ErrorResponseTest, OtherErrorsShowTheirMessage) {
  Response r = ErrorResponse(MakeError(ErrorCode::kObjectNotFound, "Could not find page."), "r-3");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.body, ErrorBody(MakeError(ErrorCode::kObjectNotFound, "Could not find page."), "r-3"));
}

TEST(ErrorResponseTest, MessagesAreValidUtf8) {
  // A message echoing bytes that are not UTF-8 shows U+FFFD for each ill-formed sequence.
  EXPECT_EQ(ErrorBody(MakeError(ErrorCode::kValidationError, "instead was `\"a\xFF\xC3\"`."), "r-4"),
            "{\"object\":\"error\",\"status\":400,\"code\":\"validation_error\","
            "\"message\":\"instead was `\\\"a\xEF\xBF\xBD\xEF\xBF\xBD\\\"`.\",\"request_id\":\"r-4\"}");
}

TEST(ErrorResponseTest, FixedMessagesSitBesideTheTable) {
  EXPECT_EQ(FixedError(ErrorCode::kInvalidRequestUrl).message, "Invalid request URL.");
  EXPECT_EQ(FixedError(ErrorCode::kInvalidJson).message, "Error parsing JSON body.");
  EXPECT_EQ(FixedMessage(ErrorCode::kRateLimited), "You have been rate limited. Please try again in a few minutes.");
  EXPECT_EQ(FixedMessage(ErrorCode::kInternalServerError), "Unexpected error occurred.");
  EXPECT_EQ(FixedMessage(ErrorCode::kValidationError), "");
}

TEST(ErrorResponseTest, OAuthErrorsHaveTheRfc6749Shape) {
  Response r = OAuthErrorResponse(MakeError(ErrorCode::kInvalidGrant, "Invalid code."), "rid");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.body, R"({"error":"invalid_grant","error_description":"Invalid code.","request_id":"rid"})");
  EXPECT_EQ(OAuthErrorResponse(MakeError(ErrorCode::kInvalidClient, "x"), "rid").status, 401);
  Response v = OAuthErrorResponse(ValidationError("bad"), "rid");
  EXPECT_EQ(v.body, R"({"error":"invalid_request","error_description":"bad","request_id":"rid"})");
  Response hidden = OAuthErrorResponse(InternalError("secret detail"), "rid");
  EXPECT_EQ(hidden.status, 500);
  EXPECT_EQ(hidden.body.find("secret detail"), std::string::npos);
}

TEST(ErrorResponseTest, CodeFromWireInvertsTheTable) {
  for (int i = 0; i <= static_cast<int>(kLastErrorCode); ++i) {
    auto code = static_cast<ErrorCode>(i);
    EXPECT_EQ(CodeFromWire(WireOf(code).code), std::optional<ErrorCode>(code)) << WireOf(code).code;
  }
  EXPECT_EQ(CodeFromWire("no_such_code"), std::nullopt);
}

}  // namespace
}  // namespace localnotion::http
