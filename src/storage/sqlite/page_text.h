// The folded text of a page's text values, kept in the page_text table (migration 10)
// with a trigram full-text index, so that text terms of a page scan (query/scan.h) and
// title scans (PageRecords::ScanPagesByTitle) read an index instead of every page. The
// index (page_text_fts) follows page_text once per commit, not per statement
// (sqlite/page_text_index.h).
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <optional>
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

// The row of one property value: a string or array value whose folded text is not
// empty or that is unsettled has one; any other value (or none) has none. An absent row
// reads as "" (no needle but "" is found in it).
std::optional<PageText> PageTextOf(std::string_view property_id, const json::value* value);

// Whether a property's values may have a row: any property without the page's schema
// (the row then follows the value's shape, PageTextOf); with it, only a property whose
// type has text conditions (PageUpdate::schema). No query reads the row of a select's
// or a status's stored option id, so a writer that knows the schema writes none.
bool MayHaveTextRow(const schema::Schema* schema, std::string_view property_id);

// The rows a page has, one per property that has one (PageTextOf, MayHaveTextRow), in
// the order of its properties.
std::vector<PageText> PageTexts(const PageRecord& page, const schema::Schema* schema = nullptr);

// A change of one property's row: the row to delete, and the one to insert (nullopt:
// the property has no row any more). `same_unsettled`: the value held a mention before
// exactly when it holds one now, so a row it had keeps its `unsettled` and only its text
// is written (PageTextWriter::Apply).
struct PageTextEdit {
  std::string property_id;
  std::optional<PageText> row;
  bool same_unsettled = false;
};

// The row changes a write makes, from what it changed (records.h; `update.before` and
// `update.changed_properties` set): only the properties of `changed_properties` whose
// stored text or mention state differs before and after (so whose row may differ; one
// whose text changed only in case keeps the same row and is rewritten with it). Empty for
// a write that changes no text (a checkbox, a number, a select, a rich text's
// annotations), which then leaves page_text alone.
std::vector<PageTextEdit> PageTextEdits(const PageUpdate& update, const PageRecord& page);

// Keeps the page_text rows of one page (by its rowid in pages) equal to PageTexts. The
// caller holds the write transaction, so the rows change with the page. A value's row
// keeps its id while the value has one: a changed text is an UPDATE, so page_text's
// triggers note one row for the text index (sqlite/page_text_index.h), and notes of the
// same row coalesce until the index catches up.
class PageTextWriter {
 public:
  explicit PageTextWriter(sqlite3* db);
  bool valid() const {
    return select_.valid() && remove_.valid() && remove_property_.valid() && insert_.valid() && update_.valid() &&
           update_property_.valid() && update_property_text_.valid();
  }
  // Every row of the page (a new page, or a write that does not say what it changed;
  // PageTexts with `schema`): rows whose text is unchanged are left alone, changed ones
  // updated, new ones inserted and those of values gone deleted. Returns the number of
  // rows written.
  Result<size_t> Write(int64_t page_rowid, const PageRecord& page, const schema::Schema* schema = nullptr);
  // Only the rows named: each property's row is updated (or inserted) with its new text,
  // or deleted when it has none. Returns the number of rows written.
  Result<size_t> Apply(int64_t page_rowid, const std::vector<PageTextEdit>& edits);

 private:
  Status Insert(int64_t page_rowid, const PageText& row);

  sqlite3* db_;
  Statement select_, remove_, remove_property_, insert_, update_, update_property_, update_property_text_;
};

// Fills page_text for every page (migration 10, run once inside its transaction).
Status BackfillPageText(sqlite3* db);

// How many characters of a search needle the trigram phrase holds (FtsPhrase).
inline constexpr size_t kMaxFtsPhraseChars = 64;

// An FTS5 query that matches the trigrams of `needle` as one phrase: the needle's first
// kMaxFtsPhraseChars characters in double quotes, its own double quotes doubled, so that
// no character of it is FTS5 syntax. It selects candidates only: a needle longer than
// that also matches titles that hold just its prefix, so the caller checks the whole
// needle (ScanPagesByTitle's instr()).
std::string FtsPhrase(std::string_view needle);

// Whether `needle` has enough characters for the trigram index to find it.
bool TrigramSearchable(std::string_view needle);

}  // namespace localnotion::storage
