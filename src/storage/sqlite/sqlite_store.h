// The embedded default Store: one SQLite file in WAL mode with synchronous=NORMAL, so a
// committed transaction survives the process being killed (the WAL is written before
// COMMIT returns; only a power loss could lose the last batches, see docs/storage.md).
//
// Concurrency. Read transactions run in parallel, each on a read-only connection of its
// own taken from a pool, and see the last committed state as of their first read. Write
// transactions run one at a time on the one writer connection: Begin(kWrite) waits for
// the writer.
//
// Group commit. A write transaction is a savepoint inside a batch (one SQLite
// transaction); committing it releases the savepoint into the batch and frees the
// writer for the next one. (The batch's first transaction needs no savepoint: if it
// fails, the whole batch is rolled back, which holds nothing else.) The batch is
// COMMITted, and every transaction of it told that it is durable (Txn::CommitAsync):
//  - with a loop poster (SetLoopPoster, the server): by a task posted to the loop when
//    the batch's first transaction commits, so once the loop has run the requests that
//    were waiting when it did, with nobody waiting for the writer (a writer that was
//    waiting posts again when it is done) or the batch kFlushAge old. No other thread
//    is involved;
//  - without one: by a flusher thread once the writer has been idle for kFlushIdle
//    with nobody waiting for it, or the batch is kFlushAge old;
//  - in both cases at once when the batch holds kMaxBatch transactions. Under load one COMMIT (one write of each dirty page to
// the WAL) serves many requests. A batch whose COMMIT fails loses all its transactions,
// and each of them reports the failure.
//
// The path ":memory:" gives a private in-memory database. It has one connection, so
// read transactions take the writer too (with writes refused): a second configuration
// of the same code for tests (store_conformance_test.cc).
#pragma once

#include <atomic>
#include <chrono>
#include <thread>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "storage/sqlite/checkpointer.h"
#include "storage/sqlite/generation_file.h"
#include "storage/sqlite/sqlite_connection.h"
#include "storage/store.h"

namespace localnotion::storage {

class SqliteStore final : public Store {
 public:
  static Result<std::unique_ptr<SqliteStore>> Open(const std::string& path);
  // With the background checkpoints of `checkpoints` (sqlite/checkpointer.h); an
  // interval of 0 starts no thread, and CheckpointNow runs a pass (tests).
  static Result<std::unique_ptr<SqliteStore>> Open(const std::string& path, Checkpointer::Options checkpoints);
  ~SqliteStore() override;

  Result<std::unique_ptr<Txn>> Begin(TxnMode mode) override;
  void SetLoopPoster(LoopPoster post) override;
  // For tests and fuzzing (fuzz/pipeline_fuzz.cc): makes this in-memory store a copy of
  // the in-memory store `source`, far quicker than loading a fixture again (a backup of
  // the grocery fixture copies a few hundred pages). Waits for both writers and commits
  // their open batches first; a transaction of either must not be running on this
  // thread. A CachingStore over this store must be dropped after: it may hold records
  // that the copy replaced. kInternalServerError for a store on a file.
  Status CopyFrom(SqliteStore& source);
  // For tests and fuzzing (fuzz/pipeline_fuzz.cc), in-memory stores only: from
  // HoldWrites on, the store never COMMITs. Every write transaction is told it is
  // durable as soon as it commits (an in-memory store has nothing to wait for), and
  // UndoHeldWrites rolls the database back to its state at HoldWrites, which keeps the
  // schema and the prepared statements: after CopyFrom, SQLite parses the schema and
  // prepares every statement again. A transaction of this store must not be running on
  // this thread, and a CachingStore over it must be dropped after the undo.
  // UndoHeldWrites fails (kInternalServerError) when SQLite ended the held transaction
  // on its own (an error that rolls a whole transaction back); later writes may have
  // committed then, and the store is no longer held: CopyFrom restores it. CopyFrom
  // refuses a held store.
  Status HoldWrites();
  Status UndoHeldWrites();
  // For tests of a store opened with a checkpoint interval of 0: one pass of its
  // checkpointer on the calling thread, which must not be in a transaction of this
  // store. A pass with no checkpointer (in memory) checkpoints nothing.
  Checkpointer::Pass CheckpointNow();

 private:
  class WriteTxn;
  class ReadTxn;
  class WriterReadTxn;
  // The transactions that commit together (see above); guarded by writer_mu_.
  struct Batch {
    int committed = 0;  // transactions committed into it (savepoints released, or the bare first)
    std::chrono::steady_clock::time_point opened = std::chrono::steady_clock::now();
    std::vector<Txn::DurableCallback> durable;  // of the committed transactions
  };
  static constexpr std::chrono::microseconds kFlushIdle{50};
  static constexpr std::chrono::milliseconds kFlushAge{2};
  static constexpr int kMaxBatch = 256;

  explicit SqliteStore(std::string path);
  bool in_memory() const { return path_ == ":memory:"; }
  // Takes the writer (waiting for it), opening a batch if none is open.
  Result<std::unique_lock<std::mutex>> AcquireWriter();
  // With the writer held, at the end of a transaction: an empty batch is rolled back
  // when nobody waits for the writer; a batch with committed transactions is left to
  // the flusher (or committed at once when full).
  void EndOfTxn();
  // With the writer held: COMMITs the open batch and reports to its transactions.
  void Flush();
  void FlushLoop();
  // The task posted to the loop: flushes when nobody waits for the writer.
  void FlushFromLoop();
  // The checkpointer's IdleWriter: runs `fn` with the writer held and the open batch
  // committed, so that the next batch begins after `fn`; not when closing or held.
  void WithIdleWriter(const std::function<void()>& fn);
  // Makes the columns and indexes a read transaction asked for, if the writer is free.
  void ApplyScanWants(SqliteConnection::ScanWants wants);
  // A reader's WantsWaiter (SqliteConnection::SetWantsWaiter): makes `wants` on the
  // writer, waiting for it, and commits them; true once they are committed. False, and
  // nothing made, when this thread holds the writer (it would wait for itself), when
  // writes are held or the store closes; false too when the writer did not make one of
  // them (past kMaxScanColumns or kMaxScanIndexes, or an error), and from then on for any
  // wants that include it, so that the scan reads every page rather than run its
  // transaction again and ask again.
  bool WaitForScanWants(const SqliteConnection::ScanWants& wants);
  // With the writer held: makes `wants` in a savepoint of the batch; true when they are.
  bool MakeScanWants(const SqliteConnection::ScanWants& wants);
  Result<std::unique_ptr<SqliteConnection>> TakeReader();
  void ReturnReader(std::unique_ptr<SqliteConnection> reader);

  std::string path_;
  std::mutex writer_mu_;
  std::condition_variable flush_cv_;
  std::atomic<int> writers_waiting_{0};
  std::chrono::steady_clock::time_point last_activity_;  // of the writer, under writer_mu_
  bool stopping_ = false;
  bool held_ = false;  // HoldWrites; under writer_mu_
  bool flusher_sleeping_ = false;  // waiting for a batch, with no deadline; under writer_mu_
  LoopPoster poster_;               // under writer_mu_
  bool flush_posted_ = false;       // a FlushFromLoop is queued; under writer_mu_
  std::thread flusher_;
  std::unique_ptr<SqliteConnection> writer_;
  std::shared_ptr<Batch> batch_;

  // The thread whose write transaction holds the writer, or none (WriterMark).
  std::atomic<std::thread::id> writer_thread_{};
  class WriterMark;
  std::mutex unmade_mu_;
  std::set<std::string> unmade_;  // wants the writer did not make (WaitForScanWants)
  static constexpr size_t kMaxUnmade = 4096;

  std::mutex readers_mu_;
  std::vector<std::unique_ptr<SqliteConnection>> idle_readers_;
  std::unique_ptr<Checkpointer> checkpointer_;
  // The records' generation that other processes share (Txn::RecordsGeneration); none
  // in memory. Shared with the durability callbacks, which add to it.
  std::shared_ptr<GenerationFile> generation_;
};

}  // namespace localnotion::storage
