// One server per store file: `serve` holds an exclusive flock(2) on "<db path>.lock"
// beside the SQLite file for as long as it runs, and a second `serve` on the same file
// fails to take it and exits. The kernel releases the lock when the process ends,
// however it ends (SIGKILL included), so a stale lock file never blocks a start.
//
// The other subcommands (export, integration, share, unshare) do not take the lock:
// they run one short transaction through SQLite's own locking, beside a running
// server, as before.
#pragma once

#include <string>

#include "common/error.h"

namespace localnotion::cli {

class StoreLock {
 public:
  // Takes the lock of the store at `db_url` ("sqlite:PATH"; memory: needs none).
  // Fails with a message for the command line when another process holds it.
  static Result<StoreLock> Acquire(const std::string& db_url);

  StoreLock(StoreLock&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }
  StoreLock& operator=(StoreLock&&) = delete;
  StoreLock(const StoreLock&) = delete;
  ~StoreLock();

 private:
  explicit StoreLock(int fd) : fd_(fd) {}
  int fd_ = -1;
};

// The SQLite file of a store URL ("sqlite:PATH" or "sqlite://PATH"), "" for memory:.
std::string StorePath(const std::string& db_url);

}  // namespace localnotion::cli
