// Moves WAL content into the database file from a background thread, so the serving
// thread rarely pays for a checkpoint (copying pages and the fsyncs that go with it).
// This thread runs PASSIVE checkpoints, which never block writers, on its own
// connection every `interval`. Under constant writes such a checkpoint never reaches
// the end of the WAL, so the WAL would never start over; the serving connection keeps
// a large automatic checkpoint (every 512 MiB, sqlite_store.cc) that runs
// between its own transactions, finds nearly everything already copied, and lets the
// next write rewind the WAL.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

namespace localnotion::storage {

class Checkpointer {
 public:
  Checkpointer(std::string path, std::chrono::milliseconds interval);
  ~Checkpointer();  // stops the thread after a last checkpoint
  Checkpointer(const Checkpointer&) = delete;
  Checkpointer& operator=(const Checkpointer&) = delete;

 private:
  void Loop();

  std::string path_;
  std::chrono::milliseconds interval_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace localnotion::storage
