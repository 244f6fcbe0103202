// Migration 12: an UPDATE of a page_text row's text notes it once. Migration 11's update
// trigger inserted two notes, one for old.id and one for new.id; PageTextWriter never
// changes a row's id, so the second was always the same id and ignored, at the cost of
// one more look-up in page_text_pending per changed text. The update trigger now notes
// old.id only, and a separate trigger takes the case of a changed id (a statement
// written by hand), which still notes both ids, so that the notes stay what
// sqlite/page_text_index.h says they are for any statement.
#pragma once

namespace localnotion::storage {

inline constexpr const char* kMigration0012PageTextOneNote = R"sql(
DROP TRIGGER page_text_pending_update;
CREATE TRIGGER page_text_pending_update AFTER UPDATE OF folded ON page_text BEGIN
  INSERT OR IGNORE INTO page_text_pending(id, indexed) VALUES (old.id, old.folded);
END;
CREATE TRIGGER page_text_pending_renumber AFTER UPDATE OF id ON page_text WHEN new.id IS NOT old.id BEGIN
  INSERT OR IGNORE INTO page_text_pending(id, indexed) VALUES (old.id, old.folded);
  INSERT OR IGNORE INTO page_text_pending(id, indexed) VALUES (new.id, NULL);
END;
)sql";

}  // namespace localnotion::storage
