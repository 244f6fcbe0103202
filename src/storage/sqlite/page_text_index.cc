#include "storage/sqlite/page_text_index.h"

namespace localnotion::storage {

PageTextIndex::PageTextIndex(sqlite3* db)
    : count_(db, "SELECT count(*) FROM page_text_pending"),
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

Result<int64_t> PageTextIndex::Lag() {
  LN_ASSIGN_OR_RETURN(bool row, count_.StepRow());
  const int64_t lag = row ? count_.Int(0) : 0;
  count_.Reset();
  return lag;
}

Status PageTextIndex::CatchUp() {
  LN_ASSIGN_OR_RETURN(int64_t lag, Lag());
  if (lag == 0) return OkStatus();
  LN_RETURN_IF_ERROR(apply_.Run());
  return clear_.Run();
}

}  // namespace localnotion::storage
