#include "common/deadline.h"

#include <gtest/gtest.h>

#include <thread>

#include "testing/matchers.h"

namespace localnotion {
namespace {

using testing::ErrorIs;

TEST(DeadlineTest, NoDeadlineNeverPasses) {
  EXPECT_FALSE(DeadlinePassed());
  EXPECT_TRUE(CheckDeadline().ok());
}

TEST(DeadlineTest, PassesAfterTheBudgetAndIsRestoredAfterTheScope) {
  {
    ScopedDeadline deadline(std::chrono::milliseconds(1));
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    EXPECT_TRUE(DeadlinePassed());
    Status s = CheckDeadline();
    ASSERT_THAT(s, ErrorIs(ErrorCode::kGatewayTimeout, "Gateway Timeout"));
  }
  EXPECT_FALSE(DeadlinePassed());
}

TEST(DeadlineTest, ZeroBudgetMeansNone) {
  ScopedDeadline deadline(std::chrono::milliseconds(0));
  EXPECT_FALSE(DeadlinePassed());
}

TEST(DeadlineTest, IsPerThread) {
  ScopedDeadline deadline(std::chrono::milliseconds(1));
  std::this_thread::sleep_for(std::chrono::milliseconds(5));
  bool other = true;
  std::thread t([&] { other = DeadlinePassed(); });
  t.join();
  EXPECT_FALSE(other);
  EXPECT_TRUE(DeadlinePassed());
}

}  // namespace
}  // namespace localnotion
