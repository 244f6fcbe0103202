// Migration 11: page_text_fts is brought up to date from notes of the changed rows
// instead of by every statement that writes page_text (when: sqlite/page_text_index.h). SQLite 3.40's FTS5 writes
// its pending terms to disk at every savepoint and release of a transaction that has
// written it (fts5SavepointMethod, fts5ReleaseMethod), and every statement that fires a
// trigger runs in a statement savepoint, so the triggers of migration 10 wrote a small
// FTS5 segment per page_text statement, seven per six-property PATCH, that automerge
// then merged again (docs/benchmarks.md).
//
// The triggers now only note which page_text rows changed, in page_text_pending: a row's
// id and `indexed`, the folded text page_text_fts holds for that id (NULL: none), which is
// what FTS5's 'delete' command of an external-content table must be given. The first
// note of an id since the last catch-up wins (OR IGNORE), because only it knows what the
// index holds. The table is an ordinary one, so a unit rolled back to its savepoint takes
// its notes with it. page_text_fts matches page_text when this migration runs, so the
// table starts empty.
#pragma once

namespace localnotion::storage {

inline constexpr const char* kMigration0011PageTextPending = R"sql(
DROP TRIGGER page_text_insert;
DROP TRIGGER page_text_delete;
CREATE TABLE page_text_pending (
  id      INTEGER PRIMARY KEY,
  indexed TEXT
);
CREATE TRIGGER page_text_pending_insert AFTER INSERT ON page_text BEGIN
  INSERT OR IGNORE INTO page_text_pending(id, indexed) VALUES (new.id, NULL);
END;
CREATE TRIGGER page_text_pending_delete AFTER DELETE ON page_text BEGIN
  INSERT OR IGNORE INTO page_text_pending(id, indexed) VALUES (old.id, old.folded);
END;
CREATE TRIGGER page_text_pending_update AFTER UPDATE OF id, folded ON page_text BEGIN
  INSERT OR IGNORE INTO page_text_pending(id, indexed) VALUES (old.id, old.folded);
  INSERT OR IGNORE INTO page_text_pending(id, indexed) VALUES (new.id, NULL);
END;
)sql";

}  // namespace localnotion::storage
