#include "storage/sqlite/checkpointer.h"

#include <sqlite3.h>

#include <cstdio>

namespace localnotion::storage {
namespace {

// Syncs the file of connection `db` that `op` names, the database file
// (SQLITE_FCNTL_FILE_POINTER) or the WAL (SQLITE_FCNTL_JOURNAL_POINTER,
// https://www.sqlite.org/c3ref/c_fcntl_begin_atomic_write.html), through SQLite's own
// handle. A descriptor of our own would not do: closing any descriptor of a file drops
// every POSIX lock this process holds on it, SQLite's included
// (https://www.sqlite.org/howtocorrupt.html, section 2.2). A failed sync only leaves the
// work to SQLite's own.
void SyncFile(sqlite3* db, int op) {
  sqlite3_file* file = nullptr;
  if (sqlite3_file_control(db, "main", op, &file) != SQLITE_OK || file == nullptr || file->pMethods == nullptr) {
    return;
  }
  (void)file->pMethods->xSync(file, SQLITE_SYNC_NORMAL);
}

}  // namespace

Checkpointer::Checkpointer(std::string path, Options options, IdleWriter idle_writer)
    : options_(options), idle_writer_(std::move(idle_writer)) {
  if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr) != SQLITE_OK) {
    std::fprintf(stderr, "localnotion: checkpointer cannot open %s\n", path.c_str());
    sqlite3_close_v2(db_);
    db_ = nullptr;
    return;
  }
  // PASSIVE checkpoints never call it; a read that meets a writer's lock does.
  sqlite3_busy_timeout(db_, 1000);
  // One read, so that SQLite opens the WAL on this connection: a checkpoint before it
  // does nothing on SQLite 3.40 (see the header).
  if (sqlite3_exec(db_, "SELECT count(*) FROM sqlite_schema", nullptr, nullptr, nullptr) != SQLITE_OK) {
    std::fprintf(stderr, "localnotion: checkpointer cannot read %s: %s\n", path.c_str(), sqlite3_errmsg(db_));
  }
  if (options_.interval.count() > 0) thread_ = std::thread([this] { Loop(); });
}

Checkpointer::~Checkpointer() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
  sqlite3_close_v2(db_);
}

void Checkpointer::Checkpoint(Pass& pass) {
  pass.log = pass.checkpointed = -1;
  if (db_ != nullptr) sqlite3_wal_checkpoint_v2(db_, nullptr, SQLITE_CHECKPOINT_PASSIVE, &pass.log, &pass.checkpointed);
}

Checkpointer::Pass Checkpointer::RunOnce() {
  Pass pass;
  Checkpoint(pass);
  // Frames a reader still needs (checkpointed < log) would stay uncopied with the writer
  // held too: the WAL cannot start over until that reader ends, so the writer is not
  // asked for in vain.
  if (pass.log >= options_.restart_frames && pass.checkpointed == pass.log && idle_writer_) {
    // The frames and the pages the passes copied reach the disk now, not in the syncs of
    // the pass below, which the writer waits for (see the header).
    if (db_ != nullptr) {
      SyncFile(db_, SQLITE_FCNTL_JOURNAL_POINTER);
      SyncFile(db_, SQLITE_FCNTL_FILE_POINTER);
    }
    idle_writer_([&] {
      Checkpoint(pass);
      pass.restarted = true;
    });
  }
  return pass;
}

void Checkpointer::Loop() {
  std::unique_lock<std::mutex> lock(mu_);
  while (true) {
    bool stopping = cv_.wait_for(lock, options_.interval, [this] { return stop_; });
    lock.unlock();
    if (stopping) {
      // The store is closing (and will not lend its writer): copy what is there.
      Pass last;
      Checkpoint(last);
      break;
    }
    RunOnce();
    lock.lock();
  }
}

}  // namespace localnotion::storage
