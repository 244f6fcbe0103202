// BatchedStderrSink: every line reaches the file, in order, without a flush per line:
// within its delay, at the logger's flush, and when the sink ends.
#include "http/batched_stderr_sink.h"

#include <gtest/gtest.h>
#include <spdlog/logger.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <thread>

#include "testing/temp_dir.h"

namespace localnotion::http {
namespace {

std::string ReadLog(const std::string& path) {
  std::ifstream in(path);
  std::ostringstream all;
  all << in.rdbuf();
  return all.str();
}

// A logger that writes "<message>\n" through a BatchedStderrSink into a file.
struct SinkToFile {
  explicit SinkToFile(const std::string& path) : file(std::fopen(path.c_str(), "w")) {
    sink = std::make_shared<BatchedStderrSink>(file);
    logger = std::make_shared<spdlog::logger>("test", sink);
    logger->set_pattern("%v");
  }
  ~SinkToFile() {
    logger.reset();
    sink.reset();
    std::fclose(file);
  }
  std::FILE* file;
  std::shared_ptr<BatchedStderrSink> sink;
  std::shared_ptr<spdlog::logger> logger;
};

TEST(BatchedStderrSinkTest, EveryLineIsWrittenInOrderWhenTheSinkEnds) {
  testing::TempDir dir("ln_batched_sink_");
  const std::string path = dir.File("log");
  std::string want;
  {
    SinkToFile log(path);
    for (int i = 0; i < 1000; ++i) {
      log.logger->info("line {}", i);
      want += "line " + std::to_string(i) + "\n";
    }
  }
  EXPECT_EQ(ReadLog(path), want);
}

TEST(BatchedStderrSinkTest, TheLoggersFlushWritesAtOnce) {
  testing::TempDir dir("ln_batched_sink_");
  const std::string path = dir.File("log");
  SinkToFile log(path);
  log.logger->info("first");
  log.logger->info("second");
  log.logger->flush();
  EXPECT_EQ(ReadLog(path), "first\nsecond\n");
}

TEST(BatchedStderrSinkTest, LinesAreWrittenWithoutAFlush) {
  testing::TempDir dir("ln_batched_sink_");
  const std::string path = dir.File("log");
  SinkToFile log(path);
  log.logger->info("alone");
  // Within kFlushDelay (50 ms); the bound here only keeps a broken sink from hanging.
  std::string seen;
  for (int i = 0; i < 500 && seen.empty(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    seen = ReadLog(path);
  }
  EXPECT_EQ(seen, "alone\n");
}

TEST(BatchedStderrSinkTest, LinesPastTheBlockingSizeAreAllWrittenInOrder) {
  testing::TempDir dir("ln_batched_sink_");
  const std::string path = dir.File("log");
  const std::string long_line(1000, 'x');
  size_t lines = 0;
  {
    SinkToFile log(path);
    for (size_t bytes = 0; bytes < 2 * BatchedStderrSink::kBlockAtBytes; ++lines) {
      log.logger->info("{} {}", lines, long_line);
      bytes += long_line.size() + 8;
    }
  }
  std::istringstream all(ReadLog(path));
  std::string line;
  size_t n = 0;
  while (std::getline(all, line)) {
    ASSERT_EQ(line, std::to_string(n) + " " + long_line) << "line " << n;
    ++n;
  }
  EXPECT_EQ(n, lines);
}

// Write-behind: a log file's bytes are handed to the disk as they are written, a
// kWriteBehindBytes at a time, not left dirty for the kernel's flusher; what the file
// holds is the same.
TEST(BatchedStderrSinkTest, ALogFileIsHandedToTheDiskAsItGrows) {
  testing::TempDir dir("ln_batched_sink_");
  const std::string path = dir.File("log");
  const std::string long_line(1000, 'y');
  std::string want;
  size_t behind = 0;
  {
    SinkToFile log(path);
    EXPECT_EQ(log.sink->written_behind(), 0u);
    for (size_t i = 0; want.size() < 3 * BatchedStderrSink::kWriteBehindBytes + 1000; ++i) {
      log.logger->info("{} {}", i, long_line);
      want += std::to_string(i) + " " + long_line + "\n";
    }
    log.logger->flush();
    behind = log.sink->written_behind();
  }
  EXPECT_EQ(ReadLog(path), want);
  // Everything up to the end of the last batch after which kWriteBehindBytes or more were
  // waiting: less than that is left for the kernel's flusher.
  EXPECT_LE(behind, want.size());
  EXPECT_GT(behind, want.size() - BatchedStderrSink::kWriteBehindBytes)
      << "handed over " << behind << " of " << want.size();
}

// A pipe (a terminal, journald) has no page cache to write behind: nothing is handed over.
TEST(BatchedStderrSinkTest, APipeIsNotWrittenBehind) {
  int fds[2];
  ASSERT_EQ(::pipe(fds), 0);
  std::FILE* out = ::fdopen(fds[1], "w");
  ASSERT_NE(out, nullptr);
  size_t read = 0;
  std::thread reader([&] {
    char buf[65536];
    for (ssize_t n; (n = ::read(fds[0], buf, sizeof buf)) > 0;) read += static_cast<size_t>(n);
  });
  const std::string long_line(1000, 'z');
  size_t wrote = 0;
  {
    auto sink = std::make_shared<BatchedStderrSink>(out);
    auto logger = std::make_shared<spdlog::logger>("test", sink);
    logger->set_pattern("%v");
    while (wrote < 2 * BatchedStderrSink::kWriteBehindBytes) {
      logger->info("{}", long_line);
      wrote += long_line.size() + 1;
    }
    logger->flush();
    EXPECT_EQ(sink->written_behind(), 0u);
  }
  std::fclose(out);
  reader.join();
  ::close(fds[0]);
  EXPECT_EQ(read, wrote);
}

}  // namespace
}  // namespace localnotion::http
