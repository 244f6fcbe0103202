// For pipeline tests: a Pipeline over a Service over a SQLite store in a temporary
// directory, with the integration of `token` bootstrapped (service/service_test_util.h).
#pragma once

#include <future>
#include <memory>
#include <string>

#include "http/pipeline.h"
#include "service/service_test_util.h"

namespace localnotion::http {

class PipelineTestBase : public service::ServiceTestBase<> {
 protected:
  void OpenPipeline(const std::string& token, const std::string& admin_token) {
    OpenService();
    auto tokens = Run([&] { return service_->Bootstrap({token}); });
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

  void TearDown() override {
    pipeline_.reset();
    ServiceTestBase::TearDown();
  }

  std::unique_ptr<Pipeline> pipeline_;
};

}  // namespace localnotion::http
