// Sharding by workspace (docs/scaling.md, docs/storage.md "Shards"). With `--shard URL`
// (repeatable, or a shard map file) the workspaces of the catalog are spread over several
// PostgreSQL databases, each workspace living whole in one of them, the way Notion shards
// its own PostgreSQL (https://www.notion.com/blog/sharding-postgres-at-notion):
//
//   workspace id --hash--> logical shard (0..logical_shards-1, kept in the catalog entry)
//   logical shard --map--> physical database (the map is kept in the catalog)
//
// Many logical shards live in one database, so that a logical shard can later move to
// another database by copying its workspaces' schemas and changing one entry of the map,
// without rehashing any workspace. A workspace is one store (a schema of its database,
// storage/workspace_stores.h), so every transaction stays inside one shard.
//
// A database is named in the map by its key, `host:port/dbname` of its URL (no user,
// password or parameters), so the order of the flags does not matter and a password may
// change; the URLs given at start say how to reach each key.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.h"

namespace localnotion::storage {

struct ShardMap {
  // Notion's own count: 480 divides evenly by 2, 3, 4, 5, 6, 8, 10, 12, 15, 16, 20, 24,
  // 30, 32, 40, 48, 60, 80, 96, 120, 160 and 240 databases.
  static constexpr int kDefaultLogicalShards = 480;

  int logical_shards = kDefaultLogicalShards;
  std::vector<std::string> databases;  // keys (DatabaseKey), sorted
  std::vector<int> database_of;        // logical shard -> index into `databases`
  std::vector<std::string> urls;       // per database: the URL given at start ("" when not bound)

  // The logical shard a new workspace goes to: FNV-1a (64 bit) of its id, lower case
  // with dashes as NewUuid writes it, modulo logical_shards.
  int LogicalShardOf(std::string_view workspace_id) const;
  // The URL of the database that holds `logical` (kInternalServerError when out of
  // range or unbound).
  Result<std::string> UrlOf(int logical) const;
  // The key of the database that holds `logical` ("" when out of range).
  std::string KeyOf(int logical) const;
};

// `host:port/dbname` of a postgresql:// or postgres:// URL (port 5432 when absent,
// dbname "postgres" when absent); kInvalidRequest for any other URL.
Result<std::string> DatabaseKey(std::string_view url);

// A new map over the databases `urls` (at least one, distinct keys): logical shard i on
// the i-th database modulo their count, in key order, so that every instance given the
// same databases in any order plans the same map.
Result<ShardMap> PlanShardMap(const std::vector<std::string>& urls,
                              int logical_shards = ShardMap::kDefaultLogicalShards);

// The map as the catalog keeps it: {"logical_shards":N,"databases":[keys],"map":[index per logical shard]}.
std::string EncodeShardMap(const ShardMap& map);

// The stored map bound to the URLs given at start: every database of the map must be
// given, and every URL given must be a database of the map (a database that holds no
// logical shard would stay empty: moving shards onto it is not implemented). Errors
// (kInvalidRequest) name the database and say what to do.
Result<ShardMap> BindShardMap(std::string_view stored, const std::vector<std::string>& urls);

// The URLs of a shard map file: one per line; blank lines and lines starting with `#`
// are skipped, surrounding spaces trimmed.
Result<std::vector<std::string>> ReadShardFile(const std::string& path);

}  // namespace localnotion::storage
