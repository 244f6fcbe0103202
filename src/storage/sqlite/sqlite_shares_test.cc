// Shares and integration deletion on SQLite, through OpenStore (so through CachingStore
// too): shares list in order, are idempotent, survive reopening, go with their
// integration, and Reset keeps only whole-workspace shares of the integrations kept.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <string>

#include "storage/sqlite/temp_store_test_util.h"

namespace localnotion::storage {
namespace {

class SharesTest : public TempStoreTest {
 protected:
  SharesTest() : TempStoreTest(/*caching=*/true) {}
  void Unit(const std::function<Status()>& fn) {
    ASSERT_TRUE(store_->BeginUnit().ok());
    Status s = fn();
    ASSERT_TRUE(s.ok()) << s.error().message;
    ASSERT_TRUE(store_->EndUnit(true).ok());
    ASSERT_TRUE(store_->CommitBatch().ok());
  }
  std::vector<std::string> Shares(const std::string& integration) {
    auto r = store_->ListShares(integration);
    EXPECT_TRUE(r.ok());
    return r.ok() ? *r : std::vector<std::string>{};
  }
};

TEST_F(SharesTest, PutListDeleteInOrderAndIdempotent) {
  Unit([&]() -> Status {
    LN_RETURN_IF_ERROR(store_->PutShare("i1", "b"));
    LN_RETURN_IF_ERROR(store_->PutShare("i1", "a"));
    LN_RETURN_IF_ERROR(store_->PutShare("i1", "b"));
    return store_->PutShare("i2", "c");
  });
  EXPECT_EQ(Shares("i1"), (std::vector<std::string>{"b", "a"}));
  Reopen();
  EXPECT_EQ(Shares("i1"), (std::vector<std::string>{"b", "a"}));
  Unit([&] { return store_->DeleteShare("i1", "b"); });
  EXPECT_EQ(Shares("i1"), (std::vector<std::string>{"a"}));
  EXPECT_EQ(Shares("i2"), (std::vector<std::string>{"c"}));
}

TEST_F(SharesTest, RolledBackShareLeavesNoTrace) {
  ASSERT_TRUE(store_->BeginUnit().ok());
  ASSERT_TRUE(store_->PutShare("i1", "x").ok());
  ASSERT_TRUE(store_->EndUnit(false).ok());
  ASSERT_TRUE(store_->CommitBatch().ok());
  EXPECT_TRUE(Shares("i1").empty());
}

TEST_F(SharesTest, DeletingAnIntegrationTakesItsBotAndShares) {
  IntegrationRecord i{"i1", "One", "hash1", "bot1", "read", 1};
  Unit([&]() -> Status {
    LN_RETURN_IF_ERROR(store_->PutUser(UserRecord{"bot1", "bot", "One", std::nullopt, std::nullopt, "i1"}));
    LN_RETURN_IF_ERROR(store_->PutIntegration(i));
    return store_->PutShare("i1", "p");
  });
  ASSERT_TRUE(store_->FindIntegrationBySecretHash("hash1").value().has_value());  // now cached
  Unit([&] { return store_->DeleteIntegration("i1"); });
  EXPECT_FALSE(store_->FindIntegrationBySecretHash("hash1").value().has_value());
  EXPECT_FALSE(store_->GetUser("bot1").value().has_value());
  EXPECT_TRUE(Shares("i1").empty());
}

TEST_F(SharesTest, ResetKeepsWholeWorkspaceSharesOfKeptIntegrationsOnly) {
  Unit([&]() -> Status {
    LN_RETURN_IF_ERROR(store_->PutShare("i1", std::string(kWholeWorkspace)));
    return store_->PutShare("i1", "page");
  });
  Unit([&] { return store_->Reset(/*keep_integrations=*/true); });
  EXPECT_EQ(Shares("i1"), (std::vector<std::string>{"workspace"}));
  Unit([&] { return store_->Reset(/*keep_integrations=*/false); });
  EXPECT_TRUE(Shares("i1").empty());
}

}  // namespace
}  // namespace localnotion::storage
