// The access log: one line per answered request on stderr (docs/compat.md, "Logs and
// metrics"), written with spdlog once the answer has been sent, never before.
//
//   text: 2026-01-01T12:00:00.123Z info GET /v1/pages/{id} 200 1.234ms integration=<id> request_id=<id>
//   json: {"time":"…","level":"info","method":"GET","path":"/v1/pages/…","status":200,
//          "latency_ms":1.234,"integration_id":"…","request_id":"…"}
//
// Lines reach stderr in batches, within 50 ms (http/batched_stderr_sink.h).
//
// A line holds the method, the path without its query string (hosted file links carry
// their signature there), the status, the latency, the integration id (none when the
// request was not authenticated as one) and the request id. It never holds a header,
// a token or a body. Request lines are at level info: with --log-level above it (warn,
// error, off) nothing is formatted and nothing is written.
#pragma once

#include <spdlog/common.h>

#include <memory>
#include <string>
#include <string_view>

#include "common/error.h"

namespace spdlog {
class logger;
}

namespace localnotion::http {

enum class LogFormat { kText, kJson };

// "text" or "json"; anything else is kInvalidRequest with a message for the command line.
Result<LogFormat> ParseLogFormat(std::string_view name);
// "trace", "debug", "info", "warn", "error", "critical" or "off".
Result<spdlog::level::level_enum> ParseLogLevel(std::string_view name);

// One answered request. The views must stay valid for the call to Write.
struct AccessRecord {
  std::string_view method;
  std::string_view path;  // without the query string
  int status = 0;
  double latency_ms = 0;
  std::string_view integration_id;  // "" when no integration was authenticated
  std::string_view request_id;
};

// Thread-safe: connections on every worker thread write to one log.
class AccessLog {
 public:
  // Writes to stderr.
  AccessLog(LogFormat format, spdlog::level::level_enum level);
  // Writes to `sink` (tests).
  AccessLog(LogFormat format, spdlog::level::level_enum level, std::shared_ptr<spdlog::sinks::sink> sink);
  ~AccessLog();

  // Whether request lines are written at all; when false, callers skip gathering them.
  bool enabled() const { return enabled_; }
  void Write(const AccessRecord& record);

  // Appends the part of a line after the time and the level.
  static void AppendTextMessage(const AccessRecord& record, std::string& line);
  static void AppendJsonMessage(const AccessRecord& record, std::string& line);

 private:
  LogFormat format_;
  bool enabled_;
  std::shared_ptr<spdlog::logger> logger_;
};

}  // namespace localnotion::http
