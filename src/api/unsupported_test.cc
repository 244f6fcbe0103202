#include "api/unsupported.h"

#include <gtest/gtest.h>

namespace localnotion::api {
namespace {

TEST(NotImplementedYet, InvalidRequestSayingSo) {
  Error e = NotImplementedYet("GET /v1/pages/{page_id}/markdown");
  EXPECT_EQ(e.code, ErrorCode::kInvalidRequest);
  EXPECT_EQ(e.message, "Unsupported request: GET /v1/pages/{page_id}/markdown. localnotion does not implement it yet.");
}

}  // namespace
}  // namespace localnotion::api
