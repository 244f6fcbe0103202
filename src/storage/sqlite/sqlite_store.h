// The embedded default Store: one SQLite file in WAL mode with synchronous=NORMAL, so a
// committed transaction survives the process being killed (the WAL is written before
// COMMIT returns; only a power loss could lose the last batches, see docs/storage.md).
//
// Concurrency. Read transactions run in parallel, each on a read-only connection of its
// own taken from a pool, and see the last committed state as of their first read. Write
// transactions run one at a time on the one writer connection: Begin(kWrite) waits for
// the writer. Group commit: a write transaction is a savepoint inside a batch (one
// SQLite transaction); when it commits and another writer is already waiting, the batch
// stays open for that writer, and the last writer of a run commits the whole batch.
// Commit() returns when the batch holding the transaction is durable. A batch whose
// COMMIT fails loses all its transactions, and each of them reports the failure.
//
// The path ":memory:" gives a private in-memory database. It has one connection, so
// read transactions take the writer too (with writes refused): a second configuration
// of the same code for tests (store_conformance_test.cc).
#pragma once

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "storage/sqlite/sqlite_connection.h"
#include "storage/store.h"

namespace localnotion::storage {

class Checkpointer;

class SqliteStore final : public Store {
 public:
  static Result<std::unique_ptr<SqliteStore>> Open(const std::string& path);
  ~SqliteStore() override;

  Result<std::unique_ptr<Txn>> Begin(TxnMode mode) override;

 private:
  class WriteTxn;
  class ReadTxn;
  class WriterReadTxn;
  // The transactions that commit together (see above); guarded by writer_mu_.
  struct Batch {
    int committed = 0;  // savepoints released into it
    bool done = false;
    Status result;
  };

  explicit SqliteStore(std::string path);
  bool in_memory() const { return path_ == ":memory:"; }
  // Takes the writer (waiting for it), opening a batch if none is open.
  Result<std::unique_lock<std::mutex>> AcquireWriter();
  // With the writer held: commits the open batch unless another writer waits for it.
  void FlushIfIdle();
  // Makes the columns and indexes a read transaction asked for, if the writer is free.
  void ApplyScanWants(SqliteConnection::ScanWants wants);
  Result<std::unique_ptr<SqliteConnection>> TakeReader();
  void ReturnReader(std::unique_ptr<SqliteConnection> reader);

  std::string path_;
  std::mutex writer_mu_;
  std::condition_variable durable_;
  std::atomic<int> writers_waiting_{0};
  std::unique_ptr<SqliteConnection> writer_;
  std::shared_ptr<Batch> batch_;

  std::mutex readers_mu_;
  std::vector<std::unique_ptr<SqliteConnection>> idle_readers_;
  std::unique_ptr<Checkpointer> checkpointer_;
};

}  // namespace localnotion::storage
