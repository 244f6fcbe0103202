// The background checkpointer of SqliteStore (sqlite/checkpointer.h), one pass at a time
// on the test's thread: it copies the WAL into the database file, and makes the WAL
// start over even when a batch is open every time it looks, as under constant load.
#include "storage/sqlite/checkpointer.h"

#include <gtest/gtest.h>

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "storage/sqlite/sqlite_store.h"
#include "storage/sqlite/temp_store_test_util.h"
#include "testing/temp_dir.h"

namespace localnotion::storage {
namespace {

class CheckpointerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // No thread: passes run only when the test calls CheckpointNow. Any WAL is large
    // enough to be made to start over.
    auto opened = SqliteStore::Open(dir_.File("c.db"), Checkpointer::Options{std::chrono::milliseconds(0), 1});
    ASSERT_TRUE(opened.ok()) << opened.error().message;
    store_ = std::move(opened).value();
    // A loop that runs nothing by itself: a batch stays open until the test runs the
    // flush the store posted, as a busy server's loop keeps one open.
    store_->SetLoopPoster([this](std::function<void()> task) { loop_.push_back(std::move(task)); });
  }
  void TearDown() override {
    if (store_) store_->SetLoopPoster(nullptr);
    store_.reset();
  }

  // Writes page `id` in a transaction of its own; its batch stays open. `durable`
  // counts the reports of success.
  void Write(const std::string& id, int& durable) {
    auto txn = store_->Begin(TxnMode::kWrite);
    ASSERT_TRUE(txn.ok()) << txn.error().message;
    ASSERT_TRUE((*txn)->PutPage(TitledPage(id, "Page " + id)).ok());
    (*txn)->CommitAsync([&durable](Status s) {
      EXPECT_TRUE(s.ok()) << s.error().message;
      if (s.ok()) ++durable;
    });
  }
  // Runs what the store posted to the loop: the open batch commits.
  void RunLoop() {
    std::vector<std::function<void()>> tasks;
    tasks.swap(loop_);
    for (auto& task : tasks) task();
  }

  testing::TempDir dir_{"ln_ckpt_"};  // declared first: removed after the store closes
  std::unique_ptr<SqliteStore> store_;
  std::vector<std::function<void()>> loop_;
};

// Regression: the checkpointer's connection had never read the database, and SQLite 3.40
// checkpoints nothing on such a connection while reporting success (-1 frames), so the
// writer's automatic checkpoint copied 512 MiB inside one COMMIT (a 0.2-3.2 s stall).
TEST_F(CheckpointerTest, APassCopiesTheCommittedFramesIntoTheDatabaseFile) {
  int durable = 0;
  for (int i = 0; i < 5; ++i) {
    Write("page-" + std::to_string(i), durable);
    RunLoop();
  }
  ASSERT_EQ(durable, 5);
  Checkpointer::Pass pass = store_->CheckpointNow();
  EXPECT_GT(pass.log, 0);
  EXPECT_EQ(pass.checkpointed, pass.log);
}

TEST_F(CheckpointerTest, TheWalStartsOverThoughABatchIsOpenAtEveryPass) {
  int durable = 0;
  for (int i = 0; i < 20; ++i) {
    Write("page-" + std::to_string(i), durable);
    RunLoop();
  }
  Write("open", durable);  // committed into a batch that is still open
  ASSERT_EQ(durable, 20);
  Checkpointer::Pass full = store_->CheckpointNow();
  EXPECT_TRUE(full.restarted);
  // The pass committed the open batch, and told its transaction.
  EXPECT_EQ(durable, 21);
  RunLoop();  // the flush posted for that batch finds nothing left to do
  EXPECT_EQ(durable, 21);

  Write("after", durable);
  RunLoop();
  ASSERT_EQ(durable, 22);
  Checkpointer::Pass after = store_->CheckpointNow();
  // The last write went to the start of the WAL: it holds that one commit's frames, not
  // the 22 commits' since the store opened.
  EXPECT_GT(after.log, 0);
  EXPECT_LT(after.log * 10, full.log) << "before " << full.log << ", after " << after.log;
  auto txn = store_->Begin(TxnMode::kRead);
  ASSERT_TRUE(txn.ok());
  for (const char* id : {"page-0", "page-19", "open", "after"}) {
    auto page = (*txn)->GetPage(id);
    ASSERT_TRUE(page.ok());
    EXPECT_TRUE(page->has_value()) << id;
  }
}

// A reader's snapshot keeps the frames written after it in the WAL; asking for the
// writer could not change that, so the pass leaves the writer alone.
TEST_F(CheckpointerTest, AReaderOnAnOldSnapshotLeavesTheWriterAlone) {
  int durable = 0;
  Write("first", durable);
  RunLoop();
  auto reader = store_->Begin(TxnMode::kRead);
  ASSERT_TRUE(reader.ok());
  ASSERT_TRUE((*reader)->GetPage("first").ok());  // the snapshot is taken at the first read
  Write("second", durable);
  RunLoop();
  Write("open", durable);
  ASSERT_EQ(durable, 2);

  Checkpointer::Pass pass = store_->CheckpointNow();
  EXPECT_LT(pass.checkpointed, pass.log);
  EXPECT_FALSE(pass.restarted);
  EXPECT_EQ(durable, 2);  // the open batch was not committed by the pass
  RunLoop();
  EXPECT_EQ(durable, 3);
  auto second = (*reader)->GetPage("second");
  ASSERT_TRUE(second.ok());
  EXPECT_FALSE(second->has_value());  // still the old snapshot
}

// A store in memory has no WAL and no checkpointer.
TEST(CheckpointerMemory, AStoreInMemoryCheckpointsNothing) {
  auto store = SqliteStore::Open(":memory:", Checkpointer::Options{std::chrono::milliseconds(0), 1});
  ASSERT_TRUE(store.ok());
  Checkpointer::Pass pass = (*store)->CheckpointNow();
  EXPECT_EQ(pass.log, -1);
  EXPECT_EQ(pass.checkpointed, -1);
  EXPECT_FALSE(pass.restarted);
}

}  // namespace
}  // namespace localnotion::storage
