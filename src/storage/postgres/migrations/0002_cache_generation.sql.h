// PostgreSQL migration 2: the store's cache generation (Txn::SharedCacheGeneration in
// storage/txn.h). Every write transaction that writes databases, data sources, users or
// integrations (or resets) adds one, and every transaction reads it first, so that a
// process caching those records (CachingStore) notices what other processes wrote.
#pragma once

namespace localnotion::storage {

inline constexpr const char* kPgMigration0002CacheGeneration = R"sql(
CREATE TABLE cache_generation (
  id    integer PRIMARY KEY CHECK (id = 1),
  value bigint NOT NULL
);
INSERT INTO cache_generation (id, value) VALUES (1, 0);
)sql";

}  // namespace localnotion::storage
