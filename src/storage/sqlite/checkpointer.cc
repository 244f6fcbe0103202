#include "storage/sqlite/checkpointer.h"

#include <sqlite3.h>

#include <cstdio>

namespace localnotion::storage {

Checkpointer::Checkpointer(std::string path, std::chrono::milliseconds interval)
    : path_(std::move(path)), interval_(interval), thread_([this] { Loop(); }) {}

Checkpointer::~Checkpointer() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  thread_.join();
}

void Checkpointer::Loop() {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path_.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr) != SQLITE_OK) {
    std::fprintf(stderr, "localnotion: checkpointer cannot open %s\n", path_.c_str());
    sqlite3_close_v2(db);
    return;
  }
  sqlite3_busy_timeout(db, 1000);
  std::unique_lock<std::mutex> lock(mu_);
  while (true) {
    bool stopping = cv_.wait_for(lock, interval_, [this] { return stop_; });
    lock.unlock();
    sqlite3_wal_checkpoint_v2(db, nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
    lock.lock();
    if (stopping) break;
  }
  sqlite3_close_v2(db);
}

}  // namespace localnotion::storage
