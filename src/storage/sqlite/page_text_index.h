// The trigram index of page_text (page_text_fts), brought up to date in batches of
// changed rows rather than by each statement that writes page_text (migration 11), and
// read together with the rows it has not caught up with yet.
//
// Why: SQLite 3.40's FTS5 writes its pending terms to disk as a new segment at every
// savepoint and release of a transaction that has written it, and every statement that
// fires a trigger runs in a statement savepoint. Kept by triggers, page_text_fts got one
// segment per page_text statement (seven per six-property PATCH); caught up at every
// commit, it still got one segment, and an automerge share, per batch: 146k of the 303k
// instructions the text index cost a six-property PATCH sent alone (docs/benchmarks.md).
//
// How: page_text's triggers note each changed row in page_text_pending with the text the
// index holds for it (migration 11; the first note of an id since the last catch-up
// wins, so notes of one row coalesce). CatchUp gives FTS5 a 'delete' of that text and an
// insert of the row's current text, in ascending rowid order (FTS5 writes its pending
// terms to disk whenever a rowid is lower than the one before it), in one statement, and
// empties page_text_pending, in the caller's transaction. So:
//  - the index and page_text agree on every row not in page_text_pending: for any
//    committed state, and inside the writer's open batch, the rows a text term may match
//    are those the index finds plus those in page_text_pending. Every reader of the index
//    (sqlite/page_scan.cc's text terms, SqliteConnection::ScanPagesByTitle) takes that
//    union and tests each candidate's current folded text exactly, so results are exact
//    whatever the index lags: a pending row's old trigrams in the index only make it a
//    candidate, and a deleted row's id joins no page_text row;
//  - the writer catches up in SqliteConnection::CommitBatch, just before COMMIT, once
//    page_text_pending holds kTextIndexLag rows or more (so a text query tests at most
//    that many rows, plus its own batch's, without the index), and when it opens
//    (notes a crash or a kill left committed);
//  - a unit rolled back to its savepoint takes its notes with it and leaves no trace in
//    the index, which it never touched; a batch rolled back after a catch-up brings the
//    notes back, and the next commit counts them again.
#pragma once

#include <sqlite3.h>

#include <cstdint>

#include "common/error.h"
#include "storage/sqlite/statement.h"

namespace localnotion::storage {

class PageTextIndex {
 public:
  explicit PageTextIndex(sqlite3* db);
  bool valid() const { return count_.valid() && apply_.valid() && clear_.valid(); }

  // How many page_text rows the index has not caught up with (page_text_pending).
  Result<int64_t> Lag();
  // Applies the noted changes of page_text to page_text_fts and forgets them; nothing
  // (not even a write to page_text_fts) when none is noted. Must run inside a write
  // transaction: the index and the notes change together or not at all.
  Status CatchUp();

 private:
  Statement count_, apply_, clear_;
};

}  // namespace localnotion::storage
