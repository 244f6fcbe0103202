// PostgreSQL migration 9: a query snapshot's ids (migration 6) are stored out of line
// without compression. A snapshot at the result limit is 10,000 ids of 36 characters
// joined by commas, 370 KB; with the default storage PostgreSQL first tries to compress
// such a value with pglz, which finds little to gain in random ids, gives up after
// trying, and stores it uncompressed anyway: about 20 ms of the first call of a query
// with a cursor at 100k pages, against 4-8 ms for the same write without the attempt
// (docs/benchmarks.md, "The query benchmark on PostgreSQL below 50 ms"). Only rows written
// afterwards are affected; the table is a cache of at most an hour.
#pragma once

namespace localnotion::storage {

inline constexpr const char* kPgMigration0009SnapshotStorage = R"sql(
ALTER TABLE query_snapshots ALTER COLUMN ids SET STORAGE EXTERNAL;
)sql";

}  // namespace localnotion::storage
