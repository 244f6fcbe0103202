#include "http/loop_threads.h"

#include <sched.h>

#include <algorithm>

namespace localnotion::http {

// One per thread. `handling` is the number of the request the thread is in (0: none),
// set by Busy; the rest belongs to the watchdog and the standby protocol (under mu_).
struct LoopThreads::Slot {
  std::atomic<uint64_t> handling{0};
  boost::asio::io_context* ioc = nullptr;  // the one it runs; a standby's is set with `target`
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

boost::asio::io_context* LoopThreads::CurrentContext() { return current_ != nullptr ? current_->ioc : nullptr; }

size_t LoopThreads::AvailableCpus() {
  cpu_set_t set;
  CPU_ZERO(&set);
  if (sched_getaffinity(0, sizeof(set), &set) == 0) return std::max(1, CPU_COUNT(&set));
  return std::max(1u, std::thread::hardware_concurrency());
}

LoopThreads::LoopThreads(std::vector<boost::asio::io_context*> contexts, size_t threads,
                         std::chrono::microseconds stall)
    : stall_(stall) {
  always_ = std::max<size_t>(1, contexts.size());
  threads = std::max(always_, threads);
  for (size_t i = 0; i < threads; ++i) slots_.push_back(std::make_unique<Slot>());
  for (size_t i = 0; i < contexts.size(); ++i) slots_[i]->ioc = contexts[i];
}

LoopThreads::LoopThreads(boost::asio::io_context& ioc, size_t threads, size_t always_running,
                         std::chrono::microseconds stall)
    : stall_(stall) {
  threads = std::max<size_t>(1, threads);
  always_ = std::clamp<size_t>(always_running == 0 ? AvailableCpus() : always_running, 1, threads);
  for (size_t i = 0; i < threads; ++i) slots_.push_back(std::make_unique<Slot>());
  for (size_t i = 0; i < always_; ++i) slots_[i]->ioc = &ioc;
}

LoopThreads::~LoopThreads() = default;

void LoopThreads::Run() {
  std::vector<std::thread> others;
  auto loop = [this](size_t i) {
    current_ = slots_[i].get();
    slots_[i]->looping = true;
    slots_[i]->ioc->run();
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
    boost::asio::io_context& ioc = *self.ioc;
    lock.unlock();
    self.looping = true;
    // Serve, one handler at a time, for as long as the stuck request runs.
    while (target->handling.load(std::memory_order_relaxed) == request && !ioc.stopped()) {
      ioc.run_one_for(stall_);
    }
    self.looping = false;
    lock.lock();
    target->covered = false;
    self.target = nullptr;
    self.ioc = nullptr;
  }
}

void LoopThreads::Watch() {
  std::unique_lock<std::mutex> lock(mu_);
  std::vector<Slot*> stuck;
  while (!cv_.wait_for(lock, stall_, [&] { return stopping_; })) {
    // A running thread is stuck when it is in the same request as at the last look; its
    // io_context is stranded when no other running thread that is not stuck runs it.
    stuck.clear();
    for (auto& slot : slots_) {
      if (!slot->looping) continue;
      const uint64_t now = slot->handling.load(std::memory_order_relaxed);
      const bool same = now != 0 && now == slot->last_seen;
      slot->last_seen = now;
      if (same) stuck.push_back(slot.get());
    }
    for (Slot* slot : stuck) {
      if (slot->covered) continue;
      const bool served = std::any_of(slots_.begin(), slots_.end(), [&](const std::unique_ptr<Slot>& other) {
        return other->looping && other->ioc == slot->ioc &&
               std::find(stuck.begin(), stuck.end(), other.get()) == stuck.end();
      });
      if (served) continue;
      for (size_t i = always_; i < slots_.size(); ++i) {
        Slot& standby = *slots_[i];
        if (standby.looping || standby.target != nullptr) continue;
        standby.target = slot;
        standby.target_request = slot->last_seen;
        standby.ioc = slot->ioc;
        slot->covered = true;
        cv_.notify_all();
        break;
      }
    }
  }
}

}  // namespace localnotion::http
