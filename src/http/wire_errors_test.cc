#include "http/wire_errors.h"

#include <gtest/gtest.h>

#include <boost/asio/error.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/http/error.hpp>

#include <string>

namespace localnotion::http {
namespace {

namespace bhttp = boost::beast::http;

TEST(WireErrorsTest, AnswersInNotionsEnvelopeWithTheHttpStatus) {
  struct Case {
    WireError error;
    int status;
    std::string message;
  } cases[] = {
      {WireError::kMalformed, 400, "Malformed HTTP request."},
      {WireError::kRequestTimeout, 408, "Request timed out before it was received in full."},
      {WireError::kUriTooLong, 414, "Request URL too long. The maximum length is 8KB."},
      {WireError::kHeaderTooLarge, 431, "Request header fields too large. The maximum size is 16KB."},
  };
  for (const Case& c : cases) {
    Response r = WireErrorResponse(c.error);
    EXPECT_EQ(r.status, c.status);
    EXPECT_EQ(r.body, R"({"object":"error","status":)" + std::to_string(c.status) +
                          R"(,"code":"invalid_request","message":")" + c.message + R"(","request_id":")" +
                          r.request_id + R"("})");
    EXPECT_EQ(r.request_id.size(), 36u);
  }
}

TEST(WireErrorsTest, ParseErrorsAreMalformedRequests) {
  for (bhttp::error e :
       {bhttp::error::bad_method, bhttp::error::bad_target, bhttp::error::bad_version, bhttp::error::bad_field,
        bhttp::error::bad_value, bhttp::error::bad_line_ending, bhttp::error::bad_content_length,
        bhttp::error::bad_transfer_encoding, bhttp::error::bad_chunk, bhttp::error::multiple_content_length}) {
    EXPECT_EQ(ClassifyReadError(e, false, true, 0), WireError::kMalformed) << static_cast<int>(e);
  }
}

TEST(WireErrorsTest, HeaderLimitIsALongUrlWhenTheRequestLineIsLong) {
  // The request line did not end within the limit.
  EXPECT_EQ(ClassifyReadError(bhttp::error::header_limit, false, true, 0), WireError::kUriTooLong);
  EXPECT_EQ(ClassifyReadError(bhttp::error::header_limit, false, true, kMaxTargetBytes + 1), WireError::kUriTooLong);
  EXPECT_EQ(ClassifyReadError(bhttp::error::header_limit, false, true, 12), WireError::kHeaderTooLarge);
  EXPECT_EQ(ClassifyReadError(bhttp::error::header_limit, false, true, kMaxTargetBytes), WireError::kHeaderTooLarge);
}

TEST(WireErrorsTest, TimeoutAnswers408OnlyWhenARequestHadStarted) {
  EXPECT_EQ(ClassifyReadError(boost::asio::error::operation_aborted, true, true, 0), WireError::kRequestTimeout);
  EXPECT_EQ(ClassifyReadError(boost::asio::error::operation_aborted, true, true, 15), WireError::kRequestTimeout);
  EXPECT_EQ(ClassifyReadError(boost::asio::error::operation_aborted, true, false, 0), std::nullopt);
}

TEST(WireErrorsTest, AClientThatLeftGetsNothing) {
  EXPECT_EQ(ClassifyReadError(bhttp::error::end_of_stream, false, false, 0), std::nullopt);
  EXPECT_EQ(ClassifyReadError(bhttp::error::partial_message, false, true, 5), std::nullopt);
  EXPECT_EQ(ClassifyReadError(boost::asio::error::connection_reset, false, true, 5), std::nullopt);
  EXPECT_EQ(ClassifyReadError(boost::asio::error::operation_aborted, false, false, 0), std::nullopt);
}

}  // namespace
}  // namespace localnotion::http
