// The registry with shards (workspaces.h UseShards, storage/shard_map.h) over a real
// PostgreSQL 15: the catalog in a schema of the server's database, two more databases of
// the same server as two shard databases, and two registries over one catalog standing
// for two instances.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <set>

#include "common/sha256.h"
#include "service/admin/admin.h"
#include "service/service.h"
#include "service/workspaces/workspaces.h"
#include "storage/postgres/pg_test_server.h"
#include "storage/workspace_stores.h"
#include "testing/matchers.h"

namespace localnotion::service::workspaces {
namespace {

using ::localnotion::testing::ErrorIs;
using ::localnotion::testing::IsOk;

class ShardsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    LN_TEST_POSTGRES_OR_SKIP(server);
    pg_ = server;
    // Short lower-case names: PostgreSQL folds unquoted names and keeps 63 bytes of them.
    static int tests = 0;
    const std::string name = "t" + std::to_string(++tests);
    for (const char* db : {"_a", "_b"}) {
      ASSERT_TRUE(pg_->Psql("DROP DATABASE IF EXISTS shard_" + name + db));
      ASSERT_TRUE(pg_->Psql("CREATE DATABASE shard_" + name + db));
    }
    // url() ends in /postgres: the shard databases are siblings of it.
    const std::string base = pg_->url().substr(0, pg_->url().rfind('/') + 1);
    a_ = base + "shard_" + name + "_a";
    b_ = base + "shard_" + name + "_b";
    ASSERT_TRUE(pg_->Psql("DROP SCHEMA IF EXISTS catalog_" + name + " CASCADE"));
    catalog_url_ = pg_->UrlWithSchema("catalog_" + name);
    auto store = storage::OpenStore(catalog_url_);
    ASSERT_TRUE(store.ok()) << store.error().message;
    main_ = std::move(*store);
    auto booted = RunInTxn(*main_, state_, storage::TxnMode::kWrite,
                           [](Context& ctx) { return admin::Bootstrap(ctx, {"secret_default"}); });
    ASSERT_TRUE(booted.ok()) << booted.error().message;
  }

  std::unique_ptr<Registry> NewRegistry() { return std::make_unique<Registry>(*main_, state_, catalog_url_); }

  // The meta "workspace_id" of workspace `id`'s schema in the database `db_url` ("" when
  // that database has no such workspace).
  static std::string WorkspaceIdIn(const std::string& db_url, const std::string& id) {
    auto store = storage::OpenWorkspaceStore(db_url, id);
    if (!store.ok()) return "error: " + store.error().message;
    auto v =
        storage::InTxn(**store, storage::TxnMode::kRead, [](storage::Txn& t) { return t.GetMeta("workspace_id"); });
    return v.ok() && *v ? **v : "";
  }

  storage::TestPostgres* pg_ = nullptr;
  std::string a_, b_, catalog_url_;
  std::unique_ptr<storage::Store> main_;
  ServiceState state_;
};

TEST_F(ShardsTest, WorkspacesLandInTheDatabaseOfTheirLogicalShardAndEveryInstanceFindsThem) {
  auto one = NewRegistry();
  ASSERT_THAT(one->UseShards({a_, b_}), IsOk());
  ASSERT_NE(one->shards(), nullptr);
  EXPECT_EQ(one->shards()->logical_shards, 480);
  // A second instance, given the databases in the other order, binds the same map.
  auto two = NewRegistry();
  ASSERT_THAT(two->UseShards({b_, a_}), IsOk());
  EXPECT_EQ(storage::EncodeShardMap(*two->shards()), storage::EncodeShardMap(*one->shards()));

  std::set<std::string> used;
  std::vector<CreatedWorkspace> made;
  for (int i = 0; i < 40 && used.size() < 2; ++i) {
    auto w = (i % 2 ? two : one)->Create("Worker " + std::to_string(i));
    ASSERT_TRUE(w.ok()) << w.error().message;
    const int logical = one->shards()->LogicalShardOf(w->record.id);
    EXPECT_EQ(w->record.shard, std::to_string(logical));
    used.insert(one->shards()->KeyOf(logical));
    made.push_back(std::move(*w));
  }
  ASSERT_EQ(used.size(), 2u) << "40 workspaces all in one database";
  for (const CreatedWorkspace& w : made) {
    const std::string home = *one->shards()->UrlOf(std::stoi(w.record.shard));
    const std::string other = home == a_ ? b_ : a_;
    EXPECT_EQ(WorkspaceIdIn(home, w.record.id), w.record.id);
    EXPECT_EQ(WorkspaceIdIn(other, w.record.id), "");
    // Both instances route its token to it, and describe where it lives.
    for (Registry* r : {one.get(), two.get()}) {
      auto ws = r->OfTokenHash(Sha256Hex(w.token), /*fresh=*/true);
      ASSERT_TRUE(ws.ok()) << ws.error().message;
      EXPECT_EQ((*ws)->id(), w.record.id);
      auto described = r->Describe(w.record.id);
      ASSERT_TRUE(described.ok());
      EXPECT_EQ(SerializeJson(described->at("shard")), "{\"logical\":" + w.record.shard + ",\"database\":\"" +
                                                           one->shards()->KeyOf(std::stoi(w.record.shard)) + "\"}");
    }
  }
}

TEST_F(ShardsTest, TheStoredMapMustBeGivenEveryDatabaseAndNoOther) {
  ASSERT_THAT(NewRegistry()->UseShards({a_, b_}), IsOk());
  const std::string key_b = *storage::DatabaseKey(b_);
  EXPECT_THAT(
      NewRegistry()->UseShards({a_}),
      ErrorIs(ErrorCode::kInvalidRequest, "the catalog's shard map places logical shards on the database " + key_b +
                                              ", which no --shard names; give every database of the map"));
  const std::string c = a_.substr(0, a_.rfind('/') + 1) + "template1";
  EXPECT_THAT(NewRegistry()->UseShards({a_, b_, c}),
              ErrorIs(ErrorCode::kInvalidRequest, ::testing::HasSubstr("holds no logical shard")));
}

TEST_F(ShardsTest, AShardedWorkspaceCannotBeOpenedWithoutTheShards) {
  auto sharded = NewRegistry();
  ASSERT_THAT(sharded->UseShards({a_, b_}), IsOk());
  auto w = sharded->Create("Worker");
  ASSERT_TRUE(w.ok()) << w.error().message;
  auto plain = NewRegistry();
  EXPECT_THAT(plain->Find(w->record.id),
              ErrorIs(ErrorCode::kInternalServerError, "workspace " + w->record.id + " lives in logical shard " +
                                                           w->record.shard +
                                                           "; start the server with the shard databases (--shard)"));
}

TEST_F(ShardsTest, ResettingTheDefaultWorkspaceKeepsTheShardMap) {
  ASSERT_THAT(NewRegistry()->UseShards({a_, b_}), IsOk());
  ASSERT_THAT(storage::InTxn(*main_, storage::TxnMode::kWrite,
                             [](storage::Txn& t) -> Result<bool> {
                               LN_RETURN_IF_ERROR(t.Reset(/*keep_integrations=*/false));
                               return true;
                             }),
              IsOk());
  // Still there: one database alone does not match it.
  EXPECT_THAT(NewRegistry()->UseShards({a_}),
              ErrorIs(ErrorCode::kInvalidRequest, ::testing::HasSubstr("no --shard names")));
}

}  // namespace
}  // namespace localnotion::service::workspaces
