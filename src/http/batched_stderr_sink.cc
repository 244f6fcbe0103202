#include "http/batched_stderr_sink.h"

#include <spdlog/details/log_msg.h>

namespace localnotion::http {

BatchedStderrSink::BatchedStderrSink(std::FILE* out) : out_(out), writer_([this] { Loop(); }) {}

BatchedStderrSink::~BatchedStderrSink() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  writer_.join();
  std::lock_guard<std::mutex> lock(mutex_);
  flush_();
}

void BatchedStderrSink::sink_it_(const spdlog::details::log_msg& msg) {
  spdlog::memory_buf_t formatted;
  formatter_->format(msg, formatted);
  const bool was_empty = waiting_.empty();
  waiting_.append(formatted.data(), formatted.size());
  if (waiting_.size() >= kBlockAtBytes) {
    flush_();
  } else if (was_empty || waiting_.size() >= kWriteAtBytes) {
    wake_.notify_one();
  }
}

void BatchedStderrSink::Write(const std::string& lines) {
  // stderr is unbuffered: one fwrite is one write(2) of the whole batch.
  (void)std::fwrite(lines.data(), 1, lines.size(), out_);
  std::fflush(out_);
}

void BatchedStderrSink::flush_() {
  if (waiting_.empty()) return;
  std::lock_guard<std::mutex> writing(write_mu_);  // after the batch the writer may be writing
  Write(waiting_);
  waiting_.clear();
}

void BatchedStderrSink::Loop() {
  std::unique_lock<std::mutex> lock(mutex_);
  std::string batch;
  while (true) {
    wake_.wait(lock, [this] { return stopping_ || !waiting_.empty(); });
    if (stopping_) return;
    // Lines logged within kFlushDelay of the first go out with it, unless they grow
    // past kWriteAtBytes first.
    wake_.wait_for(lock, kFlushDelay, [this] { return stopping_ || waiting_.size() >= kWriteAtBytes; });
    if (stopping_) return;
    // The batch is written without mutex_, so that threads logging meanwhile do not
    // wait for the write; write_mu_, taken before mutex_ is let go, keeps a flush_ of
    // later lines behind it.
    std::unique_lock<std::mutex> writing(write_mu_);
    batch.swap(waiting_);
    lock.unlock();
    Write(batch);
    batch.clear();
    writing.unlock();
    lock.lock();
  }
}

}  // namespace localnotion::http
