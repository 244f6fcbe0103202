#include "storage/shard_map.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <set>

#include "testing/matchers.h"
#include "testing/temp_dir.h"

namespace localnotion::storage {
namespace {

using ::localnotion::testing::ErrorIs;
using ::testing::HasSubstr;

const std::string kA = "postgresql://ln:secret@10.0.0.1:5433/ln_a?sslmode=disable";
const std::string kB = "postgres://10.0.0.2/ln_b";

TEST(DatabaseKeyTest, IsHostPortAndDatabaseWithoutCredentialsOrParameters) {
  EXPECT_EQ(*DatabaseKey(kA), "10.0.0.1:5433/ln_a");
  EXPECT_EQ(*DatabaseKey(kB), "10.0.0.2:5432/ln_b");
  EXPECT_EQ(*DatabaseKey("postgresql://u@h"), "h:5432/postgres");
  EXPECT_EQ(*DatabaseKey("postgresql://[::1]/x"), "[::1]:5432/x");
  EXPECT_EQ(*DatabaseKey("postgresql://[::1]:6000/x?schema=s"), "[::1]:6000/x");
  EXPECT_THAT(DatabaseKey("sqlite:/tmp/a.db"),
              ErrorIs(ErrorCode::kInvalidRequest, "a shard must be a postgresql:// URL: sqlite:/tmp/a.db"));
  EXPECT_THAT(DatabaseKey("postgresql:///db"),
              ErrorIs(ErrorCode::kInvalidRequest, "a shard URL must name its host: postgresql:///db"));
}

TEST(PlanShardMapTest, SpreadsLogicalShardsEvenlyInKeyOrderWhateverTheFlagOrder) {
  auto ab = PlanShardMap({kA, kB}, 6);
  auto ba = PlanShardMap({kB, kA}, 6);
  ASSERT_TRUE(ab.ok() && ba.ok());
  EXPECT_EQ(EncodeShardMap(*ab), EncodeShardMap(*ba));
  EXPECT_EQ(EncodeShardMap(*ab),
            R"({"logical_shards":6,"databases":["10.0.0.1:5433/ln_a","10.0.0.2:5432/ln_b"],"map":[0,1,0,1,0,1]})");
  EXPECT_EQ(*ab->UrlOf(0), kA);
  EXPECT_EQ(*ab->UrlOf(5), kB);
  EXPECT_EQ(ab->KeyOf(3), "10.0.0.2:5432/ln_b");
  EXPECT_EQ(ab->KeyOf(6), "");
  EXPECT_THAT(ab->UrlOf(6), ErrorIs(ErrorCode::kInternalServerError, "no logical shard 6 in the shard map"));
  EXPECT_EQ(PlanShardMap({kA})->logical_shards, 480);
}

TEST(PlanShardMapTest, RefusesNoDatabaseAndADatabaseGivenTwice) {
  EXPECT_THAT(PlanShardMap({}), ErrorIs(ErrorCode::kInvalidRequest, "a shard map needs at least one database"));
  EXPECT_THAT(PlanShardMap({kA, "postgresql://other@10.0.0.1:5433/ln_a"}),
              ErrorIs(ErrorCode::kInvalidRequest, "the database 10.0.0.1:5433/ln_a is given twice as a shard"));
}

TEST(ShardMapTest, LogicalShardOfIsFnv1aOfTheIdAndReachesEveryShard) {
  ShardMap map;
  // FNV-1a 64 of "" is its offset basis.
  EXPECT_EQ(map.LogicalShardOf(""), static_cast<int>(14695981039346656037ull % 480));
  // "a": (basis ^ 0x61) * prime, modulo 2^64.
  const uint64_t a = (14695981039346656037ull ^ 0x61) * 1099511628211ull;
  EXPECT_EQ(map.LogicalShardOf("a"), static_cast<int>(a % 480));
  map.logical_shards = 4;
  std::set<int> seen;
  for (int i = 0; i < 64; ++i)
    seen.insert(map.LogicalShardOf("0b6f2a4e-1c3d-4e5f-8a9b-0c1d2e3f4a" + std::to_string(10 + i)));
  EXPECT_EQ(seen, (std::set<int>{0, 1, 2, 3}));
}

TEST(BindShardMapTest, BindsTheStoredMapToTheGivenUrlsInAnyOrder) {
  const std::string stored = EncodeShardMap(*PlanShardMap({kA, kB}, 4));
  auto bound = BindShardMap(stored, {kB, kA});
  ASSERT_TRUE(bound.ok()) << bound.error().message;
  EXPECT_EQ(*bound->UrlOf(0), kA);
  EXPECT_EQ(*bound->UrlOf(1), kB);
  EXPECT_EQ(EncodeShardMap(*bound), stored);
}

TEST(BindShardMapTest, RefusesAMissingDatabaseAndOneThatHoldsNoShard) {
  const std::string stored = EncodeShardMap(*PlanShardMap({kA, kB}, 4));
  EXPECT_THAT(BindShardMap(stored, {kA}),
              ErrorIs(ErrorCode::kInvalidRequest,
                      "the catalog's shard map places logical shards on the database 10.0.0.2:5432/ln_b, which no "
                      "--shard names; give every database of the map"));
  EXPECT_THAT(BindShardMap(stored, {kA, kB, "postgresql://10.0.0.3/ln_c"}),
              ErrorIs(ErrorCode::kInvalidRequest,
                      "the database 10.0.0.3:5432/ln_c holds no logical shard of this catalog's shard map; moving "
                      "logical shards to a new database is not implemented yet (docs/scaling.md)"));
}

TEST(BindShardMapTest, RefusesAStoredMapThatIsNotOne) {
  for (std::string_view bad :
       {"", "[]", R"({"logical_shards":2,"databases":["a"],"map":[0]})",
        R"({"logical_shards":1,"databases":["a"],"map":[1]})", R"({"logical_shards":1,"databases":[1],"map":[0]})"}) {
    EXPECT_THAT(BindShardMap(bad, {kA}), ErrorIs(ErrorCode::kInternalServerError,
                                                 "the shard map in the catalog is not readable: " + std::string(bad)));
  }
}

TEST(ReadShardFileTest, OneUrlPerLineSkippingCommentsAndBlankLines) {
  testing::TempDir dir;
  const std::string path = dir.path().string() + "/shards";
  std::ofstream(path) << "# the databases\n\n  " << kA << "  \n" << kB << "\r\n";
  auto urls = ReadShardFile(path);
  ASSERT_TRUE(urls.ok());
  EXPECT_EQ(*urls, (std::vector<std::string>{kA, kB}));
  const std::string base = dir.path().string();
  std::ofstream(base + "/empty") << "# nothing\n";
  EXPECT_THAT(ReadShardFile(base + "/empty"), ErrorIs(ErrorCode::kInvalidRequest, HasSubstr("names no database")));
  EXPECT_THAT(ReadShardFile(base + "/missing"),
              ErrorIs(ErrorCode::kInvalidRequest, "cannot read the shard map file " + base + "/missing"));
}

}  // namespace
}  // namespace localnotion::storage
