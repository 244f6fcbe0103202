// The access log's sink on stderr: lines are gathered and written in one write(2) a
// few times a second, not one each. A line per request was a write per request, and
// with the default --log-level info it cost a sixth of the server's throughput
// (docs/benchmarks.md, "The access log in batches").
//
// The contract. A line reaches stderr within kFlushDelay of being logged, in the order
// lines were logged, or at once when the sink flushes (the logger's flush, the sink's
// end). More than kWriteAtBytes waiting wakes the writer early; more than
// kBlockAtBytes makes the logging thread write them itself, so a stderr nobody reads
// holds back the server as before rather than growing without bound. A process killed
// outright (SIGKILL, a crash) loses the lines of its last kFlushDelay.
//
// Write-behind. When stderr is a regular file, every kWriteBehindBytes written are
// handed to the disk at once (sync_file_range(2), SYNC_FILE_RANGE_WRITE: the writeback
// starts, nobody waits for it) instead of staying dirty in the page cache until the
// kernel's flusher writes them out, 30 s after they were written
// (https://docs.kernel.org/admin-guide/sysctl/vm.html, dirty_expire_centisecs). Under
// load the request log grows by about 4 MB a second, and that flusher pass wrote 120 MB
// in one burst, during which the disk answered the store's fsyncs and WAL writes in
// 100-230 ms: every request waited (docs/benchmarks.md, "The log's writeback burst").
// PostgreSQL's *_flush_after settings do the same for its own files
// (https://www.postgresql.org/docs/15/runtime-config-wal.html).
#pragma once

#include <spdlog/sinks/base_sink.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <string>
#include <thread>

namespace localnotion::http {

class BatchedStderrSink final : public spdlog::sinks::base_sink<std::mutex> {
 public:
  static constexpr std::chrono::milliseconds kFlushDelay{50};
  static constexpr size_t kWriteAtBytes = 64 * 1024;
  static constexpr size_t kBlockAtBytes = 1024 * 1024;
  static constexpr size_t kWriteBehindBytes = 1024 * 1024;

  // Writes to `out` (stderr by default; a temporary file in tests).
  explicit BatchedStderrSink(std::FILE* out = stderr);
  ~BatchedStderrSink() override;  // writes what waits

  // Bytes of the file handed to the disk by write-behind so far (0 when the output is not
  // a regular file).
  size_t written_behind() const;
  BatchedStderrSink(const BatchedStderrSink&) = delete;
  BatchedStderrSink& operator=(const BatchedStderrSink&) = delete;

 protected:
  void sink_it_(const spdlog::details::log_msg& msg) override;
  void flush_() override;  // with mutex_ held, as base_sink calls it

 private:
  void Loop();
  // Writes a batch, then hands the file's bytes since the last hand-over to the disk
  // once there are kWriteBehindBytes of them. Under write_mu_.
  void Write(const std::string& lines);

  std::FILE* out_;
  std::string waiting_;  // formatted lines not yet written; under mutex_
  // Held while a batch is written: taken with mutex_ held, so batches go out in order.
  std::mutex write_mu_;
  // The file's offset up to which write-behind handed bytes over; -1 when the output is
  // not a regular file. Under write_mu_.
  long long behind_ = -1;
  std::atomic<size_t> written_behind_{0};
  std::condition_variable wake_;
  bool stopping_ = false;  // under mutex_
  std::thread writer_;
};

}  // namespace localnotion::http
