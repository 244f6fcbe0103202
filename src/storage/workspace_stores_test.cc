#include "storage/workspace_stores.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>

#include "storage/postgres/pg_connection.h"
#include "storage/postgres/pg_store.h"
#include "storage/postgres/pg_test_server.h"
#include "testing/matchers.h"
#include "testing/temp_dir.h"

namespace localnotion::storage {
namespace {

using ::localnotion::testing::ErrorIs;
using ::localnotion::testing::IsOk;

constexpr const char* kId = "0b6f2a4e-1c3d-4e5f-8a9b-0c1d2e3f4a5b";

// One committed write, so that the store has left something behind.
Result<bool> WriteSomething(Store& store) {
  return InTxn(store, TxnMode::kWrite, [](Txn& txn) -> Result<bool> {
    LN_RETURN_IF_ERROR(txn.PutMeta("k", "v"));
    return true;
  });
}

TEST(WorkspaceStoreUrlTest, SqliteWorkspacesLiveInAFileEachBesideTheMainFile) {
  EXPECT_EQ(*WorkspaceStoreUrl("sqlite:/tmp/x/ln.db", kId),
            "sqlite:/tmp/x/ln.db.workspaces/0b6f2a4e-1c3d-4e5f-8a9b-0c1d2e3f4a5b.db");
  EXPECT_EQ(*WorkspaceStoreUrl("sqlite://rel.db", kId), std::string("sqlite:rel.db.workspaces/") + kId + ".db");
  EXPECT_EQ(*WorkspaceStoreUrl("memory:", kId), "memory:");
}

TEST(WorkspaceStoreUrlTest, PostgresqlWorkspacesAreASchemaOfTheSameDatabase) {
  EXPECT_EQ(*WorkspaceStoreUrl("postgresql://ln@127.0.0.1:5432/ln", kId),
            "postgresql://ln@127.0.0.1:5432/ln?schema=ws_0b6f2a4e1c3d4e5f8a9b0c1d2e3f4a5b");
  EXPECT_EQ(*WorkspaceStoreUrl("postgres://h/ln?sslmode=disable", kId),
            "postgres://h/ln?sslmode=disable&schema=ws_0b6f2a4e1c3d4e5f8a9b0c1d2e3f4a5b");
}

TEST(WorkspaceStoreUrlTest, RefusesIdsThatAreNotUuidsSoThatNoPathEscapes) {
  EXPECT_THAT(WorkspaceStoreUrl("sqlite:/tmp/ln.db", "../../etc/passwd"),
              ErrorIs(ErrorCode::kInvalidRequest, "not a workspace id: ../../etc/passwd"));
  EXPECT_THAT(WorkspaceStoreUrl("sqlite:/tmp/ln.db", ""), ErrorIs(ErrorCode::kInvalidRequest, "not a workspace id: "));
  EXPECT_THAT(WorkspaceStoreUrl("ftp://x", kId),
              ErrorIs(ErrorCode::kInvalidRequest, "no workspace stores for the store URL ftp://x"));
}

TEST(WorkspaceStoreUrlTest, OpenMakesTheDirectoryAndDropRemovesTheFiles) {
  ::localnotion::testing::TempDir dir;
  const std::string main = "sqlite:" + dir.path().string() + "/ln.db";
  {
    auto store = OpenWorkspaceStore(main, kId);
    ASSERT_TRUE(store.ok()) << store.error().message;
    ASSERT_THAT(WriteSomething(**store), IsOk());
  }
  const std::string file = dir.path().string() + "/ln.db.workspaces/" + kId + ".db";
  EXPECT_TRUE(std::filesystem::exists(file));
  EXPECT_THAT(DropWorkspaceStore(main, kId), IsOk());
  EXPECT_FALSE(std::filesystem::exists(file));
  EXPECT_THAT(DropWorkspaceStore(main, kId), IsOk());  // gone already
}

// Deleting a workspace on PostgreSQL drops its schema (it was left behind before).
TEST(WorkspaceStoreUrlTest, DropOnPostgresqlRemovesTheWorkspacesSchema) {
  LN_TEST_POSTGRES_OR_SKIP(server);
  const std::string main = server->UrlWithSchema("drop_test_main");
  auto pg = ParsePgUrl(main);
  ASSERT_TRUE(pg.ok());
  auto conn = PgConnection::Connect(pg->conninfo, "public");
  ASSERT_TRUE(conn.ok()) << conn.error().message;
  auto schemas = [&]() {
    auto rows = (*conn)->Query("SELECT count(*) FROM pg_namespace WHERE nspname = $1",
                               PgParams().Text("ws_0b6f2a4e1c3d4e5f8a9b0c1d2e3f4a5b"), /*prepare=*/false);
    return rows.ok() ? rows->Int(0, 0) : -1;
  };
  {
    auto store = OpenWorkspaceStore(main, kId);
    ASSERT_TRUE(store.ok()) << store.error().message;
    ASSERT_THAT(WriteSomething(**store), IsOk());
  }
  EXPECT_EQ(schemas(), 1);
  EXPECT_THAT(DropWorkspaceStore(main, kId), IsOk());
  EXPECT_EQ(schemas(), 0);
  EXPECT_THAT(DropWorkspaceStore(main, kId), IsOk());  // gone already
}

}  // namespace
}  // namespace localnotion::storage
