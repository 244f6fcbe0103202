// The page_text table of the PostgreSQL store (migrations/0008_page_text.sql.h): the
// folded text of each page's text values, the same rows as the SQLite store's
// (sqlite/page_text.h, PageTextOf), written in the transaction of the page write, and
// read by text terms of a page scan (pg_page_scan.cc) through a pg_trgm GIN index.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "storage/postgres/pg_connection.h"
#include "storage/sqlite/page_text.h"

namespace localnotion::storage {

// Makes page `page_id`'s rows equal to `rows` (every row the page has: PageTexts), in the
// caller's transaction, in one statement: rows of properties not in `rows` are deleted,
// the others inserted or updated where their text changed.
Status WritePgPageText(PgConnection& conn, std::string_view page_id, const std::vector<PageText>& rows);

// Only the rows named (PageTextEdits): each is updated or inserted with its new text, or
// deleted when it has none. Nothing is sent for no edits.
Status ApplyPgPageText(PgConnection& conn, std::string_view page_id, const std::vector<PageTextEdit>& edits);

// Fills page_text for every page (migration 8, inside its transaction).
Status BackfillPgPageText(PgConnection& conn);

// A LIKE pattern that matches exactly the text that contains (kContains), starts with
// or ends with `needle`: the needle's backslashes, % and _ escaped with a backslash
// (LIKE's default escape), then % where the rest may be anything.
enum class PgLikeKind { kContains, kStartsWith, kEndsWith };
std::string PgLikePattern(std::string_view needle, PgLikeKind kind);

}  // namespace localnotion::storage
