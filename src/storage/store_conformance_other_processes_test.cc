// The store conformance suite, other processes (storage/caching_store.h): runs on every
// persistent configuration of store_conformance_test.cc (the suite is instantiated there).
//
// A second store opened on the same data stands for another process: the CLI beside a
// running server on SQLite (`localnotion integration`, `share`, `unshare`), another
// instance on PostgreSQL. What it commits of integrations, shares and users is what the
// first store's next transaction sees, read or write, although the first one caches them.
#include <gtest/gtest.h>

#include "storage/store_conformance_test_util.h"

namespace localnotion::storage {
namespace {

using V = std::vector<std::string>;

TEST_P(StoreConformanceTest, WhatAnotherProcessCommitsOfIntegrationsAndSharesIsSeenNext) {
  if (!GetParam().persistent) GTEST_SKIP() << "a store of this process alone";
  const IntegrationRecord one{"i-one", "One", "hash-one", "bot-one", "read_content", 1};
  const UserRecord bot{"bot-one", "bot", "One", std::nullopt, std::nullopt, "i-one"};
  Write([&](Txn& txn) {
    LN_ASSERT_OK(txn.PutUser(bot));
    LN_ASSERT_OK(txn.PutIntegration(one));
    LN_ASSERT_OK(txn.PutShare("i-one", "page-1"));
  });
  // Read twice, so that the second read is answered by the cache, in both kinds.
  const auto expect = [&](const V& shares, bool integration) {
    for (int i = 0; i < 2; ++i) {
      ReadBoth([&](Txn& txn) {
        EXPECT_EQ(LN_VAL(txn.ListShares("i-one")), shares);
        EXPECT_EQ(LN_VAL(txn.FindIntegrationBySecretHash("hash-one")).has_value(), integration);
        EXPECT_EQ(LN_VAL(txn.GetUser("bot-one")).has_value(), integration);
      });
    }
  };
  expect(V{"page-1"}, true);

  Result<std::unique_ptr<Store>> opened = GetParam().open(dir_);
  ASSERT_TRUE(opened.ok()) << opened.error().message;
  std::unique_ptr<Store> other = std::move(opened).value();
  const auto other_write = [&](const std::function<Status(Txn&)>& fn) {
    Result<std::unique_ptr<Txn>> txn = other->Begin(TxnMode::kWrite);
    ASSERT_TRUE(txn.ok()) << txn.error().message;
    LN_ASSERT_OK(fn(**txn));
    LN_ASSERT_OK((*txn)->Commit());
  };
  other_write([](Txn& txn) { return txn.PutShare("i-one", "page-2"); });
  expect(V{"page-1", "page-2"}, true);
  other_write([](Txn& txn) { return txn.DeleteShare("i-one", "page-1"); });
  expect(V{"page-2"}, true);
  other_write([](Txn& txn) { return txn.DeleteIntegration("i-one"); });
  expect(V{}, false);
  other.reset();
}

}  // namespace
}  // namespace localnotion::storage
