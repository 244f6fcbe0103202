// Migration 13: the second of each page's last edit (`last_edited_time` / 1000), with an
// index of the pages not in the trash, so that search without a query
// (SqliteConnection::ListPageHeadsByEdit) reads its page of results in the index's order
// instead of every page's edit time. The index holds the second, not the millisecond:
// SQLite rewrites an index entry whenever its column is in an UPDATE's SET list, so
// PutPage sets the column only when the second changes, and the many writes of one page
// within a second leave the index alone. Within a second the read sorts the index's run
// by the millisecond. All of it is done in C++ after this (AddPageEditSecond,
// migrations.cc), in the same transaction, because SQLite has no ADD COLUMN IF NOT
// EXISTS and the migration may run again over its own work (bench/query.sh sets the
// schema version back after writing pages by SQL): it then fills what is missing.
#pragma once

namespace localnotion::storage {

inline constexpr const char* kMigration0013PageEditSecond = "";

}  // namespace localnotion::storage
