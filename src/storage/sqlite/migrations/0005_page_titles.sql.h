// Migration 5: the folded title of each page, for search (sqlite/page_titles.h). PutPage
// writes it; rows written before this migration hold NULL until their next write, and a
// title scan returns them as candidates (the caller re-checks every page it gets).
#pragma once

namespace localnotion::storage {

inline constexpr const char* kMigration0005PageTitles = R"sql(
ALTER TABLE pages ADD COLUMN title_folded TEXT;
)sql";

}  // namespace localnotion::storage
