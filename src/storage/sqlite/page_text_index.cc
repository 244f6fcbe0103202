#include "storage/sqlite/page_text_index.h"

namespace localnotion::storage {

PageTextIndex::PageTextIndex(sqlite3* db)
    : any_(db, "SELECT 1 FROM page_text_pending LIMIT 1"),
      // A NULL in the command column is an ordinary insert. For each id the 'delete' of
      // the indexed text comes before the insert of the current one: FTS5 takes a delete
      // and an insert of the same rowid in that order without writing to disk in between.
      apply_(db,
             "INSERT INTO page_text_fts(page_text_fts, rowid, folded) "
             "SELECT command, id, folded FROM ("
             "SELECT 'delete' AS command, id, indexed AS folded, 0 AS step FROM page_text_pending "
             "WHERE indexed IS NOT NULL "
             "UNION ALL SELECT NULL, t.id, t.folded, 1 FROM page_text_pending p JOIN page_text t ON t.id = p.id) "
             "ORDER BY id, step"),
      clear_(db, "DELETE FROM page_text_pending") {}

Result<bool> PageTextIndex::Noted() {
  LN_ASSIGN_OR_RETURN(bool noted, any_.StepRow());
  any_.Reset();
  return noted;
}

Status PageTextIndex::CatchUp() {
  LN_ASSIGN_OR_RETURN(bool noted, Noted());
  if (!noted) return OkStatus();
  LN_RETURN_IF_ERROR(apply_.Run());
  return clear_.Run();
}

}  // namespace localnotion::storage
