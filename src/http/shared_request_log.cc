#include "http/shared_request_log.h"

#include <chrono>
#include <cstdio>
#include <limits>

namespace localnotion::http {
namespace {

// A batch's JSON is one statement parameter: entries are at most 2 x 16 KB each.
constexpr size_t kMaxBatch = 200;
constexpr auto kDrainWait = std::chrono::seconds(5);
// The least time from the start of one append to the start of the next, unless a reader
// waits for the queue (Drain) or a batch is full: every append is a round trip and a
// commit for PostgreSQL, which cost more of its CPU than the requests logged when each
// append carried only the one or two entries logged while the last one ran
// (docs/benchmarks.md). At most 200 appends a second, each with every entry of the
// last 5 ms.
constexpr auto kAppendInterval = std::chrono::milliseconds(5);

storage::SharedControls::RequestFilter StoreFilter(const RequestLog::Filter& f) {
  return {f.path, f.status, f.integration};
}

}  // namespace

SharedLogWriter::~SharedLogWriter() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
  }
  changed_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void SharedLogWriter::Push(LogEntry entry) {
  bool wake = false;
  {
    std::lock_guard<std::mutex> lock(mu_);
    queue_.push_back(std::move(entry));
    ++pushed_;
    if (!thread_.joinable()) thread_ = std::thread([this] { Run(); });
    // Only a writer waiting for a first entry, or for a full batch, needs waking: waking
    // it for every entry while it waits out its interval cost a thread switch a request.
    wake = idle_ || queue_.size() == kMaxBatch;
  }
  if (wake) changed_.notify_all();
}

void SharedLogWriter::Run() {
  std::unique_lock<std::mutex> lock(mu_);
  auto last_append = std::chrono::steady_clock::time_point();
  while (true) {
    idle_ = true;
    changed_.wait(lock, [&] { return stop_ || !queue_.empty(); });
    idle_ = false;
    if (queue_.empty()) return;  // stopping, everything written
    changed_.wait_until(lock, last_append + kAppendInterval,
                        [&] { return stop_ || draining_ > 0 || queue_.size() >= kMaxBatch; });
    last_append = std::chrono::steady_clock::now();
    std::vector<LogEntry> batch;
    if (queue_.size() <= kMaxBatch) {
      batch.swap(queue_);
    } else {
      batch.assign(std::make_move_iterator(queue_.begin()), std::make_move_iterator(queue_.begin() + kMaxBatch));
      queue_.erase(queue_.begin(), queue_.begin() + kMaxBatch);
    }
    writing_ = true;
    lock.unlock();
    std::vector<storage::SharedControls::LoggedRequest> rows;
    rows.reserve(batch.size());
    for (const LogEntry& e : batch) {
      rows.push_back(
          {e.path, e.status, e.integration_id, e.integration_name, SerializeJson(json::value(ShowEntry(e)))});
    }
    Status written = shared_->AppendRequests(rows, keep_);
    if (!written.ok()) {
      std::fprintf(stderr, "localnotion: %zu request log entries were not kept: %s\n", batch.size(),
                   written.error().message.c_str());
    }
    lock.lock();
    done_ += batch.size();
    writing_ = false;
    changed_.notify_all();
  }
}

void SharedLogWriter::Drain() {
  std::unique_lock<std::mutex> lock(mu_);
  const uint64_t target = pushed_;
  ++draining_;
  changed_.notify_all();  // the writer appends now, without waiting for its interval
  changed_.wait_for(lock, kDrainWait, [&] { return done_ >= target; });
  --draining_;
}

Status SharedLogWriter::Clear() {
  {
    std::unique_lock<std::mutex> lock(mu_);
    done_ += queue_.size();
    queue_.clear();
    changed_.wait_for(lock, kDrainWait, [&] { return !writing_; });
  }
  changed_.notify_all();
  return shared_->ClearRequests();
}

Result<json::array> FindShared(storage::SharedControls& shared, const RequestLog::Filter& filter) {
  LN_ASSIGN_OR_RETURN(storage::SharedControls::LogPage page,
                      shared.FindRequests(StoreFilter(filter), 0, static_cast<int>(RequestLog::kCapacity)));
  json::array out;
  for (const auto& [seq, entry] : page.entries) {
    if (std::optional<json::value> parsed = ParseJson(entry)) out.push_back(std::move(*parsed));
  }
  return out;
}

class SharedEvents final : public EventSource {
 public:
  SharedEvents(std::shared_ptr<storage::SharedControls> shared, RequestLog::Filter filter)
      : shared_(std::move(shared)), filter_(StoreFilter(filter)) {
    // The clears so far: only a later one is an event.
    auto page = shared_->FindRequests(filter_, std::numeric_limits<int64_t>::max(), 0);
    if (page.ok()) clears_ = page->clears;
  }

  std::string Poll() override {
    constexpr int kMaxPerPoll = 100;
    auto page = shared_->FindRequests(filter_, last_, kMaxPerPoll);
    if (!page.ok()) return "";  // the store is away: the next poll tries again
    std::string out;
    if (clears_ >= 0 && page->clears != clears_) out += "event: cleared\ndata: {}\n\n";
    clears_ = page->clears;
    for (const auto& [seq, entry] : page->entries) {
      last_ = seq;
      out += "id: " + std::to_string(seq) + "\nevent: request\ndata: " + entry + "\n\n";
    }
    return out;
  }

 private:
  std::shared_ptr<storage::SharedControls> shared_;
  storage::SharedControls::RequestFilter filter_;
  int64_t last_ = 0;
  int64_t clears_ = -1;
};

std::shared_ptr<EventSource> SharedLogEvents(std::shared_ptr<storage::SharedControls> shared,
                                             RequestLog::Filter filter) {
  return std::make_shared<SharedEvents>(std::move(shared), std::move(filter));
}

}  // namespace localnotion::http
