// The folded text of a page's text values, kept in the page_text table (migration 10)
// with a trigram full-text index, so that text terms of a page scan (query/scan.h) and
// title scans (PageRecords::ScanPagesByTitle) read an index instead of every page.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "storage/records.h"
#include "storage/sqlite/statement.h"

namespace localnotion::storage {

// One row of page_text: the stored text of one property (query::StoredText), folded
// with query::FoldCase, and whether it holds a mention (query::HoldsMention), whose
// plain_text the service fills in on read, so that the stored text may be stale.
struct PageText {
  std::string property_id;
  std::string folded;
  bool unsettled = false;
};

// The rows a page has: one per string or array value whose folded text is not empty or
// that is unsettled. An absent row reads as "" (no needle but "" is found in it).
std::vector<PageText> PageTexts(const PageRecord& page);

// Replaces the page_text rows of one page (by its rowid in pages). The caller holds the
// write transaction, so the rows change with the page.
class PageTextWriter {
 public:
  explicit PageTextWriter(sqlite3* db);
  bool valid() const { return select_.valid() && remove_.valid() && insert_.valid(); }
  // Rows whose text is unchanged are left alone; the others are deleted and inserted.
  Status Write(int64_t page_rowid, const PageRecord& page);

 private:
  Statement select_, remove_, insert_;
};

// Fills page_text for every page (migration 10, run once inside its transaction).
Status BackfillPageText(sqlite3* db);

// An FTS5 query that matches the trigrams of `needle` as one phrase: the needle in
// double quotes, its own double quotes doubled, so that no character of it is FTS5
// syntax.
std::string FtsPhrase(std::string_view needle);

// Whether `needle` has enough characters for the trigram index to find it.
bool TrigramSearchable(std::string_view needle);

}  // namespace localnotion::storage
