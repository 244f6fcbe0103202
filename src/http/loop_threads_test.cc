#include "http/loop_threads.h"

#include <gtest/gtest.h>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/post.hpp>
#include <future>

namespace localnotion::http {
namespace {

namespace asio = boost::asio;

// A request that cannot finish until another connection has been served: with the one
// always-running thread inside it, only a standby can serve the other.
TEST(LoopThreadsTest, StandbyServesWhileTheRunningThreadIsStuck) {
  asio::io_context ioc(2);
  LoopThreads threads(ioc, /*threads=*/2, /*always_running=*/1);
  ASSERT_EQ(threads.always_running(), 1u);
  std::promise<void> other_served;
  std::future<void> served = other_served.get_future();
  bool stuck_finished = false;
  asio::post(ioc, [&] {
    LoopThreads::Busy busy;
    // Generous, so that a slow machine cannot fail it; without a standby it would
    // time out and the test fails below.
    stuck_finished = served.wait_for(std::chrono::seconds(20)) == std::future_status::ready;
  });
  asio::post(ioc, [&] { other_served.set_value(); });
  threads.Run();  // returns once both handlers ran
  EXPECT_TRUE(stuck_finished);
}

// The standby goes back to waiting once the slow request ends, and comes again for the
// next one.
TEST(LoopThreadsTest, StandbyComesBackForEachStall) {
  asio::io_context ioc(2);
  LoopThreads threads(ioc, /*threads=*/2, /*always_running=*/1);
  int finished = 0;
  for (int i = 0; i < 3; ++i) {
    auto gate = std::make_shared<std::promise<void>>();
    asio::post(ioc, [&, gate] {
      LoopThreads::Busy busy;
      if (gate->get_future().wait_for(std::chrono::seconds(20)) == std::future_status::ready) ++finished;
    });
    asio::post(ioc, [gate] { gate->set_value(); });
  }
  threads.Run();
  EXPECT_EQ(finished, 3);
}

// With a context per running thread, the other running thread cannot serve the stuck
// thread's connections: a standby runs the stuck thread's context, though the other
// thread is free.
TEST(LoopThreadsTest, StandbyRunsTheStuckThreadsOwnContext) {
  asio::io_context first(2), second(2);
  auto keep = asio::make_work_guard(second);  // the second thread stays free, looping
  LoopThreads threads({&first, &second}, /*threads=*/3);
  ASSERT_EQ(threads.always_running(), 2u);
  std::promise<void> other_served;
  std::future<void> served = other_served.get_future();
  bool stuck_finished = false;
  asio::post(first, [&] {
    LoopThreads::Busy busy;
    stuck_finished = served.wait_for(std::chrono::seconds(20)) == std::future_status::ready;
    keep.reset();
  });
  asio::post(first, [&] {
    EXPECT_EQ(LoopThreads::CurrentContext(), &first);
    other_served.set_value();
  });
  threads.Run();
  EXPECT_TRUE(stuck_finished);
  EXPECT_EQ(LoopThreads::CurrentContext(), nullptr);
}

TEST(LoopThreadsTest, SizesFromTheArguments) {
  asio::io_context ioc;
  EXPECT_EQ(LoopThreads(ioc, 0).threads(), 1u);
  EXPECT_EQ(LoopThreads(ioc, 4, 9).always_running(), 4u);
  EXPECT_EQ(LoopThreads(ioc, 4, 2).always_running(), 2u);
  EXPECT_GE(LoopThreads::AvailableCpus(), 1u);
  asio::io_context a, b;
  EXPECT_EQ(LoopThreads({&a, &b}, 1).threads(), 2u);
  EXPECT_EQ(LoopThreads({&a, &b}, 5).always_running(), 2u);
}

}  // namespace
}  // namespace localnotion::http
