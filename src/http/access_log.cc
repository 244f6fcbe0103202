#include "http/access_log.h"

#include <spdlog/logger.h>
#include <spdlog/pattern_formatter.h>

#include <array>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <utility>

#include "common/clock.h"
#include "common/digits.h"
#include "common/json.h"
#include "http/batched_stderr_sink.h"

namespace localnotion::http {
namespace {

// The line is written whole by Write, time and level included: spdlog's pattern
// formatter cost about 1.4k instructions a request line for the same text.
constexpr const char* kPattern = "%v";

// Appends the time now, UTC in ISO 8601 with milliseconds, as Notion's timestamps are
// written ("2026-01-01T12:00:00.123Z", Iso8601Of), by the wall clock even when the
// service's clock is set by hand (NowMillis). The text of the second is kept per thread
// and made again when the second changes; only its three digits of milliseconds,
// before the Z, are written for each line.
void AppendUtcNow(std::string& out) {
  const Millis ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
          .count();
  const Millis second = ms >= 0 ? ms / 1000 : (ms - 999) / 1000;
  thread_local Millis cached_second = -1;
  thread_local Iso8601Text cached;
  if (second != cached_second) {
    cached = Iso8601Of(second * 1000);
    cached_second = second;
  }
  const auto frac = static_cast<unsigned>(ms - second * 1000);
  PutPaddedDigits(cached.data + cached.size - 4, frac, 3);  // the "000" before the Z
  out.append(cached.view());
}

// Appends milliseconds with three decimals ("1.235"), rounded to the microsecond:
// written with integers, which costs a tenth of printf's "%.3f" on every request line.
void AppendLatency(double ms, std::string& out) {
  const int64_t us = ms > 0 ? std::llround(ms * 1000) : 0;
  std::array<char, 32> buf{};
  char* end = std::to_chars(buf.data(), buf.data() + buf.size(), us / 1000).ptr;
  const int64_t frac = us % 1000;
  *end++ = '.';
  *end++ = static_cast<char>('0' + frac / 100);
  *end++ = static_cast<char>('0' + frac / 10 % 10);
  *end++ = static_cast<char>('0' + frac % 10);
  out.append(buf.data(), end);
}

// Appends a status code.
void AppendStatus(int status, std::string& out) {
  std::array<char, 16> buf{};
  out.append(buf.data(), std::to_chars(buf.data(), buf.data() + buf.size(), status).ptr);
}

std::string JsonString(std::string_view s) { return SerializeJson(json::value(json::string_view(s.data(), s.size()))); }

}  // namespace

Result<LogFormat> ParseLogFormat(std::string_view name) {
  if (name == "text") return LogFormat::kText;
  if (name == "json") return LogFormat::kJson;
  return MakeError(ErrorCode::kInvalidRequest, "--log-format should be text or json, instead was " + std::string(name));
}

Result<spdlog::level::level_enum> ParseLogLevel(std::string_view name) {
  // spdlog::level::from_str reads an unknown name as "off"; a typo must not silence the log.
  static constexpr std::array<std::pair<std::string_view, spdlog::level::level_enum>, 8> kLevels = {{
      {"trace", spdlog::level::trace},
      {"debug", spdlog::level::debug},
      {"info", spdlog::level::info},
      {"warn", spdlog::level::warn},
      {"warning", spdlog::level::warn},
      {"error", spdlog::level::err},
      {"critical", spdlog::level::critical},
      {"off", spdlog::level::off},
  }};
  for (const auto& [text, level] : kLevels) {
    if (text == name) return level;
  }
  return MakeError(
      ErrorCode::kInvalidRequest,
      "--log-level should be one of trace, debug, info, warn, error, critical, off, instead was " + std::string(name));
}

AccessLog::AccessLog(LogFormat format, spdlog::level::level_enum level)
    : AccessLog(format, level, std::make_shared<BatchedStderrSink>()) {}

AccessLog::AccessLog(LogFormat format, spdlog::level::level_enum level, std::shared_ptr<spdlog::sinks::sink> sink)
    : format_(format),
      enabled_(level <= spdlog::level::info),
      logger_(std::make_shared<spdlog::logger>("access", std::move(sink))) {
  logger_->set_level(level);
  logger_->set_pattern(kPattern);
  // Request lines are not flushed one by one: the sink writes them in batches
  // (BatchedStderrSink); a test's sink writes each as it comes.
  logger_->flush_on(spdlog::level::err);
}

AccessLog::~AccessLog() = default;

void AccessLog::Write(const AccessRecord& record) {
  if (!enabled_) return;
  // Request lines are all at level info.
  std::string line;
  line.reserve(224);
  if (format_ == LogFormat::kJson) {
    // The message is the rest of the object's members.
    line.append(R"({"time":")");
    AppendUtcNow(line);
    line.append(R"(","level":"info",)");
    AppendJsonMessage(record, line);
    line.append("}");
  } else {
    AppendUtcNow(line);
    line.append(" info ");
    AppendTextMessage(record, line);
  }
  // A string_view is written as it is, never read as a format string.
  logger_->log(spdlog::level::info, spdlog::string_view_t(line.data(), line.size()));
}

void AccessLog::AppendTextMessage(const AccessRecord& r, std::string& line) {
  line.append(r.method).append(" ").append(r.path).append(" ");
  AppendStatus(r.status, line);
  line.append(" ");
  AppendLatency(r.latency_ms, line);
  line.append("ms integration=");
  line.append(r.integration_id.empty() ? std::string_view("-") : r.integration_id);
  line.append(" request_id=").append(r.request_id);
}

void AccessLog::AppendJsonMessage(const AccessRecord& r, std::string& line) {
  line.append(R"("method":)").append(JsonString(r.method));
  line.append(R"(,"path":)").append(JsonString(r.path));
  line.append(R"(,"status":)");
  AppendStatus(r.status, line);
  line.append(R"(,"latency_ms":)");
  AppendLatency(r.latency_ms, line);
  line.append(R"(,"integration_id":)").append(r.integration_id.empty() ? "null" : JsonString(r.integration_id));
  line.append(R"(,"request_id":)").append(JsonString(r.request_id));
}

}  // namespace localnotion::http
