// BatchedStderrSink: every line reaches the file, in order, without a flush per line:
// within its delay, at the logger's flush, and when the sink ends.
#include "http/batched_stderr_sink.h"

#include <gtest/gtest.h>
#include <spdlog/logger.h>

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

}  // namespace
}  // namespace localnotion::http
