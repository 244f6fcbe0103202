// For pipeline tests: a Pipeline over the service over a SQLite store in a temporary
// directory, with the integration of `token` bootstrapped (service/service_test_util.h).
#pragma once

#include <future>
#include <memory>
#include <optional>
#include <string>

#include "http/pipeline.h"
#include "service/admin/admin.h"
#include "service/service_test_util.h"

namespace localnotion::http {

class PipelineTestBase : public service::ServiceTestBase<> {
 protected:
  void OpenPipeline(const std::string& token, const std::string& admin_token) {
    OpenService();
    auto tokens = Run([&] { return service::admin::Bootstrap(*ctx_, {token}); });
    ASSERT_TRUE(tokens.ok()) << tokens.error().message;
    pipeline_ = std::make_unique<Pipeline>(store_->store(), state_, admin_token);
  }
  // Handles one request as the server does: a write's answer counts once it is durable.
  Response HandleDurably(const Request& req) {
    Response r = pipeline_->Handle(req);
    if (r.durable) {
      std::promise<void> done;
      if (r.durable->OnComplete([&done] { done.set_value(); })) done.get_future().wait();
      EXPECT_TRUE(r.durable->status().ok()) << r.durable->status().error().message;
    }
    return r;
  }

  // One request as a client sends it (no Authorization header when `token` is null),
  // answered as the server does; then the test's implicit read sees the write.
  Response Call(std::string method, std::string target, std::optional<std::string> token, std::string body = "",
                std::optional<std::string> version = std::string("2025-09-03")) {
    Request req;
    req.method = std::move(method);
    req.target = std::move(target);
    if (token) req.authorization = "Bearer " + *token;
    req.notion_version = std::move(version);
    req.body = std::move(body);
    Response r = HandleDurably(req);
    EXPECT_TRUE(store_->CommitBatch().ok());
    return r;
  }
  // A response body as JSON (null, and a failure, when it is not JSON).
  static json::value Json(const Response& r) {
    auto v = ParseJson(r.body);
    EXPECT_TRUE(v.has_value()) << r.body;
    return v ? *v : json::value(nullptr);
  }

  void TearDown() override {
    pipeline_.reset();
    ServiceTestBase::TearDown();
  }

  std::unique_ptr<Pipeline> pipeline_;
};

}  // namespace localnotion::http
