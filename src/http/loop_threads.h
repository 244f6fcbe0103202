// The threads that run the server's io_context, and the standby threads that step in
// when requests are slow.
//
// A request runs on the thread that read it (server.cc): no hand-off to another thread,
// which on a busy core costs more than a small request's own work. One thread per CPU
// the process may use runs the loop all the time, each its own io_context (the server
// deals connections out to them in turn), so that the running threads share no queue,
// no lock and no epoll set: with one io_context shared by two threads, a request cost a
// third more CPU, in thread wake-ups and the queue's lock, and two threads served only
// 1.2 times what one did (docs/benchmarks.md, "Reads with 1 and 2 workers").
//
// The others wait: a watchdog looks at the running threads every `stall` (5 ms), and
// when one of them has been inside the same request since its last look (a long query,
// a formula that backtracks, a write waiting for the writer), it wakes a standby thread,
// which runs that thread's io_context, serving its other connections, until that request
// ends, then waits again. So a slow request never holds the others for more than about
// two `stall` periods, while a server whose requests are short pays nothing for the
// standbys (they sleep; the watchdog wakes 200 times a second).
//
// Thread safety: Run() is called once, from one thread. Busy may be made on any thread;
// it only marks threads this object runs.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include <boost/asio/io_context.hpp>

namespace localnotion::http {

class LoopThreads {
  struct Slot;

 public:
  // `threads`: at most this many threads run requests at once (at least 1); the first
  // `contexts.size()` of them run the loop all the time, thread i running contexts[i].
  // Every context may be run by a standby at the same time as by its own thread, so
  // handlers that must not overlap need a strand, and a context must not be made with
  // a concurrency hint of 1.
  LoopThreads(std::vector<boost::asio::io_context*> contexts, size_t threads,
              std::chrono::microseconds stall = std::chrono::milliseconds(5));
  // One io_context that the first `always_running` threads (0: as many as CPUs) run
  // together.
  LoopThreads(boost::asio::io_context& ioc, size_t threads, size_t always_running = 0,
              std::chrono::microseconds stall = std::chrono::milliseconds(5));
  ~LoopThreads();
  LoopThreads(const LoopThreads&) = delete;
  LoopThreads& operator=(const LoopThreads&) = delete;

  // The CPUs this process may run on (its affinity mask), at least 1.
  static size_t AvailableCpus();

  // Runs the loops on the calling thread and the others; returns once every io_context
  // has run out of work and every thread has stopped.
  void Run();

  // The io_context the calling thread runs now: its own, or for a standby the one it
  // stands in for; null on a thread this class does not run.
  static boost::asio::io_context* CurrentContext();

  size_t threads() const { return slots_.size(); }
  size_t always_running() const { return always_; }

  // Marks the calling thread as inside one request for the guard's lifetime: what the
  // watchdog looks at.
  class Busy {
   public:
    Busy();
    ~Busy();
    Busy(const Busy&) = delete;
    Busy& operator=(const Busy&) = delete;

   private:
    Slot* slot_;
  };

 private:
  static thread_local Slot* current_;  // the calling thread's, if this object runs it

  void Standby(size_t index);
  void Watch();

  std::chrono::microseconds stall_;
  size_t always_;
  std::vector<std::unique_ptr<Slot>> slots_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stopping_ = false;  // guarded by mu_
};

}  // namespace localnotion::http
