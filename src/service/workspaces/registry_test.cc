// The workspace registry (workspaces.h) over in-memory stores: creating, routing tokens,
// isolation, deleting.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "common/sha256.h"
#include "service/admin/admin.h"
#include "service/service.h"
#include "service/workspaces/workspaces.h"
#include "testing/matchers.h"

namespace localnotion::service::workspaces {
namespace {

using ::localnotion::testing::ErrorIs;
using ::localnotion::testing::IsOk;

class RegistryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = storage::OpenStore("memory:");
    ASSERT_TRUE(store.ok());
    main_ = std::move(*store);
    auto booted = RunInTxn(*main_, state_, storage::TxnMode::kWrite,
                           [](Context& ctx) { return admin::Bootstrap(ctx, {"secret_default"}); });
    ASSERT_TRUE(booted.ok()) << booted.error().message;
    registry_ = std::make_unique<Registry>(*main_, state_, "memory:");
  }
  // The meta value `key` of a workspace's store.
  std::string Meta(Workspace& ws, const std::string& key) {
    auto v = storage::InTxn(ws.store(), storage::TxnMode::kRead, [&](storage::Txn& t) { return t.GetMeta(key); });
    return v.ok() && *v ? **v : "";
  }

  std::unique_ptr<storage::Store> main_;
  ServiceState state_;
  std::unique_ptr<Registry> registry_;
};

TEST_F(RegistryTest, ACreatedWorkspaceHasItsOwnStoreTokenAndIdentity) {
  auto made = registry_->Create("Worker 1");
  ASSERT_TRUE(made.ok()) << made.error().message;
  auto ws = registry_->OfTokenHash(Sha256Hex(made->token));
  ASSERT_TRUE(ws.ok());
  EXPECT_FALSE((*ws)->is_default());
  EXPECT_EQ((*ws)->id(), made->record.id);
  EXPECT_EQ(Meta(**ws, "workspace_id"), made->record.id);
  EXPECT_EQ(Meta(**ws, "workspace_name"), "Worker 1");
  EXPECT_EQ(made->integration.name, "localnotion");
  // Its token is not the default workspace's, and the default's is not its.
  EXPECT_NE(Meta(*registry_->Default(), "workspace_id"), made->record.id);
  EXPECT_TRUE((*registry_->OfTokenHash(Sha256Hex("secret_default")))->is_default());
  EXPECT_TRUE((*registry_->OfTokenHash(Sha256Hex("unknown")))->is_default());
  auto owner = registry_->OfAdminToken(made->admin_token);
  ASSERT_TRUE(owner.ok() && *owner);
  EXPECT_EQ((*owner)->id, made->record.id);
  EXPECT_EQ(*registry_->OfAdminToken("admin_other"), std::nullopt);
}

TEST_F(RegistryTest, NamesAreCheckedAndUnknownIdsAreNotFound) {
  EXPECT_THAT(registry_->Create(""),
              ErrorIs(ErrorCode::kValidationError,
                      "body failed validation: body.name should be a non-empty string of at most 200 bytes."));
  const std::string ghost = "0b6f2a4e-1c3d-4e5f-8a9b-0c1d2e3f4a5b";
  EXPECT_THAT(registry_->Find(ghost),
              ErrorIs(ErrorCode::kObjectNotFound, "Could not find workspace with ID: " + ghost + "."));
  EXPECT_THAT(registry_->Delete(ghost),
              ErrorIs(ErrorCode::kObjectNotFound, "Could not find workspace with ID: " + ghost + "."));
  const std::string default_id = Meta(*registry_->Default(), "workspace_id");
  EXPECT_EQ(*registry_->Find(default_id), registry_->Default());
  EXPECT_THAT(registry_->Delete(default_id),
              ErrorIs(ErrorCode::kValidationError, "The default workspace cannot be deleted."));
}

TEST_F(RegistryTest, DeletingAWorkspaceEndsItsTokensAndListShowsTheRest) {
  auto a = registry_->Create("A");
  auto b = registry_->Create("B");
  ASSERT_TRUE(a.ok() && b.ok());
  ASSERT_THAT(registry_->Delete(a->record.id), IsOk());
  EXPECT_TRUE((*registry_->OfTokenHash(Sha256Hex(a->token)))->is_default());
  EXPECT_THAT(registry_->Find(a->record.id), ErrorIs(ErrorCode::kObjectNotFound));
  EXPECT_EQ((*registry_->OfTokenHash(Sha256Hex(b->token)))->id(), b->record.id);
  auto list = registry_->List();
  ASSERT_TRUE(list.ok());
  const auto& results = list->at("results").as_array();
  ASSERT_EQ(results.size(), 2u);
  EXPECT_TRUE(results[0].at("default").as_bool());
  EXPECT_EQ(std::string(results[1].at("name").as_string()), "B");
}

TEST_F(RegistryTest, ANewIntegrationOfAWorkspaceReachesItOnceSynced) {
  auto made = registry_->Create("W");
  ASSERT_TRUE(made.ok());
  auto ws = *registry_->Find(made->record.id);
  auto created = RunInTxn(ws->store(), ws->state(), storage::TxnMode::kWrite,
                          [](Context& ctx) { return admin::CreateIntegration(ctx, "Second", "read"); });
  ASSERT_TRUE(created.ok());
  EXPECT_TRUE((*registry_->OfTokenHash(Sha256Hex(created->token)))->is_default());  // not yet in the catalog
  ASSERT_THAT(registry_->SyncTokens(*ws), IsOk());
  EXPECT_EQ((*registry_->OfTokenHash(Sha256Hex(created->token)))->id(), made->record.id);
}

}  // namespace
}  // namespace localnotion::service::workspaces
