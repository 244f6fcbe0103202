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
#pragma once

#include <spdlog/sinks/base_sink.h>

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

  // Writes to `out` (stderr by default; a temporary file in tests).
  explicit BatchedStderrSink(std::FILE* out = stderr);
  ~BatchedStderrSink() override;  // writes what waits
  BatchedStderrSink(const BatchedStderrSink&) = delete;
  BatchedStderrSink& operator=(const BatchedStderrSink&) = delete;

 protected:
  void sink_it_(const spdlog::details::log_msg& msg) override;
  void flush_() override;  // with mutex_ held, as base_sink calls it

 private:
  void Loop();
  void Write(const std::string& lines);

  std::FILE* out_;
  std::string waiting_;  // formatted lines not yet written; under mutex_
  // Held while a batch is written: taken with mutex_ held, so batches go out in order.
  std::mutex write_mu_;
  std::condition_variable wake_;
  bool stopping_ = false;  // under mutex_
  std::thread writer_;
};

}  // namespace localnotion::http
