#include "cli/store_lock.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "testing/temp_dir.h"

namespace localnotion::cli {
namespace {

TEST(StoreLockTest, SecondHolderOfTheSameStoreIsRefused) {
  testing::TempDir dir;
  const std::string url = "sqlite:" + (dir.path() / "s.db").string();
  auto first = StoreLock::Acquire(url);
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_TRUE(std::filesystem::exists(dir.path() / "s.db.lock"));
  auto second = StoreLock::Acquire(url);
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.error().message, "another localnotion server is already serving " + url + " (it holds " +
                                        (dir.path() / "s.db.lock").string() +
                                        "); stop it first, or give this one another --db");
  // Another file is another store.
  EXPECT_TRUE(StoreLock::Acquire("sqlite:" + (dir.path() / "t.db").string()).ok());
}

TEST(StoreLockTest, ReleasedWhenTheHolderGoes) {
  testing::TempDir dir;
  const std::string url = "sqlite://" + (dir.path() / "s.db").string();
  {
    auto first = StoreLock::Acquire(url);
    ASSERT_TRUE(first.ok());
  }
  EXPECT_TRUE(StoreLock::Acquire(url).ok());
}

TEST(StoreLockTest, MemoryStoresNeedNoLock) {
  EXPECT_TRUE(StoreLock::Acquire("memory:").ok());
  EXPECT_TRUE(StoreLock::Acquire("memory:").ok());
  EXPECT_EQ(StorePath("memory:"), "");
  EXPECT_EQ(StorePath("sqlite:./a.db"), "./a.db");
  EXPECT_EQ(StorePath("sqlite:///tmp/a.db"), "/tmp/a.db");
}

}  // namespace
}  // namespace localnotion::cli
