// The request log of instances over one PostgreSQL (request_log.h, RequestLog::Share):
// the entries live in the store (storage/shared_controls.h), one log per workspace, the
// last RequestLog::kCapacity kept, so that GET /_localnotion/requests on any instance
// lists the requests of every instance, and DELETE clears them for all.
//
// Writes stay off the request's path: Push only queues the entry, and a writer thread
// appends what is queued in one statement, then the next batch, at most one append
// every 5 ms (so under load a batch holds every entry logged since the previous one
// began, as a group commit does). The consistency this gives (docs/compat.md): an
// instance lists its own requests as soon as they are answered (reading waits for its
// queue to be written first, without that wait); a request answered by another
// instance is listed once that instance's writer has written it, usually within 5 to
// 10 ms of its answer. The live log (Events) follows the
// store's order: entries are appended in turns, so none is skipped.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "http/request_log.h"
#include "storage/shared_controls.h"

namespace localnotion::http {

class SharedLogWriter {
 public:
  SharedLogWriter(std::shared_ptr<storage::SharedControls> shared, int keep)
      : shared_(std::move(shared)), keep_(keep) {}
  // Writes what is queued, then stops the writer.
  ~SharedLogWriter();

  // Queues an entry (its bodies already cut); the writer starts on the first.
  void Push(LogEntry entry);
  // Returns once every entry pushed before the call was written (or failed to be),
  // waiting at most a few seconds.
  void Drain();
  // Forgets what is queued, waits for a write under way, and empties the store's log.
  Status Clear();
  storage::SharedControls& shared() { return *shared_; }
  std::shared_ptr<storage::SharedControls> controls() const { return shared_; }

 private:
  void Run();

  std::shared_ptr<storage::SharedControls> shared_;
  const int keep_;
  std::mutex mu_;
  std::condition_variable changed_;
  std::vector<LogEntry> queue_;  // under mu_, like the rest
  uint64_t pushed_ = 0;          // entries pushed
  uint64_t done_ = 0;            // entries written, failed or forgotten
  bool writing_ = false;
  bool stop_ = false;
  int draining_ = 0;   // Drain calls waiting: the writer does not wait for its interval
  bool idle_ = false;  // the writer waits for an entry (Push wakes it)
  std::thread thread_;
};

// The live log of a shared request log (RequestLog::Events): each poll reads the
// entries after the last one sent (at most 100) and the count of clears, in one
// statement.
std::shared_ptr<EventSource> SharedLogEvents(std::shared_ptr<storage::SharedControls> shared,
                                             RequestLog::Filter filter);

// What a shared log lists (GET /_localnotion/requests): the matching entries, oldest
// first.
Result<json::array> FindShared(storage::SharedControls& shared, const RequestLog::Filter& filter);

}  // namespace localnotion::http
