// Migration 10: the folded text of each page's text values, with a trigram index, for
// text conditions and search pushed down to storage (sqlite/page_text.h). One row per
// page and property whose stored text a condition could match (a rich text array or a
// string of at least three bytes, or any value holding a mention); PutPage replaces a
// page's rows in the same transaction as the page. page_text_fts indexes `folded`
// (external content, kept by the triggers below); `case_sensitive 1` because the text is
// folded already, with Notion's folding (query::FoldCase), which the tokenizer's own
// would not match. The rows of pages written before this migration are filled right
// after it (BackfillPageText), in the same transaction. pages_title_unfolded finds the
// rows whose title_folded was never written (migration 5), which title scans keep
// returning as candidates.
#pragma once

namespace localnotion::storage {

inline constexpr const char* kMigration0010PageText = R"sql(
CREATE TABLE page_text (
  id          INTEGER PRIMARY KEY,
  page_rowid  INTEGER NOT NULL,
  property_id TEXT NOT NULL,
  folded      TEXT NOT NULL,
  unsettled   INTEGER NOT NULL,
  UNIQUE (page_rowid, property_id)
);
CREATE INDEX page_text_unsettled ON page_text(property_id, page_rowid) WHERE unsettled;
CREATE VIRTUAL TABLE page_text_fts USING fts5(folded, content='page_text', content_rowid='id',
                                              tokenize='trigram case_sensitive 1');
CREATE INDEX pages_title_unfolded ON pages(title_folded) WHERE title_folded IS NULL;
CREATE TRIGGER page_text_insert AFTER INSERT ON page_text BEGIN
  INSERT INTO page_text_fts(rowid, folded) VALUES (new.id, new.folded);
END;
CREATE TRIGGER page_text_delete AFTER DELETE ON page_text BEGIN
  INSERT INTO page_text_fts(page_text_fts, rowid, folded) VALUES ('delete', old.id, old.folded);
END;
)sql";

}  // namespace localnotion::storage
