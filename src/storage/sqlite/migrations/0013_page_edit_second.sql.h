// Migration 13: the second of each page's last edit (`last_edited_time` / 1000), with an
// index of the pages not in the trash, so that search without a query
// (SqliteConnection::ListPageHeadsByEdit) reads its page of results in the index's order
// instead of every page's edit time. The index holds the second, not the millisecond:
// SQLite rewrites an index entry whenever its column is in an UPDATE's SET list, so
// PutPage sets the column only when the second changes, and the many writes of one page
// within a second leave the index alone. Within a second the read sorts the index's run
// by the millisecond. Filled for the rows there are in the same transaction.
#pragma once

namespace localnotion::storage {

inline constexpr const char* kMigration0013PageEditSecond = R"sql(
ALTER TABLE pages ADD COLUMN edit_second INTEGER;
UPDATE pages SET edit_second = last_edited_time / 1000;
CREATE INDEX pages_by_edit_second ON pages(edit_second) WHERE in_trash = 0;
)sql";

}  // namespace localnotion::storage
