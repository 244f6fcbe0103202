#include "common/deadline.h"

#include <gtest/gtest.h>

#include <thread>

namespace localnotion {
namespace {

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
    ASSERT_FALSE(s.ok());
    EXPECT_EQ(s.error().code, ErrorCode::kGatewayTimeout);
    EXPECT_EQ(s.error().message, "Gateway Timeout");
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
