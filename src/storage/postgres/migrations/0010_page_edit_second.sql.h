// PostgreSQL migration 10: the second of each page's last edit (`last_edited_time` /
// 1000), with an index of the pages not in the trash, so that search without a query
// (PgRecords::ListPageHeadsByEdit) reads its page of results in the index's order instead
// of every page's edit time (SQLite's migration 13). Every page write sets the column, and
// PostgreSQL compares an indexed column's old and new values: a write within the second
// of the page's last edit changes no index entry and stays a HOT update
// (https://www.postgresql.org/docs/15/storage-hot.html); one in a new second writes the
// page's entry in every index of `pages`. Filled for the rows there are in the same
// transaction. It may run again over its own work (bench/query_pg.sh forgets the
// migrations from 8 on after writing pages by SQL): it then fills what is missing.
#pragma once

namespace localnotion::storage {

inline constexpr const char* kPgMigration0010PageEditSecond = R"sql(
ALTER TABLE pages ADD COLUMN IF NOT EXISTS edit_second bigint;
UPDATE pages SET edit_second = last_edited_time / 1000 WHERE edit_second IS DISTINCT FROM last_edited_time / 1000;
CREATE INDEX IF NOT EXISTS pages_by_edit_second ON pages (edit_second) WHERE NOT in_trash;
)sql";

}  // namespace localnotion::storage
