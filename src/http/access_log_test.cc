#include "http/access_log.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <spdlog/sinks/ostream_sink.h>

#include <chrono>
#include <ctime>
#include <sstream>
#include <string>

#include "common/json.h"

namespace localnotion::http {
namespace {

using ::testing::HasSubstr;
using ::testing::MatchesRegex;
using ::testing::Not;

AccessRecord Sample() {
  return AccessRecord{.method = "PATCH",
                      .path = "/v1/pages/59833787-2cf9-4fdf-8782-e53db20768a5",
                      .status = 200,
                      .latency_ms = 1.23456,
                      .integration_id = "0c1d2e3f-0000-4000-8000-000000000001",
                      .request_id = "7f6e5d4c-0000-4000-8000-000000000002"};
}

std::string Logged(LogFormat format, spdlog::level::level_enum level, const AccessRecord& r) {
  std::ostringstream out;
  AccessLog log(format, level, std::make_shared<spdlog::sinks::ostream_sink_mt>(out));
  log.Write(r);
  return out.str();
}

TEST(AccessLogTest, TextLineHoldsTimeMethodPathStatusLatencyIntegrationAndRequestId) {
  EXPECT_THAT(Logged(LogFormat::kText, spdlog::level::info, Sample()),
              MatchesRegex("[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\\.[0-9]{3}Z info "
                           "PATCH /v1/pages/59833787-2cf9-4fdf-8782-e53db20768a5 200 1\\.235ms "
                           "integration=0c1d2e3f-0000-4000-8000-000000000001 "
                           "request_id=7f6e5d4c-0000-4000-8000-000000000002\n"));
}

// The seconds since the epoch of a line's leading "YYYY-MM-DDTHH:MM:SS.mmmZ", read as UTC.
double LineTime(const std::string& line) {
  std::tm tm{};
  const char* rest = strptime(line.c_str(), "%Y-%m-%dT%H:%M:%S", &tm);
  if (rest == nullptr || rest[0] != '.' || rest[4] != 'Z') return -1;
  return static_cast<double>(timegm(&tm)) + std::stoi(std::string(rest + 1, 3)) / 1000.0;
}

// The time is the current UTC time with its milliseconds, in every line (the text up to
// the second is kept between lines of the same second).
TEST(AccessLogTest, LinesHoldTheTimeNowInUtc) {
  std::ostringstream out;
  AccessLog log(LogFormat::kText, spdlog::level::info, std::make_shared<spdlog::sinks::ostream_sink_mt>(out));
  auto now = [] { return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count(); };
  for (int i = 0; i < 3; ++i) {
    out.str("");
    const double before = now();
    log.Write(Sample());
    const double after = now();
    const double t = LineTime(out.str());
    EXPECT_GE(t, before - 0.001) << out.str();
    EXPECT_LE(t, after + 0.001) << out.str();
  }
  const std::string json = Logged(LogFormat::kJson, spdlog::level::info, Sample());
  ASSERT_EQ(json.rfind(R"({"time":")", 0), 0u) << json;
  EXPECT_NEAR(LineTime(json.substr(9)), now(), 5.0) << json;
}

TEST(AccessLogTest, TextLineWithoutIntegrationShowsADash) {
  AccessRecord r = Sample();
  r.integration_id = "";
  r.status = 401;
  EXPECT_THAT(Logged(LogFormat::kText, spdlog::level::info, r), HasSubstr(" 401 1.235ms integration=- request_id="));
}

TEST(AccessLogTest, JsonLineIsOneJsonObject) {
  std::string line = Logged(LogFormat::kJson, spdlog::level::info, Sample());
  ASSERT_FALSE(line.empty());
  EXPECT_EQ(line.back(), '\n');
  EXPECT_EQ(line.find('\n'), line.size() - 1);
  auto v = ParseJson(line.substr(0, line.size() - 1));
  ASSERT_TRUE(v.has_value()) << line;
  const json::object& o = v->as_object();
  EXPECT_THAT(std::string(o.at("time").as_string()),
              MatchesRegex("[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\\.[0-9]{3}Z"));
  EXPECT_EQ(o.at("level"), "info");
  EXPECT_EQ(o.at("method"), "PATCH");
  EXPECT_EQ(o.at("path"), "/v1/pages/59833787-2cf9-4fdf-8782-e53db20768a5");
  EXPECT_EQ(o.at("status"), 200);
  EXPECT_DOUBLE_EQ(o.at("latency_ms").to_number<double>(), 1.235);
  EXPECT_EQ(o.at("integration_id"), "0c1d2e3f-0000-4000-8000-000000000001");
  EXPECT_EQ(o.at("request_id"), "7f6e5d4c-0000-4000-8000-000000000002");
}

TEST(AccessLogTest, JsonEscapesThePathAndShowsNullWithoutIntegration) {
  AccessRecord r = Sample();
  r.path = "/v1/\"quoted\"\\";
  r.integration_id = "";
  std::string line = Logged(LogFormat::kJson, spdlog::level::info, r);
  auto v = ParseJson(line.substr(0, line.size() - 1));
  ASSERT_TRUE(v.has_value()) << line;
  EXPECT_EQ(v->as_object().at("path"), "/v1/\"quoted\"\\");
  EXPECT_TRUE(v->as_object().at("integration_id").is_null());
}

TEST(AccessLogTest, BracesInThePathAreNotAFormatString) {
  AccessRecord r = Sample();
  r.path = "/v1/{}/{0}";
  EXPECT_THAT(Logged(LogFormat::kText, spdlog::level::info, r), HasSubstr(" PATCH /v1/{}/{0} 200 "));
}

TEST(AccessLogTest, LevelsAboveInfoWriteNothing) {
  for (auto level : {spdlog::level::warn, spdlog::level::err, spdlog::level::off}) {
    std::ostringstream out;
    AccessLog log(LogFormat::kText, level, std::make_shared<spdlog::sinks::ostream_sink_mt>(out));
    EXPECT_FALSE(log.enabled());
    log.Write(Sample());
    EXPECT_EQ(out.str(), "");
  }
  std::ostringstream out;
  AccessLog debug(LogFormat::kText, spdlog::level::debug, std::make_shared<spdlog::sinks::ostream_sink_mt>(out));
  EXPECT_TRUE(debug.enabled());
}

TEST(AccessLogTest, ParsesFormatsAndLevels) {
  EXPECT_EQ(*ParseLogFormat("text"), LogFormat::kText);
  EXPECT_EQ(*ParseLogFormat("json"), LogFormat::kJson);
  auto bad = ParseLogFormat("yaml");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().message, "--log-format should be text or json, instead was yaml");
  EXPECT_EQ(*ParseLogLevel("off"), spdlog::level::off);
  EXPECT_EQ(*ParseLogLevel("info"), spdlog::level::info);
  EXPECT_EQ(*ParseLogLevel("warn"), spdlog::level::warn);
  EXPECT_EQ(*ParseLogLevel("error"), spdlog::level::err);
  auto typo = ParseLogLevel("of");
  ASSERT_FALSE(typo.ok());
  EXPECT_EQ(typo.error().message,
            "--log-level should be one of trace, debug, info, warn, error, critical, off, instead was of");
}

}  // namespace
}  // namespace localnotion::http
