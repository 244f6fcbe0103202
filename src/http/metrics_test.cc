#include "http/metrics.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "http/routes.h"
#include "testing/temp_dir.h"

namespace localnotion::http {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

const Route* RouteOf(std::string_view method, std::string_view target) { return MatchRoute(method, target).route; }

TEST(MetricsTest, CountsRequestsByMethodRouteTemplateAndStatus) {
  Metrics m;
  const Route* get_page = RouteOf("GET", "/v1/pages/abc");
  ASSERT_NE(get_page, nullptr);
  m.Observe(get_page, 200, 2.0);
  m.Observe(get_page, 200, 30.0);
  m.Observe(get_page, 404, 1.0);
  m.Observe(nullptr, 400, 0.1);
  ServerInfo info{.version = "9.8.7"};
  std::string text = m.Render(info);
  EXPECT_THAT(text, HasSubstr("# TYPE localnotion_http_requests_total counter\n"));
  EXPECT_THAT(text,
              HasSubstr("localnotion_http_requests_total{method=\"GET\",route=\"/v1/pages/{}\",status=\"200\"} 2\n"));
  EXPECT_THAT(text,
              HasSubstr("localnotion_http_requests_total{method=\"GET\",route=\"/v1/pages/{}\",status=\"404\"} 1\n"));
  EXPECT_THAT(text,
              HasSubstr("localnotion_http_requests_total{method=\"other\",route=\"unmatched\",status=\"400\"} 1\n"));
  EXPECT_THAT(text, HasSubstr("localnotion_build_info{version=\"9.8.7\"} 1\n"));
  // The path asked for never becomes a label.
  EXPECT_THAT(text, Not(HasSubstr("abc")));
}

TEST(MetricsTest, LatencyHistogramIsCumulative) {
  Metrics m;
  const Route* get_page = RouteOf("GET", "/v1/pages/abc");
  m.Observe(get_page, 200, 0.3);    // <= 0.0005 s
  m.Observe(get_page, 200, 2.0);    // <= 0.0025 s
  m.Observe(get_page, 200, 20000);  // over every bucket
  std::string text = m.Render(ServerInfo{});
  const std::string labels = "method=\"GET\",route=\"/v1/pages/{}\"";
  EXPECT_THAT(text, HasSubstr("# TYPE localnotion_http_request_duration_seconds histogram\n"));
  EXPECT_THAT(text, HasSubstr("localnotion_http_request_duration_seconds_bucket{" + labels + ",le=\"0.0005\"} 1\n"));
  EXPECT_THAT(text, HasSubstr("localnotion_http_request_duration_seconds_bucket{" + labels + ",le=\"0.001\"} 1\n"));
  EXPECT_THAT(text, HasSubstr("localnotion_http_request_duration_seconds_bucket{" + labels + ",le=\"0.0025\"} 2\n"));
  EXPECT_THAT(text, HasSubstr("localnotion_http_request_duration_seconds_bucket{" + labels + ",le=\"10\"} 2\n"));
  EXPECT_THAT(text, HasSubstr("localnotion_http_request_duration_seconds_bucket{" + labels + ",le=\"+Inf\"} 3\n"));
  EXPECT_THAT(text, HasSubstr("localnotion_http_request_duration_seconds_count{" + labels + "} 3\n"));
  EXPECT_THAT(text, HasSubstr("localnotion_http_request_duration_seconds_sum{" + labels + "} 20.0023\n"));
}

TEST(MetricsTest, StoreSizeCountsTheFileAndItsWal) {
  testing::TempDir dir;
  const std::string path = (dir.path() / "s.db").string();
  EXPECT_EQ(StoreSizeBytes(path), 0);
  {
    std::FILE* f = std::fopen(path.c_str(), "wb");
    std::fputs("12345", f);
    std::fclose(f);
  }
  {
    std::FILE* f = std::fopen((path + "-wal").c_str(), "wb");
    std::fputs("123", f);
    std::fclose(f);
  }
  EXPECT_EQ(StoreSizeBytes(path), 8);
  Metrics m;
  EXPECT_THAT(m.Render(ServerInfo{.store_path = path}), HasSubstr("localnotion_store_size_bytes 8\n"));
  EXPECT_THAT(m.Render(ServerInfo{}), Not(HasSubstr("localnotion_store_size_bytes")));
}

}  // namespace
}  // namespace localnotion::http
