// The trigram index of page_text (page_text_fts), brought up to date once per commit
// rather than by each statement that writes page_text (migration 11).
//
// Why: SQLite 3.40's FTS5 writes its pending terms to disk as a new segment at every
// savepoint and release of a transaction that has written it, and every statement that
// fires a trigger runs in a statement savepoint. Kept by triggers, page_text_fts got one
// segment per page_text statement (seven per six-property PATCH), each merged again by
// automerge; written once just before COMMIT, it gets one per batch.
//
// How: page_text's triggers note each changed row in page_text_pending with the text the
// index holds for it (migration 11). CatchUp gives FTS5 a 'delete' of that text and an
// insert of the row's current text, in ascending rowid order (FTS5 writes its pending
// terms to disk whenever a rowid is lower than the one before it), in one statement, and
// empties page_text_pending, in the caller's transaction. So:
//  - a unit rolled back to its savepoint takes its notes with it and leaves no trace in
//    the index, which it never touched;
//  - a batch that commits catches up first (SqliteConnection::CommitBatch), so every
//    committed state has an index equal to page_text and an empty page_text_pending, and
//    read connections, which only see committed states, always read a complete index;
//  - the writer itself catches up before it reads the index inside an open batch
//    (SqliteConnection::ScanPageIds, ScanPagesByTitle, and SetQueryOnly for the
//    in-memory store's reads), so that a transaction finds its own writes.
#pragma once

#include <sqlite3.h>

#include "common/error.h"
#include "storage/sqlite/statement.h"

namespace localnotion::storage {

class PageTextIndex {
 public:
  explicit PageTextIndex(sqlite3* db);
  bool valid() const { return any_.valid() && apply_.valid() && clear_.valid(); }

  // Whether page_text_pending holds any note.
  Result<bool> Noted();
  // Applies the noted changes of page_text to page_text_fts and forgets them; nothing
  // (not even a write to page_text_fts) when none is noted. Must run inside a write
  // transaction: the index and the notes change together or not at all.
  Status CatchUp();

 private:
  Statement any_, apply_, clear_;
};

}  // namespace localnotion::storage
