#include "http/batched_stderr_sink.h"

#include <fcntl.h>
#include <spdlog/details/log_msg.h>
#include <sys/stat.h>
#include <unistd.h>

namespace localnotion::http {

namespace {

// The output's current offset when it is a regular file, else -1.
long long RegularFileOffset(std::FILE* out) {
  const int fd = ::fileno(out);
  struct stat st {};
  if (fd < 0 || ::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) return -1;
  const off_t at = ::lseek(fd, 0, SEEK_CUR);
  return at < 0 ? -1 : static_cast<long long>(at);
}

}  // namespace

BatchedStderrSink::BatchedStderrSink(std::FILE* out)
    : out_(out), behind_(RegularFileOffset(out)), writer_([this] { Loop(); }) {}

size_t BatchedStderrSink::written_behind() const { return written_behind_.load(std::memory_order_relaxed); }

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
  if (behind_ < 0) return;
  const int fd = ::fileno(out_);
  const off_t end = ::lseek(fd, 0, SEEK_CUR);
  if (end < 0) return;  // this batch only: the next one asks again
  // An offset that went back (the file was truncated, as `: > log` does) starts over.
  if (end < behind_) behind_ = end;
  if (static_cast<size_t>(end - behind_) < kWriteBehindBytes) return;
  if (::sync_file_range(fd, behind_, end - behind_, SYNC_FILE_RANGE_WRITE) == 0) {
    written_behind_.fetch_add(static_cast<size_t>(end - behind_), std::memory_order_relaxed);
  }
  behind_ = end;
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
