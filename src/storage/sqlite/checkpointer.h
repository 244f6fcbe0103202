// Moves WAL content into the database file from a background thread, and makes the WAL
// start over, so that the serving threads never pay for a checkpoint (copying pages and
// the fsyncs that go with it) and the WAL stays small.
//
// Every `interval` the thread runs a PASSIVE checkpoint on its own connection: it never
// blocks the writer, and copies every frame that no reader still needs. That alone does
// not bound the WAL under constant writes: SQLite starts the WAL over only when a write
// transaction begins on a fully copied WAL (https://www.sqlite.org/wal.html, "Avoiding
// Excessively Large WAL Files"), and under load the writer's next batch begins as soon
// as the last one commits, before any checkpoint has copied it. So once the WAL holds
// `restart_frames` frames and the PASSIVE pass copied all it could, the checkpointer
// asks the store for its writer, idle (`IdleWriter`: the open batch committed, no new
// one begun), and checkpoints the last batch's frames too. The writer's next batch
// then begins on a fully copied WAL and writes from its start. The writer waits for that
// second pass only: one batch's frames and two fsyncs.
//
// Those fsyncs are short because the thread syncs the WAL and the database file itself
// just before it asks for the writer. A PASSIVE pass that cannot copy the whole WAL (the
// writer's open batch holds the last frames) writes pages into the database file without
// syncing it; SQLite syncs the file only at a pass that copies everything
// (https://www.sqlite.org/c3ref/wal_checkpoint_v2.html). So the second pass's sync had to
// write out every page the passes since the last start-over had copied: 11-17 ms on
// this machine with the writer held, about once a second under load, every request
// waiting (docs/benchmarks.md, "The PATCH tail"). Synced before, the two syncs write
// little more than one batch's pages.
//
// Without this the writer's automatic checkpoint (sqlite_connection.cc) did all the
// work: once the WAL held 512 MiB, inside one COMMIT, on a loop thread: 0.2-3.2 s
// (docs/benchmarks.md, "The PATCH stall").
//
// SQLite 3.40 (Debian 12's) checkpoints nothing on a connection that has not read the
// database yet, and reports success with -1 frames
// (https://sqlite.org/forum/forumpost/fd0f19d229156939, fixed in later releases by a
// read before the checkpoint): the connection reads once when it opens.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

struct sqlite3;

namespace localnotion::storage {

class Checkpointer {
 public:
  struct Options {
    // 0: no thread; RunOnce checkpoints when called (tests). A pass runs on the CPUs
    // that serve requests and takes a share of one while it lasts, so the batch it meets
    // is delayed by about its length: every 50 ms rather than every 100 ms, each pass
    // copies half as many frames and the seed PATCH's p99 at 64 connections on one core
    // fell from 5.3-8.2 ms to 4.1-5.5 ms, throughput level (docs/benchmarks.md, "The
    // checkpointer's passes every 50 ms").
    std::chrono::milliseconds interval{50};
    // The WAL size (in frames of one page) from which the WAL is made to start over:
    // 8192 frames of 4 KiB, 32 MiB, half the writer's journal_size_limit, so that the
    // writer never truncates the file after a start-over (an ftruncate of hundreds of
    // MiB took 150-190 ms on a COMMIT).
    int restart_frames = 8192;
  };
  // Runs the function with the store's writer held, no batch open and none begun until
  // it returns; does nothing when the store is closing.
  using IdleWriter = std::function<void(const std::function<void()>&)>;
  // What one pass did, in frames: those in the WAL and those copied (-1 when no
  // checkpoint ran), and whether the writer was asked for (`restarted`).
  struct Pass {
    int log = -1;
    int checkpointed = -1;
    bool restarted = false;
  };

  Checkpointer(std::string path, Options options, IdleWriter idle_writer);
  ~Checkpointer();  // stops the thread after a last checkpoint
  Checkpointer(const Checkpointer&) = delete;
  Checkpointer& operator=(const Checkpointer&) = delete;

  // One pass on the calling thread: what the thread does every `interval`. Tests call
  // it on a checkpointer without a thread (`interval` 0); never beside the thread.
  Pass RunOnce();

 private:
  void Loop();
  // The PASSIVE checkpoint; sets log and checkpointed.
  void Checkpoint(Pass& pass);

  Options options_;
  IdleWriter idle_writer_;
  sqlite3* db_ = nullptr;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace localnotion::storage
