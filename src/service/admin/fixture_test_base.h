// The base of the fixture tests (fixtures_test.cc, fixtures_uploads_test.cc): a service on
// a fresh store bootstrapped with `tokens` (none: the server generates and prints one,
// kept in bootstrapped_), and Seed and Export as the admin API runs them.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "service/admin/admin.h"
#include "service/service_test_util.h"

namespace localnotion::service {

class FixtureTestBase : public ServiceTestBase<::testing::Test> {
 protected:
  explicit FixtureTestBase(std::vector<std::string> tokens) : tokens_(std::move(tokens)) {}

  void SetUp() override {
    OpenService();
    auto tokens = Run([&] { return admin::Bootstrap(*ctx_, tokens_); });
    ASSERT_TRUE(tokens.ok());
    bootstrapped_ = std::move(*tokens);
  }
  Status Seed(std::string_view text) { return SeedValue(J(text)); }
  Status SeedValue(const json::value& f) {
    auto r = Run([&]() -> Result<bool> {
      LN_RETURN_IF_ERROR(admin::SeedFixture(*ctx_, f));
      return true;
    });
    return r.ok() ? OkStatus() : Status(r.error());
  }
  std::string Export() {
    auto e = Run([&] { return admin::ExportFixture(*ctx_); });
    EXPECT_TRUE(e.ok()) << e.error().message;
    return e.ok() ? SerializeJson(*e) : "";
  }

  // The tokens Bootstrap answered.
  std::vector<std::string> bootstrapped_;

 private:
  std::vector<std::string> tokens_;
};

}  // namespace localnotion::service
