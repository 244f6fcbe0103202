#include "http/loop_threads.h"

#include <sched.h>

#include <algorithm>

namespace localnotion::http {

// One per thread. `handling` is the number of the request the thread is in (0: none),
// set by Busy; the rest belongs to the watchdog and the standby protocol (under mu_).
struct LoopThreads::Slot {
  std::atomic<uint64_t> handling{0};
  std::atomic<bool> looping{false};  // inside the io_context
  uint64_t last_seen = 0;            // `handling` at the watchdog's last look
  bool covered = false;              // a standby serves in its place
  Slot* target = nullptr;            // a standby's: the stuck thread it stands in for
  uint64_t target_request = 0;
};

thread_local LoopThreads::Slot* LoopThreads::current_ = nullptr;

namespace {
std::atomic<uint64_t> next_request{1};
}  // namespace

LoopThreads::Busy::Busy() : slot_(current_) {
  if (slot_ != nullptr) slot_->handling.store(next_request.fetch_add(1, std::memory_order_relaxed),
                                              std::memory_order_relaxed);
}

LoopThreads::Busy::~Busy() {
  if (slot_ != nullptr) slot_->handling.store(0, std::memory_order_relaxed);
}

size_t LoopThreads::AvailableCpus() {
  cpu_set_t set;
  CPU_ZERO(&set);
  if (sched_getaffinity(0, sizeof(set), &set) == 0) return std::max(1, CPU_COUNT(&set));
  return std::max(1u, std::thread::hardware_concurrency());
}

LoopThreads::LoopThreads(boost::asio::io_context& ioc, size_t threads, size_t always_running,
                         std::chrono::microseconds stall)
    : ioc_(ioc), stall_(stall) {
  threads = std::max<size_t>(1, threads);
  always_ = std::clamp<size_t>(always_running == 0 ? AvailableCpus() : always_running, 1, threads);
  for (size_t i = 0; i < threads; ++i) slots_.push_back(std::make_unique<Slot>());
}

LoopThreads::~LoopThreads() = default;

void LoopThreads::Run() {
  std::vector<std::thread> others;
  auto loop = [this](size_t i) {
    current_ = slots_[i].get();
    slots_[i]->looping = true;
    ioc_.run();
    slots_[i]->looping = false;
  };
  for (size_t i = 1; i < always_; ++i) others.emplace_back(loop, i);
  for (size_t i = always_; i < slots_.size(); ++i) others.emplace_back([this, i] { Standby(i); });
  std::thread watchdog;
  if (always_ < slots_.size()) watchdog = std::thread([this] { Watch(); });
  loop(0);
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  if (watchdog.joinable()) watchdog.join();
  for (std::thread& t : others) t.join();
  current_ = nullptr;
}

void LoopThreads::Standby(size_t index) {
  Slot& self = *slots_[index];
  current_ = &self;
  std::unique_lock<std::mutex> lock(mu_);
  while (true) {
    cv_.wait(lock, [&] { return stopping_ || self.target != nullptr; });
    if (stopping_) return;
    Slot* target = self.target;
    const uint64_t request = self.target_request;
    lock.unlock();
    self.looping = true;
    // Serve, one handler at a time, for as long as the stuck request runs.
    while (target->handling.load(std::memory_order_relaxed) == request && !ioc_.stopped()) {
      ioc_.run_one_for(stall_);
    }
    self.looping = false;
    lock.lock();
    target->covered = false;
    self.target = nullptr;
  }
}

void LoopThreads::Watch() {
  std::unique_lock<std::mutex> lock(mu_);
  while (!cv_.wait_for(lock, stall_, [&] { return stopping_; })) {
    // A running thread is stuck when it is in the same request as at the last look.
    size_t free = 0;
    Slot* stuck = nullptr;
    for (auto& slot : slots_) {
      if (!slot->looping) continue;
      const uint64_t now = slot->handling.load(std::memory_order_relaxed);
      const bool same = now != 0 && now == slot->last_seen;
      slot->last_seen = now;
      if (!same) {
        ++free;
      } else if (!slot->covered && stuck == nullptr) {
        stuck = slot.get();
      }
    }
    if (free > 0 || stuck == nullptr) continue;
    for (size_t i = always_; i < slots_.size(); ++i) {
      Slot& standby = *slots_[i];
      if (standby.looping || standby.target != nullptr) continue;
      standby.target = stuck;
      standby.target_request = stuck->last_seen;
      stuck->covered = true;
      cv_.notify_all();
      break;
    }
  }
}

}  // namespace localnotion::http
