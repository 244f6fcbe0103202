// The store conformance suite, workspace catalog facet (storage/workspace_records.h):
// runs on every configuration of store_conformance_test.cc (the suite is instantiated
// there).
#include <gtest/gtest.h>

#include "storage/store_conformance_test_util.h"

namespace localnotion::storage {
namespace {

WorkspaceRecord Workspace(std::string id, std::string name, std::string admin_hash) {
  return WorkspaceRecord{std::move(id), std::move(name), 1700000000000, std::move(admin_hash), ""};
}

std::string Describe(const WorkspaceRecord& w) {
  return w.id + "|" + w.name + "|" + std::to_string(w.created_time) + "|" + w.admin_token_hash + "|" + w.shard;
}

std::string Describe(const std::optional<WorkspaceRecord>& w) { return w ? Describe(*w) : "none"; }

std::vector<std::string> Names(const std::vector<WorkspaceRecord>& all) {
  std::vector<std::string> out;
  for (const auto& w : all) out.push_back(w.name);
  return out;
}

using V = std::vector<std::string>;

TEST_P(StoreConformanceTest, WorkspacesRoundTripInCreationOrderAndAnUpdateKeepsItsPlace) {
  ReadBoth([&](Txn& txn) { EXPECT_TRUE(LN_VAL(txn.ListWorkspaces()).empty()); });
  Write([&](Txn& txn) {
    LN_ASSERT_OK(txn.PutWorkspace(Workspace("w2", "Second", "h2")));
    LN_ASSERT_OK(txn.PutWorkspace(Workspace("w1", "First", "h1")));
  });
  WorkspaceRecord renamed = Workspace("w2", "Second renamed", "h2b");
  renamed.shard = "shard-3";
  Write([&](Txn& txn) { LN_ASSERT_OK(txn.PutWorkspace(renamed)); });
  ReadBoth([&](Txn& txn) {
    EXPECT_EQ(Names(LN_VAL(txn.ListWorkspaces())), (V{"Second renamed", "First"}));
    EXPECT_EQ(Describe(LN_VAL(txn.GetWorkspace("w2"))), Describe(renamed));
    EXPECT_EQ(Describe(LN_VAL(txn.GetWorkspace("nope"))), "none");
    EXPECT_EQ(Describe(LN_VAL(txn.FindWorkspaceByAdminTokenHash("h1"))), Describe(Workspace("w1", "First", "h1")));
    EXPECT_EQ(Describe(LN_VAL(txn.FindWorkspaceByAdminTokenHash("h2"))), "none");  // replaced by h2b
    EXPECT_EQ(LN_VAL(txn.FindWorkspaceByAdminTokenHash("h2b"))->id, "w2");
  });
}

TEST_P(StoreConformanceTest, TokenMapPointsEachHashAtOneWorkspaceAndDeletingAWorkspaceDropsItsTokens) {
  Write([&](Txn& txn) {
    LN_ASSERT_OK(txn.PutWorkspace(Workspace("w1", "One", "a1")));
    LN_ASSERT_OK(txn.PutWorkspace(Workspace("w2", "Two", "a2")));
    LN_ASSERT_OK(txn.PutWorkspaceToken("t-b", "w1"));
    LN_ASSERT_OK(txn.PutWorkspaceToken("t-a", "w1"));
    LN_ASSERT_OK(txn.PutWorkspaceToken("t-c", "w2"));
  });
  ReadBoth([&](Txn& txn) {
    EXPECT_EQ(LN_VAL(txn.FindWorkspaceOfToken("t-a")), std::optional<std::string>("w1"));
    EXPECT_EQ(LN_VAL(txn.FindWorkspaceOfToken("t-c")), std::optional<std::string>("w2"));
    EXPECT_EQ(LN_VAL(txn.FindWorkspaceOfToken("unknown")), std::nullopt);
    EXPECT_EQ(LN_VAL(txn.ListWorkspaceTokens("w1")), (V{"t-a", "t-b"}));
    EXPECT_EQ(LN_VAL(txn.ListWorkspaceTokens("w3")), V{});
  });
  // A hash maps to one workspace: putting it again moves it.
  Write([&](Txn& txn) {
    LN_ASSERT_OK(txn.PutWorkspaceToken("t-b", "w2"));
    LN_ASSERT_OK(txn.DeleteWorkspaceToken("t-a"));
    LN_ASSERT_OK(txn.DeleteWorkspaceToken("never-there"));
  });
  ReadBoth([&](Txn& txn) {
    EXPECT_EQ(LN_VAL(txn.ListWorkspaceTokens("w1")), V{});
    EXPECT_EQ(LN_VAL(txn.ListWorkspaceTokens("w2")), (V{"t-b", "t-c"}));
    EXPECT_EQ(LN_VAL(txn.FindWorkspaceOfToken("t-a")), std::nullopt);
  });
  Write([&](Txn& txn) {
    LN_ASSERT_OK(txn.DeleteWorkspace("w2"));
    LN_ASSERT_OK(txn.DeleteWorkspace("never-there"));
  });
  ReadBoth([&](Txn& txn) {
    EXPECT_EQ(Names(LN_VAL(txn.ListWorkspaces())), (V{"One"}));
    EXPECT_EQ(LN_VAL(txn.FindWorkspaceOfToken("t-b")), std::nullopt);
    EXPECT_EQ(LN_VAL(txn.FindWorkspaceOfToken("t-c")), std::nullopt);
    EXPECT_EQ(LN_VAL(txn.GetWorkspace("w2")), std::nullopt);
  });
}

TEST_P(StoreConformanceTest, CatalogSurvivesResetOfTheMainStoreAndRollsBackWithItsTransaction) {
  Write([&](Txn& txn) {
    LN_ASSERT_OK(txn.PutWorkspace(Workspace("w1", "One", "a1")));
    LN_ASSERT_OK(txn.PutWorkspaceToken("t1", "w1"));
  });
  Write([&](Txn& txn) { LN_ASSERT_OK(txn.Reset(/*keep_integrations=*/false)); });
  {
    std::unique_ptr<Txn> txn = Begin(TxnMode::kWrite);
    ASSERT_NE(txn, nullptr);
    LN_ASSERT_OK(txn->PutWorkspace(Workspace("w9", "Rolled back", "a9")));
    LN_ASSERT_OK(txn->DeleteWorkspaceToken("t1"));
  }  // destroyed without Commit: rolled back
  ReadBoth([&](Txn& txn) {
    EXPECT_EQ(Names(LN_VAL(txn.ListWorkspaces())), (V{"One"}));
    EXPECT_EQ(LN_VAL(txn.FindWorkspaceOfToken("t1")), std::optional<std::string>("w1"));
  });
  if (!GetParam().persistent) return;
  Reopen();
  ReadBoth([&](Txn& txn) {
    EXPECT_EQ(Describe(LN_VAL(txn.GetWorkspace("w1"))), Describe(Workspace("w1", "One", "a1")));
    EXPECT_EQ(LN_VAL(txn.ListWorkspaceTokens("w1")), (V{"t1"}));
  });
}

}  // namespace
}  // namespace localnotion::storage
