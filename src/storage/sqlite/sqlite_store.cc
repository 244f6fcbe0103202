#include "storage/sqlite/sqlite_store.h"

#include <algorithm>
#include <chrono>

#include "storage/sqlite/checkpointer.h"
#include "storage/txn_wrapper.h"

namespace localnotion::storage {

using Role = SqliteConnection::Role;

// Names the calling thread as the writer's holder (writer_thread_) from its making,
// with the writer held, until Clear, which must come before the writer is released,
// so that a read transaction on that thread never waits for the writer
// (WaitForScanWants). Clear leaves a holder another thread named alone, and the store
// untouched after the first time: a transaction that has ended may outlive its store.
class SqliteStore::WriterMark {
 public:
  explicit WriterMark(std::atomic<std::thread::id>& holder) : holder_(&holder) {
    holder_->store(std::this_thread::get_id());
  }
  ~WriterMark() { Clear(); }
  WriterMark(const WriterMark&) = delete;
  WriterMark& operator=(const WriterMark&) = delete;
  void Clear() {
    if (holder_ == nullptr) return;
    std::thread::id me = std::this_thread::get_id();
    holder_->compare_exchange_strong(me, std::thread::id());
    holder_ = nullptr;
  }

 private:
  std::atomic<std::thread::id>* holder_;
};

// A write transaction: a savepoint in the open batch, on the writer, which it holds
// from Begin until it ends. The first transaction of a batch is `bare`, without a
// savepoint (SqliteStore::Begin): the batch holds nothing else, so rolling it back is
// rolling back the batch, and SQLite copies no page it changes into the savepoint's
// journal (https://www.sqlite.org/lang_savepoint.html).
class SqliteStore::WriteTxn final : public TxnWrapper {
 public:
  WriteTxn(SqliteStore& store, std::unique_lock<std::mutex> lock, std::optional<int64_t> generation, bool bare)
      : TxnWrapper(*store.writer_),
        store_(store),
        lock_(std::move(lock)),
        bare_(bare),
        mark_(store.writer_thread_),
        generation_(generation) {}
  ~WriteTxn() override {
    if (!lock_.owns_lock()) return;
    if (open_) RollBack();
    store_.EndOfTxn();
    mark_.Clear();
  }

  bool writable() const override { return true; }
  // The batch's failure is reported in Flush, under the writer; a failed release below
  // before the writer is let go.
  bool ReportsFailureBeforeNextWrite() const override { return true; }
  std::optional<int64_t> RecordsGeneration() const override { return generation_; }

  void CommitAsync(DurableCallback on_durable) override {
    if (!open_) return on_durable(InternalError("the transaction has ended"));
    open_ = false;
    // Other processes hear of written records once they are durable (generation_file.h).
    if (store_.writer_->TakeRecordsWritten() && store_.generation_) {
      on_durable = [file = store_.generation_, next = std::move(on_durable)](Status status) {
        if (status.ok()) file->Bump();
        next(std::move(status));
      };
    }
    Status released = bare_ ? OkStatus() : store_.writer_->ReleaseSavepoint();
    if (!released.ok()) {
      RollBack();
      store_.EndOfTxn();
      mark_.Clear();
      on_durable(std::move(released));
      lock_.unlock();
      return;
    }
    ++store_.batch_->committed;
    const bool held = store_.held_;
    if (!held) store_.batch_->durable.push_back(std::move(on_durable));
    store_.EndOfTxn();
    mark_.Clear();
    lock_.unlock();
    if (held) on_durable(OkStatus());
  }

 private:
  // Undoes this transaction's writes: its savepoint's, or the batch's if it is bare.
  void RollBack() {
    if (!bare_) {
      (void)store_.writer_->RollbackToSavepoint();
      return;
    }
    store_.writer_->RollbackBatch();
    store_.batch_.reset();
  }

  SqliteStore& store_;
  std::unique_lock<std::mutex> lock_;
  const bool bare_;
  bool open_ = true;
  WriterMark mark_;
  std::optional<int64_t> generation_;
};

// A read transaction on a pooled read-only connection: one snapshot, no writer. The
// connection is taken from the pool, and its transaction begun, at the first call that
// reads SQLite (BeforeInner): a read that the caching store answers whole (GET of a
// cached page) takes none, nor runs BEGIN and COMMIT. SQLite's BEGIN DEFERRED takes no
// snapshot before the first read either (https://www.sqlite.org/lang_transaction.html),
// so the state read is the same.
class SqliteStore::ReadTxn final : public TxnWrapper {
 public:
  ReadTxn(SqliteStore& store, std::optional<int64_t> generation) : store_(store), generation_(generation) {
    check_before_inner_ = true;
  }
  ~ReadTxn() override {
    if (!conn_) return;
    conn_->EndRead();
    SqliteConnection::ScanWants wants = conn_->TakeScanWants();
    store_.ReturnReader(std::move(conn_));
    if (!wants.empty()) store_.ApplyScanWants(std::move(wants));
  }

  bool writable() const override { return false; }
  void CommitAsync(DurableCallback on_durable) override {
    if (conn_) conn_->EndRead();
    on_durable(OkStatus());
  }
  // A scan waited for the writer to make its column or index (WaitForScanWants): the
  // same work on a new snapshot reads it. Or a cache answered before the snapshot was
  // taken and what it answered changed meanwhile (DeferSnapshot): the same work, with the
  // snapshot taken first, answers from one state.
  bool ShouldRetry() const override { return lost_to_cache_ || (conn_ && conn_->retry_requested()); }
  bool RetryAtOnce() const override { return lost_to_cache_; }
  Status PinSnapshot() override {
    LN_RETURN_IF_ERROR(Connect());
    return conn_->PinSnapshot();
  }
  // The snapshot waits for the first read (BeforeInner), unless it is taken already or
  // the caller does not retry (AcceptCacheRaces).
  Status DeferSnapshot(std::function<bool()> still_current) override {
    if ((conn_ && conn_->SnapshotTaken()) || deferred_) return OkStatus();
    if (!accepts_races_) return PinSnapshot();
    still_current_ = std::move(still_current);
    deferred_ = true;
    check_before_inner_ = true;
    return OkStatus();
  }
  void AcceptCacheRaces() override { accepts_races_ = true; }
  std::optional<int64_t> RecordsGeneration() const override { return generation_; }

 protected:
  Status BeforeInner() override {
    // Until a connection is had, every call comes here again.
    LN_RETURN_IF_ERROR(Connect());
    check_before_inner_ = false;
    if (!deferred_) return OkStatus();
    deferred_ = false;
    LN_RETURN_IF_ERROR(conn_->PinSnapshot());
    // Checked after the snapshot is taken: a write that commits later is not in it, and
    // one that began committing earlier has changed the cache's generation by now.
    if (still_current_()) return OkStatus();
    lost_to_cache_ = true;
    return LostRaceError();
  }

 private:
  // Takes a reader from the pool and begins its transaction, once.
  Status Connect() {
    if (conn_) return OkStatus();
    LN_ASSIGN_OR_RETURN(std::unique_ptr<SqliteConnection> reader, store_.TakeReader());
    if (Status begun = reader->BeginRead(); !begun.ok()) {
      store_.ReturnReader(std::move(reader));
      return begun;
    }
    conn_ = std::move(reader);
    SetInner(*conn_);
    return OkStatus();
  }

  SqliteStore& store_;
  std::unique_ptr<SqliteConnection> conn_;
  std::optional<int64_t> generation_;
  std::function<bool()> still_current_;
  bool accepts_races_ = false;
  bool deferred_ = false;  // the snapshot waits for the first read (DeferSnapshot)
  bool lost_to_cache_ = false;
};

// A read transaction of the in-memory store: on the one connection, writes refused.
class SqliteStore::WriterReadTxn final : public TxnWrapper {
 public:
  WriterReadTxn(SqliteStore& store, std::unique_lock<std::mutex> lock)
      : TxnWrapper(*store.writer_), store_(store), lock_(std::move(lock)) {}
  ~WriterReadTxn() override {
    SqliteConnection& writer = *store_.writer_;
    (void)writer.SetQueryOnly(false);
    SqliteConnection::ScanWants wants = writer.TakeScanWants();
    if (!wants.empty() && writer.Savepoint().ok()) {
      if (writer.ApplyScanWants(wants).ok() && writer.ReleaseSavepoint().ok()) {
        ++store_.batch_->committed;
      } else {
        (void)writer.RollbackToSavepoint();
      }
    }
    store_.EndOfTxn();
  }

  bool writable() const override { return false; }
  void CommitAsync(DurableCallback on_durable) override { on_durable(OkStatus()); }

 private:
  SqliteStore& store_;
  std::unique_lock<std::mutex> lock_;
};

SqliteStore::SqliteStore(std::string path) : path_(std::move(path)) {}

Result<std::unique_ptr<SqliteStore>> SqliteStore::Open(const std::string& path) {
  return Open(path, Checkpointer::Options{});
}

Result<std::unique_ptr<SqliteStore>> SqliteStore::Open(const std::string& path, Checkpointer::Options checkpoints) {
  std::unique_ptr<SqliteStore> store(new SqliteStore(path));
  // Only read connections stop at a request's deadline. Interrupting a statement that
  // writes makes SQLite roll back the whole transaction, which on the writer is the
  // batch, with the other requests committed into it; writes stop at the deadline in
  // the service instead, where rolling back to the savepoint undoes only their own work.
  LN_ASSIGN_OR_RETURN(store->writer_, SqliteConnection::Open(path, Role::kWriter));
  if (!store->in_memory()) {
    LN_ASSIGN_OR_RETURN(store->generation_, GenerationFile::Open(path));
    store->checkpointer_ = std::make_unique<Checkpointer>(
        path, checkpoints, [s = store.get()](const std::function<void()>& fn) { s->WithIdleWriter(fn); });
  }
  store->flusher_ = std::thread([s = store.get()] { s->FlushLoop(); });
  return store;
}

SqliteStore::~SqliteStore() {
  {
    std::unique_lock<std::mutex> lock(writer_mu_);
    stopping_ = true;
  }
  flush_cv_.notify_all();
  if (flusher_.joinable()) flusher_.join();
  {
    std::unique_lock<std::mutex> lock(writer_mu_);
    if (batch_) Flush();
  }
  checkpointer_.reset();
  idle_readers_.clear();
  writer_.reset();
}

Result<std::unique_lock<std::mutex>> SqliteStore::AcquireWriter() {
  writers_waiting_.fetch_add(1);
  std::unique_lock<std::mutex> lock(writer_mu_);
  writers_waiting_.fetch_sub(1);
  if (!batch_) {
    LN_RETURN_IF_ERROR(writer_->BeginBatch());
    batch_ = std::make_shared<Batch>();
  }
  return lock;
}

void SqliteStore::EndOfTxn() {
  last_activity_ = std::chrono::steady_clock::now();
  if (!batch_ || held_) return;
  if (batch_->committed == 0) {
    if (writers_waiting_.load() == 0) {
      writer_->RollbackBatch();
      batch_.reset();
    }
    return;
  }
  if (batch_->committed >= kMaxBatch) {
    Flush();
    return;
  }
  if (poster_) {
    if (!flush_posted_) {
      flush_posted_ = true;
      poster_([this] { FlushFromLoop(); });
    }
    return;
  }
  // A flusher in a timed wait looks again at its deadline; waking it for every
  // transaction would cost a thread switch each.
  if (flusher_sleeping_) flush_cv_.notify_one();
}

void SqliteStore::SetLoopPoster(LoopPoster post) {
  std::unique_lock<std::mutex> lock(writer_mu_);
  poster_ = std::move(post);
  flush_posted_ = false;  // a task queued on the old loop may never run
  // A batch that already holds committed transactions (a write before the server set
  // its poster, such as the webhook pump's at start, or one whose flush was posted to
  // the old loop) is flushed through the new poster: nothing else would post for it
  // until the next write, and until then its transactions wait for durability and the
  // batch holds SQLite's write lock, which another process (the CLI) waits for.
  if (poster_ && batch_ && batch_->committed > 0 && !held_) {
    flush_posted_ = true;
    poster_([this] { FlushFromLoop(); });
  }
  flush_cv_.notify_one();  // without a poster, the flusher times the open batch
}

void SqliteStore::FlushFromLoop() {
  std::unique_lock<std::mutex> lock(writer_mu_);
  flush_posted_ = false;
  if (held_ || !batch_ || batch_->committed == 0) return;
  // A writer waiting (on another thread) posts again when its transaction ends, so the
  // batch may wait for it; but not past kFlushAge, as the flusher thread does not wait
  // either: a steady stream of writers (requests, the webhook pump and senders) would
  // otherwise keep the batch, SQLite's write lock with it, open until it holds
  // kMaxBatch transactions, while readers do not see its writes and another process
  // (the CLI on the same file) cannot write.
  if (writers_waiting_.load() == 0 || std::chrono::steady_clock::now() - batch_->opened >= kFlushAge) Flush();
}

void SqliteStore::WithIdleWriter(const std::function<void()>& fn) {
  std::unique_lock<std::mutex> lock(writer_mu_);
  if (stopping_ || held_) return;
  // The batch's transactions are told they are durable here, on the checkpointer's
  // thread, as the flusher thread does without a loop poster; a flush already posted to
  // a loop finds no batch.
  if (batch_) Flush();
  fn();
}

Checkpointer::Pass SqliteStore::CheckpointNow() {
  return checkpointer_ ? checkpointer_->RunOnce() : Checkpointer::Pass{};
}

void SqliteStore::Flush() {
  std::shared_ptr<Batch> batch = std::move(batch_);
  batch_.reset();
  Status result = batch->committed > 0 ? writer_->CommitBatch() : (writer_->RollbackBatch(), OkStatus());
  // The callbacks only hand the news on (Txn::CommitAsync), so they run here, in order.
  for (auto& durable : batch->durable) durable(result);
}

void SqliteStore::FlushLoop() {
  std::unique_lock<std::mutex> lock(writer_mu_);
  while (!stopping_) {
    // With a loop poster the loop times every flush (EndOfTxn); the flusher sleeps.
    if (poster_ || held_ || !batch_ || batch_->committed == 0) {
      flusher_sleeping_ = true;
      flush_cv_.wait(lock);
      flusher_sleeping_ = false;
      continue;
    }
    // Holding the writer, no transaction is running: flush once the writer has been
    // idle for kFlushIdle with nobody waiting, or the batch is old enough.
    const auto now = std::chrono::steady_clock::now();
    const auto idle_at = last_activity_ + kFlushIdle;
    const auto old_at = batch_->opened + kFlushAge;
    if ((now >= idle_at && writers_waiting_.load() == 0) || now >= old_at) {
      Flush();
      continue;
    }
    flush_cv_.wait_until(lock, std::min(now >= idle_at ? old_at : idle_at, old_at));
  }
}

Result<std::unique_ptr<Txn>> SqliteStore::Begin(TxnMode mode) {
  // Read before the snapshot is taken (Txn::RecordsGeneration): a write's batch began
  // earlier, but it holds SQLite's write lock, so no other process committed since.
  std::optional<int64_t> generation;
  if (generation_) generation = generation_->Read();
  if (mode == TxnMode::kWrite || in_memory()) {
    LN_ASSIGN_OR_RETURN(std::unique_lock<std::mutex> lock, AcquireWriter());
    if (mode == TxnMode::kRead) {
      Status query_only = writer_->SetQueryOnly(true);
      auto txn = std::make_unique<WriterReadTxn>(*this, std::move(lock));
      if (!query_only.ok()) return std::move(query_only).error();
      return std::unique_ptr<Txn>(std::move(txn));
    }
    // The batch's first transaction needs no savepoint (WriteTxn), unless the batch is
    // held (HoldWrites): UndoHeldWrites rolls it back whole, and a failed transaction
    // must not do so before.
    const bool bare = batch_->committed == 0 && !held_;
    if (Status begun = bare ? OkStatus() : writer_->Savepoint(); !begun.ok()) {
      EndOfTxn();
      return std::move(begun).error();
    }
    (void)writer_->TakeRecordsWritten();  // of a transaction rolled back
    return std::unique_ptr<Txn>(std::make_unique<WriteTxn>(*this, std::move(lock), generation, bare));
  }
  return std::unique_ptr<Txn>(std::make_unique<ReadTxn>(*this, generation));
}

Result<std::unique_ptr<SqliteConnection>> SqliteStore::TakeReader() {
  {
    std::lock_guard<std::mutex> lock(readers_mu_);
    if (!idle_readers_.empty()) {
      std::unique_ptr<SqliteConnection> reader = std::move(idle_readers_.back());
      idle_readers_.pop_back();
      return reader;
    }
  }
  LN_ASSIGN_OR_RETURN(std::unique_ptr<SqliteConnection> reader, SqliteConnection::Open(path_, Role::kReader));
  reader->WatchDeadline();
  reader->SetWantsWaiter([this](const SqliteConnection::ScanWants& wants) { return WaitForScanWants(wants); });
  return reader;
}

void SqliteStore::ReturnReader(std::unique_ptr<SqliteConnection> reader) {
  std::lock_guard<std::mutex> lock(readers_mu_);
  idle_readers_.push_back(std::move(reader));
}

void SqliteStore::ApplyScanWants(SqliteConnection::ScanWants wants) {
  // Never waits: the read may end on a thread that holds the writer (a read transaction
  // inside a write), and a busy writer only means a later scan asks again.
  std::unique_lock<std::mutex> lock(writer_mu_, std::try_to_lock);
  if (!lock.owns_lock() || stopping_) return;
  (void)MakeScanWants(wants);
}

bool SqliteStore::MakeScanWants(const SqliteConnection::ScanWants& wants) {
  if (!batch_) {
    if (!writer_->BeginBatch().ok()) return false;
    batch_ = std::make_shared<Batch>();
  }
  if (writer_->Savepoint().ok()) {
    if (writer_->ApplyScanWants(wants).ok() && writer_->ReleaseSavepoint().ok()) {
      ++batch_->committed;
      if (!held_) {
        // Committed now, not at the batch's flush: a read that begins meanwhile would not
        // see the new index and would read every page of its parent again (seconds at
        // 1M pages, docs/benchmarks.md). This runs once per new column or index.
        last_activity_ = std::chrono::steady_clock::now();
        Flush();
        return true;
      }
    } else {
      (void)writer_->RollbackToSavepoint();
    }
  }
  EndOfTxn();
  return false;
}

bool SqliteStore::WaitForScanWants(const SqliteConnection::ScanWants& wants) {
  std::vector<std::string> keys;
  for (const std::string& column : wants.columns) keys.push_back("column " + column);
  for (const auto& [index, shape] : wants.indexes) keys.push_back("index " + index);
  {
    std::lock_guard<std::mutex> lock(unmade_mu_);
    if (std::any_of(keys.begin(), keys.end(), [&](const std::string& key) { return unmade_.count(key) > 0; })) {
      return false;
    }
  }
  if (writer_thread_.load() == std::this_thread::get_id()) return false;
  Result<std::unique_lock<std::mutex>> lock = AcquireWriter();
  if (!lock.ok()) return false;
  if (stopping_ || held_) {
    EndOfTxn();  // the batch AcquireWriter may have opened
    return false;
  }
  const bool made = MakeScanWants(wants) && writer_->HasScanWants(wants);
  if (!made) {
    std::lock_guard<std::mutex> unmade_lock(unmade_mu_);
    if (unmade_.size() + keys.size() <= kMaxUnmade) unmade_.insert(keys.begin(), keys.end());
  }
  return made;
}

}  // namespace localnotion::storage
